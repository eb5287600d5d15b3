"""The stored light never lies: random sequences of every step that changes a light's input
(deploy, sign, return, report, 申请办结, 验收, 退回办理, reopen, milestones, extensions, edits,
splits, the calendar rolling over) leave every task's stored light equal to a fresh computation."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.plans import services, task_flow
from luoshi.plans.jobs import recompute_all_lights
from luoshi.plans.light_store import stale_lights
from luoshi.plans.models import Extension, Milestone, Task
from luoshi.progress import services as progress
from luoshi.progress.tests.factories import make_plan

START = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)
STEPS = ["deploy", "sign", "return", "report", "request_close", "accept", "send_back", "reopen", "milestone",
         "milestone_done", "milestone_check", "extend", "edit", "split", "days"]


class Rollback(Exception):
    """Undo one example's writes."""


def _step(world, clock, name: str, task: Task, number: int) -> None:
    office, village, leader = world.user("office"), world.user("village"), world.user("leader")
    task = Task.objects.unscoped("the task a step acts on").get(pk=task.pk)
    today = timezone.localdate()
    actions = {
        "deploy": lambda: services.task_deploy(actor=office, task=task),
        "sign": lambda: services.task_sign(actor=village, task=task),
        "return": lambda: services.task_return(actor=village, task=task, reason="请分解到各村"),
        "report": lambda: progress.report_submit(actor=village, task=task, text="推进中", percent=number % 101),
        "request_close": lambda: task_flow.task_request_close(actor=village, task=task, note="已完成"),
        "accept": lambda: task_flow.task_accept(actor=office if number % 2 else leader, task=task, note="统一验收"),
        "send_back": lambda: task_flow.task_send_back(actor=leader, task=task, reason="材料不全"),
        "reopen": lambda: task_flow.task_reopen(actor=office, task=task, reason="复查不合格"),
        "milestone": lambda: services.milestone_add(actor=office, task=task, title=f"节点{number}",
                                                    due_date=today + dt.timedelta(days=number % 40 - 10)),
        "milestone_done": lambda: _first(Milestone, task, lambda m: task_flow.milestone_done(
            actor=village, milestone=m, note="完成"), done_at__isnull=True),
        "milestone_check": lambda: _first(Milestone, task, lambda m: task_flow.milestone_check(
            actor=office, milestone=m, accept=number % 2 == 0, reason="退回"), done_at__isnull=False),
        "extend": lambda: _extend(office, village, task, number),
        "edit": lambda: services.task_update(actor=office, task=task, version=task.version,
                                             deadline=today + dt.timedelta(days=number % 120 - 30)),
        "split": lambda: services.task_split(actor=office, task=task, units=[world.unit("village")]),
        "days": lambda: clock.append(clock.pop() + dt.timedelta(days=1 + number % 20)),
    }
    try:
        with transaction.atomic():
            actions[name]()
    except (ServiceError, NotAllowed, OutOfScope):
        pass  # a step the state does not allow is refused, and changes nothing
    if name == "days":
        recompute_all_lights(today=timezone.localdate())  # the nightly job of the new day


def _first(model, task, run, **filters):
    item = model.objects.unscoped("a step's milestone").filter(task=task, **filters).first()
    if item is not None:
        run(item)


def _extend(office, village, task, number):
    extension = services.extension_request(actor=village, task=task, reason="天气原因",
                                           new_deadline=(task.deadline or timezone.localdate())
                                           + dt.timedelta(days=10 + number % 30))
    services.extension_decide(actor=office, extension=Extension.objects.unscoped("t").get(pk=extension.pk),
                              approve=number % 3 != 0)


@pytest.mark.django_db(transaction=False)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(STEPS), st.integers(0, 200)), min_size=1, max_size=14))
def test_stored_lights_equal_fresh_ones_after_any_sequence_of_steps(world, monkeypatch, steps):
    clock = [START]
    monkeypatch.setattr(timezone, "now", lambda: clock[-1])
    try:
        with transaction.atomic():
            plan = make_plan(world, 2024)
            task = services.task_create(actor=world.user("office"), plan=plan, title="人居环境整治",
                                        requirement="年底前完成", lead_unit=world.unit("village"),
                                        deadline=dt.date(2024, 6, 30), start_date=dt.date(2024, 2, 1))
            if steps[0][1] % 4:  # most examples start from a task under way, where most steps apply
                _step(world, clock, "deploy", task, 0)
                _step(world, clock, "sign", task, 0)
            for name, number in steps:
                target = task
                if number % 3 == 0:  # sometimes a part of the task, when it has one
                    target = Task.objects.unscoped("a part").filter(parent=task).first() or task
                _step(world, clock, name, target, number)
                assert stale_lights(today=timezone.localdate()) == [], (name, steps)
            raise Rollback
    except Rollback:
        pass
