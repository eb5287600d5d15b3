"""Jobs of notifications: the send of each delivery, the sweeper that requeues sends whose worker
died, and the daily reminders (07:30)."""

from __future__ import annotations

import logging

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup

from luoshi.core.jobs import run_once
from luoshi.notify import services

log = logging.getLogger(__name__)


@db_task(name="notify.deliver")
def deliver_task(delivery_id: int):
    """Send one delivery; its own row (status, attempts, error) is its record, and the claim in
    `services.deliver` makes a duplicate task harmless."""
    return services.deliver(delivery_id)


@db_periodic_task(crontab(minute="*"), name="notify.sweep")
def deliveries_sweep():
    """Requeue deliveries that are due again or whose worker died; a JobRun row when there were any."""
    now = timezone.now()
    ids = services.deliveries_due(now=now)
    if ids:
        run_once(name="notify.sweep", key=f"notify.sweep:{now:%Y-%m-%dT%H:%M:%S}",
                 func=lambda log: _requeue(ids, log))


def _requeue(ids: list[int], log) -> dict:
    log(f"requeued deliveries {ids}")
    services._enqueue(ids)
    return {"requeued": len(ids)}


@on_startup(name="notify.recover")
def recover_on_startup():
    """A worker that starts after a crash picks the crashed sends up at once, not at the next minute."""
    try:
        deliveries_sweep.call_local()
    except Exception:  # never keep a worker from starting (e.g. before the first migrate)
        log.exception("recovering deliveries at start-up failed")


@db_periodic_task(crontab(hour="7", minute="30"), retries=3, retry_delay=300, name="notify.reminders")
def reminders_daily():
    """Deadline, milestone, overdue and no-report reminders, once a day and once per reminder."""
    from luoshi.notify.reminders import reminders_send

    day = timezone.localdate()
    run_once(name="notify.reminders", key=f"notify.reminders:{day.isoformat()}",
             func=lambda log: reminders_send(today=day, log=log))
