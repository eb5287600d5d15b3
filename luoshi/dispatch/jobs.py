"""The roll-call clock: every few minutes, open the rounds that are due and close the ones whose
window has passed. Each open and close is a JobRun keyed by (schedule, day) or by round, so a
tick that runs twice, or two workers, do it once."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from luoshi.core.errors import ServiceError
from luoshi.core.jobs import run_once
from luoshi.dispatch import services
from luoshi.dispatch.models import Dispatch, DispatchRound, RoundStatus


def rounds_tick(*, now: dt.datetime | None = None) -> dict[str, list[int]]:
    """Open today's due rounds and close expired ones; returns the ids it opened and closed."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    opened, closed = [], []
    schedules = Dispatch.objects.unscoped("the roll-call clock covers every schedule").filter(active=True)
    for dispatch in schedules:
        if local.weekday() not in dispatch.weekday_list:
            continue
        day = local.date()
        if local.time() < dispatch.time:  # today's roll call shows in the history as 待点名 until its time
            DispatchRound.objects.unscoped("one round per schedule and day").get_or_create(
                dispatch=dispatch, date=day, defaults={"period": day.isoformat()})
            continue
        run = run_once(name="dispatch.open", key=f"dispatch.open:{dispatch.pk}:{day.isoformat()}",
                       func=lambda log, d=dispatch, day=day: _open(d, day, now, log))
        if isinstance(run.result, int):
            opened.append(run.result)
    due = DispatchRound.objects.unscoped("the roll-call clock closes every expired round").filter(
        status=RoundStatus.OPEN, closes_at__lte=now)
    for round_ in due:
        run_once(name="dispatch.close", key=f"dispatch.close:{round_.pk}",
                 func=lambda log, r=round_: _close(r, now, log))
        closed.append(round_.pk)
    return {"opened": opened, "closed": closed}


def _open(dispatch: Dispatch, day: dt.date, now: dt.datetime, log) -> int | None:
    try:
        round_ = services.round_open(actor=None, dispatch=dispatch, day=day, now=now)
    except ServiceError as error:  # stopped between this tick's read and the open: the other schedules go on
        log(f"{dispatch.name}: {error.message}")
        return None
    log(f"round {round_.pk} of {dispatch.name}: {round_.status}, {round_.expected_count} called")
    return round_.pk


def _close(round_: DispatchRound, now: dt.datetime, log) -> int:
    round_ = services.round_close(actor=None, round_=round_, now=now)
    log(f"round {round_.pk}: {round_.reported_count}/{round_.expected_count} reported, bulletin {round_.bulletin.name}")
    return round_.pk


@db_periodic_task(crontab(minute="*/2"), retries=2, retry_delay=30, name="dispatch.tick")
def dispatch_tick():
    """Every two minutes; an idle tick writes nothing, each open and close is its own JobRun row."""
    rounds_tick()
