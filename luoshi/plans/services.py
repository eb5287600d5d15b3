"""Writes on plans and tasks: one transaction each, scope checked, audited (DESIGN habits 1–3).
The steps of a task's life (deploy … 验收) are `plans.task_flow`'s."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, F, Sum, TextField, Value, When
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.scope import VisibleRows, get_scoped
from luoshi.core.versioning import save_versioned
from luoshi.org.models import Person, Unit, UnitKind
from luoshi.plans.light_store import light_refresh
from luoshi.plans.models import (
    Extension,
    ExtensionStatus,
    Indicator,
    Milestone,
    Plan,
    Strength,
    Task,
    TaskStatus,
    WorkLine,
)
from luoshi.plans.notify import deadline_reminder_kinds, notices_settled

# The steps of a task's life are plans.task_flow's; callers of the old names find them here.
from luoshi.plans.task_flow import (  # noqa: F401
    milestone_check,
    milestone_done,
    plan_deploy,
    task_accept,
    task_deploy,
    task_reopen,
    task_request_close,
    task_return,
    task_send_back,
    task_sign,
)

TASK_FIELDS = ("title", "requirement", "line", "leader", "lead_unit", "owner", "start_date", "deadline",
               "deadline_text", "recurrence", "parent", "source_offset", "source_text")

# -- plans, lines, indicators ------------------------------------------------------------------


@transaction.atomic
def plan_create(*, actor, unit: Unit, year: int, title: str, source_name: str = "", source_text: str = "") -> Plan:
    _allowed(actor, Plan, "add")
    unit = get_scoped(actor, Unit, unit.pk)
    if unit.kind not in (UnitKind.TOWNSHIP, UnitKind.COUNTY):
        raise ServiceError(_("工作计划应属于镇或县"), field="unit")
    plan = Plan.objects.create(unit=unit, year=year, title=title.strip(), source_name=source_name,
                               source_text=source_text)
    audit.record_change(actor=actor, obj=plan, before=None)
    return plan


@transaction.atomic
def line_create(*, actor, plan: Plan, name: str, number: str = "", leader: Person | None = None,
                lead_unit: Unit | None = None, sort_order: int = 0) -> WorkLine:
    plan = get_scoped(actor, Plan, plan.pk, action="change")
    line = WorkLine.objects.create(plan=plan, name=name.strip(), number=number, sort_order=sort_order,
                                   leader=_person(actor, leader), lead_unit=_unit(actor, lead_unit))
    audit.record_change(actor=actor, obj=line, before=None, parent=plan)
    return line


@transaction.atomic
def indicator_create(*, actor, plan: Plan, name: str, unit: Unit, measure: str = "", target=None, baseline=None,
                     strength: str = Strength.MUST, line: WorkLine | None = None, qualifier: str = "",
                     parent: Indicator | None = None, source_offset=None, source_text: str = "") -> Indicator:
    plan = get_scoped(actor, Plan, plan.pk, action="change")
    indicator = Indicator.objects.create(
        plan=plan, name=name.strip(), unit=_unit(actor, unit), measure=measure, target=target, baseline=baseline,
        strength=strength, line=line, qualifier=qualifier, parent=parent, source_offset=source_offset,
        source_text=source_text,
    )
    audit.record_change(actor=actor, obj=indicator, before=None, parent=plan)
    return indicator


@transaction.atomic
def indicator_split(*, actor, indicator: Indicator, shares: dict[Unit, Decimal]) -> list[Indicator]:
    """Split a township target into sub-targets of villages or departments; the shares must
    add up to the target when the target is known."""
    indicator = get_scoped(actor, Indicator, indicator.pk, action="change")
    total = sum((Decimal(v) for v in shares.values()), Decimal(0))
    if indicator.target is not None and total != indicator.target:
        raise ServiceError(_("分解合计 %(total)s 与目标值 %(target)s 不一致") %
                           {"total": _fmt(total), "target": _fmt(indicator.target)}, field="shares")
    children = [indicator_create(actor=actor, plan=indicator.plan, name=indicator.name, unit=unit,
                                 measure=indicator.measure, target=Decimal(value), strength=indicator.strength,
                                 line=indicator.line, parent=indicator)
                for unit, value in shares.items()]
    return children


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"


def indicator_roll_up(*, indicator: Indicator) -> Decimal | None:
    """A township's actual is the sum of its sub-targets' actuals (kept by report submission)."""
    children = Indicator.objects.unscoped("rolling up an indicator's own children").filter(parent=indicator)
    if not children.exists():
        return indicator.actual
    total = children.aggregate(total=Sum("actual"))["total"]
    Indicator.objects.unscoped("rolling up").filter(pk=indicator.pk).update(actual=total)
    if indicator.parent_id:
        indicator_roll_up(indicator=Indicator.objects.unscoped("rolling up").get(pk=indicator.parent_id))
    return total


# -- tasks -------------------------------------------------------------------------------------


@transaction.atomic
def task_create(*, actor, plan: Plan, title: str, co_units=(), informed=(), indicators=(), **fields) -> Task:
    """A draft task; it can be deployed once what, who, when and to-what-extent are all set."""
    plan = get_scoped(actor, Plan, plan.pk, action="change")
    task = Task(plan=plan, title=(title or "").strip())
    _assign(actor, task, fields)
    task.scope_path = task.lead_unit.path if task.lead_unit else plan.unit.path
    task.save()
    _set_relations(actor, task, co_units=co_units, informed=informed, indicators=indicators)
    audit.record_change(actor=actor, obj=task, before=None, parent=plan)
    return task


@transaction.atomic
def task_create_many(*, actor, rows: list[dict]) -> list[Task]:
    """Many draft tasks at once (an import): the checks of `task_create` — plan editable, every
    unit, person, line and parent within the actor's scope, every new row within it after the
    write, one audit entry per row — with each referenced row read once for all rows."""
    visible = VisibleRows(actor)
    editable_plans = VisibleRows(actor, "change")
    tasks, relations = [], []
    for data in rows:
        data = dict(data)
        plan = editable_plans.get(Plan, _pk(data.pop("plan")))
        task = Task(plan=plan, title=(data.pop("title", "") or "").strip())
        relations.append({name: [visible.get(model, _pk(v)) for v in data.pop(name, None) or ()]
                          for name, model in (("co_units", Unit), ("informed", Person), ("indicators", Indicator))})
        _assign(actor, task, data, lookup=visible.get)
        task.scope_path = task.lead_unit.path if task.lead_unit else plan.unit.path
        tasks.append(task)
    Task.objects.bulk_create(tasks, batch_size=500)
    _bulk_relations(tasks, relations)
    _ensure_all_in_scope(actor, [t.pk for t in tasks])
    audit.record_many(actor=actor, items=[(t, _snapshot_with(t, rel), t.plan) for t, rel in zip(tasks, relations,
                                                                                                 strict=True)],
                      message=_("导入"))
    return tasks


def _snapshot_with(task: Task, relations: dict) -> dict:
    """A new task's snapshot from what is already in hand, without reading its links back."""
    data = audit.snapshot(task, exclude=tuple(relations))
    return data | {name: sorted(item.pk for item in items) for name, items in relations.items()}


