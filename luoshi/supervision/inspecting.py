"""Inspections (一线督导): record an on-site check, and turn what it found into problems."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.scope import ensure_in_scope, get_scoped
from luoshi.org.models import Person, Unit
from luoshi.plans.models import Task
from luoshi.progress.services import attachment_add
from luoshi.supervision.models import Finding, Inspection, InspectionRating, Problem, ProblemSource


def finding_lines(findings) -> list[str]:
    """Findings as a list: one per line of a text, or a list of texts; blanks dropped."""
    items = findings.splitlines() if isinstance(findings, str) else list(findings or ())
    return [line.strip().lstrip("0123456789.、）)（(- ").strip() or line.strip() for line in items if line.strip()]


@transaction.atomic
def inspection_create(*, actor, date: dt.date, unit: Unit | None = None, task: Task | None = None, place: str = "",
                      inspectors=(), findings=(), rating: str = InspectionRating.FAIR, summary: str = "",
                      photos=()) -> Inspection:
    """One on-site check of a task (its lead unit is the unit checked), a unit, or a place in a unit."""
    if not Inspection.policy.allows(actor, "add"):
        raise NotAllowed()
    if task is not None:
        task = get_scoped(actor, Task, task.pk)
        unit = unit or task.lead_unit
    if unit is None:
        raise ServiceError(_("请选择被检查单位或任务"), field="unit")
    unit = get_scoped(actor, Unit, unit.pk)
    if rating not in InspectionRating.values:
        raise ServiceError(_("评价不正确"), field="rating")
    if date is None:
        raise ServiceError(_("请填写检查日期"), field="date")
    inspection = Inspection.objects.create(date=date, unit=unit, task=task, place=(place or "").strip()[:200],
                                           rating=rating, summary=(summary or "").strip(), created_by=actor,
                                           scope_path=unit.path)
    through = Inspection.inspectors.through  # the join table carries no scope; each person is checked
    through.objects.bulk_create([through(inspection=inspection, person=get_scoped(actor, Person, p.pk))
                                 for p in dict.fromkeys(inspectors or ())])
    Finding.objects.bulk_create([Finding(inspection=inspection, text=text[:2000], position=i)
                                 for i, text in enumerate(finding_lines(findings), start=1)])
    ensure_in_scope(actor, inspection, action="add")
    audit.record_change(actor=actor, obj=inspection, before=None, parent=task,
                        message=_("发现问题 %(n)d 条") % {"n": len(finding_lines(findings))})
    _attach(actor, inspection, photos)
    return inspection


def _attach(actor, inspection: Inspection, photos) -> None:

    for upload in photos or ():
        attachment_add(actor=actor, owner=inspection, upload=upload, scope_path=inspection.scope_path)


@transaction.atomic
def finding_to_problem(*, actor, finding: Finding, category: str = "", deadline: dt.date | None = None) -> Problem:
    """Put one finding on the problem list in one step: source 督查发现, linked to the inspected
    task and unit, the lead unit prefilled (the task's, else the unit checked). Done once."""
    from luoshi.supervision.services import problem_create

    if not Inspection.policy.allows(actor, "problem"):
        raise NotAllowed()
    finding = get_scoped(actor, Finding, finding.pk, action="problem")
    locked = Finding.objects.unscoped("locking a finding the actor may see").select_for_update().get(pk=finding.pk)
    if locked.problem_id:
        raise ServiceError(_("这条发现已转为问题"))
    inspection = Inspection.objects.visible_to(actor).select_related("task", "unit").get(pk=locked.inspection_id)
    task = inspection.task
    lead_unit = task.lead_unit if task and task.lead_unit_id else inspection.unit
    village = inspection.unit if inspection.unit.kind == "village" else None
    problem = problem_create(
        actor=actor, description=locked.text, lead_unit=lead_unit, source=ProblemSource.INSPECTION,
        category=category or _("督查发现"), task=task, village=village, leader=task.leader if task else None,
        deadline=deadline, deadline_kind="date" if deadline else "none",
        note=_("来自督查记录：%(i)s") % {"i": inspection})
    locked.problem = problem
    locked.save(update_fields=["problem"])
    return problem


@transaction.atomic
def inspection_findings_to_problems(*, actor, inspection: Inspection) -> list[Problem]:
    """Every finding of an inspection not yet on the problem list, as problems, all or none."""
    inspection = get_scoped(actor, Inspection, inspection.pk)
    pending = Finding.objects.visible_to(actor).filter(inspection=inspection, problem__isnull=True)
    return [finding_to_problem(actor=actor, finding=f) for f in pending]
