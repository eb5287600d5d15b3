"""Every light rule on a task walked through the year with a frozen date, each with its reason."""

import datetime as dt

import pytest

from luoshi.plans.lights import (
    LightRules,
    MilestoneState,
    ReportsSummary,
    combine_parts,
    compute_light,
    expected_percent,
)
from luoshi.plans.models import Task

D = dt.date
YEAR_START, YEAR_END = D(2024, 1, 1), D(2024, 12, 31)


def task(**fields) -> Task:
    values = {"status": "signed", "start_date": YEAR_START, "deadline": YEAR_END, "progress": 0} | fields
    return Task(**values)


def light(t, today, last=None, periods=(), milestones=()):
    summary = ReportsSummary(last_report_on=last, periods=frozenset(periods))
    return compute_light(t, today=today, summary=summary, milestones=milestones)


def test_at_the_start_of_the_year_a_task_is_green():
    assert light(task(), D(2024, 1, 3))[0] == "green"


def test_forty_percent_through_its_time_a_task_forty_percent_done_is_green():
    today = D(2024, 5, 27)
    assert expected_percent(task(), today) == 40
    colour, reasons = light(task(progress=40), today, last=D(2024, 5, 20))
    assert colour == "green" and reasons == ["进度 40%，不低于序时进度 40%"]


def test_a_little_behind_the_time_elapsed_is_yellow_with_the_numbers():
    colour, reasons = light(task(progress=25), D(2024, 5, 27), last=D(2024, 5, 20))
    assert (colour, reasons) == ("yellow", ["进度 25%，低于序时进度 40%"])


def test_far_behind_the_time_elapsed_is_red():
    colour, reasons = light(task(progress=20), D(2024, 7, 20), last=D(2024, 7, 15))
    assert (colour, reasons) == ("red", ["进度 20%，低于序时进度 55%"])


def test_a_deadline_a_few_days_away_is_yellow():
    colour, reasons = light(task(progress=97), D(2024, 12, 28), last=D(2024, 12, 27))
    assert (colour, reasons) == ("yellow", ["距完成时限仅剩 3 天，进度 97%"])


def test_past_the_deadline_is_red_with_the_days_overdue():
    colour, reasons = light(task(progress=100, deadline=D(2024, 6, 30)), D(2024, 7, 3), last=D(2024, 7, 1))
    assert (colour, reasons) == ("red", ["已超过完成时限 3 天"])


def test_an_overdue_milestone_is_red_and_a_close_one_yellow():
    steps = [MilestoneState("省级评估", D(2024, 5, 1), False), MilestoneState("市级验收", D(2024, 5, 25), False),
             MilestoneState("县级初验", D(2024, 3, 1), True)]
    colour, reasons = light(task(progress=40), D(2024, 5, 27) - dt.timedelta(days=7), last=D(2024, 5, 19),
                            milestones=steps)
    assert colour == "red"
    assert reasons == ["节点“省级评估”已逾期 19 天", "节点“市级验收”将于 5 天内到期"]


def test_a_stale_report_turns_yellow_then_red():
    on_track = task(progress=40)
    assert light(on_track, D(2024, 5, 27), last=D(2024, 5, 15)) == ("yellow", ["已 12 天未上报进展"])
    assert light(on_track, D(2024, 5, 27), last=D(2024, 4, 20)) == ("red", ["已 37 天未上报进展"])
    assert light(on_track, D(2024, 1, 20))[1] == ["开始以来已 19 天未上报进展"]


def test_reasons_list_reds_before_yellows():
    colour, reasons = light(task(progress=25), D(2024, 7, 20), last=D(2024, 7, 5))
    assert colour == "red" and reasons == ["进度 25%，低于序时进度 55%", "已 15 天未上报进展"]


def test_completed_tasks_have_their_own_light_not_green_and_drafts_have_none():
    assert light(task(status="completed", deadline=D(2024, 3, 1)), D(2024, 7, 1)) == ("done", ["已办结"])
    assert light(task(status="draft"), D(2024, 7, 1)) == ("", [])
    assert light(task(status="returned"), D(2024, 7, 1)) == ("", [])


def test_a_monthly_task_missing_last_month_is_yellow_and_two_months_red():
    monthly = task(recurrence="monthly", deadline=None)
    today = D(2024, 5, 10)
    done = {"2024-01", "2024-02", "2024-03", "2024-04"}
    assert light(monthly, today, periods=done) == ("green", ["按时上报，进度正常"])
    assert light(monthly, today, periods=done - {"2024-04"}) == ("yellow", ["上一周期（2024年4月）未上报"])
    assert light(monthly, today, periods=done - {"2024-03", "2024-04"}) == (
        "red", ["连续 2 个周期未上报（2024年3月、2024年4月）"])


