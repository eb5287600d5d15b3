"""The notices a roll call sends through luoshi.notify, and what closes each one.

- A round opens: each person called gets a notice of their own (kind ROLL_CALL, target
  "round:<id>") naming the tasks they were called for, with a link to 我的任务; the group robot,
  if one is switched on, gets one summary of the round.
- The notice closes for its person once they have reported on each of those tasks, and for
  everyone when the round closes (dispatch.services).
- A person who did not report is urged after the close. When supervision cannot issue a slip, they
  get an urge notice instead (kind URGE, target "round:<id>"): it closes once they have reported
  on each of their tasks after all, or when the schedule's next round closes, since that round
  asks (and urges) them again.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.dispatch import selectors
from luoshi.dispatch.models import DispatchRound, RollCallEntry, RoundStatus
from luoshi.notify.services import notifications_resolve, notify
from luoshi.notify.targets import target
from luoshi.org.models import Person, User

ROUND = "round"  # how notices name a round (notify.targets): "round:<id>"
ROLL_CALL = "roll_call"  # the kind of the notice that calls a person to report in a round
URGE = "urge"  # the kind of the notice that urges a non-reporter when supervision issues no slip
TASKS_SHOWN = 5  # a notice names this many of its person's tasks, then says how many in all
PEOPLE_SHOWN = 20  # the group's summary names this many of the people called


def round_target(round_id: int) -> str:
    return target(ROUND, round_id)


def call(round_: DispatchRound, called: list[tuple[Person, list[int]]]) -> None:
    """Ask each person of `called` (with the ids of the round's tasks they are called for) to report,
    by a notice naming their own tasks, and tell the group robot once that the round has begun.

    One notify() call: each person's notice and e-mail or WeCom message name their own tasks,
    while the group robot posts the round's summary once, under the unit every called person
    belongs to (so the office sees and can retry it in the delivery log)."""
    if not called:
        return
    logins: dict[int, list[User]] = {}
    for user in User.objects.unscoped("the logins of the people a roll call asks to report").filter(
            person__in=[person for person, _ids in called], is_active=True):
        logins.setdefault(user.person_id, []).append(user)
    titles = {task.pk: task.title[:30] for task in selectors.round_tasks(round_)}
    closes = timezone.localtime(round_.closes_at)
    asking = {"kind": ROLL_CALL, "obj": round_target(round_.pk), "day": round_.date, "link": reverse("plans:my_tasks"),
              "title": _("调度点名：请于 %(t)s 前上报") % {"t": f"{closes:%H:%M}"}}
    people = _listed([person.name for person, _ids in called], PEOPLE_SHOWN, _("%(items)s 等 %(n)d 人"))
    summary = _("%(n)s现在开始点名，应上报 %(c)d 人：%(people)s。请在“我的任务”中上报各自任务的落实情况。") % {
        "n": round_.dispatch.name, "c": len(called), "people": people}
    own = {}
    for person, ids in called:
        tasks = _listed([titles[pk] for pk in ids if pk in titles], TASKS_SHOWN, _("%(items)s 等 %(n)d 项"))
        text = _("%(n)s现在开始点名，请上报以下任务的落实情况：%(tasks)s") % {"n": round_.dispatch.name,
                                                                      "tasks": tasks or "—"}
        own |= {user.pk: text for user in logins.get(person.pk, ())}  # no active login: nobody to tell
    notify(recipients=[user for users in logins.values() for user in users], **asking, body=summary, bodies=own)


def _listed(items: list[str], limit: int, more: str) -> str:
    """"甲、乙、丙", or past `limit` items the first of them and how many in all ("甲、乙 等 7 项")."""
    if len(items) <= limit:
        return "、".join(items)
    return more % {"items": "、".join(items[:limit]), "n": len(items)}


def settle(round_: DispatchRound, entries, *, kind: str) -> int:
    """Close the notice of `kind` about the round for each person of `entries` who has now reported
    on every task they were called for; only theirs, since the others still owe their reports."""
    done = selectors.people_answered(round_, entries)
    if not done:
        return 0
    return notifications_resolve(targets=[round_target(round_.pk)], kinds=[kind],
                                 recipients=User.objects.unscoped("the logins of the people who answered a roll call")
                                 .filter(person_id__in=done))


def still_asking() -> Q:
    """The entries (RollCallEntry) whose person a notice may still ask to report: those of open
    rounds (their roll call), and those urged in the latest closed round of their schedule (their
    urge; an earlier round's was closed when the next round closed)."""
    later = DispatchRound.objects.unscoped("whether a later round of the schedule has closed").filter(
        dispatch_id=OuterRef("round__dispatch_id"), status=RoundStatus.CLOSED, date__gt=OuterRef("round__date"))
    return Q(round__status=RoundStatus.OPEN) | (
        Q(round__status=RoundStatus.CLOSED, urged_at__isnull=False, reported_at__isnull=True) & ~Q(Exists(later)))


def urge(entry: RollCallEntry, message: str) -> None:
    """Urge a non-reporter in-app, when supervision issued them no slip."""
    users = User.objects.unscoped("the non-reporter's login").filter(person=entry.person, is_active=True)
    notify(recipients=list(users), kind=URGE, obj=round_target(entry.round_id), day=entry.round.date,
           title=_("催办：调度点名未上报"), body=message, link=reverse("plans:my_tasks"))


def close_superseded_urges(round_: DispatchRound) -> int:
    """A round has closed: the urges of its schedule's previous round ask nothing more, since this
    one asked their people again (and urges whoever still did not report)."""
    previous = (DispatchRound.objects.unscoped("the previous round of the schedule whose round closed")
                .filter(dispatch_id=round_.dispatch_id, status=RoundStatus.CLOSED, date__lt=round_.date)
                .order_by("-date").values_list("pk", flat=True).first())
    if previous is None:
        return 0
    return notifications_resolve(targets=[round_target(previous)], kinds=[URGE])
