"""Jobs: every run is a JobRun row with status and log, and a key that makes it idempotent.

Apps declare their jobs in `jobs.py` with Huey's decorators (`db_task`, `db_periodic_task`);
the worker (`luoshi worker`, or the one `luoshi demo`/`serve` start beside the web server)
runs them, with SQLite storage by default and Redis when LUOSHI_REDIS_URL is set.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from luoshi.core.models import JobRun, JobStatus


class JobLog:
    """What a job writes as it goes; kept on its row."""

    def __init__(self):
        self.lines: list[str] = []

    def __call__(self, line: str) -> None:
        self.lines.append(f"{timezone.localtime():%H:%M:%S} {line}")

    def text(self) -> str:
        return "\n".join(self.lines)[-20000:]


def run_once(*, name: str, key: str, func: Callable[[JobLog], object], actor=None) -> JobRun:
    """Run `func` for `key` unless a run with that key already succeeded. A failure is recorded
    and re-raised, so the queue retries it; the retry finds the row and tries again."""
    run = _claim(name=name, key=key, actor=actor)
    if run.status == JobStatus.DONE:
        return run
    log = JobLog()
    try:
        result = func(log)
    except Exception:
        _finish(run, JobStatus.FAILED, log, error=traceback.format_exc()[-5000:])
        raise
    _finish(run, JobStatus.DONE, log, result=result if isinstance(result, dict | list | int | str) else None)
    return run


def _runs():
    return JobRun.objects.unscoped("a scheduled run is found by its key, whoever started it")


def _claim(*, name: str, key: str, actor) -> JobRun:
    try:
        with transaction.atomic():
            return _runs().create(name=name, key=key, actor=actor, attempts=1, status=JobStatus.RUNNING,
                                  started_at=timezone.now())
    except IntegrityError:
        run = _runs().get(key=key)
    if run.status != JobStatus.DONE:
        _runs().filter(pk=run.pk).update(attempts=run.attempts + 1, status=JobStatus.RUNNING,
                                         started_at=timezone.now(), error="")
        run.refresh_from_db()
    return run


def _finish(run: JobRun, status: str, log: JobLog, *, error: str = "", result=None) -> None:
    _runs().filter(pk=run.pk).update(status=status, finished_at=timezone.now(), log=log.text(), error=error,
                                     result=result)
    run.refresh_from_db()


# -- the core's own schedule ---------------------------------------------------------------------
@db_periodic_task(crontab(hour="3", minute="15"), retries=3, retry_delay=300, name="audit.purge")
def audit_purge_daily():
    """Apply the audit log's retention period once a day."""
    from django.conf import settings

    from luoshi.core import audit

    day = timezone.localdate().isoformat()
    run_once(name="audit.purge", key=f"audit.purge:{day}",
             func=lambda log: {"deleted": audit.purge_expired(days=settings.LUOSHI_AUDIT_RETENTION_DAYS)})


@db_periodic_task(crontab(hour="23", minute="55"), retries=3, retry_delay=300, name="audit.anchor")
def audit_anchor_daily():
    """The day's anchor of the audit chain, outside the database: a signed file under the backup
    directory, and this run's log."""
    from luoshi.core import audit_chain

    def anchor(log):
        written = audit_chain.write_anchor()
        log(_("操作日志锚点：第 %(id)s 号记录，哈希 %(hash)s，签名 %(sig)s，文件 %(file)s")
            % {"id": written["head_id"], "hash": written["head_hash"], "sig": written["signature"],
               "file": written["file"]})
        return written

    run_once(name="audit.anchor", key=f"audit.anchor:{timezone.localdate().isoformat()}", func=anchor)