def _pk(value):
    return getattr(value, "pk", value)


def _bulk_relations(tasks: list[Task], relations: list[dict]) -> None:
    for name in ("co_units", "informed", "indicators"):
        field = Task._meta.get_field(name)
        through, source, target = field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()
        links = [through(**{source: task, target: item}) for task, rel in zip(tasks, relations, strict=True)
                 for item in rel[name]]
        through.objects.bulk_create(links, batch_size=1000)


def _ensure_all_in_scope(actor, ids: list[int]) -> None:
    """Re-check, inside the writing transaction, that every new row is within the actor's scope."""
    found = sum(Task.objects.editable_by(actor, "add").filter(pk__in=ids[i:i + 5000]).count()
                for i in range(0, len(ids), 5000))
    if found != len(ids):
        raise OutOfScope()


@transaction.atomic
def task_update(*, actor, task: Task, version: int, co_units=None, informed=None, indicators=None, **fields) -> Task:
    """Save an edit made on `version`; if someone saved in between, refuse and change nothing."""
    current = get_scoped(actor, Task, task.pk, action="change")
    before = audit.snapshot(current)
    _assign(actor, current, fields)
    current.scope_path = current.lead_unit.path if current.lead_unit else current.plan.unit.path
    current.version = version + 1
    save_versioned(current, version, message=_("已被他人修改：这项任务在您打开之后已被保存过，请刷新后重新修改。"))
    _set_relations(actor, current, co_units=co_units, informed=informed, indicators=indicators)
    audit.record_change(actor=actor, obj=current, before=before, parent=current.plan)
    light_refresh(task=current, current=True)  # the deadline, start or recurrence may have moved
    return current


