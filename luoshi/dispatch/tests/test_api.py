"""/api/v1/dispatches/: a roll-call schedule read, created, edited, stopped and restarted through the
API — the page's form, services, scope, 409 and audit entries."""

import datetime as dt
import json

import pytest
from django.test import Client

from luoshi.core.models import AuditAction, AuditEntry
from luoshi.dispatch.models import Dispatch, DispatchRound
from luoshi.dispatch.tests.factories import make_roll_call
from luoshi.org import services as org_services
from luoshi.org.testing import ROLES

API = "/api/v1/dispatches/"


@pytest.fixture
def rc(world):
    return make_roll_call(world)


def _api(world, role) -> Client:
    """A client with the persona's personal token (anonymous: none)."""
    if role == "anonymous":
        return Client()
    _token, raw = org_services.token_create(actor=world.user(role), name="测试")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _send(client, url, data=None, method="post"):
    return getattr(client, method)(url, json.dumps(data or {}), content_type="application/json")


def _read(rc) -> Dispatch:
    return Dispatch.objects.unscoped("reading back in a test").get(pk=rc.dispatch.pk)


def _entries(world, rc):
    return AuditEntry.objects.visible_to(world.user("office")).filter(
        object_type="dispatch.dispatch", object_id=str(rc.dispatch.pk))


# -- who may: one line of status codes per endpoint (a 河口镇 schedule) --------------------------------
GETS = {
    API:                          [401, 200, 200, 403, 403, 403, 403, 200],
    API + "{dispatch}/":          [401, 200, 200, 403, 403, 403, 403, 404],
}
WRITES = {
    ("patch", API + "{dispatch}/"):           [401, 403, 400, 403, 403, 403, 403, 404],  # 400: no version sent
    ("post", API + "{dispatch}/deactivate/"): [401, 403, 200, 403, 403, 403, 403, 404],
    ("post", API + "{dispatch}/reactivate/"): [401, 403, 200, 403, 403, 403, 403, 404],
    ("post", API):                            [401, 403, 400, 403, 403, 403, 403, 400],  # 400: nothing filled in
}


@pytest.mark.parametrize("page", GETS)
def test_read_status_for_every_role(world, rc, page):
    url = page.format(dispatch=rc.dispatch.pk)
    assert [_api(world, role).get(url).status_code for role in ROLES] == GETS[page], url


@pytest.mark.parametrize("call", WRITES)
def test_write_status_for_every_role(world, rc, call):
    method, url = call[0], call[1].format(dispatch=rc.dispatch.pk)
    assert [_send(_api(world, role), url, method=method).status_code for role in ROLES] == WRITES[call], url


def test_a_schedule_reads_with_its_people_tasks_and_version(world, rc):
    body = _api(world, "office").get(f"{API}{rc.dispatch.pk}/").json()
    assert (body["name"], body["unit"], body["weekdays"], body["time"], body["version"]) == (
        "扶贫干部一三五点名", "河口镇", [0, 2, 4], "08:30", 1)
    assert sorted(body["person_ids"]) == sorted([rc.village.person_id, rc.village2.person_id, rc.cadre.person_id])
    assert sorted(body["task_ids"]) == sorted(t.pk for t in rc.tasks)
    listed = _api(world, "office").get(API).json()
    assert listed["count"] == 1 and listed["items"][0]["version"] == 1
    assert _api(world, "outsider").get(API).json()["count"] == 0


# -- editing ------------------------------------------------------------------------------------------
def test_the_office_edits_only_the_fields_it_sends_and_the_edit_is_audited_like_the_page(world, rc):
    response = _send(_api(world, "office"), f"{API}{rc.dispatch.pk}/",
                     {"version": 1, "weekdays": [1, 3], "time": "09:00", "person_ids": [rc.village.person_id]},
                     "patch")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["weekdays"], body["time"], body["version"], body["person_ids"]) == (
        [1, 3], "09:00", 2, [rc.village.person_id])
    d = _read(rc)
    assert (d.name, d.weekdays, d.time, d.window_minutes) == ("扶贫干部一三五点名", "1,3", dt.time(9, 0), 120)
    assert sorted(body["task_ids"]) == sorted(t.pk for t in rc.tasks)  # not sent: kept
    entry = _entries(world, rc).get(action=AuditAction.UPDATE)
    assert entry.actor == world.user("office") and entry.message == "修改调度点名"
    assert (entry.before["weekdays"], entry.after["weekdays"]) == ("0,2,4", "1,3")


