"""The attacks on the audit chain of issue 19 (finding 2), each on the database the suite runs on (CI runs it
on SQLite and on PostgreSQL): cutting the newest 500 entries or the oldest 3,000 with ordinary SQL, and,
with the owner's rights (the guards dropped), cutting the newest entries or editing one and recomputing
the chain. The database refuses the first; `luoshi audit verify` finds the rest and names what broke."""

import datetime as dt
import hashlib
import hmac
import json

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.utils import timezone

from luoshi.core import audit
from luoshi.core.models import AuditAction, AuditEntry, AuditPurge
from luoshi.generate.chain import AuditBatch

pytestmark = pytest.mark.django_db
N = 3600
# What the attacks below need of the product is plain SQL and `luoshi audit verify`: they ran unchanged
# against the code before the fix, where each attack went through and verify reported the log whole.


def _entries():
    return AuditEntry.objects.unscoped("reading the log in a test")


def _fill(n: int = N, *, days_ago: int = 0) -> list[int]:
    """`n` entries chained as the product chains them, written `days_ago` days ago; their ids."""
    batch, at = AuditBatch(), timezone.now() - dt.timedelta(days=days_ago)
    for i in range(n):
        batch.add(at=at + dt.timedelta(microseconds=i), actor=None, action=AuditAction.ACTION,
                  obj_type="test.thing", obj_id=i, repr_=f"第{i}条", unit_path="")
    with transaction.atomic():
        batch.flush()
    return list(_entries().order_by("id").values_list("id", flat=True))


def _sql(statement: str, params=()) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


def _forge_purge(upto_id: int) -> None:
    """A purge record as an attacker writes one with SQL, covering entries up to `upto_id`."""
    anchor = _entries().get(id=upto_id).hash
    _sql("INSERT INTO core_auditpurge (at, upto_id, anchor_hash, deleted) VALUES (%s, %s, %s, 0)",
         [timezone.now(), upto_id, anchor])


