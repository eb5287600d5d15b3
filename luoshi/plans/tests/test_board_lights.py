"""The board lights its targets and counts its shares by light in one pass against one day's 序时进度
(`selectors.indicator_board`): each light, reason and source as `lights.indicator_light` and the measure's
label give them for that target alone."""

import datetime as dt
from collections import Counter
from decimal import Decimal

from luoshi.plans import lights, measures, selectors, services
from luoshi.plans.models import Indicator
from luoshi.plans.tests.factories import make_plan


def test_the_boards_lights_and_share_counts_are_each_targets_own(world):
    office = world.user("office")
    plan, _line = make_plan(world)
    township = world.unit("township")
    today = dt.date(plan.year, 7, 1)  # half the year gone: green, yellow and red all possible
    made = []
    for n, (target, actual) in enumerate([(100, 100), (100, 45), (100, 30), (100, 5), (None, 3), (80, 0), (0, 0)]):
        ind = services.indicator_create(actor=office, plan=plan, unit=township, name=f"指标{n}", measure="个",
                                        target=target, register_measure="projects.yi_signed" if n == 1 else "")
        Indicator.objects.unscoped("the test sets actuals").filter(pk=ind.pk).update(actual=Decimal(actual))
        made.append(ind)
    shares = services.indicator_split(actor=office, indicator=made[1], shares={
        world.unit("village"): Decimal(60), world.unit("other_village_same_township"): Decimal(40)})
    for share, actual in zip(shares, (Decimal(60), Decimal(1)), strict=True):
        Indicator.objects.unscoped("the test sets actuals").filter(pk=share.pk).update(actual=actual)
    board = selectors.indicator_board(actor=office, plan=plan, today=today, top=True)
    assert len(board) == len(made)
    for item in board:
        expected = lights.indicator_light(actual=item.actual, target=item.target, year=plan.year, today=today)
        assert (item.light, item.light_reason) == expected, item.name
        bound = measures.get(item.register_measure)
        assert item.source == (str(bound.label) if bound else "")
    assert {item.light for item in board} >= {"green", "yellow", "red", ""}
    split = next(item for item in board if item.pk == made[1].pk)
    rows = Indicator.objects.unscoped("the shares").filter(parent=made[1])
    assert split.shares == Counter(lights.indicator_light(actual=row.actual, target=row.target, year=plan.year,
                                                          today=today)[0] for row in rows)
    assert split.share_count == 2 and split.source
