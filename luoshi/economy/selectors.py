"""Reads of the economy registers, always from `visible_to(actor)`: a year of collective income with
its thresholds, an enterprise's page, a liaison's home."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum

from luoshi.economy.models import Enterprise
from luoshi.economy.models_enterprises import EnterpriseDemand, LiaisonAssignment, StatusChange
from luoshi.economy.models_farms import CoopOperation, OperationStatus
from luoshi.economy.models_income import CollectiveIncome, IncomeSource, IncomeThreshold
from luoshi.org.models import Unit, UnitKind
from luoshi.supervision.models import Problem, ProblemStatus

ZERO = Decimal("0")
MY_DEMANDS = 20  # a liaison's open demands on the home page; the problems list has the rest


@dataclass
class VillageIncome:
    """A village's year: its total and sources (sums of its entries), last year's total, the
    township's lines it is on the named side of, and those it crossed since last year."""

    village: Unit
    total: Decimal = ZERO
    by_source: dict[str, Decimal] = field(default_factory=dict)
    last: Decimal = ZERO
    holds: list[IncomeThreshold] = field(default_factory=list)
    crossed: list[IncomeThreshold] = field(default_factory=list)

    @property
    def growth(self) -> Decimal:
        return self.total - self.last

    @property
    def rate(self) -> Decimal | None:
        """增幅 in percent; none when last year had no income to grow from."""
        return (self.growth * 100 / self.last).quantize(Decimal("0.1")) if self.last else None

    @property
    def sources(self) -> list[tuple[str, str, Decimal]]:
        """(source, its label, this year's amount) for every source, in the register's order."""
        return [(value, label, self.by_source.get(value, ZERO)) for value, label in IncomeSource.choices]


@dataclass
class ThresholdCount:
    threshold: IncomeThreshold
    count: int
    crossed: int


@dataclass
class IncomeYear:
    year: int
    villages: list[VillageIncome]
    thresholds: list[ThresholdCount]
    total: Decimal
    last: Decimal


def income_year(*, actor, year: int, threshold: int | None = None, crossed: bool = False) -> IncomeYear:
    """Each village the actor sees with its year of collective income (villages with no entry
    count as 0: a 空壳村 is one), the township's thresholds with how many villages hold each and
    how many crossed it since last year. `threshold` (and `crossed`) narrow the villages to those
    behind one of those counts, so each count links to its villages."""
    villages = list(Unit.objects.visible_to(actor).filter(kind=UnitKind.VILLAGE, is_active=True)
                    .order_by("parent__path", "sort_order", "id"))
    rows = {v.pk: VillageIncome(village=v) for v in villages}
    sums = (CollectiveIncome.objects.visible_to(actor).filter(year__in=(year, year - 1))
            .values_list("village_id", "year", "source").annotate(total=Sum("amount")).order_by())
    for village_id, entry_year, source, total in sums:
        row = rows.get(village_id)
        if row is None:
            continue  # an entry of a village since made inactive: listed in the ledger, not here
        if entry_year == year:
            row.by_source[source] = row.by_source.get(source, ZERO) + total
            row.total += total
        else:
            row.last += total
    lines = _thresholds(villages)
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows.values():
        for line in lines.get(row.village.parent_id, ()):
            if line.holds(row.total):
                row.holds.append(line)
                counts[line.pk][0] += 1
                if not line.holds(row.last):
                    row.crossed.append(line)
                    counts[line.pk][1] += 1
    shown = list(rows.values())
    if threshold is not None:
        shown = [r for r in shown if any(t.pk == threshold for t in (r.crossed if crossed else r.holds))]
    summary = [ThresholdCount(line, *counts[line.pk]) for township in lines.values() for line in township]
    return IncomeYear(year=year, villages=shown, thresholds=summary, total=sum((r.total for r in shown), ZERO),
                      last=sum((r.last for r in shown), ZERO))


def _thresholds(villages: list[Unit]) -> dict[int, list[IncomeThreshold]]:
    """The lines of the villages' townships. A village's own login reads its township's lines
    too: they are the township's rule for every village, not data of any one."""
    townships = {v.parent_id for v in villages}
    found = defaultdict(list)
    lines = IncomeThreshold.objects.unscoped("the thresholds of the townships of the villages the actor sees")
    for line in lines.filter(township_id__in=townships).select_related("township").order_by("township_id", "amount"):
        found[line.township_id].append(line)
    return found


def income_years(*, actor) -> list[int]:
    """The years the actor's visible entries cover, latest first."""
    years = CollectiveIncome.objects.visible_to(actor).order_by("-year").values_list("year", flat=True).distinct()
    return list(years)


def operation_counts(*, actor, year: int) -> list[tuple[str, str, int]]:
    """(status, its label, how many villages) of the year's 实质化运营 records the actor sees."""
    held = dict(CoopOperation.objects.visible_to(actor).filter(year=year).values_list("status")
                .annotate(n=Count("id")).order_by())
    return [(value, label, held.get(value, 0)) for value, label in OperationStatus.choices]


def enterprise_history(*, enterprise) -> dict[str, list]:
    """An enterprise's liaisons and status steps, newest first. Read with the caller's right to see
    the enterprise itself (as its audit timeline is): a liaison sees who came before them."""
    reason = "the history of an enterprise the caller may see"
    return {"liaisons": list(LiaisonAssignment.objects.unscoped(reason).filter(enterprise=enterprise)
                             .select_related("person", "assigned_by__person")),
            "statuses": list(StatusChange.objects.unscoped(reason).filter(enterprise=enterprise)
                             .select_related("by__person"))}


def liaison_home(*, actor) -> dict:
    """A 驻企联络员's part of their home page: their enterprises, and those enterprises' demands not yet
    closed (销号), each read through the actor's scope."""
    if not actor.person_id:
        return {}
    firms = list(Enterprise.objects.visible_to(actor).filter(liaison_id=actor.person_id).select_related("unit"))
    if not firms:
        return {}
    links = EnterpriseDemand.objects.visible_to(actor).filter(enterprise__in=firms).values("problem_id")
    open_demands = (Problem.objects.visible_to(actor).filter(pk__in=links).exclude(status=ProblemStatus.CLOSED)
                    .order_by("deadline", "id"))
    return {"enterprises": firms, "demands": list(open_demands[:MY_DEMANDS])}
