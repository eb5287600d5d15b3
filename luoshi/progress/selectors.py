"""Reads of the field side, each from the actor's data scope, in a constant number of queries."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Prefetch
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.errors import OutOfScope
from luoshi.core.scope import ScopedModel, get_scoped
from luoshi.plans import lights, measures
from luoshi.plans.models import Indicator, Plan, Task
from luoshi.plans.periods import RECURRING, expected_periods, period_label
from luoshi.plans.selectors import my_tasks
from luoshi.progress import rollups
from luoshi.progress.models import Attachment, IndicatorValue, ProgressReport


def reportable_tasks(*, actor):
    """The tasks the actor may report on: their 我的任务 (plans' `my_tasks`: to sign or under way,
    both open to a report, awaiting signature first, then overdue and red)."""

    return my_tasks(actor=actor)


def report_task(*, actor, pk) -> Task:
    """A task the actor may report on (404 otherwise), with its indicators and the actor's shares."""
    return get_scoped(actor, Task, pk, action="report", related=("plan", "lead_unit"))


def task_indicators(*, task: Task) -> list[Indicator]:
    """The indicators a task in the caller's scope reports against: not those counted from a
    register (`Indicator.register_measure`), whose number nobody types."""
    return list(Indicator.objects.unscoped("the indicators of a task in scope").filter(tasks=task, register_measure="")
                .order_by("id"))


def reports_for_task(*, actor, task: Task, limit: int | None = None) -> list[ProgressReport]:
    """The task's reports the actor may see, newest first (the latest `limit` of them), each with
    `values` and `attachments` lists: three queries whatever the number of reports."""
    values = IndicatorValue.objects.unscoped("the values of reports in scope").select_related("indicator")
    reports = ProgressReport.objects.visible_to(actor).filter(task=task).select_related("unit")
    linked = getattr(task, "_prefetched_objects_cache", {}).get("indicators")
    if linked is None or len(linked):  # a task with no indicators has no values to read
        reports = reports.prefetch_related(Prefetch("values", queryset=values, to_attr="value_list"))
    reports = list(reports[:limit] if limit else reports)
    for report in reports:
        report.value_list = getattr(report, "value_list", [])
    by_owner: dict[int, list[Attachment]] = {r.pk: [] for r in reports}
    if reports:
        owner_type = ContentType.objects.get_for_model(ProgressReport)
        found = Attachment.objects.unscoped("the attachments of reports in scope").filter(
            owner_type=owner_type, owner_id__in=list(by_owner))
        for attachment in found:
            by_owner[attachment.owner_id].append(attachment)
    for report in reports:
        report.attachment_list = by_owner[report.pk]
    return reports


def report_get(*, actor, report: ProgressReport) -> ProgressReport:
    """One report just written or replayed, with its values and attachments (the API's answer)."""
    values = IndicatorValue.objects.unscoped("the values of a report in scope").select_related("indicator")
    report = (ProgressReport.objects.visible_to(actor).select_related("unit")
              .prefetch_related(Prefetch("values", queryset=values, to_attr="value_list")).get(pk=report.pk))
    owner_type = ContentType.objects.get_for_model(ProgressReport)
    report.attachment_list = list(Attachment.objects.unscoped("the attachments of a report in scope").filter(
        owner_type=owner_type, owner_id=report.pk))
    return report


def attachment_get(*, actor, pk) -> Attachment:
    """An attachment the actor may see: in their scope, or belonging to an object they may see
    (the task owner reads a photo of a report on their task). Otherwise 404."""
    try:
        return get_scoped(actor, Attachment, pk)
    except OutOfScope:
        attachment = Attachment.objects.unscoped("checking the owner of an attachment").filter(pk=pk).first()
        if attachment is None:
            raise
        model = attachment.owner_type.model_class()
        if model is None or not issubclass(model, ScopedModel):
            raise
        if not model.objects.visible_to(actor).filter(pk=attachment.owner_id).exists():
            raise
        return attachment


