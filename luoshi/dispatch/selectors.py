"""Reads of roll calls: the schedules and rounds in the actor's scope, and the live board of a
round (who has reported on the round's tasks since it opened, or for its period)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import IntegerField, Q, Value
from django.db.models.functions import Cast

from luoshi.core.scope import get_scoped
from luoshi.dispatch.bulletin import person_label
from luoshi.dispatch.models import Dispatch, DispatchRound, RollCallEntry, RoundStatus
from luoshi.org.models import Person, Unit, UnitKind, User, load_grants
from luoshi.plans.models import Light, Task, TaskStatus
from luoshi.progress.models import ProgressReport
from luoshi.progress.selectors import reportable_tasks


@dataclass
class BoardRow:
    """One person on the board; `reports` are theirs on the round's tasks, oldest first."""

    person_id: int
    name: str
    unit: str
    reports: list = field(default_factory=list)
    urged_at: object = None

    @property
    def reported(self) -> bool:
        return bool(self.reports)

    @property
    def label(self) -> str:
        """"宋永刚（乡村振兴办公室）", as the bulletin names them."""
        return person_label(self.name, self.unit)

    @property
    def reported_at(self):
        return self.reports[0].created_at if self.reports else None

    @property
    def text(self) -> str:
        return "\n".join(r.text if isinstance(r, _Frozen) else f"【{r.task.title[:40]}】{r.text}"
                         for r in self.reports)

    @property
    def difficulties(self) -> list[str]:
        return [item for r in self.reports for item in r.difficulty_items]


def dispatches(*, actor):
    return Dispatch.objects.visible_to(actor).select_related("unit")


def dispatch_get(*, actor, pk, action: str = "view") -> Dispatch:
    return get_scoped(actor, Dispatch, pk, action=action)


def can_change(*, actor, dispatch: Dispatch) -> bool:
    """Whether the actor may edit, stop or restart this schedule (the office of its unit or above)."""
    return (Dispatch.policy.allows(actor, "change")
            and Dispatch.objects.editable_by(actor).filter(pk=dispatch.pk).exists())


def form_choices(*, actor, dispatch: Dispatch | None = None) -> dict:
    """What the schedule form offers, all from the actor's scope: the township and departments as
    organisers, active people, deployed or signed tasks; and, when editing, whatever the schedule
    already names, so that saving the form never drops a choice the editor did not touch."""
    units = Q(kind__in=[UnitKind.TOWNSHIP, UnitKind.DEPARTMENT])
    people, tasks = Q(is_active=True), Q(status__in=[TaskStatus.DEPLOYED, TaskStatus.SIGNED])
    if dispatch is not None:
        units |= Q(pk=dispatch.unit_id)
        people |= Q(pk__in=Dispatch.people.through.objects.filter(dispatch=dispatch).values("person_id"))
        tasks |= Q(pk__in=Dispatch.tasks.through.objects.filter(dispatch=dispatch).values("task_id"))
    return {"unit": Unit.objects.visible_to(actor).filter(units),
            "people": Person.objects.visible_to(actor).filter(people).select_related("unit"),
            "tasks": Task.objects.visible_to(actor).filter(tasks)}


# How many logins one reportability query checks: each is one SELECT of a UNION ALL, and SQLite
# takes at most 500 of them in a statement (and 32766 parameters, ~ task ids + 10 a login).
LOGINS_PER_QUERY = 100


