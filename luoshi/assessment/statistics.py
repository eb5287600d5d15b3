"""Per-unit statistics (单位工作统计): every number a unit's page shows, declared here and nowhere
else. Each `Statistic` is a condition on the rows of one `Source` (a unit's tasks, urges, problems,
roll-call entries or reports, as the reader sees them); the page counts them all with one query per
source, and the same condition lists the rows behind a number (`rows_of`), so the two cannot
disagree. Task counts that the task list can filter link there (/tasks/?plan=&unit=&status=|light=|
overdue=1) instead.

A `Period` is a unit's window (from, to); states and lights are as they are now, in the plan of the
period's year; everything else is counted by the date it happened."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DateField, DurationField, ExpressionWrapper, F, Q, Sum, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from luoshi.assessment.models import Commitment, SiteResult
from luoshi.core.planning import planned_each_time
from luoshi.dispatch.models import RollCallEntry
from luoshi.economy.models import CollectiveIncome
from luoshi.org.models import Person
from luoshi.plans.models import Indicator, Light, Plan, PlanStatus, Strength, Task, TaskStatus
from luoshi.progress.models import ProgressReport
from luoshi.supervision.models import Problem, ProblemStatus, Urge, UrgeColour, UrgeStatus


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    plan: Plan | None
    today: dt.date
    line_id: int | None = None  # a work line's tasks only (a scheme item of that line); None: all

    @property
    def after(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.start, dt.time.min))

    @property
    def before(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min))

    @property
    def weeks(self) -> int:
        return max(1, math.ceil(((self.end - self.start).days + 1) / 7))


def period_of(*, actor, start: dt.date | None = None, end: dt.date | None = None,
              today: dt.date | None = None) -> Period:
    """From 1 January of this year to today unless told; the plan is the newest deployed one of
    the start's year that the reader sees."""
    today = today or timezone.localdate()
    start = start or today.replace(month=1, day=1)
    end = end or max(today, start)
    deployed = Plan.objects.exclude(status=PlanStatus.DRAFT).filter(year=start.year).order_by("-id")
    # a village secretary does not see the township's plan, only its tasks in the village: the plan is then the
    # newest one whose tasks the reader sees (its title is shown, as on the reader's own task pages)
    plan = deployed.visible_to(actor).first() or deployed.unscoped("the plan of the tasks the reader sees").filter(
        pk__in=Task.objects.visible_to(actor).filter(plan__year=start.year).values("plan_id")).first()
    return Period(start=start, end=end, plan=plan, today=today)


@dataclass(frozen=True)
class Source:
    """A unit's rows of one kind, as the reader sees them, and how one is shown in a list."""

    key: str
    label: object
    rows: Callable  # (actor, unit, period) → queryset
    related: tuple[str, ...] = ()
    describe: Callable = None  # row → (title, detail, url)


def _on_line(rows, period, lookup: str):
    return rows if period.line_id is None else rows.filter(**{lookup: period.line_id})


def _tasks(actor, unit, period):
    if period.plan is None:
        return Task.objects.visible_to(actor).none()
    return _on_line(Task.objects.visible_under(actor, unit.path).filter(plan=period.plan).exclude(
        status=TaskStatus.DRAFT), period, "line_id")


def _urges(actor, unit, period):
    return _on_line(Urge.objects.visible_under(actor, unit.path).exclude(status=UrgeStatus.WITHDRAWN), period,
                    "task__line_id")


def _problems(actor, unit, period):
    return _on_line(Problem.objects.visible_under(actor, unit.path), period, "task__line_id")


def _roll_calls(actor, unit, period):
    # the unit's people as a subquery, not a join: PostgreSQL then reads their entries by index
    # rather than joining every entry of the county to its person (40 ms → 1 ms for an office)
    people = Person.objects.unscoped("the people of a unit the actor sees").filter(unit__path__under=unit.path)
    return RollCallEntry.objects.visible_to(actor).filter(person__in=people.values("pk"),
                                                          round__date__gte=period.start,
                                                          round__date__lte=period.end)


