"""Red, yellow and green lights (红黄绿灯): every rule in one place, each with its Chinese reason.

`compute_light` is pure: it reads the task's own fields, a summary of its reports and its
milestones, and the date it is asked about, so a test can walk a task through the year.
The worst rule wins; all the reasons that are not green are kept, reds first, so each task
shows why it has its colour ("为什么是红灯").

| rule | yellow | red |
|---|---|---|
| deadline | due within `deadline_warn_days` (7) and not done | past the deadline |
| milestone | due within `deadline_warn_days` and not done | past its date and not done |
| 序时进度 (one-off tasks) | progress more than `behind_yellow` (10) points below the share of time elapsed | more than `behind_red` (25) points below |
| report age (one-off tasks) | no report for more than `stale_yellow_days` (10) | for more than `stale_red_days` (30) |
| periods (recurring tasks) | the latest closed period has no report | the latest two or more closed periods in a row have none |

Draft and returned tasks have no light. A completed task (已办结) has a light of its own, `done`,
never green, so a leader's count of green tasks is a count of work still on track. A task
waiting for 验收 (closing) is judged as of the day its close was asked for: the checker's delay is
not the doer's. A recurring task's time ends at its deadline: after it, only its periods count.
A split task's light is the worst of its parts' (`combine_parts`), and says which part.
The thresholds are the setting `LUOSHI_LIGHT_RULES` (a dict overriding any of the defaults above).

A report captured on a phone without signal and sent later counts at its capture time, within a
bounded grace (`counted_time`, the setting `LUOSHI_OFFLINE_GRACE_HOURS`, 72 by default): its period
and the age of the task's last report are read from that time, so an honest offline report is not
late, and one kept longer than the grace counts as captured at the grace's edge.

The stored light has one owner, `plans.light_store`, which every step refreshes.

A quantified target (`Indicator`) has a light too, `indicator_light`: its share reached against
序时进度 of the plan's year, by the same `behind_yellow` / `behind_red` points. It is computed from
the stored actual wherever it is shown, never stored, since it reads nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.prepared import Shape
from luoshi.plans.models import Light, Task, TaskStatus
from luoshi.plans.periods import RECURRING, missed_periods, period_label, trailing_missed

LIT = (TaskStatus.DEPLOYED, TaskStatus.SIGNED, TaskStatus.CLOSING, TaskStatus.COMPLETED)
_RANK = {Light.NONE: -1, Light.DONE: 0, Light.GREEN: 0, Light.YELLOW: 1, Light.RED: 2}


@dataclass(frozen=True)
class LightRules:
    """The thresholds of the rules; override with the setting LUOSHI_LIGHT_RULES."""

    behind_yellow: int = 10
    behind_red: int = 25
    deadline_warn_days: int = 7
    stale_yellow_days: int = 10
    stale_red_days: int = 30

    @classmethod
    def from_settings(cls) -> LightRules:
        overrides = getattr(settings, "LUOSHI_LIGHT_RULES", None) or {}
        known = {f.name for f in fields(cls)}
        return replace(cls(), **{k: int(v) for k, v in overrides.items() if k in known})


@dataclass(frozen=True)
class ReportsSummary:
    """What the light needs to know about a task's reports."""

    last_report_on: dt.date | None = None
    periods: frozenset[str] = frozenset()


@dataclass(frozen=True)
class MilestoneState:
    title: str
    due_date: dt.date
    done: bool


def offline_grace() -> dt.timedelta:
    return dt.timedelta(hours=int(getattr(settings, "LUOSHI_OFFLINE_GRACE_HOURS", 72)))


def counted_time(*, captured_at: dt.datetime | None, received_at: dt.datetime,
                 grace: dt.timedelta | None = None) -> dt.datetime:
    """When work captured at `captured_at` and received at `received_at` counts: the capture time,
    never later than the receipt (a phone's clock ahead) and never earlier than `grace` before it."""
    if captured_at is None or captured_at >= received_at:
        return received_at
    return max(captured_at, received_at - (offline_grace() if grace is None else grace))


def task_start(task) -> dt.date | None:
    """When the task's time started: its start date, else its deployment, else its creation."""
    if task.start_date:
        return task.start_date
    stamp = task.deployed_at or task.created_at
    return timezone.localdate(stamp) if stamp else None


def expected_percent(task, today: dt.date) -> int | None:
    """序时进度: the share of the task's time that has passed, in percent (one-off tasks)."""
    start = task_start(task)
    if task.recurrence in RECURRING or not start or not task.deadline or task.deadline <= start:
        return None
    elapsed = (min(today, task.deadline) - start).days
    return max(0, min(100, round(elapsed * 100 / (task.deadline - start).days)))


