"""Who hears what on the problem list and the supervision slips, and when their notices close.

| step                      | who is told                                   | kind             | closes when        |
|---------------------------|-----------------------------------------------|------------------|--------------------|
| assign (交办)              | the owner's logins                            | problem_assigned | started, close     |
|                           |                                               |                  | asked, reassigned  |
| send_back, reopen          | the owner's logins (else the requester's)     | problem_returned | started, close     |
| (退回整改, 重新整改)        |                                               |                  | asked              |
| request_close (申请销号)    | the checkers: who may 核验销号, not the asker   | problem_closing  | closed, sent back  |
| urge answered (答复督办单)  | the slip's issuer                             | urge_answered    | read (it reports)  |

A deleted problem's notices close with it. Every notice names its problem ("problem:<id>") as
its target, which is how the step that settles it closes it (luoshi.notify's
`notifications_resolve`); the key carries the step's time, so a problem assigned, sent back or
asked to close again reaches its people again, even on the same day.

Checkers are the users whose roles and data scope allow 核验销号 on the problem (the close row of
problem_flow.TRANSITIONS), except whoever asked (销号须他人核验). The office and the departments
verify by duty, so they are told; the township's leaders, who may verify but are not asked to
verify every problem, are told only when no office or department checker is left. Everyone who
may verify also sees the problem under 待我核验 on the home page (`_my_problems.html`).

Notices are written in the step's own transaction (as the slips' are, `urging._announce`), inside
a savepoint, so they exist by the time anyone can act on the step and a failing notice never fails
the step; luoshi.notify sends the outbound copies (e-mail, robots, WeCom) after commit. An
imported row awaiting verification tells nobody: the import is one act over many rows, and its
rows wait on the checkers' home pages.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.roles import DataScope, RoleCode
from luoshi.notify.targets import target
from luoshi.org.models import User, load_grants
from luoshi.supervision.models import Problem, Urge

logger = logging.getLogger(__name__)

ASSIGNED = "problem_assigned"
RETURNED = "problem_returned"
CLOSING = "problem_closing"
URGE_ANSWERED = "urge_answered"
KINDS = (ASSIGNED, RETURNED, CLOSING)
DUTY_CHECKERS = frozenset({RoleCode.OFFICE, RoleCode.DEPARTMENT})


# How notices name a problem and a slip (notify.targets): "problem:<id>", "urge:<id>".
PROBLEM = "problem"
SLIP = "urge"


def problem_target(problem_id: int) -> str:
    return target(PROBLEM, problem_id)


def urge_target(urge_id: int) -> str:
    """Every notice of a slip's steps names the slip, so answering or withdrawing it closes them all."""
    return target(SLIP, urge_id)


# -- the steps' notices -----------------------------------------------------------------------------
def problem_assigned(problem: Problem) -> None:
    """交办: the previous owner's notice stops asking; the new owner is asked to rectify."""
    settle(problem, [ASSIGNED])
    _tell(problem, _owners(problem), ASSIGNED, _("问题已交办给您"),
          _("“%(t)s”已交办给您，请按时整改，完成后申请销号。%(d)s") % {"t": problem.title, "d": _deadline(problem)})


def problem_started(problem: Problem) -> None:
    """开始整改 (also after a send-back): what the assignment or the return asked has begun."""
    settle(problem, [ASSIGNED, RETURNED])


def problem_closing(problem: Problem) -> None:
    """申请销号: the owner's notices are answered; the checkers are asked to verify."""
    settle(problem, [ASSIGNED, RETURNED])
    requester = problem.closing_requested_by.display_name if problem.closing_requested_by_id else ""
    _tell(problem, problem_checkers(problem), CLOSING, _("问题申请销号，待您核验"),
          _("“%(t)s”由%(r)s申请销号，请核验整改佐证后销号或退回。") % {"t": problem.title, "r": requester})


def problem_verified(problem: Problem) -> None:
    """核验销号: the checkers' notices are answered."""
    settle(problem, [CLOSING])


def problem_sent_back(problem: Problem) -> None:
    """退回整改: the checkers are done; the fixer is told why."""
    settle(problem, [CLOSING])
    _tell(problem, _owners(problem) or _logins(user_id=problem.closing_requested_by_id), RETURNED,
          _("问题销号被退回"), _("“%(t)s”的销号申请被退回：%(r)s") % {"t": problem.title, "r": problem.flow_reason})


def problem_reopened(problem: Problem) -> None:
    """重新整改: a closed problem came back; its owner is asked to rectify it again."""
    _tell(problem, _owners(problem) or _logins(user_id=problem.closing_requested_by_id), RETURNED,
          _("已销号问题需重新整改"), _("“%(t)s”需重新整改：%(r)s") % {"t": problem.title, "r": problem.flow_reason})