def summaries_for(task_ids: Iterable[int]) -> dict[int, lights.ReportsSummary]:
    """The reports summary of each task recounted from the reports themselves, in two queries
    whatever the number of tasks: `light_recounted` uses it to check what a task stores
    (`last_report_at`, `reported_periods`), which everything else reads (`lights.summary_of`)."""
    ids = list(task_ids)
    reports = ProgressReport.objects.unscoped("summarising the reports of tasks whose light is computed")
    counted = Coalesce("counted_at", "created_at")  # an offline report counts at its capture (plans.lights)
    latest = dict(reports.filter(task_id__in=ids).values("task_id").annotate(at=Max(counted))
                  .values_list("task_id", "at"))
    periods: dict[int, set[str]] = {}
    pairs = reports.filter(task_id__in=ids).exclude(period="").order_by().values_list("task_id", "period").distinct()
    for task_id, period in pairs:
        periods.setdefault(task_id, set()).add(period)
    return {i: lights.ReportsSummary(last_report_on=timezone.localdate(latest[i]) if latest.get(i) else None,
                              periods=frozenset(periods.get(i, ()))) for i in ids}


def light_recounted(task: Task, *, today: dt.date | None = None) -> tuple[str, list[str]]:
    """The light `task` should have now, recounted from its reports rather than what it stores
    (tests compare it with the stored light)."""
    today = today or timezone.localdate()
    summary = summaries_for([task.pk])[task.pk]
    return lights.compute_light(task, today=today, summary=summary,
                                milestones=lights.milestones_for([task.pk]).get(task.pk, []))


RECENT_PERIODS = 12


def light_explanation(task: Task, *, today: dt.date | None = None) -> dict:
    """Why a task (already in the caller's hands) has its stored light, with the history of its periods."""
    today = today or timezone.localdate()
    summary = lights.summary_of(task)
    milestones = lights.milestone_states(task)
    # the light and reasons shown are the stored ones (plans.light_store keeps them fresh): one source
    light, reasons = task.light, [r for r in task.light_reason.split("；") if r]
    start = lights.task_start(task)
    periods = []
    if task.recurrence in RECURRING and start:
        periods = [{"key": key, "reported": key in summary.periods, "closed": closed}
                   for key, closed in expected_periods(task, start, today)]
    missed = [p for p in periods if p["closed"] and not p["reported"]]
    # the page names only the latest periods: a year of daily ones is 300 labels nobody reads
    for period in periods[-RECENT_PERIODS:] + missed[-RECENT_PERIODS:]:
        period["label"] = period_label(task.recurrence, period["key"])
    return {
        "light": light, "reasons": reasons,
        "expected_percent": lights.expected_percent(task, today), "progress": task.progress,
        "last_report_on": summary.last_report_on, "periods": periods,
        "missed": missed, "milestones": milestones,
        # a year of weekly (or daily) periods is too long to show: the page lists the latest ones
        "recent_periods": periods[-RECENT_PERIODS:], "reported_count": sum(p["reported"] for p in periods),
        "recent_missed": missed[-RECENT_PERIODS:],
    }


def indicator_progress(*, actor, plan: Plan) -> dict:
    """Progress against target of the plan's indicators the actor may see: by line (the top targets
    the actor sees, a village its own shares) and by unit (every target the actor sees)."""
    indicators = (Indicator.objects.visible_to(actor).filter(plan=plan).select_related("line", "unit")
                  .order_by("line__sort_order", "line_id", "unit__path", "id"))
    by_line: OrderedDict[str, list] = OrderedDict()
    by_unit: OrderedDict[str, list] = OrderedDict()
    indicators = list(indicators)
    visible = {i.pk for i in indicators}
    for indicator in indicators:
        row = _progress_row(indicator, plan.year)
        if indicator.parent_id not in visible:  # a top target, or the actor's own share of a hidden one
            by_line.setdefault(indicator.line.name if indicator.line else _("（未分专线）"), []).append(row)
        by_unit.setdefault(indicator.unit.name, []).append(row)
    return {"by_line": [{"line": k, "rows": v} for k, v in by_line.items()],
            "by_unit": [{"unit": k, "rows": v} for k, v in by_unit.items()]}


def _progress_row(indicator: Indicator, year: int) -> dict:
    percent = None
    if indicator.target and indicator.actual is not None:
        percent = int((indicator.actual * 100 / indicator.target).to_integral_value())
    light, reason = lights.indicator_light(actual=indicator.actual, target=indicator.target, year=year,
                                           today=timezone.localdate())
    return {"indicator": indicator, "name": indicator.name, "unit": indicator.unit.name, "measure": indicator.measure,
            "target": indicator.target, "actual": indicator.actual if indicator.actual is not None else Decimal(0),
            "reported": indicator.actual is not None, "percent": percent, "light": light, "light_reason": reason,
            # the rows that make the actual (Traceable numbers)
            "rows_url": reverse("progress:indicator_rows", args=[indicator.pk])}