def compute_light(task, *, today: dt.date, summary: ReportsSummary = ReportsSummary(),
                  milestones: Iterable = (), rules: LightRules | None = None) -> tuple[str, list[str]]:
    """(light, reasons) for `task` on `today`; ("", []) for tasks that are not deployed."""
    if task.status not in LIT:
        return Light.NONE, []
    if task.status == TaskStatus.COMPLETED:
        return Light.DONE, [_("已办结"), *_periods_missed_in_all(task, summary)]
    rules = rules or LightRules.from_settings()
    if task.status == TaskStatus.CLOSING and getattr(task, "close_requested_at", None):
        today = min(today, timezone.localdate(task.close_requested_at))
    if task.recurrence in RECURRING:
        end = min(today, task.deadline) if task.deadline else today  # after its end, only periods count
        findings = [*_milestones(milestones, today, rules), *_periods(task, end, summary)]
    else:
        findings = [*_deadline(task, today, rules), *_milestones(milestones, today, rules),
                    *_schedule(task, today, rules), *_staleness(task, today, summary, rules)]
    closing = [_("已申请办结，待验收")] if task.status == TaskStatus.CLOSING else []
    if not findings:
        return Light.GREEN, [*closing, _on_track(task, today)]
    findings.sort(key=lambda f: -_RANK[f[0]])
    return findings[0][0], [*closing, *(reason for _light, reason in findings)]


def combine_parts(parts: Iterable[tuple[str, str, str]]) -> tuple[str, list[str]] | None:
    """The light of a split task from its parts' (light, reason, unit name): the worst of them,
    with the worst part named first and the count of each colour; None while no part is lit."""
    lit = [p for p in parts if p[0] != Light.NONE]
    if not lit:
        return None
    if all(light == Light.DONE for light, _reason, _unit in lit):
        return Light.GREEN, [_("分解任务已全部办结，待验收")]
    # the worst part, ties broken by unit name: the stored reason must not depend on the order rows came in
    worst = min(lit, key=lambda p: (-_RANK[p[0]], p[2]))
    counts = {light: sum(1 for p in lit if p[0] == light) for light in (Light.RED, Light.YELLOW, Light.GREEN,
                                                                         Light.DONE)}
    summary = "、".join(_("%(n)d 项%(light)s") % {"n": n, "light": Light(light).label}
                       for light, n in counts.items() if n)
    reasons = [_("分解任务 %(n)d 项：%(s)s") % {"n": len(lit), "s": summary}]
    if worst[0] in (Light.RED, Light.YELLOW):
        reasons.insert(0, f"{worst[2]}：{worst[1].split('；')[0]}")
    return worst[0] if worst[0] != Light.DONE else Light.GREEN, reasons


def _deadline(task, today, rules) -> list[tuple[str, str]]:
    if not task.deadline:
        return []
    days = (task.deadline - today).days
    if days < 0:
        return [(Light.RED, _("已超过完成时限 %(n)d 天") % {"n": -days})]
    if days <= rules.deadline_warn_days and task.progress < 100:
        if days == 0:
            return [(Light.YELLOW, _("今天到期，进度 %(p)d%%") % {"p": task.progress})]
        return [(Light.YELLOW, _("距完成时限仅剩 %(n)d 天，进度 %(p)d%%") % {"n": days, "p": task.progress})]
    return []


def _milestones(milestones, today, rules) -> list[tuple[str, str]]:
    found = []
    for m in milestones:
        if m.done or m.due_date > today + dt.timedelta(days=rules.deadline_warn_days):
            continue
        days = (m.due_date - today).days
        if days < 0:
            found.append((Light.RED, _("节点“%(t)s”已逾期 %(n)d 天") % {"t": m.title, "n": -days}))
        else:
            found.append((Light.YELLOW, _("节点“%(t)s”将于 %(n)d 天内到期") % {"t": m.title, "n": days}))
    return found


def _schedule(task, today, rules) -> list[tuple[str, str]]:
    expected = expected_percent(task, today)
    if expected is None or task.progress >= 100:
        return []
    gap = expected - task.progress
    reason = _("进度 %(p)d%%，低于序时进度 %(e)d%%") % {"p": task.progress, "e": expected}
    if gap > rules.behind_red:
        return [(Light.RED, reason)]
    if gap > rules.behind_yellow:
        return [(Light.YELLOW, reason)]
    return []


def _staleness(task, today, summary, rules) -> list[tuple[str, str]]:
    start = task_start(task)
    since = summary.last_report_on or start
    if since is None or task.progress >= 100:
        return []
    days = (today - since).days
    if summary.last_report_on:
        reason = _("已 %(n)d 天未上报进展") % {"n": days}
    else:
        reason = _("开始以来已 %(n)d 天未上报进展") % {"n": days}
    if days > rules.stale_red_days:
        return [(Light.RED, reason)]
    if days > rules.stale_yellow_days:
        return [(Light.YELLOW, reason)]
    return []


def _periods(task, today, summary) -> list[tuple[str, str]]:
    start = task_start(task)
    if start is None:
        return []
    missed = trailing_missed(task, start, today, summary.periods)
    labels = "、".join(period_label(task.recurrence, key) for key in missed[-3:])
    if len(missed) >= 2:
        return [(Light.RED, _("连续 %(n)d 个周期未上报（%(p)s）") % {"n": len(missed), "p": labels})]
    if missed:
        return [(Light.YELLOW, _("上一周期（%(p)s）未上报") % {"p": labels})]
    return []