def _assign(actor, task: Task, fields: dict, lookup=None) -> None:
    """Set fields from a form or a row; referenced rows must be within the actor's scope
    (`lookup(model, pk)` serves them from a cache during an import)."""
    unknown = set(fields) - set(TASK_FIELDS)
    if unknown:
        raise ServiceError(_("未知字段：%(f)s") % {"f": "、".join(sorted(unknown))})
    lookup = lookup or (lambda model, pk: get_scoped(actor, model, pk))
    models = {"leader": Person, "owner": Person, "lead_unit": Unit, "parent": Task, "line": WorkLine}
    for name, value in fields.items():
        if name in models and value not in (None, ""):
            value = lookup(models[name], _pk(value))
        elif name in models:
            value = None
        elif isinstance(value, str):
            value = value.strip()
        setattr(task, name, value)
    if task.start_date and task.deadline and task.start_date > task.deadline:
        raise ServiceError(_("开始日期不能晚于完成时限"), field="deadline")


def _set_relations(actor, task: Task, *, co_units, informed, indicators) -> None:
    for field, values, model in (("co_units", co_units, Unit), ("informed", informed, Person),
                                 ("indicators", indicators, Indicator)):
        if values is None:
            continue
        checked = [get_scoped(actor, model, v.pk) for v in values]
        through = getattr(Task, field).through
        source, target = Task._meta.get_field(field).m2m_field_name(), Task._meta.get_field(field).m2m_reverse_field_name()
        through.objects.filter(**{source: task}).delete()
        through.objects.bulk_create([through(**{source: task, target: item}) for item in checked])


def _person(actor, person: Person | None) -> Person | None:
    return get_scoped(actor, Person, person.pk) if person is not None else None


def _unit(actor, unit: Unit | None) -> Unit | None:
    return get_scoped(actor, Unit, unit.pk) if unit is not None else None


def _allowed(actor, model, action: str) -> None:
    if not model.policy.allows(actor, action):
        raise NotAllowed()


# -- split ------------------------------------------------------------------------------------


@transaction.atomic
def task_split(*, actor, task: Task, units) -> list[Task]:
    """Split a township task into one child per village (or department) in one step."""
    task = get_scoped(actor, Task, task.pk, action="change")
    children = []
    for unit in units:
        unit = get_scoped(actor, Unit, unit.pk)
        children.append(task_create(
            actor=actor, plan=task.plan, title=f"{task.title}（{unit.name}）", requirement=task.requirement,
            line=task.line, leader=task.leader, lead_unit=unit, deadline=task.deadline,
            deadline_text=task.deadline_text, recurrence=task.recurrence, start_date=task.start_date, parent=task,
        ))
    if not children:
        raise ServiceError(_("请至少选择一个单位"), field="units")
    if task.status in (TaskStatus.SIGNED, TaskStatus.DEPLOYED):  # a task under way goes on through its parts
        for child in children:
            task_deploy(actor=actor, task=child)
    return children