def _reports(actor, unit, period):
    return _on_line(ProgressReport.objects.visible_under(actor, unit.path).filter(created_at__gte=period.after,
                                                                                  created_at__lt=period.before),
                    period, "task__line_id")


def _indicators(actor, unit, period):
    """The plan's targets held by the unit or below it (its shares), those with a target value."""
    if period.plan is None:
        return Indicator.objects.visible_to(actor).none()
    return _on_line(Indicator.objects.visible_to(actor).filter(plan=period.plan, unit__path__under=unit.path,
                                                               target__isnull=False), period, "line_id")


def _incomes(actor, unit, period):
    """The unit's collective-income entries of the period's year and the year before (村级集体经济),
    as the income register's year page sums them: every entry of a year, by its 年度."""
    return CollectiveIncome.objects.visible_under(actor, unit.path).filter(
        year__in=(period.start.year, period.start.year - 1))


def _commitments(actor, unit, period):
    """The 实事 the unit (a village) committed for the period's year (实事承诺), each carried out as a task."""
    return Commitment.objects.visible_under(actor, unit.path).filter(year=period.start.year)


def _site_results(actor, unit, period):
    """The frozen 观摩评比 results of the unit's sites, of the reviews held within the period."""
    return SiteResult.objects.visible_to(actor).filter(unit__path__under=unit.path,
                                                       review_date__gte=period.start, review_date__lte=period.end)


