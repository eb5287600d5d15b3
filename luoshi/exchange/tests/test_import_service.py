"""The import service: all rows or none, every bad row reported, names looked up in scope."""

import random

import pytest

from luoshi.exchange.importing import import_ledger
from luoshi.ledgers.registry import get_ledger
from luoshi.ledgers.testing import PROBLEM_HEADER, TASK_HEADER, problem_row, task_row, workbook
from luoshi.plans.models import Task, WorkLine
from luoshi.plans.tests.factories import township_plan as make_plan
from luoshi.supervision.models import Problem, ProblemStatus

PROBLEMS = get_ledger("problems")
TASKS = get_ledger("tasks")


def _problems():
    return Problem.objects.unscoped("test")


@pytest.mark.django_db
def test_a_clean_problem_ledger_imports_every_row(world, tmp_path):
    path = workbook(tmp_path / "p.xlsx", PROBLEM_HEADER, [problem_row(n) for n in range(1, 6)])
    outcome = import_ledger(actor=world.user("village"), ledger=PROBLEMS, path=path)
    assert outcome.errors == [] and outcome.created == 5
    problem = _problems().order_by("id").first()
    assert problem.lead_unit == world.unit("village") and problem.status == ProblemStatus.RECTIFYING
    assert str(problem.deadline) == "2024-06-30" and problem.deadline_text == "2024年6月底"
    assert outcome.message() == "导入成功：共导入 5 条数据。"


@pytest.mark.django_db
def test_a_village_user_cannot_import_rows_into_another_village(world, tmp_path):
    rows = [problem_row(1), problem_row(2, "庙口村"), problem_row(3, "柳林村")]
    path = workbook(tmp_path / "p.xlsx", PROBLEM_HEADER, rows)
    outcome = import_ledger(actor=world.user("village"), ledger=PROBLEMS, path=path)
    assert [(e["row"], e["column"]) for e in outcome.errors] == [(4, "F"), (5, "F")]
    assert all("不在您的数据权限范围内" in e["reason"] for e in outcome.errors)
    assert outcome.created == 0 and not _problems().exists()


@pytest.mark.django_db
def test_the_office_imports_the_same_rows_for_its_villages(world, tmp_path):
    rows = [problem_row(1), problem_row(2, "庙口村")]
    outcome = import_ledger(actor=world.user("office"), ledger=PROBLEMS,
                            path=workbook(tmp_path / "p.xlsx", PROBLEM_HEADER, rows))
    assert outcome.errors == [] and _problems().count() == 2


@pytest.mark.django_db
def test_ten_thousand_rows_with_37_planted_errors_commit_nothing_and_report_exactly_those(world, tmp_path):
    rng = random.Random(5)
    bad = set(rng.sample(range(10_000), 37))
    kinds = ["unit", "status", "deadline", "empty"]
    rows, expected = [], set()
    for n in range(10_000):
        row = problem_row(n + 1)
        if n in bad:
            kind = kinds[n % 4]
            if kind == "unit":
                row[5] = "柳林村"
            elif kind == "status":
                row[9] = "差不多了"
            elif kind == "deadline":
                row[8] = "2024年13月45日"
            else:
                row[2] = None
            expected.add(n + 3)
        rows.append(row)
    path = workbook(tmp_path / "big.xlsx", PROBLEM_HEADER, rows)
    outcome = import_ledger(actor=world.user("office"), ledger=PROBLEMS, path=path)
    assert {e["row"] for e in outcome.errors} == expected and outcome.bad_rows == 37
    assert all(e["sheet"] == "台账" and e["column"] and e["reason"] for e in outcome.errors)
    assert outcome.message().startswith("很抱歉，导入失败！共 37 条数据格式不正确")
    assert not _problems().exists()


@pytest.mark.django_db
def test_a_fixed_file_then_imports_in_full(world, tmp_path):
    rows = [problem_row(1), problem_row(2, status="差不多了")]
    path = workbook(tmp_path / "p.xlsx", PROBLEM_HEADER, rows)
    assert import_ledger(actor=world.user("village"), ledger=PROBLEMS, path=path).bad_rows == 1
    rows[1] = problem_row(2, status="已交办")
    outcome = import_ledger(actor=world.user("village"), ledger=PROBLEMS, path=workbook(path, PROBLEM_HEADER, rows))
    assert outcome.created == 2 and _problems().filter(status=ProblemStatus.ASSIGNED).count() == 1


