"""Writes on problems: one transaction each, scope checked before and after, audited (habits 1–3).

Create, update and delete live here; the state machine (assign, rectify, close with a checker
other than the maker) is `problem_flow`. A new problem — typed on the form, sent to the API or
read from a 问题整改台账 row — enters that machine no further than 申请销号 (closing): a record
that says it is closing or closed (已销号, 已整改, 待销号 …) must carry evidence and is stored as
asked to close by whoever created it, awaiting a checker other than them; without evidence it is
refused. Nothing but `problem_flow.problem_close` sets closed_by / closed_at.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.scope import VisibleRows, ensure_in_scope, get_scoped
from luoshi.core.versioning import save_versioned
from luoshi.org.models import Person, Unit
from luoshi.plans.models import Task
from luoshi.progress.models import ProgressReport
from luoshi.supervision import notices
from luoshi.supervision.models import Problem, ProblemStatus

PROBLEM_FIELDS = ("category", "source", "title", "description", "measures", "task", "village", "lead_unit", "leader",
                  "owner", "deadline", "deadline_kind", "recurrence", "deadline_text", "status", "evidence", "note",
                  "enterprise_name", "liaison", "report")
_FK = {"lead_unit": Unit, "village": Unit, "leader": Person, "owner": Person, "task": Task, "liaison": Person,
       "report": ProgressReport}
_SENTENCE = re.compile(r"[。；;！!？?\n]")
# The states a record may claim only with a checker still to come (problem_flow's close row).
CHECKED = (ProblemStatus.CLOSING, ProblemStatus.CLOSED)


@transaction.atomic
def problem_create(*, actor, description: str, lead_unit: Unit, co_units=(), **fields) -> Problem:
    """A problem on the list (状态默认待交办); the lead unit must be within the actor's scope."""
    if not Problem.policy.allows(actor, "add"):
        raise NotAllowed()
    problem = Problem(description=(description or "").strip())
    _assign(actor, problem, {"lead_unit": lead_unit, **fields})
    _enter(actor, problem)
    problem.save()
    _set_co_units(actor, problem, co_units)
    ensure_in_scope(actor, problem, action="add")
    audit.record_change(actor=actor, obj=problem, before=None, parent=problem.task)
    return problem


@transaction.atomic
def problem_create_many(*, actor, rows: list[dict]) -> list[Problem]:
    """Many problems in one go (an import): the same checks as `problem_create` — every unit,
    person and task within the actor's scope, every new row within it after the write, one
    audit entry per row — read once for all rows instead of once per row."""
    if not Problem.policy.allows(actor, "add"):
        raise NotAllowed()
    visible = VisibleRows(actor)
    problems, co_units = [], []
    for data in rows:
        data = dict(data)
        units = [visible.get(Unit, u.pk) for u in data.pop("co_units", None) or ()]
        problem = Problem(description=(data.pop("description", "") or "").strip())
        _assign(actor, problem, data, lookup=visible.get)
        _enter(actor, problem)
        problems.append(problem)
        co_units.append(units)
    Problem.objects.bulk_create(problems, batch_size=500)
    through = Problem.co_units.through
    through.objects.bulk_create([through(problem=p, unit=u) for p, units in zip(problems, co_units, strict=True)
                                 for u in units], batch_size=1000)
    ids = [p.pk for p in problems]
    in_scope = sum(Problem.objects.restrict(actor, "add").filter(pk__in=ids[i:i + 5000]).count()
                   for i in range(0, len(ids), 5000))
    if in_scope != len(ids):
        raise OutOfScope()
    audit.record_many(actor=actor, items=[(p, audit.snapshot(p, exclude=("co_units",)) | {
        "co_units": sorted(u.pk for u in units)}, p.task) for p, units in zip(problems, co_units, strict=True)],
        message=_("导入"))
    return problems


@transaction.atomic
def problem_update(*, actor, problem: Problem, version: int, co_units=None, **fields) -> Problem:
    """Save an edit made on `version`; if someone saved in between, refuse and change nothing."""
    current = get_scoped(actor, Problem, problem.pk, action="change")
    if fields.get("status") not in (None, "", current.status):
        raise ServiceError(_("整改状态不能直接修改，请在问题详情页通过交办、开始整改、申请销号、核验销号等操作办理"),
                           field="status")
    fields.pop("status", None)
    before = audit.snapshot(current)
    _assign(actor, current, fields)
    current.version = version + 1
    save_versioned(current, version, message=_("已被他人修改：这条问题在您打开之后已被保存过，请刷新后重新修改。"))
    _set_co_units(actor, current, co_units)
    ensure_in_scope(actor, current, action="change")
    audit.record_change(actor=actor, obj=current, before=before, parent=current.task)
    return current


