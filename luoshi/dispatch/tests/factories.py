"""A roll call built through the services: three people (two village secretaries and an aid
cadre), one task each, the cadre's task red."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from luoshi.dispatch import services
from luoshi.dispatch.models import Dispatch
from luoshi.plans.models import Task
from luoshi.progress.tests.factories import make_plan, make_task, second_village_user


@dataclass
class RollCall:
    dispatch: Dispatch
    tasks: list
    village: object
    village2: object
    cadre: object


def make_roll_call(world, **kw) -> RollCall:
    village, village2, cadre = world.user("village"), second_village_user(world), world.user("cadre")
    plan = make_plan(world, timezone.localdate().year)
    tasks = [make_task(world, plan, unit="village", title="路村扶贫问题排查整改", recurrence="mon_wed_fri"),
             make_task(world, plan, unit="other_village_same_township", title="庙口村扶贫问题排查整改",
                       recurrence="mon_wed_fri"),
             make_task(world, plan, unit="department", title="帮扶户两不愁三保障回头看", recurrence="mon_wed_fri",
                       owner=cadre.person)]
    Task.objects.unscoped("a red task for the bulletin").filter(pk=tasks[2].pk).update(light="red",
                                                                                      light_reason="逾期")
    dispatch = services.dispatch_create(
        actor=world.user("office"), name="扶贫干部一三五点名", unit=world.unit("township"),
        people=[village.person, village2.person, cadre.person], tasks=tasks, weekdays=[0, 2, 4],
        time=dt.time(8, 30), **kw)
    return RollCall(dispatch=dispatch, tasks=tasks, village=village, village2=village2, cadre=cadre)


def make_roll_call_with_two_tasks_for_one(world) -> RollCall:
    """As make_roll_call, with 路村's secretary called for a second task of his village (路村饮水安全排查):
    what a person is called for differs from person to person."""
    rc = make_roll_call(world)
    rc.tasks.append(make_task(world, rc.tasks[0].plan, unit="village", title="路村饮水安全排查",
                              recurrence="mon_wed_fri"))
    rc.dispatch = services.dispatch_update(
        actor=world.user("office"), dispatch=rc.dispatch, version=1, name=rc.dispatch.name,
        unit=world.unit("township"), people=[rc.village.person, rc.village2.person, rc.cadre.person], tasks=rc.tasks,
        weekdays=[0, 2, 4], time=rc.dispatch.time)
    return rc


def past_monday(at: dt.time = dt.time(8, 31)) -> dt.datetime:
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday() + 7)
    return timezone.make_aware(dt.datetime.combine(monday, at))
