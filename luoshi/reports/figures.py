"""The leader's dashboard: every chart as data, each element with the value it shows and the
address of the list behind it (a ledger's list with its declared filters, the urges, a roll call,
a unit's score). The home page, the meeting room's screen and the bulletins read the same figures.

Counts come from the stored lights (`Task.light`, owned by `plans.light_store`) and stored round
counts (`DispatchRound.reported_count`); nothing is recomputed per row. One grouped query serves
the lights by line, by unit and the on-time rate; the whole dashboard is about a dozen queries,
whatever the data's size (`tests/test_dashboard.py` holds the number).

A chart is `Chart(key, title, kind, categories, series)`; a series holds one `Point(value, url)`
per category. `static/luoshi/dashboard.js` draws them with ECharts and opens a point's `url` on a
click. `tests/test_dashboard.py` opens every point's url and checks the count (or sum) it shows."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import BooleanField, Case, Count, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from luoshi.assessment import selectors as assessment
from luoshi.core.markup import escape
from luoshi.core.weeks import last_weeks
from luoshi.dispatch.models import DispatchRound, RoundStatus
from luoshi.economy import selectors as economy
from luoshi.economy.models import InvestmentProject, ProjectStage
from luoshi.plans import light_style
from luoshi.plans import selectors as plan_selectors
from luoshi.plans.models import Plan, TaskStatus
from luoshi.reports.models import Bulletin
from luoshi.supervision.models import Problem, ProblemStatus, Urge, UrgeLevel, UrgeStatus

WEEKS = 8  # the trend's span
UNITS = 12  # the lead units charted (most tasks first); the list has the rest
ROUNDS = 8  # the latest closed roll calls
RED_LIST = 15  # the head of the red and overdue list; its counts link to the whole
# colours of what is not a light (a light's colour is plans.light_style's)
PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#bab0ac")
NOT_OVERDUE = (TaskStatus.COMPLETED, TaskStatus.CLOSING, TaskStatus.DRAFT)


@dataclass
class Point:
    value: int | float
    url: str = ""


@dataclass
class Series:
    name: str
    colour: str
    points: list[Point]
    stack: bool = False


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # "hbar" (stacked across), "bar" (columns), "line"
    categories: list[str]
    series: list[Series]
    unit: str = ""
    note: str = ""
    empty: bool = field(init=False, default=False)
    height: int = field(init=False, default=260)  # px on a page; a bar across per category

    def __post_init__(self):
        self.empty = not self.categories or not any(p.value for s in self.series for p in s.points)
        if self.kind == "hbar":
            self.height = max(160, 48 + 28 * len(self.categories))

    def rows(self) -> list[dict]:
        """The chart as a table (its accessible twin, and the page without scripts): a row per category."""
        return [{"category": c, "cells": [s.points[i] for s in self.series]} for i, c in enumerate(self.categories)]

    def table(self) -> SafeString:
        """`rows` as the dashboard's table shows them (its head and body): a point with rows behind it links
        to them. Built here, as the plan page's rows are: a dozen charts' few hundred cells through the
        template's loops and conditions cost the home page more than most of its queries."""
        head = "".join(f"<th>{escape(s.name)}</th>" for s in self.series)
        body = "".join(f'<tr><th class="fw-normal">{escape(row["category"])}</th>\n              '
                       + "".join(_cell(point) for point in row["cells"]) + "</tr>" for row in self.rows())
        return mark_safe(f"<thead><tr><th></th>{head}</tr></thead>\n            <tbody>{body}</tbody>")  # escaped

    def as_json(self) -> dict:
        """`dataclasses.asdict(self)`, written out: asdict deep-copies every point of every chart."""
        return {"key": self.key, "title": self.title, "kind": self.kind, "categories": list(self.categories),
                "series": [{"name": s.name, "colour": s.colour,
                            "points": [{"value": p.value, "url": p.url} for p in s.points], "stack": s.stack}
                           for s in self.series],
                "unit": self.unit, "note": self.note, "empty": self.empty, "height": self.height}


def _cell(point: Point) -> str:
    """A point's cell: its value, linked to its rows when it has any (a zero has no rows to open)."""
    shown = escape(point.value if type(point.value) is int else localize(point.value))  # as the template shows it
    if point.url and point.value:
        return f'<td><a href="{escape(point.url)}" data-point="{shown}"\n                >{shown}</a></td>'
    return f"<td>{shown}</td>"


def may_read(actor) -> bool:
    """The dashboard is the leader's and the office's (the readers of bulletins); 纪委 reads plans, not this."""
    return Bulletin.policy.allows(actor, "view")


