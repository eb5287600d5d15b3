"""/api/v1/ for urges, problem transitions and inspections: scoped like the pages, Chinese errors."""

import pytest

from luoshi.supervision import services
from luoshi.supervision.tests.factories import behind_task, make_task, person, problem_in


@pytest.mark.django_db
def test_urge_issue_list_and_answer_through_the_api(world, client_as):
    task = behind_task(world)
    office = client_as("office")
    response = office.post(f"/api/v1/tasks/{task.pk}/urges/", {"colour": "red", "message": "立即上报"},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    urge = response.json()
    assert (urge["colour"], urge["proposed_colour"], urge["owner"]) == ("red", "yellow", "village之人")
    village = client_as("village")
    mine = village.get("/api/v1/urges/?mine=true").json()
    assert mine["count"] == 1 and mine["items"][0]["id"] == urge["id"]
    answered = village.post(f"/api/v1/urges/{urge['id']}/answer/", {"answer": "已上报"},
                            content_type="application/json")
    assert answered.status_code == 200 and answered.json()["status"] == "answered"
    again = village.post(f"/api/v1/urges/{urge['id']}/answer/", {"answer": "再答"}, content_type="application/json")
    assert again.status_code == 400 and "不能再操作" in again.json()["detail"]


@pytest.mark.django_db
def test_urges_out_of_scope_are_404_and_refused_roles_403(world, client_as):
    task = make_task(world)
    urge = services.urge_issue(actor=world.user("office"), task=task)
    assert client_as("outsider").get(f"/api/v1/urges/{urge.pk}/").status_code == 404
    assert client_as("outsider").post(f"/api/v1/tasks/{task.pk}/urges/", {}, content_type="application/json"
                                      ).status_code == 404
    refused = client_as("village").post(f"/api/v1/tasks/{task.pk}/urges/", {}, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["detail"]
    assert client_as("outsider").get("/api/v1/urges/").json()["count"] == 0


@pytest.mark.django_db
def test_each_problem_transition_has_its_endpoint(world, client_as):
    problem = problem_in(world, "found")
    office, village = client_as("office"), None
    r = office.post(f"/api/v1/problems/{problem.pk}/assign/", {"owner_id": person(world, "village").pk},
                    content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "assigned"
    village = client_as("village")
    assert village.post(f"/api/v1/problems/{problem.pk}/start/").json()["status"] == "rectifying"
    empty = village.post(f"/api/v1/problems/{problem.pk}/request_close/", {"evidence": ""})
    assert empty.status_code == 400 and empty.json()["errors"][0]["field"] == "evidence"
    assert village.post(f"/api/v1/problems/{problem.pk}/request_close/", {"evidence": "已清理"}).json()[
        "status"] == "closing"
    assert village.post(f"/api/v1/problems/{problem.pk}/close/").status_code == 403
    office = client_as("office")
    back = office.post(f"/api/v1/problems/{problem.pk}/send_back/", {"reason": "照片不清"},
                       content_type="application/json")
    assert back.json()["status"] == "returned"
    village = client_as("village")
    village.post(f"/api/v1/problems/{problem.pk}/request_close/", {"evidence": "补充照片"})
    office = client_as("office")
    closed = office.post(f"/api/v1/problems/{problem.pk}/close/").json()
    assert closed["status"] == "closed" and closed["closed_by"] == "office之人" and closed["light"] == "green"
    reopened = office.post(f"/api/v1/problems/{problem.pk}/reopen/", {"reason": "复发"},
                           content_type="application/json")
    assert reopened.json()["status"] == "rectifying"
    wrong = office.post(f"/api/v1/problems/{problem.pk}/close/")
    assert wrong.status_code == 400 and "不能核验销号" in wrong.json()["detail"]
    assert client_as("outsider").post(f"/api/v1/problems/{problem.pk}/start/").status_code == 404


@pytest.mark.django_db
def test_maker_checker_through_the_api(world, client_as):
    problem = problem_in(world, "closing", requester="office")
    refused = client_as("office").post(f"/api/v1/problems/{problem.pk}/close/")
    assert refused.status_code == 400 and "申请人以外" in refused.json()["detail"]


@pytest.mark.django_db
def test_inspections_through_the_api(world, client_as):
    task = make_task(world)
    office = client_as("office")
    created = office.post("/api/v1/inspections/", {"date": "2024-05-06", "task_id": task.pk, "rating": "poor",
                                                   "findings": ["公厕无人保洁"],
                                                   "inspector_ids": [person(world, "office").pk]},
                          content_type="application/json")
    assert created.status_code == 201, created.content
    finding = created.json()["findings"][0]
    problem = office.post(f"/api/v1/findings/{finding['id']}/problem/")
    assert problem.status_code == 201 and problem.json()["status"] == "found"
    listed = client_as("village").get("/api/v1/inspections/").json()
    assert listed["count"] == 1 and listed["items"][0]["findings"][0]["problem_id"] == problem.json()["id"]
    assert client_as("outsider").get("/api/v1/inspections/").json()["count"] == 0
    bad = office.post("/api/v1/inspections/", {"date": "2024-05-06"}, content_type="application/json")
    assert bad.status_code == 400 and "被检查单位" in bad.json()["detail"]
    assert client_as("village").post("/api/v1/inspections/", {"date": "2024-05-06", "unit_id": 1},
                                     content_type="application/json").status_code in (403, 404)


def test_a_problem_lists_the_steps_the_caller_may_take(world, client_as):
    problem = problem_in(world, "closing")  # asked to close by the village
    assert client_as("village").get(f"/api/v1/problems/{problem.pk}/actions/").json() == []
    steps = client_as("office").get(f"/api/v1/problems/{problem.pk}/actions/").json()
    assert {s["action"] for s in steps} == {"close", "send_back"} and "核验销号" in {s["label"] for s in steps}
