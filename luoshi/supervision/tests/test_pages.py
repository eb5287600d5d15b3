"""Every supervision page as every persona (one line each), and the pages' flows end to end."""

import pytest

from luoshi.org.testing import ROLES, client_for
from luoshi.supervision import services
from luoshi.supervision.models import Finding, Problem, Urge
from luoshi.supervision.tests.factories import behind_task, make_problem, make_task, person, problem_in

MATRIX = {
    "/supervision/":                 [302, 200, 200, 200, 200, 200, 200, 200],
    "/problems/{problem}/":          [302, 200, 200, 404, 200, 404, 200, 404],
    "/urges/":                       [302, 200, 200, 200, 200, 200, 200, 200],
    "/urges/{urge}/":                [302, 200, 200, 404, 200, 404, 200, 404],
    "/urges/{urge}/print/":          [302, 200, 200, 404, 200, 404, 200, 404],
    "/tasks/{task}/urge/":           [302, 200, 200, 403, 403, 403, 403, 404],
    "/inspections/":                 [302, 200, 200, 200, 200, 200, 403, 200],
    "/inspections/new/":             [302, 200, 200, 200, 403, 403, 403, 200],
    "/inspections/{inspection}/":    [302, 200, 200, 404, 200, 404, 403, 404],
}


@pytest.fixture
def ids(world):
    task = make_task(world)
    problem = make_problem(world)
    urge = services.urge_issue(actor=world.user("office"), task=task)
    inspection = services.inspection_create(actor=world.user("office"), date=task.deadline, task=task, findings="积水")
    return {"task": task.pk, "problem": problem.pk, "urge": urge.pk, "inspection": inspection.pk}


_client = client_for


@pytest.mark.django_db
@pytest.mark.parametrize("page", MATRIX)
def test_page_status_for_every_role(world, ids, page):
    url = page.format(**ids)
    got = [_client(world, role).get(url).status_code for role in ROLES]
    assert got == MATRIX[page], url


@pytest.mark.django_db
def test_the_office_issues_a_red_urge_from_the_task_and_the_owner_answers_on_the_slip(world, client_as):
    task = behind_task(world)
    page = client_as("office").get(f"/tasks/{task.pk}/urge/").content.decode()
    assert 'data-proposed="yellow"' in page
    response = client_as("office").post(f"/tasks/{task.pk}/urge/", {"colour": "red", "message": "立即整改"})
    urge = Urge.objects.unscoped("t").get()
    assert response.status_code == 302 and response.url == f"/urges/{urge.pk}/" and urge.colour == "red"
    village = client_as("village")
    assert "提交答复" in village.get(f"/urges/{urge.pk}/").content.decode()
    village.post(f"/urges/{urge.pk}/answer/", {"answer": "已整改到位"})
    assert "已整改到位" in village.get(f"/urges/{urge.pk}/").content.decode()


@pytest.mark.django_db
def test_the_detail_offers_the_actions_this_user_may_take_and_refuses_the_rest(world, client_as):
    problem = problem_in(world, "rectifying")
    village = client_as("village")
    page = village.get(f"/problems/{problem.pk}/").content.decode()
    assert 'data-action="request_close"' in page and 'data-action="close"' not in page
    village.post(f"/problems/{problem.pk}/request_close/", {"request_close-evidence": "已清理"})
    assert Problem.objects.unscoped("t").get(pk=problem.pk).status == "closing"
    response = village.post(f"/problems/{problem.pk}/close/", follow=True)
    assert "您没有执行此操作的权限" in response.content.decode() or response.status_code == 403
    office = client_as("office")
    assert 'data-action="close"' in office.get(f"/problems/{problem.pk}/").content.decode()
    office.post(f"/problems/{problem.pk}/close/")
    assert Problem.objects.unscoped("t").get(pk=problem.pk).status == "closed"


@pytest.mark.django_db
def test_maker_checker_is_explained_on_the_page(world, client_as):
    problem = problem_in(world, "closing", requester="office")
    office = client_as("office")
    page = office.get(f"/problems/{problem.pk}/").content.decode()
    assert "须由其他人员核验销号" in page and 'data-action="close"' not in page
    response = office.post(f"/problems/{problem.pk}/close/", follow=True)
    assert "申请人以外" in response.content.decode()


@pytest.mark.django_db
def test_an_inspection_recorded_on_the_page_and_a_finding_turned_into_a_problem(world, client_as):
    task = make_task(world)
    office = client_as("office")
    assert office.get(f"/inspections/new/?task={task.pk}").status_code == 200
    response = office.post("/inspections/new/", {"date": "2024-05-06", "task": task.pk, "rating": "poor",
                                                 "findings": "公厕无人保洁\n垃圾桶破损",
                                                 "inspectors": [person(world, "leader").pk]})
    assert response.status_code == 302
    finding = Finding.objects.unscoped("t").order_by("id").first()
    office.post(f"/findings/{finding.pk}/problem/")
    finding.refresh_from_db()
    assert finding.problem.source == "inspection"
    assert f"问题 #{finding.problem_id}" in office.get(response.url).content.decode()


@pytest.mark.django_db
def test_the_overview_groups_problems_by_category_and_source(world, client_as):
    make_problem(world, category="人居环境")
    make_problem(world, category="人居环境", source="enterprise", enterprise_name="鲁源食品")
    groups = client_as("office").get("/supervision/").context["groups"]
    assert groups["by_category"][0]["category"] == "人居环境" and groups["by_category"][0]["total"] == 2
    assert {row["label"] for row in groups["by_source"]} == {"大排查", "企业反映"}
