"""Daily work of the field side; plain functions that the jobs issue schedules with Huey."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from luoshi.core import audit
from luoshi.core.models import AuditAction
from luoshi.plans.models import Task
from luoshi.plans.services import task_set_light
from luoshi.progress import lights

_CHUNK = 500


def recompute_all_lights(*, actor_label: str = "系统", today: dt.date | None = None) -> dict[str, int]:
    """Recompute every deployed task's light as of `today` (lights age with the calendar even when
    nobody reports); store the changed ones and audit one summary entry. Returns the counts."""
    today = today or timezone.localdate()
    tasks = Task.objects.unscoped("the daily light job covers every task").exclude(status__in=["draft"]).order_by("id")
    checked = changed = 0
    last_id = 0
    rules = lights.LightRules.from_settings()
    while True:
        chunk = list(tasks.filter(id__gt=last_id)[:_CHUNK])
        if not chunk:
            break
        ids = [t.pk for t in chunk]
        milestones = lights.milestones_for(ids)  # the reports' summary is what each task stores
        for task in chunk:
            light, reasons = lights.compute_light(task, today=today, summary=lights.summary_of(task),
                                                  milestones=milestones.get(task.pk, []), rules=rules)
            reason = lights.join_reasons(reasons)
            if (light, reason) != (task.light, task.light_reason):
                task_set_light(task=task, light=light, reason=reason)
                changed += 1
        checked += len(chunk)
        last_id = ids[-1]
    audit.record(actor=None, actor_name=actor_label, action=AuditAction.ACTION, unit_path="",
                 message=_("重新计算红黄绿灯：检查 %(c)d 项，变化 %(n)d 项") % {"c": checked, "n": changed})
    return {"checked": checked, "changed": changed}


@db_periodic_task(crontab(hour="1", minute="5"), retries=3, retry_delay=300, name="lights.daily")
def lights_daily():
    """Lights age with the calendar even when nobody reports: recompute them every night."""
    from luoshi.core.jobs import run_once

    day = timezone.localdate().isoformat()
    run_once(name="lights.daily", key=f"lights.daily:{day}", func=lambda log: recompute_all_lights())
