"""Reads of a ledger, always from `visible_to(actor)`: the rows a list, an export and the API
show (filters, search, sort), and each cell's value with personal data masked."""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import BooleanField, Prefetch, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from luoshi.core.api import paged
from luoshi.core.masking import full_number, mask_id_card, mask_phone, masked
from luoshi.core.prepared import ByIds, Kept, KeptList, Shape
from luoshi.core.scope import ScopedQuerySet, read_key
from luoshi.ledgers.registry import Column, Filter, FilterContext, Ledger

MAX_QUERY = 100
MAX_VALUES = 50  # the choices of a filter on a plain column


@dataclass
class ListState:
    """What the user asked the list for, parsed once and shared by the page, export and API."""

    query: str
    sort: str
    filters: dict[str, str]
    columns: list[Column]
    ids: list[int] | None = None

    @property
    def query_shown(self) -> str:
        """The query as a page may echo it: a whole ID or phone number masked (it is matched exactly,
        never shown)."""
        found = full_number(self.query)
        if found is None:
            return self.query
        return mask_id_card(found[1]) if found[0] == "id_card" else mask_phone(found[1])


def record_state(ledger: Ledger) -> ListState:
    """The state that reads a whole record: every column (a record's page, the API, a reveal)."""
    return parse_state(ledger, {}, chosen=[c.name for c in ledger.columns])


def parse_state(ledger: Ledger, params, *, chosen: list[str] | None = None) -> ListState:
    sort = params.get("sort", "")
    if sort.lstrip("-") not in {c.name for c in ledger.columns if sort_path(ledger, c)}:
        sort = ""
    filters = {}
    for flt in ledger.filters:
        raw = str(params.get(flt.name) or "")[:40]
        if flt.flag:
            raw = "1" if raw in ("1", "true", "on") else ""
        if raw:
            filters[flt.name] = raw
    return ListState(query=(params.get("q") or "").strip()[:MAX_QUERY], sort=sort, filters=filters,
                     columns=chosen_columns(ledger, chosen))


def chosen_columns(ledger: Ledger, names: list[str] | None) -> list[Column]:
    picked = [c for c in ledger.columns if names and c.name in names]
    return picked or [c for c in ledger.columns if c.default]


def rows(*, actor, ledger: Ledger, state: ListState, today: dt.date | None = None, paths: dict | None = None):
    """The ledger's rows the actor may see, narrowed as the list shows them (`paths`: the unit filters'
    paths when `unit_paths` has looked them up already)."""
    qs = ledger.model.objects.visible_to(actor).select_related(*ledger.related)
    qs = qs.prefetch_related(*_m2m_prefetches(ledger, state.columns))
    context = FilterContext(actor=actor, today=today or timezone.localdate())
    paths = unit_paths(actor=actor, ledger=ledger, state=state) if paths is None else paths
    for flt in ledger.filters:
        if flt.name in state.filters:
            qs = _apply_filter(qs, context, ledger, flt, state.filters[flt.name], paths)
    if state.query:
        qs = qs.filter(search_q(ledger, state.query))
    if state.ids is not None:
        qs = qs.filter(pk__in=state.ids)
    if state.sort:
        column = ledger.column(state.sort.lstrip("-"))
        prefix = "-" if state.sort.startswith("-") else ""
        return qs.order_by(prefix + sort_path(ledger, column), prefix + "id")
    return qs.order_by(*ledger.sort)


def page_ids(rows):
    """The list's ids in its order: what a page is chosen from. Sorting a township's 5,000 tasks
    joined to their people, units, plan and line took most of the first page's statement; the ids
    alone sort as the JSON list's do (the ordering ends on the id, so a page is always the same rows)."""
    return rows.values_list("pk", flat=True)


_LISTS = Kept()


def list_ids(*, actor, ledger: Ledger, state: ListState, today: dt.date | None = None):
    """`page_ids` of the list as the page pages it: through statements kept for the list's whole input
    (core/prepared.py `Kept`), so a list opened again is read without building its scope and filters
    anew. A search for a whole ID or phone number is not kept (the number would stay in the process's
    memory), nor a list of a model with its own `restrict` (its grants do not say what it reads)."""
    today = today or timezone.localdate()
    paths = unit_paths(actor=actor, ledger=ledger, state=state)

    def build():
        return page_ids(rows(actor=actor, ledger=ledger, state=state, today=today, paths=paths))
    try:
        grants = read_key(actor, ledger.model)
    except ValueError:
        return build()
    if full_number(state.query) is not None:
        return build()
    key = (ledger.name, actor.pk, getattr(actor, "person_id", None), grants, state.query, state.sort,
           tuple(sorted(state.filters.items())), None if state.ids is None else tuple(state.ids),
           tuple(sorted(paths.items())), today)
    return KeptList(_LISTS, key, build, planned=bool(state.filters or state.query or state.ids is not None))


