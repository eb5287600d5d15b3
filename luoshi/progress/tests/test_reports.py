"""report_submit: who may report, what a report changes, and a flaky network's repeated sends."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.models import AuditEntry
from luoshi.plans.light_store import light_refresh
from luoshi.plans.models import Task
from luoshi.plans.periods import period_key
from luoshi.plans.tests.factories import complete_task
from luoshi.progress import services
from luoshi.progress.models import Attachment, ProgressReport
from luoshi.progress.tests.factories import make_task, photo, second_village_user


def _reports(**filters):
    return ProgressReport.objects.unscoped("counting in a test").filter(**filters)


def _task(task):
    return Task.objects.unscoped("reading back in a test").get(pk=task.pk)


@pytest.fixture
def task(world):
    return make_task(world)


def test_a_village_user_reports_on_their_village_task(world, task):
    village = world.user("village")
    report = services.report_submit(actor=village, task=task, text="已清理垃圾 20 吨", percent=60,
                                    difficulties="缺少清运车辆\n\n资金未到位")
    assert report.unit == world.unit("village") and report.scope_path == task.scope_path
    assert report.reporter_name == "village之人" and report.period == ""
    assert report.difficulty_items == ["缺少清运车辆", "资金未到位"]
    current = _task(task)
    assert current.progress == 60 and current.last_report_at == report.created_at


def test_a_report_recomputes_the_light_at_once(world, task):
    light_refresh(task=task)
    assert _task(task).light == "red"
    services.report_submit(actor=world.user("village"), task=task, text="进度追上来了", percent=65)
    current = _task(task)
    assert current.light == "green" and "序时进度" in current.light_reason


def test_a_village_user_cannot_report_on_another_villages_task(world):
    other = make_task(world, unit="other_village_same_township")
    with pytest.raises(OutOfScope):
        services.report_submit(actor=world.user("village"), task=other, text="越权")
    second = second_village_user(world)
    assert services.report_submit(actor=second, task=other, text="本村上报").unit == world.unit(
        "other_village_same_township")


def test_a_leader_cannot_report(world, task):
    with pytest.raises(NotAllowed):
        services.report_submit(actor=world.user("leader"), task=task, text="领导不上报")
    assert not _reports().exists()


def test_the_same_key_three_times_makes_one_report_and_one_set_of_attachments(world, task):
    village = world.user("village")
    first = [services.report_submit(actor=village, task=task, text="上报", percent=50, files=[photo(), photo("b.jpg")],
                                    idempotency_key="k-1") for _ in range(3)]
    assert {r.pk for r in first} == {first[0].pk}
    assert [r.replayed for r in first] == [False, True, True]
    assert _reports().count() == 1
    assert Attachment.objects.unscoped("counting").count() == 2


def test_a_concurrent_duplicate_falls_back_to_the_existing_report(world, task, monkeypatch):
    village = world.user("village")
    original = services.report_submit(actor=village, task=task, text="第一次", idempotency_key="race")
    real_replay = services._replay
    calls = []

    def late_replay(actor, key):  # the first look misses: the other request had not committed yet
        calls.append(key)
        return None if len(calls) == 1 else real_replay(actor, key)

    monkeypatch.setattr(services, "_replay", late_replay)
    again = services.report_submit(actor=village, task=task, text="第二次", idempotency_key="race")
    assert again.pk == original.pk and _reports().count() == 1


def test_a_key_reused_for_another_task_is_refused(world, task):
    village = world.user("village")
    services.report_submit(actor=village, task=task, text="一", idempotency_key="same")
    with pytest.raises(ServiceError, match="另一项任务"):
        services.report_submit(actor=village, task=make_task(world, title="另一项"), text="二", idempotency_key="same")


def test_a_recurring_task_report_carries_todays_period(world):
    monthly = make_task(world, recurrence="monthly")
    report = services.report_submit(actor=world.user("village"), task=monthly, text="本月完成")
    assert report.period == period_key("monthly", timezone.localdate())


def test_a_recurring_task_keeps_each_reported_period_once(world):
    weekly = make_task(world, recurrence="weekly")
    village = world.user("village")
    services.report_submit(actor=village, task=weekly, text="本周一", period="2024-W10")
    services.report_submit(actor=village, task=weekly, text="本周二", period="2024-W10")
    services.report_submit(actor=village, task=weekly.pk, text="下周", period="2024-W11")
    stored = _task(weekly).reported_periods
    assert stored.split() == ["2024-W10", "2024-W11"]
    # what the reports say, and what the stored light was computed from
    assert set(stored.split()) == set(_reports(task=weekly).values_list("period", flat=True))


def test_a_one_off_task_report_has_no_period_to_keep(world, task):
    services.report_submit(actor=world.user("village"), task=task, text="进展")
    assert _task(task).reported_periods == ""


def test_a_report_is_audited_with_its_task(world, task):
    report = services.report_submit(actor=world.user("village"), task=task, text="上报", files=[photo()])
    entries = AuditEntry.objects.unscoped("reading the log").filter(parent_type="plans.task", parent_id=str(task.pk))
    entry = entries.get(object_type="progress.progressreport")
    assert entry.object_id == str(report.pk) and len(entry.after["attachments"]) == 1
    assert AuditEntry.objects.unscoped("reading the log").filter(object_type="progress.attachment",
                                                                   parent_id=str(report.pk)).count() == 1


@pytest.mark.parametrize("kwargs, message", [
    ({"text": "  "}, "请填写进展情况"),
    ({"text": "x", "percent": 120}, "0 到 100"),
    ({"text": "x", "percent": -1}, "0 到 100"),
])
def test_bad_input_is_refused_in_chinese(world, task, kwargs, message):
    with pytest.raises(ServiceError, match=message):
        services.report_submit(actor=world.user("village"), task=task, **kwargs)


def test_draft_and_completed_tasks_take_no_report(world):
    draft = make_task(world, deploy=False)
    with pytest.raises(ServiceError, match="尚未部署"):
        services.report_submit(actor=world.user("village"), task=draft, text="x")
    done = complete_task(world, make_task(world, title="已办结"))
    with pytest.raises(ServiceError, match="已办结"):
        services.report_submit(actor=world.user("village"), task=done, text="x")


def test_a_refused_file_leaves_no_report_behind(world, task):
    fake = SimpleUploadedFile("现场.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")
    with pytest.raises(ServiceError, match="不是照片"):
        services.report_submit(actor=world.user("village"), task=task, text="带坏文件", files=[photo(), fake])
    assert not _reports().exists() and not Attachment.objects.unscoped("counting").exists()


def test_a_report_rolled_back_late_leaves_no_files(world, task, monkeypatch, settings, tmp_path):
    import os

    settings.MEDIA_ROOT = str(tmp_path)
    def fail(*args, **kwargs):
        raise ServiceError("模拟失败")

    monkeypatch.setattr(services, "_answer_notices", fail)
    with pytest.raises(ServiceError, match="模拟失败"):
        services.report_submit(actor=world.user("village"), task=task, text="x", files=[photo()])
    assert not _reports().exists()
    leftovers = [f for _root, _dirs, files in os.walk(settings.MEDIA_ROOT) for f in files]
    assert leftovers == []
