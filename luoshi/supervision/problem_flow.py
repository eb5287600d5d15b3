"""The problem workflow (问题整改 → 销号): the transition table, its services and the problem light.

| action        | from                  | to         | roles (Problem.policy)            | needs                          |
|---------------|-----------------------|------------|-----------------------------------|--------------------------------|
| assign        | found, assigned       | assigned   | office, leader, department        | a responsible person           |
| start         | assigned, returned    | rectifying | office, department, village, cadre|                                |
| request_close | rectifying, returned  | closing    | office, department, village, cadre| evidence text (+ files)        |
| close         | closing               | closed     | office, leader, department        | a user other than the requester|
| send_back     | closing               | returned   | office, leader, department        | a reason                       |
| reopen        | closed                | rectifying | office, leader                    | a reason                       |

Every transition is one transaction: the row is locked, its state checked against the table,
scope checked before and after, and the change audited with the problem's task as parent.
Closing is maker-checker: whoever requested the close cannot verify it (销号须他人核验).
Each step tells whom it concerns and closes the notices it answers (`supervision/notices.py`).
Creating a problem (by hand or by import) never enters this table past 申请销号: see
`services.problem_create`.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.flow import Transition, table
from luoshi.core.scope import ensure_in_scope, get_scoped
from luoshi.core.versioning import save_stepped
from luoshi.org.models import Person
from luoshi.plans.models import Light
from luoshi.progress.services import attachment_add
from luoshi.supervision import notices
from luoshi.supervision.models import Problem, ProblemStatus

S = ProblemStatus


TRANSITIONS: dict[str, Transition] = table(
    Transition("assign", frozenset({S.FOUND, S.ASSIGNED}), S.ASSIGNED, gettext_lazy("交办")),
    Transition("start", frozenset({S.ASSIGNED, S.RETURNED}), S.RECTIFYING, gettext_lazy("开始整改")),
    Transition("request_close", frozenset({S.RECTIFYING, S.RETURNED}), S.CLOSING, gettext_lazy("申请销号")),
    Transition("close", frozenset({S.CLOSING}), S.CLOSED, gettext_lazy("核验销号")),
    Transition("send_back", frozenset({S.CLOSING}), S.RETURNED, gettext_lazy("退回整改")),
    Transition("reopen", frozenset({S.CLOSED}), S.RECTIFYING, gettext_lazy("重新整改")),
)


def allowed_actions(actor, problem: Problem) -> list[Transition]:
    """The transitions `actor` may take on `problem` now: its state, the actor's roles and scope,
    and maker-checker (the requester is not offered 核验销号)."""
    found = []
    for t in TRANSITIONS.values():
        if problem.status not in t.sources or not Problem.policy.allows(actor, t.action):
            continue
        if t.action == "close" and problem.closing_requested_by_id == actor.pk:
            continue
        if Problem.objects.restrict(actor, t.action).filter(pk=problem.pk).exists():
            found.append(t)
    return found


def _begin(actor, problem: Problem, action: str) -> tuple[Problem, dict]:
    """Lock the row, check role, scope and state; the snapshot before the change."""
    if not Problem.policy.allows(actor, action):
        raise NotAllowed()
    get_scoped(actor, Problem, problem.pk, action=action)
    current = Problem.objects.unscoped("locking a problem the actor may act on").select_for_update().get(
        pk=problem.pk)
    transition = TRANSITIONS[action]
    if current.status not in transition.sources:
        raise ServiceError(_("当前状态为“%(s)s”，不能%(a)s。") % {"s": current.get_status_display(),
                                                            "a": transition.label})
    return current, audit.snapshot(current)


def _finish(actor, problem: Problem, before: dict, action: str, message: str = "") -> Problem:
    problem.status = TRANSITIONS[action].target
    save_stepped(problem)
    ensure_in_scope(actor, problem, action="view")
    label = str(TRANSITIONS[action].label)
    audit.record_change(actor=actor, obj=problem, before=before, parent=problem.task,
                        message=f"{label}：{message}" if message else label)
    return problem


def _reason(text: str, field: str = "reason") -> str:
    text = (text or "").strip()
    if not text:
        raise ServiceError(_("请填写理由"), field=field)
    return text[:500]


@transaction.atomic
def problem_assign(*, actor, problem: Problem, owner: Person, deadline: dt.date | None = None,
                   measures: str = "") -> Problem:
    """交办: name the responsible person (in the actor's scope), optionally the deadline and measures."""
    current, before = _begin(actor, problem, "assign")
    if owner is None:
        raise ServiceError(_("请选择责任人"), field="owner")
    current.owner = get_scoped(actor, Person, owner.pk)
    if deadline:
        current.deadline, current.deadline_kind = deadline, "date"
    if measures.strip():
        current.measures = measures.strip()
    _finish(actor, current, before, "assign", current.owner.name)
    notices.problem_assigned(current)
    return current


@transaction.atomic
def problem_start(*, actor, problem: Problem) -> Problem:
    """开始整改 (also resumes after a send-back)."""
    current, before = _begin(actor, problem, "start")
    _finish(actor, current, before, "start")
    notices.problem_started(current)
    return current


@transaction.atomic
def problem_request_close(*, actor, problem: Problem, evidence: str, files=()) -> Problem:
    """申请销号 with evidence: a text saying what was done, and photos or files attached."""

    current, before = _begin(actor, problem, "request_close")
    evidence = (evidence or "").strip()
    if not evidence:
        raise ServiceError(_("申请销号须填写整改佐证材料"), field="evidence")
    current.evidence = evidence[:5000]
    current.closing_requested_by, current.closing_requested_at = actor, timezone.now()
    current.closed_by = current.closed_at = None
    for upload in files or ():
        attachment_add(actor=actor, owner=current, upload=upload, scope_path=current.scope_path)
    _finish(actor, current, before, "request_close", evidence[:200])
    notices.problem_closing(current)
    return current


@transaction.atomic
def problem_close(*, actor, problem: Problem) -> Problem:
    """核验销号: by a user other than the requester, with evidence on file."""
    current, before = _begin(actor, problem, "close")
    if current.closing_requested_by_id == actor.pk:
        raise ServiceError(_("销号须由申请人以外的人员核验：您提交了本次销号申请，不能自己核验。"))
    if not current.evidence.strip():
        raise ServiceError(_("没有整改佐证材料，不能销号"), field="evidence")
    current.closed_by, current.closed_at, current.flow_reason = actor, timezone.now(), ""
    _finish(actor, current, before, "close")
    notices.problem_verified(current)
    return current


@transaction.atomic
def problem_send_back(*, actor, problem: Problem, reason: str) -> Problem:
    """退回: the verifier finds the rectification not done; the reason goes back to the fixer."""
    current, before = _begin(actor, problem, "send_back")
    current.flow_reason = _reason(reason)
    _finish(actor, current, before, "send_back", current.flow_reason)
    notices.problem_sent_back(current)
    return current


@transaction.atomic
def problem_reopen(*, actor, problem: Problem, reason: str) -> Problem:
    """重新整改: a closed problem came back (复发, 上级复查不合格)."""
    current, before = _begin(actor, problem, "reopen")
    current.flow_reason = _reason(reason)
    current.closed_by = current.closed_at = None
    _finish(actor, current, before, "reopen", current.flow_reason)
    notices.problem_reopened(current)
    return current


SERVICES = {"assign": problem_assign, "start": problem_start, "request_close": problem_request_close,
            "close": problem_close, "send_back": problem_send_back, "reopen": problem_reopen}


# -- the problem light ---------------------------------------------------------------------------
WARN_DAYS = 7


def problem_light(problem: Problem, today: dt.date | None = None) -> tuple[Light, str]:
    """(light, reason) like a task's, in the tasks' light names (`plans.models.Light`, shown through
    `plans.light_style`): red when past the deadline and not closed, yellow when due within a week,
    green otherwise."""
    today = today or timezone.localdate()
    if problem.status == S.CLOSED:
        return Light.GREEN, _("已销号")
    if not problem.deadline:
        return Light.GREEN, _("未设整改时限") if problem.deadline_kind == "none" else problem.get_deadline_kind_display()
    days = (problem.deadline - today).days
    if days < 0:
        return Light.RED, _("已超过整改时限 %(n)d 天") % {"n": -days}
    if days <= WARN_DAYS:
        return Light.YELLOW, _("距整改时限仅剩 %(n)d 天") % {"n": days}
    return Light.GREEN, _("整改时限 %(d)s") % {"d": problem.deadline.isoformat()}
