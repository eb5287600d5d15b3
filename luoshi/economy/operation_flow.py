"""A village co-operative's 实质化运营 in a year, judged by the township: the transition table
and its services.

| action    | from               | to        | roles (CoopOperation.policy)   | needs                                |
|-----------|--------------------|-----------|--------------------------------|--------------------------------------|
| declare   | pending, returned  | declared  | village, office, department    | evidence                             |
| approve   | declared           | operating | office, leader, department     | a user other than the declarer       |
| send_back | declared           | returned  | office, leader, department     | a reason                             |
| revoke    | operating          | returned  | office, leader                 | a reason (found not to operate)      |

Each step locks the row, checks role, scope and state, counts the version up and is audited.
A new record (form, API, import) enters no further than 待认定: see `economy.ledgers_farms`.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.flow import Transition, table
from luoshi.core.scope import ensure_in_scope, get_scoped
from luoshi.core.versioning import save_stepped
from luoshi.economy.models_farms import CoopOperation, OperationStatus
from luoshi.plans import measures

S = OperationStatus

TRANSITIONS: dict[str, Transition] = table(
    Transition("declare", frozenset({S.PENDING, S.RETURNED}), S.DECLARED, gettext_lazy("申报实质化运营")),
    Transition("approve", frozenset({S.DECLARED}), S.OPERATING, gettext_lazy("认定实质化运营")),
    Transition("send_back", frozenset({S.DECLARED}), S.RETURNED, gettext_lazy("退回")),
    Transition("revoke", frozenset({S.OPERATING}), S.RETURNED, gettext_lazy("撤销认定")),
)
NEEDS_REASON = frozenset({"send_back", "revoke"})


def allowed_actions(actor, operation: CoopOperation) -> list[Transition]:
    """The steps `actor` may take now: state, role, scope, and never approving one's own declaration."""
    found = []
    for t in TRANSITIONS.values():
        if operation.status not in t.sources or not CoopOperation.policy.allows(actor, t.action):
            continue
        if t.action == "approve" and operation.declared_by_id == actor.pk:
            continue
        if CoopOperation.objects.restrict(actor, t.action).filter(pk=operation.pk).exists():
            found.append(t)
    return found


@transaction.atomic
def operation_step(*, actor, operation: CoopOperation, action: str, reason: str = "",
                   evidence: str = "") -> CoopOperation:
    """Take one step of the table; `evidence` may be given (or completed) with a declaration."""
    if action not in TRANSITIONS:
        raise ServiceError(_("未知操作"))
    if not CoopOperation.policy.allows(actor, action):
        raise NotAllowed()
    get_scoped(actor, CoopOperation, operation.pk, action=action)
    current = CoopOperation.objects.unscoped("locking a row the actor may act on").select_for_update().get(
        pk=operation.pk)
    step = TRANSITIONS[action]
    if current.status not in step.sources:
        raise ServiceError(_("当前状态为“%(s)s”，不能%(a)s。") % {"s": current.get_status_display(), "a": step.label})
    before = audit.snapshot(current)
    _apply(actor, current, action, reason.strip()[:500], evidence.strip())
    current.status = step.target
    save_stepped(current)
    ensure_in_scope(actor, current, action="view")
    message = f"{step.label}：{current.judge_note}" if action in NEEDS_REASON else str(step.label)
    audit.record_change(actor=actor, obj=current, before=before, message=message)
    # a judged year counts (or no longer counts) for the targets bound to 实质化运营
    measures.rows_changed(ledger="coop-operations", paths=[current.scope_path])
    return current


def _apply(actor, current: CoopOperation, action: str, reason: str, evidence: str) -> None:
    now = timezone.now()
    if action == "declare":
        current.evidence = evidence or current.evidence
        if not current.evidence:
            raise ServiceError(_("申报实质化运营须填写佐证材料（经营合同、收支台账、分红记录等）"), field="evidence")
        current.declared_by, current.declared_at = actor, now
        current.judged_by, current.judged_at, current.judge_note = None, None, ""
        return
    if action == "approve" and current.declared_by_id == actor.pk:
        raise ServiceError(_("实质化运营须由申报人以外的人员认定"))
    if action in NEEDS_REASON and not reason:
        raise ServiceError(_("请填写理由"), field="reason")
    current.judged_by, current.judged_at, current.judge_note = actor, now, reason
