"""The nightly work on tasks: recurring tasks whose time is over end, and every light is
recomputed, because lights age with the calendar even when nobody reports."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from luoshi.core import audit
from luoshi.core.jobs import run_once
from luoshi.core.models import AuditAction
from luoshi.plans import light_store, task_flow


def recompute_all_lights(*, actor_label: str = "", today: dt.date | None = None) -> dict[str, int]:
    """End the recurring tasks whose time is over, then recompute every deployed task's light as
    of `today`; store the changed ones and audit one summary entry. Returns the counts."""
    today = today or timezone.localdate()
    actor_label = actor_label or _("系统")
    with transaction.atomic():
        ended = task_flow.tasks_end_periods(today=today, actor_label=actor_label)
        counts = light_store.refresh_all(today=today)
        audit.record(actor=None, actor_name=actor_label, action=AuditAction.ACTION, unit_path="",
                     message=_("重新计算红黄绿灯：检查 %(c)d 项，变化 %(n)d 项") % {"c": counts["checked"],
                                                                      "n": counts["changed"]})
    return counts | ({"ended": ended} if ended else {})


@db_periodic_task(crontab(hour="1", minute="5"), retries=3, retry_delay=300, name="lights.daily")
def lights_daily():
    """Lights age with the calendar even when nobody reports: recompute them every night."""
    day = timezone.localdate().isoformat()
    run_once(name="lights.daily", key=f"lights.daily:{day}", func=lambda log: recompute_all_lights())
