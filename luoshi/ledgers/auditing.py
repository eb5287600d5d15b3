"""Appending many audit entries at once — one per object, chained exactly as `core.audit.record`
chains them — so an import of ten thousand rows keeps every row's history without ten thousand
round trips. It belongs in core.audit (as `record_many`); it lives here until core takes it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from luoshi.core import audit
from luoshi.core.context import current_meta
from luoshi.core.models import AuditAction, AuditEntry

BATCH = 1000


def record_created(*, actor, items: list[tuple], message: str = "") -> int:
    """`items` are (obj, after snapshot, parent or None): one CREATE entry each, in order."""
    meta, user = current_meta(), actor if getattr(actor, "is_authenticated", False) else None
    name, unit_path = audit._name_of(user)[:150], audit._unit_path_of(user)
    now = timezone.now()
    with transaction.atomic():
        audit._lock_chain()
        prev = AuditEntry.objects.unscoped("the chain's head").order_by("-id").values_list("hash", flat=True).first()
        prev = prev or audit._anchor()
        entries = []
        for obj, after, parent in items:
            target = audit.Target.of(obj, parent)
            path = obj.audit_unit_path() if hasattr(obj, "audit_unit_path") else unit_path
            entry = AuditEntry(
                at=now, actor=user, actor_name=name, unit_path=path, ip=meta.ip, request_id=meta.request_id,
                action=AuditAction.CREATE, object_type=target.type, object_id=target.id,
                object_repr=target.repr[:255], parent_type=target.parent_type, parent_id=target.parent_id,
                message=message[:500], result="ok", before=None, after=after, prev_hash=prev)
            entry.hash = prev = audit.entry_hash(entry)
            entries.append(entry)
        AuditEntry.objects.bulk_create(entries, batch_size=BATCH)
    return len(entries)
