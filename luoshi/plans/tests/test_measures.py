"""The register measures' mechanism on its own (plans.measures), with a register of plans' own for
the test (its tasks), so nothing here needs the economy: a bound target counts the rows of its unit
and year, stores the count only through `indicator_count`, refuses an unknown key, and a draft's
words propose the longest matching measure. And an indicator's light against 序时进度."""

import datetime as dt

import pytest
from django.db.models import Q

from luoshi.core.errors import ServiceError
from luoshi.plans import lights, measures
from luoshi.plans import services as plans
from luoshi.plans.models import Light, Task
from luoshi.progress.tests.factories import make_plan


@pytest.fixture
def tasks_register():
    """A measure over plans' own tasks, registered for one test only."""
    saved = dict(measures._MEASURES)
    measure = measures.register(measures.Measure(
        key="test.tasks", label="任务数", ledger="tasks", model=Task, date_field="deadline", unit_paths=("scope_path",),
        filter=Q(parent__isnull=True), measure="项", words=("重点任务", "任务")))
    yield measure
    measures._MEASURES.clear()
    measures._MEASURES.update(saved)


@pytest.mark.django_db
def test_a_bound_target_counts_its_units_rows_of_its_year_and_refuses_an_unknown_key(world, tasks_register):
    office = world.user("office")
    plan = make_plan(world, 2024)
    for unit, deadline in (("village", dt.date(2024, 5, 1)), ("department", dt.date(2024, 6, 1)),
                           ("village", dt.date(2025, 1, 1))):
        plans.task_create(actor=office, plan=plan, title="任务", lead_unit=world.unit(unit), deadline=deadline)
    township = plans.indicator_create(actor=office, plan=plan, name="重点任务", unit=world.unit("township"),
                                      register_measure="test.tasks")
    village = plans.indicator_create(actor=office, plan=plan, name="重点任务", unit=world.unit("village"),
                                     register_measure="test.tasks")
    assert (township.actual, village.actual) == (None, None)  # as created: counted into the row, not the object
    township.refresh_from_db()
    village.refresh_from_db()
    assert (township.actual, village.actual) == (2, 1)
    # a row written through the ledger engine recounts the targets bound to its register at once
    plans.task_create(actor=office, plan=plan, title="任务", lead_unit=world.unit("village"), deadline=dt.date(2024, 9, 1))
    assert measures.stale_counts() == []
    township.refresh_from_db()
    village.refresh_from_db()
    assert (township.actual, village.actual) == (3, 2)
    assert measures.rows_changed(ledger="tasks", paths=[world.unit("village").path]) == 2
    assert measures.stale_counts() == []
    with pytest.raises(ServiceError, match="没有这个台账统计口径"):
        plans.indicator_create(actor=office, plan=plan, name="x", unit=world.unit("township"), register_measure="nope")


def test_the_longest_word_a_target_names_proposes_its_measure(tasks_register):
    measures.register(measures.Measure(key="test.yi", label="亿元", ledger="tasks", model=Task, date_field="deadline",
                                       unit_paths=("scope_path",), words=("亿元重点任务",)))
    assert measures.propose("完成亿元重点任务3项") == "test.yi"
    assert measures.propose("完成重点任务3项") == "test.tasks"
    assert measures.propose("道路硬化5公里") == ""  # no register counts it
    assert measures.choices()[0][0] == ""


@pytest.mark.parametrize(("actual", "target", "today", "light"), [
    (None, None, dt.date(2024, 6, 30), Light.NONE),  # no target: unlit
    (1, 3, dt.date(2023, 12, 1), Light.NONE),  # the year has not begun
    (0, 2, dt.date(2024, 1, 20), Light.GREEN),  # 5% of the year gone
    (1, 2, dt.date(2024, 7, 1), Light.GREEN),  # 50% against 50%
    (1, 3, dt.date(2024, 7, 1), Light.YELLOW),  # 33% against 50%: 17 points behind
    (0, 2, dt.date(2024, 7, 1), Light.RED),  # nothing at half the year
    (3, 3, dt.date(2024, 3, 1), Light.GREEN),  # reached
    (2, 3, dt.date(2025, 2, 1), Light.RED),  # the year is over, 67%
])
def test_an_indicators_light_follows_the_share_of_its_year_elapsed(actual, target, today, light):
    assert lights.indicator_light(actual=actual, target=target, year=2024, today=today)[0] == light
