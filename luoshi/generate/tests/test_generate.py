"""The generator at tiny scale: every row in scope of its unit, derived fields consistent with
what they derive from, the audit chain intact, and the same data for the same seed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Max

from luoshi.core import audit
from luoshi.core.errors import ServiceError
from luoshi.core.models import AuditEntry
from luoshi.core.roles import RoleCode
from luoshi.generate.build import generate
from luoshi.org.models import Person, RoleAssignment, Unit, UnitKind, User
from luoshi.plans.models import Indicator, Milestone, Task, TaskStatus
from luoshi.progress import lights
from luoshi.progress.models import IndicatorValue, ProgressReport
from luoshi.supervision.models import Problem, ProblemStatus

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
    latest_percent, last_at = {}, {}
    for r in reports:
        if r.percent is not None:
            latest_percent[r.task_id] = r.percent
        last_at[r.task_id] = r.created_at
    assert reports.count() > 100
    for task in _all(Task):
        expected = 100 if task.status == TaskStatus.COMPLETED else latest_percent.get(task.pk, 0)
        assert task.progress == expected, task.title
        assert task.last_report_at == last_at.get(task.pk)
        light, reasons = lights.light_for(task, today=ANCHOR)
        assert (task.light, task.light_reason) == (light, lights.join_reasons(reasons)), task.title
    assert {t.status for t in _all(Task)} == set(TaskStatus.values)
    assert {"red", "yellow", "green"} <= set(_all(Task).values_list("light", flat=True))
    assert _all(Milestone).exists() and _all(Task).exclude(recurrence="").exists()


def test_indicator_sums_follow_the_rollup_rules(generated):
    latest: dict[tuple[int, int], Decimal] = {}
    for value in _all(IndicatorValue).select_related("report").order_by("id"):
        latest[(value.indicator_id, value.report.unit_id)] = value.value
    for ind in _all(Indicator):
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


def test_problems_exist_in_every_state(generated):
    assert set(_all(Problem).values_list("status", flat=True)) == set(ProblemStatus.values)


def test_the_audit_chain_verifies_and_tells_each_tasks_story(generated):
    report = audit.verify_chain()
    assert report.ok and report.checked == generated["totals"]["audit"]
    task = _all(Task).filter(status=TaskStatus.COMPLETED).first()
    actions = set(_all(AuditEntry).filter(object_type="plans.task", object_id=str(task.pk))
                  .values_list("message", flat=True))
    assert {"部署任务", "签收任务", "办结任务"} <= actions
    assert _all(AuditEntry).filter(parent_type="plans.task", parent_id=str(task.pk),
                                   object_type="progress.progressreport").exists()


def _fingerprint() -> list:
    """The data without database ids (sequences differ between runs on PostgreSQL)."""
    units = sorted(_all(Unit).values_list("name", "kind", "depth", "parent__name"))
    tasks = list(_all(Task).order_by("id").values_list("title", "lead_unit__name", "deadline", "status", "progress",
                                                       "light", "light_reason", "last_report_at", "created_at"))
    reports = list(_all(ProgressReport).order_by("id").values_list("task__title", "created_at", "percent", "text",
                                                                   "period", "reporter__username"))
    problems = list(_all(Problem).order_by("id").values_list("title", "status", "lead_unit__name", "deadline"))
    entries = list(_all(AuditEntry).order_by("id").values_list("at", "action", "object_type", "object_repr",
                                                               "actor__username", "message"))
    people = list(_all(Person).order_by("id").values_list("name", "phone", "id_card", "unit__name"))
    return [units, tasks, reports, problems, entries, people]


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
    assert first[1] != other[1]


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
