"""Reads of roll calls: the schedules and rounds in the actor's scope, and the live board of a
round (who has reported on the round's tasks since it opened, or for its period)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from luoshi.core.scope import get_scoped
from luoshi.dispatch.models import Dispatch, DispatchRound, RollCallEntry, RoundStatus
from luoshi.org.models import Person, Unit, UnitKind, User
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
    return {"units": Unit.objects.visible_to(actor).filter(units),
            "people": Person.objects.visible_to(actor).filter(people).select_related("unit"),
            "tasks": Task.objects.visible_to(actor).filter(tasks)}


def reportable_by(*, people, tasks) -> dict[int, list[int]]:
    """For each of `people`, the ids of `tasks` they can report on: what their own login lists as
    theirs to report on (progress' `reportable_tasks`: 我的任务, where a roll call's notice leads),
    so a roll call asks each person only about work the data scope lets them report. Someone
    without an active login can report on none. One query per login, on top of its grants."""
    found: dict[int, list[int]] = {p.pk: [] for p in people}
    task_ids = [t.pk for t in tasks]
    if not found or not task_ids:
        return found
    logins = User.objects.unscoped("each person a roll call names is checked with their own login").filter(
        person_id__in=list(found), is_active=True).select_related("person__unit")
    for login in logins:
        found[login.person_id] = list(reportable_tasks(actor=login).filter(pk__in=task_ids)
                                      .values_list("pk", flat=True))
    return found


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
    since = Q(created_at__gte=round_.opened_at) if round_.opened_at else Q(pk__in=[])
    period = Q(period=round_.period) if round_.period else Q(pk__in=[])
    return (ProgressReport.objects.unscoped("a roll call compares the reports on its own tasks")
            .filter(task_id__in=[t.pk for t in round_tasks(round_)], reporter__person_id__in=person_ids)
            .filter(since | period).select_related("task", "reporter").order_by("created_at", "id"))


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
