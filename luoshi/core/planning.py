"""Statements planned for their parameters every time.

The application keeps a PostgreSQL connection's statements prepared (config/env.py): after a few
runs PostgreSQL may switch a prepared statement to one generic plan, made without the parameters'
values. For most reads that plan is as good and saves the planning. For a read whose best plan
depends on its values — a village's reports of the year among a county's, where a range on dates
is guessed at a few rows — the generic plan reads every report of the year by date and then keeps
the village's (a unit page's count: 3 ms → 36 ms from the sixth run on). Such reads run inside
`planned_each_time()`, which sends them unprepared on PostgreSQL; elsewhere it changes nothing.
The statements still go through Django's execute wrappers, so they are counted like any other."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections


def _unprepared(execute, sql, params, many, context):
    if many or not params:
        return execute(sql, params, many, context)
    return context["cursor"].cursor.execute(sql, params, prepare=False)


@contextmanager
def planned_each_time(using: str = DEFAULT_DB_ALIAS):
    connection = connections[using]
    if connection.vendor != "postgresql" or not connection.settings_dict.get("OPTIONS", {}).get("prepare_threshold"):
        yield
        return
    with connection.execute_wrapper(_unprepared):
        yield
