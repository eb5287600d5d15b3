"""A ledger's export cells read as plain values: one query of exactly the exported columns
(`values_list`, in chunks) instead of model instances, a related row's name read once per row
named (one query per related model and chunk, for the ids not yet named), a many-to-many
column's names from one query on its through table per chunk, and each column's conversion
(choice labels, local time, 是/否, masking) chosen once rather than found again for every cell.

The cells are the same values `selectors.value` gives from model instances: the export reads
one or the other. A ledger whose columns the plain read cannot express — a `value` callable
without the fields it `reads`, a path ending on a property or a reverse relation, a file field,
an `on_read` that needs the objects — is exported from model instances as before
(`plain_rows` returns None).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.masking import masked
from luoshi.core.prepared import ByIds
from luoshi.core.scope import ScopedQuerySet
from luoshi.ledgers.registry import Column, Ledger

CHUNK = 2000
_AS_READ = (models.CharField, models.TextField, models.IntegerField, models.FloatField, models.DateField)
_UNSCOPED = "names on a row the user may see"


@dataclass
class _Names:
    """str() of a related model's rows by pk, read as the export's rows name them."""

    model: type[models.Model]
    known: dict

    def fill(self, ids) -> None:
        missing = {i for i in ids if i is not None and i not in self.known}
        if missing:
            shown = getattr(self.model, "str_field", None)  # str() is that field: no instances
            if shown:
                self.known.update(_all(self.model).filter(pk__in=missing).order_by().values_list("pk", shown))
                return
            for obj in _all(self.model).filter(pk__in=missing):
                self.known[obj.pk] = str(obj)


@dataclass
class _ManyToMany:
    """A many-to-many column's names per source row, in the order the related model's rows sort."""

    field: models.ManyToManyField
    names: _Names
    ordering: list[str]
    current: dict = dataclasses.field(default_factory=dict)  # the chunk's: source id → target ids

    def read(self, source_ids) -> dict:
        rows = _THROUGH.rows((self.field, tuple(self.ordering)), sorted(source_ids))
        by_source: dict = {}
        for source_id, target_id in rows:
            by_source.setdefault(source_id, []).append(target_id)
        self.current = by_source
        return by_source


@dataclass
class _Reader:
    """How one column's cell comes from a values row: `index` of its value (or `indexes` of what its
    `value` callable reads), `names` for a relation's name, `many` for a many-to-many column, and
    `convert` the conversion of the value read."""

    column: Column
    index: int = -1
    indexes: tuple = ()
    names: _Names | None = None
    many: _ManyToMany | None = None
    convert: Callable | None = None
    html: bool = False  # the list page's own markup of the cell: `column.html` of what it `reads`


def plain_rows(qs, ledger: Ledger, columns: list[Column], *, unmasked: bool,
               chunk: int = CHUNK) -> Iterator[list] | None:
    """The export's rows as lists of cells from `qs` (the ledger's rows as the list narrows them, scope
    kept), or None when a column needs the model's instances."""
    read = _plan(ledger, columns, unmasked=unmasked, page=False)
    if read is None:
        return None
    paths, readers, getters = read
    return _rows(qs.prefetch_related(None).values_list(*paths), readers, getters, chunk)


def page_rows(ledger: Ledger, columns: list[Column], ids: list[int]) -> list[tuple] | None:
    """A list page's rows as (pk, cells), the rows of `ids` (chosen through the scope and the list's
    filters), in no particular order: each cell its column's value as `selectors.value` reads it, or,
    for a column with its own markup (`html`), that markup made from the fields the column `reads`.
    None when a column needs the model's instances: the page then reads those. The rows are read as
    values and named as the export names them (a page of 50 model instances with their plan, line,
    units and people cost more than the rest of the page), by a statement kept for the page's size
    and columns (core/prepared.py): the same page read again is not built again."""
    read = _plan(ledger, columns, unmasked=False, page=True)
    if read is None:
        return None
    paths, readers, getters = read
    rows = _PAGE.rows((ledger.model, tuple(paths)), ids)
    return [(row[0], cells) for row, cells in zip(rows, _rows(rows, readers, getters, max(len(rows), 1)), strict=True)]


