"""Table stamps (core/freshness.py): any write to a watched table, by any path, changes its
stamp; a value remembered under the stamps is rebuilt after such a write and only then."""

import pytest
from django.db import connection

from luoshi.core import freshness
from luoshi.org.models import Unit
from luoshi.plans.models import Task
from luoshi.plans.tests.factories import make_plan, make_task


def _stamp(table):
    return freshness.versions(table)[0]


def test_every_kind_of_write_to_a_watched_table_changes_its_stamp(world):
    plan, line = make_plan(world)
    before = _stamp("plans_task")
    task = make_task(world, plan, line)  # insert through a service
    after_insert = _stamp("plans_task")
    Task.objects.unscoped("a bulk write, as the daily lights job does").filter(pk=task.pk).update(light="red")
    after_bulk = _stamp("plans_task")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE plans_task SET progress = 50 WHERE id = %s", [task.pk])
    after_raw = _stamp("plans_task")
    task.co_units.add(world.unit("department"))
    Task.objects.unscoped("deleting in a test").filter(pk=task.pk).delete()
    after_delete = _stamp("plans_task")
    assert len({before, after_insert, after_bulk, after_raw, after_delete}) == 5
    assert _stamp("plans_task_co_units") != 0


def test_a_read_leaves_the_stamps_alone_and_unwatched_tables_have_none(world):
    list(Unit.objects.unscoped("reading in a test").all())
    stamp = _stamp("org_unit")
    list(Unit.objects.unscoped("reading again").all())
    assert _stamp("org_unit") == stamp
    assert freshness.versions("no_such_table") == (0,)


def test_a_remembered_value_is_rebuilt_after_a_write_and_only_then(world, settings):
    settings.LUOSHI_CACHE_SECONDS = 60
    built = []

    def build():
        built.append(1)
        return Unit.objects.unscoped("counting in a test").count()

    assert freshness.remember("t", ["units"], tables=("org_unit",), build=build) == 10
    assert freshness.remember("t", ["units"], tables=("org_unit",), build=build) == 10
    assert len(built) == 1
    Unit.objects.unscoped("renaming in a test").filter(pk=world.unit("group").pk).update(name="第二村民小组")
    assert freshness.remember("t", ["units"], tables=("org_unit",), build=build) == 10
    assert len(built) == 2
    assert freshness.remember("t", ["other parts"], tables=("org_unit",), build=build) == 10
    assert len(built) == 3


def test_nothing_is_remembered_when_the_cache_is_off_or_the_value_is_none(world, settings):
    calls = []
    settings.LUOSHI_CACHE_SECONDS = 60
    for _ in range(2):
        freshness.remember("t", ["none"], tables=("org_unit",), build=lambda: calls.append(1))
    settings.LUOSHI_CACHE_SECONDS = 0
    for _ in range(2):
        freshness.remember("t", ["off"], tables=("org_unit",), build=lambda: calls.append(1) or 1)
    assert len(calls) == 4


def test_a_table_name_that_is_not_one_is_refused():
    with pytest.raises(ValueError):
        freshness._statements("sqlite", "plans_task; DROP TABLE x")


def test_every_watched_table_has_its_triggers_after_migrate_even_when_a_migration_rebuilt_it(db):
    # plans.0002 adds a column to plans_task, which SQLite does by rebuilding the table
    assert {"plans_task", "plans_task_co_units", "org_unit", "org_person", "org_user", "org_apitoken"} <= freshness.WATCHED
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%%_stamp_%%'")
        else:
            cursor.execute("SELECT DISTINCT event_object_table FROM information_schema.triggers "
                           "WHERE trigger_name LIKE '%%_stamp'")
        assert {row[0] for row in cursor.fetchall()} == freshness.WATCHED


def test_an_unwatched_table_cannot_key_a_cache(db):
    with pytest.raises(ValueError, match="not watched"):
        freshness.remember("t", [], tables=("plans_milestone",), build=lambda: 1)
