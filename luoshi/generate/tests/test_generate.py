"""The generator at tiny scale: every row in scope of its unit, derived fields consistent with
what they derive from, the audit chain intact, and the same data for the same seed. Urges and
roll calls are checked against what `supervision.urging` and `dispatch.services` keep."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from luoshi.core import audit
from luoshi.core.errors import ServiceError
from luoshi.core.models import AuditEntry
from luoshi.core.roles import RoleCode
from luoshi.dispatch.models import Dispatch, DispatchRound, RollCallEntry, RoundStatus
from luoshi.generate.build import generate
from luoshi.org.models import Person, RoleAssignment, Unit, UnitKind, User
from luoshi.plans import lights
from luoshi.plans.light_store import stale_lights
from luoshi.plans.models import Indicator, Milestone, Task, TaskStatus
from luoshi.progress import selectors as progress_selectors
from luoshi.progress.models import IndicatorValue, ProgressReport
from luoshi.supervision.models import Problem, ProblemStatus, Urge, UrgeColour, UrgeLevel, UrgeSource, UrgeStatus
from luoshi.supervision.urging import due_level, escalate_hours, unit_head

ANCHOR = dt.date(2026, 9, 15)


def _all(model):
    return model.objects.unscoped("the test inspects every generated row")


@pytest.fixture
def generated(db):
    return generate(scale="tiny", seed=7, anchor=ANCHOR, log=lambda _m: None)


def test_units_have_consistent_paths_and_depths(generated):
    units = {u.pk: u for u in _all(Unit)}
    for unit in units.values():
        parent = units.get(unit.parent_id)
        assert unit.path == f"{parent.path if parent else '/'}{unit.pk}/"
        assert unit.depth == (parent.depth + 1 if parent else 1)
    kinds = {u.kind for u in units.values()}
    assert kinds == set(UnitKind.values)


def test_every_row_carries_its_unit_scope(generated):
    for task in _all(Task).select_related("lead_unit"):
        assert task.scope_path == task.lead_unit.path
    tasks = dict(_all(Task).values_list("pk", "scope_path"))
    for task_id, path in _all(ProgressReport).values_list("task_id", "scope_path"):
        assert path == tasks[task_id]
    for problem in _all(Problem).select_related("lead_unit"):
        assert problem.scope_path == problem.lead_unit.path


def test_tasks_agree_with_their_reports_and_lights(generated):
    reports = _all(ProgressReport).order_by("created_at", "id")
    latest_percent, last_at, periods = {}, {}, {}
    for r in reports:
        if r.percent is not None:
            latest_percent[r.task_id] = r.percent
        last_at[r.task_id] = r.created_at
        if r.period:
            periods.setdefault(r.task_id, set()).add(r.period)
    assert reports.count() > 100 and periods
    assert stale_lights(today=ANCHOR) == []  # every stored light is what the light store would store
    whole = set(_all(Task).filter(parent__isnull=False).values_list("parent_id", flat=True))
    for task in _all(Task).exclude(pk__in=whole):  # a split task's light is its parts'; the rest their own
        expected = 100 if task.status == TaskStatus.COMPLETED else latest_percent.get(task.pk, 0)
        assert task.progress == expected, task.title
        assert task.last_report_at == last_at.get(task.pk)
        assert set(task.reported_periods.split()) == periods.get(task.pk, set()), task.title
        light, reasons = progress_selectors.light_recounted(task, today=ANCHOR)
        assert (task.light, task.light_reason) == (light, lights.join_reasons(reasons)), task.title
    assert {t.status for t in _all(Task)} == set(TaskStatus.values)
    assert {"red", "yellow", "green"} <= set(_all(Task).values_list("light", flat=True))
    assert _all(Milestone).exists() and _all(Task).exclude(recurrence="").exists()


def test_indicator_sums_follow_the_rollup_rules(generated):
    latest: dict[tuple[int, int], Decimal] = {}
    for value in _all(IndicatorValue).select_related("report").order_by("id"):
        latest[(value.indicator_id, value.report.unit_id)] = value.value
    for ind in _all(Indicator).filter(register_measure=""):  # a bound target counts its register (below)
        children = list(_all(Indicator).filter(parent=ind))
        if children:
            assert ind.target == sum(c.target for c in children)
            actuals = [c.actual for c in children if c.actual is not None]
            assert ind.actual == (sum(actuals, Decimal(0)) if actuals else None)
        else:
            own = [v for (i, _u), v in latest.items() if i == ind.pk]
            assert ind.actual == (sum(own, Decimal(0)) if own else None)
    assert _all(IndicatorValue).aggregate(n=Max("id"))["n"]


def test_logins_cover_every_role_and_share_the_printed_password(generated):
    roles = set(_all(RoleAssignment).values_list("role", flat=True))
    assert roles == set(RoleCode.values)
    users = list(_all(User).filter(username__contains="."))
    assert users and all(u.person_id and not u.must_change_password for u in users)
    assert users[0].check_password(generated["password"])
    assert {row["username"] for row in generated["logins"]} >= {u.username for u in users}
    assert not _all(User).filter(username__contains=".", role_assignments__isnull=True).exists()
    assert _all(Person).count() > len(users)


def test_scope_holds_on_generated_data(generated):
    village_user = _all(User).get(username="t01.v01")
    village = village_user.person.unit
    visible = Task.objects.visible_to(village_user)
    assert visible.exists()
    assert all(path.startswith(village.path) for path in visible.values_list("scope_path", flat=True))
    other_office = _all(User).get(username="t02.office1")
    t1 = _all(Unit).get(kind=UnitKind.TOWNSHIP, sort_order=0)
    assert not Task.objects.visible_to(other_office).filter(scope_path__startswith=t1.path).exists()
    assert not ProgressReport.objects.visible_to(other_office).filter(scope_path__startswith=t1.path).exists()


def test_the_registers_feed_their_bound_targets_as_plans_measures_counts_them(generated):
    from luoshi.economy.models import CollectiveIncome, InvestmentProject
    from luoshi.plans import measures

    bound = _all(Indicator).exclude(register_measure="")
    assert bound.filter(register_measure="projects.yi_signed").count() == 2  # one per township
    assert bound.filter(register_measure="income.total", parent=None).count() == 2
    assert measures.stale_counts() == []  # every stored actual is the register's count
    assert all(i.actual is not None for i in bound)
    for model in (InvestmentProject, CollectiveIncome):
        rows = _all(model)
        assert rows.exists() and not rows.filter(scope_path="").exists()
    assert _all(InvestmentProject).filter(yi_project=True).exclude(amount__gte=10000).count() == 0


def test_problems_exist_in_every_state(generated):
    assert set(_all(Problem).values_list("status", flat=True)) == set(ProblemStatus.values)


def test_the_audit_chain_verifies_and_tells_each_tasks_story(generated):
    report = audit.verify_chain()
    assert report.ok and report.checked == generated["totals"]["audit"]
    task = _all(Task).filter(status=TaskStatus.COMPLETED).first()
    actions = set(_all(AuditEntry).filter(object_type="plans.task", object_id=str(task.pk))
                  .values_list("message", flat=True))
    assert {"部署任务", "签收任务", "验收办结"} <= actions and any(m.startswith("申请办结：") for m in actions)
    assert _all(AuditEntry).filter(parent_type="plans.task", parent_id=str(task.pk),
                                   object_type="progress.progressreport").exists()


_serial = re.compile(r"〔\d{4}〕\d+")  # a slip's number is made from its id


def _fingerprint() -> list:
    """The data without database ids (sequences differ between runs on PostgreSQL)."""
    units = sorted(_all(Unit).values_list("name", "kind", "depth", "parent__name"))
    tasks = list(_all(Task).order_by("id").values_list("title", "lead_unit__name", "deadline", "status", "progress",
                                                       "light", "light_reason", "last_report_at", "created_at"))
    reports = list(_all(ProgressReport).order_by("id").values_list("task__title", "created_at", "percent", "text",
                                                                   "period", "reporter__username"))
    problems = list(_all(Problem).order_by("id").values_list("title", "status", "lead_unit__name", "deadline"))
    entries = [(at, action, kind, _serial.sub("〔#〕", text), actor, message) for at, action, kind, text, actor, message
               in _all(AuditEntry).order_by("id").values_list("at", "action", "object_type", "object_repr",
                                                              "actor__username", "message")]
    people = list(_all(Person).order_by("id").values_list("name", "phone", "id_card", "unit__name"))
    # not the slip's number: it is made from its id, as the real service makes it
    urges = list(_all(Urge).order_by("id").values_list("task__title", "colour", "reason", "status", "level",
                                                       "issued_at", "answered_at", "answer", "source"))
    calls = list(_all(RollCallEntry).order_by("id").values_list(
        "round__dispatch__unit__name", "round__date", "round__red_count", "person_name", "reported_at", "text",
        "urged_at", "report__created_at"))
    return [units, tasks, reports, problems, entries, people, urges, calls]


def _generate_and_forget(seed: int) -> list:
    with transaction.atomic():
        generate(scale="tiny", seed=seed, anchor=ANCHOR, log=lambda _m: None)
        printed = _fingerprint()
        transaction.set_rollback(True)
    return printed


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    first, second, other = _generate_and_forget(7), _generate_and_forget(7), _generate_and_forget(8)
    assert first == second
    assert first[1] != other[1] and first[6] != other[6] and first[7] != other[7]


def test_a_second_county_is_refused(generated):
    with pytest.raises(ServiceError):
        generate(scale="tiny", seed=7, anchor=ANCHOR, log=lambda _m: None)


def test_an_anchor_before_march_is_refused(db):
    with pytest.raises(ServiceError):
        generate(scale="tiny", seed=7, anchor=dt.date(2026, 1, 20), log=lambda _m: None)


def test_the_cli_offers_gen():
    from luoshi.cli import build_parser, cmd_gen

    args = build_parser().parse_args(["gen", "--scale", "tiny", "--seed", "3", "--anchor", "2026-06-30"])
    assert (args.func, args.scale, args.seed, args.anchor) == (cmd_gen, "tiny", 3, "2026-06-30")


# -- urges (督办单) ----------------------------------------------------------------------------------
NOW = timezone.make_aware(dt.datetime.combine(ANCHOR, dt.time(9, 0)))  # the data set's present


def _township(n: int) -> Unit:
    return _all(Unit).get(kind=UnitKind.TOWNSHIP, sort_order=n)


def test_urges_come_in_every_colour_state_level_and_source(generated):
    urges = _all(Urge)
    assert generated["totals"]["urges"] == urges.count() > 0
    assert set(urges.values_list("colour", flat=True)) == set(UrgeColour.values)
    assert set(urges.values_list("status", flat=True)) == set(UrgeStatus.values)
    assert set(urges.values_list("level", flat=True)) == set(UrgeLevel.values)
    assert set(urges.values_list("source", flat=True)) == {UrgeSource.MANUAL, UrgeSource.DISPATCH}


def test_urges_keep_what_issuing_escalating_and_answering_leave(generated):
    hours = escalate_hours()
    for urge in _all(Urge).select_related("task__lead_unit", "answered_by", "issued_by"):
        task, issued = urge.task, urge.issued_at
        assert urge.scope_path == task.scope_path and urge.owner_id == task.owner_id
        assert urge.number == f"督〔{timezone.localdate(issued).year}〕{urge.pk:05d}号"
        assert task.deployed_at <= issued < NOW and (task.completed_at is None or issued < task.completed_at)
        assert RoleCode.OFFICE in _roles(urge.issued_by) or RoleCode.LEADER in _roles(urge.issued_by)
        step = dt.timedelta(hours=hours[urge.colour])
        assert (urge.head_at is not None) == (urge.level >= UrgeLevel.HEAD)
        assert (urge.leader_at is not None) == (urge.level == UrgeLevel.LEADER)
        if urge.head_at:
            head = unit_head(task.lead_unit)
            assert urge.head_at >= issued + step and urge.head_id == (None if head.pk == urge.owner_id else head.pk)
        if urge.leader_at:
            assert urge.leader_at >= issued + 2 * step
            assert urge.leader_id == (None if task.leader_id == urge.owner_id else task.leader_id)
        answered = urge.status == UrgeStatus.ANSWERED
        assert answered == (urge.answered_at is not None) == (urge.answered_by_id is not None) == bool(urge.answer)
        if answered:
            assert issued < urge.answered_at < NOW
            assert urge.answered_by.person_id in (urge.owner_id, urge.head_id, urge.leader_id)
            assert urge.head_at is None or urge.head_at < urge.answered_at
        if urge.status == UrgeStatus.OPEN:
            assert urge.level == due_level(urge, NOW)  # the escalation job is up to date
        if urge.source == UrgeSource.DISPATCH:
            assert "调度点名未上报" in urge.message and urge.due == timezone.localdate(issued) + dt.timedelta(days=1)
            assert urge.colour == urge.proposed_colour
        elif urge.colour == UrgeColour.BLUE:  # a 临期提醒: the deadline was near
            assert 0 <= (task.deadline - timezone.localdate(issued)).days <= lights.LightRules().deadline_warn_days
        else:
            assert urge.proposed_colour in (urge.colour, UrgeColour.YELLOW)


def _roles(user) -> set[str]:
    return set(_all(RoleAssignment).filter(user=user).values_list("role", flat=True))


def test_urges_are_seen_by_their_owner_and_township_only(generated):
    t1, t2 = _township(0), _township(1)
    mine = _all(Urge).filter(scope_path__startswith=t1.path)
    assert mine.exists() and _all(Urge).filter(scope_path__startswith=t2.path).exists()
    office, other = _all(User).get(username="t01.office1"), _all(User).get(username="t02.office1")
    assert set(Urge.objects.visible_to(office).values_list("pk", flat=True)) == set(mine.values_list("pk", flat=True))
    assert not Urge.objects.visible_to(other).filter(scope_path__startswith=t1.path).exists()
    for owner_id in set(mine.values_list("owner_id", flat=True)):
        login = _all(User).get(person_id=owner_id)  # a village secretary or a department head
        own = set(mine.filter(owner_id=owner_id).values_list("pk", flat=True))
        assert own <= set(Urge.objects.visible_to(login).values_list("pk", flat=True))


def test_each_urge_is_audited_as_issued_escalated_and_answered(generated):
    for urge in _all(Urge).filter(status=UrgeStatus.ANSWERED, level__gt=0)[:5]:
        log = list(_all(AuditEntry).filter(object_type="supervision.urge", object_id=str(urge.pk)).order_by("at", "id"))
        actions = [(e.action, e.actor_id) for e in log]
        assert actions[0] == ("create", urge.issued_by_id) and actions[-1] == ("update", urge.answered_by_id)
        assert [e.actor_id for e in log[1:-1]] == [None] * urge.level  # the escalation job acts as 系统
        assert all(e.parent_type == "plans.task" and e.parent_id == str(urge.task_id) for e in log)


# -- roll calls (一三五调度点名) ---------------------------------------------------------------------
def test_each_township_has_a_schedule_with_a_round_every_mon_wed_fri(generated):
    for n in range(2):
        dispatch = _all(Dispatch).get(unit=_township(n))
        rounds = list(_all(DispatchRound).filter(dispatch=dispatch).order_by("date"))
        first = rounds[0].date
        days = [first + dt.timedelta(days=i) for i in range((ANCHOR - first).days + 1)]
        assert [r.date for r in rounds] == [d for d in days if d.weekday() in (0, 2, 4)]
        assert dispatch.weekday_list == [0, 2, 4] and dispatch.created_at < rounds[0].opened_at
        for round_ in rounds:  # ANCHOR is a Tuesday: every round is in the past
            assert round_.status == RoundStatus.CLOSED and round_.period == round_.date.isoformat()
            assert round_.opened_at < round_.closes_at <= round_.closed_at
            assert timezone.localdate(round_.opened_at) == round_.date and not round_.bulletin
            assert 0 <= round_.red_count <= dispatch.tasks.through.objects.filter(dispatch=dispatch).count()


def test_every_closed_round_calls_everyone_listed_and_counts_who_reported(generated):
    through = Dispatch.people.through
    for round_ in _all(DispatchRound).select_related("dispatch"):
        people = set(through.objects.filter(dispatch=round_.dispatch).values_list("person_id", flat=True))
        entries = list(_all(RollCallEntry).filter(round=round_))
        assert {e.person_id for e in entries} == people and round_.expected_count == len(entries)
        assert round_.reported_count == sum(1 for e in entries if e.reported_at)


def test_roll_call_entries_agree_with_their_people_reports_and_urges(generated):
    tasks = {}
    for dispatch in _all(Dispatch):
        tasks[dispatch.pk] = set(Dispatch.tasks.through.objects.filter(dispatch=dispatch).values_list("task_id",
                                                                                                     flat=True))
    entries = _all(RollCallEntry).select_related("person__unit", "report__task", "report__reporter", "round")
    kinds = set()
    for e in entries:
        round_ = e.round
        assert (e.person_name, e.unit_name) == (e.person.name, e.person.unit.name)
        if e.report:
            kinds.add("report")
            report = e.report
            assert report.reporter.person_id == e.person_id and report.task_id in tasks[round_.dispatch_id]
            assert (e.task_title, e.reported_at) == (report.task.title, report.created_at)
            assert e.text.startswith(f"【{report.task.title[:40]}】{report.text}")
            assert report.created_at >= round_.opened_at or report.period == round_.period
        if e.reported_at:
            kinds.add("answered")
            assert e.reported_at <= round_.closed_at and e.text and e.task_title and e.urged_at is None
        else:
            kinds.add("urged")
            assert e.urged_at > round_.closed_at and not e.text
    assert kinds == {"report", "answered", "urged"}
    for urge in _all(Urge).filter(source=UrgeSource.DISPATCH).select_related("task"):  # who it was for missed a call
        answers_for = Q(person_id=urge.task.owner_id) | Q(person__unit_id=urge.task.lead_unit_id)
        entry = entries.filter(answers_for, urged_at=urge.issued_at).get()
        assert urge.task_id in tasks[entry.round.dispatch_id]


def test_roll_calls_are_seen_by_their_township_office_and_leaders_only(generated):
    t1 = _township(0)
    for model, lookup in ((Dispatch, "unit"), (DispatchRound, "dispatch__unit"), (RollCallEntry, "round__dispatch__unit")):
        mine = set(_all(model).filter(**{lookup: t1}).values_list("pk", flat=True))
        assert mine
        for username in ("t01.office1", "t01.leader1"):
            user = _all(User).get(username=username)
            assert set(model.objects.visible_to(user).values_list("pk", flat=True)) == mine
        assert not model.objects.visible_to(_all(User).get(username="t02.office1")).filter(pk__in=mine).exists()


def test_rounds_are_opened_and_closed_by_the_clock_in_the_audit_log(generated):
    rounds = _all(DispatchRound).count()
    log = _all(AuditEntry).filter(object_type="dispatch.dispatchround")
    assert log.count() == 2 * rounds and not log.exclude(actor_name="系统").exists()
    assert _all(AuditEntry).filter(object_type="dispatch.dispatch", action="create").count() == 2


@pytest.mark.django_db
def test_on_a_roll_call_day_the_anchors_round_is_open_and_has_no_entries_yet():
    monday = dt.date(2026, 9, 14)
    with transaction.atomic():
        generate(scale="tiny", seed=5, anchor=monday, log=lambda _m: None)
        today = list(_all(DispatchRound).filter(date=monday))
        assert len(today) == 2 and all(r.status == RoundStatus.OPEN and r.closed_at is None for r in today)
        assert all(r.expected_count > 0 and r.opened_at < r.closes_at for r in today)
        assert not _all(RollCallEntry).filter(round__date=monday).exists()
        assert not _all(DispatchRound).filter(date__lt=monday).exclude(status=RoundStatus.CLOSED).exists()
        transaction.set_rollback(True)
