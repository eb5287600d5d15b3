"""Editing a roll-call schedule, and stopping and restarting it: who may, what changes, what the
clock does afterwards, and what the audit log keeps."""

import datetime as dt

import pytest

from luoshi.core.errors import Conflict, NotAllowed, OutOfScope, ServiceError
from luoshi.core.models import AuditAction, AuditEntry
from luoshi.core.roles import RoleCode
from luoshi.dispatch import services
from luoshi.dispatch.jobs import rounds_tick
from luoshi.dispatch.models import Dispatch, DispatchRound, RollCallEntry, RoundStatus
from luoshi.dispatch.tests.factories import make_roll_call, past_monday
from luoshi.org.testing import ROLES, client_for, make_user
from luoshi.plans.models import Task, TaskStatus
from luoshi.progress.tests.factories import make_task


@pytest.fixture
def rc(world):
    return make_roll_call(world)


def _read(dispatch) -> Dispatch:
    return Dispatch.objects.unscoped("reading back in a test").get(pk=dispatch.pk)


def _people(dispatch) -> set[int]:
    return set(Dispatch.people.through.objects.filter(dispatch=dispatch).values_list("person_id", flat=True))


def _tasks(dispatch) -> set[int]:
    return set(Dispatch.tasks.through.objects.filter(dispatch=dispatch).values_list("task_id", flat=True))


def _form(rc, **changes) -> dict:
    """The edit form as the page fills it in for this schedule, with `changes`."""
    d = _read(rc.dispatch)
    return {"name": d.name, "unit": d.unit_id, "weekdays": [str(x) for x in d.weekday_list],
            "time": d.time.strftime("%H:%M"), "window_minutes": d.window_minutes, "version": d.version,
            "people": sorted(_people(d)), "tasks": sorted(_tasks(d))} | changes


def _edit(rc, actor, **changes):
    data = _form(rc, **changes)
    d = _read(rc.dispatch)
    return services.dispatch_update(
        actor=actor, dispatch=d, version=data["version"], name=data["name"], unit=d.unit,
        people=[p for p in [rc.village.person, rc.village2.person, rc.cadre.person] if p.pk in data["people"]],
        tasks=[t for t in rc.tasks if t.pk in data["tasks"]], weekdays=[int(x) for x in data["weekdays"]],
        time=dt.time.fromisoformat(data["time"]), window_minutes=data["window_minutes"])


# -- who may ----------------------------------------------------------------------------------------
def test_only_the_office_in_scope_opens_the_edit_page(world, rc):
    url = f"/dispatch/{rc.dispatch.pk}/edit/"
    assert [client_for(world, role).get(url).status_code for role in ROLES] == [302, 403, 200, 403, 403, 403, 403, 404]


@pytest.mark.parametrize("action", ["deactivate", "reactivate"])
def test_only_the_office_in_scope_stops_or_restarts_a_schedule(world, rc, action):
    url = f"/dispatch/{rc.dispatch.pk}/{action}/"
    assert [client_for(world, role).post(url).status_code for role in ROLES] == [302, 403, 302, 403, 403, 403, 403, 404]


def test_the_office_of_a_unit_below_may_not_edit_the_township_schedule_but_one_above_may(world, rc):
    below = make_user(world.admin, "village_office", world.unit("village"), RoleCode.OFFICE, world.unit("village"))
    above = make_user(world.admin, "county_office", world.unit("county"), RoleCode.OFFICE, world.unit("county"))
    with pytest.raises(OutOfScope):
        _edit(rc, below, name="改名")
    assert _edit(rc, above, name="县里改的名").name == "县里改的名"
    with pytest.raises(NotAllowed):
        _edit(rc, world.user("leader"), name="领导改的名")


def test_the_schedule_page_links_to_edit_and_stop_for_the_office_only(world, rc):
    url = f"/dispatch/{rc.dispatch.pk}/"
    office = client_for(world, "office").get(url).content.decode()
    leader = client_for(world, "leader").get(url).content.decode()
    assert f"/dispatch/{rc.dispatch.pk}/edit/" in office and f"/dispatch/{rc.dispatch.pk}/deactivate/" in office
    assert "/edit/" not in leader and "/deactivate/" not in leader


