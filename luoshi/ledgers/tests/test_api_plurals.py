"""Each ledger at its own plural, /api/v1/<plural>/ (DESIGN "API conventions"): the engine's list,
create, read, update and delete with the page's scope, form, audit and 409 — and no app's own path
shadowed (/api/v1/tasks/ is the plans API, reading and writing through the tasks ledger); the old
/api/v1/ledgers/<name>/ paths answer 308 there, and the OpenAPI lists each record once."""

import json
import re
from urllib.parse import unquote

import pytest
from django.test import Client

from luoshi.core.errors import NotAllowed
from luoshi.core.models import AuditAction, AuditEntry
from luoshi.ledgers.api import delete_row, plural_router
from luoshi.ledgers.registry import Column, Ledger, all_ledgers, get_ledger
from luoshi.org import services as org_services
from luoshi.org.testing import ROLES
from luoshi.supervision import services
from luoshi.supervision.models import Problem
from luoshi.supervision.tests.factories import make_task, person

PROBLEMS = "/api/v1/problems/"


@pytest.fixture
def problem(world):
    return services.problem_create(actor=world.user("village"), description="村口垃圾堆放", lead_unit=world.unit("village"))


def _api(world, role) -> Client:
    """A client with the persona's personal token (anonymous: none)."""
    if role == "anonymous":
        return Client()
    _token, raw = org_services.token_create(actor=world.user(role), name="测试")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _send(client, url, data, method="post"):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def _audit(world, problem_id, action):
    return AuditEntry.objects.visible_to(world.user("office")).filter(
        object_type="supervision.problem", object_id=str(problem_id), action=action)


# -- who may ----------------------------------------------------------------------------------------
MATRIX = {  # GET → expected status for ROLES; a village problem of 河口镇
    "/api/v1/problems/":              [401, 200, 200, 200, 200, 200, 200, 200],
    "/api/v1/problems/{problem}/":    [401, 200, 200, 404, 200, 404, 200, 404],
}


@pytest.mark.parametrize("page", MATRIX)
def test_status_of_the_plural_paths_for_every_role(world, problem, page):
    url = page.format(problem=problem.pk)
    assert [_api(world, role).get(url).status_code for role in ROLES] == MATRIX[page], url


def test_only_the_township_office_may_delete_and_others_are_refused(world, problem):
    url = f"{PROBLEMS}{problem.pk}/"
    got = [_api(world, role).delete(url).status_code for role in ["anonymous", "leader", "village", "outsider"]]
    assert got == [401, 403, 403, 404]
    assert Problem.objects.unscoped("test").filter(pk=problem.pk).exists()


# -- reads --------------------------------------------------------------------------------------------
def test_the_list_is_scoped_village_sees_its_own_the_office_its_township_the_other_township_nothing(world, problem):
    services.problem_create(actor=world.user("office"), description="庙口村道路破损",
                            lead_unit=world.unit("other_village_same_township"))
    services.problem_create(actor=world.user("outsider"), description="柳林村水渠淤塞",
                            lead_unit=world.unit("other_village"))
    titles = {role: sorted(i["title"] for i in _api(world, role).get(PROBLEMS).json()["items"])
              for role in ("village", "office", "outsider")}
    assert titles == {"village": ["村口垃圾堆放"], "office": ["庙口村道路破损", "村口垃圾堆放"], "outsider": ["柳林村水渠淤塞"]}


def test_the_old_ledgers_path_answers_308_to_the_plural_with_the_query_and_the_same_answer(world, problem):
    services.problem_create(actor=world.user("office"), description="道路破损", lead_unit=world.unit("village"),
                            source="public")
    office = _api(world, "office")
    for query in ("", "?q=垃圾", "?source=public", "?status=nope", "?sort=-deadline&page_size=1&page=2"):
        moved = office.get("/api/v1/ledgers/problems/" + query)
        assert (moved.status_code, unquote(moved["Location"])) == (308, PROBLEMS + query), query
        followed = office.get(moved["Location"]).json()  # (the test client drops a 308's query when following)
        assert followed == office.get(PROBLEMS + query).json() and set(followed) == {"items", "count"}, query
    assert office.get(PROBLEMS + "?q=垃圾").json()["count"] == 1
    moved = _send(office, f"/api/v1/ledgers/problems/{problem.pk}/", {"measures": "清理", "version": 1}, "patch")
    assert (moved.status_code, moved["Location"]) == (308, f"{PROBLEMS}{problem.pk}/")  # the client repeats the PATCH
    assert office.get("/api/v1/ledgers/nope/").status_code == 404


def test_a_row_reads_with_its_version_and_masks_personal_data(world, problem):
    body = _api(world, "office").get(f"{PROBLEMS}{problem.pk}/").json()
    assert (body["id"], body["version"], body["title"]) == (problem.pk, 1, "村口垃圾堆放")
    services.problem_update(actor=world.user("office"), problem=problem, version=1, owner=person(world, "village"))
    assert _api(world, "office").get(f"{PROBLEMS}{problem.pk}/").json()["owner__phone"] == "138****5678"


