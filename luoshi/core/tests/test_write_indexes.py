"""The tables every write appends to carry only the indexes their reads use: the audit log (one entry a
write) and the progress reports (one a note). Each index is paid on every INSERT, and one over a hash lands at
a random place: at county scale the audit's two hash indexes (the unique one and PostgreSQL's LIKE index
that `unique=True` adds) were 125 MB each and made the note's audit INSERT 2-4 ms (benchmarks/RESULTS.md)."""

import pytest
from django.db import IntegrityError, connection, transaction

from luoshi.core.models import AuditEntry
from luoshi.progress.models import ProgressReport

pytestmark = pytest.mark.django_db


def _index_columns(model) -> list[tuple[str, ...]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return [tuple(info["columns"]) for info in found.values() if info["index"] or info["unique"]]


def test_the_audit_hash_has_one_index_and_stays_unique(world):
    assert _index_columns(AuditEntry).count(("hash",)) == 1
    entry = AuditEntry.objects.unscoped("the test reads the last entry").order_by("-id").first()
    assert entry is not None  # the world's setup wrote entries
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEntry.objects.bulk_create([AuditEntry(at=entry.at, action=entry.action, prev_hash=entry.hash,
                                                   hash=entry.hash)])


def test_a_report_is_indexed_by_its_task_once_and_its_period_for_equality():
    columns = _index_columns(ProgressReport)
    assert [c for c in columns if c[:1] == ("task_id",)] == [("task_id", "created_at")]
    assert columns.count(("period",)) == 1
