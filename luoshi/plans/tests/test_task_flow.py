"""A task's whole life: 申请办结 → 验收 or 退回办理 → 重新办理, split tasks, recurring tasks that end,
milestones done and checked, who hears what — and the stored light after every step."""

import datetime as dt

import pytest
from django.utils import timezone

from luoshi.core.errors import OutOfScope, ServiceError
from luoshi.core.models import AuditEntry
from luoshi.notify.models import Notification
from luoshi.plans import services, task_flow
from luoshi.plans.jobs import recompute_all_lights
from luoshi.plans.light_store import stale_lights
from luoshi.plans.models import Light, Task, TaskStatus
from luoshi.plans.tests.factories import complete_task
from luoshi.progress import services as progress
from luoshi.progress.models import ProgressReport
from luoshi.progress.tests.factories import make_plan, make_task, photo


def _task(task) -> Task:
    return Task.objects.unscoped("reading back in a test").get(pk=task.pk)


def _signed(world, **fields) -> Task:
    return services.task_sign(actor=world.user("village"), task=make_task(world, **fields))


def _unread(user) -> list[str]:
    return sorted(Notification.objects.unscoped("test").filter(recipient=user, read_at__isnull=True)
                  .values_list("kind", flat=True))


def test_request_send_back_request_again_and_accept(world, django_capture_on_commit_callbacks):
    village, office, leader = world.user("village"), world.user("office"), world.user("leader")
    task = _signed(world, leader=leader.person)
    with django_capture_on_commit_callbacks(execute=True):
        task_flow.task_request_close(actor=village, task=task, note="已建成并投入使用")
    assert _task(task).status == TaskStatus.CLOSING and _task(task).light != Light.DONE
    assert "task_close_requested" in _unread(office) and "task_close_requested" in _unread(leader)
    with django_capture_on_commit_callbacks(execute=True):
        task_flow.task_send_back(actor=leader, task=task, reason="缺少验收照片")
    sent_back = _task(task)
    assert (sent_back.status, sent_back.flow_reason) == (TaskStatus.SIGNED, "缺少验收照片")
    assert "task_sent_back" in _unread(village) and "task_close_requested" not in _unread(office)
    task_flow.task_request_close(actor=village, task=task, note="已补充验收照片")
    done = task_flow.task_accept(actor=office, task=task)
    assert (done.status, done.light, done.progress, done.closed_by) == (TaskStatus.COMPLETED, Light.DONE, 100, office)
    messages = list(AuditEntry.objects.unscoped("test").filter(object_type="plans.task", object_id=str(task.pk))
                    .order_by("id").values_list("message", flat=True))
    assert messages[-4:] == ["申请办结：已建成并投入使用", "退回办理：缺少验收照片", "申请办结：已补充验收照片", "验收办结"]
    assert stale_lights() == []


def test_whoever_asked_to_close_a_task_cannot_accept_it(world):
    office = world.user("office")
    task = services.task_sign(actor=office, task=make_task(world, unit="township"))
    task_flow.task_request_close(actor=office, task=task, note="完成")
    assert "accept" not in {t.action for t in task_flow.available_actions(office, _task(task))}
    with pytest.raises(ServiceError, match="申请人以外"):
        task_flow.task_accept(actor=office, task=task)
    task_flow.task_accept(actor=world.user("leader"), task=task)
    assert _task(task).status == TaskStatus.COMPLETED


@pytest.mark.parametrize("who", ["department", "village", "cadre", "discipline"])
def test_only_the_office_and_leaders_accept(world, who):
    task = _signed(world)
    task_flow.task_request_close(actor=world.user("village"), task=task, note="完成")
    with pytest.raises(OutOfScope):
        task_flow.task_accept(actor=world.user(who), task=task)
    assert _task(task).status == TaskStatus.CLOSING


def test_a_step_from_the_wrong_state_is_refused_in_chinese(world):
    task = _signed(world)
    with pytest.raises(ServiceError, match="尚未申请办结，不能验收"):
        task_flow.task_accept(actor=world.user("office"), task=task)
    with pytest.raises(ServiceError, match="办结说明"):
        task_flow.task_request_close(actor=world.user("village"), task=task, note="  ")
    with pytest.raises(ServiceError, match="当前状态为“待签收”"):
        task_flow.task_request_close(actor=world.user("village"), task=make_task(world, title="未签收"), note="完成")


