"""A notice stops asking once what it asked is done, for everyone it asked: 新任务待签收 when the task
is signed or returned, 任务被退回 when it is deployed again, a reminder when its task is reported
on, finished or given more time. It then no longer counts on the unread badge."""

import datetime as dt
import importlib
import re

import pytest
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from django.utils import timezone

from luoshi.core.roles import RoleCode
from luoshi.notify import services
from luoshi.notify.models import Notification
from luoshi.notify.reminders import reminders_send
from luoshi.org.services import token_create
from luoshi.org.testing import make_user
from luoshi.plans import services as plans
from luoshi.plans.models import Task, TaskStatus
from luoshi.progress import services as progress
from luoshi.progress.tests.factories import make_plan, make_task

TODAY = timezone.localdate()


def _days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def _unread(user) -> list[str]:
    return sorted(Notification.objects.visible_to(user).filter(recipient=user, read_at__isnull=True)
                  .values_list("kind", flat=True))


def _badge(user) -> int:
    client = Client()
    client.force_login(user)
    return int(re.search(r">(\d+)</span>", client.get("/notifications/unread/").content.decode()).group(1))


@pytest.fixture
def colleague(world):
    """A second secretary of 路村: a task led by the village asks both of them."""
    return make_user(world.admin, "village_b", world.unit("village"), RoleCode.VILLAGE, world.unit("village"))


@pytest.fixture
def deployed(world, committed):
    with committed():
        return make_task(world, make_plan(world, TODAY.year), title="路村危房改造", deadline=_days(3))


# -- the service ---------------------------------------------------------------------------------------
def test_resolving_closes_the_open_notices_of_those_kinds_about_that_object_and_nothing_else(world):
    village = world.user("village")
    for kind, obj in (("task_deployed", "task:1"), ("stale", "task:1"), ("task_deployed", "task:2")):
        services.notify(recipients=[village], kind=kind, obj=obj, title="通知")
    assert services.notifications_resolve(targets=["task:1"], kinds=["task_deployed"]) == 1
    closed = Notification.objects.unscoped("test").get(kind="task_deployed", target="task:1")
    assert closed.resolved_at is not None and closed.read_at is not None
    assert _unread(village) == ["stale", "task_deployed"]
    assert services.notifications_resolve(targets=["task:1"], kinds=["task_deployed"]) == 0  # once


def test_resolving_for_some_recipients_leaves_the_others_asked_about_the_same_object_open(world, colleague):
    village = world.user("village")
    services.notify(recipients=[village, colleague], kind="roll_call", obj="round:1", title="调度点名：请于 10:30 前上报")
    assert services.notifications_resolve(targets=["round:1"], kinds=["roll_call"], recipients=[village]) == 1
    assert _unread(village) == [] and _unread(colleague) == ["roll_call"]


def test_a_notice_already_read_keeps_the_time_it_was_read(world):
    village = world.user("village")
    notice, = services.notify(recipients=[village], kind="stale", obj="task:1", title="任务已 10 天未上报进展")
    services.notification_read(actor=village, notification=notice)
    read_at = Notification.objects.unscoped("test").get().read_at
    assert services.notifications_resolve(targets=["task:1"]) == 1  # every kind
    notice = Notification.objects.unscoped("test").get()
    assert notice.read_at == read_at and notice.resolved_at >= read_at


def test_a_notice_names_what_it_asks_about_even_when_its_key_is_finer(world):
    notice, = services.notify(recipients=[world.user("village")], kind="task_deployed", obj="task:7@101500000000",
                              target="task:7", title="新任务待签收")
    assert notice.target == "task:7" and notice.key.startswith("task_deployed:task:7@101500000000:")


# -- signing, returning, deploying again -----------------------------------------------------------------
def test_signing_settles_the_request_to_sign_for_everyone_it_asked(world, colleague, committed):
    village = world.user("village")
    with committed():
        task = make_task(world, make_plan(world, TODAY.year), title="路村危房改造")
    assert _badge(village) == _badge(colleague) == 1
    plans.task_sign(actor=village, task=task)
    assert _badge(village) == _badge(colleague) == 0
    assert not Notification.objects.unscoped("test").filter(kind="task_deployed", resolved_at__isnull=True).exists()


def test_a_sign_that_does_not_commit_leaves_the_request_open(world, deployed):
    village = world.user("village")
    with pytest.raises(RuntimeError), transaction.atomic():
        plans.task_sign(actor=village, task=deployed)
        raise RuntimeError("the request failed after signing")
    assert _unread(village) == ["task_deployed"]


def test_a_return_answers_the_request_and_deploying_again_asks_anew_the_same_day(world, deployed, committed):
    village, office = world.user("village"), world.user("office")
    with committed():
        plans.task_return(actor=village, task=deployed, reason="不属于本村职责")
    assert _badge(village) == 0 and _unread(office) == ["task_returned"]
    with committed():
        plans.task_deploy(actor=office, task=deployed)
    assert _badge(office) == 0 and _badge(village) == 1  # a new request, not the one already answered
    assert Notification.objects.unscoped("test").filter(recipient=village, kind="task_deployed").count() == 2
    with committed():
        plans.task_return(actor=village, task=deployed, reason="仍不属于本村职责")
    assert _badge(village) == 0 and _badge(office) == 1  # the second return reaches the office too


