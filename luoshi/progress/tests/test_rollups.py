"""Indicator values: each unit's latest value is its actual, and villages sum to the township."""

from decimal import Decimal

import pytest

from luoshi.core.errors import ServiceError
from luoshi.plans import services as plans
from luoshi.plans.models import Indicator
from luoshi.progress import selectors, services
from luoshi.progress.tests.factories import make_plan, make_task, second_village_user


def _actual(indicator):
    return Indicator.objects.unscoped("reading back in a test").get(pk=indicator.pk).actual


@pytest.fixture
def split(world):
    """A township target of 10 cooperatives split 6 / 4 between two villages, one task each."""
    office = world.user("office")
    plan = make_plan(world, 2026)
    line = plans.line_create(actor=office, plan=plan, name="乡村振兴专线")
    total = plans.indicator_create(actor=office, plan=plan, name="新建合作社", unit=world.unit("township"),
                                   measure="家", target=Decimal(10), line=line)
    ours, theirs = plans.indicator_split(actor=office, indicator=total, shares={
        world.unit("village"): Decimal(6), world.unit("other_village_same_township"): Decimal(4)})
    task = make_task(world, plan, title="发展合作社", indicators=[total], line=line)
    other = make_task(world, plan, unit="other_village_same_township", title="发展合作社（庙口村）", indicators=[theirs])
    return {"plan": plan, "total": total, "ours": ours, "theirs": theirs, "task": task, "other": other}


def test_villages_sum_to_the_township_and_the_latest_value_counts(world, split):
    village, village2 = world.user("village"), second_village_user(world)
    services.report_submit(actor=village, task=split["task"], text="建成 2 家", values={split["total"]: Decimal(2)})
    assert (_actual(split["ours"]), _actual(split["total"])) == (Decimal(2), Decimal(2))
    services.report_submit(actor=village2, task=split["other"], text="建成 3 家", values={split["theirs"]: Decimal(3)})
    assert _actual(split["total"]) == Decimal(5)
    services.report_submit(actor=village, task=split["task"], text="累计建成 4 家", values={split["total"]: 4})
    assert (_actual(split["ours"]), _actual(split["theirs"]), _actual(split["total"])) == (4, 3, 7)


def test_a_value_for_an_indicator_not_on_the_task_is_refused(world, split):
    with pytest.raises(ServiceError, match="不属于"):
        services.report_submit(actor=world.user("village"), task=split["task"], text="x",
                               values={split["theirs"]: Decimal(1)})


def test_a_split_target_needs_the_units_own_share(world, split):
    office_task = make_task(world, split["plan"], unit="department", title="全镇合作社", indicators=[split["total"]])
    with pytest.raises(ServiceError, match="已分解"):
        services.report_submit(actor=world.user("office"), task=office_task, text="x",
                               values={split["total"]: Decimal(1)})


def test_an_unsplit_indicator_sums_the_latest_value_of_each_unit(world):
    office = world.user("office")
    plan = make_plan(world, 2026)
    indicator = plans.indicator_create(actor=office, plan=plan, name="清理垃圾", unit=world.unit("township"),
                                       measure="吨", target=Decimal(100))
    ours = make_task(world, plan, indicators=[indicator])
    theirs = make_task(world, plan, unit="other_village_same_township", indicators=[indicator])
    services.report_submit(actor=world.user("village"), task=ours, text="a", values={indicator: Decimal("10.5")})
    services.report_submit(actor=world.user("village"), task=ours, text="b", values={indicator: Decimal(12)})
    services.report_submit(actor=second_village_user(world), task=theirs, text="c", values={indicator: 8})
    assert _actual(indicator) == Decimal(20)


def test_progress_against_target_by_line_and_by_unit(world, split):
    services.report_submit(actor=world.user("village"), task=split["task"], text="x", values={split["total"]: 3})
    office_view = selectors.indicator_progress(actor=world.user("office"), plan=split["plan"])
    (line,) = office_view["by_line"]
    assert line["line"] == "乡村振兴专线" and [(r["name"], r["actual"], r["percent"]) for r in line["rows"]] == [
        ("新建合作社", Decimal(3), 30)]
    units = {u["unit"]: [(r["actual"], r["percent"]) for r in u["rows"]] for u in office_view["by_unit"]}
    assert units == {"河口镇": [(3, 30)], "路村": [(3, 50)], "庙口村": [(0, None)]}
    village_view = selectors.indicator_progress(actor=world.user("village"), plan=split["plan"])
    assert [u["unit"] for u in village_view["by_unit"]] == ["路村"]


def test_a_village_sees_its_own_share_by_line(world, split):
    village_view = selectors.indicator_progress(actor=world.user("village"), plan=split["plan"])
    assert [(line["line"], [r["target"] for r in line["rows"]]) for line in village_view["by_line"]] == [
        ("乡村振兴专线", [Decimal(6)])]