def test_the_office_reopens_with_a_reason_and_a_leader_may_not(world):
    task = complete_task(world, _signed(world))
    with pytest.raises(OutOfScope):
        task_flow.task_reopen(actor=world.user("leader"), task=task, reason="复查不合格")
    with pytest.raises(ServiceError, match="理由"):
        task_flow.task_reopen(actor=world.user("office"), task=task, reason="")
    reopened = task_flow.task_reopen(actor=world.user("office"), task=task, reason="县级复查不合格")
    assert (reopened.status, reopened.completed_at, reopened.light) == (TaskStatus.SIGNED, None, _task(task).light)
    assert _task(task).light in (Light.GREEN, Light.YELLOW, Light.RED)
    assert stale_lights() == []


def test_the_closing_report_carries_the_evidence_and_the_request_in_one_step(world):
    village = world.user("village")
    task = _signed(world)
    report = progress.task_close_request(actor=village, task=task, note="厕所已建成验收", percent=100,
                                         files=[photo()], idempotency_key="close-1")
    assert report.text == "【申请办结】厕所已建成验收" and len(report.attachment_list) == 1
    assert (_task(task).status, _task(task).progress, _task(task).close_note) == (
        TaskStatus.CLOSING, 100, "厕所已建成验收")
    again = progress.task_close_request(actor=village, task=task, note="厕所已建成验收", idempotency_key="close-1")
    assert again.pk == report.pk and ProgressReport.objects.unscoped("test").filter(task=task).count() == 1


def test_a_split_task_is_accepted_when_its_last_part_is(world):
    office = world.user("office")
    plan = make_plan(world, timezone.localdate().year)
    whole = make_task(world, plan, unit="township", title="改厕", deploy=False)
    parts = services.task_split(actor=office, task=whole, units=[world.unit("village")])
    services.task_deploy(actor=office, task=whole)  # the parts go out; the whole is under way
    part = _task(parts[0])
    assert (_task(whole).status, part.status) == (TaskStatus.SIGNED, TaskStatus.DEPLOYED)
    assert _task(whole).light == part.light and "分解任务 1 项" in _task(whole).light_reason
    complete_task(world, part)
    assert (_task(whole).status, _task(whole).light) == (TaskStatus.COMPLETED, Light.DONE)
    entry = AuditEntry.objects.unscoped("test").filter(object_id=str(whole.pk), object_type="plans.task").order_by(
        "id").last()
    assert (entry.actor_name, entry.message) == ("系统", "各分解任务均已验收办结")
    task_flow.task_reopen(actor=office, task=part, reason="复查发现问题")
    assert _task(whole).status == TaskStatus.SIGNED  # the whole reopens with its part
    assert stale_lights() == []


def test_the_office_accepts_a_split_task_explicitly_only_with_a_note(world):
    office = world.user("office")
    whole = make_task(world, unit="township", title="改厕", deploy=False)
    services.task_split(actor=office, task=whole, units=[world.unit("village")])
    services.task_deploy(actor=office, task=whole)
    with pytest.raises(ServiceError, match="写明理由"):
        task_flow.task_accept(actor=office, task=whole)
    task_flow.task_accept(actor=office, task=whole, note="县里统一验收，村级分项不再单独验收")
    assert _task(whole).status == TaskStatus.COMPLETED


def test_redeploying_a_returned_task_after_splitting_it_sends_the_parts_not_the_whole(world):
    office, village = world.user("office"), world.user("village")
    task = make_task(world, title="全镇改厕")
    services.task_return(actor=village, task=task, reason="请分解到各村")
    parts = services.task_split(actor=office, task=task, units=[world.unit("village"),
                                                                world.unit("other_village_same_township")])
    services.task_deploy(actor=office, task=task)
    assert {_task(p).status for p in parts} == {TaskStatus.DEPLOYED}
    assert _task(task).status == TaskStatus.SIGNED
    from luoshi.plans.selectors import my_tasks

    assert task.pk not in {t.pk for t in my_tasks(actor=village)}  # the village has its share only


