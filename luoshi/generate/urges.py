"""One township's supervision slips (三色督办单), as `supervision.urging` would have left them.

Two sources, one set of rules: the office's own slips (`manual`), sampled on days when the
task was overdue or behind, and the slips a roll call issues to whoever did not report
(`dispatch`, prepared by rollcalls.py and saved here so that ids follow time across both).
Each slip is issued with the colour and reason `urge_propose` gives for the task as it stood
that day (history.py); the office may pick another colour, as the form lets it (a blue 临期
提醒 on a task whose deadline nears). Its fate is drawn when it is issued, because a roll
call must know whether a task still has an open slip to re-use: answered, withdrawn, or left
open, climbing to the lead unit's head and then to the leader in charge on the escalation
job's half-hour ticks after the colour's hours (`urging.escalate_hours`)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.generate import names
from luoshi.generate.history import next_tick, now, task_on, working_day

_MANUAL_COLOURS = {"red": 45, "yellow": 35, "blue": 20}  # percent of the office's slips
# (fate, weight): answered before any step, after the head's, after the leader's, never.
_FATES = {"manual": [("answered", 55), ("head", 15), ("leader", 7), ("open", 17), ("withdrawn", 6)],
          "dispatch": [("answered", 72), ("head", 12), ("leader", 4), ("open", 12)]}
_SPACING = dt.timedelta(days=14)  # the office does not slip the same task twice in a fortnight


def available() -> bool:
    from django.apps import apps

    return apps.is_installed("luoshi.supervision")


def urges(ctx, org, work) -> int:
    """Save the roll calls' slips and the office's own; returns how many slips in all."""
    if not available():
        return 0
    slips = list(getattr(work, "gen_urges", ())) + _manual(ctx, org, work)
    _save(ctx, slips)
    return len(slips)


def issue(ctx, org, state, *, at: dt.datetime, issuer, source: str, colour: str | None = None, message: str = "",
          due: dt.date | None = None, fate: str | None = None):
    """A slip on the task `state` shows at `at`, with its whole life decided (unsaved)."""
    from luoshi.supervision.models import Urge
    from luoshi.supervision.urging import escalate_hours, urge_propose

    task = state.task
    proposed, reason = urge_propose(state, today=ctx.localdate(at))
    colour = colour or proposed
    hours = escalate_hours()[colour]
    urge = Urge(task=task, colour=colour, proposed_colour=proposed, reason=reason[:500], message=message[:5000],
                source=source, owner=task.owner, issued_by=issuer, issued_at=at, scope_path=task.scope_path,
                due=due or ctx.localdate(at) + dt.timedelta(days=max(1, hours // 24)))
    fates, weights = zip(*_FATES[source], strict=True)
    _settle(ctx, org, urge, state, fate or ctx.rng.choices(fates, weights)[0], hours)
    return urge


def _settle(ctx, org, urge, state, fate: str, hours: int) -> None:
    """Answer, withdraw or leave open; escalate whatever stays open past each step's tick."""
    from luoshi.supervision.models import UrgeStatus

    rng, end, span = ctx.rng, now(ctx), dt.timedelta(hours=hours)
    urge._gen_steps, urge._gen_closed_at, urge._gen_withdraw = [], None, ""
    if fate != "withdrawn" and urge.owner.pk not in org_logins(org):
        fate = "open"  # an owner without a login cannot answer
    delay = {"answered": rng.uniform(0.05, 0.9), "head": rng.uniform(1.1, 1.9), "leader": rng.uniform(2.1, 5.0),
             "withdrawn": rng.uniform(0.01, 0.2)}.get(fate)
    closed = _office_hours(urge.issued_at + span * delay) if delay is not None else None
    if closed is not None and closed >= end:
        closed = None  # not yet done by the data set's present
    for level in (1, 2):
        tick = next_tick(urge.issued_at + span * level, 30)
        if tick > (closed or end):
            break
        target = _unit_head(org, urge.task.lead_unit_id) if level == 1 else urge.task.leader
        if target is not None and target.pk == urge.owner.pk:
            target = None  # the owner is that person: nobody new to tell, the step is still recorded
        if level == 1:
            urge.head, urge.head_at = target, tick
        else:
            urge.leader, urge.leader_at = target, tick
        urge.level = level
        urge._gen_steps.append((tick, level, target))
    if closed is None:
        return
    urge._gen_closed_at = closed
    if fate == "withdrawn":
        urge.status, urge._gen_withdraw = UrgeStatus.WITHDRAWN, rng.choice(names.WITHDRAW_REASONS)
        return
    answerers = [p for p in (urge.owner, urge.head, urge.leader) if p is not None and p.pk in org_logins(org)]
    person = answerers[0] if len(answerers) == 1 or rng.random() < 0.7 else rng.choice(answerers[1:])
    urge.status, urge.answered_at, urge.answered_by = UrgeStatus.ANSWERED, closed, org_logins(org)[person.pk]
    urge.answer = names.urge_answer(rng, state.progress)


def _office_hours(moment: dt.datetime) -> dt.datetime:
    """People answer slips at work: an evening or night moment moves to the next morning."""
    local = timezone.localtime(moment)
    if 8 <= local.hour < 19:
        return moment
    day = local.date() + dt.timedelta(days=1 if local.hour >= 19 else 0)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(8, local.minute, local.second)))


def _unit_head(org, unit_id: int):
    """`urging.unit_head`: the login holding the department or village role at the unit."""
    login = org.dept_head.get(unit_id) or org.village_head.get(unit_id)
    return login._gen_person if login else None


