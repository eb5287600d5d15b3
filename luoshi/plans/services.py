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
from django.utils.translation import gettext_lazy

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.scope import get_scoped
from luoshi.core.versioning import save_stepped
from luoshi.ledgers.writes import Writes, record_create, record_create_many, record_update
from luoshi.org.models import Person, Unit, UnitKind
from luoshi.plans import measures
from luoshi.plans.counting import unit_share_target
from luoshi.plans.hooks import task_targets_edited
from luoshi.plans.light_store import light_refresh, update_with_light
from luoshi.plans.models import (
    Extension,
    ExtensionStatus,
    Indicator,
    Milestone,
    Plan,
    PlanSource,
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
    with transaction.atomic():
        plan = Plan.objects.create(unit=unit, year=year, title=title.strip(), source_name=source_name)
        if source_text:
            PlanSource.objects.create(plan=plan, text=source_text)
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
                     parent: Indicator | None = None, source_offset=None, source_text: str = "",
                     register_measure: str = "") -> Indicator:
    """A target; bound to a register measure (`register_measure`, plans.measures) its actual is
    counted from the register at once, and a share always follows its target's binding."""
    plan = get_scoped(actor, Plan, plan.pk, action="change")
    if parent is not None:
        register_measure = parent.register_measure
    indicator = Indicator.objects.create(
        plan=plan, name=name.strip(), unit=_unit(actor, unit), measure=measure, target=target, baseline=baseline,
        strength=strength, line=line, qualifier=qualifier, parent=parent, source_offset=source_offset,
        source_text=source_text, register_measure=measures.checked_key(register_measure),
    )
    audit.record_change(actor=actor, obj=indicator, before=None, parent=plan)
    if indicator.register_measure:
        measures.indicator_count(indicator=indicator)
    return indicator


@transaction.atomic
def indicator_bind(*, actor, indicator: Indicator, register_measure: str) -> Indicator:
    """Bind a target and its shares to a register measure (or, with "", unbind them): from now its
    actual is counted from the register, never typed. Binding it as it is changes nothing. A share
    follows its target: it is bound through the target only."""
    indicator = get_scoped(actor, Indicator, indicator.pk, action="change")
    key = measures.checked_key(register_measure)
    if indicator.parent_id:
        raise ServiceError(_("分解到单位的指标随上级指标绑定，请在上级指标上设置"), field="register_measure")
    if key == indicator.register_measure:
        return indicator
    before = audit.snapshot(indicator)
    tree = [indicator, *_shares_below(indicator)]
    # the target first, then its shares: each save is recounted (progress.rollups, through the
    # indicator's post_save) from its register rows when bound, from the reports when not
    for node in tree:
        node.register_measure = key
        node.save(update_fields=["register_measure"])
    chosen = measures.get(key)
    audit.record_change(actor=actor, obj=indicator, before=before, parent=indicator.plan,
                        message=_("绑定台账统计：%(m)s") % {"m": chosen.label} if chosen else _("取消台账统计"))
    indicator.refresh_from_db(fields=["actual"])
    return indicator


def _shares_below(indicator: Indicator) -> list[Indicator]:
    found, level = [], [indicator.pk]
    while level:
        below = list(Indicator.objects.unscoped("the shares of a target being bound").filter(parent_id__in=level)
                     .order_by("id"))
        found.extend(below)
        level = [i.pk for i in below]
    return found


