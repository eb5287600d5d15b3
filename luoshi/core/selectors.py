"""Reads of the audit log: the office's browser and any object's timeline."""

import datetime as dt
from functools import reduce
from operator import or_

from django.db.models import Q

from luoshi.core.audit import label_of, legacy_messages_found_by
from luoshi.core.listing import Listing, paginate, search
from luoshi.core.models import AuditAction, AuditEntry


def object_history(*, actor, obj, limit: int = 50):
    """An object's timeline: entries about it and entries about what belongs to it.

    Read with the actor's right to see the object itself (the caller already checked it), so a
    village secretary sees the history of their own task even though they cannot browse the log."""
    label, pk = label_of(obj), str(obj.pk)
    entries = AuditEntry.objects.unscoped("the history of an object the caller may see").filter(
        Q(object_type=label, object_id=pk) | Q(parent_type=label, parent_id=pk)
    )
    return entries.exclude(action__in=[AuditAction.READ_PERSONAL]).order_by("-id")[:limit]


def audit_list(*, actor, request) -> Listing:
    entries = AuditEntry.objects.visible_to(actor)
    params = request.GET
    if params.get("action") in AuditAction.values:
        entries = entries.filter(action=params["action"])
    if params.get("object_type"):
        entries = entries.filter(object_type=params["object_type"][:100])
    entries = _date_range(entries, params.get("since", ""), params.get("until", ""))
    return paginate(request, _search(entries, params.get("q", "")))


SEARCH_FIELDS = ("actor_name", "object_repr", "ip", "message")


def _search(entries, text: str):
    """The list's search over the stored text, and over the Chinese an old English message is shown
    in (audit.LEGACY_MESSAGES): a search for what the page shows finds the entry it shows it on."""
    found = search(entries, text, SEARCH_FIELDS)
    legacy = legacy_messages_found_by(text)
    if not legacy:
        return found
    return found | entries.filter(reduce(or_, (Q(action=action, message=message) for action, message in legacy)))


def _date_range(entries, since: str, until: str):
    for value, lookup, shift in ((since, "at__gte", 0), (until, "at__lt", 1)):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            continue
        entries = entries.filter(**{lookup: day + dt.timedelta(days=shift)})
    return entries


def object_types(*, actor) -> list[str]:
    return list(AuditEntry.objects.visible_to(actor).exclude(object_type="").values_list("object_type", flat=True)
                .order_by("object_type").distinct())


def security_today(*, actor) -> dict[str, int]:
    """Today's failed logins and lockouts in the actor's scope: the office's morning check."""
    from django.utils import timezone

    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    today = AuditEntry.objects.visible_to(actor).filter(at__gte=start)
    return {"failed": today.filter(action=AuditAction.LOGIN_FAILED).count(),
            "locked": today.filter(action=AuditAction.LOCKOUT).count()}