def org_logins(org) -> dict:
    """person id → login, for everyone of the township who has one."""
    logins = getattr(org, "_gen_logins", None)
    if logins is None:
        logins = org._gen_logins = {u._gen_person.pk: u for u in org.users.values()}
    return logins


# -- the office's own slips ------------------------------------------------------------------------
def _manual(ctx, org, work) -> list:
    """About `scale.urges` slips in the colour mix, each on a task overdue or behind that day."""
    rng, wanted = ctx.rng, ctx.scale.urges
    quota = {colour: round(wanted * share / 100) for colour, share in _MANUAL_COLOURS.items()}
    tasks = [t for t in work.top + work.children if t.deployed_at is not None]
    dated = [t for t in tasks if t.deadline and not t.recurrence]
    leaders = [u for name, u in sorted(org.users.items()) if ".leader" in name]
    issuers = [org.office[1 % len(org.office)]] * 3 + [org.office[0]] + leaders
    fates = [f for f, _w in _FATES["manual"]]
    last: dict[int, dt.date] = {}
    slips = []
    for attempt in range(wanted * 40):
        open_colours = [c for c, n in quota.items() if n > 0]
        if not open_colours:
            break
        colour = open_colours[attempt % len(open_colours)]
        task, day = _candidate(ctx, colour, tasks, dated)
        if day is None or (task.pk in last and abs(day - last[task.pk]) < _SPACING):
            continue
        at = ctx.stamp(day)
        state = task_on(ctx, task, at)
        if not _fits(ctx, state, day, colour):
            continue
        quota[colour] -= 1
        last[task.pk] = day
        fate = fates[len(slips)] if len(slips) < len(fates) else None  # every fate, whatever the size
        slips.append(issue(ctx, org, state, at=at, issuer=rng.choice(issuers), source="manual", colour=colour,
                           message=names.urge_message(rng), fate=fate))
    return slips


def _candidate(ctx, colour: str, tasks: list, dated: list):
    """A (task, working day) to look at: for a blue 临期提醒, a day just before a deadline."""
    rng, first = ctx.rng, ctx.day(30)
    if colour == "blue" and dated:
        task = rng.choice(dated)
        day = working_day(task.deadline - dt.timedelta(days=rng.randrange(0, ctx.rules.deadline_warn_days + 1)))
    else:
        task = rng.choice(tasks)
        day = working_day(first + dt.timedelta(days=rng.randrange((ctx.anchor - first).days)))
    return task, (day if first <= day < ctx.anchor else None)


def _fits(ctx, state, day: dt.date, colour: str) -> bool:
    """Whether the office would give `colour` to the task as it stood: red or yellow as
    `urge_propose` says (the office going one colour up now and then), blue when a deadline
    nears on unfinished work that is not already red."""
    from luoshi.supervision.urging import URGEABLE, urge_propose

    if state is None or state.status not in URGEABLE:
        return False
    proposed, _reason = urge_propose(state, today=day)
    if colour == "blue":
        near = state.deadline is not None and 0 <= (state.deadline - day).days <= ctx.rules.deadline_warn_days
        return near and proposed != "red" and state.progress < 100
    return proposed == colour or (proposed == "yellow" and colour == "red" and ctx.rng.random() < 0.1)


# -- saving ----------------------------------------------------------------------------------------
def _save(ctx, slips: list) -> None:
    from luoshi.supervision.models import Urge, UrgeLevel

    slips.sort(key=lambda u: u.issued_at)  # ids and numbers follow time, as they would in life
    Urge.objects.bulk_create(slips, batch_size=1000)
    for urge in slips:
        urge.number = _("督〔%(y)d〕%(n)05d号") % {"y": ctx.localdate(urge.issued_at).year, "n": urge.pk}
    Urge.objects.unscoped("numbers of freshly generated slips").bulk_update(slips, ["number"], batch_size=1000)
    audit = ctx.audit
    for urge in slips:
        task, path = urge.task, urge.scope_path
        audit.create(at=urge.issued_at, actor=urge.issued_by, obj=urge, unit_path=path, parent=task,
                     message=_("%(c)s：%(r)s") % {"c": urge.get_colour_display(), "r": urge.reason},
                     after={"task_id": task.pk, "colour": urge.colour, "proposed_colour": urge.proposed_colour,
                            "source": urge.source, "owner_id": urge.owner.pk, "due": urge.due.isoformat(),
                            "status": "open", "number": urge.number})
        for at, level, target in urge._gen_steps:
            message = _("督办单未答复，升级至%(l)s：%(p)s") % {"l": UrgeLevel(level).label,
                                                   "p": target.name if target else _("无（跳过）")}
            _update(audit, at, None, urge, message, {"level": level, "target_id": target.pk if target else None})
        if urge.answered_at:
            _update(audit, urge.answered_at, urge.answered_by, urge, _("答复督办单"), {"status": "answered"})
        elif urge._gen_withdraw:
            _update(audit, urge._gen_closed_at, urge.issued_by, urge,
                    _("撤回督办单：%(r)s") % {"r": urge._gen_withdraw}, {"status": "withdrawn"})


def _update(audit, at, actor, urge, message: str, after: dict) -> None:
    audit.add(at=at, actor=actor, action="update", obj_type="supervision.urge", obj_id=urge.pk, repr_=str(urge),
              unit_path=urge.scope_path, parent_type="plans.task", parent_id=urge.task.pk, message=message,
              after=after)