@pytest.mark.django_db
def test_a_dry_run_validates_but_saves_nothing(world, tmp_path):
    path = workbook(tmp_path / "p.xlsx", PROBLEM_HEADER, [problem_row(1)])
    outcome = import_ledger(actor=world.user("village"), ledger=PROBLEMS, path=path, dry_run=True)
    assert outcome.ok and outcome.created == 0 and not _problems().exists()


@pytest.mark.django_db
def test_abbreviated_unit_names_and_leaders_by_surname_and_title_resolve(world, tmp_path):
    from luoshi.org import services

    services.person_create(actor=world.admin, unit=world.unit("township"), name="王建国", title="镇长")
    row = problem_row(1, "经济发展办")
    row[4], row[6] = "王镇长", "路村、庙口村"
    outcome = import_ledger(actor=world.user("office"), ledger=PROBLEMS,
                            path=workbook(tmp_path / "p.xlsx", PROBLEM_HEADER, [row]))
    assert outcome.errors == []
    problem = _problems().get()
    assert problem.lead_unit == world.unit("department") and problem.leader.name == "王建国"
    assert set(problem.co_units.through.objects.filter(problem=problem).values_list("unit_id", flat=True)) == {
        world.unit("village").pk, world.unit("other_village_same_township").pk}


@pytest.mark.django_db
def test_an_unknown_person_is_an_error_on_that_cell(world, tmp_path):
    row = problem_row(1, owner="查无此人")
    outcome = import_ledger(actor=world.user("village"), ledger=PROBLEMS,
                            path=workbook(tmp_path / "p.xlsx", PROBLEM_HEADER, [row]))
    assert outcome.errors == [{"sheet": "台账", "row": 3, "column": "H",
                               "reason": "责任人“查无此人”不存在或不在您的数据权限范围内"}]


@pytest.mark.django_db
def test_task_rows_become_draft_tasks_of_the_chosen_plan_with_their_lines(world, tmp_path):
    plan = make_plan(world)
    rows = [task_row(1), task_row(2, line="项目建设专线", deadline="长期坚持"), task_row(3, deadline="每月")]
    path = workbook(tmp_path / "t.xlsx", TASK_HEADER, rows, title="××镇2024年重点工作任务分解表")
    outcome = import_ledger(actor=world.user("office"), ledger=TASKS, path=path, options={"plan": plan})
    assert outcome.errors == [] and outcome.created == 3
    tasks = Task.objects.unscoped("test").filter(plan=plan).order_by("id")
    assert [t.status for t in tasks] == ["draft"] * 3
    assert [t.recurrence for t in tasks] == ["", "ongoing", "monthly"]
    assert sorted(WorkLine.objects.unscoped("test").filter(plan=plan).values_list("name", flat=True)) == [
        "经济发展专线", "项目建设专线"]
    assert tasks[0].lead_unit == world.unit("department") and tasks[0].scope_path == world.unit("department").path


@pytest.mark.django_db
def test_only_those_who_may_add_lines_create_missing_ones(world, tmp_path):
    from luoshi.core.roles import RoleCode
    from luoshi.org.testing import make_user

    plan = make_plan(world)
    planner = make_user(world.admin, "planner", world.unit("office_dept"), RoleCode.OFFICE, world.unit("township"))
    path = workbook(tmp_path / "t.xlsx", TASK_HEADER, [task_row(1)])
    outcome = import_ledger(actor=planner, ledger=TASKS, path=path, options={"plan": plan}, dry_run=True)
    assert outcome.errors == []
    leader = world.user("leader")
    outcome = import_ledger(actor=leader, ledger=TASKS, path=path, options={"plan": plan}, dry_run=True)
    assert outcome.errors  # a leader neither adds tasks nor lines


@pytest.mark.django_db
def test_every_imported_row_has_its_own_audit_entry_and_the_chain_still_verifies(world, tmp_path):
    from luoshi.core.audit import verify_chain
    from luoshi.core.models import AuditAction, AuditEntry

    path = workbook(tmp_path / "p.xlsx", PROBLEM_HEADER, [problem_row(n) for n in range(1, 4)])
    import_ledger(actor=world.user("village"), ledger=PROBLEMS, path=path)
    entries = AuditEntry.objects.unscoped("test").filter(action=AuditAction.CREATE, object_type="supervision.problem")
    assert sorted(int(e.object_id) for e in entries) == sorted(_problems().values_list("id", flat=True))
    assert all(e.unit_path == world.unit("village").path for e in entries)
    assert verify_chain().ok
