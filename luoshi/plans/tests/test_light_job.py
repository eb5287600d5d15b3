"""The daily light job and the explanation of a task's light with its missed periods."""

import datetime as dt

from luoshi.core.models import AuditEntry
from luoshi.plans import services as plans
from luoshi.plans.jobs import recompute_all_lights
from luoshi.plans.models import Task
from luoshi.progress import selectors, services
from luoshi.progress.tests.factories import make_plan, make_task

D = dt.date


def _task(task):
    return Task.objects.unscoped("reading back in a test").get(pk=task.pk)


def test_the_daily_job_ages_lights_with_the_calendar(world):
    plan = make_plan(world)
    task = make_task(world, plan, start=D(2024, 1, 1), deadline=D(2024, 12, 31))
    draft = make_task(world, plan, deploy=False, start=D(2024, 1, 1), deadline=D(2024, 12, 31), title="草稿")
    assert recompute_all_lights(today=D(2024, 1, 5)) == {"checked": 1, "changed": 1}
    assert _task(task).light == "green" and _task(draft).light == ""
    assert recompute_all_lights(today=D(2024, 1, 6)) == {"checked": 1, "changed": 0}
    recompute_all_lights(today=D(2024, 3, 1))
    assert (_task(task).light, _task(task).light_reason) == ("red", "开始以来已 60 天未上报进展；进度 0%，低于序时进度 16%")
    entry = AuditEntry.objects.unscoped("reading the log").filter(actor_name="系统").last()
    assert "变化 1 项" in entry.message


def test_an_overdue_milestone_turns_the_light_red(world):
    task = make_task(world)
    plans.milestone_add(actor=world.user("office"), task=task, title="省级评估", due_date=D(2026, 1, 1))
    services.report_submit(actor=world.user("village"), task=task, text="x", percent=70)
    assert _task(task).light == "red" and "节点“省级评估”已逾期" in _task(task).light_reason


def test_the_explanation_lists_each_period_and_the_missed_ones(world):
    task = make_task(world, recurrence="monthly", start=D(2024, 1, 1))
    for period in ("2024-01", "2024-03"):
        services.report_submit(actor=world.user("village"), task=task, text=period, period=period)
    recompute_all_lights(today=D(2024, 5, 10))  # the page shows the stored light, as of that night
    why = selectors.light_explanation(_task(task), today=D(2024, 5, 10))
    assert [(p["key"], p["reported"], p["closed"]) for p in why["periods"]] == [
        ("2024-01", True, True), ("2024-02", False, True), ("2024-03", True, True), ("2024-04", False, True),
        ("2024-05", False, False)]
    assert [p["label"] for p in why["missed"]] == ["2024年2月", "2024年4月"]
    assert why["light"] == "yellow" and why["reasons"] == ["上一周期（2024年4月）未上报"]


def test_a_year_of_weekly_periods_shows_the_latest_twelve_and_counts_the_rest(world, client):
    task = make_task(world, recurrence="weekly", start=D(2024, 1, 1))
    for week in ("2024-W02", "2024-W40"):
        services.report_submit(actor=world.user("village"), task=task, text=week, period=week)
    why = selectors.light_explanation(_task(task), today=D(2024, 11, 27))
    assert len(why["periods"]) == 48 and len(why["recent_periods"]) == 12
    assert why["recent_periods"] == why["periods"][-12:] and why["reported_count"] == 2
    assert len(why["missed"]) == 45  # 47 closed weeks, 2 reported
    assert why["recent_missed"] == why["missed"][-12:]  # the page names the latest dozen
