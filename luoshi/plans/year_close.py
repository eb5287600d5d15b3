"""The year's close (年终): archive a plan, carry its unfinished tasks into next year's plan, copy its
structure as next year's template.

An archived plan (`PlanStatus.ARCHIVED`) is read-only: its lists, pages, battle map and exports stay,
and any save of the plan, its lines, indicators, tasks or milestones is refused (`refuse_archived`,
connected to `pre_save` in `PlansConfig.ready`, so every writer meets it, services and the ledger
engine alike), as is a progress report on its tasks (`ensure_open`, called by progress). Its stored
lights stay as they were on the day it was archived (`light_store` skips archived plans).

Carrying over copies each unfinished whole task (not 已办结, not a draft) as a draft of the target
plan, under the line of the same name (made when missing), with `carried_from` pointing back; the
old task lists the new one as `carried_to`. Carrying twice copies nothing twice."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Value
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.prepared import Shape
from luoshi.core.scope import get_scoped
from luoshi.core.versioning import save_versioned
from luoshi.plans.models import Indicator, Milestone, Plan, PlanStatus, Task, TaskStatus, WorkLine


def _archived(plan) -> bool:
    """Whether a plan (or a plan's id) is archived; a plan already in hand is not read again."""
    if isinstance(plan, Plan):
        return plan.status == PlanStatus.ARCHIVED
    return bool(plan) and Plan.objects.unscoped("is the plan archived").filter(
        pk=plan, status=PlanStatus.ARCHIVED).exists()


def ensure_open(plan) -> None:
    """Refuse a write into an archived plan (a Plan, or its id)."""
    if _archived(plan):
        raise ServiceError(_("计划已归档，只能查看、检索和导出"))


def refuse_archived(sender, instance, raw=False, **kwargs) -> None:
    """pre_save of a plan's rows: nothing of an archived plan changes (the plan's own archiving aside)."""
    if raw:
        return
    if sender is Plan:
        if instance.pk and instance.status == PlanStatus.ARCHIVED and _archived(instance.pk):
            raise ServiceError(_("计划已归档，只能查看、检索和导出"))
        return
    plan_id = instance.task.plan_id if sender is Milestone else instance.plan_id
    ensure_open(plan_id)


def plan_archive(*, actor, plan: Plan) -> Plan:
    if not Plan.policy.allows(actor, "change"):
        raise NotAllowed(_("您没有此操作的权限"))
    with transaction.atomic():
        plan = get_scoped(actor, Plan, plan.pk, action="change")
        if plan.status != PlanStatus.DEPLOYED:
            raise ServiceError(_("只有已部署的计划可以归档"))
        before = audit.snapshot(plan)
        plan.status = PlanStatus.ARCHIVED
        save_versioned(plan, plan.version)
        audit.record_change(actor=actor, obj=plan, before=before, message=_("归档工作计划"))
    return plan


def plan_copy_structure(*, actor, plan: Plan, year: int, title: str = "") -> Plan:
    """Next year's draft plan with this plan's lines and indicators (targets kept, no actuals), no tasks."""
    if not Plan.policy.allows(actor, "add"):
        raise NotAllowed(_("您没有此操作的权限"))
    plan = get_scoped(actor, Plan, plan.pk)
    if year <= plan.year:
        raise ServiceError(_("模板的年度应晚于原计划"), field="year")
    with transaction.atomic():
        new = Plan.objects.create(unit=plan.unit, year=year, title=title.strip() or plan.title.replace(
            str(plan.year), str(year)), status=PlanStatus.DRAFT)
        lines = {}
        for line in WorkLine.objects.unscoped("copying the plan's lines").filter(plan=plan).order_by("sort_order", "id"):
            lines[line.pk] = WorkLine.objects.create(plan=new, number=line.number, name=line.name,
                                                     leader_id=line.leader_id, lead_unit_id=line.lead_unit_id,
                                                     sort_order=line.sort_order)
        copied = {}
        indicators = Indicator.objects.unscoped("copying the plan's indicators").filter(plan=plan).order_by(
            "parent_id", "id")
        for ind in sorted(indicators, key=lambda i: (i.parent_id is not None, i.pk)):  # targets before shares
            copied[ind.pk] = Indicator.objects.create(
                plan=new, line=lines.get(ind.line_id), parent=copied.get(ind.parent_id), unit_id=ind.unit_id,
                name=ind.name, measure=ind.measure, target=ind.target, baseline=ind.actual or ind.baseline,
                strength=ind.strength, qualifier=ind.qualifier, register_measure=ind.register_measure)
        audit.record_change(actor=actor, obj=new, before=None,
                            message=_("由%(plan)s复制结构（专线 %(l)d 条，指标 %(i)d 项）") % {
                                "plan": plan.title, "l": len(lines), "i": len(copied)})
    return new


def unfinished(plan: Plan | int):
    return (Task.objects.unscoped("a plan's unfinished tasks, for the year's close").filter(plan=plan, parent__isnull=True)
            .exclude(status__in=[TaskStatus.COMPLETED, TaskStatus.DRAFT]))


# both counts in one row (a constant grouped on is no GROUP BY): the carried ones by their ids (an EXISTS on
# `carried_from`), not a DISTINCT over whole rows joined to their copies; built once (core.prepared), the
# plan page asking it on every view
_counts = Shape(lambda _key, *, plan: unfinished(plan).order_by().annotate(whole=Value(1, IntegerField()))
                .values("whole").annotate(unfinished=Count("id"), carried=Count("id", filter=Exists(
                    Task.objects.unscoped("whether a task was carried on").filter(carried_from=OuterRef("pk")))))
                .values_list("unfinished", "carried"))


def unfinished_counts(plan: Plan) -> dict[str, int]:
    """How many of `plan`'s whole tasks are unfinished, and how many of those are carried on into a
    later plan already (the plan page's 年终 line), in one statement."""
    (unfinished_n, carried_n), = _counts.rows("unfinished", plan=plan.pk)
    return {"unfinished": unfinished_n, "carried": carried_n}


def plan_carry_over(*, actor, plan: Plan, into: Plan) -> list[Task]:
    """Copy `plan`'s unfinished whole tasks into `into` (a later plan of the same unit, not archived) as drafts."""
    if not Task.policy.allows(actor, "add"):
        raise NotAllowed(_("您没有此操作的权限"))
    plan = get_scoped(actor, Plan, plan.pk)
    into = get_scoped(actor, Plan, into.pk, action="change")
    if into.year <= plan.year or into.unit_id != plan.unit_id:
        raise ServiceError(_("只能结转到本单位以后年度的计划"), field="into")
    ensure_open(into.pk)
    made = []
    with transaction.atomic():
        done = set(Task.objects.unscoped("tasks carried already").filter(plan=into, carried_from__isnull=False)
                   .values_list("carried_from_id", flat=True))
        lines = {line.name: line for line in WorkLine.objects.unscoped("the target plan's lines").filter(plan=into)}
        through = Task.co_units.through  # the join table carries no scope: the co-units are the task's own
        co_units = defaultdict(list)
        for task_id, unit_id in through.objects.filter(task__plan=plan).values_list("task_id", "unit_id"):
            co_units[task_id].append(unit_id)
        for task in unfinished(plan).select_related("line").order_by("id"):
            if task.pk in done:
                continue
            line = None
            if task.line is not None:
                line = lines.get(task.line.name)
                if line is None:
                    line = lines[task.line.name] = WorkLine.objects.create(
                        plan=into, name=task.line.name, number=task.line.number, leader_id=task.line.leader_id,
                        lead_unit_id=task.line.lead_unit_id, sort_order=task.line.sort_order)
            new = Task.objects.create(
                plan=into, line=line, title=task.title, requirement=task.requirement, leader_id=task.leader_id,
                lead_unit_id=task.lead_unit_id, owner_id=task.owner_id, scope_path=task.scope_path,
                deadline_text=_("上年结转"), status=TaskStatus.DRAFT, carried_from=task)
            through.objects.bulk_create([through(task_id=new.pk, unit_id=u) for u in co_units[task.pk]])
            audit.record_change(actor=actor, obj=new, before=None, parent=into,
                                message=_("由%(year)d年计划结转") % {"year": plan.year})
            made.append(new)
    return made
