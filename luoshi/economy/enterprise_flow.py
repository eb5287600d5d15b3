"""An enterprise's production status (企业复工达产) as a transition table, and the one owner of its
history: each status step and each new 驻企联络员 leaves a row (`StatusChange`, `LiaisonAssignment`)
in the same transaction as the change, so `Enterprise.status` and `.liaison` are always the latest.

| action | from                   | to      | roles (Enterprise.policy)          | needs      |
|--------|------------------------|---------|------------------------------------|------------|
| stop   | normal, resumed, full  | stopped | office, department, cadre (联络员) | a day      |
| resume | stopped                | resumed | office, department, cadre          | a day      |
| reach  | resumed                | full    | office, department, cadre          | a day      |

The liaison takes the steps on their phone (their enterprises are in their scope); an edit of the
register row may move the status too, along the same table; an import registers a status as found.
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
from luoshi.economy.models import Enterprise, EnterpriseStatus
from luoshi.economy.models_enterprises import LiaisonAssignment, StatusChange

S = EnterpriseStatus

TRANSITIONS: dict[str, Transition] = table(
    Transition("stop", frozenset({S.NORMAL, S.RESUMED, S.FULL}), S.STOPPED, gettext_lazy("停产")),
    Transition("resume", frozenset({S.STOPPED}), S.RESUMED, gettext_lazy("复工")),
    Transition("reach", frozenset({S.RESUMED}), S.FULL, gettext_lazy("达产")),
)


def edge(source: str, target: str) -> Transition | None:
    return next((t for t in TRANSITIONS.values() if source in t.sources and t.target == target), None)


def allowed_actions(actor, enterprise: Enterprise) -> list[Transition]:
    """The steps `actor` may take now; the scope asked once per set of roles (the steps share theirs)."""
    found, in_scope = [], {}
    for t in TRANSITIONS.values():
        if enterprise.status not in t.sources or not Enterprise.policy.allows(actor, t.action):
            continue
        roles = Enterprise.policy.roles_for(t.action)
        if roles not in in_scope:
            in_scope[roles] = Enterprise.objects.restrict(actor, t.action).filter(pk=enterprise.pk).exists()
        if in_scope[roles]:
            found.append(t)
    return found


@transaction.atomic
def enterprise_step(*, actor, enterprise: Enterprise, action: str, on: dt.date | None = None,
                    note: str = "") -> Enterprise:
    """停产 / 复工 / 达产 on a day (today unless given; never in the future)."""
    if action not in TRANSITIONS:
        raise ServiceError(_("未知操作"))
    if not Enterprise.policy.allows(actor, action):
        raise NotAllowed()
    get_scoped(actor, Enterprise, enterprise.pk, action=action)
    current = Enterprise.objects.unscoped("locking a row the actor may act on").select_for_update().get(
        pk=enterprise.pk)
    step = TRANSITIONS[action]
    if current.status not in step.sources:
        raise ServiceError(_("当前状态为“%(s)s”，不能%(a)s。") % {"s": current.get_status_display(), "a": step.label})
    day = _day(on)
    if current.status_date and day < current.status_date:
        raise ServiceError(_("日期不能早于上一次状态变化（%(d)s）") % {"d": current.status_date.isoformat()}, field="on")
    before = audit.snapshot(current)
    current.status, current.status_date = step.target, day
    save_stepped(current, "status", "status_date")
    ensure_in_scope(actor, current, action="view")
    _status_row(actor, current, before["status"], note)
    label = f"{step.label}（{day.isoformat()}）"
    audit.record_change(actor=actor, obj=current, before=before, message=f"{label}：{note}" if note else label)
    return current


def _day(on: dt.date | None) -> dt.date:
    today = timezone.localdate()
    if on is not None and on > today:
        raise ServiceError(_("日期不能晚于今天"), field="on")
    return on or today


# -- the register's writes: an edit moves the status along the same table --------------------------------
def prepare(*, actor, obj: Enterprise, before: dict | None) -> None:
    obj.scope_path = obj.unit.path
    if before is None:
        obj.status_date = obj.status_date or timezone.localdate()
        return
    if obj.status != before["status"]:
        if edge(before["status"], obj.status) is None:
            raise ServiceError(_("生产状态不能从“%(a)s”直接改为“%(b)s”：只能停产、停产后复工、复工后达产") % {
                "a": EnterpriseStatus(before["status"]).label, "b": EnterpriseStatus(obj.status).label},
                field="status")
        if obj.status_date is None or obj.status_date.isoformat() == before["status_date"]:
            obj.status_date = timezone.localdate()  # a step is on its own day, not the previous step's


def after(*, actor, obj: Enterprise, before: dict | None) -> None:
    """The history rows of a new enterprise, or of an edit that named a new liaison or moved the status."""
    if before is None or obj.status != before["status"]:
        _status_row(actor, obj, before["status"] if before else "", "")
    if before is None or obj.liaison_id != before["liaison_id"]:
        _assign(actor, obj)
        if before is not None:
            from luoshi.economy.demands import liaison_moved  # demands sit above this module: they read its model

            liaison_moved(actor=actor, enterprise=obj)
    if before is not None and obj.scope_path != before["scope_path"]:  # moved to another village or park
        for model in (StatusChange, LiaisonAssignment):
            model.objects.unscoped("the moved enterprise's own history").filter(enterprise=obj).update(
                scope_path=obj.scope_path)


def _status_row(actor, enterprise: Enterprise, source: str, note: str) -> None:
    StatusChange.objects.create(enterprise=enterprise, from_status=source, to_status=enterprise.status,
                                on=enterprise.status_date or timezone.localdate(), note=note[:300], by=_user(actor),
                                scope_path=enterprise.scope_path)


def _assign(actor, enterprise: Enterprise) -> None:
    today = timezone.localdate()
    LiaisonAssignment.objects.unscoped("the enterprise's open assignment, closed by its new liaison").filter(
        enterprise=enterprise, ended_on__isnull=True).update(ended_on=today)
    if enterprise.liaison_id:
        LiaisonAssignment.objects.create(enterprise=enterprise, person_id=enterprise.liaison_id, started_on=today,
                                         assigned_by=_user(actor), scope_path=enterprise.scope_path)


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
