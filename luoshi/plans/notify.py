"""Telling people that a task reached them or came back: in-app notices and, where switched on,
the outbound channels (e-mail, group robots, WeCom), through luoshi.notify; and closing those
notices once what they asked for is done."""

import logging

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.roles import RoleCode
from luoshi.notify.services import notifications_resolve, notify
from luoshi.org.models import User
from luoshi.plans.models import Task, TaskStatus
from luoshi.plans.reminders import deadline_kinds, milestone_target, task_recipients, task_target

logger = logging.getLogger(__name__)

# The kinds of notice a task's own steps send: deployed asks its people to sign (or return) it,
# returned asks the office to revise and deploy it again.
DEPLOYED = "task_deployed"
RETURNED = "task_returned"
# 申请办结 asks the checkers (the office of the plan's unit and the task's leader) to 验收;
# a send-back tells the requester why.
CLOSE_REQUESTED = "task_close_requested"
SENT_BACK = "task_sent_back"


def notify_owners(*, task_id: int, event: str) -> None:
    """Called after commit: "deployed" tells the task's owner (or its lead unit) to sign it;
    "returned" tells the office of the plan's unit that it came back. A failing notice never
    fails the committed change it announces."""
    try:
        _notify(task_id=task_id, event=event)
    except Exception:
        logger.exception("notifying the people of task %s (%s) failed", task_id, event)


def notices_settled(*, task_id: int | None = None, milestone_ids=(), kinds=None) -> int:
    """A step on a task did what its notices of `kinds` asked (every kind when None), about the
    task and about `milestone_ids` of its milestones: they stop asking. Called inside the step's
    transaction, so the two commit or roll back together."""
    targets = [task_target(task_id)] if task_id is not None else []
    targets += [milestone_target(pk) for pk in milestone_ids]
    return notifications_resolve(targets=targets, kinds=kinds)


def deadline_reminder_kinds() -> list[str]:
    """The reminders about a task's deadline (due in N days, overdue), which a new one voids."""
    return deadline_kinds()


def _notify(*, task_id: int, event: str) -> None:
    task = Task.objects.unscoped("telling the people of a task just changed").select_related("plan").filter(
        pk=task_id).first()
    if task is None:
        return
    link = reverse("plans:task_detail", args=[task.pk])
    if event in _CLOSING_EVENTS:
        _CLOSING_EVENTS[event](task, link)
        return
    if event == "returned":
        if task.status != TaskStatus.RETURNED:
            return  # deployed again before this ran: there is nothing left to ask
        office = User.objects.unscoped("the office the task returns to").filter(
            is_active=True, role_assignments__role=RoleCode.OFFICE, role_assignments__unit_id=task.plan.unit_id)
        notify(recipients=list(office.distinct()), kind=RETURNED, obj=_occasion(task, task.updated_at),
               target=task_target(task.pk), title=_("任务被退回"),
               body=_("“%(t)s”被退回：%(r)s") % {"t": task.title, "r": task.return_reason},
               link=link, day=timezone.localdate())
        return
    if task.status != TaskStatus.DEPLOYED:
        return  # signed or returned before this ran: there is nothing left to ask
    notify(recipients=task_recipients(task), kind=DEPLOYED, obj=_occasion(task, task.deployed_at),
           target=task_target(task.pk),
           title=_("新任务待签收"), body=_("“%(t)s”已部署给您，请及时签收并落实。") % {"t": task.title},
           link=link, day=timezone.localdate())
    logger.info("task %s %s", task_id, event)


def _close_requested(task, link: str) -> None:
    if task.status != TaskStatus.CLOSING:
        return  # accepted or sent back before this ran
    users = User.objects.unscoped("the checkers of a task asked to close").filter(is_active=True)
    office = users.filter(role_assignments__role=RoleCode.OFFICE, role_assignments__unit_id=task.plan.unit_id)
    checkers = {u.pk: u for u in office.distinct()}
    if task.leader_id:
        checkers |= {u.pk: u for u in users.filter(person_id=task.leader_id)}
    checkers.pop(task.close_requested_by_id, None)  # nobody checks their own request
    if not checkers:  # the office asked and no leader is named: the township's leaders check it
        leaders = users.filter(role_assignments__role=RoleCode.LEADER, role_assignments__unit_id=task.plan.unit_id)
        checkers = {u.pk: u for u in leaders.distinct() if u.pk != task.close_requested_by_id}
    notify(recipients=list(checkers.values()), kind=CLOSE_REQUESTED, obj=_occasion(task, task.close_requested_at),
           target=task_target(task.pk), title=_("任务申请办结，待验收"),
           body=_("“%(t)s”申请办结：%(n)s") % {"t": task.title, "n": task.close_note[:200]},
           link=link, day=timezone.localdate())


def _sent_back(task, link: str) -> None:
    requester = User.objects.unscoped("the requester of a close sent back").filter(
        pk=task.close_requested_by_id, is_active=True)
    notify(recipients=list(requester), kind=SENT_BACK, obj=_occasion(task, task.updated_at),
           target=task_target(task.pk), title=_("办结申请被退回"),
           body=_("“%(t)s”未通过验收：%(r)s") % {"t": task.title, "r": task.flow_reason},
           link=link, day=timezone.localdate())


_CLOSING_EVENTS = {"close_requested": _close_requested, "sent_back": _sent_back}


def _occasion(task, when) -> str:
    """A notice's key object: each deployment is its own request to sign, each return its own
    request to revise, so one returned and deployed again the same day reaches its people again
    (the earlier notice was closed when it was answered). The time of the step tells them apart."""
    return f"{task_target(task.pk)}@{when:%H%M%S%f}" if when else task_target(task.pk)
