"""The job row of every long import or export (DESIGN habit 7): created by the request, run
after the commit by the Huey worker (`run_task`, in the caller's thread when Huey is immediate,
as in tests) and finished with a result file or an error text. `run` is the one boundary the
queue calls."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from huey.contrib.djhuey import db_task

from luoshi.core.models import JobStatus
from luoshi.exchange.models import ExchangeJob

log = logging.getLogger(__name__)
_RUNNERS: dict[str, Callable] = {}


def runner(name: str):
    """Register a job function `func(job) -> (path, filename, row_count)` under `name`."""
    def decorator(func):
        _RUNNERS[name] = func
        return func
    return decorator


def job_create(*, actor, kind: str, ledger: str, params: dict | None = None, source=None,
               source_name: str = "") -> ExchangeJob:
    job = ExchangeJob(kind=kind, ledger=ledger, owner=actor, params=params or {}, source_name=source_name[:255])
    if source is not None:
        job.source.save(source_name or "upload.xlsx", source, save=False)
    job.save()
    return job


def job_enqueue(job: ExchangeJob, runner_name: str) -> None:
    """Queue the job after the surrounding transaction commits."""
    transaction.on_commit(lambda: run_task(job.pk, runner_name))


def run(job_id: int, runner_name: str) -> None:
    jobs = ExchangeJob.objects.unscoped("a job runner works on the job it was handed")
    job = jobs.select_related("owner").get(pk=job_id)
    jobs.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    try:
        path, filename, count = _RUNNERS[runner_name](job)
    except Exception as exc:  # the owner reads why; the log keeps the trace
        log.exception("job %s failed", job_id)
        jobs.filter(pk=job.pk).update(status=JobStatus.FAILED, error_text=str(exc)[:2000],
                                      finished_at=timezone.now())
        return
    with open(path, "rb") as handle:
        job.result.save(filename, File(handle), save=False)
    jobs.filter(pk=job.pk).update(status=JobStatus.DONE, result=job.result.name, row_count=count,
                                  finished_at=timezone.now())


@db_task(name="exchange.run")
def run_task(job_id: int, runner_name: str) -> None:
    if runner_name not in _RUNNERS:  # a worker process has not imported the app that registers it
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("services")
    run(job_id, runner_name)


def my_job(*, actor, pk) -> ExchangeJob | None:
    return ExchangeJob.objects.visible_to(actor).filter(owner=actor, pk=pk).first()