def headline(totals: dict) -> list[dict]:
    """Whole tasks by light as the home page's headline shows them (plans.selectors.light_totals)."""
    return [{"key": s.value, "label": s.label, "tone": f"text-{s.tone}", "count": totals[s.value]}
            for s in light_style.SHOWN]


def _link(base: str, **params) -> str:
    return base + "?" + urlencode({k: v for k, v in params.items() if v is not None})


def dashboard(*, actor, plan: Plan | None, today: dt.date | None = None) -> dict:
    """The charts and the red list for the reader's current plan; those that need no plan (urges,
    problems, roll calls, ranking, registers) are shown without one."""
    today = today or timezone.localdate()
    charts: list[Chart] = []
    red_list: list[RedTask] = []
    counts = {}
    if plan is not None:
        charts += task_charts(actor=actor, plan=plan, today=today)
        red_list, counts = red_and_overdue(actor=actor, plan=plan, today=today)
    charts.append(trend_chart(actor=actor, plan=plan, today=today))
    charts.append(urge_chart(actor=actor))
    charts.append(problem_chart(actor=actor))
    charts.append(roll_call_chart(actor=actor))
    charts.append(ranking_chart(actor=actor))
    charts.append(project_chart(actor=actor))
    charts.append(income_chart(actor=actor, year=plan.year if plan else today.year))
    return {"charts": charts, "charts_json": [c.as_json() for c in charts], "red_list": red_list,
            "red_counts": counts, "today": today}


def _overdue_case(today: dt.date):
    """`plans.ledgers._overdue` as an expression: past the deadline and neither done, awaiting 验收, nor a draft."""
    return Case(When(Q(deadline__lt=today) & ~Q(status__in=NOT_OVERDUE), then=Value(True)), default=Value(False),
                output_field=BooleanField())


def task_charts(*, actor, plan: Plan, today: dt.date) -> list[Chart]:
    """Lights by line, lights by lead unit, on time by line: one grouped query over the plan's whole tasks."""
    rows = list(plan_selectors.whole_tasks(actor=actor, plan=plan)
                .values("line_id", "line__name", "line__sort_order", "lead_unit_id", "lead_unit__name", "light")
                .annotate(overdue=_overdue_case(today), n=Count("id")).order_by())
    tasks_url = reverse("plans:task_list")
    lines: OrderedDict = OrderedDict()
    for row in sorted(rows, key=lambda r: (r["line__sort_order"] is None, r["line__sort_order"] or 0,
                                           r["line_id"] or 0)):
        lines.setdefault(row["line_id"], row["line__name"] or _("（未分专线）"))
    units: dict = {}
    unit_totals: dict = defaultdict(int)
    by_line, by_unit = defaultdict(int), defaultdict(int)
    late, in_time = defaultdict(int), defaultdict(int)
    for row in rows:
        units.setdefault(row["lead_unit_id"], row["lead_unit__name"] or "—")
        unit_totals[row["lead_unit_id"]] += row["n"]
        by_line[(row["line_id"], row["light"])] += row["n"]
        by_unit[(row["lead_unit_id"], row["light"])] += row["n"]
        (late if row["overdue"] else in_time)[row["line_id"]] += row["n"]

    def line_param(line_id):
        return "none" if line_id is None else line_id

    shown_units = sorted((u for u in units if u is not None), key=lambda u: (-unit_totals[u], units[u]))[:UNITS]
    lights_by_line = Chart("lights_by_line", _("各专线红黄绿灯"), "hbar", list(lines.values()), [
        Series(s.label, s.colour, [Point(by_line[(line, s.value)], _link(
            tasks_url, plan=plan.pk, line=line_param(line), whole=1, light=s.value)) for line in lines], stack=True)
        for s in light_style.SHOWN])
    lights_by_unit = Chart("lights_by_unit", _("各牵头单位红黄绿灯"), "hbar", [units[u] for u in shown_units], [
        Series(s.label, s.colour, [Point(by_unit[(unit, s.value)], _link(
            tasks_url, plan=plan.pk, lead=unit, whole=1, light=s.value))
            for unit in shown_units], stack=True)
        for s in light_style.SHOWN])
    rate_labels = []
    for line, name in lines.items():
        total = late[line] + in_time[line]
        rate = round(100 * in_time[line] / total) if total else 0
        rate_labels.append(_("%(rate)d%% %(line)s") % {"line": name, "rate": rate})
    on_time = Chart("on_time", _("各专线按期率"), "hbar", rate_labels, [
        Series(_("未逾期"), PALETTE[2], [Point(in_time[line], _link(
            tasks_url, plan=plan.pk, line=line_param(line), whole=1, ontime=1)) for line in lines], stack=True),
        Series(_("已逾期"), PALETTE[1], [Point(late[line], _link(
            tasks_url, plan=plan.pk, line=line_param(line), whole=1, overdue=1)) for line in lines], stack=True),
    ], note=_("按期率 = 未逾期任务 ÷ 全部任务（整项计）"))
    return [lights_by_line, lights_by_unit, on_time]