def problem_gone(problem_id: int) -> None:
    """A deleted problem asks nothing of anyone any more."""
    _resolve([problem_target(problem_id)], list(KINDS))


def urge_answered(urge: Urge) -> None:
    """答复督办单: the issuer hears the answer (the recipients' notices were closed by it), unless
    the issuer answered it themselves."""
    if urge.answered_by_id == urge.issued_by_id:
        return
    title = _("督办单已答复：%(t)s") % {"t": urge.task.title[:60]}
    body = _("%(n)s 已由%(p)s答复：%(a)s") % {"n": urge.number, "p": urge.answered_by.display_name,
                                          "a": urge.answer[:500]}
    _send(recipients=_logins(user_id=urge.issued_by_id), kind=URGE_ANSWERED, obj=urge_target(urge.pk),
          target=urge_target(urge.pk), title=title, body=body, link=reverse("supervision:urge_detail", args=[urge.pk]))


def settle(problem: Problem, kinds: list[str]) -> int:
    """The notices of `kinds` about `problem` got what they asked for: closed for everyone."""
    return _resolve([problem_target(problem.pk)], kinds)


# -- who --------------------------------------------------------------------------------------------
def problem_checkers(problem: Problem) -> list:
    """The users who may 核验销号 `problem` now, except its requester: those of the office and the
    departments; the leaders only when none of those is left."""

    roles = Problem.policy.roles_for("close")
    paths = _ancestors([problem.scope_path, *_co_unit_paths(problem)])
    near = Q(role_assignments__unit__path__in=paths) | Q(
        role_assignments__data_scope__in=[DataScope.ALL, DataScope.CUSTOM]) | Q(
        person_id__in=[pk for pk in (problem.owner_id, problem.liaison_id) if pk])
    users = list(User.objects.unscoped("the logins that may verify a problem's close")
                 .filter(near, is_active=True, role_assignments__role__in=roles)
                 .exclude(pk=problem.closing_requested_by_id).distinct().order_by("id"))
    load_grants(users)
    duty = [u for u in users if _may_close(u, problem, roles & DUTY_CHECKERS)]
    return duty or [u for u in users if _may_close(u, problem, roles)]


def _may_close(user, problem: Problem, roles) -> bool:
    grants = [g for g in user.role_grants() if g.role in roles]
    q = Problem.scope_rule.q_for_grants(grants, Problem) if grants else None
    return q is not None and Problem.objects.unscoped("checking one login's grants on a problem").filter(
        q, pk=problem.pk).exists()


def _co_unit_paths(problem: Problem) -> list[str]:
    through = Problem.co_units.through
    return list(through.objects.filter(problem_id=problem.pk).values_list("unit__path", flat=True))


def _ancestors(paths) -> set[str]:
    """Every unit path at or above each of `paths` ("/1/4/7/" → "/1/", "/1/4/", "/1/4/7/")."""
    found = set()
    for path in paths:
        parts = [p for p in (path or "").split("/") if p]
        found.update(f"/{'/'.join(parts[:n])}/" for n in range(1, len(parts) + 1))
    return found


def _owners(problem: Problem) -> list:
    return _logins(person_id=problem.owner_id) if problem.owner_id else []


def _logins(*, person_id: int | None = None, user_id: int | None = None) -> list:

    if not person_id and not user_id:
        return []
    lookup = {"person_id": person_id} if person_id else {"pk": user_id}
    return list(User.objects.unscoped("the logins a notice goes to").filter(is_active=True, **lookup))


def _deadline(problem: Problem) -> str:
    return _("整改时限：%(d)s。") % {"d": problem.deadline.isoformat()} if problem.deadline else ""


# -- sending ----------------------------------------------------------------------------------------
def _tell(problem: Problem, recipients: list, kind: str, title: str, body: str) -> None:
    occasion = f"{problem_target(problem.pk)}@{timezone.now():%H%M%S%f}"
    _send(recipients=recipients, kind=kind, obj=occasion, target=problem_target(problem.pk), title=title, body=body,
          link=reverse("supervision:problem_detail", args=[problem.pk]))


def _send(*, recipients: list, **notice) -> None:
    """One notice each and the outbound copies, in a savepoint: a notice that cannot be written must
    not undo or fail the step it announces."""
    if not recipients:
        return
    try:
        from luoshi.notify.services import notify
    except ImportError:  # the notify app is not installed: the home page is the notice
        return
    try:
        with transaction.atomic():
            notify(recipients=recipients, **notice)
    except Exception:
        logger.exception("telling %d people about %s failed", len(recipients), notice.get("target"))


def _resolve(targets: list[str], kinds: list[str]) -> int:
    try:
        from luoshi.notify.services import notifications_resolve
    except ImportError:  # the notify app is not installed: there are no notices to close
        return 0
    return notifications_resolve(targets=targets, kinds=kinds)