def test_a_recurring_task_ends_with_its_time_and_is_judged_on_the_periods_it_missed(world):
    plan = make_plan(world, 2024)
    task = make_task(world, plan, recurrence="monthly", start=dt.date(2024, 1, 1), deadline=dt.date(2024, 3, 31))
    services.task_sign(actor=world.user("village"), task=task)
    progress.report_submit(actor=world.user("village"), task=task, text="一月", period="2024-01")
    counts = recompute_all_lights(today=dt.date(2024, 4, 2))
    ended = _task(task)
    assert counts["ended"] == 1 and ended.status == TaskStatus.COMPLETED
    assert (ended.light, ended.light_reason) == (Light.DONE, "已办结；漏报 2 个周期")


def test_a_milestone_is_done_by_the_task_people_and_checked_by_the_office(world):
    village, office = world.user("village"), world.user("office")
    task = _signed(world)
    step = services.milestone_add(actor=office, task=task, title="县级初验",
                                  due_date=timezone.localdate() - dt.timedelta(days=1))
    assert _task(task).light == Light.RED and "县级初验" in _task(task).light_reason
    task_flow.milestone_done(actor=village, milestone=step, note="已通过县级初验")
    assert "县级初验" not in _task(task).light_reason
    with pytest.raises(OutOfScope):  # a village does not check
        task_flow.milestone_check(actor=village, milestone=step, accept=True)
    task_flow.milestone_check(actor=office, milestone=step, accept=False, reason="缺少初验报告")
    assert "县级初验" in _task(task).light_reason  # open again, and overdue
    task_flow.milestone_done(actor=village, milestone=step, note="补交初验报告")
    checked = task_flow.milestone_check(actor=office, milestone=step, accept=True)
    assert checked.checked_by == office and stale_lights() == []
    own = services.milestone_add(actor=office, task=task, title="市级核查", due_date=timezone.localdate())
    task_flow.milestone_done(actor=office, milestone=own, note="已完成")
    with pytest.raises(ServiceError, match="填报人以外"):  # nobody checks their own
        task_flow.milestone_check(actor=office, milestone=own, accept=True)


def test_every_step_keeps_the_stored_light_fresh(world):
    office = world.user("office")
    task = make_task(world, deploy=False, deadline=timezone.localdate() - dt.timedelta(days=3))
    services.task_deploy(actor=office, task=task)
    assert _task(task).light == Light.RED  # lit at deployment, not at the nightly job
    services.task_update(actor=office, task=_task(task), version=_task(task).version,
                         deadline=timezone.localdate() + dt.timedelta(days=90))
    assert "已超过完成时限" not in _task(task).light_reason and stale_lights() == []


def test_the_api_lists_the_steps_a_caller_may_take_and_takes_them_through_the_same_table(world, client_as):
    task = _signed(world)
    village = client_as("village")
    assert [s["action"] for s in village.get(f"/api/v1/tasks/{task.pk}/actions/").json()] == ["request_close"]
    asked = village.post(f"/api/v1/tasks/{task.pk}/request_close/", {"note": "已完成"}, content_type="application/json")
    assert asked.status_code == 200 and asked.json()["status"] == "closing"
    assert village.get(f"/api/v1/tasks/{task.pk}/actions/").json() == []  # nobody checks their own
    refused = village.post(f"/api/v1/tasks/{task.pk}/accept/", {}, content_type="application/json")
    assert refused.status_code == 404
    office = client_as("office")
    assert {s["action"] for s in office.get(f"/api/v1/tasks/{task.pk}/actions/").json()} == {"accept", "send_back"}
    done = office.post(f"/api/v1/tasks/{task.pk}/accept/", {"note": ""}, content_type="application/json")
    assert done.json()["status"] == "completed" and done.json()["light"] == "done"


def test_when_the_office_asks_and_no_leader_is_named_the_township_leaders_hear_of_it(world,
                                                                                       django_capture_on_commit_callbacks):
    office = world.user("office")
    task = services.task_sign(actor=office, task=make_task(world, unit="township"))
    other_office = Notification.objects.unscoped("test").filter(recipient=office)
    with django_capture_on_commit_callbacks(execute=True):
        task_flow.task_request_close(actor=office, task=task, note="已完成")
    assert "task_close_requested" in _unread(world.user("leader"))
    assert not other_office.filter(kind="task_close_requested").exists()
