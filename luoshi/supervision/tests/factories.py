"""Tasks, problems, urges and inspections for the supervision tests, built through the services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from luoshi.plans.models import Task
from luoshi.progress.tests.factories import make_task as progress_task
from luoshi.supervision import services
from luoshi.supervision.models import Problem


def person(world, key: str):
    return world.user(key).person


def make_task(world, *, unit: str = "village", owner: str | None = "village", leader: str | None = "leader",
              **fields) -> Task:
    """A deployed task of `unit`, 60% of its time gone and nothing reported (red once lit)."""
    return progress_task(world, unit=unit, owner=person(world, owner) if owner else None,
                         leader=person(world, leader) if leader else None, **fields)


def behind_task(world, **fields) -> Task:
    """A deployed village task 60% through its time that reported 45% today: behind 序时进度 by
    15 points, a yellow light (not stale, not overdue)."""
    from luoshi.progress.services import report_submit

    task = make_task(world, **fields)
    report_submit(actor=world.user("village"), task=task, text="正在推进", percent=45)
    return Task.objects.unscoped("a task just reported on").get(pk=task.pk)


def make_problem(world, *, who: str = "office", unit: str = "village", **fields) -> Problem:
    return services.problem_create(actor=world.user(who), description=fields.pop("description", "村口垃圾堆放。需清理"),
                                   lead_unit=world.unit(unit), **fields)


def problem_in(world, status: str, *, requester: str = "village") -> Problem:
    """A village problem walked through the workflow to `status` (the close requested by `requester`)."""
    office, problem = world.user("office"), make_problem(world)
    steps = {
        "found": [],
        "assigned": ["assign"],
        "rectifying": ["assign", "start"],
        "closing": ["assign", "start", "request_close"],
        "closed": ["assign", "start", "request_close", "close"],
        "returned": ["assign", "start", "request_close", "send_back"],
    }[status]
    for step in steps:
        if step == "assign":
            problem = services.problem_assign(actor=office, problem=problem, owner=person(world, "village"),
                                              deadline=timezone.localdate() + dt.timedelta(days=30))
        elif step == "start":
            problem = services.problem_start(actor=world.user("village"), problem=problem)
        elif step == "request_close":
            problem = services.problem_request_close(actor=world.user(requester), problem=problem, evidence="已清理")
        elif step == "close":
            problem = services.problem_close(actor=office, problem=problem)
        elif step == "send_back":
            problem = services.problem_send_back(actor=office, problem=problem, reason="照片不清楚")
    return problem