@transaction.atomic
def problem_delete(*, actor, problem: Problem) -> None:
    current = get_scoped(actor, Problem, problem.pk, action="delete")
    audit.record_delete(actor=actor, obj=current, parent=current.task)
    notices.problem_gone(current.pk)
    current.delete()


def entry_refusal(status: str, evidence: str) -> str:
    """Why a new record may not enter in `status` with `evidence` ("" when it may): a closing or
    closed one without evidence has nothing for a checker to verify (an import reports this on its
    row, before anything is saved)."""
    if status in CHECKED and not (evidence or "").strip():
        return _("“%(s)s”须有佐证材料并经销号申请人以外的人员核验：这条记录没有佐证材料，不能录入为“申请销号”，"
                 "更不能直接销号。请填写佐证材料（录入后为“申请销号”，待他人核验），或将整改状态改为“整改中”。") % {
            "s": ProblemStatus(status).label}
    return ""


def _enter(actor, problem: Problem) -> None:
    """A new record claiming 申请销号 or 已销号 enters as 申请销号 by `actor`, awaiting a checker."""
    refusal = entry_refusal(problem.status, problem.evidence)
    if refusal:
        raise ServiceError(refusal, field="status")
    if problem.status in CHECKED:
        problem.status = ProblemStatus.CLOSING
        problem.closing_requested_by, problem.closing_requested_at = actor, timezone.now()
    problem.closed_by = problem.closed_at = None


def _assign(actor, problem: Problem, fields: dict, lookup=None) -> None:
    unknown = set(fields) - set(PROBLEM_FIELDS)
    if unknown:
        raise ServiceError(_("未知字段：%(f)s") % {"f": "、".join(sorted(unknown))})
    for name, value in fields.items():
        if name in _FK and value is not None:
            value = lookup(_FK[name], value.pk) if lookup else get_scoped(actor, _FK[name], value.pk)
        elif isinstance(value, str):
            value = value.strip()
        setattr(problem, name, "" if value is None and name not in _FK and name != "deadline" else value)
    if problem.lead_unit_id is None:
        raise ServiceError(_("牵头单位不能为空"), field="lead_unit")
    if not problem.description:
        raise ServiceError(_("问题描述不能为空"), field="description")
    problem.title = (problem.title or summary_of(problem.description))[:200]
    problem.scope_path = problem.lead_unit.path


def summary_of(text: str, limit: int = 60) -> str:
    """The first sentence of a description, as the short title lists show."""
    first = _SENTENCE.split(text.strip(), maxsplit=1)[0].strip()
    return first[:limit] if first else text.strip()[:limit]


def _set_co_units(actor, problem: Problem, co_units) -> None:
    if co_units is None:
        return
    checked = [get_scoped(actor, Unit, unit.pk) for unit in co_units]
    through = Problem.co_units.through
    through.objects.filter(problem=problem).delete()
    through.objects.bulk_create([through(problem=problem, unit=unit) for unit in checked])


# The workflow, urge, inspection and difficulty services live in their own modules (problem_flow,
# urging, inspecting, difficulties); callers import them from here, the app's services module
# (DESIGN.md habit 1).
from luoshi.supervision.difficulties import report_to_problem  # noqa: E402
from luoshi.supervision.inspecting import (  # noqa: E402
    finding_to_problem,
    inspection_create,
    inspection_findings_to_problems,
)
from luoshi.supervision.problem_flow import (  # noqa: E402
    problem_assign,
    problem_close,
    problem_reopen,
    problem_request_close,
    problem_send_back,
    problem_start,
)
from luoshi.supervision.urging import urge_answer, urge_issue, urge_withdraw  # noqa: E402

__all__ = ["finding_to_problem", "inspection_create", "inspection_findings_to_problems", "problem_assign",
           "problem_close", "problem_create", "problem_create_many", "problem_delete", "problem_reopen",
           "problem_request_close", "problem_send_back", "problem_start", "problem_update", "report_to_problem",
           "summary_of", "urge_answer", "urge_issue", "urge_withdraw"]
