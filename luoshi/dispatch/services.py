"""Writes of roll calls: create, edit, deactivate and reactivate a schedule, open a round
(everyone listed who can report on its tasks is asked to), close it (entries frozen, counts kept,
bulletin written, non-reporters urged), and hear a report (`roll_call_reported`).

Each person called gets a roll-call notice naming their own tasks (dispatch.notices, which says
what each notice asks and what closes it). It closes, for them alone, once they have reported on
every task they were called for: the report's own transaction checks (`roll_call_reported`, a
listener of progress' `report_submitted` hook), and so does the round's opening for whoever had
already reported for its period. Closing the round closes the notices of everyone it called; an urge
notice sent after it closes the same way, or when the schedule's next round closes.

A roll call asks named people to report on named work ("当场调度扶贫干部工作落实情况"), so a
schedule may only name people who can report on at least one of its tasks, by their own login's
rights (dispatch.selectors.reportable_by); a round re-checks that when it opens, because rights
and tasks change between the schedule's save and its rounds.

A job passes `actor=None`: it acts as the system (audited as 系统) on the rows it was handed;
a person passes themself and is scope-checked like everywhere else."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.models import AuditAction
from luoshi.core.scope import ensure_in_scope, get_scoped
from luoshi.core.versioning import save_versioned
from luoshi.dispatch import bulletin, issuing, notices, selectors
from luoshi.dispatch.models import Dispatch, DispatchRound, RollCallEntry, RoundStatus
from luoshi.dispatch.notices import ROLL_CALL, URGE, round_target
from luoshi.notify.services import notifications_resolve
from luoshi.org.models import Person, Unit, User
from luoshi.plans.models import Task
from luoshi.progress import hooks

log = logging.getLogger(__name__)


@transaction.atomic
def dispatch_create(*, actor, name: str, unit: Unit, people, tasks, weekdays=(0, 2, 4),
                    time: dt.time = dt.time(8, 30), window_minutes: int | None = None) -> Dispatch:
    """A new roll-call schedule over `people` and `tasks`, all within the actor's scope."""
    if not Dispatch.policy.allows(actor, "add"):
        raise NotAllowed()
    name, days = _checked_schedule(name=name, weekdays=weekdays, people=people, window_minutes=window_minutes)
    people, tasks = _checked_roll(actor, people, tasks)
    dispatch = Dispatch(name=name, unit=get_scoped(actor, Unit, unit.pk), weekdays=days,
                        time=time, window_minutes=window_minutes or settings.LUOSHI_DISPATCH_WINDOW_MINUTES,
                        created_by=actor)
    dispatch.save()
    _link(dispatch, "people", people)
    _link(dispatch, "tasks", tasks)
    ensure_in_scope(actor, dispatch, action="view")
    audit.record_change(actor=actor, obj=dispatch, before=None, message=_("新建调度点名"))
    return dispatch


@transaction.atomic
def dispatch_update(*, actor, dispatch: Dispatch, version: int, name: str, unit: Unit, people, tasks,
                    weekdays, time: dt.time, window_minutes: int | None = None) -> Dispatch:
    """Save an edit of a schedule made on `version`; if someone saved in between, refuse and change
    nothing. The next rounds follow the edit (the clock reads the schedule each tick); rounds already
    closed keep what they recorded."""
    if not Dispatch.policy.allows(actor, "change"):
        raise NotAllowed()
    current = get_scoped(actor, Dispatch, dispatch.pk, action="change")
    before = audit.snapshot(current)
    current.name, current.weekdays = _checked_schedule(name=name, weekdays=weekdays, people=people,
                                                       window_minutes=window_minutes)
    moved = current.unit_id != unit.pk
    current.unit = get_scoped(actor, Unit, unit.pk)
    current.time, current.window_minutes = time, window_minutes or current.window_minutes
    save_versioned(current, version, message=_("已被他人修改：这个调度点名在您打开之后已被保存过，请刷新后重新修改。"))
    if moved:  # the schedule's rounds, past ones included, are seen from its new unit (as its rounds are)
        RollCallEntry.objects.unscoped("the entries follow their schedule's unit").filter(
            round__dispatch=current).update(scope_path=current.unit.path)
    people, tasks = _checked_roll(actor, people, tasks)
    _link(current, "people", people)
    _link(current, "tasks", tasks)
    _drop_waiting_rounds(current)
    ensure_in_scope(actor, current, action="change")
    audit.record_change(actor=actor, obj=current, before=before, message=_("修改调度点名"))
    return current


