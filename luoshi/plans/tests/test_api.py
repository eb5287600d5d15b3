"""The plans API: the same scope, rules and audit as the pages."""

import pytest
from django.test import Client

from luoshi.org import services as org_services
from luoshi.plans.tests.factories import make_plan, make_task


def _client(world, persona) -> Client:
    _token, raw = org_services.token_create(actor=world.user(persona), name="测试")
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def plan(world):
    return make_plan(world)


def test_tasks_are_listed_with_the_page_filters_and_scope(world, plan):
    make_task(world, *plan, deploy=True)
    make_task(world, *plan, deploy=True, lead_unit=world.unit("other_village_same_township"))
    office = _client(world, "office").get("/api/v1/tasks/", {"status": "deployed", "page_size": 1}).json()
    assert office["count"] == 2 and len(office["items"]) == 1
    assert _client(world, "village").get("/api/v1/tasks/").json()["count"] == 1
    assert _client(world, "outsider").get("/api/v1/tasks/").json()["count"] == 0


def test_a_task_is_created_deployed_signed_and_returned_through_the_api(world, plan):
    office = _client(world, "office")
    body = {"plan_id": plan[0].pk, "title": "新建公交站亭", "requirement": "建成2处", "lead_unit_id": world.unit("village").pk,
            "deadline": "2024-10-31"}
    created = office.post("/api/v1/tasks/", body, content_type="application/json")
    assert created.status_code == 201
    task_id = created.json()["id"]
    assert office.post(f"/api/v1/tasks/{task_id}/deploy/").json()["status"] == "deployed"
    village = _client(world, "village")
    returned = village.post(f"/api/v1/tasks/{task_id}/return/", {"reason": "选址未定"}, content_type="application/json")
    assert returned.json()["status"] == "returned"


def test_deploying_an_incomplete_task_is_a_chinese_400_naming_the_missing_element(world, plan):
    task = make_task(world, *plan, requirement="")
    response = _client(world, "office").post(f"/api/v1/tasks/{task.pk}/deploy/")
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "requirement", "reason": "缺少干到什么程度（目标要求）"}]


def test_a_stale_version_is_409(world, plan):
    task = make_task(world, *plan)
    office = _client(world, "office")
    assert office.patch(f"/api/v1/tasks/{task.pk}/", {"title": "甲", "version": task.version},
                        content_type="application/json").status_code == 200
    stale = office.patch(f"/api/v1/tasks/{task.pk}/", {"title": "乙", "version": task.version},
                         content_type="application/json")
    assert stale.status_code == 409 and "已被他人修改" in stale.json()["detail"]


def test_out_of_scope_is_404_for_read_and_write(world, plan):
    task = make_task(world, *plan, deploy=True)
    outsider = _client(world, "outsider")
    assert outsider.get(f"/api/v1/tasks/{task.pk}/").status_code == 404
    assert outsider.post(f"/api/v1/tasks/{task.pk}/sign/").status_code == 404


def test_the_extension_flow(world, plan):
    import datetime as dt

    task = make_task(world, *plan, deploy=True, deadline=dt.date.today() + dt.timedelta(days=10))
    village = _client(world, "village")
    new = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    ext = village.post(f"/api/v1/tasks/{task.pk}/extensions/", {"new_deadline": new, "reason": "资金未到位"},
                       content_type="application/json")
    assert ext.status_code == 201
    decided = _client(world, "office").post(f"/api/v1/extensions/{ext.json()['id']}/decide/", {"approve": True},
                                            content_type="application/json")
    assert decided.json()["status"] == "approved"
    assert _client(world, "office").get(f"/api/v1/tasks/{task.pk}/").json()["deadline"] == new


def test_the_api_validates_a_task_with_the_pages_form_and_names_the_fields_as_sent(world, plan):
    office, url = _client(world, "office"), "/api/v1/tasks/"
    for body in ({"plan_id": plan[0].pk}, {"plan_id": plan[0].pk, "title": None}, {"title": "修路"},
                 {"plan_id": plan[0].pk, "title": "修路", "lead_unit_id": world.unit("other_village").pk}):
        response = office.post(url, body, content_type="application/json")
        assert response.status_code == 400, body
        fields = {e["field"] for e in response.json()["errors"]}
        assert fields and fields <= {"title", "plan_id", "lead_unit_id"}, fields
    assert office.get(url).json()["count"] == 0  # nothing was written, no task with an empty title


def test_the_api_list_reads_the_lists_filters_incl_no_line_and_whole(world, plan):
    task = make_task(world, *plan, deploy=True)
    office = _client(world, "office")
    with_line = office.get("/api/v1/tasks/", {"line": "none", "whole": "true"}).json()["count"]
    assert with_line == (1 if task.line_id is None else 0)
    assert office.get("/tasks/", {"line": "none", "whole": "1"}).content.decode().count(f"/tasks/{task.pk}/") == with_line