def _drop_guards() -> None:
    """What the database's owner can do: take the audit tables' triggers off (undone with the test's
    transaction)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE 'core_audit%'")
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER {name}")
        else:
            for table in ("core_auditentry", "core_auditpurge"):
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")


def _verify_output(capsys) -> tuple[int, str]:
    from luoshi.cli import main

    code = main(["audit", "verify"])
    return code, capsys.readouterr().out


def test_cutting_the_newest_500_entries_with_ordinary_sql_is_refused(capsys):
    ids = _fill()
    with pytest.raises(DatabaseError):  # the old way: a purge record covering them, written by hand ...
        _forge_purge(ids[-1])
    with pytest.raises(DatabaseError):  # ... then the delete (then the purge record withdrawn)
        _sql("DELETE FROM core_auditentry WHERE id >= %s", [ids[-500]])
    assert _entries().count() == N and not AuditPurge.objects.exists()
    assert _verify_output(capsys)[0] == 0 and audit.verify_chain().checked == N


def test_cutting_the_oldest_3000_entries_with_ordinary_sql_is_refused():
    ids = _fill()
    with pytest.raises(DatabaseError):
        _forge_purge(ids[2999])
    with pytest.raises(DatabaseError):
        _sql("DELETE FROM core_auditentry WHERE id <= %s", [ids[2999]])
    assert _entries().count() == N and audit.verify_chain().ok


def test_cutting_the_oldest_3000_entries_past_the_retention_period_by_hand_is_found(capsys):
    """Old enough to be purged, the database lets a purge record in; but only the retention job signs one."""
    ids = _fill(days_ago=200)
    _forge_purge(ids[2999])
    _sql("DELETE FROM core_auditentry WHERE id <= %s", [ids[2999]])
    report = audit.verify_chain()
    assert not report.ok and report.part == "purge" and "签名不符" in report.reason
    code, out = _verify_output(capsys)
    assert code == 1 and "[清理记录]" in out


def test_the_retention_job_purges_the_same_entries_and_the_rest_verifies():
    _fill(days_ago=200)
    _fill(600)
    assert audit.purge_expired(days=190) == N
    report = audit.verify_chain()
    assert report.ok and report.checked == 600 and report.purges == 1


def test_a_purge_shorter_than_the_retention_rule_is_refused():
    from luoshi.core.errors import ServiceError

    _fill(10, days_ago=100)
    with pytest.raises(ServiceError, match="190"):
        audit.purge_expired(days=30)
    assert _entries().count() == 10


def test_purge_records_and_the_seal_are_append_only():
    ids = _fill(20, days_ago=200)
    audit.purge_expired(days=190)
    purge = AuditPurge.objects.get()
    _fill(2)  # (an empty log may be cleared, purges and all: a test database's flush)
    for statement in ("UPDATE core_auditpurge SET upto_id = upto_id + 5", "DELETE FROM core_auditpurge",
                      "UPDATE core_auditpurge SET anchor_hash = 'x'"):
        with pytest.raises(DatabaseError):
            _sql(statement)
    with pytest.raises(DatabaseError):  # nor a second purge over the same entries
        _sql("INSERT INTO core_auditpurge (at, upto_id, anchor_hash, deleted, signature) VALUES (%s, %s, %s, 0, '')",
             [timezone.now(), ids[-1], purge.anchor_hash])
    assert AuditPurge.objects.get() == purge and purge.upto_id == ids[-1]
    _sql("INSERT INTO core_auditseal (at, legacy_upto_id, legacy_head, signature) VALUES (%s, 1, 'x', 'y')",
         [timezone.now()])
    with pytest.raises(DatabaseError):
        _sql("DELETE FROM core_auditseal")
    assert audit.verify_chain().part == "seal"  # and a seal not signed with the key is found


def test_cutting_the_newest_500_entries_with_the_guards_dropped_is_found_by_the_anchor(capsys, settings, tmp_path):
    from luoshi.core import audit_chain

    settings.LUOSHI_BACKUP_DIR = str(tmp_path)
    ids = _fill()
    anchor = audit_chain.write_anchor()
    assert audit.verify_chain().anchors == [anchor["file"].rsplit("/", 1)[1]]
    _drop_guards()
    _sql("DELETE FROM core_auditentry WHERE id >= %s", [ids[-500]])
    report = audit.verify_chain()
    assert not report.ok and report.part == audit_chain.ANCHOR and report.broken_id == ids[-1]
    assert "截断" in report.reason and f"只到第 {ids[-501]} 号" in report.reason
    code, out = _verify_output(capsys)
    assert code == 1 and "[链外锚点]" in out and "audit-anchor-" in out


def test_a_forged_anchor_file_is_found(settings, tmp_path):
    from luoshi.core import audit_chain

    settings.LUOSHI_BACKUP_DIR = str(tmp_path)
    _fill(5)
    path = audit_chain.anchor_dir() / "audit-anchor-2099-01-01.json"
    anchor = audit_chain.write_anchor()
    path.write_text(json.dumps({k: anchor[k] for k in ("at", "head_id", "head_hash")} | {"signature": "f" * 64}))
    report = audit.verify_chain()
    assert report.part == audit_chain.ANCHOR and path.name in report.reason


def _payload(entry) -> bytes:
    """An entry as its hash covers it: the chain's algorithm is public, only the key is not."""
    fields = ("at", "actor_id", "actor_name", "unit_path", "ip", "request_id", "action", "object_type", "object_id",
              "object_repr", "parent_type", "parent_id", "message", "result", "before", "after")
    data = {name: getattr(entry, name) for name in fields}
    data["at"] = entry.at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
    return (entry.prev_hash + json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))).encode()


DIGESTS = {
    "unkeyed SHA-256": lambda entry: hashlib.sha256(_payload(entry)).hexdigest(),
    "a guessed key": lambda entry: hmac.new(b"luoshi", _payload(entry), hashlib.sha256).hexdigest(),
}


