"""Audit entries in bulk, chained exactly as `luoshi.core.audit.record` chains them.

Entries are built in memory, ordered by time, linked with `entry_hash` in that order and
inserted in batches inside the caller's transaction, holding the chain's lock, so that
`luoshi audit verify` walks them like any others."""

from __future__ import annotations

import datetime as dt

from luoshi.core import audit
from luoshi.core.models import AuditAction, AuditEntry

BATCH = 2000


class AuditBatch:
    """Entries of one transaction; `flush()` links and writes them after the chain's head."""

    def __init__(self):
        self.entries: list[AuditEntry] = []

    def add(self, *, at: dt.datetime, actor, action: str, obj_type: str, obj_id, repr_: str, unit_path: str,
            parent_type: str = "", parent_id="", message: str = "", before=None, after=None) -> None:
        self.entries.append(AuditEntry(
            at=at, actor_id=actor.pk if actor else None, actor_name=_name(actor), unit_path=unit_path,
            action=action, object_type=obj_type, object_id=str(obj_id), object_repr=repr_[:255],
            parent_type=parent_type, parent_id=str(parent_id) if parent_id else "", message=message[:500],
            result="ok", before=before, after=after,
        ))

    def create(self, *, at, actor, obj, unit_path: str, parent=None, after=None, message: str = "") -> None:
        self.add(at=at, actor=actor, action=AuditAction.CREATE, obj_type=obj._meta.label_lower, obj_id=obj.pk,
                 repr_=str(obj), unit_path=unit_path, parent_type=parent._meta.label_lower if parent else "",
                 parent_id=parent.pk if parent else "", after=after, message=message)

    def flush(self) -> int:
        """Order by time (stable), link, insert; call inside the transaction that wrote the rows."""
        entries = sorted(self.entries, key=lambda e: e.at)
        self.entries = []
        if not entries:
            return 0
        audit.lock_chain()
        prev = audit.head_hash()
        for entry in entries:
            entry.prev_hash = prev
            entry.hash = prev = audit.entry_hash(entry)
        AuditEntry.objects.bulk_create(entries, batch_size=BATCH)
        return len(entries)


def _name(actor) -> str:
    if actor is None:
        return "系统"
    person = getattr(actor, "_gen_person", None)
    return (person.name if person else actor.username)[:150]
