"""The upgrade to the keyed chain (core 0007): a log written before it, purged once, keeps verifying, later
entries are keyed, and its unkeyed part cannot be rewritten and re-chained."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from luoshi.core import audit, audit_chain, audit_guard
from luoshi.core.models import AuditAction, AuditEntry, AuditPurge, AuditSeal

BEFORE = ("core", "0006_jobrun_status_shared")


def _migrate(target) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate([target] if target else executor.loader.graph.leaf_nodes())
    return executor


def _legacy_log(executor, n: int = 12, purged: int = 3) -> list[int]:
    """`n` entries written and chained as before the key (plain SHA-256), the oldest `purged` removed by a
    purge as the old retention job made one (unsigned, no cutoff)."""
    apps = executor.loader.project_state([BEFORE]).apps
    entry, purge = apps.get_model("core", "AuditEntry"), apps.get_model("core", "AuditPurge")
    prev, ids, at = audit.GENESIS, [], timezone.now() - dt.timedelta(days=400)
    for i in range(n):
        row = entry(at=at + dt.timedelta(seconds=i), actor_name="旧日志", action="update", object_type="org.unit",
                    object_id=str(i), message=f"第{i}条", before={"name": "甲"}, after={"name": "乙"}, prev_hash=prev)
        row.hash = prev = audit_chain.legacy_hash(row)
        row.save(force_insert=True)
        ids.append(row.id)
    last = entry.objects.get(id=ids[purged - 1])
    with transaction.atomic():
        purge.objects.create(upto_id=last.id, anchor_hash=last.hash, deleted=purged)
        entry.objects.filter(id__lte=last.id).delete()
    return ids


@pytest.mark.django_db(transaction=True)
def test_a_log_from_before_the_key_keeps_verifying_and_cannot_be_rechained(flushable_audit):
    ids = _legacy_log(_migrate(BEFORE))
    _migrate(None)
    seal = AuditSeal.objects.get()
    assert (seal.legacy_upto_id, seal.legacy_head) == (ids[-1], AuditEntry.objects.unscoped("t").get(id=ids[-1]).hash)
    assert AuditPurge.objects.get().signature  # the old purge, signed as it stood
    report = audit.verify_chain()
    assert report.ok and report.checked == 9 and report.purges == 1
    new = audit.record(actor=None, action=AuditAction.ACTION, message="升级之后")
    assert new.prev_hash == seal.legacy_head and new.hash == audit_chain.entry_hash(new)
    assert audit.verify_chain().ok and audit.verify_chain().checked == 10
    # an unkeyed entry rewritten and the unkeyed chain recomputed up to the seal: the seal's head no longer matches
    audit_guard.remove(connection)
    edited = ids[5]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET message = 'forged' WHERE id = %s", [edited])
        prev = AuditEntry.objects.unscoped("t").get(id=edited - 1).hash
        for entry in AuditEntry.objects.unscoped("t").filter(id__gte=edited, id__lte=ids[-1]).order_by("id"):
            entry.prev_hash = prev
            entry.hash = prev = audit_chain.legacy_hash(entry)
            cursor.execute("UPDATE core_auditentry SET prev_hash = %s, hash = %s WHERE id = %s",
                           [entry.prev_hash, entry.hash, entry.id])
    report = audit.verify_chain()
    assert not report.ok and report.broken_id == ids[-1] and "启用密钥前" in report.reason
    audit_guard.install(connection)


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_goes_back_and_forth(flushable_audit):
    _legacy_log(_migrate(BEFORE), n=4, purged=1)
    _migrate(None)
    _migrate(BEFORE)
    _migrate(None)
    assert AuditSeal.objects.count() == 1 and audit.verify_chain().ok
