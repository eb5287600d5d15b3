"""Writing, reading and verifying the audit log (NetBox ObjectChange, Django LogEntry).

Every service calls `record(...)` inside its own transaction; entries are chained by a keyed hash
so that a changed or removed row breaks the chain at that point and `verify_chain` finds it (the
chain, its purges and its anchors outside the database: core/audit_chain.py).
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luoshi.core.audit_chain import (  # noqa: F401  (the chain's API, as callers have always read it)
    GENESIS,
    ChainReport,
    entry_hash,
    head_hash,
    lock_chain,
    purge_expired,
    verify_chain,
    write_anchor,
)
from luoshi.core.context import current_meta
from luoshi.core.masking import masked
from luoshi.core.models import AuditAction, AuditEntry


def snapshot(obj: models.Model, *, exclude: tuple[str, ...] = ("password",)) -> dict:
    """The concrete field values of `obj` as JSON-native data (before/after of a change)."""
    data = {}
    personal = getattr(obj, "personal_fields", {})
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        value = _jsonable(getattr(obj, field.attname))
        # The log proves that a number changed without becoming a second copy of it (PIPL).
        data[field.attname] = masked(personal[field.name], value) if field.name in personal else value
    for field in obj._meta.many_to_many:
        if obj.pk and field.name not in exclude:
            data[field.name] = _m2m_ids(obj, field)
    return data


def _m2m_ids(obj: models.Model, field) -> list:
    """Read through the join table, which carries no scope: the snapshot is of `obj` itself."""
    through = field.remote_field.through
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    return sorted(through.objects.filter(**{source: obj.pk}).values_list(f"{target}_id", flat=True))


def _jsonable(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):  # a stored file is logged by its name, not its content
        return value.name or ""
    return value


def label_of(obj_or_model) -> str:
    return obj_or_model._meta.label_lower


@dataclass(frozen=True)
class Target:
    """What an entry is about: the object, and the object it belongs to (a report's task)."""

    type: str = ""
    id: str = ""
    repr: str = ""
    parent_type: str = ""
    parent_id: str = ""

    @classmethod
    def of(cls, obj: models.Model | None, parent: models.Model | None = None) -> Target:
        if obj is None:
            return cls()
        return cls(
            type=label_of(obj), id=str(obj.pk), repr=str(obj)[:255],
            parent_type=label_of(parent) if parent is not None else "",
            parent_id=str(parent.pk) if parent is not None else "",
        )


def record(
    *, actor, action: str, target: Target | None = None, before: dict | None = None, after: dict | None = None,
    message: str = "", result: str = "ok", actor_name: str = "", unit_path: str | None = None,
) -> AuditEntry:
    """Append one entry to the chain (inside the caller's transaction, or its own)."""
    target = target or Target()
    meta = current_meta()
    user = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        at=timezone.now(), actor=user, actor_name=(actor_name or _name_of(user))[:150],
        unit_path=unit_path if unit_path is not None else _unit_path_of(user),
        ip=meta.ip, request_id=meta.request_id, action=action,
        object_type=target.type, object_id=target.id, object_repr=target.repr[:255],
        parent_type=target.parent_type, parent_id=target.parent_id,
        message=message[:500], result=result, before=before, after=after,
    )
    with transaction.atomic(savepoint=False):  # a failed append fails the caller's transaction anyway
        lock_chain()
        entry.prev_hash = head_hash()
        entry.hash = entry_hash(entry)
        entry.save(force_insert=True)
    return entry


