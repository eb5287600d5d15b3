"""core.planning: a read inside `planned_each_time()` is never kept prepared on PostgreSQL (so never
given a generic plan), is still seen by Django's execute wrappers, and elsewhere runs as usual."""

import pytest
from django.db import connection

from luoshi.core.planning import planned_each_time
from luoshi.org.models import Unit

pytestmark = pytest.mark.django_db
MARK = "planning_probe"


def _prepared() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", [f"%{MARK}%"])
        return cursor.fetchone()[0]


def _read(n: int) -> None:
    for _ in range(n):
        Unit.objects.unscoped("a probe").extra(where=[f"'{MARK}' = %s"], params=[MARK]).count()


def test_a_read_planned_each_time_is_never_prepared_and_still_counted():
    seen = []

    def counter(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter), planned_each_time():
        _read(6)
    assert len(seen) == 6
    if connection.vendor != "postgresql" or not connection.settings_dict["OPTIONS"].get("prepare_threshold"):
        return
    assert _prepared() == 0
    _read(6)  # outside: kept prepared past the threshold, as every other read
    assert _prepared() == 1
