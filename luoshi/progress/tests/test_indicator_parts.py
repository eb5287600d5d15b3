"""A split task's parts count for their units' shares: a village's report on its part moves its
share and the township's number in the same step, and a share that is one thing for its unit
counts 1 when its part is 已办结 (plans.counting)."""

from decimal import Decimal

import pytest

from luoshi.core.errors import ServiceError
from luoshi.core.roles import RoleCode
from luoshi.org import services as org
from luoshi.org.models import UnitKind
from luoshi.org.testing import make_user
from luoshi.plans import services as plans
from luoshi.plans import task_flow
from luoshi.plans.models import Indicator, Task
from luoshi.plans.tests.factories import complete_task
from luoshi.progress import rollups, services
from luoshi.progress.tests.factories import make_plan, make_task, second_village_user


def _actual(indicator):
    return Indicator.objects.unscoped("reading back in a test").get(pk=indicator.pk).actual


def _parts(task):
    return {p.lead_unit.name: p for p in Task.objects.unscoped("test").filter(parent=task).select_related("lead_unit")}


def _linked(task):
    return list(Indicator.objects.unscoped("test").filter(tasks=task))


@pytest.fixture
def third_village(world):
    unit = org.unit_create(actor=world.admin, parent=world.unit("township"), name="张村", kind=UnitKind.VILLAGE)
    return unit, make_user(world.admin, "village3", unit, RoleCode.VILLAGE, unit)


def _toilets(world, *, measure="个", target=Decimal(3)):
    """3 villages build public toilets: a township target, one township task split to the villages."""
    office = world.user("office")
    plan = make_plan(world, 2026)
    total = plans.indicator_create(actor=office, plan=plan, name="村公共卫生厕所建设", unit=world.unit("township"),
                                   measure=measure, target=target)
    whole = make_task(world, plan, unit="township", title="建设村公共卫生厕所", deploy=False, indicators=[total])
    return total, whole


def _done(world, task, user):
    """申请办结 by the village's own user, 验收 by the office."""
    task = plans.task_sign(actor=user, task=task)
    task_flow.task_request_close(actor=user, task=task, note="已建成")
    return task_flow.task_accept(actor=world.user("office"), task=task)


def _split(world, whole, units):
    plans.task_split(actor=world.user("office"), task=whole, units=units)
    plans.task_deploy(actor=world.user("office"), task=whole)
    return _parts(whole)


def test_each_part_counts_for_its_units_share_and_the_township_sums_them(world):
    total, whole = _toilets(world, measure="家", target=Decimal(10))
    parts = _split(world, whole, [world.unit("village"), world.unit("other_village_same_township")])
    shares = {s.unit.name: s for s in Indicator.objects.unscoped("test").filter(parent=total).select_related("unit")}
    assert set(shares) == {"路村", "庙口村"} and all(s.target is None for s in shares.values())  # the office sets it
    assert _linked(parts["路村"]) == [shares["路村"]] and _linked(parts["庙口村"]) == [shares["庙口村"]]
    assert _linked(whole) == [total]
    services.report_submit(actor=world.user("village"), task=parts["路村"], text="建成 2 家",
                           values={shares["路村"]: Decimal(2)})
    assert (_actual(shares["路村"]), _actual(total)) == (2, 2)
    services.report_submit(actor=second_village_user(world), task=parts["庙口村"], text="建成 3 家",
                           values={shares["庙口村"]: 3})
    assert _actual(total) == 5 == rollups.indicator_recounted(total)


def test_a_part_uses_the_share_the_office_already_set_and_a_second_split_adds_none(world):
    total, whole = _toilets(world, measure="家", target=Decimal(10))
    ours, theirs = plans.indicator_split(actor=world.user("office"), indicator=total, shares={
        world.unit("village"): Decimal(6), world.unit("other_village_same_township"): Decimal(4)})
    parts = _split(world, whole, [world.unit("village")])
    assert _linked(parts["路村"]) == [ours]
    plans.task_split(actor=world.user("office"), task=whole, units=[world.unit("other_village_same_township")])
    assert Indicator.objects.unscoped("test").filter(parent=total).count() == 2
    assert _linked(_parts(whole)["庙口村"]) == [theirs]


def test_the_office_sets_the_targets_of_shares_a_split_made_and_they_must_add_up(world):
    total, whole = _toilets(world, measure="家", target=Decimal(10))
    _split(world, whole, [world.unit("village"), world.unit("other_village_same_township")])
    office, village, other = world.user("office"), world.unit("village"), world.unit("other_village_same_township")
    with pytest.raises(ServiceError, match="分解合计 6 与目标值 10 不一致"):
        plans.indicator_split(actor=office, indicator=total, shares={village: Decimal(6)})
    shares = plans.indicator_split(actor=office, indicator=total, shares={village: Decimal(6), other: Decimal(4)})
    assert [s.target for s in shares] == [6, 4]
    assert Indicator.objects.unscoped("test").filter(parent=total).count() == 2


