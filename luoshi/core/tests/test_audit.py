"""The audit log is append-only (also against raw SQL) and hash-chained; tampering is found."""

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from luoshi.core import audit
from luoshi.core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def _entries():
    return AuditEntry.objects.unscoped("reading the log in a test")


def _write(n: int = 3):
    return [audit.record(actor=None, action=AuditAction.ACTION, actor_name=f"测试{i}", message=f"第{i}条")
            for i in range(n)]


def test_each_entry_links_to_the_previous_one():
    first, second, third = _write()
    assert first.prev_hash == audit.GENESIS
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert audit.verify_chain().ok


def test_an_entry_cannot_be_updated_even_by_raw_sql():
    entry = _write(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET message = 'forged' WHERE id = %s", [entry.id])
    assert _entries().get(pk=entry.pk).message == "第0条"


def test_an_entry_cannot_be_deleted_even_by_raw_sql():
    entry = _write(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.id])
    assert _entries().filter(pk=entry.pk).exists()


def _without_guard(sql: str, params):
    """What an attacker with the database's owner rights could do: drop the guard, then edit."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER core_auditentry_no_update")
            cursor.execute("DROP TRIGGER core_auditentry_no_delete")
        else:
            cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_guard")
        cursor.execute(sql, params)


def test_verify_reports_the_first_changed_entry():
    entries = _write(5)
    _without_guard("UPDATE core_auditentry SET message = 'forged' WHERE id = %s", [entries[2].id])
    report = audit.verify_chain()
    assert not report.ok and report.broken_id == entries[2].id and report.checked == 2


def test_verify_reports_a_removed_entry_at_the_next_one():
    entries = _write(5)
    _without_guard("DELETE FROM core_auditentry WHERE id = %s", [entries[1].id])
    report = audit.verify_chain()
    assert report.broken_id == entries[2].id


def test_the_verify_command_exits_non_zero_on_tampering(capsys):
    from luoshi.cli import main

    entries = _write(3)
    assert main(["audit", "verify"]) == 0
    _without_guard("UPDATE core_auditentry SET actor_name = 'x' WHERE id = %s", [entries[1].id])
    assert main(["audit", "verify"]) == 1
    assert f"第 {entries[1].id} 号记录" in capsys.readouterr().out


def test_retention_purge_removes_only_entries_past_the_period_and_the_rest_still_verifies(monkeypatch):
    # the database checks a purge against its own clock: the entries are written in the past, not the
    # purge run in the future
    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now - dt.timedelta(days=191))
    written = _write(4)
    monkeypatch.setattr(timezone, "now", lambda: now - dt.timedelta(days=189))
    _write(2)
    monkeypatch.setattr(timezone, "now", lambda: now)
    assert audit.purge_expired(days=190) == len(written)
    assert audit.verify_chain().ok and audit.verify_chain().checked == 2
    assert audit.purge_expired(days=190) == 0
    _write(2)
    assert audit.verify_chain().ok and audit.verify_chain().checked == 4


def test_retention_defaults_to_190_days():
    from django.conf import settings

    assert settings.LUOSHI_AUDIT_RETENTION_DAYS == 190


def test_snapshots_are_plain_json():
    from luoshi.org.models import Unit

    unit = Unit(name="测试", kind="village", path="/1/", depth=1)
    unit.pk = 5
    data = audit.snapshot(unit)
    assert data["name"] == "测试" and data["id"] == 5
