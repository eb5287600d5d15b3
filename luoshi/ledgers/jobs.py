"""The ledger engine's schedule: personal data kept past each register's retention period is cleared
once a day (`services.retention_run`)."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from luoshi.core.jobs import run_once
from luoshi.ledgers import services


@db_periodic_task(crontab(hour="3", minute="40"), retries=3, retry_delay=300, name="ledgers.retention")
def retention_daily():
    day = timezone.localdate().isoformat()
    run_once(name="ledgers.retention", key=f"ledgers.retention:{day}",
             func=lambda log: services.retention_run(log=log))
