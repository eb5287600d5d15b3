"""Stored indicator actuals never lie: random sequences of reports, 申请办结 with or without a
number, 验收, 重新办理, targets set by the office and further splits leave every actual equal to a
fresh recount of its rows, and the township's equal to what the rule says (plans.counting)."""

from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.roles import RoleCode
from luoshi.org import services as org
from luoshi.org.models import UnitKind
from luoshi.org.testing import make_user
from luoshi.plans import services as plans
from luoshi.plans import task_flow
from luoshi.plans.models import Indicator, Task, TaskStatus
from luoshi.progress import rollups, services
from luoshi.progress.tests.factories import make_plan, make_task

STEPS = ["report", "close", "close_with_value", "reopen", "send_back", "targets", "split_more"]
TARGETS = [(1, 1, 1), (2, 1, 0), (0, 0, 3)]
COUNTING = {"个": "one", "村": "unit", "万元": "never"}


class Rollback(Exception):
    """Undo one example's writes."""


def _world3(world):
    unit = org.unit_create(actor=world.admin, parent=world.unit("township"), name="张村", kind=UnitKind.VILLAGE)
    units = [world.unit("village"), world.unit("other_village_same_township"), unit]
    users = [world.user("village")] + [make_user(world.admin, f"v{i}", u, RoleCode.VILLAGE, u)
                                       for i, u in enumerate(units[1:], 2)]
    return units, users


class Expected:
    """What each village's share should be, kept beside the system by the rule itself."""

    def __init__(self, measure: str, n: int):
        self.kind = COUNTING[measure]
        self.reported: list[Decimal | None] = [None] * n
        self.done = [False] * n
        self.targets: list[Decimal | None] = [Decimal(1) if self.kind == "unit" else None] * n

    def share(self, i: int) -> Decimal | None:
        counted = self.kind == "unit" or (self.kind == "one" and self.targets[i] == 1)
        values = [v for v in (self.reported[i], Decimal(1) if counted and self.done[i] else None) if v is not None]
        return max(values) if values else None

    def total(self, n: int) -> Decimal | None:
        shares = [s for s in (self.share(i) for i in range(n)) if s is not None]
        return sum(shares, Decimal(0)) if shares else None


def _step(world, office, name, i, number, units, users, whole, total, expected, active):
    part = Task.objects.unscoped("the part a step acts on").filter(parent=whole, lead_unit=units[i]).first()
    if part is None and name != "split_more":
        return
    user = users[i]
    share = Indicator.objects.unscoped("the part's share").filter(tasks=part).first() if part else None
    value = Decimal(number % 4)
    try:
        with transaction.atomic():
            if name == "report":
                services.report_submit(actor=user, task=part, text="推进", values={share: value})
                expected.reported[i] = value
            elif name in ("close", "close_with_value"):
                if part.status == TaskStatus.DEPLOYED:
                    part = plans.task_sign(actor=user, task=part)
                values = {share: value} if name == "close_with_value" else None
                services.task_close_request(actor=user, task=part, note="已完成", values=values)
                if values:
                    expected.reported[i] = value
                if number % 5:  # most requests are accepted; the others wait
                    task_flow.task_accept(actor=office, task=part)
                    expected.done[i] = True
            elif name == "reopen":
                task_flow.task_reopen(actor=office, task=part, reason="复查不合格")
                expected.done[i] = False
            elif name == "send_back":
                task_flow.task_send_back(actor=office, task=part, reason="材料不全")
            elif name == "targets":
                shares = TARGETS[number % len(TARGETS)]
                plans.indicator_split(actor=office, indicator=total, shares={
                    units[k]: Decimal(shares[k]) for k in range(len(units))})
                expected.targets = [Decimal(v) for v in shares]
            elif name == "split_more" and part is None:
                plans.task_split(actor=office, task=whole, units=[units[i]])
                active.add(i)
    except (ServiceError, NotAllowed, OutOfScope):
        pass  # a step the state does not allow is refused, and changes nothing


@pytest.mark.django_db(transaction=False)
@example(measure="村", steps=[("close", 0, 1), ("report", 1, 2), ("reopen", 0, 0)])
@example(measure="个", steps=[("targets", 0, 0), ("close", 1, 1), ("split_more", 2, 0), ("close_with_value", 2, 3)])
@example(measure="个", steps=[("close", 0, 1), ("targets", 0, 0), ("targets", 0, 1)])  # a done part, then 1 each
@example(measure="万元", steps=[("targets", 0, 0), ("close", 0, 1), ("report", 1, 2)])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(measure=st.sampled_from(sorted(COUNTING)),
       steps=st.lists(st.tuples(st.sampled_from(STEPS), st.integers(0, 2), st.integers(0, 100)), max_size=12))
def test_stored_actuals_equal_a_recount_and_the_rule_after_any_sequence(world, measure, steps):
    office = world.user("office")
    try:
        with transaction.atomic():
            units, users = _world3(world)
            plan = make_plan(world, 2026)
            total = plans.indicator_create(actor=office, plan=plan, name="村公共卫生厕所", unit=world.unit("township"),
                                           measure=measure, target=Decimal(3))
            whole = make_task(world, plan, unit="township", title="建设村公共卫生厕所", deploy=False,
                              indicators=[total])
            plans.task_split(actor=office, task=whole, units=units[:2])  # 张村 may join later
            plans.task_deploy(actor=office, task=whole)
            expected, active = Expected(measure, len(units)), {0, 1}
            for name, i, number in steps:
                _step(world, office, name, i, number, units, users, whole, total, expected, active)
                for indicator in Indicator.objects.unscoped("every target of the plan").filter(plan=plan):
                    assert indicator.actual == rollups.indicator_recounted(indicator), (name, steps)
                stored = Indicator.objects.unscoped("the township's number").get(pk=total.pk).actual
                assert stored == expected.total(len(units)), (name, measure, steps)
            raise Rollback
    except Rollback:
        pass
