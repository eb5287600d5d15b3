"""The demo's field side: a year of signatures, reports, milestones, 申请办结 and 验收, each on its day.

Every step goes through the services a user's page calls, in date order under the loader's clock
(luoshi.demo.DemoClock), so each report, signature and audit entry carries the day it happened,
and the lights on the demo's day are what that history makes them:
- a one-off task follows its story (demo_data.STORIES): it reports monthly, then every ten days,
  at its story's pace against 序时进度 (weekly once past its deadline), saying why when it lags;
  it asks to close (申请办结) on its story's day, and is accepted (验收) a few days later by a
  checker other than the one who asked;
- a recurring task reports once in each period, except the latest ones of a task that went quiet
  (demo_data.QUIET); the campaign's milestones are done before their dates and checked;
- the late task asked for more time before its deadline and was refused (demo_data.EXTENSION).
Nothing is written on the demo's day itself, so every stamp is in the past; and the same day
gives the same history (no randomness): the mix depends only on the calendar.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from luoshi.org.models import User
from luoshi.plans import demo_data as data
from luoshi.plans import lights, periods
from luoshi.plans import services as plan_services
from luoshi.plans.models import Indicator, Milestone, Task, TaskStatus
from luoshi.progress import services

# Days between a one-off task's reports: monthly, every ten days over the last two months (the
# year-end push), weekly once it is past its deadline.
REPORT_EVERY, RECENTLY_EVERY, RECENTLY, LATE_EVERY = 30, 10, 60, 7
FRESH = 6  # an open task's latest report is at most this many days old on the demo's day
AWAITING = 10  # an early finisher waits this long for 验收 at most; one that asked earlier was accepted


@dataclass(frozen=True)
class Story:
    """How a one-off task's year goes."""

    pace: int  # points ahead of (or, negative, behind) 序时进度 in its reports
    close: int | None  # 申请办结 this many days from the deadline; None: a few days before the demo's day
    accept_after: int  # 验收 this many days after 申请办结


STORIES = {"steady": Story(4, -3, 3), "early": Story(10, -12, 2), "behind": Story(-15, -1, 3),
           "late": Story(-32, 25, 3), "awaiting": Story(8, None, 3)}


@dataclass(order=True)
class Step:
    at: dt.datetime  # naive: local time
    seq: int
    run: Callable[[], object] = field(compare=False)


def load_progress(*, plan, clock) -> bool:
    """Write the plan's year in the field once (skipped if it has reports); whether it did.
    The stored lights are then as of each step's day: the caller recomputes them as of today."""
    tasks = list(Task.objects.unscoped("the demo's own plan").filter(plan=plan).select_related("lead_unit")
                 .order_by("id"))
    if any(t.last_report_at for t in tasks):
        return False
    year = FieldYear(today=clock.today, logins=_logins())
    split = {t.parent_id for t in tasks if t.parent_id}
    for index, task in enumerate(tasks):
        year.add_task(task, index, split=task.pk in split)
    for step in sorted(year.steps):
        clock.set(step.at.date(), step.at.hour, step.at.minute)
        step.run()
    return True


def _logins() -> dict[str, User]:
    names = ("office", "leader", "dept", "village", "cadre")
    return {u.username: u for u in User.objects.unscoped("demo logins").select_related("person__unit")
            .filter(username__in=names)}


def _reporter_for(task: Task, logins: dict[str, User]) -> User:
    """The login the task is assigned to, else the one whose unit leads it, else the office (which
    may act for any unit)."""
    for user in logins.values():
        if task.owner_id and user.person_id == task.owner_id:
            return user
    for username in ("village", "dept"):
        user = logins.get(username)
        if user and user.person and task.scope_path.startswith(user.person.unit.path):
            return user
    return logins["office"]


def _values(task: Task, percent: int) -> dict | None:
    """The indicator value a report carries (demo_data.TASK_VALUES): so far this year, in proportion."""
    valued = data.TASK_VALUES.get(task.title)
    if not valued:
        return None
    indicator = Indicator.objects.unscoped("the demo task's indicator").filter(tasks=task, name=valued[0]).first()
    if indicator is None:
        return None
    whole = Decimal(str(valued[1]))
    value = whole if percent >= 90 else (whole * percent / 100).quantize(Decimal("0.1") if whole % 1 else Decimal(1))
    return {indicator: value}


