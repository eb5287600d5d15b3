"""Supervision's schedule: unanswered urges climb owner → lead unit's head → leader in charge."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from luoshi.core.jobs import run_once


def escalate_due(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Every step owed by `now`, each claimed under its own key (urge, level), so a step runs
    exactly once however often the job runs or retries."""
    from luoshi.supervision.urging import due_level, open_urges_due, urge_escalate

    now = now or timezone.now()
    checked, moved = 0, []

    def step(log, urge, level):
        done = urge_escalate(urge=urge, level=level, now=now)
        if done:
            moved.append((urge.pk, level))
            log(f"urge {urge.pk} → level {level}")
        return int(done)

    for urge in list(open_urges_due(now)):
        checked += 1
        for level in range(urge.level + 1, due_level(urge, now) + 1):
            run_once(name="urges.escalate", key=f"urges.escalate:{urge.pk}:{level}",
                     func=lambda log, u=urge, lv=level: step(log, u, lv))
    return {"checked": checked, "moved": len(moved)}


@db_periodic_task(crontab(minute="*/30"), retries=3, retry_delay=120, name="urges.escalate")
def urges_escalate():
    """Escalate unanswered urges (every 30 minutes); the keys make each step happen once."""
    escalate_due()