# -- editing ----------------------------------------------------------------------------------------
def test_the_office_edits_the_schedule_on_the_form_and_the_change_is_audited(world, rc):
    client = client_for(world, "office")
    page = client.get(f"/dispatch/{rc.dispatch.pk}/edit/").content.decode()
    assert "修改调度点名" in page and "扶贫干部一三五点名" in page and 'name="version"' in page
    response = client.post(f"/dispatch/{rc.dispatch.pk}/edit/", _form(
        rc, name="扶贫干部二四点名", weekdays=["1", "3"], time="09:00", people=[rc.village.person.pk]))
    assert response.status_code == 302 and response.url == f"/dispatch/{rc.dispatch.pk}/"
    d = _read(rc.dispatch)
    assert (d.name, d.weekdays, d.time, d.version) == ("扶贫干部二四点名", "1,3", dt.time(9, 0), 2)
    assert _people(d) == {rc.village.person.pk}
    detail = client.get(response.url).content.decode()
    assert "每周二、四 09:00" in detail and "此后的点名按新的安排进行" in detail
    entry = AuditEntry.objects.visible_to(world.user("office")).get(
        action=AuditAction.UPDATE, object_type="dispatch.dispatch", object_id=str(d.pk))
    assert (entry.before["weekdays"], entry.after["weekdays"]) == ("0,2,4", "1,3")
    assert len(entry.before["people"]) == 3 and entry.after["people"] == [rc.village.person.pk]


def test_future_rounds_follow_the_edited_schedule(world, rc):
    _edit(rc, world.user("office"), weekdays=["1", "3"], time="09:00", people=[rc.village.person.pk])
    monday = past_monday(dt.time(9, 1))
    assert rounds_tick(now=monday)["opened"] == []  # Monday is no longer a roll-call day
    tuesday = monday + dt.timedelta(days=1)
    assert rounds_tick(now=tuesday - dt.timedelta(minutes=2))["opened"] == []  # before the new time: 待点名
    (opened,) = rounds_tick(now=tuesday)["opened"]
    round_ = DispatchRound.objects.unscoped("test").get(pk=opened)
    assert (round_.date, round_.status, round_.expected_count) == (tuesday.date(), RoundStatus.OPEN, 1)


def test_a_waiting_round_of_a_day_no_longer_on_the_schedule_is_forgotten(world, rc):
    monday = past_monday(dt.time(8, 0))
    rounds_tick(now=monday)  # before 08:30: Monday's round waits as 待点名
    assert DispatchRound.objects.unscoped("test").filter(status=RoundStatus.SCHEDULED).count() == 1
    _edit(rc, world.user("office"), weekdays=["1"])
    assert not DispatchRound.objects.unscoped("test").exists()


def test_an_edit_saved_on_a_stale_page_is_refused_and_changes_nothing(world, rc):
    client = client_for(world, "office")
    stale = _form(rc, name="甲的修改")
    _edit(rc, world.user("office"), name="乙先保存")
    response = client.post(f"/dispatch/{rc.dispatch.pk}/edit/", stale)
    assert response.status_code == 409 and "已被他人修改" in response.content.decode()
    assert _read(rc.dispatch).name == "乙先保存"
    with pytest.raises(Conflict):
        _edit(rc, world.user("office"), name="甲的修改", version=1)


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"weekdays": []}, "weekdays", "这个字段是必填项"),
    ({"people": []}, "people", "这个字段是必填项"),
    ({"name": "  "}, "name", "这个字段是必填项"),
    ({"time": "25:99"}, "time", "输入一个有效的时间"),
    ({"window_minutes": 5}, "window_minutes", "10"),
    ({"people": [999999]}, "people", "有效的选项"),
])
def test_bad_input_is_answered_in_chinese_on_the_form_and_changes_nothing(world, rc, changes, field, message):
    response = client_for(world, "office").post(f"/dispatch/{rc.dispatch.pk}/edit/", _form(rc, **changes))
    assert response.status_code == 400
    assert any(message in e for e in response.context["form"].errors[field]), response.context["form"].errors
    assert _read(rc.dispatch).version == 1


def test_the_service_refuses_an_empty_schedule_in_chinese(world, rc):
    with pytest.raises(ServiceError, match="请选择点名日"):
        _edit(rc, world.user("office"), weekdays=[])
    with pytest.raises(ServiceError, match="请选择点名人员"):
        _edit(rc, world.user("office"), people=[])


def test_saving_the_form_unchanged_keeps_tasks_the_new_form_would_not_offer(world, rc):
    # 路村 has a second task on the schedule, so its secretary still has work to report on
    extra = make_task(world, rc.tasks[0].plan, unit="village", title="路村人居环境整治", recurrence="mon_wed_fri")
    Dispatch.tasks.through.objects.create(dispatch=rc.dispatch, task=extra)
    Task.objects.unscoped("test").filter(pk=rc.tasks[0].pk).update(status=TaskStatus.COMPLETED)
    client = client_for(world, "office")
    assert client.post(f"/dispatch/{rc.dispatch.pk}/edit/", _form(rc)).status_code == 302
    assert _tasks(rc.dispatch) == {t.pk for t in [*rc.tasks, extra]} and len(_people(rc.dispatch)) == 3