def reportable_by(*, people, tasks) -> dict[int, list[int]]:
    """For each of `people`, the ids of `tasks` they can report on, in id order: what their own
    login lists on its 我的任务 page (/tasks/mine/, progress' `reportable_tasks`, where a roll
    call's notice leads), so a roll call asks each person only about work the data scope lets
    them report. Someone without an active login can report on none.

    Each login is checked with its own grants through that same list, but all at once, so a
    schedule naming many people costs what one naming few does: the logins, their grants (one
    query, two with a 自定义 scope) and one UNION ALL of the logins' lists (per LOGINS_PER_QUERY)."""
    found: dict[int, list[int]] = {p.pk: [] for p in people}
    task_ids = sorted({t.pk for t in tasks})
    if not found or not task_ids:
        return found
    logins = list(User.objects.unscoped("each person a roll call names is checked with their own login").filter(
        person_id__in=list(found), is_active=True).select_related("person__unit"))
    load_grants(logins)  # one read of their roles, not one or two per login
    for start in range(0, len(logins), LOGINS_PER_QUERY):
        for person_id, task_id in _reportable_pairs(logins[start:start + LOGINS_PER_QUERY], task_ids):
            found[person_id].append(task_id)
    return {pk: sorted(ids) for pk, ids in found.items()}


def _reportable_pairs(logins: list[User], task_ids: list[int]):
    """(person id, task id) for each login's reportable tasks among `task_ids`: each login's own
    list, as a branch of one statement. The person id is cast so PostgreSQL's server-side
    binding knows the type of a bare parameter in the select list."""
    lists = [reportable_tasks(actor=login).filter(pk__in=task_ids).order_by()
             .values_list(Cast(Value(login.person_id), IntegerField()), "pk") for login in logins]
    lists = [rows for rows in lists if not rows.query.is_empty()]  # no role or no person: nothing to ask
    if not lists:
        return []
    return lists[0].union(*lists[1:], all=True)


def unable_to_report(dispatch: Dispatch) -> list[Person]:
    """The people a schedule names who can no longer report on any of its tasks (their rights or
    the tasks changed since it was saved): the next round will skip them."""
    people = _people_of(dispatch.pk)
    able = reportable_by(people=people, tasks=_tasks_of(dispatch.pk))
    return [p for p in people if not able[p.pk]]


def rounds_of(*, actor, dispatch: Dispatch):
    return DispatchRound.objects.visible_to(actor).filter(dispatch=dispatch)


def round_get(*, actor, pk, action: str = "view") -> DispatchRound:
    found = get_scoped(actor, DispatchRound, pk, action=action)
    return DispatchRound.objects.unscoped("the round was just checked in scope").select_related(
        "dispatch__unit").get(pk=found.pk)


def round_people(round_: DispatchRound) -> list[Person]:
    """Everyone the round's schedule names (who is called is decided when the round opens)."""
    return _people_of(round_.dispatch_id)


def round_tasks(round_: DispatchRound) -> list[Task]:
    return _tasks_of(round_.dispatch_id)


def _people_of(dispatch_id: int) -> list[Person]:
    return list(Person.objects.unscoped("the people a roll call in scope names")
                .filter(pk__in=Dispatch.people.through.objects.filter(dispatch_id=dispatch_id).values("person_id"))
                .select_related("unit").order_by("unit__path", "name"))


def _tasks_of(dispatch_id: int) -> list[Task]:
    through = Dispatch.tasks.through
    return list(Task.objects.unscoped("the tasks a roll call in scope names")
                .filter(pk__in=through.objects.filter(dispatch_id=dispatch_id).values("task_id"))
                .order_by("id"))


def red_tasks(round_: DispatchRound) -> list[Task]:
    return [t for t in round_tasks(round_) if t.light == Light.RED]


def board(round_: DispatchRound) -> list[BoardRow]:
    """The board of a round: live from the reports while it is open, from its entries once closed."""
    if round_.status == RoundStatus.CLOSED:
        return _frozen(round_)
    if round_.status == RoundStatus.SCHEDULED:  # not called yet: everyone the schedule names, as a preview
        return sorted((BoardRow(person_id=p.pk, name=p.name, unit=p.unit.name) for p in round_people(round_)),
                      key=_order)
    # open: the people called when it opened (their entries), whatever the schedule says since
    rows = {e.person_id: BoardRow(person_id=e.person_id, name=e.person_name, unit=e.unit_name)
            for e in RollCallEntry.objects.unscoped("the entries of a round in scope").filter(round=round_)}
    if rows:
        for report in _reports(round_, list(rows)):
            rows[report.reporter.person_id].reports.append(report)
    return sorted(rows.values(), key=_order)