def test_the_current_period_is_not_missed_before_it_ends():
    weekly = task(recurrence="weekly", deadline=None, start_date=D(2024, 5, 6))
    assert light(weekly, D(2024, 5, 12))[0] == "green"
    assert light(weekly, D(2024, 5, 13)) == ("yellow", ["上一周期（2024年第19周）未上报"])


def test_roll_call_tasks_miss_a_monday_when_tuesday_is_over():
    roll_call = task(recurrence="mon_wed_fri", deadline=None, start_date=D(2024, 5, 6))
    assert light(roll_call, D(2024, 5, 7))[0] == "green"
    assert light(roll_call, D(2024, 5, 8)) == ("yellow", ["上一周期（5月6日（周一））未上报"])
    assert light(roll_call, D(2024, 5, 8), periods={"2024-05-06"})[0] == "green"


def test_thresholds_come_from_settings(settings):
    settings.LUOSHI_LIGHT_RULES = {"stale_yellow_days": 20, "behind_yellow": 30}
    assert LightRules.from_settings().stale_yellow_days == 20
    assert light(task(progress=25), D(2024, 5, 27), last=D(2024, 5, 15))[0] == "green"


@pytest.mark.parametrize("today, progress, expected", [
    (D(2024, 1, 3), 0, "green"),
    (D(2024, 3, 31), 25, "green"),
    (D(2024, 6, 30), 20, "red"),
    (D(2024, 9, 30), 60, "yellow"),
    (D(2024, 12, 26), 99, "yellow"),
    (D(2025, 1, 2), 99, "red"),
])
def test_a_task_across_the_year(today, progress, expected):
    assert light(task(progress=progress), today, last=today - dt.timedelta(days=2))[0] == expected


def test_the_nightly_light_job_runs_once_per_day(world):
    from luoshi.core.models import JobRun
    from luoshi.plans.jobs import lights_daily

    lights_daily()
    lights_daily()
    run = JobRun.objects.unscoped("test").get(name="lights.daily")
    assert run.status == "done" and run.attempts == 1


def test_a_task_awaiting_acceptance_is_judged_as_of_the_day_it_asked():
    asked = dt.datetime(2024, 12, 20, 10, tzinfo=dt.UTC)
    closing = task(status="closing", progress=100, close_requested_at=asked)
    colour, reasons = light(closing, D(2025, 1, 15), last=D(2024, 12, 20))
    assert colour == "green" and reasons[0] == "已申请办结，待验收"  # the checker's delay is not the doer's


def test_a_recurring_task_past_its_end_is_judged_on_its_periods_not_its_deadline():
    weekly = task(recurrence="weekly", deadline=D(2024, 3, 31), start_date=D(2024, 3, 1))
    reported = {f"2024-W{n:02d}" for n in range(9, 14)}
    assert light(weekly, D(2024, 6, 1), periods=reported)[0] == "green"


def test_a_finished_recurring_task_says_how_many_periods_it_missed():
    done_at = dt.datetime(2024, 3, 31, 23, tzinfo=dt.UTC)
    monthly = task(status="completed", recurrence="monthly", start_date=D(2024, 1, 1), deadline=D(2024, 3, 31),
                   completed_at=done_at)
    assert light(monthly, D(2024, 6, 1), periods={"2024-01"}) == ("done", ["已办结", "漏报 2 个周期"])


def test_a_split_task_shows_its_worst_part_and_names_it():
    parts = [("green", "进度正常", "路村"), ("red", "已超过完成时限 3 天；已 40 天未上报进展", "庙口村"),
             ("done", "已办结", "大屯村"), ("", "", "新村")]
    colour, reasons = combine_parts(parts)
    assert colour == "red"
    assert reasons == ["庙口村：已超过完成时限 3 天", "分解任务 3 项：1 项红灯、1 项绿灯、1 项已办结"]
    assert combine_parts([("", "", "路村")]) is None


def test_among_equally_bad_parts_the_one_named_does_not_depend_on_their_order():
    """The stored light is compared with a recount that may read the parts in another order."""
    parts = [("red", "已 110 天未上报进展", "罗洼村"), ("red", "已 61 天未上报进展", "何屯村"), ("done", "已办结", "路村")]
    named = {combine_parts(order)[1][0] for order in (parts, parts[::-1], parts[1:] + parts[:1])}
    assert named == {"何屯村：已 61 天未上报进展"}