def dispatch_deactivate(*, actor, dispatch: Dispatch) -> Dispatch:
    """Stop a schedule: it opens no more rounds (a round already open runs to its close)."""
    return _set_active(actor, dispatch, active=False, message=_("停用调度点名"))


def dispatch_reactivate(*, actor, dispatch: Dispatch) -> Dispatch:
    """Start a stopped schedule again: the clock opens its next due round."""
    return _set_active(actor, dispatch, active=True, message=_("启用调度点名"))


@transaction.atomic
def _set_active(actor, dispatch: Dispatch, *, active: bool, message: str) -> Dispatch:
    if not Dispatch.policy.allows(actor, "change"):
        raise NotAllowed()
    current = get_scoped(actor, Dispatch, dispatch.pk, action="change")
    if current.active == active:
        return current  # pressed twice, or by two people: already done, nothing to record
    before, current.active = audit.snapshot(current), active
    save_versioned(current, current.version)
    if not active:
        _drop_waiting_rounds(current)
    audit.record_change(actor=actor, obj=current, before=before, message=message)
    return current


def _checked_schedule(*, name: str, weekdays, people, window_minutes) -> tuple[str, str]:
    """The name and the weekdays ("0,2,4") of a schedule, or the reason in Chinese."""
    name = (name or "").strip()
    try:
        days = sorted({int(d) for d in weekdays})
    except (TypeError, ValueError):
        days = []
    if not name:
        raise ServiceError(_("请填写名称"), field="name")
    if not days or any(d not in range(7) for d in days):
        raise ServiceError(_("请选择点名日"), field="weekdays")
    if not people:
        raise ServiceError(_("请选择点名人员"), field="people")
    if window_minutes and not 10 <= window_minutes <= 1440:
        raise ServiceError(_("上报时长应在 10 到 1440 分钟之间"), field="window_minutes")
    return name[:100], ",".join(map(str, days))


def _checked_roll(actor, people, tasks) -> tuple[list[Person], list[Task]]:
    """The schedule's people and tasks read through the actor's scope, provided there is work to
    report on and every person can report on some of it; otherwise the reason in Chinese, naming
    the people (a person named for nothing they can report would be counted 未上报 and urged)."""
    people = list({p.pk: get_scoped(actor, Person, p.pk) for p in people}.values())
    tasks = list({t.pk: get_scoped(actor, Task, t.pk) for t in tasks}.values())
    if not tasks:
        raise ServiceError(_("请选择调度任务：点名就是要求点名人员上报这些任务的落实情况"), field="tasks")
    able = selectors.reportable_by(people=people, tasks=tasks)
    unable = sorted((p for p in people if not able[p.pk]), key=lambda p: (p.unit.path, p.name))
    if unable:
        raise ServiceError(_cannot_report_message(unable), field="people")
    return people, tasks


def _cannot_report_message(people: list[Person]) -> str:
    """"宋永刚 不能上报本次调度的任何任务：……", with why and what to do, for one person or several."""
    no_login = {p.pk for p in people} - set(User.objects.unscoped("whether the people named have a login").filter(
        person__in=people, is_active=True).values_list("person_id", flat=True))
    reasons = []
    without = [p.name for p in people if p.pk in no_login]
    others = [p.name for p in people if p.pk not in no_login]
    if others:
        reasons.append(_("%(names)s 不能上报本次调度的任何任务：所选任务都不在其上报范围内（不是其本人或所在单位负责的，"
                         "或已办结、未部署）。请从点名人员中去掉，或选上其负责的任务。") % {"names": "、".join(others)})
    if without:
        reasons.append(_("%(names)s 不能上报本次调度的任何任务：没有可用的登录账号，收不到点名通知，也无法上报。"
                         "请从点名人员中去掉，或先为其开通账号。") % {"names": "、".join(without)})
    return "".join(reasons)


def _drop_waiting_rounds(dispatch: Dispatch) -> None:
    """Forget the rounds the clock marked 待点名 but never opened (they hold nothing): after an edit
    the clock marks them again if they are still due, and a stopped schedule has none."""
    DispatchRound.objects.unscoped("the waiting rounds of the schedule being changed").filter(
        dispatch=dispatch, status=RoundStatus.SCHEDULED).delete()


