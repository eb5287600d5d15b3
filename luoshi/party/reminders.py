"""What party development reminds people of, told to notify as a reminder provider (`connect`, called
by the app's ready): a month before and on the day a path's timed step falls due — a 积极分子's year of
培养考察 (可列为发展对象, 《细则》第十三条) and a 预备党员's year of 预备期 (讨论转正, 党章第七条) — to
the branch's village secretaries and the township office (组织委员). Keyed by the day it falls due, so
each is sent once however often the daily job runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from luoshi.core.roles import RoleCode
from luoshi.notify import reminders
from luoshi.notify.reminders import Reminder
from luoshi.notify.targets import target
from luoshi.org.models import Unit, User
from luoshi.party import flow
from luoshi.party.models import PartyPath, PathStage

PATH = "party_path"  # how notices name a path: "party_path:7"
AHEAD_DAYS = 30
DUE_SOON = "party_due_soon"
DUE = "party_due"


def recipients(path: PartyPath) -> list[User]:
    """The branch's village secretaries and the office of the township above it."""
    prefixes = [path.scope_path[:i + 1] for i, ch in enumerate(path.scope_path) if ch == "/" and i > 0]
    townships = Unit.objects.unscoped("the township a reminder's path is under").filter(
        path__in=prefixes, kind="township").values_list("pk", flat=True)
    users = User.objects.unscoped("the people a reminder goes to").filter(is_active=True)
    found = users.filter(role_assignments__unit_id=path.branch_id, role_assignments__role=RoleCode.VILLAGE) | users.filter(
        role_assignments__unit_id__in=list(townships), role_assignments__role=RoleCode.OFFICE)
    return list(found.distinct().order_by("pk"))


def reminders_due(today: dt.date) -> Iterator[Reminder]:
    ahead = today + dt.timedelta(days=AHEAD_DAYS)
    open_paths = PartyPath.objects.unscoped("reminders cover every open path").filter(
        stage__in=(PathStage.ACTIVIST, PathStage.PROBATIONARY)).select_related("branch")
    for path in open_paths:
        due = flow.due_on(path)
        if due is None or due[1] not in (today, ahead):
            continue
        action, day = due
        label = flow.TRANSITIONS[action].label
        soon = day == ahead
        yield Reminder(
            recipients=recipients(path), kind=DUE_SOON if soon else DUE, target=target(PATH, path.pk), day=day,
            link=reverse("party:path", args=[path.pk]),
            title=(_("%(n)s %(d)s 天后可%(a)s") % {"n": path.name, "d": AHEAD_DAYS, "a": label}) if soon
            else _("%(n)s 今日起可%(a)s") % {"n": path.name, "a": label},
            body=_("%(n)s（%(b)s）自 %(d)s 起可%(a)s，请按程序做好准备。") % {
                "n": path.name, "b": path.branch.name, "d": day.isoformat(), "a": label})


PROVIDER = reminders.Provider(name="party", tallies=(DUE_SOON, DUE), due=reminders_due)


def connect() -> None:
    reminders.register(PROVIDER)
