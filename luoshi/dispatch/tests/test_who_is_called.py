"""Who a roll call calls. A roll call asks named people to report on named work, so a schedule names
only people who can report on at least one of its tasks (what their own 我的任务 page lists): the
schedule refuses anyone else by name, on the page and in the API; and a round re-checks when it
opens, skipping whoever lost that since, so nobody is counted 未上报 or urged for work they cannot
report on."""

import json

import pytest
from django.test import Client

from luoshi.core.errors import ServiceError
from luoshi.core.models import AuditEntry
from luoshi.dispatch import selectors, services
from luoshi.dispatch.models import Dispatch, DispatchRound, RollCallEntry
from luoshi.dispatch.tests.factories import make_roll_call
from luoshi.notify.models import Notification
from luoshi.org import services as org_services
from luoshi.org.models import RoleAssignment
from luoshi.org.testing import client_for
from luoshi.plans.models import Task
from luoshi.progress.tests.factories import make_task

CANNOT = "不能上报本次调度的任何任务："


@pytest.fixture
def rc(world):
    return make_roll_call(world)  # two village secretaries on their villages' tasks, the cadre on his own


def _create(world, people, tasks):
    return services.dispatch_create(actor=world.user("office"), name="村级排查点名", unit=world.unit("township"),
                                    people=people, tasks=tasks)


def _api(world, role) -> Client:
    _token, raw = org_services.token_create(actor=world.user(role), name="测试")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _revoke_roles(world, user) -> None:
    for assignment in RoleAssignment.objects.unscoped("test").filter(user=user):
        org_services.role_revoke(actor=world.admin, assignment=assignment)


def _round(pk) -> DispatchRound:
    return DispatchRound.objects.unscoped("reading back in a test").get(pk=pk)


# -- the schedule --------------------------------------------------------------------------------------
def test_a_schedule_naming_someone_for_work_that_is_not_theirs_is_refused_by_name(world, rc):
    village_tasks = rc.tasks[:2]  # the aid cadre (仅本人) owns neither
    with pytest.raises(ServiceError) as refused:
        _create(world, [rc.village.person, rc.cadre.person], village_tasks)
    assert refused.value.message.startswith(f"{rc.cadre.person.name} {CANNOT}")
    assert rc.village.person.name not in refused.value.message
    assert refused.value.errors[0]["field"] == "people"
    assert Dispatch.objects.unscoped("test").count() == 1  # the fixture's only: nothing half-saved


def test_a_schedule_names_everyone_who_can_report_on_some_of_its_tasks(world, rc):
    dispatch = _create(world, [rc.village.person, rc.village2.person, rc.cadre.person], rc.tasks)
    assert Dispatch.people.through.objects.filter(dispatch=dispatch).count() == 3


def test_the_new_schedule_page_shows_the_refusal_on_the_people_field(world, rc):
    response = client_for(world, "office").post("/dispatch/new/", {
        "name": "村级排查点名", "unit": world.unit("township").pk, "weekdays": ["0", "2", "4"], "time": "08:30",
        "window_minutes": 120, "people": [rc.village.person.pk, rc.cadre.person.pk], "tasks": [rc.tasks[0].pk]})
    assert response.status_code == 400
    (message,) = response.context["form"].errors["people"]
    assert message.startswith(f"{rc.cadre.person.name} {CANNOT}") and "请从点名人员中去掉" in message
    assert message in response.content.decode()


def test_the_api_refuses_in_chinese_naming_the_person_ids_field(world, rc):
    office = _api(world, "office")
    created = office.post("/api/v1/dispatches/", json.dumps({
        "name": "村级排查点名", "unit_id": world.unit("township").pk, "person_ids": [rc.cadre.person.pk],
        "task_ids": [rc.tasks[0].pk]}), content_type="application/json")
    assert created.status_code == 400
    assert created.json()["detail"].startswith(f"{rc.cadre.person.name} {CANNOT}")
    assert created.json()["errors"][0]["field"] == "person_ids"
    edited = office.patch(f"/api/v1/dispatches/{rc.dispatch.pk}/", json.dumps({
        "version": 1, "task_ids": [rc.tasks[0].pk]}), content_type="application/json")
    assert edited.status_code == 400
    named = edited.json()["detail"].split(f" {CANNOT}")[0]
    assert sorted(named.split("、")) == sorted([rc.village2.person.name, rc.cadre.person.name])
    assert Dispatch.objects.unscoped("test").get(pk=rc.dispatch.pk).version == 1


