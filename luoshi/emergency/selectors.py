"""Reads of the emergency pages: an emergency's numbers (each one the count of the list its link
opens), a field user's shifts and isolations to check in, an isolation with its missing days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.scope import get_scoped
from luoshi.emergency.duty import may_check_in, window
from luoshi.emergency.models import Disinfection, Emergency, Isolation, IsolationCheck, Returnee, Shift
from luoshi.emergency.services import missing_days
from luoshi.plans import light_style
from luoshi.plans.models import Light


@dataclass(frozen=True)
class Number:
    """One number of the emergency's page and the list of the rows behind it."""

    key: str
    label: str
    value: int
    url: str
    tone: str = ""


def _list(ledger: str, **params) -> str:
    return f"{reverse('ledgers:list', args=[ledger])}?{urlencode(params)}"


def emergency_get(*, actor, pk) -> Emergency:
    return get_scoped(actor, Emergency, pk)


def emergency_list(*, actor):
    return Emergency.objects.visible_to(actor).select_related("unit").order_by("-starts_on", "-id")


def emergency_numbers(*, actor, emergency: Emergency, today: dt.date | None = None) -> list[Number]:
    """The page's numbers; each is the count of the ledger list its `url` opens (a test holds them equal)."""
    today = today or timezone.localdate()
    returnees = Returnee.objects.visible_to(actor).filter(emergency=emergency)
    isolations = Isolation.objects.visible_to(actor).filter(emergency=emergency)
    shifts = Shift.objects.visible_to(actor).filter(emergency=emergency)
    current = isolations.filter(ended_on__isnull=True, starts_on__lte=today, ends_on__gte=today)
    e = emergency.pk
    return [
        Number("returnees", _("返乡人员"), returnees.count(), _list("returnees", emergency=e)),
        Number("unreported", _("未到村报到"), returnees.filter(reported_on__isnull=True).count(),
               _list("returnees", emergency=e, unreported=1), "warning"),
        Number("isolating", _("居家隔离中"), current.count(), _list("isolations", emergency=e, current=1)),
        Number("shifts_today", _("今日班次"), shifts.filter(day=today).count(),
               _list("shifts", emergency=e, day=today.isoformat())),
        Number("yellow", _("未签到（%(l)s）") % {"l": light_style.YELLOW.label}, shifts.filter(light=Light.YELLOW).count(),
               _list("shifts", emergency=e, light=Light.YELLOW), light_style.YELLOW.tone),
        Number("missed", _("缺岗（%(l)s）") % {"l": light_style.RED.label}, shifts.filter(light=Light.RED).count(),
               _list("shifts", emergency=e, light=Light.RED), light_style.RED.tone),
    ]


@dataclass
class ShiftCard:
    shift: Shift
    start: dt.datetime
    end: dt.datetime
    open: bool

    @property
    def tone(self) -> str:
        """The Bootstrap tone of the shift's light (`plans.light_style`, the one place for a light's look)."""
        return light_style.style(self.shift.light).tone


def my_shifts(*, actor, now: dt.datetime | None = None) -> list[ShiftCard]:
    """The actor's own shifts from yesterday to a week ahead, for the phone's check-in page."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    person = getattr(actor, "person_id", None)
    if not person:
        return []
    rows = Shift.objects.visible_to(actor).filter(
        person_id=person, day__gte=today - dt.timedelta(days=1), day__lte=today + dt.timedelta(days=7)
    ).select_related("place", "emergency").order_by("day", "starts_at", "id")
    return [ShiftCard(s, *window(s), open=not s.checked_in_at and may_check_in(s, now)) for s in rows]


@dataclass
class IsolationCard:
    isolation: Isolation
    checked_today: IsolationCheck | None
    missing: list[dt.date]


def my_isolations(*, actor, today: dt.date | None = None) -> list[IsolationCard]:
    """The isolations the actor checks in for today: their own as watcher (or their village's)."""
    today = today or timezone.localdate()
    rows = list(Isolation.objects.restrict(actor, "check_in").filter(
        starts_on__lte=today, ends_on__gte=today).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .select_related("village", "watcher").order_by("village__name", "name"))
    return _cards(rows, today)


def _cards(rows: list[Isolation], today: dt.date) -> list[IsolationCard]:
    checks: dict[int, dict[dt.date, IsolationCheck]] = {r.pk: {} for r in rows}
    for check in IsolationCheck.objects.filter(isolation__in=[r.pk for r in rows]):
        checks[check.isolation_id][check.day] = check
    return [IsolationCard(r, checks[r.pk].get(today), missing_days(r, set(checks[r.pk]), today)) for r in rows]


def isolation_get(*, actor, pk, today: dt.date | None = None) -> tuple[IsolationCard, list[IsolationCheck]]:
    today = today or timezone.localdate()
    isolation = get_scoped(actor, Isolation, pk)
    checks = list(IsolationCheck.objects.filter(isolation=isolation).select_related("checked_by").order_by("-day"))
    card = IsolationCard(isolation, next((c for c in checks if c.day == today), None),
                         missing_days(isolation, {c.day for c in checks}, today))
    return card, checks


def shift_get(*, actor, pk) -> Shift:
    return get_scoped(actor, Shift, pk)


def disinfection_get(*, actor, pk) -> Disinfection:
    return get_scoped(actor, Disinfection, pk)