def test_an_edit_on_a_stale_version_is_409_and_changes_nothing(world, rc):
    office = _api(world, "office")
    assert _send(office, f"{API}{rc.dispatch.pk}/", {"version": 1, "name": "乙先保存"}, "patch").status_code == 200
    stale = _send(office, f"{API}{rc.dispatch.pk}/", {"version": 1, "name": "甲的修改"}, "patch")
    assert stale.status_code == 409 and "已被他人修改" in stale.json()["detail"]
    assert _read(rc).name == "乙先保存" and _entries(world, rc).filter(action=AuditAction.UPDATE).count() == 1


@pytest.mark.parametrize(("changes", "field", "reason"), [
    ({}, "version", "version"),
    ({"version": 1, "weekdays": []}, "weekdays", "必填"),
    ({"version": 1, "person_ids": []}, "person_ids", "必填"),
    ({"version": 1, "person_ids": [999999]}, "person_ids", "有效的选项"),
    ({"version": 1, "window_minutes": 5}, "window_minutes", "10"),
    ({"version": 1, "unit_id": "x"}, "unit_id", "整数"),
])
def test_bad_input_is_a_chinese_400_naming_the_field_and_changes_nothing(world, rc, changes, field, reason):
    response = _send(_api(world, "office"), f"{API}{rc.dispatch.pk}/", changes, "patch")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert any(e["field"] == field and reason in e["reason"] for e in errors), errors
    assert _read(rc).version == 1


def test_the_office_creates_a_schedule_with_the_new_page_defaults_and_it_is_audited(world, rc):
    response = _send(_api(world, "office"), API, {"name": "周三调度", "unit_id": world.unit("township").pk,
                                                  "person_ids": [rc.village.person_id], "task_ids": [rc.tasks[0].pk]})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["name"], body["weekdays"], body["time"], body["window_minutes"]) == ("周三调度", [0, 2, 4], "08:30", 120)
    entry = AuditEntry.objects.visible_to(world.user("office")).get(object_type="dispatch.dispatch",
                                                                   object_id=str(body["id"]))
    assert entry.action == AuditAction.CREATE and entry.message == "新建调度点名"


def test_another_townships_people_cannot_be_put_on_a_schedule(world, rc):
    stranger = world.user("outsider").person_id
    response = _send(_api(world, "office"), f"{API}{rc.dispatch.pk}/", {"version": 1, "person_ids": [stranger]},
                     "patch")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "person_ids"


# -- stopping and restarting --------------------------------------------------------------------------
def test_a_stopped_schedule_refuses_to_open_a_round_through_the_api_until_restarted(world, rc):
    office = _api(world, "office")
    stopped = office.post(f"{API}{rc.dispatch.pk}/deactivate/")
    assert stopped.status_code == 200 and stopped.json()["active"] is False
    refused = office.post(f"{API}{rc.dispatch.pk}/open/")
    assert refused.status_code == 400 and "已停用" in refused.json()["detail"]
    assert not DispatchRound.objects.unscoped("test").exists()
    assert office.post(f"{API}{rc.dispatch.pk}/reactivate/").json()["active"] is True
    opened = office.post(f"{API}{rc.dispatch.pk}/open/")
    assert opened.status_code == 200 and opened.json()["status"] == "open"


def test_stopping_and_restarting_are_audited_once_each_and_bump_the_version(world, rc):
    office = _api(world, "office")
    office.post(f"{API}{rc.dispatch.pk}/deactivate/")
    office.post(f"{API}{rc.dispatch.pk}/deactivate/")  # pressed twice: nothing more to record
    assert office.post(f"{API}{rc.dispatch.pk}/reactivate/").json()["version"] == 3
    messages = list(_entries(world, rc).filter(action=AuditAction.UPDATE).order_by("at", "id")
                    .values_list("message", flat=True))
    assert messages == ["停用调度点名", "启用调度点名"]