# -- milestones and extensions -----------------------------------------------------------------


@transaction.atomic
def milestone_add(*, actor, task: Task, title: str, due_date: dt.date) -> Milestone:
    task = get_scoped(actor, Task, task.pk, action="change")
    milestone = Milestone.objects.create(task=task, title=title.strip(), due_date=due_date)
    audit.record_change(actor=actor, obj=milestone, before=None, parent=task)
    light_refresh(task=task)
    return milestone


@transaction.atomic
def extension_request(*, actor, task: Task, new_deadline: dt.date, reason: str, today: dt.date | None = None) -> Extension:
    """Ask for a later deadline, before the current one passes, with a reason."""
    task = get_scoped(actor, Task, task.pk, action="extend")
    today = today or timezone.localdate()
    if not task.deadline:
        raise ServiceError(_("该任务没有完成时限，无需申请延期"))
    if today > task.deadline:
        raise ServiceError(_("已超过完成时限，不能再申请延期"), field="new_deadline")
    if new_deadline <= task.deadline:
        raise ServiceError(_("申请的时限须晚于原时限 %(d)s") % {"d": task.deadline.isoformat()}, field="new_deadline")
    if not (reason or "").strip():
        raise ServiceError(_("请填写延期理由"), field="reason")
    if Extension.objects.unscoped("one pending request per task").filter(task=task, status=ExtensionStatus.PENDING).exists():
        raise ServiceError(_("已有待审批的延期申请"))
    extension = Extension.objects.create(task=task, requested_by=actor, old_deadline=task.deadline,
                                         new_deadline=new_deadline, reason=reason.strip())
    audit.record_change(actor=actor, obj=extension, before=None, parent=task)
    return extension


@transaction.atomic
def extension_decide(*, actor, extension: Extension, approve: bool, note: str = "") -> Extension:
    """The office or a leader approves (the deadline moves; both dates stay on record) or refuses."""
    extension = get_scoped(actor, Extension, extension.pk, action="decide")
    if extension.status != ExtensionStatus.PENDING:
        raise ServiceError(_("该申请已审批"))
    if extension.requested_by_id == actor.pk:
        raise ServiceError(_("不能审批自己的申请"))
    before = audit.snapshot(extension)
    extension.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
    extension.decided_by, extension.decided_at, extension.decision_note = actor, timezone.now(), note.strip()[:500]
    extension.save()
    if approve:
        Task.objects.unscoped("moving the deadline an approved extension grants").filter(pk=extension.task_id).update(
            deadline=extension.new_deadline, version=F("version") + 1, updated_at=timezone.now())
        # reminders of the old deadline (due soon, overdue) no longer hold
        notices_settled(task_id=extension.task_id, kinds=deadline_reminder_kinds())
        light_refresh(task=extension.task)
    audit.record_change(actor=actor, obj=extension, before=before, parent=extension.task)
    return extension


# -- what progress reports change on a task (called by progress.services) ----------------------


def task_apply_report(*, task: Task, percent: int | None, reported_at: dt.datetime, period: str = "") -> None:
    """A report moves the task's progress, last-report time and reported periods (the report itself
    is audited); `task` in hand follows. The period is added in the database's own statement, so
    two reports for different periods at once both count."""
    values = {"last_report_at": reported_at, "updated_at": timezone.now()}
    if percent is not None:
        values["progress"] = max(0, min(100, int(percent)))
    if period:
        values["reported_periods"] = Case(When(reported_periods__contains=f" {period} ", then=F("reported_periods")),
                                          default=Concat(F("reported_periods"), Value(f" {period} "), output_field=TextField()))
    Task.objects.unscoped("a report updating its own task").filter(pk=task.pk).update(**values)
    task.last_report_at = reported_at
    if percent is not None:
        task.progress = values["progress"]
    if period and period not in task.reported_periods.split():
        task.reported_periods = f"{task.reported_periods} {period} "
    light_refresh(task=task, current=True)