def _order(row: BoardRow):
    return (0 if row.reported else 1, row.reported_at.timestamp() if row.reported_at else 0, row.unit, row.name)


def _reports(round_: DispatchRound, person_ids: list[int]):
    return (_round_reports(round_, person_ids, [t.pk for t in round_tasks(round_)])
            .select_related("task", "reporter").order_by("created_at", "id"))


def _round_reports(round_: DispatchRound, person_ids, task_ids):
    """The reports that answer a round: by its people on its tasks, made since it opened or for its period."""
    since = Q(created_at__gte=round_.opened_at) if round_.opened_at else Q(pk__in=[])
    period = Q(period=round_.period) if round_.period else Q(pk__in=[])
    return (ProgressReport.objects.unscoped("a roll call compares the reports on its own tasks")
            .filter(task_id__in=task_ids, reporter__person_id__in=person_ids).filter(since | period))


def people_answered(round_: DispatchRound, entries) -> list[int]:
    """The people of `entries` (of `round_`) who have reported, as the board counts reports, on
    every task they were called for: their roll call asks nothing more of them. An entry that does
    not know its tasks (its round opened before entries kept them) waits for the close. One query."""
    asked = {e.person_id: set(e.task_ids) for e in entries if e.task_ids}
    if not asked:
        return []
    done: dict[int, set[int]] = {pk: set() for pk in asked}
    rows = _round_reports(round_, list(asked), sorted(set().union(*asked.values())))
    for person_id, task_id in rows.order_by().values_list("reporter__person_id", "task_id").distinct():
        done[person_id].add(task_id)
    return [pk for pk, tasks in asked.items() if tasks <= done[pk]]


# how many of a schedule's latest closed rounds are read to count the roll calls missed in a row
MISSES_LOOKBACK = 5


def missed_in_a_row(round_: DispatchRound, person_ids) -> dict[int, list]:
    """For each of `person_ids`, the dates of the roll calls of the round's schedule they missed in
    a row up to and with this closed round, oldest first (among its MISSES_LOOKBACK latest): a
    round that did not call them neither breaks nor lengthens the run, a report ends it. Two queries."""
    rounds = list(DispatchRound.objects.unscoped("the schedule's latest closed rounds").filter(
        dispatch_id=round_.dispatch_id, status=RoundStatus.CLOSED, date__lte=round_.date)
        .order_by("-date").values_list("pk", "date")[:MISSES_LOOKBACK])
    called = {(person_id, round_id): reported for person_id, round_id, reported in
              RollCallEntry.objects.unscoped("who the latest rounds called and who reported").filter(
                  round_id__in=[pk for pk, _date in rounds], person_id__in=list(person_ids))
              .values_list("person_id", "round_id", "reported_at")}
    missed: dict[int, list] = {}
    for person_id in person_ids:
        days = missed[person_id] = []
        for pk, day in rounds:  # latest first
            if (person_id, pk) not in called:
                continue
            if called[(person_id, pk)] is not None:
                break
            days.insert(0, day)
    return missed


def _frozen(round_: DispatchRound) -> list[BoardRow]:
    entries = RollCallEntry.objects.unscoped("the entries of a round in scope").filter(round=round_)
    rows = []
    for e in entries:
        row = BoardRow(person_id=e.person_id, name=e.person_name, unit=e.unit_name, urged_at=e.urged_at)
        if e.reported_at:
            row.reports = [_Frozen(e)]
        rows.append(row)
    return sorted(rows, key=_order)


class _Frozen:
    """A closed entry read back as if it were the report it recorded."""

    def __init__(self, entry: RollCallEntry):
        self.created_at = entry.reported_at
        self.text = entry.text
        self.difficulty_items = [line for line in entry.difficulties.splitlines() if line.strip()]
