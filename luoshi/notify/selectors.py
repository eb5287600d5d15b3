"""Reads of notifications: a person's own notices, and the office's delivery log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from luoshi.core.listing import Listing, paginate
from luoshi.core.prepared import Shape
from luoshi.notify.models import Delivery, DeliveryChannel, DeliveryStatus, Notification
from luoshi.notify.targets import prefix

# "Search by recipient": a person's name, their login, or the address the message went to.
RECIPIENT_FIELDS = ("recipient__person__name", "recipient__username", "address")


def my_notifications(*, actor):
    return Notification.objects.visible_to(actor).filter(recipient=actor)


def unread_count(*, actor) -> int:
    return my_notifications(actor=actor).filter(read_at__isnull=True).count()


def unread(*, actor, limit: int = 5) -> list[Notification]:
    return list(my_notifications(actor=actor).filter(read_at__isnull=True)[:limit])


def open_asks(*, about: str, kinds: list[str], recipient, target_kinds: Iterable[str] = ()) -> set[tuple[str, str]]:
    """(kind, target) of the open notices a deed may answer, in one read: those of `kinds` about
    `about` ("task:12"), for everybody, and those about an object of any of `target_kinds`
    ("round": targets "round:<id>") sent to the recipient's person under any of their logins. A
    report asks this before closing anything, since it usually closes nothing: a statement built
    once per shape (core.prepared)."""
    by_person = bool(recipient.person_id)
    key = (tuple(kinds), tuple(target_kinds), by_person)
    return set(_OPEN_ASKS.rows(key, about=about, recipient=recipient.person_id if by_person else recipient.pk))


def _open_asks(key, *, about: str, recipient: int):
    kinds, target_kinds, by_person = key
    mine = Q(recipient__person_id=recipient) if by_person else Q(recipient_id=recipient)
    theirs = Q()
    for kind in target_kinds:
        theirs |= Q(target__startswith=prefix(kind))
    wanted = Q(target=about, kind__in=kinds) | (mine & theirs) if theirs else Q(target=about, kind__in=kinds)
    rows = Notification.objects.unscoped("the open notices a deed may answer, before closing them").filter(
        wanted, resolved_at__isnull=True)
    # no ordering: the model's (newest first) would add created_at and id to the DISTINCT and sort for nothing
    return rows.order_by().values_list("kind", "target").distinct()


_OPEN_ASKS = Shape(_open_asks)


def deliveries(*, actor, params) -> object:
    """The deliveries in the actor's scope, narrowed by the log's filters (unknown values ignored)."""
    rows = Delivery.objects.visible_to(actor).select_related("recipient__person")
    if params.get("channel") in DeliveryChannel.values:
        rows = rows.filter(channel=params["channel"])
    if params.get("status") in DeliveryStatus.values:
        rows = rows.filter(status=params["status"])
    for name, lookup, shift in (("since", "created_at__gte", 0), ("until", "created_at__lt", 1)):
        day = _day(params.get(name, ""))
        if day is not None:
            start = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=shift), dt.time()))
            rows = rows.filter(**{lookup: start})
    return rows


def delivery_log(*, actor, request) -> Listing:
    return paginate(request, deliveries(actor=actor, params=request.GET), search_fields=RECIPIENT_FIELDS)


def _day(value: str) -> dt.date | None:
    """A date from the filter, or None; far-off years are ignored (they would overflow in UTC)."""
    try:
        day = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return day if dt.date(1900, 1, 1) <= day <= dt.date(9000, 12, 31) else None