def record_many(*, actor, items: list[tuple], message: str = "", batch: int = 1000) -> int:
    """One CREATE entry per (obj, after snapshot, parent or None), chained exactly as `record`
    chains them but written in batches: an import of ten thousand rows keeps every row's
    history without ten thousand round trips."""
    meta, user = current_meta(), actor if getattr(actor, "is_authenticated", False) else None
    name, default_path, now = _name_of(user)[:150], _unit_path_of(user), timezone.now()
    with transaction.atomic():
        lock_chain()
        prev = head_hash()
        entries = []
        for obj, after, parent in items:
            target = Target.of(obj, parent)
            path = _object_unit_path(obj)
            entry = AuditEntry(
                at=now, actor=user, actor_name=name, unit_path=default_path if path is None else path, ip=meta.ip,
                request_id=meta.request_id, action=AuditAction.CREATE, object_type=target.type, object_id=target.id,
                object_repr=target.repr[:255], parent_type=target.parent_type, parent_id=target.parent_id,
                message=message[:500], result="ok", before=None, after=after, prev_hash=prev)
            entry.hash = prev = entry_hash(entry)
            entries.append(entry)
        AuditEntry.objects.bulk_create(entries, batch_size=batch)
    return len(entries)


def record_change(*, actor, obj: models.Model, before: dict | None, parent=None, message: str = "") -> AuditEntry:
    """Audit a create (before=None), an update, or a delete (call before deleting, with after=None)."""
    after = snapshot(obj) if obj.pk else None
    action = AuditAction.CREATE if before is None else AuditAction.UPDATE
    if before is not None and after == before:
        action = AuditAction.UPDATE
    return record(actor=actor, action=action, target=Target.of(obj, parent), before=before, after=after,
                  message=message, unit_path=_object_unit_path(obj))


def record_delete(*, actor, obj: models.Model, parent=None, message: str = "") -> AuditEntry:
    return record(actor=actor, action=AuditAction.DELETE, target=Target.of(obj, parent), before=snapshot(obj),
                  message=message, unit_path=_object_unit_path(obj))


def _name_of(user) -> str:
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return person.name if person else user.get_username()


def _unit_path_of(user) -> str:
    person = getattr(user, "person", None) if user is not None else None
    return person.unit.path if person and person.unit_id else ""


def _object_unit_path(obj) -> str | None:
    """Entries about a unit's data belong to that unit, so its office reads them."""
    path_of = getattr(obj, "audit_unit_path", None)
    return path_of() if callable(path_of) else None


# -- messages as the log shows them ----------------------------------------------------------
# Reads of personal data were once logged with English messages (org.views.people wrote the field
# name, or "edit form"). The log is append-only and hash-chained, so those entries are never
# rewritten: the pages show them in the words such reads are logged with now, and the search
# finds them by those words too. One table for both, so what is shown is what is found.
LEGACY_MESSAGES = {
    (AuditAction.READ_PERSONAL, "edit form"): _("打开编辑表单"),
    (AuditAction.READ_PERSONAL, "phone"): _("查看完整手机号码"),
    (AuditAction.READ_PERSONAL, "id_card"): _("查看完整身份证号"),
}


def message_shown(action: str, message: str) -> str:
    """An entry's message as the log pages show it: a legacy English one in Chinese."""
    return str(LEGACY_MESSAGES.get((action, message), message))


def legacy_messages_found_by(text: str) -> list[tuple[str, str]]:
    """(action, stored message) of the legacy entries whose shown message contains `text`, as the
    log's search matches any other message (ignoring case): "手机号码" → the old "phone" reads."""
    text = (text or "").strip().casefold()
    if not text:
        return []
    return [key for key, shown in LEGACY_MESSAGES.items() if text in str(shown).casefold()]


def clear_for_tests() -> None:
    """Live-server tests truncate the database afterwards: empty the log, its purges and its seal with
    the database's guards lifted, then put the guards back."""
    from django.db import connection

    from luoshi.core import audit_guard
    from luoshi.core.models import AuditPurge, AuditSeal

    with transaction.atomic():
        audit_guard.remove(connection)
        for model in (AuditEntry, AuditPurge, AuditSeal):
            model._base_manager.all()._raw_delete(model.objects.db)
        audit_guard.install(connection)
