"""Urges (催办督办单): propose a colour, issue, answer, withdraw, and escalate what nobody answers.

| action   | from | to        | who                                                    |
|----------|------|-----------|--------------------------------------------------------|
| issue    | —    | open      | office, leader (Task.policy "urge", task in scope)     |
| answer   | open | answered  | the owner, or whoever it escalated to (head, leader)   |
| withdraw | open | withdrawn | office, leader in scope                                |
| escalate | open | open, level + 1 (≤ 2) | the job `urges_escalate`, after the colour's hours |

Notices: each step (issue, each escalation) tells the slip's current recipient once, in the
step's own transaction; every one of them names the slip (target "urge:<id>"), so answering or
withdrawing it closes them all, the owner's and those of the head and leader it climbed to. The
answer is told to the issuer (`notices.urge_answered`).

Escalation: an open slip older than N hours (N by colour, setting LUOSHI_URGE_ESCALATE_HOURS,
defaults red 24, yellow 48, blue 72) goes to the lead unit's head (level 1); older than 2N, to
the leader in charge, Task.leader (level 2). A step with nobody to go to is recorded as done,
so the slip moves on. Each step happens once: the job claims it under an idempotency key and the
row is updated only from the level before it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ensure_in_scope, get_scoped
from luoshi.org.models import Person, Unit, User
from luoshi.plans.lights import LightRules, expected_percent
from luoshi.plans.models import Light, Task, TaskStatus
from luoshi.supervision import notices
from luoshi.supervision.models import Urge, UrgeColour, UrgeLevel, UrgeSource, UrgeStatus

logger = logging.getLogger(__name__)
DEFAULT_HOURS = {UrgeColour.RED: 24, UrgeColour.YELLOW: 48, UrgeColour.BLUE: 72}
URGEABLE = (TaskStatus.DEPLOYED, TaskStatus.SIGNED)
HEAD_ROLES = (RoleCode.DEPARTMENT, RoleCode.VILLAGE)
TRANSITIONS = {"answer": ({UrgeStatus.OPEN}, UrgeStatus.ANSWERED),
               "withdraw": ({UrgeStatus.OPEN}, UrgeStatus.WITHDRAWN),
               "escalate": ({UrgeStatus.OPEN}, UrgeStatus.OPEN)}
URGE = "urge"  # the kind of notice a slip sends to whoever it is addressed to
SEVERITY = {UrgeColour.BLUE: 0, UrgeColour.YELLOW: 1, UrgeColour.RED: 2}
MISSES_RED = 2  # roll calls missed in a row that make a roll call's slip red
MISSES_NAMED = 5  # a reason names the dates of this many of the latest roll calls missed
PLAIN_REMINDER = gettext_noop("请按要求推进并及时反馈")  # the reason of a slip whose task shows nothing wrong


def escalate_hours() -> dict[str, int]:
    overrides = getattr(settings, "LUOSHI_URGE_ESCALATE_HOURS", None) or {}
    return {colour: int(overrides.get(colour, hours)) for colour, hours in DEFAULT_HOURS.items()}


def urge_propose(task: Task, *, today: dt.date | None = None,
                 missed_roll_calls: Sequence[dt.date] = ()) -> tuple[str, str]:
    """(colour, reason): the task's state (`task_colour`), raised for a roll call's slip by the
    roll calls its person missed in a row (`missed_roll_calls`, their dates, oldest first). Not
    reporting at a roll call is being behind schedule: one missed is at least yellow; MISSES_RED
    or more in a row are red, as overdue is. The reason says why the slip has its colour."""
    colour, reason = task_colour(task, today=today)
    if not missed_roll_calls:
        return colour, reason
    days = "、".join(_("%(m)d月%(d)d日") % {"m": d.month, "d": d.day} for d in missed_roll_calls[-MISSES_NAMED:])
    if len(missed_roll_calls) >= MISSES_RED:
        missed = UrgeColour.RED, _("连续 %(n)d 次调度点名未上报（%(d)s），视同逾期") % {
            "n": len(missed_roll_calls), "d": days}
    else:
        missed = UrgeColour.YELLOW, _("%(d)s调度点名未上报，视为进度滞后") % {"d": days}
    if SEVERITY[missed[0]] > SEVERITY[colour]:
        return missed[0], missed[1] if reason == _(PLAIN_REMINDER) else f"{missed[1]}；{reason}"
    return colour, f"{reason}；{missed[1]}"


def task_colour(task: Task, *, today: dt.date | None = None) -> tuple[str, str]:
    """(colour, reason) from the task's state: red when overdue or red-lit, yellow when behind
    序时进度, blue when the deadline nears (and otherwise: a plain reminder)."""

    today = today or timezone.localdate()
    rules = LightRules.from_settings()
    if task.deadline and task.deadline < today and task.status != TaskStatus.COMPLETED:
        return UrgeColour.RED, _("已超过完成时限 %(n)d 天") % {"n": (today - task.deadline).days}
    if task.light == Light.RED:
        return UrgeColour.RED, task.light_reason or _("任务亮红灯")
    expected = expected_percent(task, today)
    if expected is not None and expected - task.progress > rules.behind_yellow:
        return UrgeColour.YELLOW, _("进度 %(p)d%%，低于序时进度 %(e)d%%") % {"p": task.progress, "e": expected}
    # a deadline drawing near is blue even when it is what turned the light yellow
    if task.deadline and (task.deadline - today).days <= rules.deadline_warn_days:
        return UrgeColour.BLUE, _("距完成时限仅剩 %(n)d 天") % {"n": (task.deadline - today).days}
    if task.light == Light.YELLOW:
        return UrgeColour.YELLOW, task.light_reason or _("任务亮黄灯")
    return UrgeColour.BLUE, _(PLAIN_REMINDER)


def unit_head(unit: Unit | None) -> Person | None:
    """The lead unit's head: the first active person of the unit who holds the department or
    village role at that unit (the login that answers for the unit's work)."""
    if unit is None:
        return None
    people = Person.objects.unscoped("escalation looks up the head of a task's lead unit").filter(
        unit=unit, is_active=True, user__is_active=True, user__role_assignments__unit=unit,
        user__role_assignments__role__in=HEAD_ROLES)
    return people.order_by("id").first()


@transaction.atomic
def urge_issue(*, actor, task: Task, colour: str | None = None, message: str = "", due: dt.date | None = None,
               source: str = "manual", missed_roll_calls: Sequence[dt.date] = (), owner: Person | None = None,
               reason: str = "") -> Urge:
    """Issue a slip to the task's owner (the lead unit's head when it has none). `colour` None
    takes the proposed one (`urge_propose`, told the roll calls missed in a row when a roll call
    urges). A non-manual source (a roll call) re-uses the task's open slip of that source instead
    of stacking a new one each time, raising its colour when the proposal is now higher.
    A register above may address the slip to `owner` (a person in the actor's scope) with its own
    `reason` (emergency: a missed duty shift, on the emergency's task, to the person who missed it)."""
    if not Urge.policy.allows(actor, "add"):
        raise NotAllowed()
    task = get_scoped(actor, Task, task.pk, action="urge")
    if task.status not in URGEABLE:
        raise ServiceError(_("只能督办已部署且未完成的任务"))
    if source not in UrgeSource.values or (colour and colour not in UrgeColour.values):
        raise ServiceError(_("督办等级或来源不正确"), field="colour")
    if source != UrgeSource.MANUAL:
        existing = Urge.objects.visible_to(actor).filter(task=task, source=source, status=UrgeStatus.OPEN).first()
        if existing:
            return existing if colour else _raised(actor, existing, task, message, missed_roll_calls)
    owner = get_scoped(actor, Person, owner.pk) if owner is not None else task.owner or unit_head(task.lead_unit)
    if owner is None:
        raise ServiceError(_("该任务没有责任人，牵头单位也没有负责人账号，无法督办"))
    proposed, proposed_reason = urge_propose(task, missed_roll_calls=missed_roll_calls)
    reason = (reason or "").strip() or proposed_reason
    hours = escalate_hours()[colour or proposed]
    urge = Urge.objects.create(
        task=task, colour=colour or proposed, proposed_colour=proposed, reason=reason[:500],
        message=(message or "").strip()[:5000], source=source, owner=owner, issued_by=actor,
        due=due or timezone.localdate() + dt.timedelta(days=max(1, hours // 24)), scope_path=task.scope_path)
    urge.number = _("督〔%(y)d〕%(n)05d号") % {"y": timezone.localdate(urge.issued_at).year, "n": urge.pk}
    urge.save(update_fields=["number"])
    ensure_in_scope(actor, urge, action="view")
    audit.record_change(actor=actor, obj=urge, before=None, parent=task,
                        message=_("%(c)s：%(r)s") % {"c": urge.get_colour_display(), "r": reason})
    _announce(urge)
    return urge


def _raised(actor, urge: Urge, task: Task, message: str, missed_roll_calls) -> Urge:
    """A roll call's open slip asked for again: raised to the colour now proposed if that is
    higher (never lowered), with the new reason and requirement, and its recipient told again."""
    proposed, reason = urge_propose(task, missed_roll_calls=missed_roll_calls)
    if SEVERITY[proposed] <= SEVERITY[urge.colour]:
        return urge
    current = Urge.objects.unscoped("raising an open slip the actor sees").select_for_update().get(pk=urge.pk)
    if current.status != UrgeStatus.OPEN or SEVERITY[proposed] <= SEVERITY[current.colour]:
        return current
    before = audit.snapshot(current)
    current.colour, current.proposed_colour, current.reason = proposed, proposed, reason[:500]
    current.message = (message or "").strip()[:5000] or current.message
    current.save(update_fields=["colour", "proposed_colour", "reason", "message"])
    audit.record_change(actor=actor, obj=current, before=before, parent=task,
                        message=_("督办等级升为%(c)s：%(r)s") % {"c": current.get_colour_display(), "r": reason})
    _announce(current)
    return current


def may_answer(actor, urge: Urge) -> bool:
    """The owner answers; once escalated, so may the head or the leader it reached."""
    person_id = getattr(actor, "person_id", None)
    return bool(person_id) and urge.is_open and person_id in (urge.owner_id, urge.head_id, urge.leader_id)


@transaction.atomic
def urge_answer(*, actor, urge: Urge, answer: str) -> Urge:
    """The owner's answer (办理情况); the slip leaves the home page once answered."""
    current, before = _begin(actor, urge, "answer")
    if not may_answer(actor, current):
        raise NotAllowed(_("只有督办单的责任人（或已升级到的负责人、责任领导）可以答复"))
    text = (answer or "").strip()
    if not text:
        raise ServiceError(_("请填写办理情况"), field="answer")
    current.answer, current.answered_by, current.answered_at = text[:5000], actor, timezone.now()
    current.status = UrgeStatus.ANSWERED
    current.save()
    audit.record_change(actor=actor, obj=current, before=before, parent=current.task, message=_("答复督办单"))
    _settle_notices(current)
    notices.urge_answered(current)
    return current


@transaction.atomic
def urge_withdraw(*, actor, urge: Urge, reason: str = "") -> Urge:
    """撤回 a slip issued by mistake; it stays on record."""
    current, before = _begin(actor, urge, "withdraw")
    current.status = UrgeStatus.WITHDRAWN
    current.save()
    audit.record_change(actor=actor, obj=current, before=before, parent=current.task,
                        message=_("撤回督办单：%(r)s") % {"r": (reason or "").strip()[:200]})
    _settle_notices(current)
    return current


def _begin(actor, urge: Urge, action: str) -> tuple[Urge, dict]:
    if not Urge.policy.allows(actor, action):
        raise NotAllowed()
    get_scoped(actor, Urge, urge.pk, action="view" if action == "answer" else action)
    current = Urge.objects.unscoped("locking a slip the actor may act on").select_for_update().get(pk=urge.pk)
    sources, _target = TRANSITIONS[action]
    if current.status not in sources:
        raise ServiceError(_("督办单当前为“%(s)s”，不能再操作") % {"s": current.get_status_display()})
    return current, audit.snapshot(current)


# -- escalation ------------------------------------------------------------------------------------
def due_level(urge: Urge, now: dt.datetime) -> int:
    """The level an open slip should have reached by `now`."""
    hours = escalate_hours()[urge.colour]
    waited = (now - urge.issued_at) / dt.timedelta(hours=1)
    return min(UrgeLevel.LEADER, int(waited // hours)) if hours > 0 else UrgeLevel.OWNER


@transaction.atomic
def urge_escalate(*, urge: Urge, level: int, now: dt.datetime | None = None) -> bool:
    """Move an open slip from `level - 1` to `level` (system action); False if it was not there
    (answered, withdrawn, or already moved), so running twice changes nothing."""
    now = now or timezone.now()
    current = Urge.objects.unscoped("the escalation job covers every open slip").select_for_update().filter(
        pk=urge.pk, status=UrgeStatus.OPEN, level=level - 1).select_related("task").first()
    if current is None:
        return False
    before = audit.snapshot(current)
    target = unit_head(current.task.lead_unit) if level == UrgeLevel.HEAD else current.task.leader
    if target is not None and target.pk == current.owner_id:
        target = None  # the owner is the head: nobody new to tell at this step
    if level == UrgeLevel.HEAD:
        current.head, current.head_at = target, now
    else:
        current.leader, current.leader_at = target, now
    current.level = level
    current.save()
    audit.record(actor=None, actor_name=_("系统"), action="update", target=audit.Target.of(current, current.task),
                 before=before, after=audit.snapshot(current), unit_path=current.scope_path,
                 message=_("督办单未答复，升级至%(l)s：%(p)s") % {"l": UrgeLevel(level).label,
                                                       "p": target.name if target else _("无（跳过）")})
    if target is not None:
        _announce(current)
    return True


def open_urges_due(now: dt.datetime):
    """Open slips below the top level issued long enough ago to owe a step (the job's worklist)."""
    shortest = min(escalate_hours().values())
    return (Urge.objects.unscoped("the escalation job covers every open slip")
            .filter(status=UrgeStatus.OPEN, level__lt=UrgeLevel.LEADER,
                    issued_at__lte=now - dt.timedelta(hours=max(shortest, 0)))
            .order_by("id"))


def _announce(urge: Urge) -> None:
    """Tell the slip's current recipient (owner, head or leader): an in-app notice and the enabled
    outbound channels (e-mail, webhook, WeCom) of `luoshi.notify`, once per step; the sends leave
    after commit. The notice is written in the step's transaction, so it exists by the time anyone
    can answer the slip (an answer waits for the step's lock), and the answer always closes it.
    The home page shows open slips to each of them as well (`supervision/_my_urges.html`)."""
    from django.urls import reverse


    person_id = {UrgeLevel.OWNER: urge.owner_id, UrgeLevel.HEAD: urge.head_id,
                 UrgeLevel.LEADER: urge.leader_id}[urge.level]
    if person_id is None:
        return
    try:
        from luoshi.notify.services import notify
    except ImportError:  # the notify app is not installed: the home page is the notice
        return
    users = list(User.objects.unscoped("the logins of the person a slip is addressed to").filter(
        person_id=person_id, is_active=True))
    title = _("%(c)s：%(t)s") % {"c": urge.get_colour_display(), "t": urge.task.title[:60]}
    if urge.level:
        title = _("（已升级至%(l)s）") % {"l": UrgeLevel(urge.level).label} + title
    try:
        with transaction.atomic():  # a notice that fails to be written must not undo or fail the step
            slip = notices.urge_target(urge.pk)
            notify(recipients=users, kind=URGE, obj=f"{slip}:{urge.level}", target=slip, title=title,
                   body=f"{urge.reason}\n{urge.message}".strip(), link=reverse("supervision:urge_detail", args=[urge.pk]))
    except Exception:
        logger.exception("announcing urge %s failed", urge.pk)


def _settle_notices(urge: Urge) -> None:
    """The slip is answered or withdrawn: its notices ask nothing more of anyone it reached. In the
    settling transaction, so a rolled-back answer leaves them open."""
    try:
        from luoshi.notify.services import notifications_resolve
    except ImportError:  # the notify app is not installed: there are no notices to close
        return
    notifications_resolve(targets=[notices.urge_target(urge.pk)], kinds=[URGE])