def indicator_rows(*, actor, indicator: Indicator) -> dict:
    """What makes an indicator's number (already in the actor's scope), recounted from the rows
    themselves: each reported value or part done that counts (`rows`; their values add up to
    `recounted`, which equals the stored actual), the shares with their own numbers, and every
    task counting for it. Rows outside the actor's scope are summed in `hidden`, never dropped.
    A fixed number of queries whatever the number of shares, reports and parts. An indicator bound to
    a register (`Indicator.register_measure`) is made of that register's rows instead (`register`)."""
    if measures.get(indicator.register_measure):
        return _register_rows(actor, indicator)
    tree = rollups.indicator_tree(indicator)
    parents = {node.parent_id for node in tree}
    by_leaf = rollups.sources_of_leaves(node for node in tree if node.pk not in parents)
    nodes = {node.pk: node for node in tree}
    sources = [s for node in tree for s in by_leaf.get(node.pk, ())]
    reports = {r.pk: r for r in ProgressReport.objects.visible_to(actor).select_related("unit").filter(
        pk__in=[s.report_id for s in sources if s.report_id])}
    links = list(Task.indicators.through.objects.filter(indicator_id__in=list(nodes)).values_list("indicator_id",
                                                                                                  "task_id"))
    tasks = {t.pk: t for t in Task.objects.visible_to(actor).select_related("lead_unit").filter(
        pk__in={task_id for _i, task_id in links} | {s.task_id for s in sources})}
    rows, hidden = [], []
    for source in sources:
        seen = reports.get(source.report_id) if source.report_id else tasks.get(source.task_id)
        row = {"source": source, "share": nodes[source.indicator_id], "value": source.value,
               "report": reports.get(source.report_id), "task": tasks.get(source.task_id), "done": not source.report_id}
        (rows if seen is not None else hidden).append(row)
    parts: dict[int, list[Task]] = {}
    for indicator_id, task_id in links:
        if task_id in tasks:
            parts.setdefault(indicator_id, []).append(tasks[task_id])
    year = indicator.plan.year
    shares = [{"indicator": node, "counted": rollups.counted(node), "parts": parts.get(node.pk, []),
               "row": _progress_row(node, year)} for node in tree[1:]]
    return {"indicator": indicator, "row": _progress_row(indicator, year), "counted": rollups.counted(tree[0]),
            "split": len(tree) > 1, "rows": rows, "hidden": hidden,
            "hidden_total": sum((r["value"] for r in hidden), Decimal(0)),
            "recounted": sum((s.value for s in sources), Decimal(0)) if sources else None,
            "shares": shares, "parts": parts.get(indicator.pk, [])}


def _register_rows(actor, indicator: Indicator) -> dict:
    """A bound indicator's rows page: its register's rows (`plans.measures.rows_of`: those the actor
    sees, the others counted apart), each share's own count, and the tasks linked to it."""
    tree = rollups.indicator_tree(indicator)
    register = measures.rows_of(actor=actor, indicator=indicator)
    links = list(Task.indicators.through.objects.filter(indicator_id__in=[n.pk for n in tree])
                 .values_list("indicator_id", "task_id"))
    tasks = {t.pk: t for t in Task.objects.visible_to(actor).select_related("lead_unit").filter(
        pk__in={task_id for _i, task_id in links})}
    parts: dict[int, list[Task]] = {}
    for indicator_id, task_id in links:
        if task_id in tasks:
            parts.setdefault(indicator_id, []).append(tasks[task_id])
    year = indicator.plan.year
    shares = [{"indicator": node, "counted": False, "parts": parts.get(node.pk, []), "row": _progress_row(node, year)}
              for node in tree[1:]]
    return {"indicator": indicator, "row": _progress_row(indicator, year), "register": register, "counted": False,
            "split": len(tree) > 1, "rows": [], "hidden": [], "hidden_total": register["hidden_total"],
            "recounted": register["total"], "shares": shares, "parts": parts.get(indicator.pk, [])}