def test_saving_is_refused_when_a_person_named_has_nothing_left_to_report(world, rc):
    Task.objects.unscoped("test").filter(pk=rc.tasks[0].pk).update(status=TaskStatus.COMPLETED)
    response = client_for(world, "office").post(f"/dispatch/{rc.dispatch.pk}/edit/", _form(rc))
    assert response.status_code == 400
    (message,) = response.context["form"].errors["people"]
    assert message.startswith(f"{rc.village.person.name} 不能上报本次调度的任何任务：")
    assert _read(rc.dispatch).version == 1


# -- stopping and restarting ------------------------------------------------------------------------
def test_a_stopped_schedule_opens_no_new_rounds_until_restarted(world, rc):
    client = client_for(world, "office")
    monday = past_monday()
    rounds_tick(now=monday - dt.timedelta(minutes=5))  # today's round waits as 待点名
    assert client.post(f"/dispatch/{rc.dispatch.pk}/deactivate/").status_code == 302
    assert _read(rc.dispatch).active is False
    assert not DispatchRound.objects.unscoped("test").exists()  # the waiting round is gone too
    assert rounds_tick(now=monday) == {"opened": [], "closed": []}
    with pytest.raises(ServiceError, match="已停用"):
        services.round_open(actor=world.user("office"), dispatch=rc.dispatch)
    page = client.post(f"/dispatch/{rc.dispatch.pk}/open/", follow=True).content.decode()
    assert "已停用，不能开始点名" in page and "现在开始点名" not in page and "启用" in page

    assert client.post(f"/dispatch/{rc.dispatch.pk}/reactivate/").status_code == 302
    assert _read(rc.dispatch).active is True
    assert len(rounds_tick(now=monday + dt.timedelta(days=2))["opened"]) == 1  # the next Wednesday


def test_stopping_and_restarting_are_audited_once_each(world, rc):
    office = world.user("office")
    services.dispatch_deactivate(actor=office, dispatch=rc.dispatch)
    services.dispatch_deactivate(actor=office, dispatch=rc.dispatch)  # pressed twice: nothing more to record
    services.dispatch_reactivate(actor=office, dispatch=rc.dispatch)
    entries = AuditEntry.objects.visible_to(office).filter(object_type="dispatch.dispatch", action=AuditAction.UPDATE)
    assert [(e.message, e.before["active"], e.after["active"]) for e in entries.order_by("id")] == [
        ("停用调度点名", True, False), ("启用调度点名", False, True)]
    assert _read(rc.dispatch).version == 3


def test_a_round_already_open_still_closes_after_the_schedule_is_stopped(world, rc, committed):
    monday = past_monday()
    (opened,) = rounds_tick(now=monday)["opened"]
    services.dispatch_deactivate(actor=world.user("office"), dispatch=rc.dispatch)
    with committed():
        assert rounds_tick(now=monday + dt.timedelta(hours=3))["closed"] == [opened]
    assert DispatchRound.objects.unscoped("test").get(pk=opened).status == RoundStatus.CLOSED


def test_the_entries_keep_their_schedule_unit_path_and_follow_it_when_the_schedule_moves(world, rc):
    """An entry's scope is its schedule's unit, kept on the entry (scope_path): written when the round
    opens, rewritten with the schedule's unit, and read by scope like the rounds."""
    office, county = world.user("office"), world.unit("county")
    round_ = services.round_open(actor=office, dispatch=rc.dispatch, now=past_monday())
    entries = RollCallEntry.objects.unscoped("the round's entries").filter(round=round_)
    assert set(entries.values_list("scope_path", flat=True)) == {world.unit("township").path}
    county_office = make_user(world.admin, "county_office", county, RoleCode.OFFICE, county)
    d = _read(rc.dispatch)
    services.dispatch_update(actor=county_office, dispatch=d, version=d.version, name=d.name, unit=county,
                             people=[rc.village.person, rc.village2.person, rc.cadre.person], tasks=rc.tasks,
                             weekdays=d.weekday_list, time=d.time)
    assert set(entries.values_list("scope_path", flat=True)) == {county.path}
    seen = RollCallEntry.objects.visible_to(office).filter(round=round_)
    assert not seen.exclude(person=office.person).exists()  # the township no longer sees the county's roll call
    assert RollCallEntry.objects.visible_to(county_office).filter(round=round_).count() == entries.count() == 3