def paged_values(*, actor, ledger: Ledger, state: ListState, fields: tuple[str, ...], page: int,
                 page_size: int) -> dict:
    """A page of the list as `.values(*fields)` rows (`fields` naming "id"), the API's answer: its ids
    through the list's kept statements as the page reads them (`list_ids`), then those rows by their
    ids, in that order; the total counted only for a full page (`core.api.paged`). Building the list's
    scope, filters and sort anew cost the JSON list three times its statements."""
    result = paged(list_ids(actor=actor, ledger=ledger, state=state), page, page_size)
    ids = list(result["items"])
    rows = _VALUES_BY_IDS.rows((ledger.model, fields), ids)
    return {"items": in_order(rows, ids, key=operator.itemgetter("id")), "count": result["count"]}


# the rows by their ids, as values: a shape per model, fields and page size (`core.prepared.ByIds`)
_VALUES_BY_IDS = ByIds(lambda key, ids: key[0].objects.unscoped("rows whose ids were read through the scope")
                       .filter(pk__in=ids).order_by().values(*key[1]))


def page_rows(*, ledger: Ledger, state: ListState, ids: list[int]):
    """A page's rows with their names, by the ids `page_ids` chose through the scope, the filters and
    the sort: read by their keys alone (the list's conditions are not written, compiled and planned a
    second time), in the order of `ids`'s rows as the caller puts them."""
    rows = ledger.model.objects.all()
    if isinstance(rows, ScopedQuerySet):
        rows = rows.unscoped("rows whose ids were read through the scope")
    rows = rows.filter(pk__in=ids).order_by()
    return rows.select_related(*ledger.related).prefetch_related(*_m2m_prefetches(ledger, state.columns))


def in_order(rows, ids: list[int], key=operator.attrgetter("pk")) -> list:
    """`rows` in the order of `ids` (the page's order)."""
    place = {pk: i for i, pk in enumerate(ids)}
    return sorted(rows, key=lambda row: place[key(row)])


def search_q(ledger: Ledger, query: str) -> Q:
    """The declared search fields containing the query; a whole ID-card or mobile number (never a part
    of one) also finds the rows whose personal columns of that kind hold it exactly."""
    parts = [Q(**{f"{name}__icontains": query}) for name in ledger.search]
    found = full_number(query)
    if found is not None:
        kind, number = found
        for column in ledger.personal_columns:
            field = _field(ledger.model, column.name)
            if column.personal == kind and column.value is None and field is not None and field.concrete:
                parts += [Q(**{column.name: number}), Q(**{column.name: number.lower()})]
    if not parts:  # a ledger that declares no search ignores the box, as it always has
        return Q()
    return functools.reduce(operator.or_, parts)


def unit_paths(*, actor, ledger: Ledger, state: ListState) -> dict[str, str | None]:
    """The path of the unit each unit filter chose (None: a unit the actor may not see, or none): what
    the filter reads the rows under. Looked up before the rows' read is built, so that read depends on
    nothing but its input (`core.prepared.Kept`)."""
    found = {}
    for flt in ledger.filters:
        if flt.path_field and not flt.apply and flt.name in state.filters and state.filters[flt.name] != "none":
            model = ledger.model._meta.get_field(flt.field_name).related_model
            found[flt.name] = _unit_path(model, actor, _int(state.filters[flt.name]))
    return found


def _apply_filter(qs, context: FilterContext, ledger: Ledger, flt: Filter, value: str, paths: dict):
    if flt.apply:
        return flt.apply(qs, value, context)
    name = flt.field_name
    if flt.none_label and value == "none":
        return qs.filter(**{f"{name}__isnull": True})
    field = ledger.model._meta.get_field(name)
    if flt.path_field:
        unit = paths.get(flt.name)
        return qs.filter(**{f"{flt.path_field}__under": unit}) if unit else qs.none()
    if field.is_relation:
        return qs.filter(**{f"{name}_id" if field.many_to_one else name: _int(value)})
    if field.choices and value not in {str(v) for v, _label in field.choices}:
        return qs.none()
    if isinstance(field, BooleanField):  # 是 / 否 arrive as true / false
        return qs.filter(**{name: value == "true"}) if value in ("true", "false") else qs.none()
    try:
        value = field.to_python(value)
    except (ValidationError, ValueError, TypeError):
        return qs.none()  # ?year=abc matches nothing, as an unknown choice does
    return qs.filter(**{name: value})


