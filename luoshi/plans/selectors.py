"""Reads of plans and tasks, each from the actor's data scope; constant query counts per page."""

from __future__ import annotations

import datetime as dt
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.errors import OutOfScope
from luoshi.core.prepared import Shape
from luoshi.core.scope import get_scoped, read_key, read_key_in
from luoshi.org.models import Person, Unit
from luoshi.plans import light_style, lights, measures
from luoshi.plans.completeness import missing_of
from luoshi.plans.models import (
    Extension,
    ExtensionStatus,
    Indicator,
    Light,
    Milestone,
    Plan,
    Recurrence,
    Task,
    TaskStatus,
    WorkLine,
)

LIST_RELATED = ("plan", "line", "lead_unit", "owner", "leader")


def plan_list(*, actor):
    """The plans with their task counts: each counted by a subquery on the (plan, status) index,
    not by joining every task to its plan and grouping whole plan rows (5,000 tasks a plan made
    that the costliest read of a page that shows a dozen lines)."""
    tasks = (Task.objects.unscoped("a visible plan's task count").filter(plan=OuterRef("pk")).order_by()
             .values("plan").annotate(n=Count("pk")).values("n"))
    return (Plan.objects.visible_to(actor).select_related("unit")
            .annotate(task_count=Coalesce(Subquery(tasks), 0)))


def plan_choices(*, actor) -> list[Plan]:
    """The plans a filter offers: their titles only (counting every plan's tasks is the plan
    list's business, and costs more than a page of tasks). Its statement built once per grants
    (core.prepared): every task list of an office asks it for the toolbar."""
    return _plan_choices.rows(read_key(actor, Plan))


_plan_choices = Shape(lambda grants: Plan.objects.get_queryset().within(grants).only("id", "title", "year")
                      .order_by("-year", "-id"))


def plan_get(*, actor, pk) -> Plan:
    return get_scoped(actor, Plan, pk, related=("unit",))  # its unit: whether the reader sees all of it


def plan_lines(*, actor, plan: Plan):
    # the model's order within one plan, written out: its `plan` would join the plan for its year
    return (WorkLine.objects.visible_in(actor, "plan", plan).select_related("leader", "lead_unit")
            .order_by("sort_order", "id"))


def _in_plan(model, build):
    """A read of a plan's own rows (lines, indicators) the actor sees, run as `read(actor, plan)`: as
    `visible_in` reads them, its statement built once per grants (core.prepared)."""
    shape = Shape(lambda key, *, plan: build(model.objects.get_queryset().within(key).filter(plan_id=plan)))
    return lambda actor, plan: shape.rows(read_key_in(actor, model, "plan", plan), plan=plan.pk)


# the plan page's lines, as values in `plan_lines`' order
plan_line_rows = _in_plan(WorkLine, lambda lines: lines.order_by("sort_order", "id").values(
    "pk", "number", "name", "leader__name", "lead_unit__name"))


def plan_indicators(*, actor, plan: Plan):
    return Indicator.objects.visible_to(actor).filter(plan=plan).select_related("unit", "line", "parent")


