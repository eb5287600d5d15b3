"""A generated task as it stood at a past moment, rebuilt from the rows generated for it.

Urges and roll calls happen during the year, so they must see the task as the office saw it
then (status, progress, light), not as it is on the anchor: a slip proposes its colour from
that state, and a roll call counts the tasks that were red that day. The light is
`compute_light` over the reports and milestones that existed at the moment."""

from __future__ import annotations

import bisect
import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from luoshi.plans import lights
from luoshi.plans.models import TaskStatus

# What `urge_propose` and `compute_light` read of a task.
_FIELDS = ("pk", "title", "deadline", "recurrence", "start_date", "deployed_at", "created_at", "lead_unit_id",
           "owner_id", "leader_id", "scope_path", "close_requested_at", "completed_at")
# Days of recent history that hold at least three closed periods of each recurrence.
_RECENT = {"mon_wed_fri": 21, "weekly": 35, "monthly": 120, "ongoing": 120}


def now(ctx) -> dt.datetime:
    """The data set's present: the anchor's morning, after its roll call opened at 8:30 and
    before anyone reported that day (reports run to the day before the anchor)."""
    return timezone.make_aware(dt.datetime.combine(ctx.anchor, dt.time(9, 0)))


def task_on(ctx, task, moment: dt.datetime, *, colour_only: bool = False):
    """The task at `moment` (status, progress, light), or None when it was not deployed then
    (a draft, a returned task, or one deployed later): nobody urges or roll-calls those.

    `colour_only` (a roll call's count of red tasks) looks at a recurring task's recent periods
    only: its colour depends on whether the latest one or two closed periods were missed, so a
    window holding three or more gives the same colour at a fraction of the cost; the reason's
    "连续 N 个周期" could differ, so slips, which quote the reason, use the whole year."""
    if task.status in (TaskStatus.DRAFT, TaskStatus.RETURNED) or task.deployed_at is None:
        return None
    if task.deployed_at > moment:
        return None
    state = SimpleNamespace(**{name: getattr(task, name) for name in _FIELDS}, task=task)
    zone = timezone.get_default_timezone()  # localdate() would look the zone up per call, in a hot loop
    today = moment.astimezone(zone).date()
    # `task_start` as lights has it, resolved once instead of on every rule that asks
    state.start_date = task.start_date or task.deployed_at.astimezone(zone).date()
    times, reports = _report_times(task), task._gen_reports
    done, first = bisect.bisect_left(times, moment), 0
    if colour_only and task.recurrence in _RECENT:
        state.start_date = max(state.start_date, today - dt.timedelta(days=_RECENT[task.recurrence]))
        first = bisect.bisect_left(times, dt.datetime.combine(state.start_date, dt.time(), tzinfo=zone))
    if task.completed_at and task.completed_at <= moment:
        state.status, state.progress = TaskStatus.COMPLETED, 100
    elif task.close_requested_at and task.close_requested_at <= moment:
        state.status, state.progress = TaskStatus.CLOSING, 100
    else:
        signed = task.signed_at is not None and task.signed_at <= moment
        state.status = TaskStatus.SIGNED if signed else TaskStatus.DEPLOYED
        state.progress = next((reports[i].percent for i in range(done - 1, -1, -1)
                               if reports[i].percent is not None), 0)
    summary = lights.ReportsSummary(
        last_report_on=times[done - 1].astimezone(zone).date() if done else None,
        periods=frozenset(r.period for r in reports[first:done] if r.period))
    steps = [lights.MilestoneState(m.title, m.due_date, m.done_at is not None and m.done_at <= moment)
             for m in task._gen_milestones]
    light, reasons = lights.compute_light(state, today=today, summary=summary, milestones=steps, rules=ctx.rules)
    state.light, state.light_reason = light, lights.join_reasons(reasons)
    return state


def _report_times(task) -> list[dt.datetime]:
    times = getattr(task, "_gen_times", None)
    if times is None:
        times = task._gen_times = [r.created_at for r in task._gen_reports]
    return times


def next_tick(moment: dt.datetime, minutes: int) -> dt.datetime:
    """The first run of a job scheduled every `minutes` (crontab */minutes) at or after `moment`."""
    base = moment.replace(minute=0, second=0, microsecond=0)
    step = -(-(moment - base) // dt.timedelta(minutes=minutes))
    return base + step * dt.timedelta(minutes=minutes)


def working_day(day: dt.date) -> dt.date:
    """Office work happens on weekdays: a weekend day moves back to the Friday before."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))