def _link(dispatch: Dispatch, field: str, items) -> None:
    """Write a many-to-many through its join table (the related rows were checked in scope)."""
    through = getattr(Dispatch, field).through
    source = Dispatch._meta.get_field(field).m2m_field_name()
    target = Dispatch._meta.get_field(field).m2m_reverse_field_name()
    through.objects.filter(**{source: dispatch}).delete()
    unique = {item.pk: item for item in items}.values()
    through.objects.bulk_create([through(**{source: dispatch, target: item}) for item in unique])


def round_open(*, actor, dispatch: Dispatch, day: dt.date | None = None, now=None) -> DispatchRound:
    """Open (or return the already open) roll call of `dispatch` on `day`: everyone listed is asked to report."""
    with transaction.atomic():
        dispatch = _checked(actor, Dispatch, dispatch.pk)
        if not dispatch.active:
            raise ServiceError(_("这个调度点名已停用，不能开始点名；请先启用。"))
        now = now or timezone.now()
        day = day or timezone.localdate(now)
        round_, _created = DispatchRound.objects.unscoped("one round per schedule and day").get_or_create(
            dispatch=dispatch, date=day, defaults={"period": day.isoformat()})
        round_ = DispatchRound.objects.unscoped("locking the round in hand").select_for_update().get(pk=round_.pk)
        if round_.status != RoundStatus.SCHEDULED:
            return round_
        called, skipped = _roll(round_)
        round_.status, round_.opened_at = RoundStatus.OPEN, now
        round_.closes_at = now + dt.timedelta(minutes=dispatch.window_minutes)
        round_.expected_count = len(called)
        round_.skipped = [{"person_id": p.pk, "name": p.name, "unit": p.unit.name} for p in skipped]
        round_.save()
        entries = RollCallEntry.objects.bulk_create([
            RollCallEntry(round=round_, person=p, person_name=p.name[:50], unit_name=p.unit.name[:100], task_ids=ids,
                          scope_path=dispatch.unit.path)
            for p, ids in called])
        message = _("开始点名：%(n)s，应上报 %(c)d 人") % {"n": dispatch.name, "c": len(called)}
        if skipped:
            message += _("；%(names)s 不能上报本次调度的任何任务，未点名") % {
                "names": "、".join(p.name for p in skipped)}
        _audit(actor, round_, message)
        notices.call(round_, called)
        # whoever already reported for the round's period (that morning, say) owes nothing more
        notices.settle(round_, entries, kind=ROLL_CALL)
    return round_


def _roll(round_: DispatchRound) -> tuple[list[tuple[Person, list[int]]], list[Person]]:
    """Who the round calls, each with the ids of the round's tasks they are called to report on,
    and who it skips: a person whose rights or tasks changed since the schedule was saved can no
    longer report on any of its tasks, so is neither called nor urged."""
    people = selectors.round_people(round_)
    able = selectors.reportable_by(people=people, tasks=selectors.round_tasks(round_))
    return [(p, able[p.pk]) for p in people if able[p.pk]], [p for p in people if not able[p.pk]]


def roll_call_reported(*, report) -> int:
    """A report just written, inside its transaction (progress' `report_submitted` hook calls this
    when the reporter has an open notice about a round; dispatch.apps registers it): each
    round that called its reporter for its task and may still be asking them (open, or closed and
    urging them) checks whether they have now reported on every task they were called for, and if
    so closes their roll-call notice, or their urge notice. A report that settles nothing costs one
    query. Returns how many notices closed."""
    person_id = getattr(report.reporter, "person_id", None)
    if person_id is None:
        return 0
    entries = RollCallEntry.objects.unscoped("the roll calls that may still ask the reporter").filter(
        notices.still_asking(), person_id=person_id).select_related("round")
    return sum(notices.settle(entry.round, [entry], kind=ROLL_CALL if entry.round.status == RoundStatus.OPEN else URGE)
               for entry in entries if report.task_id in entry.task_ids)