@dataclass(slots=True)
class RedTask:
    """A task of the red and overdue list, as the dashboard names it: read as values, not as a task with its unit."""

    pk: int
    title: str
    lead_unit_name: str | None
    deadline: dt.date | None
    overdue: bool


def red_and_overdue(*, actor, plan: Plan, today: dt.date) -> tuple[list[RedTask], dict]:
    """The head of the red and overdue list (red first, then the longest overdue) and both counts, each with its link."""
    whole = plan_selectors.whole_tasks(actor=actor, plan=plan)
    flagged = whole.filter(Q(light=light_style.RED.value) | (Q(deadline__lt=today) & ~Q(status__in=NOT_OVERDUE)))
    first = flagged.annotate(overdue=_overdue_case(today)).order_by("-overdue", "deadline", "id")[:RED_LIST]
    head = [RedTask(*row) for row in first.values_list("pk", "title", "lead_unit__name", "deadline", "overdue")]
    numbers = whole.aggregate(red=Count("id", filter=Q(light=light_style.RED.value)),
                              overdue=Count("id", filter=Q(deadline__lt=today) & ~Q(status__in=NOT_OVERDUE)))
    tasks_url = reverse("plans:task_list")
    counts = {"red": (numbers["red"], _link(tasks_url, plan=plan.pk, whole=1, light=light_style.RED.value)),
              "overdue": (numbers["overdue"], _link(tasks_url, plan=plan.pk, whole=1, overdue=1))}
    return head, counts


def trend_chart(*, actor, plan: Plan | None, today: dt.date) -> Chart:
    """Per week, the last eight: the plan's tasks 办结 and the problems found and 销号."""
    weeks = last_weeks(today, WEEKS)
    week_of = _weeks_finder(weeks)
    first = timezone.make_aware(dt.datetime.combine(weeks[0], dt.time.min))
    done = defaultdict(int)
    if plan is not None:
        for moment in (plan_selectors.whole_tasks(actor=actor, plan=plan)
                       .filter(status=TaskStatus.COMPLETED, completed_at__gte=first)
                       .values_list("completed_at", flat=True)):
            done[week_of(moment)] += 1
    found, closed = defaultdict(int), defaultdict(int)
    for created, closed_at in (Problem.objects.visible_to(actor).filter(Q(created_at__gte=first) |
                                                                        Q(closed_at__gte=first))
                               .values_list("created_at", "closed_at")):
        if created and created >= first:
            found[week_of(created)] += 1
        if closed_at and closed_at >= first:
            closed[week_of(closed_at)] += 1
    tasks_url, problems_url = reverse("plans:task_list"), reverse("ledgers:list", args=["problems"])
    series = []
    if plan is not None:
        series.append(Series(_("任务办结"), light_style.DONE.colour, [
            Point(done[w], _link(tasks_url, plan=plan.pk, whole=1, done_week=w.isoformat())) for w in weeks]))
    series += [
        Series(_("发现问题"), PALETTE[1], [Point(found[w], _link(problems_url, found_week=w.isoformat()))
                                           for w in weeks]),
        Series(_("问题销号"), PALETTE[2], [Point(closed[w], _link(problems_url, closed_week=w.isoformat()))
                                           for w in weeks]),
    ]
    return Chart("trend", _("近八周趋势"), "line", [w.strftime("%m-%d") for w in weeks], series,
                 note=_("按周（周一起）统计"))


def _weeks_finder(weeks: list[dt.date]):
    """The week (its Monday, among `weeks`) a moment falls in, by the local calendar; None after the
    last. The weeks' bounds are made aware once: a few hundred moments a dashboard each put into local
    time cost more than the query that read them."""
    bounds = [timezone.make_aware(dt.datetime.combine(week, dt.time.min)) for week in weeks]
    bounds.append(timezone.make_aware(dt.datetime.combine(weeks[-1] + dt.timedelta(weeks=1), dt.time.min)))

    def week_of(moment: dt.datetime) -> dt.date | None:
        i = bisect_right(bounds, moment) - 1
        return weeks[i] if 0 <= i < len(weeks) else None
    return week_of