def test_someone_without_a_login_cannot_be_named_even_for_their_own_task(world, rc):
    person = org_services.person_create(actor=world.admin, unit=world.unit("department"), name="宋永刚",
                                        title="帮扶干部")
    task = make_task(world, rc.tasks[0].plan, unit="department", title="帮扶户入户走访", owner=person)
    with pytest.raises(ServiceError, match=f"^宋永刚 {CANNOT}没有可用的登录账号"):
        _create(world, [person], [task])


def test_a_schedule_needs_tasks_to_report_on(world, rc):
    with pytest.raises(ServiceError, match="请选择调度任务") as refused:
        _create(world, [rc.village.person], [])
    assert refused.value.errors[0]["field"] == "tasks"


def test_the_schedule_page_warns_the_office_whom_the_next_round_will_skip(world, rc):
    _revoke_roles(world, rc.cadre)
    url = f"/dispatch/{rc.dispatch.pk}/"
    office = client_for(world, "office").get(url).content.decode()
    assert f"{rc.cadre.person.name} 已不能上报本次调度的任何任务" in office
    assert "已不能上报" not in client_for(world, "leader").get(url).content.decode()


# -- the round -----------------------------------------------------------------------------------------
def test_a_round_calls_only_people_who_can_report_and_the_round_page_names_the_rest(world, rc):
    _revoke_roles(world, rc.cadre)  # his rights changed after the schedule was saved
    round_ = services.round_open(actor=world.user("office"), dispatch=rc.dispatch)
    round_ = _round(round_.pk)
    called = {rc.village.person_id, rc.village2.person_id}
    assert round_.expected_count == 2
    assert set(RollCallEntry.objects.unscoped("test").filter(round=round_).values_list("person_id", flat=True)) == called
    assert round_.skipped == [{"person_id": rc.cadre.person_id, "name": rc.cadre.person.name, "unit": "经济发展办公室"}]
    notified = Notification.objects.unscoped("test").filter(kind="roll_call").values_list("recipient__person", flat=True)
    assert set(notified) == called
    assert f"{rc.cadre.person.name} 不能上报本次调度的任何任务，未点名" in AuditEntry.objects.unscoped("test").filter(
        object_type="dispatch.dispatchround").get().message
    page = client_for(world, "office").get(f"/dispatch/rounds/{round_.pk}/").content.decode()
    assert "未点名 1 人" in page and f"{rc.cadre.person.name}（经济发展办公室）" in page and "不计入未上报" in page
    assert {r.person_id for r in selectors.board(round_)} == called
    api = _api(world, "office").get(f"/api/v1/dispatch-rounds/{round_.pk}/").json()
    assert api["expected_count"] == 2 and [s["person_id"] for s in api["skipped"]] == [rc.cadre.person_id]


def test_nobody_is_urged_for_a_round_they_were_not_called_to(world, rc, committed):
    _revoke_roles(world, rc.cadre)
    office = world.user("office")
    round_ = services.round_open(actor=office, dispatch=rc.dispatch)
    with committed():
        round_ = services.round_close(actor=office, round_=round_)
    assert (round_.expected_count, round_.reported_count) == (2, 0)
    urged = RollCallEntry.objects.unscoped("test").filter(round=round_, urged_at__isnull=False)
    assert {e.person_id for e in urged} == {rc.village.person_id, rc.village2.person_id}
    assert not Notification.objects.unscoped("test").filter(recipient=rc.cadre).exists()
    if services._urgers():
        from luoshi.supervision.models import Urge

        assert rc.tasks[2].pk not in set(Urge.objects.unscoped("test").values_list("task_id", flat=True))


def test_someone_whose_task_is_taken_away_during_the_round_is_not_urged_for_it(world, rc, committed):
    office = world.user("office")
    round_ = services.round_open(actor=office, dispatch=rc.dispatch)
    assert round_.expected_count == 3
    Task.objects.unscoped("test").filter(pk=rc.tasks[2].pk).update(owner=None)  # reassigned meanwhile
    with committed():
        services.round_close(actor=office, round_=round_)
    cadre = RollCallEntry.objects.unscoped("test").get(round=round_, person=rc.cadre.person)
    assert cadre.reported_at is None and cadre.urged_at is None


def test_an_open_round_keeps_the_people_it_called_when_the_schedule_is_edited(world, rc):
    round_ = services.round_open(actor=world.user("office"), dispatch=rc.dispatch)
    services.dispatch_update(actor=world.user("office"), dispatch=rc.dispatch, version=1, name=rc.dispatch.name,
                             unit=world.unit("township"), people=[rc.village.person], tasks=rc.tasks,
                             weekdays=[0, 2, 4], time=rc.dispatch.time)
    assert len(selectors.board(_round(round_.pk))) == 3