def round_close(*, actor, round_: DispatchRound, now=None) -> DispatchRound:
    """Close a round: freeze who reported, keep the counts, write the bulletin, urge the rest."""
    with transaction.atomic():
        round_ = _checked(actor, DispatchRound, round_.pk)
        round_ = (DispatchRound.objects.unscoped("locking the round in hand").select_for_update()
                  .select_related("dispatch__unit").get(pk=round_.pk))
        if round_.status == RoundStatus.CLOSED:
            return round_
        if round_.status == RoundStatus.SCHEDULED:
            raise ServiceError(_("点名尚未开始，不能结束"))
        rows = selectors.board(round_)
        _freeze(round_, rows)
        reds = selectors.red_tasks(round_)
        round_.status, round_.closed_at = RoundStatus.CLOSED, now or timezone.now()
        round_.closed_by = actor if getattr(actor, "is_authenticated", False) else None
        round_.expected_count, round_.reported_count = len(rows), sum(1 for r in rows if r.reported)
        round_.red_count, round_.red_titles = len(reds), [t.title for t in reds]
        _write_bulletin(round_, rows)
        round_.save()
        # the round asks nothing more of anyone: who has not reported is urged below instead
        notifications_resolve(targets=[round_target(round_.pk)], kinds=[ROLL_CALL])
        notices.close_superseded_urges(round_)
        _audit(actor, round_, _("结束点名：已上报 %(r)d 人，未上报 %(m)d 人") % {
            "r": round_.reported_count, "m": round_.missing_count})
        urger_id = actor.pk if getattr(actor, "is_authenticated", False) else round_.dispatch.created_by_id
        transaction.on_commit(lambda: urge_non_reporters(round_id=round_.pk, actor_id=urger_id))
    return round_


FROZEN = ("person_name", "unit_name", "report", "reported_at", "task_title", "text", "difficulties")


def _freeze(round_: DispatchRound, rows) -> None:
    """Write onto each entry what its person reported; the entries stay, with the tasks each was
    called for (an open round's board has one row per entry)."""
    entries = RollCallEntry.objects.unscoped("the entries of the round being closed")
    by_person = {e.person_id: e for e in entries.filter(round=round_)}
    for r in rows:
        entry = by_person[r.person_id]
        entry.person_name, entry.unit_name = r.name[:50], r.unit[:100]
        entry.report, entry.reported_at = (r.reports[0] if r.reports else None), r.reported_at
        entry.task_title = (r.reports[0].task.title if r.reports else "")[:500]
        entry.text, entry.difficulties = r.text, "\n".join(r.difficulties)
    entries.bulk_update(list(by_person.values()), FROZEN)


def bulletin_rewrite(*, actor, round_: DispatchRound) -> DispatchRound:
    """Write a closed round's bulletin again, from what the round kept when it closed (who reported
    what, the red tasks), as the bulletin is written now: it keeps its number, and its date."""
    with transaction.atomic():
        round_ = _checked(actor, DispatchRound, round_.pk)
        round_ = (DispatchRound.objects.unscoped("locking the round in hand").select_for_update()
                  .select_related("dispatch__unit").get(pk=round_.pk))
        if round_.status != RoundStatus.CLOSED:
            raise ServiceError(_("点名尚未结束，还没有通报"))
        old = round_.bulletin.name
        _write_bulletin(round_, selectors.board(round_))
        round_.save(update_fields=["bulletin"])
        _audit(actor, round_, _("重新生成通报 %(n)s") % {"n": round_.bulletin_number})
    if old and old != round_.bulletin.name:
        transaction.on_commit(lambda: round_.bulletin.storage.delete(old))
    return round_


def _write_bulletin(round_: DispatchRound, rows) -> None:
    """Build the round's bulletin and attach it (the caller saves the round). The round holds the
    lock: its number is given here the first time."""
    data = _bulletin_data(round_, rows)
    round_.bulletin.save(f"dispatch-{round_.dispatch_id}-{round_.date:%Y%m%d}.docx",
                         ContentFile(bulletin.build(data)), save=False)