def _page(key, ids):
    model, paths = key
    return _all(model).filter(pk__in=ids).order_by().values_list(*paths)


_PAGE = ByIds(_page)


def _through(key, ids):
    """A many-to-many field's (source id, target id) pairs for the source rows `ids`, ordered."""
    field, ordering = key
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    meta = through._meta
    return (_all(through).filter(**{f"{source}__in": ids}).order_by(*ordering)
            .values_list(meta.get_field(source).attname, meta.get_field(target).attname))


_THROUGH = ByIds(_through)


def _plan(ledger: Ledger, columns: list[Column], *, unmasked: bool, page: bool):
    """The values paths to read (the pk first), each column's reader and its cell getter; None when
    a column needs the model's instances."""
    if ledger.on_read is not None:
        return None
    paths: list[str] = ["pk"]
    related: dict[type, _Names] = {}
    readers = []
    for column in columns:
        if page and column.html is not None:
            reader = _markup(ledger.model, column, paths)
        else:
            reader = _reader(ledger.model, column, paths, related)
        if reader is None:
            return None
        readers.append(reader)
    return paths, readers, [_getter(reader, unmasked) for reader in readers]


def _rows(values, readers: list[_Reader], getters: list[Callable], chunk: int) -> Iterator[list]:
    """The cells of `values` (a values query, read in chunks, or rows read already), each chunk's names
    read once."""
    rows = values.iterator(chunk_size=chunk) if hasattr(values, "iterator") else iter(values)
    while batch := list(itertools.islice(rows, chunk)):
        wanted: dict[int, tuple[_Names, set]] = {}  # the ids each related model is asked for, once a chunk
        for reader in readers:
            if reader.names is None:
                continue
            ids = wanted.setdefault(id(reader.names), (reader.names, set()))[1]
            if reader.many is None:
                ids.update(row[reader.index] for row in batch)
            else:
                found = reader.many.read({row[reader.index] for row in batch if row[reader.index] is not None})
                ids.update(t for targets in found.values() for t in targets)
        for names, ids in wanted.values():
            names.fill(ids)
        for row in batch:
            yield [get(row) for get in getters]


def _getter(reader: _Reader, unmasked: bool) -> Callable:
    """A column's cell from a values row, built once for the export: what it reads, then what
    `selectors.value` does after reading (masking, 是/否) when that can change anything."""
    index, column = reader.index, reader.column
    if reader.html:  # the page's markup of the fields the column reads
        markup, indexes = column.html, reader.indexes

        def get(row):
            return markup(SimpleNamespace(**{name: row[i] for name, i in indexes}))
        return get
    if reader.indexes:  # a declared `value` reading some of the row's own fields
        value, indexes = column.value, reader.indexes

        def get(row):
            return value(SimpleNamespace(**{name: row[i] for name, i in indexes}))
    elif reader.many is not None:
        many, known = reader.many, reader.names.known

        def get(row):
            raw = row[index]
            return None if raw is None else "、".join([known[t] for t in many.current.get(raw, ())])
    elif reader.names is not None:
        known = reader.names.known

        def get(row):
            raw = row[index]
            return None if raw is None else known[raw]
    elif reader.convert is not None:
        convert = reader.convert

        def get(row):
            return convert(row[index])
    else:
        get = operator.itemgetter(index)
    # names are text, and a text, number or date field is never a flag: nothing more to do
    if not column.personal and (reader.names is not None or (reader.convert is None and not reader.indexes)):
        return get
    done = _finisher(column, unmasked)
    return lambda row: done(get(row))


def _finisher(column: Column, unmasked: bool) -> Callable:
    """What `selectors.value` does after reading: personal data masked (or not), 是/否 for a flag."""
    if column.personal:
        if unmasked:
            return lambda raw: raw or ""
        kind = column.personal
        return lambda raw: masked(kind, raw) or ""
    yes, no = str(_("是")), str(_("否"))
    return lambda raw: (yes if raw else no) if raw is True or raw is False else raw