@transaction.atomic
def indicator_split(*, actor, indicator: Indicator, shares: dict[Unit, Decimal]) -> list[Indicator]:
    """Split a township target into sub-targets of villages or departments, or set the targets of
    shares that already exist (a split task makes them, `indicator_share`); all the shares must
    add up to the target when the target is known."""
    indicator = get_scoped(actor, Indicator, indicator.pk, action="change")
    existing = {c.unit_id: c for c in Indicator.objects.unscoped("the shares of an indicator in scope")
                .filter(parent=indicator).order_by("-id")}
    targets = {unit_id: c.target for unit_id, c in existing.items()} | {u.pk: Decimal(v) for u, v in shares.items()}
    total = sum((v for v in targets.values() if v is not None), Decimal(0))
    if indicator.target is not None and total != indicator.target:
        raise ServiceError(_("分解合计 %(total)s 与目标值 %(target)s 不一致") %
                           {"total": _fmt(total), "target": _fmt(indicator.target)}, field="shares")
    children = []
    for unit, value in shares.items():
        share = existing.get(unit.pk)
        if share is None:
            share = indicator_create(actor=actor, plan=indicator.plan, name=indicator.name, unit=unit,
                                     measure=indicator.measure, target=Decimal(value), strength=indicator.strength,
                                     line=indicator.line, parent=indicator)
        elif share.target != Decimal(value):
            before = audit.snapshot(share)
            share.target = Decimal(value)
            share.save(update_fields=["target"])  # progress.rollups recounts it: a share of 1 may count its part
            audit.record_change(actor=actor, obj=share, before=before, parent=indicator.plan,
                                message=_("设定分解目标"))
        children.append(share)
    return children


def indicator_share(*, actor, indicator: Indicator, unit: Unit) -> Indicator:
    """What a part of a split task for `unit` counts for: the indicator itself when it is that
    unit's, else the unit's share of it, made when there is none. A new share has no target
    (the office sets it by 分解到村/部门) unless its measure counts units of its kind: a village's
    share of "村" is 1 (`plans.counting`)."""
    if indicator.unit_id == unit.pk:
        return indicator
    share = (Indicator.objects.unscoped("a unit's share of an indicator in scope")
             .filter(parent=indicator, unit=unit).order_by("id").first())
    if share is not None:
        return share
    return indicator_create(actor=actor, plan=indicator.plan, name=indicator.name, unit=unit,
                            measure=indicator.measure, strength=indicator.strength, line=indicator.line,
                            target=unit_share_target(measure=indicator.measure, unit_kind=unit.kind),
                            parent=indicator, source_offset=indicator.source_offset,
                            source_text=indicator.source_text)  # a share answers the same sentence


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"


def indicator_roll_up(*, indicator: Indicator) -> Decimal | None:
    """A township's actual is the sum of its sub-targets' actuals (kept by report submission). A
    target bound to a register counts its own rows instead (plans.measures: a row may belong to two
    of its shares, a village's and a department's)."""
    if indicator.register_measure:
        return measures.indicator_count(indicator=indicator)
    children = Indicator.objects.unscoped("rolling up an indicator's own children").filter(parent=indicator)
    if not children.exists():
        return indicator.actual
    total = children.aggregate(total=Sum("actual"))["total"]
    Indicator.objects.unscoped("rolling up").filter(pk=indicator.pk).update(actual=total)
    if indicator.parent_id:
        indicator_roll_up(indicator=Indicator.objects.unscoped("rolling up").get(pk=indicator.parent_id))
    return total


# -- tasks -------------------------------------------------------------------------------------


def _task_prepare(*, actor, obj: Task, before: dict | None) -> None:
    """A task's own rules on every write: a start no later than the deadline, its plan fixed once
    made, and its unit's path copied for scope (`scope_path`). A draft may lack any element; the
    deployment says which (plans.completeness)."""
    obj.title = obj.title or ""
    if before is not None and before["plan_id"] != obj.plan_id:
        raise ServiceError(_("任务不能移到另一个工作计划"), field="plan")
    if obj.start_date and obj.deadline and obj.start_date > obj.deadline:
        raise ServiceError(_("开始日期不能晚于完成时限"), field="deadline")
    obj.scope_path = obj.lead_unit.path if obj.lead_unit else obj.plan.unit.path


def _task_after(*, actor, obj: Task, before: dict | None) -> None:
    if before is None:
        return
    light_refresh(task=obj, current=True)  # the deadline, start or recurrence may have moved
    linked = set(Task.indicators.through.objects.filter(task_id=obj.pk).values_list("indicator_id", flat=True))
    if linked != set(before.get("indicators", ())):  # a finished part may now count, or no longer
        for listener in task_targets_edited:
            listener(indicator_ids=linked | set(before.get("indicators", ())))


