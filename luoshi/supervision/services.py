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
from django.utils.translation import gettext_lazy

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.scope import ensure_in_scope
from luoshi.ledgers.writes import Writes, record_create, record_create_many, record_delete, record_update
from luoshi.supervision import notices
from luoshi.supervision.models import Problem, ProblemStatus

PROBLEM_FIELDS = ("category", "source", "title", "description", "measures", "task", "village", "lead_unit", "leader",
                  "owner", "deadline", "deadline_kind", "recurrence", "deadline_text", "status", "evidence", "note",
                  "enterprise_name", "liaison", "report")
_SENTENCE = re.compile(r"[。；;！!？?\n]")
# The states a record may claim only with a checker still to come (problem_flow's close row).
CHECKED = (ProblemStatus.CLOSING, ProblemStatus.CLOSED)


def _problem_prepare(*, actor, obj: Problem, before: dict | None) -> None:
    """A problem's own rules: a lead unit and a description, a short title from the description,
    its unit's path for scope; a new one enters no further than 申请销号 (`_enter`), and an edit
    never moves its state (the workflow does)."""
    if obj.lead_unit_id is None:
        raise ServiceError(_("牵头单位不能为空"), field="lead_unit")
    if not obj.description:
        raise ServiceError(_("问题描述不能为空"), field="description")
    obj.title = (obj.title or summary_of(obj.description))[:200]
    obj.scope_path = obj.lead_unit.path
    if before is None:
        _enter(actor, obj)
    elif obj.status in (None, ""):
        obj.status = before["status"]
    elif obj.status != before["status"]:
        raise ServiceError(_("整改状态不能直接修改，请在问题详情页通过交办、开始整改、申请销号、核验销号等操作办理"),
                           field="status")


def _problem_gone(*, actor, obj: Problem) -> None:
    notices.problem_gone(obj.pk)


# A problem's writes through the ledger engine; its states are problem_flow's.
PROBLEM_WRITES = Writes(
    model=Problem, fields=(*PROBLEM_FIELDS, "co_units"), parent="task", prepare=_problem_prepare,
    before_delete=_problem_gone,
    conflict=gettext_lazy("已被他人修改：这条问题在您打开之后已被保存过，请刷新后重新修改。"),
)


def problem_create(*, actor, **data) -> Problem:
    """A problem on the list (状态默认待交办); the lead unit must be within the actor's scope."""
    return record_create(PROBLEM_WRITES, actor=actor, **data)


@transaction.atomic
def problem_found(*, actor, lead_unit, description: str, owner=None, village=None, category: str = "",
                  title: str = "") -> Problem:
    """A problem found in the field (a 帮扶干部's visit: a failed 两不愁三保障 item) by whoever the
    policy's `raise_found` allows, a cadre who does not keep the list included. The app above has
    read `lead_unit`, `village` and `owner` through its own record's scope; the problem enters 待交办
    with the finder as its owner (so it stays on their list) unless another is named, scoped by its
    lead unit and audited like any new problem."""
    if not Problem.policy.allows(actor, "raise_found"):
        raise NotAllowed()
    person = getattr(actor, "person", None)
    problem = Problem(lead_unit=lead_unit, village=village, description=description.strip(), category=category,
                      title=title, owner=owner or person)
    _problem_prepare(actor=actor, obj=problem, before=None)
    problem.save()
    ensure_in_scope(actor, problem, action="raise_found", written_now=True)
    audit.record_change(actor=actor, obj=problem, before=None)
    return problem


def problem_create_many(*, actor, rows: list[dict]) -> list[Problem]:
    """Many problems in one go (an import): the same checks, each referenced row read once."""
    return record_create_many(PROBLEM_WRITES, actor=actor, rows=rows)


def problem_update(*, actor, problem: Problem, version: int, **data) -> Problem:
    """Save an edit made on `version`; if someone saved in between, refuse and change nothing."""
    return record_update(PROBLEM_WRITES, actor=actor, problem=problem, version=version, **data)


def problem_delete(*, actor, problem: Problem) -> None:
    record_delete(PROBLEM_WRITES, actor=actor, problem=problem)


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


def summary_of(text: str, limit: int = 60) -> str:
    """The first sentence of a description, as the short title lists show."""
    first = _SENTENCE.split(text.strip(), maxsplit=1)[0].strip()
    return first[:limit] if first else text.strip()[:limit]


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