# -- writes -------------------------------------------------------------------------------------------
def test_create_at_the_plural_validates_with_the_page_form_and_is_audited(world):
    village = _api(world, "village")
    bad = _send(village, PROBLEMS, {"description": "", "lead_unit": world.unit("other_village").pk})
    assert bad.status_code == 400 and bad.json()["detail"] == "输入的数据格式不正确"
    assert {"description", "lead_unit"} <= {e["field"] for e in bad.json()["errors"]}
    created = _send(village, PROBLEMS, {"description": "道路破损", "lead_unit": world.unit("village").pk,
                                        "source": "public"})
    assert created.status_code == 201 and created.json()["source"] == "群众反映"
    entry = _audit(world, created.json()["id"], AuditAction.CREATE).get()
    assert entry.actor == world.user("village") and entry.after["description"] == "道路破损"


def test_update_at_the_plural_needs_the_version_read_answers_409_when_stale_and_is_audited(world, problem):
    village, url = _api(world, "village"), f"{PROBLEMS}{problem.pk}/"
    missing = _send(village, url, {"measures": "清理"}, "patch")
    assert missing.status_code == 400 and missing.json()["errors"][0]["field"] == "version"
    first = _send(village, url, {"measures": "限期清理", "version": 1}, "patch")
    assert first.status_code == 200 and (first.json()["version"], first.json()["measures"]) == (2, "限期清理")
    stale = _send(_api(world, "office"), url, {"measures": "另一种措施", "version": 1}, "put")
    assert stale.status_code == 409 and "已被他人修改" in stale.json()["detail"]
    assert Problem.objects.unscoped("test").get(pk=problem.pk).measures == "限期清理"
    entry = _audit(world, problem.pk, AuditAction.UPDATE).get()
    assert (entry.before["measures"], entry.after["measures"]) == ("", "限期清理")


def test_an_update_outside_the_scope_is_404_and_by_a_reader_403(world, problem):
    url = f"{PROBLEMS}{problem.pk}/"
    assert _send(_api(world, "outsider"), url, {"measures": "x", "version": 1}, "patch").status_code == 404
    assert _send(_api(world, "leader"), url, {"measures": "x", "version": 1}, "patch").status_code == 403
    assert Problem.objects.unscoped("test").get(pk=problem.pk).version == 1


def test_the_office_deletes_at_the_plural_and_the_delete_is_audited(world, problem):
    response = _api(world, "office").delete(f"{PROBLEMS}{problem.pk}/")
    assert response.status_code == 204
    assert not Problem.objects.unscoped("test").filter(pk=problem.pk).exists()
    assert _audit(world, problem.pk, AuditAction.DELETE).get().before["description"] == "村口垃圾堆放"


def test_a_ledger_without_a_service_for_the_write_refuses_it(world, rf):
    task = make_task(world)
    request = rf.delete("/")
    request.auth = world.user("office")
    with pytest.raises(NotAllowed):
        delete_row(request, get_ledger("tasks"), task.pk)  # the tasks ledger declares no delete
    assert _api(world, "office").delete(f"/api/v1/tasks/{task.pk}/").status_code == 405


# -- routing ------------------------------------------------------------------------------------------
def test_the_problem_actions_under_the_plural_still_answer(world, problem):
    office = _api(world, "office")
    assigned = _send(office, f"{PROBLEMS}{problem.pk}/assign/", {"owner_id": person(world, "village").pk})
    assert assigned.status_code == 200 and assigned.json()["status"] == "assigned"
    assert office.get(f"{PROBLEMS}{problem.pk}/").json()["status"] == "已交办"


def test_the_tasks_path_is_the_plans_api_and_the_old_ledger_path_leads_there(world):
    task = make_task(world)
    office = _api(world, "office")
    plans_item = office.get(f"/api/v1/tasks/{task.pk}/").json()
    assert {"plan_id", "light_reason", "lead_unit_id"} <= set(plans_item)  # plans/api.py's TaskOut
    moved = office.get(f"/api/v1/ledgers/tasks/{task.pk}/")
    assert (moved.status_code, moved["Location"]) == (308, f"/api/v1/tasks/{task.pk}/")


def test_the_openapi_lists_each_record_once():
    paths = set(Client().get("/api/v1/openapi.json").json()["paths"])
    assert not {p for p in paths if p.startswith("/api/v1/ledgers/")}
    for ledger in all_ledgers():
        lists = {p for p in paths if p == f"/api/v1/{ledger.plural}/"}
        items = {p for p in paths if re.fullmatch(rf"/api/v1/{ledger.plural}/\{{[a-z_]+\}}/", p)}
        assert len(lists) == 1 and len(items) == 1, (ledger.name, lists, items)
    assert "/api/v1/tasks/{item_id}/" not in paths and "/api/v1/tasks/{task_id}/" in paths


def test_a_ledger_is_left_out_where_an_app_already_serves_its_plural():
    def paths(served):
        return set(plural_router(served=served).path_operations)

    assert {"/tasks/", "/tasks/{item_id}/", "/problems/", "/problems/{item_id}/"} <= paths([])
    assert not {"/tasks/", "/tasks/{item_id}/"} & paths(["/tasks/", "/tasks/{task_id}/", "/tasks/{task_id}/sign/"])
    assert "/problems/" in paths(["/problems/{problem_id}/assign/"])  # an action path is no collision


def test_a_declared_plural_must_be_a_path_segment():
    def declare(**kw):
        return Ledger(name="sample-ledger", model=Problem, title="样例", columns=[Column("title")], form=object, **kw)

    assert declare().plural == "sample-ledger" and declare(api_plural="samples").plural == "samples"
    assert declare(api_plural="").plural == ""
    with pytest.raises(ValueError, match="not a path segment"):
        declare(api_plural="样例/x")
