"""The scope shortcut a plan's own rows are read through (core.scope.visible_in: the plan page's board
and lines): for every reader and every plan, exactly the rows visible_to gives of that plan. A leak or a
loss here would be silent."""

from decimal import Decimal

import pytest

from luoshi.org.testing import every_reader
from luoshi.plans import services
from luoshi.plans.models import Indicator, Plan, Task, WorkLine

pytestmark = pytest.mark.django_db


def _plans(world) -> list[Plan]:
    """A plan of the county and of each township, each with a line and a target split to units below."""
    shares = {"county": {"township": 40, "other_township": 60}, "township": {"village": 40, "department": 60},
              "other_township": {"other_village": 100}}
    made = []
    for key, split in shares.items():
        unit = world.unit(key)
        plan = services.plan_create(actor=world.admin, unit=unit, year=2024, title=f"{unit.name}2024年重点工作")
        line = services.line_create(actor=world.admin, plan=plan, name="乡村振兴专线", number="一")
        target = services.indicator_create(actor=world.admin, plan=plan, name="新建户厕", unit=unit, measure="座",
                                           target=Decimal(100), line=line)
        services.indicator_split(actor=world.admin, indicator=target,
                                 shares={world.unit(k): Decimal(v) for k, v in split.items()})
        made.append(Plan.objects.unscoped("the test's plans").select_related("unit").get(pk=plan.pk))
    return made


def test_visible_in_reads_the_rows_visible_to_gives_of_the_plan(world):
    readers = every_reader(world)
    checked = 0
    for plan in _plans(world):
        for model in (WorkLine, Indicator):
            for reader in readers:
                shortcut = set(model.objects.visible_in(reader, "plan", plan).values_list("pk", flat=True))
                scoped = set(model.objects.visible_to(reader).filter(plan=plan).values_list("pk", flat=True))
                assert shortcut == scoped, (model.__name__, plan.title, reader)
                checked += bool(shortcut)
    assert checked > 20  # rows are seen, not only empty sets compared


def test_visible_in_asks_for_an_arm_of_the_rule():
    with pytest.raises(ValueError):
        Task.objects.visible_in(None, "plan", Plan(pk=1))  # a task's scope has no plan's unit