def _periods_missed_in_all(task, summary) -> list[str]:
    """A finished recurring task is judged on the periods it missed over its whole run."""
    start, done = task_start(task), getattr(task, "completed_at", None)
    if task.recurrence not in RECURRING or start is None or done is None:
        return []
    # the day after it ended: its last period is closed too
    missed = missed_periods(task, start, timezone.localdate(done) + dt.timedelta(days=1), summary.periods)
    return [_("漏报 %(n)d 个周期") % {"n": len(missed)}] if missed else []


def _on_track(task, today) -> str:
    expected = expected_percent(task, today)
    if expected is not None:
        return _("进度 %(p)d%%，不低于序时进度 %(e)d%%") % {"p": task.progress, "e": expected}
    return _("按时上报，进度正常")


# -- an indicator's light ----------------------------------------------------------------------


def year_percent(year: int, today: dt.date) -> int | None:
    """序时进度 of a year's target: the share of the plan's year that has passed, in percent; None
    before the year starts."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if today < first:
        return None
    return round((min(today, last) - first).days * 100 / (last - first).days)


def indicator_light(*, actual, target, year: int, today: dt.date,
                    rules: LightRules | None = None, reason: bool = True) -> tuple[str, str]:
    """(light, reason) of a year's quantified target against 序时进度, by the thresholds of a task's
    schedule rule: reached is green; more than `behind_yellow` points below the share of the year
    elapsed is yellow, more than `behind_red` red. Unlit without a target or before the year.
    Pure: it reads the stored actual, so it follows whatever moves the actual (a report, a register
    row), and ages with the calendar without anything to refresh. `reason=False`: the light alone
    (reason ""), for counting many shares by light without putting each reason into words."""
    expected = year_percent(year, today)
    light, done = light_against(actual, target, expected, rules or LightRules.from_settings())
    if not reason or light == Light.NONE:
        return light, ""
    return light, indicator_reason(done, expected, IndicatorWords())


class IndicatorWords:
    """An indicator's reasons in the active language, put into words once for a board of many."""

    def __init__(self):
        self.reached, self.behind = _("已完成目标（%(p)d%%）"), _("完成 %(p)d%%，序时进度 %(e)d%%")


def indicator_reason(done: int, expected: int, words: IndicatorWords) -> str:
    """The reason of a lit indicator (`light_against`'s percent done against 序时进度)."""
    return words.reached % {"p": done} if done >= 100 else words.behind % {"p": done, "e": expected}


def light_against(actual, target, expected: int | None, rules: LightRules) -> tuple[str, int]:
    """`indicator_light`'s light and percent done, with 序时进度 (`year_percent`) worked out by the
    caller: a board lights hundreds of shares against the same day."""
    if target is None or not target > 0 or expected is None:
        return Light.NONE, 0
    done = int((Decimal(actual or 0) * 100 / Decimal(target)).to_integral_value())
    if done >= 100:
        return Light.GREEN, done
    gap = expected - done
    return (Light.RED if gap > rules.behind_red else Light.YELLOW if gap > rules.behind_yellow else Light.GREEN), done


# -- the same rules against the database ------------------------------------------------------


def milestones_for(task_ids: Iterable[int]) -> dict[int, list[MilestoneState]]:
    from luoshi.plans.models import Milestone

    found: dict[int, list[MilestoneState]] = {}
    rows = (Milestone.objects.unscoped("the steps of tasks whose light is computed").filter(task_id__in=list(task_ids))
            .order_by("task_id", "due_date", "id"))  # not the default order, which joins task and plan
    for task_id, title, due, done_at in rows.values_list("task_id", "title", "due_date", "done_at"):
        found.setdefault(task_id, []).append(MilestoneState(title, due, done_at is not None))
    return found


def summary_of(task: Task) -> ReportsSummary:
    """From what the task in hand stores: its last report and the periods reported."""
    last = timezone.localdate(task.last_report_at) if task.last_report_at else None
    if task.recurrence not in RECURRING:
        return ReportsSummary(last_report_on=last)
    return ReportsSummary(last_report_on=last, periods=frozenset(task.reported_periods.split()))


def milestone_states(task: Task) -> list[MilestoneState]:
    """The task's steps, from its page's prefetch when it has one."""
    cached = getattr(task, "_prefetched_objects_cache", {}).get("milestones")
    if cached is None:  # a report's light: one task's steps, a statement built once (core.prepared)
        steps = _STEPS.rows("steps", task=task.pk)
        return [MilestoneState(title, due, done_at is not None) for title, due, done_at in steps]
    return [MilestoneState(m.title, m.due_date, m.done_at is not None) for m in cached]


def _steps(key, *, task: int):
    from luoshi.plans.models import Milestone

    return (Milestone.objects.unscoped("the steps of a task whose light is computed").filter(task_id=task)
            .order_by("due_date", "id").values_list("title", "due_date", "done_at"))


_STEPS = Shape(_steps)


def join_reasons(reasons: list[str]) -> str:
    return "；".join(reasons)[:300]
