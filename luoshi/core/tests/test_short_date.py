"""`short_date`: a date of this year as "12月31日", of any other year with its year."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import timezone

from luoshi.core.templatetags.luoshi_dates import short_date

# 2026-03-01 10:00 in Shanghai: the year's first days of spring.
NOW = dt.datetime(2026, 3, 1, 2, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen(monkeypatch, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def test_a_date_of_this_year_shows_month_and_day():
    assert short_date(dt.date(2026, 12, 31)) == "12月31日"
    assert short_date(dt.date(2026, 1, 5)) == "1月5日"


def test_a_date_of_another_year_shows_its_year():
    assert short_date(dt.date(2025, 12, 31)) == "2025年12月31日"
    assert short_date(dt.date(2027, 1, 1)) == "2027年1月1日"


def test_a_datetime_is_read_in_local_time():
    # 2025-12-31 20:00 UTC is already New Year's Day in Shanghai, so this year's.
    assert short_date(dt.datetime(2025, 12, 31, 20, 0, tzinfo=dt.UTC)) == "1月1日"
    assert short_date(dt.datetime(2025, 12, 31, 15, 0, tzinfo=dt.UTC)) == "2025年12月31日"


def test_nothing_shows_nothing():
    assert short_date(None) == "" and short_date("") == ""


def test_templates_load_it():
    shown = Template("{% load luoshi_dates %}{{ a|short_date }}/{{ b|short_date }}").render(
        Context({"a": dt.date(2026, 6, 30), "b": dt.date(2024, 6, 30)}))
    assert shown == "6月30日/2024年6月30日"