@dataclass(slots=True)
class BoardTarget:
    """An indicator as a board shows it (the plan page's and the battle map's): its own columns and
    its unit's name read as values, lit by `_light_up`, with its shares by light."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("id", "parent_id", "unit__name", "name", "measure", "target", "actual",
                                          "strength", "register_measure")
    pk: int
    parent_id: int | None
    unit_name: str
    name: str
    measure: str
    target: Decimal | None
    actual: Decimal | None
    strength: str
    register_measure: str
    light: str = ""
    light_reason: str = ""
    percent: int | None = None
    source: str = ""
    shares: Counter | None = None  # set on the board's own targets, by `indicator_board`
    share_count: int = 0


def indicator_board(*, actor, plan: Plan, today: dt.date | None = None,
                    top: bool = False) -> list[Indicator] | list[BoardTarget]:
    """The plan's indicators the actor sees (`top`: only those whose target the actor does not see,
    a township's targets or a village's own shares, each with `shares`: how many of its shares the
    actor sees, by light, and `share_count`), each lit against 序时进度 (`_light_up`). One query: for
    `top`, every visible indicator's board columns in the board's order, the shares counted from
    their numbers alone (a township's 46 targets have hundreds of shares)."""
    if not top:
        return _light_up(list(plan_indicators(actor=actor, plan=plan)), year=plan.year, today=today)
    today = today or timezone.localdate()
    rules = lights.LightRules.from_settings()
    # the board shows an indicator's own unit, never its line, parent or source sentence: those are not
    # read; its order is the model's written out (within one plan: by line, those without one first as
    # PostgreSQL sorted them, then id) without the plan's joins
    targets = [BoardTarget(*row) for row in _board_rows(actor, plan)]
    visible = {target.pk for target in targets}
    shares: defaultdict[int, Counter] = defaultdict(Counter)
    expected = lights.year_percent(plan.year, today)
    for share in targets:
        if share.parent_id in visible:
            light, _done = lights.light_against(share.actual, share.target, expected, rules)
            shares[share.parent_id][light] += 1
    found = _light_up([target for target in targets if target.parent_id not in visible], year=plan.year, today=today)
    for indicator in found:
        indicator.shares = shares.get(indicator.pk, Counter())
        indicator.share_count = sum(indicator.shares.values())
    return found


_board_rows = _in_plan(Indicator, lambda rows: rows.order_by(F("line__sort_order").asc(nulls_first=True), "line_id",
                                                              "id").values_list(*BoardTarget.COLUMNS))


def indicator_shares(*, actor, indicator: Indicator, today: dt.date | None = None) -> list[Indicator]:
    """The shares of `indicator` the actor sees (its split to villages and departments), lit as the
    board lights them. One query."""
    rows = plan_indicators(actor=actor, plan=indicator.plan).filter(parent=indicator).order_by("unit__path", "id")
    return _light_up(list(rows), year=indicator.plan.year, today=today)


def _light_up(found: list[Indicator], *, year: int, today: dt.date | None) -> list[Indicator]:
    """Each indicator with its light against 序时进度 computed from the stored actual
    (`lights.indicator_light`: `light`, `light_reason`), its `percent` and, when it is counted from
    a register, that measure's label (`source`)."""
    today = today or timezone.localdate()
    rules, words, expected = lights.LightRules.from_settings(), lights.IndicatorWords(), lights.year_percent(year, today)
    sources: dict[str, str] = {}  # each measure's label put into words once
    for indicator in found:
        indicator.light, done = lights.light_against(indicator.actual, indicator.target, expected, rules)
        indicator.light_reason = "" if indicator.light == Light.NONE else lights.indicator_reason(done, expected, words)
        indicator.percent = (int((indicator.actual * 100 / indicator.target).to_integral_value())
                             if indicator.target and indicator.actual is not None else None)
        measure = indicator.register_measure
        if measure not in sources:
            bound = measures.get(measure)
            sources[measure] = str(bound.label) if bound else ""
        indicator.source = sources[measure]
    return found


def task_get(*, actor, pk) -> Task:
    """One read: the task in scope with what its page shows, or OutOfScope (404)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise OutOfScope() from exc
    tasks = (Task.objects.visible_to(actor).select_related(*LIST_RELATED, "signed_by__person", "parent")
            # each in an order of its own columns: the models' default orderings go through their
            # foreign keys (a milestone by its task, by its plan …) and would join those tables again
            .prefetch_related(Prefetch("co_units", queryset=Unit.objects.unscoped("names of a visible task's units")),
                              Prefetch("informed", queryset=Person.objects.unscoped("names on a visible task")
                                       .order_by("name", "id")),
                              Prefetch("milestones", queryset=Milestone.objects.unscoped("a visible task's steps")
                                       .order_by("due_date", "id")),
                              Prefetch("indicators", queryset=Indicator.objects.unscoped("a visible task's targets")
                                       .order_by("id")))
            # a part's page links to the whole task only for those who may open it (no extra query)
            .annotate(parent_visible=Exists(Task.objects.visible_to(actor).filter(pk=OuterRef("parent_id"))),
                      # the year's close: is it carried into a later plan (its page then reads where)
                      carried_on=Exists(Task.objects.unscoped("whether a task was carried on").filter(
                          carried_from=OuterRef("pk"))))
            # one row by its key: no ORDER BY, which Django would resolve against every selected column
            .filter(pk=pk).order_by())
    try:
        return tasks.get()
    except Task.DoesNotExist as exc:
        raise OutOfScope() from exc


def task_children(*, actor, task: Task):
    """A task's parts; a part is never split again, so a part's page asks nothing."""
    if task.parent_id:
        return Task.objects.visible_to(actor).none()
    return Task.objects.visible_to(actor).filter(parent=task).select_related("lead_unit", "owner")


def task_carried(*, actor, task: Task) -> dict:
    """The year's close: the task this one continues (last year's) and those continuing it (next year's), as seen."""
    if not task.carried_from_id and not getattr(task, "carried_on", True):
        return {"from": None, "to": []}  # most tasks: no query
    rows = list(Task.objects.visible_to(actor).filter(Q(pk=task.carried_from_id) | Q(carried_from=task))
                .select_related("plan").order_by("plan__year", "id"))
    return {"from": next((t for t in rows if t.pk == task.carried_from_id), None),
            "to": [t for t in rows if t.carried_from_id == task.pk]}


def task_extensions(*, actor, task: Task):
    """Extension requests move a deadline; a task run by its recurrence has none to ask."""
    if not task.deadline:
        return Extension.objects.visible_to(actor).none()
    return Extension.objects.visible_to(actor).filter(task=task).select_related("requested_by__person",
                                                                               "decided_by__person")


def pending_extensions(*, actor):
    return Extension.objects.editable_by(actor, "decide").filter(status=ExtensionStatus.PENDING).select_related(
        "task", "requested_by__person")


def _own(tasks, actor):
    """Tasks that are the actor's to carry out: led by their own unit (or below it), or theirs
    personally. An office with township-wide rights still has only its own work here."""
    person = actor.person if actor.person_id else None
    if person is None:
        return tasks.none()
    return tasks.filter(Q(scope_path__under=person.unit.path) | Q(owner_id=person.pk))


def _plan_read(build):
    """A read of a plan's tasks the actor sees, run as `read(actor, plan)`: its statement built once
    per grants (core.prepared), the plan page's reads being the same for every plan and request."""
    shape = Shape(lambda grants, *, plan: build(Task.objects.get_queryset().within(grants).filter(plan_id=plan)))
    return lambda actor, plan: shape.rows(read_key(actor, Task), plan=plan.pk)


# the plan page's 50 oldest of `unsigned`, as values
unsigned_rows = _plan_read(lambda tasks: tasks.filter(status=TaskStatus.DEPLOYED).order_by("deployed_at", "id")
                           .values("id", "title", "lead_unit__name", "deployed_at")[:50])


def unsigned(*, actor, plan: Plan | None = None):
    """For the office: who has not signed yet, oldest first."""
    tasks = Task.objects.visible_to(actor).filter(status=TaskStatus.DEPLOYED)
    if plan is not None:
        tasks = tasks.filter(plan=plan)
    return tasks.select_related(*LIST_RELATED).order_by("deployed_at", "id")


# The statuses in which a task is its doers' to act on: to sign (待签收), then to carry out and
# report on (办理中). progress.services.REPORTABLE is the same pair.
TO_DO = (TaskStatus.DEPLOYED, TaskStatus.SIGNED)


def my_tasks(*, actor, today: dt.date | None = None):
    """What the actor must do, in one list (我的任务, and the top of their home page): the tasks
    awaiting their signature first, then their open tasks, overdue or red ones first, then yellow,
    each by deadline (tasks run by a recurrence, with none, last).

    Signing and reporting are granted to the same roles (a test holds the policy to it), so the one
    scope serves both buttons of the list."""
    today = today or timezone.localdate()
    tasks = _own(Task.objects.editable_by(actor, "report"), actor).filter(status__in=TO_DO)
    # a split task is carried out through its parts: its unit acts on its own share, not the whole
    tasks = tasks.exclude(Exists(Task.objects.unscoped("whether a task has parts").filter(parent_id=OuterRef("pk"))))
    urgency = Case(When(status=TaskStatus.DEPLOYED, then=Value(3)),
                   When(Q(light=Light.RED) | Q(deadline__lt=today), then=Value(2)),
                   When(light=Light.YELLOW, then=Value(1)), default=Value(0))
    overdue = ExpressionWrapper(Q(deadline__lt=today), output_field=BooleanField())
    # the row shows the task's own columns only: no join
    return (tasks.alias(urgency=urgency).annotate(overdue=overdue)
            .order_by("-urgency", F("deadline").asc(nulls_last=True), "id"))


def my_task_counts(*, actor, today: dt.date | None = None) -> dict[str, int]:
    """How many of the actor's tasks wait for their signature, and how many are overdue or red (one query)."""
    today = today or timezone.localdate()
    late = Q(status=TaskStatus.SIGNED) & (Q(light=Light.RED) | Q(deadline__lt=today))
    return my_tasks(actor=actor, today=today).order_by().aggregate(
        awaiting=Count("id", filter=Q(status=TaskStatus.DEPLOYED)), late=Count("id", filter=late))


def whole_tasks(*, actor, plan: Plan):
    """What a leader counts (headline, chart, battle map): the plan's deployed tasks, a split task
    once, lit by its parts (plans.light_store). The task list's `whole=1` filter is the same set."""
    return Task.objects.visible_to(actor).filter(plan=plan, parent__isnull=True).exclude(status=TaskStatus.DRAFT)


_LIGHTS = tuple(Light.values)  # read once: the enum builds the list anew on every access


def _by_light() -> dict[str, int]:
    return dict.fromkeys(_LIGHTS, 0)


# the tasks `whole_tasks` counts, by line and light
_counts_by_line = _plan_read(lambda tasks: tasks.filter(parent__isnull=True).exclude(status=TaskStatus.DRAFT)
                             .values("line_id", "line__name", "light").annotate(n=Count("id"))
                             .order_by("line__sort_order", "line_id"))


def counts_by_line_and_light(*, actor, plan: Plan) -> list[dict]:
    rows = _counts_by_line(actor, plan)
    table: OrderedDict[int | None, dict] = OrderedDict()
    for row in rows:
        entry = table.setdefault(row["line_id"], {"line": row["line__name"] or _("（未分专线）"), "line_id": row["line_id"],
                                                  **_by_light()})
        entry[row["light"]] = row["n"]
    for entry in table.values():  # the columns a table of lines shows, in order
        entry["cells"] = [(light.value, entry[light.value]) for light in light_style.SHOWN]
    return list(table.values())


def battle_map(*, actor, plan: Plan) -> dict:
    """Every task of a plan against the months, grouped by line and lead unit (作战图). A task
    split to villages is one row carrying its parts' lights, so a township's map stays one
    printable sheet instead of thousands of village rows."""
    visible = Task.objects.visible_to(actor).filter(plan=plan).exclude(status=TaskStatus.DRAFT)
    # the columns the grid, the cards and the workbook show, as plain values (not a task's source text and
    # requirement; not a model with its line, unit and person for each of 200 rows, which cost a township's
    # map more than reading them)
    tasks = [MapTask(*values) for values in whole_tasks(actor=actor, plan=plan).values_list(*MapTask.COLUMNS)
             .order_by("line__sort_order", "line_id", "lead_unit__path", "deadline", "id")]
    # the steps as plain values in one read, not a prefetch: building a related manager and a model per
    # step took longer than reading the tasks
    steps = lights.milestones_for(task.pk for task in tasks)
    parts = _parts_by_parent(visible)
    months = [(dt.date(plan.year, month, 1), _month_end(plan.year, month)) for month in range(1, 13)]
    lines: OrderedDict[str, OrderedDict[str, list]] = OrderedDict()
    no_line = _("（未分专线）")
    for task in tasks:
        units = lines.setdefault(task.line_name if task.line_name is not None else no_line, OrderedDict())
        row = _month_row(task, plan.year, months, steps.get(task.pk, ())) | {"parts": parts.get(task.pk)}
        units.setdefault(task.lead_unit_name if task.lead_unit_name is not None else "—", []).append(row)
    groups = [{"line": line, "span": sum(len(rows) for rows in units.values()),
               "units": [{"unit": unit, "rows": rows} for unit, rows in units.items()]}
              for line, units in lines.items()]
    return {"months": list(range(1, 13)), "groups": groups,
            "indicators": indicator_board(actor=actor, plan=plan, top=True)}


def _parts_by_parent(visible) -> dict[int, dict[str, int]]:
    """Per split task, how many of its parts show each light (one grouped query)."""
    parts: dict[int, dict[str, int]] = {}
    rows = visible.filter(parent__isnull=False).values("parent_id", "light").annotate(n=Count("id")).order_by()
    for parent, light, n in rows.values_list("parent_id", "light", "n"):
        counts = parts.get(parent)
        if counts is None:
            counts = parts[parent] = _by_light() | {"total": 0}
        counts[light] += n
        counts["total"] += n
    return parts


@dataclass(slots=True)
class MapTask:
    """A task as the battle map shows it (grid, phone cards and workbook): its own columns and the
    names of its line, lead unit and owner, read as values."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "id", "title", "start_date", "deadline", "recurrence", "status", "progress", "light", "light_reason",
        "deployed_at", "line__name", "lead_unit__name", "owner_id", "owner__name")
    pk: int
    title: str
    start_date: dt.date | None
    deadline: dt.date | None
    recurrence: str
    status: str
    progress: int
    light: str
    light_reason: str
    deployed_at: dt.datetime | None
    line_name: str | None
    lead_unit_name: str | None
    owner_id: int | None
    owner_name: str | None

    def get_recurrence_display(self) -> str:
        return str(_label(Recurrence, self.recurrence))

    def get_light_display(self) -> str:
        return str(_label(Light, self.light))


def _label(choices, value: str):
    try:
        return choices(value).label
    except ValueError:  # a value the choices no longer hold: shown as stored
        return value


def _month_row(task: MapTask, year: int, months: list[tuple[dt.date, dt.date]], milestones) -> dict:
    """The task's twelve cells: whether it runs in the month (first, last day), its deadline, its steps
    (`milestones`, in their order: each with its title and due date)."""
    start = task.start_date or (task.deployed_at.date() if task.deployed_at else dt.date(year, 1, 1))
    end = task.deadline or dt.date(year, 12, 31)
    steps: list[list] = [[] for _month in range(12)]  # each month's steps, in their order
    for step in milestones:
        if step.due_date.year == year:
            steps[step.due_date.month - 1].append(step)
    due = task.deadline.month if task.deadline and task.deadline.year == year else None
    return {"task": task, "cells": [
        {"active": start <= last and end >= first, "deadline": month == due, "milestones": steps[month - 1]}
        for month, (first, last) in enumerate(months, start=1)]}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def today() -> dt.date:
    return timezone.localdate()


def draft_summary(*, actor, plan: Plan) -> dict:
    """How many drafts are ready to deploy and which lack an element (the page names it): `incomplete`
    holds (draft, missing) with the draft's `pk` and `title`, read as values."""
    # in the model's order, which within one plan is by line (those without one first, as PostgreSQL
    # sorted them), deadline and id: written out, so that the statement does not join the plan twice
    # for its year (the default ordering's path through `line`)
    total, incomplete = 0, []
    for pk, title, requirement, lead_unit, owner, deadline, recurrence in _drafts(actor, plan):
        total += 1
        missing = missing_of(title=title, has_doer=bool(lead_unit or owner), has_time=bool(deadline or recurrence),
                             requirement=requirement)
        if missing:
            incomplete.append((DraftRow(pk, title), missing))
    return {"total": total, "ready": total - len(incomplete), "incomplete": incomplete[:50]}


_drafts = _plan_read(lambda tasks: tasks.filter(status=TaskStatus.DRAFT)
                    .order_by(F("line__sort_order").asc(nulls_first=True), "line_id", "deadline", "id")
                    .values_list("id", "title", "requirement", "lead_unit_id", "owner_id", "deadline", "recurrence")[:500])


@dataclass(slots=True)
class DraftRow:
    """A draft as the plan page names it."""

    pk: int
    title: str


def current_plan(*, actor) -> Plan | None:
    """The plan a home page summarises: the newest deployed one the actor sees."""
    return Plan.objects.visible_to(actor).exclude(status="draft").order_by("-year", "-id").first()


def light_totals(*, actor, plan: Plan) -> dict[str, int]:
    """The headline: whole tasks by light (已办结 its own count, never green) and how many await
    验收; each number links to the task list with the same filter (`whole=1`)."""
    rows = list(whole_tasks(actor=actor, plan=plan).values("light").order_by()
                .annotate(n=Count("id"), closing=Count("id", filter=Q(status=TaskStatus.CLOSING))))
    totals = _by_light() | {row["light"]: row["n"] for row in rows}
    totals["closing"] = sum(row["closing"] for row in rows)  # in the same statement
    return totals