def _day(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else (
        timezone.localtime(value).date().isoformat() if value else "")


# Rows under the unit's path are read with `visible_under`: for a reader who sees the whole unit (its
# office, its secretary, the township above it) the scope's conditions then drop out of the counts.
SOURCES = {source.key: source for source in (
    Source("tasks", _("任务"), _tasks, ("lead_unit",),
           lambda t: (t.title, f"{t.lead_unit} · {t.get_status_display()} · {_day(t.deadline)}",
                      reverse("plans:task_detail", args=[t.pk]))),
    Source("urges", _("督办单"), _urges, ("task",),
           lambda u: (u.task.title, f"{u.number} · {u.get_colour_display()} · {u.get_status_display()} · "
                      f"{_day(u.issued_at)}", reverse("supervision:urge_detail", args=[u.pk]))),
    Source("problems", _("问题"), _problems, ("lead_unit",),
           lambda p: (p.title or p.description[:60], f"{p.lead_unit} · {p.get_status_display()} · "
                      f"{_day(p.deadline)} · {_day(p.closed_at)}",
                      reverse("supervision:problem_detail", args=[p.pk]))),
    Source("roll_calls", _("点名"), _roll_calls, ("round",),
           lambda e: (e.person_name, f"{_day(e.round.date)} · {e.task_title or ''} · "
                      f"{_('已上报') if e.reported_at else _('未上报')}",
                      reverse("dispatch:round", args=[e.round_id]))),
    Source("reports", _("进展上报"), _reports, ("task",),
           lambda r: (r.task.title, f"{r.reporter_name} · {_day(r.created_at)}",
                      reverse("plans:task_detail", args=[r.task_id]))),
    Source("indicators", _("指标"), _indicators, ("unit",),
           lambda i: (i.name, f"{i.unit} · {i.get_strength_display()} · {i.actual or 0}/{i.target} {i.measure}",
                      reverse("plans:plan_detail", args=[i.plan_id]))),
    Source("incomes", _("集体收入"), _incomes, ("village",),
           lambda c: (c.item, f"{c.village} · {c.year} · {c.get_source_display()} · {c.amount.normalize():f}",
                      reverse("ledgers:detail", args=["collective-income", c.pk]))),
    Source("commitments", _("实事承诺"), _commitments, ("village", "task"),
           lambda c: (c.title, f"{c.village} · {_day(c.deadline)} · "
                      f"{c.task.get_status_display() if c.task_id else ''} · "
                      f"{_day(c.task.completed_at) if c.task_id else ''}",
                      reverse("assessment:commitment_board", args=[c.village_id]) + f"?year={c.year}#c{c.pk}")),
    Source("site_results", _("观摩结果"), _site_results, ("site__review", "unit"),
           lambda r: (f"{r.site.review.title} · {r.site.name}", f"{r.unit} · {_day(r.review_date)} · {r.result}",
                      reverse("assessment:review_detail", args=[r.site.review_id]) + f"#site{r.site_id}")),
)}


@dataclass(frozen=True)
class Statistic:
    """One number of the page: the rows of `source` that meet `condition` (a function of the
    period), counted; `task_filter` names the task list's filters that show the same rows."""

    key: str
    label: object
    source: str
    condition: Callable[[Period], Q] | None  # with `equals`: the rest of the condition (None: nothing more)
    group: object = ""
    task_filter: dict = field(default_factory=dict)
    total: str = ""  # a field summed instead of rows counted (集体收入, 万元)
    kinds: tuple[str, ...] = ()  # the kinds of unit it is counted for (0 for the others); every kind when empty
    on_page: bool = True  # shown on a unit's page; else read by the schemes only (观摩: its own pages)
    # (field, value): the rows whose field holds the value (and meet `condition`). The page counts such
    # numbers from one GROUP BY of their source rather than a FILTER each: building a dozen filtered counts
    # was most of the page's time. `within` keeps the rest of the condition, which the grouped count filters by.
    equals: tuple[str, object] | None = None
    within: Callable[[Period], Q] | None = field(default=None, init=False)

    def __post_init__(self):
        if self.equals is not None:
            name, value = self.equals
            within = self.condition
            object.__setattr__(self, "within", within)
            object.__setattr__(self, "condition",
                               lambda period: (within(period) if within else Q()) & Q(**{name: value}))

    def applies(self, unit, *, page: bool = False) -> bool:
        return (not self.kinds or unit.kind in self.kinds) and (self.on_page or not page)


def _open_overdue(period: Period) -> Q:
    """As the task list's 已逾期 (plans.ledgers._overdue): past the deadline, not finished, not awaiting 验收."""
    return Q(deadline__lt=period.today) & ~Q(status__in=[TaskStatus.COMPLETED, TaskStatus.CLOSING])


def _due(period: Period) -> Q:
    """Due within the period, or finished within it (a task done before a later deadline counts too)."""
    return Q(deadline__gte=period.start, deadline__lte=period.end) | Q(
        status=TaskStatus.COMPLETED, completed_at__gte=period.after, completed_at__lt=period.before)


def _issued(period: Period) -> Q:
    return Q(issued_at__gte=period.after, issued_at__lt=period.before)


def _closed(period: Period) -> Q:
    return Q(status=ProblemStatus.CLOSED, closed_at__gte=period.after, closed_at__lt=period.before)


def _always(period: Period) -> Q:
    return Q()


_STATES = _("任务状态（当前）")
_LIGHTS = _("任务亮灯（当前）")
_TIMELINESS = _("按期办结")
_URGES = _("督办")
_PROBLEMS = _("问题整改")
_ROLL_CALLS = _("调度点名")
_REPORTS = _("进展上报")
_INDICATORS = _("指标完成")
_INCOME = _("村级集体经济（万元）")
_COMMITMENTS = _("实事承诺")
_SITE_REVIEWS = _("观摩评比")


def _commitment_done(period: Period) -> Q:
    """Done (兑现) by the period's end: its task accepted as 已办结 before then."""
    return Q(task__status=TaskStatus.COMPLETED, task__completed_at__lt=period.before)


def _met(period: Period) -> Q:
    return Q(actual__gte=F("target"))

STATISTICS: tuple[Statistic, ...] = (
    *(Statistic(f"status_{s.value}", s.label, "tasks", None, _STATES, {"status": s.value}, equals=("status", s.value))
      for s in (TaskStatus.DEPLOYED, TaskStatus.SIGNED, TaskStatus.RETURNED, TaskStatus.CLOSING,
                TaskStatus.COMPLETED)),
    *(Statistic(f"light_{light.value}", light.label, "tasks", None, _LIGHTS, {"light": light.value},
                equals=("light", light.value))
      for light in (Light.GREEN, Light.YELLOW, Light.RED, Light.DONE)),
    Statistic("overdue", _("逾期未办结"), "tasks", _open_overdue, _TIMELINESS, {"overdue": "1"}),
    Statistic("due", _("期内应办结或已办结"), "tasks", lambda p: _due(p), _TIMELINESS),
    Statistic("on_time", _("其中按期办结"), "tasks",
              lambda p: _due(p) & Q(status=TaskStatus.COMPLETED, completed_at__date__lte=F("deadline")), _TIMELINESS),
    *(Statistic(f"urges_{c.value}", c.label, "urges", _issued, _URGES, equals=("colour", c.value))
      for c in (UrgeColour.BLUE, UrgeColour.YELLOW, UrgeColour.RED)),
    Statistic("urges_answered", _("其中已答复"), "urges", _issued, _URGES, equals=("status", UrgeStatus.ANSWERED.value)),
    Statistic("problems_found", _("期内发现问题"), "problems",
              lambda p: Q(created_at__gte=p.after, created_at__lt=p.before), _PROBLEMS),
    Statistic("problems_closed", _("期内销号"), "problems", _closed, _PROBLEMS),
    Statistic("problems_closed_on_time", _("其中按期销号"), "problems",
              lambda p: _closed(p) & (Q(deadline__isnull=True) | Q(closed_at__date__lte=F("deadline"))), _PROBLEMS),
    Statistic("roll_calls", _("被点名人次"), "roll_calls", _always, _ROLL_CALLS),
    Statistic("roll_calls_reported", _("其中按时上报"), "roll_calls", lambda p: Q(reported_at__isnull=False),
              _ROLL_CALLS),
    Statistic("reports", _("期内进展上报"), "reports", _always, _REPORTS),
    Statistic("must", _("确保指标"), "indicators", None, _INDICATORS, equals=("strength", Strength.MUST.value)),
    Statistic("must_met", _("其中已完成"), "indicators", _met, _INDICATORS, equals=("strength", Strength.MUST.value)),
    Statistic("strive", _("力争指标"), "indicators", None, _INDICATORS, equals=("strength", Strength.STRIVE.value)),
    Statistic("strive_met", _("其中已完成"), "indicators", _met, _INDICATORS,
              equals=("strength", Strength.STRIVE.value)),
    Statistic("income_this", _("本年集体收入"), "incomes", lambda p: Q(year=p.start.year), _INCOME, total="amount",
              kinds=("village",)),
    Statistic("income_last", _("上年集体收入"), "incomes", lambda p: Q(year=p.start.year - 1), _INCOME,
              total="amount", kinds=("village",)),
    Statistic("commitments", _("承诺实事"), "commitments", _always, _COMMITMENTS, kinds=("village",)),
    Statistic("commitments_done", _("其中已兑现"), "commitments", _commitment_done, _COMMITMENTS, kinds=("village",)),
    Statistic("review_sites", _("观摩点"), "site_results", _always, _SITE_REVIEWS, on_page=False),
    Statistic("review_points", _("观摩得分合计"), "site_results", _always, _SITE_REVIEWS, total="result",
              on_page=False),
)
BY_KEY = {s.key: s for s in STATISTICS}

# The rates a page derives from the counts above: (key, label, numerator, denominator, formula in Chinese).
RATES = (
    ("on_time_rate", _("按期办结率"), "on_time", "due", _("按期办结率 = 期内到期或期内办结的任务中，在完成时限内办结的 ÷ 期内到期或期内办结的任务")),
    ("problem_on_time_rate", _("问题按期销号率"), "problems_closed_on_time", "problems_closed",
     _("问题按期销号率 = 期内销号问题中在整改时限内销号的 ÷ 期内销号问题")),
    ("attendance", _("点名到会率"), "roll_calls_reported", "roll_calls",
     _("点名到会率 = 被点名后上报的人次 ÷ 被点名人次")),
    ("must_rate", _("确保指标完成率"), "must_met", "must", _("确保指标完成率 = 完成值达到目标值的确保指标 ÷ 确保指标")),
    ("urges_answer_rate", _("督办答复率"), "urges_answered", "urges_total",
     _("督办答复率 = 期内督办单中已答复的 ÷ 期内督办单（不含撤回）")),
)


INCOME_GROWTH = _("集体收入增幅 =（本年集体收入 − 上年集体收入）÷ 上年集体收入；上年为 0 的不计增幅")


def growth(this: Decimal, last: Decimal) -> float | None:
    return round(float(100 * (this - last) / last), 1) if last else None


def rate(numerator: int, denominator: int) -> float | None:
    return round(100 * numerator / denominator, 1) if denominator else None


def _overdue_days(period: Period):
    """Σ (today − deadline) over the tasks counted as 逾期未办结, in the tasks' query."""
    return Sum(ExpressionWrapper(Value(period.today, output_field=DateField()) - F("deadline"),
                                 output_field=DurationField()), filter=_open_overdue(period))


# The sources whose count PostgreSQL's generic plan reads badly, for a range of dates it guesses at a few rows:
# a village's reports of the year (the county's 500,000 reports read by date, then intersected with the
# village's 1,000: 36 ms against 2.8 ms planned for the values); see core.planning. (The roll calls were one
# too until their entries kept their unit's path: their generic plan now starts from the unit's people.)
PLANNED_EACH_TIME = {"reports"}


def counts(*, actor, unit, period: Period, page: bool = False) -> dict[str, int]:
    """Every statistic's count for one unit, one query per source; a statistic that does not apply
    to the unit's kind (or, for its page, is not shown there) is 0 and its source is not read when
    none of its statistics applies. Overdue days = Σ (today − deadline) over the overdue tasks."""
    out: dict[str, int] = {s.key: Decimal(0) if s.total else 0 for s in STATISTICS}
    for key, source in SOURCES.items():
        own = [s for s in STATISTICS if s.source == key and s.applies(unit, page=page)]
        if not own:
            continue
        aggregates = {s.key: Sum(s.total, filter=s.condition(period)) if s.total else
                      Count("pk", filter=s.condition(period)) for s in own if s.equals is None}
        if key == "tasks":
            aggregates["overdue_days"] = _overdue_days(period)
        rows = source.rows(actor, unit, period).order_by()
        with planned_each_time() if key in PLANNED_EACH_TIME else nullcontext():
            if any(s.equals for s in own):
                out |= _grouped(rows, [s for s in own if s.equals], aggregates, period)
            else:
                out |= rows.aggregate(**aggregates)
    for statistic in STATISTICS:
        if statistic.total:
            out[statistic.key] = plain(out[statistic.key] or Decimal(0))
    out["urges_total"] = sum(out[f"urges_{c.value}"] for c in UrgeColour)
    days = out.get("overdue_days")
    out["overdue_days"] = days.days if isinstance(days, dt.timedelta) else int(days or 0)
    return out


def _grouped(rows, equals: list[Statistic], aggregates: dict, period: Period) -> dict:
    """The counts of `equals` statistics from one GROUP BY over their fields, one count per group for each
    `within` they share, with the other aggregates summed over the groups (every aggregate here is a count
    or a sum, so a sum of sums is the total)."""
    names = sorted({s.equals[0] for s in equals})
    withins = list(dict.fromkeys(s.within for s in equals))  # the same function: one count
    counted = {f"_rows{i}": Count("pk", filter=within(period)) if within else Count("pk")
               for i, within in enumerate(withins)}
    # as aggregate() answers for no rows: a count 0, a sum None
    out: dict = {alias: 0 if isinstance(e, Count) else None for alias, e in aggregates.items()}
    out |= {s.key: 0 for s in equals}
    for group in rows.values(*names).annotate(**counted, **aggregates):
        for statistic in equals:
            name, value = statistic.equals
            if group[name] == value:
                out[statistic.key] += group[f"_rows{withins.index(statistic.within)}"]
        for alias in aggregates:
            if group[alias] is not None:
                out[alias] = group[alias] if out[alias] is None else out[alias] + group[alias]
    return out


def rows_of(*, actor, unit, period: Period, key: str):
    """The rows behind one statistic, as its count counted them."""
    statistic = BY_KEY[key]
    source = SOURCES[statistic.source]
    return source.rows(actor, unit, period).filter(statistic.condition(period)).select_related(
        *source.related).order_by("-pk")


def total_of(rows, statistic: Statistic) -> Decimal | None:
    """The sum a summed statistic shows, over the rows its page lists (None for a count)."""
    if not statistic.total:
        return None
    return plain(rows.order_by().aggregate(n=Sum(statistic.total))["n"] or Decimal(0))


def plain(value: Decimal) -> Decimal:
    """A sum as people write it: 47.35, not 47.3500000000000 (SQLite's sum) or 47.3500 (the column's scale);
    100, not 1E+2."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value


def link_of(statistic: Statistic, *, unit, period: Period) -> str:
    """Where a number leads: the task list with its filters when it can show the same rows, else
    the statistic's own rows page."""
    return links_of(unit=unit, period=period)(statistic)


_KEY = "statistic0key"  # stands for a statistic's key in its rows URL, resolved once (keys are slugs)


def links_of(*, unit, period: Period) -> Callable[[Statistic], str]:
    """`link_of` for every number of one page, the URLs resolved once (as core.links.url_of does for rows):
    reversing a URL for each of a page's 30-odd numbers took ≈ 0.7 ms of CPU."""
    rows_url = reverse("assessment:unit_rows", args=[unit.pk, _KEY])
    window = urlencode({"start": period.start.isoformat(), "end": period.end.isoformat()})
    tasks_url = reverse("plans:task_list") + "?" + urlencode({"plan": period.plan.pk, "unit": unit.pk}) if (
        period.plan is not None) else ""

    def link(statistic: Statistic) -> str:
        if statistic.task_filter and tasks_url:
            return tasks_url + "&" + urlencode(statistic.task_filter)
        return rows_url.replace(_KEY, statistic.key) + "?" + window
    return link


def unit_statistics(*, actor, unit, period: Period) -> dict:
    """The page: the counts in their groups, each with its link, then the rates with their formulas."""
    numbers = counts(actor=actor, unit=unit, period=period, page=True)
    groups: dict = {}
    link = links_of(unit=unit, period=period)
    for statistic in STATISTICS:
        if not statistic.applies(unit, page=True):
            continue
        groups.setdefault(statistic.group, []).append(
            {"key": statistic.key, "label": statistic.label, "count": numbers[statistic.key],
             "url": link(statistic)})
    rates = [{"key": key, "label": label, "formula": formula,
              "value": rate(numbers[num], numbers[den]), "numerator": numbers[num], "denominator": numbers[den]}
             for key, label, num, den, formula in RATES]
    if unit.kind == "village":
        rates.append({"key": "income_growth", "label": _("集体收入增幅"), "formula": INCOME_GROWTH,
                      "value": growth(numbers["income_this"], numbers["income_last"]),
                      "numerator": numbers["income_this"], "denominator": numbers["income_last"]})
    return {"numbers": numbers, "groups": list(groups.items()), "rates": rates,
            "overdue_days": numbers["overdue_days"],
            "reports_per_week": round(numbers["reports"] / period.weeks, 1), "weeks": period.weeks}