def _reader(model, column: Column, paths: list[str], related: dict) -> _Reader | None:
    if column.value is not None:
        return _declared(model, column, paths)
    fields = _path(model, column.name)
    if fields is None:
        return None
    last = fields[-1]
    if last.many_to_many:
        if len(fields) > 1:
            prefix = column.name.rsplit("__", 1)[0]
            source = f"{prefix}__{fields[-2].related_model._meta.pk.name}"
        else:
            source = "pk"
        ordering = _m2m_ordering(last)
        if ordering is None:
            return None
        names = related.setdefault(last.related_model, _Names(last.related_model, {}))
        return _Reader(column, index=_index(paths, source), names=names, many=_ManyToMany(last, names, ordering))
    if last.is_relation:
        shown = getattr(last.related_model, "str_field", None)
        if shown:  # str() is one field of the related row: read in the same statement, by its join
            return _Reader(column, index=_index(paths, f"{column.name}__{shown}"))
        names = related.setdefault(last.related_model, _Names(last.related_model, {}))
        return _Reader(column, index=_index(paths, column.name), names=names)
    return _Reader(column, index=_index(paths, column.name), convert=_converter(last))


def _markup(model, column: Column, paths: list[str]) -> _Reader | None:
    """A column with its own markup on the page: read plainly only when it declares the model's own
    fields that markup `reads`."""
    reader = _declared(model, column, paths)
    if reader is not None:
        reader.html = True
    return reader


def _declared(model, column: Column, paths: list[str]) -> _Reader | None:
    """A column with its own `value`: read plainly only when it declares the fields it `reads`, each
    a field of the model's own (its name, or a relation's id as `owner_id`)."""
    if column.reads is None:
        return None
    concrete = {f.attname: f for f in model._meta.concrete_fields} | {
        f.name: f for f in model._meta.concrete_fields if not f.is_relation}
    if any(name not in concrete for name in column.reads):
        return None
    return _Reader(column, indexes=tuple((name, _index(paths, concrete[name].attname)) for name in column.reads))


def _path(model, path: str) -> list | None:
    """The fields a "__" path walks: foreign keys (or one-to-one) up to its last, which is a concrete
    field, a foreign key or a many-to-many field of its own; None for anything else (a property, a
    reverse relation, a file: the model's instances tell those)."""
    fields = []
    parts = path.split("__")
    for index, part in enumerate(parts):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        fields.append(field)
        if index < len(parts) - 1:
            if not isinstance(field, models.ForeignKey):
                return None
            model = field.related_model
        elif not (isinstance(field, models.ManyToManyField | models.ForeignKey)
                  or field.concrete and not field.is_relation and not isinstance(field, models.FileField)):
            return None
    return fields


def _m2m_ordering(field) -> list[str] | None:
    """The through table's ordering that lists a row's names as a prefetch of the related model's
    default queryset does (its manager's ordering, else its Meta's), then by pk; None for an ordering
    by expression."""
    qs = _all(field.related_model)
    ordering = list(qs.query.order_by or field.related_model._meta.ordering)
    target = field.m2m_reverse_field_name()
    out = []
    for item in ordering:
        if not isinstance(item, str) or item == "?":
            return None
        sign, name = ("-", item[1:]) if item.startswith("-") else ("", item)
        out.append(f"{sign}{target}__{name}")
    return [*out, f"{target}__pk"]


def _converter(field) -> Callable | None:
    """The conversion `selectors._walk` applies to a field's value, chosen once for the column: a
    choice's label, the local time of a datetime, text for anything but text, numbers and dates."""
    if getattr(field, "choices", None):
        labels = {value: str(label) for value, label in field.flatchoices}
        return lambda raw: labels.get(raw, raw)
    if hasattr(field, "from_db_value") or isinstance(field, models.DateTimeField):
        return _plain
    if isinstance(field, _AS_READ):
        return None
    return _plain


def _plain(value):
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if value is not None and not isinstance(value, str | int | float | dt.date):
        return str(value)
    return value


def _index(paths: list[str], path: str) -> int:
    if path not in paths:
        paths.append(path)
    return paths.index(path)


def _all(model):
    qs = model._default_manager.all()
    return qs.unscoped(_UNSCOPED) if isinstance(qs, ScopedQuerySet) else qs