def filter_choices(*, actor, ledger: Ledger, state: ListState | None = None) -> list[dict]:
    """Each filter with its label, kind and (value, label) choices, for the toolbar; a hidden
    filter only when the state sets it (then without choices: the toolbar keeps its value)."""
    out = []
    for flt in ledger.filters:
        selected = state.filters.get(flt.name, "") if state else ""
        if flt.hidden and not selected:
            continue
        field = _field(ledger.model, flt.field_name)
        label = flt.label or (field.verbose_name if field is not None else flt.name)
        out.append({"name": flt.name, "label": label, "flag": flt.flag, "hidden": flt.hidden, "help": flt.help,
                    "selected": selected, "choices": [] if flt.flag or flt.hidden else _choices(actor, flt, field)})
    return out


def _choices(actor, flt: Filter, field) -> list[tuple[str, str]]:
    if flt.choices:
        choices = [(str(v), str(label)) for v, label in flt.choices(actor)]
    elif field.is_relation and getattr(field.related_model, "str_field", None):  # str() is a field: no objects
        shown = _names(field, actor)
        choices = [(str(pk), str(name)) for pk, name in shown]
    elif field.is_relation:
        choices = [(str(o.pk), str(o)) for o in _related_visible(field, actor)[:500]]
    elif isinstance(field, BooleanField):  # 是 / 否 (规上企业, 亿元项目)
        choices = [("true", _("是")), ("false", _("否"))]
    elif field.choices:
        choices = [(str(v), str(label)) for v, label in field.choices if v != ""]
    else:  # a plain column (a year): the values its visible rows hold, latest first
        held = field.model.objects.visible_to(actor).order_by(f"-{field.name}").values_list(field.name, flat=True)
        choices = [(str(v), str(v)) for v in held.distinct()[:MAX_VALUES] if v not in (None, "")]
    return choices + ([("none", str(flt.none_label))] if flt.none_label else [])


def _related_visible(field, actor):
    manager = field.related_model._default_manager
    return manager.visible_to(actor) if hasattr(manager, "visible_to") else manager.all()


def _visible_key(model, actor) -> tuple | None:
    """What the related rows a user may see depend on of the user (core/prepared.py): their grants
    for a scoped model, nothing for one read whole; None for a model with its own `restrict`, whose
    grants do not say what it reads (read through the ORM)."""
    if not hasattr(model._default_manager, "visible_to"):
        return (model, "all")
    try:
        return (model, read_key(actor, model))
    except ValueError:
        return None


def _visible(key):
    model, grants = key
    manager = model._default_manager
    return manager.all() if grants == "all" else manager.get_queryset().within(grants)


def _unit_path(model, actor, pk: int) -> str | None:
    key = _visible_key(model, actor)
    if key is None:
        return model._default_manager.visible_to(actor).filter(pk=pk).values_list("path", flat=True).first()
    return next(iter(_VISIBLE_PATH.rows(key, pk=pk)), None)


def _names(field, actor) -> list[tuple]:
    key = _visible_key(field.related_model, actor)
    if key is None:
        return list(_related_visible(field, actor).values_list("pk", field.related_model.str_field)[:500])
    return _VISIBLE_NAMES.rows(key)


# a list's filters on a related row (a unit, a plan): read on every page, the same statements for a
# user's grants, kept once built; the rows themselves are read afresh each time
_VISIBLE_PATH = Shape(lambda key, *, pk: _visible(key).filter(pk=pk).order_by().values_list("path", flat=True)[:1])
_VISIBLE_NAMES = Shape(lambda key: _visible(key).values_list("pk", key[0].str_field)[:500])


