"""A report's difficulties become a problem in one step (转为问题), by the office or the task's lead
unit: prefilled from the report, linked to it, audited, once per report; refused to others, 404 out
of scope; the button sits on the task's timeline without progress importing supervision."""

import pathlib

import pytest
from django.test import Client

from luoshi.core.errors import NotAllowed
from luoshi.core.models import AuditEntry
from luoshi.org.testing import ROLES
from luoshi.progress import services as progress
from luoshi.supervision import difficulties
from luoshi.supervision.models import Problem, ProblemSource, ProblemStatus
from luoshi.supervision.tests.factories import make_task

pytestmark = pytest.mark.django_db
DIFFICULTY = "村内垃圾清运车辆不足。\n保洁员工资尚未落实"


@pytest.fixture
def report(world):
    """A report with difficulties on the village's task, by the village."""
    task = make_task(world)
    return progress.report_submit(actor=world.user("village"), task=task, text="已清理三处", difficulties=DIFFICULTY)


def _client(world, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.user(role))
    return client


def _problems():
    return Problem.objects.unscoped("test").order_by("id")


def test_who_may_turn_a_report_into_a_problem(world, report):
    # anonymous, leader, office, department, village, cadre, discipline, outsider; each on a fresh report
    expected = [302, 403, 302, 404, 302, 403, 403, 404]
    got = []
    for role in ROLES:
        fresh = progress.report_submit(actor=world.user("village"), task=report.task_id, text="x", difficulties="困难")
        got.append(_client(world, role).post(f"/reports/{fresh.pk}/problem/").status_code)
    assert got == expected
    assert _problems().count() == 2  # the office's and the village's own (its village leads the task)


def test_one_step_creates_the_problem_from_the_report_and_opens_it(world, report, client_as):
    response = client_as("office").post(f"/reports/{report.pk}/problem/")
    problem = _problems().get()
    assert response.status_code == 302 and response.url == f"/problems/{problem.pk}/"
    assert problem.description == DIFFICULTY and problem.title == "村内垃圾清运车辆不足"
    assert (problem.task_id, problem.lead_unit, problem.report_id) == (report.task_id, world.unit("village"),
                                                                       report.pk)
    assert problem.source == ProblemSource.REPORT and problem.status == ProblemStatus.FOUND
    assert problem.village == world.unit("village") and problem.scope_path == world.unit("village").path
    assert problem.leader == world.user("leader").person  # the task's 责任领导
    entry = AuditEntry.objects.unscoped("test").get(object_type="supervision.problem", object_id=str(problem.pk))
    assert entry.action == "create" and entry.parent_id == str(report.task_id)
    assert "进展反馈" in client_as("office").get(response.url).content.decode()


def test_a_report_is_converted_once_and_a_second_try_opens_the_problem_it_became(world, report, client_as):
    first = client_as("office").post(f"/reports/{report.pk}/problem/")
    again = client_as("village").post(f"/reports/{report.pk}/problem/", follow=True)
    assert _problems().count() == 1 and again.redirect_chain[-1][0] == first.url
    assert "已转为问题" in again.content.decode()
    with pytest.raises(difficulties.AlreadyConverted):
        difficulties.report_to_problem(actor=world.user("office"), report=report)


def test_a_unit_that_does_not_lead_the_task_may_not_convert_it_even_when_it_sees_the_report(world):
    task = make_task(world, unit="department", owner="village")  # the village owns it, the department leads it
    report = progress.report_submit(actor=world.user("village"), task=task, text="推进中", difficulties="缺资金")
    assert not difficulties.may_convert(world.user("village"), task)
    with pytest.raises(NotAllowed):
        difficulties.report_to_problem(actor=world.user("village"), report=report)
    assert _client(world, "village").post(f"/reports/{report.pk}/problem/").status_code == 403
    assert _client(world, "department").post(f"/reports/{report.pk}/problem/").status_code == 302
    assert _problems().get().lead_unit == world.unit("department")


def test_a_report_without_difficulties_is_not_converted(world, client_as):
    task = make_task(world)
    plain = progress.report_submit(actor=world.user("village"), task=task, text="顺利推进")
    response = client_as("office").post(f"/reports/{plain.pk}/problem/", follow=True)
    assert "没有填写困难和问题" in response.content.decode() and not _problems().exists()


def test_the_timeline_offers_the_button_to_who_may_convert_and_then_links_the_problem(world, report):
    url = f"/tasks/{report.task_id}/progress/"
    progress.report_submit(actor=world.user("village"), task=report.task_id, text="无困难")
    office = _client(world, "office").get(url).content.decode()
    assert office.count("data-report-convert=") == 1 and f'action="/reports/{report.pk}/problem/"' in office
    assert "data-report-convert" not in _client(world, "leader").get(url).content.decode()
    assert "data-report-convert" not in _client(world, "discipline").get(url).content.decode()
    problem = difficulties.report_to_problem(actor=world.user("office"), report=report)
    for role in ("office", "leader", "village", "discipline"):
        page = _client(world, role).get(url).content.decode()
        assert f'href="/problems/{problem.pk}/"' in page and "data-report-convert" not in page, role


def test_the_task_page_shows_the_button_too(world, report):
    page = _client(world, "office").get(f"/tasks/{report.task_id}/").content.decode()
    assert f'action="/reports/{report.pk}/problem/"' in page


def test_the_buttons_cost_the_same_queries_however_many_reports_have_difficulties(
        world, report, django_assert_max_num_queries):
    client, url = _client(world, "office"), f"/tasks/{report.task_id}/progress/"
    client.get(url)
    with django_assert_max_num_queries(100) as few:
        client.get(url)
    for n in range(6):
        progress.report_submit(actor=world.user("village"), task=report.task_id, text=f"第{n}次", difficulties="困难")
    difficulties.report_to_problem(actor=world.user("office"), report=report)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).content.decode().count("data-report-convert=") == 6


def test_the_api_converts_once(world, report, client_as):
    office = client_as("office")
    created = office.post(f"/api/v1/reports/{report.pk}/problem/")
    assert created.status_code == 201 and created.json()["status"] == "found"
    again = office.post(f"/api/v1/reports/{report.pk}/problem/")
    assert again.status_code == 400 and "已转为问题" in again.json()["detail"]


def test_progress_never_imports_supervision():
    progress_dir = pathlib.Path(difficulties.__file__).parents[1] / "progress"
    sources = [p for p in progress_dir.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts]
    assert sources and not [p.name for p in sources if "luoshi.supervision" in p.read_text(encoding="utf-8")]
