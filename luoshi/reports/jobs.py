"""The bulletins' schedule: every Monday at 06:30 each active weekly schedule drafts last week's
bulletin, and on the 1st each monthly one drafts last month's. One JobRun per kind and day, so a
second worker or a retry drafts nothing twice (`services.scheduled_drafts` also skips a period
already drafted)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from luoshi.core.jobs import run_once
from luoshi.reports import services
from luoshi.reports.models import BulletinKind


def bulletins_due(*, today: dt.date | None = None) -> list[int]:
    """Draft what is due today (Monday: weekly; the 1st: monthly); the ids of the drafts made."""
    today = today or timezone.localdate()
    made = []
    for kind, due in ((BulletinKind.WEEKLY, today.weekday() == 0), (BulletinKind.MONTHLY, today.day == 1)):
        if due:
            run = run_once(name="reports.bulletins", key=f"reports.bulletins:{kind}:{today.isoformat()}",
                           func=lambda log, k=kind: services.scheduled_drafts(kind=k, today=today, log=log))
            made += run.result or []
    return made


@db_periodic_task(crontab(hour="6", minute="30"), retries=2, retry_delay=300, name="reports.bulletins")
def reports_bulletins():
    bulletins_due()


from luoshi.reports import notice_jobs  # noqa: E402, F401  (公示's daily expiry, registered with Huey on import)