def _bulletin_data(round_: DispatchRound, rows) -> bulletin.BulletinData:
    label = bulletin.person_label
    reds = round_.red_titles
    if round_.red_count and not reds:  # closed before the titles were kept: the tasks red now
        reds = [t.title for t in selectors.red_tasks(round_)]
    written = timezone.localdate(round_.closed_at) if round_.closed_at else round_.date
    return bulletin.BulletinData(
        title=bulletin.title_of(round_.dispatch.name), unit=round_.dispatch.unit.name,
        issuer=issuing.issuer_of(round_.dispatch.unit), number=issuing.number(round_), written=written,
        date=round_.date, expected=len(rows), reported=sum(1 for r in rows if r.reported),
        missing=[label(r.name, r.unit) for r in rows if not r.reported],
        reported_rows=[(label(r.name, r.unit), r.text.replace("\n", "；")) for r in rows if r.reported],
        red_tasks=reds, difficulties=[(label(r.name, r.unit), item) for r in rows for item in r.difficulties])


def urge_non_reporters(*, round_id: int, actor_id: int | None) -> int:
    """Urge everyone who did not report in a closed round, once each: through the listeners of
    progress' `report_missed` hook (supervision's `urge_issue`) on each of the round's tasks the
    person can report on; without one, with an in-app urge notice. Someone who can no longer report on any of them is not
    urged. Returns how many people were urged."""
    entries = list(RollCallEntry.objects.unscoped("urging the non-reporters of a closed round").filter(
        round_id=round_id, reported_at__isnull=True, urged_at__isnull=True).select_related("person", "round__dispatch"))
    if not entries:
        return 0
    actor = User.objects.unscoped("the actor who closed the round").filter(pk=actor_id).first()
    round_tasks = selectors.round_tasks(entries[0].round)
    # the round's tasks each can report on now, for everyone at once: the ones they are urged about
    able = {pk: set(ids) for pk, ids in selectors.reportable_by(people=[e.person for e in entries],
                                                                 tasks=round_tasks).items()}
    # the roll calls each missed in a row: the slip's colour says how far behind they are
    missed = selectors.missed_in_a_row(entries[0].round, [e.person_id for e in entries])
    urged = 0
    for entry in entries:
        tasks = [t for t in round_tasks if t.pk in able[entry.person_id]]
        if not tasks:  # their rights or tasks changed during the round: nothing left they could report
            log.info("not urging %s after round %s: no task of the round to report on", entry.person_id, entry.round_id)
            continue
        claimed = RollCallEntry.objects.unscoped("claiming one urge").filter(
            pk=entry.pk, urged_at__isnull=True).update(urged_at=timezone.now())
        if claimed:
            _urge(actor, entry, tasks, missed[entry.person_id] or [entry.round.date])
            urged += 1
    return urged


def _urge(actor, entry: RollCallEntry, tasks: list[Task], missed: list[dt.date]) -> None:
    """Urge one non-reporter on each task through the `report_missed` listeners: supervision issues
    a slip whose colour its rule picks from the task's state and the roll calls `missed` in a row
    (urging.urge_propose: one missed is behind schedule, yellow; repeated misses or a task past its
    deadline, red), its reason saying why. Failing that, an in-app urge notice."""
    round_ = entry.round
    message = _("%(p)s在%(d)s%(n)s中未上报，请立即上报落实情况。") % {
        "p": bulletin.person_label(entry.person_name, entry.unit_name), "d": bulletin.cn_date(round_.date),
        "n": round_.dispatch.name}
    issued = 0
    for urge in _urgers() if actor is not None else ():
        for task in tasks:
            try:
                with transaction.atomic():
                    urge(actor=actor, task=task, message=message, due=round_.date + dt.timedelta(days=1),
                         source="dispatch", missed_roll_calls=missed)
                issued += 1
            except ServiceError as error:  # e.g. a task nobody answers for: the person is still told below
                log.warning("urging task %s after round %s: %s", task.pk, round_.pk, error.message)
    if not issued:
        notices.urge(entry, message)


def _urgers() -> tuple:
    """Who urges a non-reporter on a task: the listeners of progress' `report_missed` hook."""
    return hooks.report_missed.listeners


def _checked(actor, model, pk):
    if actor is None:
        return model.objects.unscoped("a scheduled job works on the row it was handed").get(pk=pk)
    return get_scoped(actor, model, pk, action="run")


def _audit(actor, round_: DispatchRound, message: str) -> None:
    audit.record(actor=actor, actor_name="" if actor is not None else _("系统"), action=AuditAction.ACTION,
                 target=audit.Target.of(round_, round_.dispatch), message=message,
                 unit_path=round_.dispatch.unit.path)
