"""The engine's writes: create, create many (an import), update and delete of any declared record,
so a model adds only its domain rules (NetBox's one generic edit view, as services).

Every write is one transaction and does the same things in the same order: the role's right
(`Model.policy`), fields the declaration allows and nothing else, every foreign key and
many-to-many item read through the actor's scope (an import reads each model's visible rows
once: `VisibleRows`), the domain's `prepare` hook, the save (versioned on update: a stale
`version` changes nothing, 409), the join tables through one helper, the row still within the
actor's scope after the write (`ensure_in_scope`), one audit entry with the record's parent,
and the domain's `after` hook. An update that changes nothing writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.hooks import Hook
from luoshi.core.scope import VisibleRows, ensure_in_scope, get_scoped
from luoshi.core.versioning import save_versioned

_CHUNK = 5000

# Rows of a model were written by the engine (created, imported, edited, deleted), in the write's
# transaction: listeners get `written(model=, objects=, befores=)` — the rows as they are now (none
# for a delete) and the snapshots of the rows as they were (audit.snapshot: an edit's or a delete's) —
# and keep what they count from the rows fresh (plans.measures: the targets bound to a register).
records_written: Hook = Hook("records written by the ledger engine")


def _announce(model, objects, befores=()) -> None:
    for listener in records_written:
        listener(model=model, objects=list(objects), befores=[b for b in befores if b])


@dataclass(frozen=True)
class Writes:
    """How the engine writes one model's records.

    `fields`: what a form, a row or an API payload may set. `fk_actions`: the right a referenced
    row needs beyond seeing it ({"plan": "change"}). `parent`: the field whose object an audit
    entry belongs to. `prepare(actor=, obj=, before=)` sets derived fields and refuses with a
    ServiceError (`before` is the record's snapshot before an update, None on create);
    `after(actor=, obj=, before=)` runs after the write in its transaction (`before` as for `prepare`); `before_delete(actor=,
    obj=)` before a delete."""

    model: type[models.Model]
    fields: tuple[str, ...]
    parent: str | None = None
    fk_actions: dict[str, str] = field(default_factory=dict)
    prepare: Callable | None = None
    after: Callable | None = None
    before_delete: Callable | None = None
    conflict: str = gettext_lazy("已被他人修改：这条记录在您打开之后已被保存过，请刷新后重新修改。")

    @property
    def object_arg(self) -> str:
        return self.model._meta.model_name


@transaction.atomic
def record_create(writes: Writes, *, actor, **data) -> models.Model:
    _allowed(actor, writes.model, "add")
    obj = writes.model()
    links = _assign(writes, actor, obj, data, _lookup_one(actor))
    if writes.prepare:
        writes.prepare(actor=actor, obj=obj, before=None)
    obj.save()
    return _written(writes, actor, obj, links, before=None)


@transaction.atomic
def record_create_many(writes: Writes, *, actor, rows: list[dict]) -> list[models.Model]:
    """Many new records at once (an import): the checks of `record_create`, with each referenced
    row read once for all rows and one bulk insert."""
    _allowed(actor, writes.model, "add")
    lookup = _lookup_many(actor)
    objs, links = [], []
    for data in rows:
        obj = writes.model()
        links.append(_assign(writes, actor, obj, dict(data), lookup))
        if writes.prepare:
            writes.prepare(actor=actor, obj=obj, before=None)
        objs.append(obj)
    writes.model.objects.bulk_create(objs, batch_size=500)
    _bulk_links(writes.model, objs, links)
    ids = [o.pk for o in objs]
    allowed = writes.model.objects.restrict(actor, "add")
    if sum(allowed.filter(pk__in=ids[i:i + _CHUNK]).count() for i in range(0, len(ids), _CHUNK)) != len(ids):
        raise OutOfScope()
    audit.record_many(actor=actor, message=_("导入"), items=[
        (o, audit.snapshot(o, exclude=tuple(rel)) | {k: sorted(i.pk for i in v) for k, v in rel.items()},
         _parent(writes, o)) for o, rel in zip(objs, links, strict=True)])
    if writes.after:
        for obj in objs:
            writes.after(actor=actor, obj=obj, before=None)
    _announce(writes.model, objs)
    return objs


@transaction.atomic
def record_update(writes: Writes, *, actor, version: int, **data) -> models.Model:
    """Save an edit made on `version`; if someone saved in between, refuse and change nothing."""
    obj = data.pop(writes.object_arg)
    current = get_scoped(actor, writes.model, obj.pk, action="change")
    before = audit.snapshot(current)
    links = _assign(writes, actor, current, data, _lookup_one(actor))
    if writes.prepare:
        writes.prepare(actor=actor, obj=current, before=before)
    unchanged = audit.snapshot(current) == before and all(
        sorted(i.pk for i in items) == before.get(name) for name, items in links.items())
    if unchanged:
        return current  # opening a form and saving it as it was changes nothing
    save_versioned(current, version, message=str(writes.conflict))
    return _written(writes, actor, current, links, before=before)


def _written(writes: Writes, actor, obj, links: dict, *, before: dict | None):
    """After a row's save, in its transaction: its links, the scope re-checked, the audit entry, the
    domain's `after`."""
    for name, items in links.items():
        set_links(obj, name, items)
    ensure_in_scope(actor, obj, action="add" if before is None else "change")
    audit.record_change(actor=actor, obj=obj, before=before, parent=_parent(writes, obj))
    if writes.after:
        writes.after(actor=actor, obj=obj, before=before)
    _announce(writes.model, [obj], [before])
    return obj


@transaction.atomic
def record_delete(writes: Writes, *, actor, **data) -> None:
    obj = data.pop(writes.object_arg)
    current = get_scoped(actor, writes.model, obj.pk, action="delete")
    if writes.before_delete:
        writes.before_delete(actor=actor, obj=current)
    audit.record_delete(actor=actor, obj=current, parent=_parent(writes, current))
    gone = audit.snapshot(current)
    current.delete()
    _announce(writes.model, [], [gone])


def set_links(obj: models.Model, name: str, items) -> None:
    """Make `obj`'s many-to-many `name` exactly `items`, through its join table (no scope: the
    items were read through the actor's scope already)."""
    m2m = obj._meta.get_field(name)
    through, source, target = m2m.remote_field.through, m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    through.objects.filter(**{source: obj}).delete()
    through.objects.bulk_create([through(**{source: obj, target: item}) for item in items])


def _bulk_links(model, objs: list, links: list[dict]) -> None:
    for m2m in model._meta.many_to_many:
        through, source, target = m2m.remote_field.through, m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        rows = [through(**{source: obj, target: item}) for obj, rel in zip(objs, links, strict=True)
                for item in rel.get(m2m.name, ())]
        through.objects.bulk_create(rows, batch_size=1000)


def _assign(writes: Writes, actor, obj, data: dict, lookup) -> dict[str, list]:
    """Set the declared fields of `obj` from `data`; referenced rows through `lookup` (scope).
    Returns the many-to-many items given, by field name, for the caller to link after saving."""
    unknown = set(data) - set(writes.fields)
    if unknown:
        raise ServiceError(_("未知字段：%(f)s") % {"f": "、".join(sorted(unknown))})
    links = {}
    for name, value in data.items():
        model_field = obj._meta.get_field(name)
        action = writes.fk_actions.get(name, "view")
        if model_field.many_to_many:
            if value is not None:
                links[name] = [lookup(model_field.related_model, _pk(v), action) for v in value]
            continue
        if model_field.is_relation:
            value = lookup(model_field.related_model, _pk(value), action) if value not in (None, "") else None
        elif isinstance(value, str):
            value = value.strip()
        elif value is None and not model_field.null and isinstance(model_field, models.CharField | models.TextField):
            value = ""  # an empty text is "", never NULL
        setattr(obj, name, value)
    return links


def _lookup_one(actor):
    return lambda model, pk, action: get_scoped(actor, model, pk, action=action)


def _lookup_many(actor):
    by_action: dict[str, VisibleRows] = {}

    def lookup(model, pk, action):
        rows = by_action.setdefault(action, VisibleRows(actor, action))
        return rows.get(model, pk)
    return lookup


def _pk(value):
    return getattr(value, "pk", value)


def _parent(writes: Writes, obj):
    return getattr(obj, writes.parent) if writes.parent else None


def _allowed(actor, model, action: str) -> None:
    if not model.policy.allows(actor, action):
        raise NotAllowed()