def _weekday_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def _weekday_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() > 4 else 0)


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


class FieldYear:
    """The steps of the year, gathered task by task, run in date order by `load_progress`."""

    def __init__(self, *, today: dt.date, logins: dict[str, User]):
        self.today, self.logins, self.steps = today, logins, []

    def add(self, day: dt.date, hour: int, minute: int, run: Callable, *, floor: dt.datetime) -> None:
        """A step on `day` (before the demo's day), never before its task's signature (`floor`)."""
        if day >= self.today:
            return
        at = max(dt.datetime.combine(day, dt.time(hour, minute % 60)), floor)
        self.steps.append(Step(at, len(self.steps), run))

    def add_task(self, task: Task, index: int, *, split: bool) -> None:
        actor = _reporter_for(task, self.logins)
        checker = self.logins["leader" if actor == self.logins["office"] else "office"]
        # signed the afternoon of the deployment meeting
        signed = dt.datetime.combine(timezone.localdate(task.deployed_at), dt.time(14, index % 12 * 5))
        if task.status == TaskStatus.DEPLOYED:
            self.add(signed.date(), 14, index % 12 * 5, functools.partial(plan_services.task_sign, actor=actor,
                                                                         task=task), floor=signed)
        if task.recurrence:
            self._periods(task, actor, index, floor=signed + dt.timedelta(minutes=1))
        elif not split:  # a split task is carried, and closed, through its parts
            story = data.PART_STORIES.get(task.lead_unit.name) if task.parent_id else data.STORIES.get(task.title)
            self._one_off(task, STORIES[story or "steady"], actor, checker, index,
                          floor=signed + dt.timedelta(minutes=1))

    # -- one-off tasks -------------------------------------------------------------------------

    def _one_off(self, task: Task, story: Story, actor, checker, index: int, *, floor) -> None:
        close_on = self._close_day(task, story)
        accept_on = self._accept_day(story, close_on)
        stop = close_on if close_on and close_on < self.today else self.today
        percent = 0
        for n, day in enumerate(self._report_days(task, stop, index)):
            percent = self._percent(task, story, day, percent)
            text, difficulties = self._words(task, story, day, n, percent)
            self.add(day, 15 + (index + n) % 3, 7 * index + 11 * n, functools.partial(
                services.report_submit, actor=actor, task=task.pk, text=text, percent=percent,
                difficulties=difficulties, values=_values(task, percent)), floor=floor)
        self._milestones(task, actor, checker, close_on, floor=floor)
        if story.pace < 0 and task.title == data.EXTENSION[0]:
            self._refused_extension(task, actor, checker, floor=floor)
        if close_on:
            note = data.LATE_CLOSE_NOTE if close_on > task.deadline else data.CLOSE_NOTE
            self.add(close_on, 17, index, functools.partial(services.task_close_request, actor=actor, task=task.pk,
                                                            note=note), floor=floor)
        if accept_on:
            self.add(accept_on, 11, index, functools.partial(plan_services.task_accept, actor=checker, task=task),
                     floor=floor)

    def _close_day(self, task: Task, story: Story) -> dt.date | None:
        if story.close is not None:
            day = _weekday_before(task.deadline + _days(story.close))
        else:  # finished ahead of time, a few days ago; not months ahead of its deadline
            day = _weekday_before(min(task.deadline - _days(2), self.today - _days(3)))
            if day < task.deadline - _days(60):
                return None
        return day if day > task.start_date + _days(7) else None

    def _accept_day(self, story: Story, close_on: dt.date | None) -> dt.date | None:
        if close_on is None or (story.close is None and close_on >= self.today - _days(AWAITING)):
            return None  # still awaiting 验收
        return _weekday_after(close_on + _days(story.accept_after))

    def _report_days(self, task: Task, stop: dt.date, index: int) -> list[dt.date]:
        days, day = [], task.start_date + _days(7 + index % 5)
        while day < stop:
            days.append(_weekday_before(day))
            day += _days(LATE_EVERY if day >= task.deadline else RECENTLY_EVERY
                         if day >= self.today - _days(RECENTLY) else REPORT_EVERY)
        if stop == self.today and (not days or days[-1] < self.today - _days(FRESH)):
            days.append(_weekday_before(self.today - _days(1 + index % 3)))
        return sorted({d for d in days if task.start_date < d < stop})

    @staticmethod
    def _percent(task: Task, story: Story, day: dt.date, before: int) -> int:
        if day > task.deadline:  # past its deadline, a late task closes the gap week by week
            return min(95, before + 5)
        expected = lights.expected_percent(task, day) or 0
        return max(before, min(95, max(5, expected + story.pace)))

    @staticmethod
    def _words(task: Task, story: Story, day: dt.date, n: int, percent: int) -> tuple[str, str]:
        lagging = data.LAGGING.get(task.lead_unit.name if task.parent_id else task.title)
        behind = (lights.expected_percent(task, day) or 0) - percent >= 10 or day > task.deadline
        if story.pace < 0 and lagging and behind and n:  # the task's own words in its last two months
            text, difficulty = lagging
            return (text if day >= task.deadline - _days(RECENTLY) else data.LAGGING_EARLY), difficulty
        return data.ON_PACE[0 if n == 0 else 1 + n % 2], ""

    def _milestones(self, task: Task, actor, checker, close_on: dt.date | None, *, floor) -> None:
        """Each step is done two days before its date (and before the task asks to close), checked
        two days after by someone other than whoever marked it."""
        for i, milestone in enumerate(Milestone.objects.unscoped("the demo task's steps").filter(task=task)
                                      .order_by("due_date", "id")):
            due = milestone.due_date - _days(2)
            done_on = _weekday_before(min(due, close_on - _days(1)) if close_on else due)
            self.add(done_on, 15, i, functools.partial(
                plan_services.milestone_done, actor=actor, milestone=milestone,
                note=f"{milestone.title}相关工作已完成，材料已报送。"), floor=floor)
            if done_on < self.today:
                self.add(_weekday_after(done_on + _days(2)), 10, i, functools.partial(
                    plan_services.milestone_check, actor=checker, milestone=milestone, accept=True), floor=floor)

    def _refused_extension(self, task: Task, actor, checker, *, floor) -> None:
        _title, days, reason, answer = data.EXTENSION
        asked_on = _weekday_before(task.deadline - _days(8))
        asked: list = []

        def ask():
            asked.append(plan_services.extension_request(actor=actor, task=task, reason=reason,
                                                         new_deadline=task.deadline + _days(days)))

        self.add(asked_on, 11, 0, ask, floor=floor)
        self.add(_weekday_after(asked_on + _days(2)), 9, 30, lambda: plan_services.extension_decide(
            actor=checker, extension=asked[0], approve=False, note=answer), floor=floor)

    # -- recurring tasks -----------------------------------------------------------------------

    def _periods(self, task: Task, actor, index: int, *, floor) -> None:
        """One report in each period, on its roll-call day (一三五), its Friday (weekly) or late in
        the month; a quiet task has none in its latest closed periods, nor in the open one."""
        found = []
        day = task.start_date
        while day < self.today:
            first, last = periods.period_bounds(task.recurrence, day)
            found.append((periods.period_key(task.recurrence, day), self._period_day(task.recurrence, first, last),
                          last < self.today))
            day = last + _days(1)
        quiet = data.QUIET.get(task.title, 0)
        if quiet:
            closed = [key for key, _day, is_closed in found if is_closed]
            found = [f for f in found if f[2] and f[0] not in closed[len(closed) - quiet:]]
        text = data.PERIOD_REPORTS.get(task.title, data.PERIOD_REPORT)
        hour = 10 if task.recurrence == "mon_wed_fri" else 15
        for n, (key, report_on, _closed) in enumerate(found):
            self.add(max(report_on, task.start_date), hour, 3 * index + 7 * n, functools.partial(
                services.report_submit, actor=actor, task=task.pk, text=text, period=key), floor=floor)

    @staticmethod
    def _period_day(recurrence: str, first: dt.date, last: dt.date) -> dt.date:
        if recurrence == "mon_wed_fri":
            return first
        if recurrence == "weekly":
            return first + _days(4)
        return _weekday_before(last - _days(5))