def _recompute_from(first_id: int, digest) -> None:
    """Re-chain every entry from `first_id` with `digest`, as someone who rewrote one would."""
    prev = _entries().filter(id__lt=first_id).order_by("-id").values_list("hash", flat=True).first() or audit.GENESIS
    for entry in _entries().filter(id__gte=first_id).order_by("id"):
        entry.prev_hash = prev
        entry.hash = prev = digest(entry)
        _sql("UPDATE core_auditentry SET prev_hash = %s, hash = %s WHERE id = %s", [entry.prev_hash, entry.hash,
                                                                                    entry.id])


@pytest.mark.parametrize("how", DIGESTS)
def test_recomputing_the_chain_after_an_edit_is_found(capsys, how):
    ids = _fill(60)
    edited = ids[20]
    _drop_guards()
    _sql("UPDATE core_auditentry SET message = 'forged', actor_name = '别人' WHERE id = %s", [edited])
    _recompute_from(edited, DIGESTS[how])
    report = audit.verify_chain()
    assert (report.broken_id, report.checked) == (edited, 20)
    assert report.reason == "记录内容与哈希不一致（记录被篡改）"
    code, out = _verify_output(capsys)
    assert code == 1 and f"[哈希链] 第 {edited} 号记录处断裂" in out


def test_the_verify_command_says_what_it_checked(capsys, settings, tmp_path):
    from luoshi.core import audit_chain

    settings.LUOSHI_BACKUP_DIR = str(tmp_path)
    _fill(5)
    code, out = _verify_output(capsys)
    assert code == 0 and "共校验 5 条" in out and "尚无链外锚点" in out
    audit_chain.write_anchor()
    code, out = _verify_output(capsys)
    assert code == 0 and "链外锚点 1 个与日志一致" in out


def test_the_daily_anchor_job_writes_a_signed_file_and_its_log(settings, tmp_path):
    from luoshi.core.jobs import audit_anchor_daily
    from luoshi.core.models import JobRun

    settings.LUOSHI_BACKUP_DIR = str(tmp_path)
    ids = _fill(3)
    audit_anchor_daily()
    files = list((tmp_path / "audit-anchors").glob("audit-anchor-*.json"))
    assert len(files) == 1 and files[0].stat().st_mode & 0o077 == 0
    data = json.loads(files[0].read_text())
    assert data["head_id"] == ids[-1] and data["head_hash"] == _entries().get(id=ids[-1]).hash
    run = JobRun.objects.unscoped("test").get(name="audit.anchor")
    assert data["head_hash"] in run.log and data["signature"] in run.log
    assert audit.verify_chain().ok


def test_the_key_is_what_makes_an_entrys_hash():
    from luoshi.core import audit_chain

    entry = audit.record(actor=None, action=AuditAction.ACTION, message="一条")
    assert audit_chain.entry_hash(entry) == entry.hash != audit_chain.legacy_hash(entry)
    with override_settings(LUOSHI_AUDIT_KEY="another-key-" * 4):
        assert audit_chain.entry_hash(entry) != entry.hash
        assert not audit.verify_chain().ok


def test_a_restore_sets_the_old_anchors_aside_and_anchors_the_restored_log(settings, tmp_path):
    from luoshi.core import audit_chain, audit_guard
    from luoshi.core.backup import _reanchor

    settings.LUOSHI_BACKUP_DIR = str(tmp_path)
    ids = _fill(30)
    audit_chain.write_anchor()
    audit_guard.remove(connection)  # the restored database is older than the anchor: its newest entries are gone
    _sql("DELETE FROM core_auditentry WHERE id > %s", [ids[9]])
    audit_guard.install(connection)
    assert audit.verify_chain().part == audit_chain.ANCHOR
    _reanchor()
    report = audit.verify_chain()
    assert report.ok and report.checked == 10 and len(report.anchors) == 1
    aside = [p for p in audit_chain.anchor_dir().iterdir() if p.is_dir()]
    assert len(aside) == 1 and aside[0].name.startswith("before-restore-") and len(list(aside[0].iterdir())) == 1
