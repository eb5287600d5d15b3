"""What tasks and milestones remind their people of, told to notify as a reminder provider
(`connect`, called by the app's ready): before a deadline or a milestone's date
(LUOSHI_REMIND_DAYS_BEFORE, default 3 and 1 days), on the first day overdue, and when no report
has come for LUOSHI_REMIND_STALE_DAYS (default 10). Each reminder is keyed by the date it is about
(the deadline, the milestone's date, the last report's day), so it is sent once however often the
daily job runs. The kinds here are the ones the steps that settle a reminder close it by
(plans.notify.notices_settled; a report closes STALE)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.roles import RoleCode
from luoshi.notify import reminders
from luoshi.notify.reminders import Reminder
from luoshi.notify.targets import target
from luoshi.org.models import User
from luoshi.plans.models import Milestone, Task, TaskStatus

TASK = "task"  # how notices name a task (notify.targets): "task:12"
MILESTONE = "milestone"  # and a milestone: "milestone:3"
OPEN = (TaskStatus.DEPLOYED, TaskStatus.SIGNED)
DOER_ROLES = (RoleCode.DEPARTMENT, RoleCode.VILLAGE)
OVERDUE = "overdue"
STALE = "stale"  # no report for N days: a report answers it


def task_target(task_id: int) -> str:
    return target(TASK, task_id)


def milestone_target(milestone_id: int) -> str:
    return target(MILESTONE, milestone_id)


def deadline_kind(days: int) -> str:
    return f"deadline_{days}d"


def deadline_kinds() -> list[str]:
    """The reminders about a task's deadline: due in N days (as configured now), and overdue."""
    return [*(deadline_kind(days) for days in settings.LUOSHI_REMIND_DAYS_BEFORE), OVERDUE]


def task_recipients(task: Task) -> list[User]:
    """Who is reminded of a task: its owner's login; without one, the lead unit's people."""
    users = User.objects.unscoped("the people a reminder goes to").filter(is_active=True)
    if task.owner_id:
        owners = list(users.filter(person_id=task.owner_id).select_related("person"))
        if owners:
            return owners
    if task.lead_unit_id:
        return list(users.filter(role_assignments__unit_id=task.lead_unit_id,
                                 role_assignments__role__in=DOER_ROLES).select_related("person").distinct())
    return []


def reminders_due(today: dt.date) -> Iterator[Reminder]:
    """The reminders of tasks and milestones due `today`: before deadlines and milestones, overdue, silent."""
    for days in settings.LUOSHI_REMIND_DAYS_BEFORE:
        for task in _open_tasks().filter(deadline=today + dt.timedelta(days=days)):
            yield Reminder(
                recipients=task_recipients(task), kind=deadline_kind(days), target=task_target(task.pk),
                day=task.deadline, tally="deadline", title=_("任务还有 %(n)d 天到期") % {"n": days},
                link=_link(task.pk), body=_("“%(t)s”的完成时限是 %(d)s，请抓紧落实并及时上报进展。") % {
                    "t": task.title, "d": task.deadline})
        for milestone in _milestones_due(today + dt.timedelta(days=days)):
            task = milestone.task
            yield Reminder(
                recipients=task_recipients(task), kind=f"milestone_{days}d", target=milestone_target(milestone.pk),
                day=milestone.due_date, tally="milestone", title=_("时间节点还有 %(n)d 天到期") % {"n": days},
                link=_link(task.pk), body=_("“%(t)s”的时间节点“%(m)s”时限为 %(d)s。") % {
                    "t": task.title, "m": milestone.title, "d": milestone.due_date})
    for task in _open_tasks().filter(deadline__lt=today):
        yield Reminder(
            recipients=task_recipients(task), kind=OVERDUE, target=task_target(task.pk), day=task.deadline,
            title=_("任务已逾期"), link=_link(task.pk),
            body=_("“%(t)s”的完成时限 %(d)s 已过，请尽快办结或申请延期。") % {"t": task.title, "d": task.deadline})
    yield from _stale(today)


def _open_tasks():
    return Task.objects.unscoped("reminders cover every open task").filter(status__in=OPEN).select_related("owner")


def _link(task_id: int) -> str:
    return reverse("progress:task_progress", args=[task_id])


def _milestones_due(day: dt.date):
    return (Milestone.objects.unscoped("reminders cover every open milestone")
            .filter(due_date=day, done_at__isnull=True, task__status__in=OPEN).select_related("task__owner"))


def _stale(today: dt.date) -> Iterator[Reminder]:
    """Tasks silent for N days: keyed by the day of the last report (or of deployment)."""
    days = settings.LUOSHI_REMIND_STALE_DAYS
    cutoff = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days), dt.time.max))
    silent = Q(last_report_at__lte=cutoff) | Q(last_report_at__isnull=True, deployed_at__lte=cutoff)
    for task in _open_tasks().filter(silent).exclude(start_date__gt=today):
        since = timezone.localtime(task.last_report_at or task.deployed_at).date()
        yield Reminder(
            recipients=task_recipients(task), kind=STALE, target=task_target(task.pk), day=since,
            title=_("任务已 %(n)d 天未上报进展") % {"n": (today - since).days}, link=_link(task.pk),
            body=_("“%(t)s”自 %(d)s 以来没有新的进展上报，请及时上报。") % {"t": task.title, "d": since})


PROVIDER = reminders.Provider(name="tasks", tallies=("deadline", "milestone", "overdue", "stale"), due=reminders_due)


def connect() -> None:
    """Called once by the app's ready: notify's daily job sends these reminders."""
    reminders.register(PROVIDER)
