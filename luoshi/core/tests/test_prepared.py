"""core.prepared: a read built once per shape returns what the ORM returns; `get_scoped` reads
through it. A leak here would be silent, so every reader's reads are compared with the ORM's."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from luoshi.core.errors import OutOfScope
from luoshi.core.prepared import Shape
from luoshi.core.scope import ScopeNotApplied, get_scoped
from luoshi.org.models import Person
from luoshi.org.testing import every_reader
from luoshi.plans import services
from luoshi.plans.models import Task
from luoshi.plans.tests.factories import township_plan

pytestmark = pytest.mark.django_db


def _tasks(world) -> list[Task]:
    """Tasks each reader meets by a different arm of the rule: a unit's, a co-unit's, an owner's."""
    plan, admin = township_plan(world), world.admin

    def task(title, unit, **fields):
        return services.task_create(actor=admin, plan=plan, title=title, requirement="年底前完成",
                                    lead_unit=world.unit(unit), deadline=dt.date(2024, 12, 31), **fields)

    tasks = [task(f"{unit}的任务", unit) for unit in ("village", "department", "township", "other_village")]
    tasks.append(task("协办任务", "other_village", co_units=[world.unit("village")]))
    tasks.append(task("本人任务", "other_village", owner=world.user("village").person))
    return tasks


def _orm(reader, pk, action, related):
    rows = Task.objects.restrict(reader, action)
    try:
        return (rows.select_related(*related) if related else rows).get(pk=pk)
    except Task.DoesNotExist:
        return None


def test_get_scoped_reads_what_the_orm_reads_for_every_reader(world):
    tasks, found = _tasks(world), 0
    for reader in every_reader(world):
        for action, related in (("view", ()), ("view", ("plan",)), ("report", ("plan", "lead_unit")),
                                ("change", ())):
            for task in tasks:
                expected = _orm(reader, task.pk, action, related)
                try:
                    got = get_scoped(reader, Task, task.pk, action=action, related=related)
                except OutOfScope:
                    got = None
                assert (got is None) == (expected is None), (reader, action, task.title)
                if got is None:
                    continue
                found += 1
                assert [getattr(got, f.attname) for f in Task._meta.concrete_fields] == [
                    getattr(expected, f.attname) for f in Task._meta.concrete_fields]
                for name in related:  # read in the same statement, as select_related would
                    assert Task._meta.get_field(name).is_cached(got)
                    assert getattr(got, name) == getattr(expected, name)
                assert got._state.db == "default" and not got._state.adding
    assert found > 40  # rows are seen, not only refusals compared


def test_get_scoped_refuses_what_is_not_there_or_not_a_key(world):
    office = world.user("office")
    for pk in (0, -1, 2**63, 10**30, "x", None, 1.5):
        with pytest.raises(OutOfScope):
            get_scoped(office, Task, pk)
    task = _tasks(world)[0]
    assert get_scoped(office, Task, str(task.pk)).pk == task.pk  # the ORM's own reading of a text key


def test_a_shape_builds_its_statement_once_per_key(world):
    built = []

    def people(key, *, unit):
        built.append(key)
        return Person.objects.unscoped("the test's read").filter(unit_id=unit).order_by("id").values_list("name",
                                                                                                          flat=True)

    shape = Shape(people)
    village, township = world.unit("village"), world.unit("township")
    for _ in range(3):
        for unit in (village, township):
            assert shape.rows("names", unit=unit.pk) == list(
                Person.objects.unscoped("the ORM's answer").filter(unit=unit).order_by("id")
                .values_list("name", flat=True))
    assert built == ["names"]
    with CaptureQueriesContext(connection) as queries:
        shape.rows("names", unit=village.pk)
    assert len(queries) == 1 and str(village.pk) in queries[0]["sql"]


def test_a_shape_returns_values_and_instances_with_their_relations(world):
    values = Shape(lambda key, *, unit: Person.objects.unscoped("test").filter(unit_id=unit).values("id", "name"))
    instances = Shape(lambda key, *, unit: Person.objects.unscoped("test").select_related("unit").filter(unit_id=unit))
    unit = world.unit("village")
    assert values.rows(1, unit=unit.pk) == list(Person.objects.unscoped("test").filter(unit=unit).values("id", "name"))
    people = instances.rows(1, unit=unit.pk)
    assert people and all(Person.unit.is_cached(p) and p.unit == unit for p in people)


