"""Telling people that a task reached them or came back: in-app notices and, where switched on,
the outbound channels (e-mail, group robots, WeCom), through luoshi.notify."""

import logging

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def notify_owners(*, task_id: int, event: str) -> None:
    """Called after commit: "deployed" tells the task's owner (or its lead unit) to sign it;
    "returned" tells the office of the plan's unit that it came back. A failing notice never
    fails the committed change it announces."""
    try:
        _notify(task_id=task_id, event=event)
    except Exception:
        logger.exception("notifying the people of task %s (%s) failed", task_id, event)


def _notify(*, task_id: int, event: str) -> None:
    from luoshi.core.roles import RoleCode
    from luoshi.notify.reminders import task_recipients
    from luoshi.notify.services import notify
    from luoshi.org.models import User
    from luoshi.plans.models import Task

    task = Task.objects.unscoped("telling the people of a task just changed").select_related("plan").filter(
        pk=task_id).first()
    if task is None:
        return
    link = reverse("plans:task_detail", args=[task.pk])
    if event == "returned":
        office = User.objects.unscoped("the office the task returns to").filter(
            is_active=True, role_assignments__role=RoleCode.OFFICE, role_assignments__unit_id=task.plan.unit_id)
        notify(recipients=list(office.distinct()), kind="task_returned", obj=f"task:{task.pk}",
               title=_("任务被退回"), body=_("“%(t)s”被退回：%(r)s") % {"t": task.title, "r": task.return_reason},
               link=link, day=timezone.localdate())
        return
    notify(recipients=task_recipients(task), kind=f"task_{event}", obj=f"task:{task.pk}",
           title=_("新任务待签收"), body=_("“%(t)s”已部署给您，请及时签收并落实。") % {"t": task.title},
           link=link, day=timezone.localdate())
    logger.info("task %s %s", task_id, event)
