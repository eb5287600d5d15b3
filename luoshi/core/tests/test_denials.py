"""Refusals are aggregated in the audit log and rate-limited (issue 19, low): a scan of thousands of refused
requests wrote one row each (6,784 refusals, 1,956 rows); now the first few of a login's refusals in a window
are logged one by one, then one row at 10, 20, 50, 100, 200 … refusals, and beyond the limit the answer is 429."""

import pytest
from django.conf import settings

from luoshi.core.models import AuditAction, AuditEntry
from luoshi.org.testing import client_for

pytestmark = pytest.mark.django_db


def _denials(user):
    return AuditEntry.objects.unscoped("reading the log in a test").filter(action=AuditAction.DENIED, actor=user)


def test_the_defaults():
    assert (settings.LUOSHI_DENIALS_AUDITED, settings.LUOSHI_DENIALS_LIMIT,
            settings.LUOSHI_DENIALS_WINDOW_MINUTES) == (5, 100, 10)


def test_a_scan_of_refused_pages_writes_a_handful_of_rows_and_is_then_answered_429(world):
    village = client_for(world, "village")
    statuses = [village.get("/org/users/").status_code for _ in range(250)]
    assert statuses == [403] * 100 + [429] * 150
    rows = list(_denials(world.user("village")).order_by("id").values_list("message", flat=True))
    assert len(rows) == 5 + 5  # five one by one, then at 10, 20, 50, 100 and 200
    assert rows[:5] == ["GET /org/users/"] * 5
    assert rows[5].startswith("10 分钟内第 10 次被拒绝") and rows[-1].startswith("10 分钟内第 200 次被拒绝")
    assert "GET /org/users/" in rows[-1]


def test_another_login_is_counted_on_its_own(world):
    village, cadre = client_for(world, "village"), client_for(world, "cadre")
    for _ in range(101):
        village.get("/org/users/")
    assert village.get("/org/users/").status_code == 429
    assert cadre.get("/org/users/").status_code == 403
    assert cadre.get("/").status_code == 200 and village.get("/").status_code == 200  # allowed pages still open
    assert _denials(world.user("cadre")).count() == 1
