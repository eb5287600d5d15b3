"""A visit captured on a phone without signal and sent later: dated by its capture within the offline grace,
its report counting then too, one visit however often the phone resends it, refused in Chinese."""

import datetime as dt

import pytest
from django.utils import timezone

from luoshi.org import services as org
from luoshi.people import visits
from luoshi.people.models import CheckItem, Visit
from luoshi.people.tests.factories import all_passed, household
from luoshi.progress.tests.factories import make_task, photo

pytestmark = pytest.mark.django_db


def test_an_offline_visit_is_dated_by_its_capture_and_a_resend_is_one_visit(world):
    h = household(world)
    cadre = world.user("cadre")
    task = make_task(world, unit="village", title="帮扶户入户走访", owner=cadre.person)
    captured = timezone.now() - dt.timedelta(days=2)
    first = visits.visit_record(actor=cadre, household=h, checks=all_passed(), captured_at=captured,
                                idempotency_key="v-1", report_on=task)
    assert first.visited_on == timezone.localdate(captured) and first.captured_at == captured
    assert first.report.captured_at == captured and first.report.counted_at == captured
    again = visits.visit_record(actor=cadre, household=h, checks=all_passed(), captured_at=captured,
                                idempotency_key="v-1", report_on=task)
    assert again.replayed and again.pk == first.pk
    assert Visit.objects.unscoped("t").count() == 1


def test_the_visit_api_validates_with_the_page_form_and_records_both_times(world):
    from django.test import Client

    h = household(world)
    _token, raw = org.token_create(actor=world.user("cadre"), name="测试")
    headers = {"Authorization": f"Bearer {raw}", "Idempotency-Key": "phone-v"}
    data = {f"{item}_passed": "1" for item in CheckItem.values} | {"note": "离线走访"}
    captured = (timezone.now() - dt.timedelta(hours=5)).replace(microsecond=0)
    url = f"/api/v1/households/{h.pk}/visits/"
    bad = Client().post(url, data | {"water_passed": "0"}, headers={**headers, "Idempotency-Key": "x"})
    assert bad.status_code == 400 and "请写明情况" in bad.json()["detail"]
    answer = Client().post(url, data | {"captured_at": captured.isoformat(), "files": [photo()]}, headers=headers)
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["captured_at"] == captured.isoformat() and body["created_at"] > body["captured_at"]
    assert Client().post(url, data | {"captured_at": captured.isoformat()}, headers=headers).status_code == 200
    assert Visit.objects.unscoped("t").count() == 1
    assert visits.photos_of(actor=world.user("cadre"), visit=Visit.objects.unscoped("t").get()).count() == 1