def urge_chart(*, actor) -> Chart:
    numbers = Urge.objects.visible_to(actor).aggregate(
        issued=Count("id"), answered=Count("id", filter=Q(status=UrgeStatus.ANSWERED)),
        escalated=Count("id", filter=Q(level__gt=UrgeLevel.OWNER)))
    url = reverse("supervision:urge_list")
    return Chart("urges", _("督办单"), "bar", [_("已发出"), _("已答复"), _("已升级")], [
        Series(_("督办单"), PALETTE[0], [Point(numbers["issued"], url),
                                         Point(numbers["answered"], _link(url, status=UrgeStatus.ANSWERED.value)),
                                         Point(numbers["escalated"], _link(url, escalated=1))])])


def problem_chart(*, actor) -> Chart:
    numbers = dict(Problem.objects.visible_to(actor).values_list("status").annotate(n=Count("id")).order_by())
    url = reverse("ledgers:list", args=["problems"])
    return Chart("problems", _("问题整改"), "bar", [str(label) for _value, label in ProblemStatus.choices], [
        Series(_("问题"), PALETTE[3], [Point(numbers.get(value, 0), _link(url, status=value))
                                       for value, _label in ProblemStatus.choices])],
        note=_("共发现 %(n)d 个问题") % {"n": sum(numbers.values())})


def roll_call_chart(*, actor) -> Chart:
    rounds = list(DispatchRound.objects.visible_to(actor).filter(status=RoundStatus.CLOSED)
                  .select_related("dispatch").order_by("-date", "-id")[:ROUNDS])[::-1]
    return Chart("roll_call", _("调度点名到会"), "bar",
                 [f"{r.date:%m-%d} {r.dispatch.name}"[:16] for r in rounds], [
        Series(_("已上报"), PALETTE[2], [Point(r.reported_count, reverse("dispatch:round", args=[r.pk]))
                                         for r in rounds], stack=True),
        Series(_("未上报"), PALETTE[1], [Point(r.expected_count - r.reported_count,
                                               reverse("dispatch:round", args=[r.pk])) for r in rounds], stack=True),
    ])


def ranking_chart(*, actor) -> Chart:
    """The latest published ranking of the first scheme (assessment's top_and_bottom): its top ten."""
    latest = assessment.top_and_bottom(actor=actor, count=10)
    if not latest:
        return Chart("ranking", _("最新考核排名"), "hbar", [], [])
    run, top = latest[0]["run"], latest[0]["top"]
    return Chart("ranking", _("最新考核排名"), "hbar", [f"{r.rank}. {r.unit.name}" for r in top], [
        Series(_("总分"), PALETTE[0], [Point(float(r.total), reverse("assessment:run_unit", args=[run.pk, r.unit_id]))
                                       for r in top])],
        note=str(run.scheme.title), unit=_("分"))


def project_chart(*, actor) -> Chart:
    numbers = dict(InvestmentProject.objects.visible_to(actor).filter(yi_project=True).values_list("stage")
                   .annotate(n=Count("id")).order_by())
    url = reverse("ledgers:list", args=["projects"])
    stages = [(v, label) for v, label in ProjectStage.choices if v != ProjectStage.DROPPED]
    return Chart("projects", _("亿元项目"), "bar", [str(label) for _v, label in stages], [
        Series(_("项目数"), PALETTE[5], [Point(numbers.get(v, 0), _link(url, yi_project="true", stage=v))
                                         for v, _label in stages])],
        note=_("共 %(n)d 个") % {"n": sum(n for v, n in numbers.items() if v != ProjectStage.DROPPED)})


def income_chart(*, actor, year: int) -> Chart:
    """Each village's collective income of the plan's year (economy's year page: a village with no entry is 0)."""
    villages = economy.income_year(actor=actor, year=year).villages
    url = reverse("ledgers:list", args=["collective-income"])
    return Chart("income", _("村集体经济收入（%(year)d年）") % {"year": year}, "bar",
                 [v.village.name for v in villages], [
        Series(_("收入"), PALETTE[4], [Point(float(v.total), _link(url, year=year, village=v.village.pk))
                                       for v in villages])], unit=_("万元"),
        note=_("合计 %(total)s 万元") % {"total": f"{sum((v.total for v in villages), Decimal(0)):.2f}"})
