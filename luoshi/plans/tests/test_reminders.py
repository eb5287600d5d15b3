"""The reminders of tasks and milestones (plans.reminders, a provider of notify's daily job), with a
frozen clock (the job is handed its day): each is sent once, however often it runs."""

import datetime as dt

import pytest
from django.utils import timezone

from luoshi.core.models import JobRun
from luoshi.notify.models import Delivery, DeliveryStatus, Notification
from luoshi.notify.reminders import reminders_send
from luoshi.notify.testing import HttpServer
from luoshi.plans import services as plans
from luoshi.plans.models import Task
from luoshi.progress.tests.factories import make_plan, make_task

D = dt.date(2024, 6, 28)  # a Friday


def _notices(world, key="village"):
    return list(Notification.objects.unscoped("reading back in a test").filter(recipient=world.user(key))
                .order_by("id").values_list("kind", flat=True))


@pytest.fixture
def task(world):
    plan = make_plan(world, 2024)
    return make_task(world, plan, start=dt.date(2024, 1, 1), deadline=D, title="完成路村公共卫生厕所建设")


def test_a_deadline_is_reminded_three_days_and_one_day_before_once_each(world, task):
    assert reminders_send(today=D - dt.timedelta(days=3))["deadline"] == 1
    assert reminders_send(today=D - dt.timedelta(days=3))["deadline"] == 0  # the job ran twice
    assert reminders_send(today=D - dt.timedelta(days=2))["deadline"] == 0
    assert reminders_send(today=D - dt.timedelta(days=1))["deadline"] == 1
    assert _notices(world).count("deadline_3d") == 1 and _notices(world).count("deadline_1d") == 1


def test_the_days_before_are_a_setting(world, task, settings):
    settings.LUOSHI_REMIND_DAYS_BEFORE = [7]
    assert reminders_send(today=D - dt.timedelta(days=7))["deadline"] == 1
    assert reminders_send(today=D - dt.timedelta(days=3))["deadline"] == 0


def test_a_milestone_is_reminded_before_its_date(world, task):
    plans.milestone_add(actor=world.user("office"), task=task, title="县级自查评估", due_date=dt.date(2024, 5, 20))
    assert reminders_send(today=dt.date(2024, 5, 17))["milestone"] == 1
    assert reminders_send(today=dt.date(2024, 5, 17))["milestone"] == 0
    notice = Notification.objects.unscoped("test").get(kind="milestone_3d")
    assert "县级自查评估" in notice.body and notice.link == f"/tasks/{task.pk}/progress/"


def test_an_overdue_task_is_reminded_once(world, task):
    assert reminders_send(today=D + dt.timedelta(days=1))["overdue"] == 1
    assert reminders_send(today=D + dt.timedelta(days=2))["overdue"] == 0
    assert _notices(world).count("overdue") == 1


def test_a_task_without_a_report_for_ten_days_is_reminded_once_per_silence(world, task):
    last = timezone.make_aware(dt.datetime(2024, 3, 1, 9, 0))
    Task.objects.unscoped("test").filter(pk=task.pk).update(last_report_at=last)
    assert reminders_send(today=dt.date(2024, 3, 10))["stale"] == 0
    assert reminders_send(today=dt.date(2024, 3, 11))["stale"] == 1
    assert reminders_send(today=dt.date(2024, 3, 15))["stale"] == 0
    Task.objects.unscoped("test").filter(pk=task.pk).update(last_report_at=last + dt.timedelta(days=5))
    assert reminders_send(today=dt.date(2024, 3, 16))["stale"] == 1  # a new silence, a new reminder


def test_the_owner_is_reminded_when_there_is_one(world):
    office, village = world.user("office"), world.user("village")
    task = make_task(world, make_plan(world, 2024), start=dt.date(2024, 1, 1), deadline=D,
                     owner=village.person, title="有责任人的任务")
    reminders_send(today=D - dt.timedelta(days=1))
    assert Notification.objects.unscoped("test").get(kind="deadline_1d").recipient == village
    assert not Notification.objects.unscoped("test").filter(recipient=office, kind="deadline_1d").exists()
    assert task.owner_id == village.person_id


def test_the_daily_job_is_one_jobrun_and_sends_each_reminder_once_through_the_robot(world, settings, committed):
    from luoshi.notify.jobs import reminders_daily

    make_task(world, make_plan(world, 2024), start=dt.date(2024, 1, 1), title="今天起三天后到期",
              deadline=timezone.localdate() + dt.timedelta(days=3))
    with HttpServer() as http:
        settings.LUOSHI_NOTIFY_CHANNELS, settings.LUOSHI_ROBOT_URL = ["robot"], f"{http.url}/hook"
        with committed():
            reminders_daily()
            reminders_daily.call_local()  # a second run the same day
    run = JobRun.objects.unscoped("test").get(name="notify.reminders")
    assert run.status == "done" and run.attempts == 1 and "deadline" in run.log
    assert len(http.posts("/hook")) == 1 and _notices(world).count("deadline_3d") == 1
    assert Delivery.objects.unscoped("test").get().status == DeliveryStatus.SUCCEEDED


def test_no_phone_or_id_number_reaches_any_message_body(world, settings, committed):
    title = "联系人13912345678（身份证370830199001011234）协调危房改造"
    task = make_task(world, make_plan(world, 2024), start=dt.date(2024, 1, 1), deadline=D, title=title,
                     owner=world.user("village").person)
    with HttpServer() as http:
        settings.LUOSHI_NOTIFY_CHANNELS, settings.LUOSHI_ROBOT_URL = ["robot"], f"{http.url}/hook"
        for day in (D - dt.timedelta(days=3), D + dt.timedelta(days=1)):
            with committed():
                reminders_send(today=day)
    texts = [n.title + n.body for n in Notification.objects.unscoped("test").all()]
    texts += [d.title + d.body for d in Delivery.objects.unscoped("test").all()]
    texts += [r["body"]["text"]["content"] for r in http.posts("/hook")]
    assert len(texts) >= 4 and task.pk
    for text in texts:
        assert "13912345678" not in text and "370830199001011234" not in text and "13812345678" not in text
        assert "139****5678" in text and "370830********1234" in text
