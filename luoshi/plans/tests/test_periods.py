"""Which period a day belongs to, and which periods a recurring task owes."""

import datetime as dt

import pytest

from luoshi.plans.models import Task
from luoshi.plans.periods import (
    RECURRING,
    expected_periods,
    missed_periods,
    period_bounds,
    period_key,
    period_label,
    trailing_missed,
)

D = dt.date


@pytest.mark.parametrize("recurrence, day, key", [
    ("monthly", D(2024, 5, 31), "2024-05"),
    ("ongoing", D(2024, 5, 1), "2024-05"),
    ("quarterly", D(2024, 6, 30), "2024-Q2"),
    ("quarterly", D(2024, 7, 1), "2024-Q3"),
    ("weekly", D(2024, 5, 5), "2024-W18"),
    ("weekly", D(2024, 12, 30), "2025-W01"),
    ("mon_wed_fri", D(2024, 5, 6), "2024-05-06"),
    ("mon_wed_fri", D(2024, 5, 7), "2024-05-06"),
    ("mon_wed_fri", D(2024, 5, 9), "2024-05-08"),
    ("mon_wed_fri", D(2024, 5, 12), "2024-05-10"),
    ("daily", D(2024, 5, 7), "2024-05-07"),
    ("semiannual", D(2024, 6, 30), "2024-H1"),
    ("semiannual", D(2024, 7, 1), "2024-H2"),
    ("yearly", D(2024, 12, 31), "2024"),
    ("", D(2024, 5, 12), ""),
])
def test_period_key_of_each_recurrence(recurrence, day, key):
    assert period_key(recurrence, day) == key


def test_a_monthly_task_owes_every_month_and_the_current_one_is_still_open():
    task = Task(recurrence="monthly")
    periods = expected_periods(task, D(2024, 1, 15), D(2024, 5, 20))
    assert periods == [("2024-01", True), ("2024-02", True), ("2024-03", True), ("2024-04", True), ("2024-05", False)]


def test_periods_stop_at_the_deadline():
    task = Task(recurrence="quarterly", deadline=D(2024, 6, 30))
    assert [k for k, _closed in expected_periods(task, D(2024, 1, 1), D(2024, 12, 1))] == ["2024-Q1", "2024-Q2"]


def test_roll_call_periods_are_monday_wednesday_and_friday():
    task = Task(recurrence="mon_wed_fri")
    keys = [k for k, _closed in expected_periods(task, D(2024, 5, 6), D(2024, 5, 13))]
    assert keys == ["2024-05-06", "2024-05-08", "2024-05-10", "2024-05-13"]


def test_missed_and_trailing_missed_periods():
    task = Task(recurrence="monthly")
    reported = {"2024-02"}
    assert missed_periods(task, D(2024, 1, 1), D(2024, 5, 3), reported) == ["2024-01", "2024-03", "2024-04"]
    assert trailing_missed(task, D(2024, 1, 1), D(2024, 5, 3), reported) == ["2024-03", "2024-04"]


@pytest.mark.parametrize("recurrence, key, label", [
    ("monthly", "2024-05", "2024年5月"),
    ("weekly", "2024-W18", "2024年第18周"),
    ("quarterly", "2024-Q2", "2024年第2季度"),
    ("mon_wed_fri", "2024-05-08", "5月8日（周三）"),
    ("daily", "2024-05-07", "5月7日（周二）"),
    ("semiannual", "2024-H1", "2024年上半年"),
    ("semiannual", "2024-H2", "2024年下半年"),
    ("yearly", "2024", "2024年"),
])
def test_periods_read_in_chinese(recurrence, key, label):
    assert period_label(recurrence, key) == label


@pytest.mark.parametrize("recurrence, day, first, last", [
    ("daily", D(2024, 2, 29), D(2024, 2, 29), D(2024, 2, 29)),
    ("semiannual", D(2024, 3, 15), D(2024, 1, 1), D(2024, 6, 30)),
    ("semiannual", D(2024, 12, 31), D(2024, 7, 1), D(2024, 12, 31)),
    ("yearly", D(2024, 5, 6), D(2024, 1, 1), D(2024, 12, 31)),
])
def test_period_bounds_of_days_half_years_and_years(recurrence, day, first, last):
    assert period_bounds(recurrence, day) == (first, last)


def test_a_daily_task_owes_each_day_and_today_is_still_open():
    task = Task(recurrence="daily")
    assert expected_periods(task, D(2024, 5, 6), D(2024, 5, 8)) == [
        ("2024-05-06", True), ("2024-05-07", True), ("2024-05-08", False)]
    assert trailing_missed(task, D(2024, 5, 6), D(2024, 5, 8), {"2024-05-06"}) == ["2024-05-07"]


def test_a_semiannual_task_owes_each_half_and_a_yearly_task_each_year():
    half, year = Task(recurrence="semiannual"), Task(recurrence="yearly")
    assert expected_periods(half, D(2024, 3, 1), D(2025, 2, 1)) == [
        ("2024-H1", True), ("2024-H2", True), ("2025-H1", False)]
    assert expected_periods(year, D(2023, 3, 1), D(2024, 2, 1)) == [("2023", True), ("2024", False)]


def test_every_recurrence_has_periods_with_a_key_and_a_label():
    for recurrence in RECURRING:
        first, last = period_bounds(recurrence, D(2024, 5, 6))
        key = period_key(recurrence, D(2024, 5, 6))
        assert first <= D(2024, 5, 6) <= last and key and period_label(recurrence, key)