def _int(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2**62 else 0


def _unscoped(model, reason: str):
    qs = model._default_manager.all()
    return qs.unscoped(reason) if isinstance(qs, ScopedQuerySet) else qs


def _m2m_prefetches(ledger: Ledger, columns: list[Column]) -> list[Prefetch]:
    """The names of each many-to-many column the rows are read for (`columns`: a page's shown ones,
    the API's all): names on a row the user may see are shown, whoever they belong to. A column not
    shown is not read (the tasks' 协办单位 cost a list page a statement and ~2 ms it did not show)."""
    found = []
    for column in columns:
        field = _field(ledger.model, column.name)
        if field is not None and field.many_to_many:
            qs = _unscoped(field.related_model, "names on a row the user may see")
            found.append(Prefetch(column.name, queryset=qs))
    return found


@functools.lru_cache(maxsize=2048)
def _field(model, path: str):
    """The model field a "__" path ends on, or None; asked for every cell of every row, hence kept."""
    try:
        field = None
        for part in path.split("__"):
            field = model._meta.get_field(part)
            model = field.related_model if field.is_relation else None
            if model is None:
                break
        return field
    except FieldDoesNotExist:
        return None


def sort_path(ledger: Ledger, column: Column | None) -> str:
    if column is None:
        return ""
    if column.sort is not None:
        return column.sort
    field = _field(ledger.model, column.name)
    return column.name if field is not None and field.concrete and not field.is_relation else ""


def label_of(ledger: Ledger, column: Column) -> str:
    if column.label:
        return str(column.label)
    field = _field(ledger.model, column.name)
    return str(field.verbose_name) if field is not None else column.name


def value(obj, column: Column, language: str | None = None, *, unmasked: bool = False):
    """A cell as the list, export and API show it: choice labels, names, 是/否, masked personal data
    (`unmasked`: an export of the full numbers, which `services.ledger_export` alone asks for). A
    caller reading many cells passes the active `language` once (asking for it costs a lookup)."""
    raw = column.value(obj) if column.value else _walk(obj, column.name, language)
    if column.personal:
        return (raw or "") if unmasked else (masked(column.personal, raw) or "")
    if isinstance(raw, bool):  # as a township writes it, and as an import reads it back
        return str(_("是") if raw else _("否"))
    return raw


def value_reader(model, column: Column, language: str, *, unmasked: bool = False) -> Callable:
    """`value(obj, column, language, unmasked=…)` for many rows of `model`, the column's path looked
    up once rather than for every cell (a list page reads 50 rows × a dozen columns): a path of
    foreign keys and a last field read by attribute, a choice field's labels found once."""
    walk = _path_reader(model, column.name, language) if column.value is None else column.value
    if walk is None:  # a property, a reverse relation, a many-to-many part: `_walk` tells those
        def walk(obj):
            return _walk(obj, column.name, language)
    if column.personal:
        kind = column.personal
        if unmasked:
            return lambda obj: walk(obj) or ""
        return lambda obj: masked(kind, walk(obj)) or ""
    yes, no = str(_("是")), str(_("否"))

    def read(obj):
        raw = walk(obj)
        return (yes if raw else no) if raw is True or raw is False else raw
    return read


def _path_reader(model, path: str, language: str) -> Callable | None:
    """`_walk(obj, path, language)` as one function for the rows of `model`, or None when a part of
    the path is not a foreign key up to a last concrete field."""
    parts, steps = path.split("__"), []
    for index, part in enumerate(parts):
        field = _field(model, part)
        if field is None or field.many_to_many or not (field.concrete or field.is_relation):
            return None
        if index < len(parts) - 1:
            if not field.many_to_one:
                return None
            model = field.related_model
        steps.append(part)
    last = field
    labels = _labels(last, language) if getattr(last, "choices", None) else None
    hops, name = steps[:-1], (last.attname if labels is not None else steps[-1])

    def read(obj):
        for hop in hops:
            obj = getattr(obj, hop)
            if obj is None:
                return None
        if labels is not None:
            raw = getattr(obj, name)
            return labels.get(raw, raw)
        return _finish(getattr(obj, name))
    return read


def _finish(obj):
    """A walked value as a cell holds it: local time without a zone, text for anything but text,
    numbers and dates."""
    if isinstance(obj, dt.datetime):
        return timezone.localtime(obj).replace(tzinfo=None) if timezone.is_aware(obj) else obj
    if obj is not None and not isinstance(obj, str | int | float | dt.date):
        return str(obj)
    return obj


def _walk(obj, path: str, language: str | None = None):
    parts = path.split("__")
    for index, part in enumerate(parts):
        if obj is None:
            return None
        field = _field(type(obj), part)
        last = index == len(parts) - 1
        if field is not None and field.many_to_many:
            return "、".join(str(item) for item in getattr(obj, part).all())
        if last and field is not None and getattr(field, "choices", None):
            raw = getattr(obj, field.attname)
            return _labels(field, language or get_language()).get(raw, raw)
        obj = getattr(obj, part)
    return _finish(obj)


@functools.cache
def _labels(field, language: str) -> dict:
    """A choice field's labels by value in a language, built once (get_FOO_display builds them, and
    translates the label, on every call)."""
    return {value: str(label) for value, label in field.flatchoices}


def text(cell) -> str:
    """A cell for HTML and JSON: dates as YYYY-MM-DD."""
    if type(cell) is str:  # most cells: asked first, as a list page asks some 300 a page
        return cell
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return cell.strftime("%Y-%m-%d %H:%M")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)
