"""One township's "一三五点名" (调度点名), as `dispatch.services` and its clock would have left it.

The office (党政办主任) creates one schedule early in the year — the seed speech's "从下周一开始，
恢复一三五正常点名" — over a few key tasks split to every village (脱贫攻坚 first) and the people
who answer for them: every village secretary and the heads of the tasks' lead departments.
Its window runs the working day (8:30 to 16:30), so a report made that day counts.

Every Mon/Wed/Fri from then to the day before the anchor has a closed round, opened and closed
by the clock (audited as 系统) with the entries `round_close` freezes: a person who reported on
the round's tasks in the window gets their reports (text, difficulties, the first one linked);
one who did not may still have answered in the roll call itself (text only, no report: the
generated reports stay exactly the year work.py made); the rest are urged right after the
close, with a `dispatch` slip on each of their open tasks that has none open (urges.py saves
those). The anchor's round, when it is a roll-call day, is open and, like a live round, has no
entries yet. Rounds carry no bulletin file: thousands of Word files would dominate the load."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.generate import names, urges
from luoshi.generate.history import next_tick, task_on
from luoshi.plans.models import TaskStatus

KEY_TASKS = 4  # split top tasks on the roll call; each village secretary answers for one share of each
WEEKDAYS = (0, 2, 4)
OPENS, WINDOW = dt.time(8, 30), 480  # minutes: reports until 16:30 count
_MISS_RATES = (0.003, 0.006, 0.01, 0.015, 0.03)  # per person: how often they neither report nor answer


def available() -> bool:
    from django.apps import apps

    return apps.is_installed("luoshi.dispatch")


def roll_calls(ctx, org, work) -> int:
    """The schedule, its rounds and their entries; returns the number of entries."""
    if not available():
        return 0
    from luoshi.dispatch.models import Dispatch

    rng, office = ctx.rng, org.office[0]
    tops, tasks = _key_tasks(work)
    if not tasks:
        return 0
    heads = {t.lead_unit_id: org.dept_head[t.lead_unit_id] for t in tops if t.lead_unit_id in org.dept_head}
    people = [org.village_head[v.pk]._gen_person for v in org.villages] + [u._gen_person for u in heads.values()]
    start = ctx.day(rng.randrange(15, 40))
    start += dt.timedelta(days=-start.weekday() % 7)  # roll calls resume on a Monday (从下周一开始)
    dispatch = Dispatch(name=_("%(y)d年重点工作“一三五”调度点名") % {"y": ctx.year}, unit=org.township,
                        weekdays=",".join(map(str, WEEKDAYS)), time=OPENS, window_minutes=WINDOW,
                        created_by=office, created_at=ctx.stamp(start - dt.timedelta(days=rng.randrange(1, 4))))
    dispatch.save(force_insert=True)
    for field, items in (("people", people), ("tasks", tasks)):
        through = getattr(Dispatch, field).through
        target = Dispatch._meta.get_field(field).m2m_reverse_field_name()
        through.objects.bulk_create([through(dispatch=dispatch, **{target: i}) for i in items], batch_size=5000)
    ctx.audit.create(at=dispatch.created_at, actor=office, obj=dispatch, unit_path=org.township.path,
                     message=_("新建调度点名"),
                     after={"name": dispatch.name, "unit_id": org.township.pk, "weekdays": dispatch.weekdays,
                            "people": sorted(p.pk for p in people), "tasks": sorted(t.pk for t in tasks)})
    return _Rounds(ctx, org, work, dispatch, people, tasks).build(start)


def _key_tasks(work) -> tuple[list, list]:
    """Up to KEY_TASKS deployed top tasks split to the villages, 脱贫攻坚 first, then those most
    reported on, each from another lead unit while there are any; and all their shares."""
    shares: dict[int, list] = {}
    for child in work.children:
        shares.setdefault(child.parent_id, []).append(child)
    tops = [t for t in work.top if t.pk in shares and t.deployed_at and t.status != TaskStatus.RETURNED]
    tops.sort(key=lambda t: (t.line.number != "一", -sum(len(c._gen_reports) for c in shares[t.pk]), t.pk))
    chosen, units = [], set()
    for top in tops:
        if top.lead_unit_id not in units:
            chosen.append(top)
            units.add(top.lead_unit_id)
    chosen = (chosen + [t for t in tops if t not in chosen])[:KEY_TASKS]
    return chosen, chosen + [c for top in chosen for c in shares[top.pk]]


class _Rounds:
    """The rounds of one schedule; the slips it issues wait in `work.gen_urges` for urges.py."""

    def __init__(self, ctx, org, work, dispatch, people, tasks):
        self.ctx, self.org, self.dispatch, self.people, self.tasks = ctx, org, dispatch, people, tasks
        self.slips = work.gen_urges = []
        self.miss = {p.pk: ctx.rng.choice(_MISS_RATES) for p in people}
        self.own = {p.pk: [t for t in tasks if t.owner_id == p.pk or t.lead_unit_id == p.unit_id] or tasks
                    for p in people}
        self.by_day: dict[tuple[int, dt.date], list] = {}
        for task in tasks:
            for report in task._gen_reports:
                key = (report.reporter._gen_person.pk, ctx.localdate(report.created_at))
                self.by_day.setdefault(key, []).append(report)
        self.open_slip: dict[int, object] = {}  # task id → its latest dispatch slip

    def build(self, start: dt.date) -> int:
        from luoshi.dispatch.models import DispatchRound, RollCallEntry

        ctx, rounds, entries = self.ctx, [], []
        day = start
        while day <= ctx.anchor:
            if day.weekday() in WEEKDAYS:
                rounds.append(self._round(day, entries))
            day += dt.timedelta(days=1)
        DispatchRound.objects.bulk_create(rounds, batch_size=1000)
        for round_, entry in entries:
            entry.round = round_
        RollCallEntry.objects.bulk_create([e for _r, e in entries], batch_size=2000)
        self._audit(rounds)
        return len(entries)

    def _round(self, day: dt.date, entries: list):
        from luoshi.dispatch.models import DispatchRound, RoundStatus

        ctx = self.ctx
        opened = timezone.make_aware(dt.datetime.combine(day, OPENS)) + dt.timedelta(seconds=ctx.rng.randrange(1, 20))
        round_ = DispatchRound(dispatch=self.dispatch, date=day, period=day.isoformat(), status=RoundStatus.OPEN,
                               opened_at=opened, closes_at=opened + dt.timedelta(minutes=WINDOW),
                               expected_count=len(self.people))
        if day == ctx.anchor:  # today's roll call, still running: its board is live
            return round_
        round_.status = RoundStatus.CLOSED
        round_.closed_at = next_tick(round_.closes_at, 2) + dt.timedelta(seconds=ctx.rng.randrange(1, 20))
        own = [self._entry(round_, person) for person in self.people]
        entries.extend((round_, e) for e in own)
        round_.reported_count = sum(1 for e in own if e.reported_at)
        states = (task_on(ctx, t, round_.closed_at, colour_only=True) for t in self.tasks)
        round_.red_count = sum(1 for s in states if s is not None and s.light == "red")
        return round_

    def _entry(self, round_, person):
        from luoshi.dispatch.models import RollCallEntry

        rng = self.ctx.rng
        entry = RollCallEntry(person=person, person_name=person.name[:50], unit_name=person.unit.name[:100],
                              scope_path=self.dispatch.unit.path)
        reports = [r for r in self.by_day.get((person.pk, round_.date), ())
                   if r.created_at <= round_.closed_at
                   and (r.created_at >= round_.opened_at or r.period == round_.period)]
        if reports:  # what `selectors.board` finds and `round_close` freezes
            first = reports[0]
            entry.report, entry.reported_at, entry.task_title = first, first.created_at, first.task.title[:500]
            entry.text = "\n".join(f"【{r.task.title[:40]}】{r.text}" for r in reports)
            entry.difficulties = "\n".join(item for r in reports for item in r.difficulty_items)
        elif rng.random() >= self.miss[person.pk]:
            task = rng.choice(self.own[person.pk])
            minutes = rng.randrange(3, WINDOW - 5)
            entry.reported_at = round_.opened_at + dt.timedelta(minutes=minutes, seconds=rng.randrange(60))
            entry.task_title = task.title[:500]
            entry.text = f"【{task.title[:40]}】{names.report_text(rng, None)}"
            entry.difficulties = names.difficulties(rng) if rng.random() < 0.08 else ""
        else:
            entry.urged_at = round_.closed_at + dt.timedelta(seconds=rng.randrange(1, 30))
            self._urge(round_, person, entry.urged_at)
        return entry

    def _urge(self, round_, person, at: dt.datetime) -> None:
        """`urge_non_reporters`: one dispatch slip per open task of theirs, re-using an open one."""
        from luoshi.dispatch.bulletin import cn_date
        from luoshi.supervision.urging import URGEABLE

        if not urges.available():
            return
        message = _("%(d)s调度点名未上报，请立即上报落实情况。") % {"d": cn_date(round_.date)}
        for task in self.own[person.pk]:
            previous = self.open_slip.get(task.pk)
            if previous is not None and (previous._gen_closed_at is None or previous._gen_closed_at > at):
                continue
            state = task_on(self.ctx, task, at)
            if state is None or state.status not in URGEABLE:
                continue
            slip = urges.issue(self.ctx, self.org, state, at=at, issuer=self.dispatch.created_by, source="dispatch",
                               message=message, due=round_.date + dt.timedelta(days=1))
            self.open_slip[task.pk] = slip
            self.slips.append(slip)

    def _audit(self, rounds) -> None:
        batch, path = self.ctx.audit, self.org.township.path
        for round_ in rounds:
            batch.add(at=round_.opened_at, actor=None, action="action", obj_type="dispatch.dispatchround",
                      obj_id=round_.pk, repr_=str(round_), unit_path=path, parent_type="dispatch.dispatch",
                      parent_id=self.dispatch.pk,
                      message=_("开始点名：%(n)s，应上报 %(c)d 人") % {"n": self.dispatch.name, "c": len(self.people)})
            if round_.closed_at:
                batch.add(at=round_.closed_at, actor=None, action="action", obj_type="dispatch.dispatchround",
                          obj_id=round_.pk, repr_=str(round_), unit_path=path, parent_type="dispatch.dispatch",
                          parent_id=self.dispatch.pk,
                          message=_("结束点名：已上报 %(r)d 人，未上报 %(m)d 人") % {
                              "r": round_.reported_count, "m": round_.missing_count})
