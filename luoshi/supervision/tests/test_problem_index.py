"""A list of problems reads its scope's OR through indexes on SQLite too. The liaison is indexed only where
set (models.problems.LIAISON_SET): with every NULL in the index, SQLite's statistics take `liaison_id = ?` for
all the rows, and each list scanned the whole table (a county's 50,000 problems: 8 ms for a township's count)."""

import pytest
from django.db import connection

from luoshi.supervision import services
from luoshi.supervision.models import Problem

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner and statistics")]


def test_a_township_s_problem_count_uses_the_indexes_of_its_scope(world):
    for unit, count in (("village", 2), ("other_village", 40)):  # the township's few among the county's many
        services.problem_create_many(actor=world.admin, rows=[
            {"description": f"第{n}处村口垃圾堆放", "category": "环境整治", "lead_unit": world.unit(unit)}
            for n in range(count)])
    table = Problem._meta.db_table
    columns = [f.column for f in Problem._meta.concrete_fields if f.column != "id"]
    listed = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        for _double in range(5):  # 1,344 rows, none with a liaison, as most are
            cursor.execute(f'INSERT INTO "{table}" ({listed}) SELECT {listed} FROM "{table}"')
        cursor.execute("ANALYZE")
        sql, params = Problem.objects.visible_to(world.user("office")).order_by().values("id").query.sql_with_params()
        cursor.execute(f"EXPLAIN QUERY PLAN SELECT COUNT(*) FROM ({sql})", params)
        plan = [row[3] for row in cursor.fetchall()]
    assert not any(step.startswith(f"SCAN {table}") for step in plan), plan