# A task's writes through the ledger engine (drafts on create; its life is plans.task_flow's).
TASK_WRITES = Writes(
    model=Task, fields=("plan", *TASK_FIELDS, "co_units", "informed", "indicators"), parent="plan",
    fk_actions={"plan": "change"}, prepare=_task_prepare, after=_task_after,
    conflict=gettext_lazy("已被他人修改：这项任务在您打开之后已被保存过，请刷新后重新修改。"),
)


def task_create(*, actor, **data) -> Task:
    """A draft task; it can be deployed once what, who, when and to-what-extent are all set."""
    return record_create(TASK_WRITES, actor=actor, **data)


def task_create_many(*, actor, rows: list[dict]) -> list[Task]:
    """Many draft tasks at once (an import), each referenced row read once for all rows."""
    return record_create_many(TASK_WRITES, actor=actor, rows=rows)


def task_update(*, actor, task: Task, version: int, **data) -> Task:
    """Save an edit made on `version`; if someone saved in between, refuse and change nothing."""
    return record_update(TASK_WRITES, actor=actor, task=task, version=version, **data)


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
    """Split a township task into one child per village (or department) in one step; each part counts
    for its unit's share of the whole task's indicators (`indicator_share`)."""
    task = get_scoped(actor, Task, task.pk, action="change")
    indicators = list(Indicator.objects.unscoped("the indicators of a task in scope").filter(tasks=task)
                      .order_by("id"))
    children = []
    for unit in units:
        unit = get_scoped(actor, Unit, unit.pk)
        children.append(task_create(
            actor=actor, plan=task.plan, title=f"{task.title}（{unit.name}）", requirement=task.requirement,
            line=task.line, leader=task.leader, lead_unit=unit, deadline=task.deadline,
            deadline_text=task.deadline_text, recurrence=task.recurrence, start_date=task.start_date, parent=task,
            source_offset=task.source_offset, source_text=task.source_text,  # a part answers the same sentence
            # a village's report on its part moves its share, and so the township's number
            indicators=[indicator_share(actor=actor, indicator=i, unit=unit) for i in indicators],
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
        task = Task.objects.unscoped("the task an approved extension moves").select_for_update().get(
            pk=extension.task_id)
        task.deadline = extension.new_deadline
        save_stepped(task, "deadline")
        # reminders of the old deadline (due soon, overdue) no longer hold
        notices_settled(task_id=task.pk, kinds=deadline_reminder_kinds())
        light_refresh(task=task, current=True)
    audit.record_change(actor=actor, obj=extension, before=before, parent=extension.task)
    return extension


# -- what progress reports change on a task (called by progress.services) ----------------------


def task_apply_report(*, task: Task, percent: int | None, reported_at: dt.datetime, period: str = "") -> None:
    """A report moves the task's progress, last-report time and reported periods (the report itself
    is audited); `task` in hand follows. The period is added in the database's own statement, so
    two reports for different periods at once both count. A report that counts earlier than the
    task's last one (captured offline, sent later) adds its period but moves neither the progress
    nor the last-report time back."""
    values = {"updated_at": timezone.now()}
    newer = task.last_report_at is None or reported_at >= task.last_report_at
    if newer:
        values["last_report_at"] = reported_at
        if percent is not None:
            values["progress"] = max(0, min(100, int(percent)))
    if period:
        values["reported_periods"] = Case(When(reported_periods__contains=f" {period} ", then=F("reported_periods")),
                                          default=Concat(F("reported_periods"), Value(f" {period} "), output_field=TextField()))
    if newer:
        task.last_report_at = reported_at
        if percent is not None:
            task.progress = values["progress"]
    if period and period not in task.reported_periods.split():
        task.reported_periods = f"{task.reported_periods} {period} "
    update_with_light(task=task, values=values)  # the light from the task as it now stands, in the same UPDATE