# -- reminders -----------------------------------------------------------------------------------------
def test_a_report_answers_the_reminder_that_the_task_had_gone_quiet_but_not_its_deadline(world, deployed):
    village = world.user("village")
    plans.task_sign(actor=village, task=deployed)
    Task.objects.unscoped("test").filter(pk=deployed.pk).update(deployed_at=timezone.now() - dt.timedelta(days=20))
    counts = reminders_send(today=TODAY)
    assert counts["stale"] == 1 and counts["deadline"] == 1 and _badge(village) == 2
    progress.report_submit(actor=village, task=deployed, text="已完成入户核查", percent=40)
    assert _unread(village) == ["deadline_3d"] and _badge(village) == 1  # the date still stands


def test_a_done_milestone_settles_its_own_reminder_and_a_finished_task_all_the_rest(world, deployed):
    village, office = world.user("village"), world.user("office")
    first = plans.milestone_add(actor=office, task=deployed, title="入户核查", due_date=_days(1))
    reminders_send(today=TODAY - dt.timedelta(days=2))  # 入户核查 in 3 days
    reminders_send(today=TODAY)  # 入户核查 tomorrow, the deadline in 3 days
    assert _unread(village) == ["deadline_3d", "milestone_1d", "milestone_3d", "task_deployed"]
    plans.milestone_done(actor=village, milestone=first)
    assert _unread(village) == ["deadline_3d", "task_deployed"]
    other = make_task(world, deployed.plan, title="另一项任务", deadline=_days(1))
    reminders_send(today=TODAY)
    plans.task_sign(actor=village, task=deployed)
    plans.task_request_close(actor=village, task=deployed, note="已完成")
    plans.task_accept(actor=office, task=deployed)
    assert _unread(village) == ["deadline_1d"] and Notification.objects.unscoped("test").get(
        read_at__isnull=True).target == f"task:{other.pk}"


def test_a_later_deadline_granted_settles_the_reminders_of_the_old_one(world, deployed):
    village, office = world.user("village"), world.user("office")
    plans.task_sign(actor=village, task=deployed)
    reminders_send(today=TODAY)
    assert _unread(village) == ["deadline_3d"]
    refused = plans.extension_request(actor=village, task=deployed, new_deadline=_days(30), reason="雨季施工")
    plans.extension_decide(actor=office, extension=refused, approve=False)
    assert _unread(village) == ["deadline_3d"]
    granted = plans.extension_request(actor=village, task=deployed, new_deadline=_days(30), reason="雨季施工受阻")
    plans.extension_decide(actor=office, extension=granted, approve=True)
    assert _unread(village) == []


# -- what the person sees ------------------------------------------------------------------------------
def test_the_bell_list_and_the_api_show_a_settled_notice_as_done(world, deployed):
    village = world.user("village")
    plans.task_sign(actor=village, task=deployed)
    client = Client()
    client.force_login(village)
    page = client.get("/notifications/").content.decode()
    assert "已办结</span>新任务待签收" in page and ">未读</span>" not in page
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_create(actor=village, name='test')[1]}")
    data = api.get("/api/v1/notifications/").json()
    assert data["unread"] == 0 and data["items"][0] | {"id": 0, "created_at": ""} == {
        "id": 0, "kind": "task_deployed", "title": "新任务待签收", "body": "“路村危房改造”已部署给您，请及时签收并落实。",
        "link": f"/tasks/{deployed.pk}/", "read": True, "resolved": True, "created_at": ""}
    assert api.get("/api/v1/notifications/?unread=true").json()["count"] == 0


# -- notices sent before notices named their object ----------------------------------------------------------
MIGRATION = importlib.import_module("luoshi.notify.migrations.0003_notifications_close_when_done")


def test_an_older_notice_gets_its_target_from_its_key():
    assert MIGRATION._target("task_deployed:task:12:2024-06-01", "task_deployed") == "task:12"
    assert MIGRATION._target("urge:urge:3:2:2024-06-01", "urge") == "urge:3:2"


def test_requests_to_sign_tasks_already_signed_are_closed_by_the_migration(world, deployed):
    village = world.user("village")
    waiting = make_task(world, deployed.plan, title="仍待签收")
    older = [services.notify(recipients=[village], kind="task_deployed", obj=f"task:{task.pk}", title="新任务待签收",
                             day=dt.date(2024, 6, 1))[0].pk for task in (deployed, waiting)]
    Notification.objects.unscoped("test").filter(pk__in=older).update(target="")  # as before the migration
    Task.objects.unscoped("test").filter(pk=deployed.pk).update(status=TaskStatus.SIGNED)
    # the models as the migration sees them (plain managers, as in a real run)
    historical = MigrationLoader(connection).project_state(("notify", "0003_notifications_close_when_done")).apps
    MIGRATION.fill_targets(historical, None)
    MIGRATION.close_settled(historical, None)
    still = Notification.objects.unscoped("test").filter(resolved_at__isnull=True)
    assert list(still.values_list("target", flat=True)) == [f"task:{waiting.pk}"]
