"""The API never answers a 500 to bad input, and every error it gives, a 500 included, is the JSON error
shape `{"detail", "errors": [{"field", "reason"}]}` in Chinese (issue 19, finding 3)."""

import pytest
from django.test import Client

from luoshi.api import api
from luoshi.org import services as org_services
from luoshi.plans.models import Task
from luoshi.plans.tests.factories import make_plan
from luoshi.supervision.models import Urge
from luoshi.supervision.tests.factories import behind_task

pytestmark = pytest.mark.django_db
HUGE_PAGES = ("99999999999999999999", str(2**63 - 1), str(2**63), str(2**31))


@pytest.fixture
def office(world) -> Client:
    _token, raw = org_services.token_create(actor=world.user("office"), name="测试")
    return Client(headers={"Authorization": f"Bearer {raw}"}, raise_request_exception=False)


def _error_shape(response, status: int | None = None) -> dict:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert all(set(item) == {"field", "reason"} for item in body["errors"])
    if status is not None:
        assert response.status_code == status, response.content
    return body


def _paginated_lists() -> list[str]:
    schema = api.get_openapi_schema()
    return [path for path, ops in schema["paths"].items()
            if "get" in ops and any(p["name"] == "page" for p in ops["get"].get("parameters", ()))]


def test_every_paginated_list_is_found_by_this_test():
    assert {"/api/v1/units/", "/api/v1/tasks/", "/api/v1/urges/", "/api/v1/problems/",
            "/api/v1/tasks/{task_id}/reports/", "/api/v1/enterprises/"} <= set(_paginated_lists())


def test_a_huge_page_on_every_paginated_list_is_an_empty_page_never_a_500(world, office):
    task = behind_task(world)
    paths = _paginated_lists()
    from luoshi.org.testing import client_for

    discipline = client_for(world, "discipline")  # the cases are 纪委's alone
    for path in paths:
        url = path.format(name="tasks", task_id=task.pk)
        client = discipline if "/discipline-cases/" in url else office
        first = client.get(url)
        assert first.status_code == 200, (url, first.content[:200])
        for page in HUGE_PAGES:
            response = client.get(url, {"page": page})
            assert response.status_code == 200, (url, page, response.content[:200])
            body = response.json()
            assert body["items"] == [] and body["count"] == first.json()["count"], (url, page)


def test_a_page_that_is_not_a_number_is_a_chinese_400(office):
    body = _error_shape(office.get("/api/v1/urges/", {"page": "1e999"}), 400)
    assert body["errors"] == [{"field": "page", "reason": "应为整数"}]


def test_an_unexpected_error_is_a_json_500_in_chinese(world, office, monkeypatch):
    def broken(**_kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("luoshi.org.api.my_assignments", broken)
    body = _error_shape(office.get("/api/v1/me"), 500)
    assert "服务器内部错误" in body["detail"] and "a bug" not in body["detail"]


def test_an_unknown_api_path_is_a_json_404(office):
    body = _error_shape(office.get("/api/v1/no-such-thing/"), 404)
    assert body["errors"] == []
    _error_shape(Client().get("/api/v1/no-such-thing/"), 404)


def test_a_nul_byte_in_an_api_request_is_a_json_400(office):
    _error_shape(office.get("/api/v1/units/", {"q": "a\x00b"}), 400)


def test_malformed_json_is_a_chinese_400(office, world):
    task = behind_task(world)
    body = _error_shape(office.post(f"/api/v1/tasks/{task.pk}/urges/", "{not json", content_type="application/json"),
                        400)
    assert body["detail"] == "请求内容须是一个 JSON 对象（{…}）"


@pytest.mark.parametrize("payload", [{}, {"title": None}, {"title": ""}, {"title": "   "}])
def test_a_task_without_a_title_is_a_chinese_400_and_nothing_is_made(world, office, payload):
    plan, _line = make_plan(world)
    response = office.post("/api/v1/tasks/", {"plan_id": plan.pk, **payload}, content_type="application/json")
    body = _error_shape(response, 400)
    assert body["errors"] == [{"field": "title", "reason": "请填写工作任务（办什么事）"}]
    assert not Task.objects.unscoped("counting in a test").exists()


def test_a_task_title_cannot_be_emptied_by_an_edit(world, office):
    plan, _line = make_plan(world)
    created = office.post("/api/v1/tasks/", {"plan_id": plan.pk, "title": "修路"}, content_type="application/json")
    task = created.json()
    response = office.patch(f"/api/v1/tasks/{task['id']}/", {"title": None, "version": task["version"]},
                            content_type="application/json")
    _error_shape(response, 400)
    assert Task.objects.unscoped("reading in a test").get(pk=task["id"]).title == "修路"


@pytest.mark.parametrize("body", ['"请尽快"', "5", "null", "[]", "true", '[{"colour": "red"}]'])
def test_an_urge_whose_body_is_not_a_json_object_is_refused_and_no_slip_is_made(world, office, body):
    task = behind_task(world)
    response = office.post(f"/api/v1/tasks/{task.pk}/urges/", body, content_type="application/json")
    assert _error_shape(response, 400)["detail"] == "请求内容须是一个 JSON 对象（{…}）"
    assert not Urge.objects.unscoped("counting in a test").exists()


def test_a_session_past_its_12_hours_is_a_json_401_on_the_api(world, client):
    import time

    from luoshi.org.signals import SESSION_LOGIN_AT
    from luoshi.org.testing import PASSWORD

    client.post("/accounts/login/", {"username": "village", "password": PASSWORD})
    assert client.get("/api/v1/me").status_code == 200
    session = client.session
    session[SESSION_LOGIN_AT] = int(time.time()) - 12 * 3600 - 1
    session.save()
    body = _error_shape(client.get("/api/v1/me"), 401)
    assert body["detail"] == "未登录或令牌无效"


def test_an_id_no_column_holds_is_a_chinese_400_in_the_path_and_in_the_body(office):
    """Found by schemathesis: an id of 2^80 overflowed SQLite's driver (PostgreSQL: out of range)."""
    huge = 162010367990161161060352
    found = office.get(f"/api/v1/assessment/runs/{huge}/units/1")  # PostgreSQL compares it: no such run
    assert found.status_code in (400, 404) and _error_shape(found)["detail"]
    sent = {"name": "点名", "unit_id": -huge, "person_ids": [-huge], "task_ids": None}
    _error_shape(office.post("/api/v1/dispatches/", sent, content_type="application/json"), 400)


def test_the_schema_documents_the_error_answers_and_the_version_every_change_needs():
    schema = api.get_openapi_schema()
    components = schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert {"400", "401", "403", "404", "409", "429"} <= set(operation["responses"]), (method, path)
            if method in ("patch", "put"):
                body = operation["requestBody"]["content"]["application/json"]["schema"]
                body = components.get(body.get("$ref", "").rsplit("/", 1)[-1], body)
                assert "version" in body["required"], (method, path)