def test_what_a_village_reported_on_the_whole_target_before_the_split_stays_its_own(world):
    office = world.user("office")
    plan = make_plan(world, 2026)
    total = plans.indicator_create(actor=office, plan=plan, name="清理垃圾", unit=world.unit("township"),
                                   measure="吨", target=Decimal(100))
    direct = make_task(world, plan, indicators=[total])
    services.report_submit(actor=world.user("village"), task=direct, text="10 吨", values={total: Decimal(10)})
    whole = make_task(world, plan, unit="township", title="垃圾清运", deploy=False, indicators=[total])
    _split(world, whole, [world.unit("village"), world.unit("other_village_same_township")])
    assert _actual(total) == 10 == rollups.indicator_recounted(total)


def test_three_villages_with_shares_of_one_count_their_parts_done(world, third_village):
    unit3, user3 = third_village
    villages = [world.unit("village"), world.unit("other_village_same_township"), unit3]
    total, whole = _toilets(world)
    plans.indicator_split(actor=world.user("office"), indicator=total, shares=dict.fromkeys(villages, Decimal(1)))
    parts = _split(world, whole, villages)
    complete_task(world, parts["路村"])
    assert _actual(total) == 1
    _done(world, parts["庙口村"], second_village_user(world))
    assert _actual(total) == 2 == rollups.indicator_recounted(total)  # 2 of 3 villages done: 2 / 3
    task_flow.task_reopen(actor=world.user("office"), task=parts["路村"], reason="复查不合格")
    assert _actual(total) == 1 == rollups.indicator_recounted(total)


def test_a_measure_of_villages_gives_each_village_a_share_of_one_and_counts_it_done(world):
    total, whole = _toilets(world, measure="个村")
    parts = _split(world, whole, [world.unit("village"), world.unit("other_village_same_township")])
    assert [s.target for s in Indicator.objects.unscoped("test").filter(parent=total)] == [1, 1]
    complete_task(world, parts["路村"])
    assert _actual(total) == 1


@pytest.mark.parametrize("measure", ["个", "万元"])
def test_a_part_done_says_nothing_of_how_many_unless_its_share_is_one_thing(world, measure):
    total, whole = _toilets(world, measure=measure, target=None)
    parts = _split(world, whole, [world.unit("village"), world.unit("other_village_same_township")])
    complete_task(world, parts["路村"])
    assert _actual(total) is None  # "新上亿元项目 3 个": a part done may have brought 0, 1 or 5
    if measure == "万元":
        plans.indicator_split(actor=world.user("office"), indicator=total, shares={world.unit("village"): 1})
        assert _actual(total) is None  # 1 万元 is an amount, not a thing done


def test_a_reported_number_above_one_stands_and_a_zero_is_lifted_by_the_part_done(world):
    total, whole = _toilets(world, measure="村", target=Decimal(2))
    parts = _split(world, whole, [world.unit("village"), world.unit("other_village_same_township")])
    village, share = world.user("village"), _linked(parts["路村"])[0]
    plans.task_sign(actor=village, task=parts["路村"])
    services.report_submit(actor=village, task=parts["路村"], text="未开工", values={share: 0})
    assert _actual(total) == 0
    complete_task(world, parts["路村"])
    assert _actual(share) == 1 == _actual(total)
    second, other = second_village_user(world), parts["庙口村"]
    services.report_submit(actor=second, task=other, text="两处", values={_linked(other)[0]: 2})
    assert _actual(total) == 3 == rollups.indicator_recounted(total)


def test_a_recurring_part_that_ends_with_its_time_counts_nothing(world):
    import datetime as dt

    total, whole = _toilets(world, measure="村", target=Decimal(2))
    Task.objects.unscoped("test").filter(pk=whole.pk).update(
        recurrence="monthly", start_date=dt.date(2026, 1, 1), deadline=dt.date(2026, 1, 31))
    parts = _split(world, whole, [world.unit("village")])
    assert task_flow.tasks_end_periods(today=dt.date(2026, 2, 2)) >= 1
    assert Task.objects.unscoped("test").get(pk=parts["路村"].pk).status == "completed"
    assert _actual(total) is None


def test_linking_a_finished_part_to_a_share_of_one_by_an_edit_counts_it_and_unlinking_it_does_not(world):
    total, whole = _toilets(world, target=Decimal(2))
    ours, _theirs = plans.indicator_split(actor=world.user("office"), indicator=total, shares={
        world.unit("village"): Decimal(1), world.unit("other_village_same_township"): Decimal(1)})
    part = _split(world, whole, [world.unit("village")])["路村"]
    plans.task_update(actor=world.user("office"), task=part, version=part.version, indicators=[])
    complete_task(world, Task.objects.unscoped("test").get(pk=part.pk))
    assert _actual(total) in (None, 0)  # done, but counted for no target
    done = Task.objects.unscoped("test").get(pk=part.pk)
    plans.task_update(actor=world.user("office"), task=done, version=done.version, indicators=[ours])
    assert _actual(ours) == 1 == _actual(total) == rollups.indicator_recounted(total)
    done = Task.objects.unscoped("test").get(pk=part.pk)
    plans.task_update(actor=world.user("office"), task=done, version=done.version, indicators=[])
    assert not _actual(total) and _actual(total) == rollups.indicator_recounted(total)
