"""Register measures (DESIGN "Register measures", 指标来源于台账): an indicator bound to a count or a
sum over a register's rows, whose actual is then computed, never typed.

plans may not import the registers (economy, later people). It offers this registry; each register
declares its measures in its AppConfig.ready() (`register(Measure(...))`). An indicator names its
measure by key in `Indicator.register_measure` ("projects.yi_signed"); `Indicator.measure` stays
its 计量单位.

What a measure counts for an indicator: the register's rows that pass the measure's filter, whose
date (`date_field`) falls in the plan's year, and that belong to the indicator's unit. A row belongs
to every unit one of its path columns (`unit_paths`) lies under: a project to its village and to the
department following it, and so to the township above both. So each indicator, a township's target
or a village's share, counts its own rows, and a township's number is not the sum of its shares
(a project in one village followed by a department would count twice).

The stored actual has one owner, `indicator_count`. The register's writes call `rows_changed` in the
transaction of the row's change (a project's stage moving recounts the indicators bound to it);
plans' steps that shape a bound indicator (binding, splitting, a new share) reach it through the
roll-ups (`plans.services.indicator_roll_up`, `progress.rollups.indicator_refresh`). `recounted`
counts again without storing (the tests compare it with the stored actual), and `rows_of` gives
the rows behind the number, as the indicator's rows page shows them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import Count, Q, Sum
from django.utils.functional import Promise

from luoshi.core.errors import ServiceError
from luoshi.ledgers.registry import get_ledger
from luoshi.plans.models import Indicator

_MEASURES: dict[str, Measure] = {}
ZERO = Decimal(0)


@dataclass(frozen=True)
class Measure:
    """A count (or, with `value_field`, a sum) over a register's rows.

    `ledger` names the register's ledger (its rows' pages, its list); `filter` the rows counted;
    `date_field` the date that puts a row in a plan's year; `unit_paths` the path columns that place
    a row under units; `unit_field` the unit a rows page shows for a row; `measure` the 计量单位
    it yields; `words` the words of a target ("亿元项目") that propose it in a draft."""

    key: str
    label: str | Promise
    ledger: str
    model: type[models.Model]
    date_field: str
    unit_paths: tuple[str, ...]
    filter: Q = Q()
    value_field: str | None = None
    unit_field: str = "unit"
    measure: str = ""
    words: tuple[str, ...] = ()
    help: str | Promise = ""
    # A register kept by year (村级集体经济: each entry's 年度) puts a row in a plan's year by this
    # field instead of a date.
    year_field: str | None = None

    def rows(self, *, year: int, path: str):
        """The rows this measure counts for the unit at `path` in `year` (unscoped: the number is the
        township's, whoever reads it; pages split what the reader may see)."""
        within = Q()
        for column in self.unit_paths:
            within |= Q(**{f"{column}__under": path})
        dated = ({self.year_field: year} if self.year_field else
                 {f"{self.date_field}__gte": dt.date(year, 1, 1), f"{self.date_field}__lte": dt.date(year, 12, 31)})
        return (self.model.objects.unscoped("the rows a bound indicator counts, whoever reads the number")
                .filter(self.filter, within, **dated))

    def total(self, rows) -> Decimal:
        if self.value_field is None:
            return Decimal(rows.aggregate(n=Count("pk"))["n"])
        return rows.aggregate(total=Sum(self.value_field))["total"] or ZERO

    def value_of(self, row) -> Decimal:
        return Decimal(1) if self.value_field is None else (getattr(row, self.value_field) or ZERO)


def register(measure: Measure) -> Measure:
    """Called by a register's AppConfig.ready(); registering the same key again replaces it."""
    _MEASURES[measure.key] = measure
    return measure


def get(key: str) -> Measure | None:
    return _MEASURES.get(key or "")


def all_measures() -> list[Measure]:
    return list(_MEASURES.values())


def choices() -> list[tuple[str, str]]:
    """For a form's select: ("", 不绑定) then each measure by its label."""
    from django.utils.translation import gettext as _

    return [("", _("不绑定（按上报数值）")), *((m.key, f"{m.label}") for m in _MEASURES.values())]


def checked_key(key: str) -> str:
    """A key a service may store: "" or a registered measure's."""
    key = (key or "").strip()
    if key and key not in _MEASURES:
        from django.utils.translation import gettext as _

        raise ServiceError(_("没有这个台账统计口径：%(k)s") % {"k": key}, field="register_measure")
    return key


def propose(text: str) -> str:
    """The key of the measure whose words a target's text names ("新上亿元项目" → projects.yi_signed),
    the longest word winning; "" when none does."""
    found = [(len(word), m.key) for m in _MEASURES.values() for word in m.words if word and word in (text or "")]
    return max(found)[1] if found else ""


# -- the number and its rows ------------------------------------------------------------------------


def _rows_for(indicator: Indicator):
    measure = get(indicator.register_measure)
    if measure is None:
        return None, None
    return measure, measure.rows(year=indicator.plan.year, path=indicator.unit.path)


def recounted(indicator: Indicator) -> Decimal | None:
    """The number the indicator's rows make now; None when it is bound to no (known) measure."""
    measure, rows = _rows_for(indicator)
    return None if measure is None else measure.total(rows)


def indicator_count(*, indicator: Indicator) -> Decimal | None:
    """The one writer of a bound indicator's actual: count its rows and store the number if it moved."""
    indicator = (Indicator.objects.unscoped("a bound indicator whose rows are counted")
                 .select_related("plan", "unit").get(pk=indicator.pk))
    actual = recounted(indicator)
    if actual is None:
        return indicator.actual
    if indicator.actual is None or Decimal(indicator.actual) != actual:
        Indicator.objects.unscoped("a bound indicator's actual follows its rows").filter(pk=indicator.pk).update(
            actual=actual)
    return actual


def rows_changed(*, ledger: str, paths: Iterable[str] = ()) -> int:
    """A register's rows changed (created, edited, moved on, deleted), in the caller's transaction:
    recount every indicator bound to one of the register's measures whose unit holds one of `paths`
    (the rows' unit paths before and after the change; none: every bound indicator). Returns how
    many were counted."""
    keys = [m.key for m in _MEASURES.values() if m.ledger == ledger]
    if not keys:
        return 0
    paths = [p for p in paths if p]
    # Locked before counting, so two writers of the register count one after the other: the second
    # waits for the first to commit and then counts its row too (READ COMMITTED: each statement sees
    # what was committed before it), instead of both storing a count that misses the other's row.
    bound = (Indicator.objects.unscoped("the indicators bound to a register whose rows changed")
             .filter(register_measure__in=keys).select_related("plan", "unit").order_by("id")
             .select_for_update(of=("self",)))
    if paths:  # the units holding a row: those whose path begins one of the rows' ("/1/", "/1/4/", "/1/4/17/")
        bound = bound.filter(unit__path__in={p[:i + 1] for p in paths for i, c in enumerate(p) if c == "/" and i})
    counted = 0
    for indicator in bound:
        indicator_count(indicator=indicator)
        counted += 1
    return counted


def records_written(*, model, objects, befores) -> None:
    """The ledger engine wrote rows of `model` (ledgers.writes.records_written): recount the targets
    bound to the measures over it, under the units the rows sit under now and sat under before."""
    for ledger in {m.ledger for m in _MEASURES.values() if m.model is model}:
        columns = {c for m in _MEASURES.values() if m.ledger == ledger for c in m.unit_paths}
        paths = {getattr(o, c, "") for o in objects for c in columns} | {b.get(c, "") for b in befores for c in columns}
        rows_changed(ledger=ledger, paths=paths)


def stale_counts() -> list[tuple[Indicator, Decimal | None, Decimal | None]]:
    """(indicator, stored, recounted) for every bound indicator whose stored actual is not its count."""
    bound = (Indicator.objects.unscoped("checking every bound indicator").exclude(register_measure="")
             .select_related("plan", "unit"))
    found = []
    for indicator in bound:
        fresh = recounted(indicator)
        stored = None if indicator.actual is None else Decimal(indicator.actual)
        if fresh is not None and stored != fresh:
            found.append((indicator, stored, fresh))
    return found


@dataclass(frozen=True)
class Row:
    """One register row behind a bound indicator's number, as its rows page shows it."""

    obj: models.Model
    url: str
    unit: str
    date: dt.date | None
    value: Decimal


def rows_of(*, actor, indicator: Indicator) -> dict:
    """The rows that make a bound indicator's number: those the actor may see (each with its page),
    and the count and sum of the others, never dropped. Two queries."""
    measure, rows = _rows_for(indicator)
    ledger = get_ledger(measure.ledger)
    all_ids = list(rows.order_by(measure.date_field, "pk").values_list("pk", flat=True))
    related = (measure.unit_field,) if measure.unit_field else ()
    seen = (measure.model.objects.visible_to(actor).filter(pk__in=all_ids).select_related(*related)
            .order_by(measure.date_field, "pk"))
    shown = [Row(obj, ledger.detail_url(obj.pk) if ledger else "", str(getattr(obj, measure.unit_field, "") or ""),
                 getattr(obj, measure.date_field), measure.value_of(obj)) for obj in seen]
    hidden = [pk for pk in all_ids if pk not in {r.obj.pk for r in shown}]
    hidden_total = measure.total(rows.filter(pk__in=hidden)) if hidden else ZERO
    return {"measure": measure, "ledger": ledger, "rows": shown, "hidden": len(hidden), "hidden_total": hidden_total,
            "total": sum((r.value for r in shown), ZERO) + hidden_total}
