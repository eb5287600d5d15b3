"""Weeks as lists and charts name them: by their Monday, written YYYY-MM-DD in a link (?done_week=2026-11-30)."""

import datetime as dt


def week_start(value) -> dt.date | None:
    """The Monday of the week a date (or its ISO text) falls in; None for text that is no date."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    if not isinstance(value, dt.date):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    return value - dt.timedelta(days=value.weekday())


def last_weeks(today: dt.date, count: int) -> list[dt.date]:
    """The Mondays of the `count` weeks up to and including today's, oldest first."""
    this = week_start(today)
    return [this - dt.timedelta(weeks=n) for n in range(count - 1, -1, -1)]
