"""The daily end of 公示 past their date (`notices.notices_expire`), once per day."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from luoshi.core.jobs import run_once
from luoshi.reports import notices


def notices_due(*, today=None) -> list[int]:
    today = today or timezone.localdate()
    run = run_once(name="reports.notices_expire", key=f"reports.notices_expire:{today.isoformat()}",
                   func=lambda log: notices.notices_expire(today=today, log=log))
    return run.result or []


@db_periodic_task(crontab(hour="0", minute="10"), retries=2, retry_delay=300, name="reports.notices_expire")
def reports_notices_expire():
    notices_due()