def test_a_shape_refuses_values_a_lookup_would_change_and_unscoped_reads(world):
    startswith = Shape(lambda key, *, name: Person.objects.unscoped("test").filter(name__startswith=name))
    with pytest.raises(ValueError):
        startswith.rows(1, name="张")
    with pytest.raises(TypeError):
        Shape(lambda key, *, on: Person.objects.unscoped("test").filter(pk=on)).rows(1, on=True)
    with pytest.raises(ScopeNotApplied):
        Shape(lambda key, *, pk: Task.objects.filter(pk=pk)).rows(1, pk=1)


def test_a_shape_that_covers_nothing_reads_nothing(world):
    shape = Shape(lambda key, *, pk: Task.objects.get_queryset().within(()).filter(pk=pk))
    task = _tasks(world)[0]
    with CaptureQueriesContext(connection) as queries:
        assert shape.rows(1, pk=task.pk) == []
    assert not queries



def test_a_model_with_its_own_restrict_is_read_through_it(world):
    """Discipline cases keep their own rule: their named readers beyond the grants, no superuser bypass."""
    from luoshi.party.models import DisciplineCase
    from luoshi.party.tests.test_discipline import case

    made = case(world)
    assert get_scoped(world.user("discipline"), DisciplineCase, made.pk).pk == made.pk
    for reader in (world.admin, world.user("office")):
        with pytest.raises(OutOfScope):
            get_scoped(reader, DisciplineCase, made.pk)
    DisciplineCase.readers.through.objects.create(disciplinecase_id=made.pk, person_id=world.user("office").person_id)
    assert get_scoped(world.user("office"), DisciplineCase, made.pk).pk == made.pk


def test_rows_by_ids_are_the_orms(world):
    """ByIds: a statement per number of keys, the rows the ORM reads for those keys, in any number of
    reads with other keys; more keys than a page holds are read through the ORM; no keys, no statement."""
    from luoshi.core.prepared import ByIds

    tasks = _tasks(world)
    by_ids = ByIds(lambda key, ids: Task.objects.unscoped("test").filter(pk__in=ids).order_by("pk")
                   .values_list("pk", key))
    for ids in ([tasks[0].pk], [t.pk for t in tasks[:3]], [t.pk for t in tasks[3:]], [t.pk for t in tasks[1:4]]):
        expected = list(Task.objects.unscoped("test").filter(pk__in=ids).order_by("pk").values_list("pk", "title"))
        assert by_ids.rows("title", ids) == expected
    assert by_ids.rows("title", [tasks[0].pk, -5]) == [(tasks[0].pk, tasks[0].title)]
    with CaptureQueriesContext(connection) as queries:
        assert by_ids.rows("title", []) == []
    assert not queries.captured_queries
    by_ids.most = 2
    many = [t.pk for t in tasks]
    assert by_ids.rows("title", many) == list(Task.objects.unscoped("test").filter(pk__in=many).order_by("pk")
                                              .values_list("pk", "title"))


def test_kept_statements_read_what_the_orm_reads_and_a_build_that_reads_is_not_kept(world):
    """Kept: ids a slice at a time and the count are the ORM's, read afresh each time; a build that
    ran a statement (it read something into the SQL) is built again on every read."""
    from luoshi.core.prepared import Kept, KeptList

    tasks = _tasks(world)
    kept, builds = Kept(), []

    def build():
        builds.append(1)
        return Task.objects.unscoped("test").order_by("-pk").values_list("pk", flat=True)
    listed = KeptList(kept, "all", build)
    expected = list(build())
    builds.clear()
    for _round in range(2):
        assert listed[0:2] == expected[0:2] and listed[2:10] == expected[2:10] and listed.count() == len(tasks)
    assert len(builds) == 3  # two slices and the count, once each
    Task.objects.unscoped("test").filter(pk=tasks[0].pk).delete()
    assert listed.count() == len(tasks) - 1 and tasks[0].pk not in listed[0:10]

    def reading():
        builds.append(1)
        first = Task.objects.unscoped("test").order_by("pk").values_list("pk", flat=True).first()
        return Task.objects.unscoped("test").filter(pk__gt=first).values_list("pk", flat=True)
    builds.clear()
    again = KeptList(kept, "reading", reading)
    assert again.count() == again.count() == len(tasks) - 2
    assert len(builds) == 2
    with pytest.raises(TypeError):
        again[3]
    assert KeptList(kept, "none", lambda: Task.objects.unscoped("test").none()).count() == 0
