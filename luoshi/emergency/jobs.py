"""The emergency's schedule: every five minutes the duty shifts' lights catch up with the clock (a shift
begun without a check-in turns yellow, one ended without a check-in red)."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from luoshi.core.jobs import run_once


@db_periodic_task(crontab(minute="*/5"), retries=3, retry_delay=60, name="emergency.shift_lights")
def shift_lights():
    """Refresh the shifts' lights the clock changed (`duty.shifts_refresh`); keyed by the five minutes."""
    from luoshi.emergency.duty import shifts_refresh

    now = timezone.now().replace(second=0, microsecond=0)
    run_once(name="emergency.shift_lights", key=f"emergency.shift_lights:{now.isoformat()}",
             func=lambda log: shifts_refresh(now=now))
