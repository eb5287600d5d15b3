"""Who issues a roll call's bulletin (发文机关) and under what number (发文字号), from the data.

The issuing office: a schedule organised by a township department (镇纪委, 乡村振兴办公室, …) is
issued by that department; one organised by the township itself is issued by the township's
office (党政办), the department where the people holding the office role at the township sit
(the role DESIGN.md gives to "党政办 / 督查办 staff"), else a department of the township whose name
starts with 党政, else the township. A department is written with its township's name in front,
as a 公文 names its issuer in full: "河口镇党政办公室".

The number: 〔year〕N号, N counting the township's roll-call bulletins of the round's year (every
schedule of the township and of its departments shares the count). A round is given its number
once, when its bulletin is first written, and keeps it."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Count, Q

from luoshi.core.roles import RoleCode
from luoshi.dispatch.models import BulletinCounter, DispatchRound
from luoshi.org.models import Unit, UnitKind

OFFICE_NAME_START = "党政"  # i18n: input (how the office's unit name starts)


def township_of(unit: Unit) -> Unit:
    """The township a unit belongs to (itself when it is one); a unit above any township numbers its own."""
    if unit.kind == UnitKind.TOWNSHIP:
        return unit
    ids = [int(pk) for pk in unit.path.strip("/").split("/") if pk.isdigit()]
    found = (Unit.objects.unscoped("the township above a schedule's unit")
             .filter(pk__in=ids, kind=UnitKind.TOWNSHIP).order_by("-depth").first())
    return found or unit


def issuer_of(unit: Unit) -> str:
    """The issuing office's full name for a schedule organised by `unit` (see the module's doc)."""
    township = township_of(unit)
    office = unit if unit.kind == UnitKind.DEPARTMENT else _office_of(township)
    if office is None or office.pk == township.pk:
        return township.name
    return office.name if office.name.startswith(township.name) else township.name + office.name


def _office_of(township: Unit) -> Unit | None:
    departments = Unit.objects.unscoped("the departments of the township that issues a bulletin").filter(
        parent=township, kind=UnitKind.DEPARTMENT, is_active=True)
    holders = Q(people__is_active=True, people__user__is_active=True,
                people__user__role_assignments__role=RoleCode.OFFICE,
                people__user__role_assignments__unit=township)
    by_role = (departments.filter(holders).annotate(holders=Count("people", filter=holders, distinct=True))
               .order_by("-holders", "sort_order", "path").first())
    return by_role or departments.filter(name__startswith=OFFICE_NAME_START).order_by("sort_order", "path").first()


def number(round_: DispatchRound) -> str:
    """The round's document number, given now if it has none (inside the caller's transaction,
    which must hold the round's lock): the next of its township's count for the round's year."""
    if round_.number_serial is None:
        township, year = township_of(round_.dispatch.unit), round_.date.year
        round_.number_unit, round_.number_year = township, year
        round_.number_serial = _next_serial(township, year)
        DispatchRound.objects.unscoped("numbering the round in hand").filter(pk=round_.pk).update(
            number_unit=township, number_year=year, number_serial=round_.number_serial)
    return round_.bulletin_number


def _next_serial(township: Unit, year: int) -> int:
    counters = BulletinCounter.objects
    counter = counters.select_for_update().filter(unit=township, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():  # two first bulletins of a year at once: one creates, the other counts on
                counter = counters.create(unit=township, year=year)
        except IntegrityError:
            pass
        counter = counters.select_for_update().get(unit=township, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last
