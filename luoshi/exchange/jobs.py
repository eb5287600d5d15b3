"""Every long import or export is a job (DESIGN habit 7), a core.JobRun row like any scheduled
run: created by the request, run after the commit by the Huey worker (`run_task`, in the
caller's thread when Huey is immediate, as in tests) and finished with its output file or an
error sentence. `run` is the one boundary the queue calls."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from huey.contrib.djhuey import db_task

from luoshi.core.models import JobRun, JobStatus
from luoshi.exchange.models import JobKind

log = logging.getLogger(__name__)
_RUNNERS: dict[str, Callable] = {}


def runner(name: str):
    """Register a job function `func(job) -> (path, filename, row_count)` under `name`."""
    def decorator(func):
        _RUNNERS[name] = func
        return func
    return decorator


def job_name(kind: str) -> str:
    return f"exchange.{kind}"


def kind_of(job: JobRun) -> JobKind | None:
    """The import or export a job is, by its name; None for any other job."""
    prefix, _, kind = job.name.partition(".")
    return JobKind(kind) if prefix == "exchange" and kind in JobKind.values else None


def job_create(*, actor, kind: str, ledger: str, params: dict | None = None, source=None,
               source_name: str = "") -> JobRun:
    name = job_name(kind)
    job = JobRun(name=name, key=f"{name}:{uuid.uuid4().hex}", ledger=ledger, actor=actor, params=params or {},
                 source_name=source_name[:255])
    if source is not None:
        job.source.save(source_name or "upload.xlsx", source, save=False)
    job.save()
    return job


def job_enqueue(job: JobRun, runner_name: str) -> None:
    """Queue the job after the surrounding transaction commits."""
    transaction.on_commit(lambda: run_task(job.pk, runner_name))


def run(job_id: int, runner_name: str) -> None:
    jobs = JobRun.objects.unscoped("a job runner works on the job it was handed")
    job = jobs.select_related("actor").get(pk=job_id)
    jobs.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=job.attempts + 1, started_at=timezone.now())
    try:
        path, filename, count = _RUNNERS[runner_name](job)
    except Exception as exc:  # the owner reads why; the log keeps the trace
        log.exception("job %s failed", job_id)
        jobs.filter(pk=job.pk).update(status=JobStatus.FAILED, error=str(exc)[:2000],
                                      finished_at=timezone.now())
        return
    with open(path, "rb") as handle:
        job.output.save(filename, File(handle), save=False)
    jobs.filter(pk=job.pk).update(status=JobStatus.DONE, output=job.output.name, row_count=count,
                                  finished_at=timezone.now())


@db_task(name="exchange.run")
def run_task(job_id: int, runner_name: str) -> None:
    if runner_name not in _RUNNERS:  # a worker process has not imported the app that registers it
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("services")
    run(job_id, runner_name)


def my_job(*, actor, pk) -> JobRun | None:
    """The actor's own import or export `pk`, or None."""
    job = JobRun.objects.visible_to(actor).filter(actor=actor, pk=pk).first()
    return job if job is not None and kind_of(job) is not None else None
