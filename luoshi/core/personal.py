"""Personal data beyond masking (PIPL): the reveal of one field of one record, read for a reason the
audit log keeps, and the redaction of a record kept past its retention period. Every register's
pages (the ledger engine's record page, org's people) reveal through here; the ledger engine's
retention job redacts through here."""

from __future__ import annotations

from django.db import models, transaction
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.masking import PERSONAL_DATA, masked
from luoshi.core.models import AuditAction
from luoshi.core.permissions import Policy
from luoshi.core.versioning import save_stepped

REASON_MIN, REASON_MAX = 2, 200


def _unit_path(obj) -> str | None:
    path_of = getattr(obj, "audit_unit_path", None)
    return path_of() if callable(path_of) else None


def reveal(*, actor, obj: models.Model, field: str, label: str, value: str | None, reason: str,
           policy: Policy = PERSONAL_DATA) -> str:
    """The full `value` of `field` of `obj`, for an actor whose role the policy allows to reveal, with a
    reason; the audit log keeps who, which record, which field and why (never the number). The caller
    has read `obj` through the actor's scope."""
    if not policy.allows(actor, "reveal"):
        raise NotAllowed()
    reason = " ".join((reason or "").split())
    if len(reason) < REASON_MIN:
        raise ServiceError(_("请写明查看完整信息的理由"), field="reason")
    audit.record(actor=actor, action=AuditAction.READ_PERSONAL, target=audit.Target.of(obj),
                 message=_("查看完整%(field)s，理由：%(reason)s") % {"field": label, "reason": reason[:REASON_MAX]},
                 after={"field": field, "reason": reason[:REASON_MAX]}, unit_path=_unit_path(obj))
    return value or ""


def redact(*, obj: models.Model, fields: dict[str, str], message: str) -> bool:
    """Clear the personal `fields` ({name: kind}) of `obj`, its row locked, its version counted up
    (`versioning.save_stepped`: a form read before is refused), audited by the system with what was
    cleared (masked, as every snapshot is) and why. False when there was nothing to clear."""
    with transaction.atomic():
        row = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
        before = {name: masked(kind, getattr(row, name)) for name, kind in fields.items() if getattr(row, name)}
        if not before:
            return False
        for name in before:
            setattr(row, name, "")
        if any(f.name == "version" for f in row._meta.concrete_fields):
            save_stepped(row, *before)
        else:
            row.save(update_fields=list(before))
        audit.record(actor=None, actor_name=_("系统"), action=AuditAction.UPDATE, target=audit.Target.of(row),
                     before=before, after={name: "" for name in before}, message=message,
                     unit_path=_unit_path(row) or "")
    return True
