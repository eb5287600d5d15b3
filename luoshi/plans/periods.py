"""Reporting periods of recurring tasks: which period a day belongs to, and which periods a task owes;
and which Recurrence a 完成时限 as written names.

A recurring task expects one report in each period. Keys are stable strings stored on
`ProgressReport.period`:

| recurrence   | period                                   | key          |
|--------------|------------------------------------------|--------------|
| daily        | the day                                  | "2024-05-06" |
| mon_wed_fri  | a roll-call day until the next one       | "2024-05-06" |
|              | (Mon–Tue, Wed–Thu, Fri–Sun)               |              |
| weekly       | ISO week                                 | "2024-W18"   |
| monthly      | calendar month                           | "2024-05"    |
| quarterly    | calendar quarter                         | "2024-Q2"    |
| semiannual   | half year (Jan–Jun, Jul–Dec)              | "2024-H1"    |
| yearly       | calendar year                            | "2024"       |
| ongoing      | calendar month (长期坚持 reports monthly) | "2024-05"    |
| "" (one-off) | none                                     | ""           |

A report made on Tuesday counts for Monday's roll call: late, but not missed.

Words become values in one place, `recurrence_of`: the import's reading of a 完成时限 cell
(exchange.deadlines, whose recurrence names are Recurrence's values) and the phrases extraction
reports as written ("每月", "每周一三五", "长期坚持", "每半年") go through it alike.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from luoshi.exchange.deadlines import parse_deadline
from luoshi.plans.models import Recurrence

RECURRING = frozenset(r for r in Recurrence.values if r)
_ROLL_CALL_OFFSET = (0, 1, 0, 1, 0, 1, 2)  # days back from each weekday to its roll-call day
# Monday … Sunday as they follow 周 (周一, 每周一、三、五).
WEEKDAY_NAMES = (
    pgettext_lazy("weekday", "一"), pgettext_lazy("weekday", "二"), pgettext_lazy("weekday", "三"),
    pgettext_lazy("weekday", "四"), pgettext_lazy("weekday", "五"), pgettext_lazy("weekday", "六"),
    pgettext_lazy("weekday", "日"),
)


def period_bounds(recurrence: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the period that contains `day`."""
    if recurrence == Recurrence.DAILY:
        return day, day
    if recurrence == Recurrence.MON_WED_FRI:
        first = day - dt.timedelta(days=_ROLL_CALL_OFFSET[day.weekday()])
        length = 3 if first.weekday() == 4 else 2
        return first, first + dt.timedelta(days=length - 1)
    if recurrence == Recurrence.WEEKLY:
        first = day - dt.timedelta(days=day.weekday())
        return first, first + dt.timedelta(days=6)
    if recurrence == Recurrence.QUARTERLY:
        start_month = (day.month - 1) // 3 * 3 + 1
        return dt.date(day.year, start_month, 1), _month_end(day.year, start_month + 2)
    if recurrence in (Recurrence.MONTHLY, Recurrence.ONGOING):
        return day.replace(day=1), _month_end(day.year, day.month)
    if recurrence == Recurrence.SEMIANNUAL:
        first_half = day.month <= 6
        return dt.date(day.year, 1 if first_half else 7, 1), _month_end(day.year, 6 if first_half else 12)
    if recurrence == Recurrence.YEARLY:
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    raise ValueError(f"not a recurrence: {recurrence!r}")


def period_key(recurrence: str, day: dt.date) -> str:
    """The key of the period `day` falls in; "" for a one-off task."""
    if recurrence not in RECURRING:
        return ""
    if recurrence in (Recurrence.DAILY, Recurrence.MON_WED_FRI):
        return period_bounds(recurrence, day)[0].isoformat()
    if recurrence == Recurrence.WEEKLY:
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"
    if recurrence == Recurrence.QUARTERLY:
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if recurrence == Recurrence.SEMIANNUAL:
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    if recurrence == Recurrence.YEARLY:
        return str(day.year)
    return f"{day.year}-{day.month:02d}"


def period_label(recurrence: str, key: str) -> str:
    """How a person reads a period key: "2024年5月", "2024年第18周", "5月6日（周一）", "2024年上半年"."""
    if not key:
        return ""
    if recurrence in (Recurrence.DAILY, Recurrence.MON_WED_FRI):
        day = dt.date.fromisoformat(key)
        return _("%(m)d月%(d)d日（周%(w)s）") % {"m": day.month, "d": day.day, "w": WEEKDAY_NAMES[day.weekday()]}
    year, _sep, rest = key.partition("-")
    if not rest:
        return _("%(y)s年") % {"y": year}
    if rest.startswith("H"):
        return (_("%(y)s年上半年") if rest == "H1" else _("%(y)s年下半年")) % {"y": year}
    if rest.startswith("W"):
        return _("%(y)s年第%(n)d周") % {"y": year, "n": int(rest[1:])}
    if rest.startswith("Q"):
        return _("%(y)s年第%(n)s季度") % {"y": year, "n": rest[1:]}
    return _("%(y)s年%(m)d月") % {"y": year, "m": int(rest)}


def expected_periods(task, start: dt.date, today: dt.date) -> list[tuple[str, bool]]:
    """Every period the task owes a report for, from `start` to `today` (or its deadline, if
    earlier), oldest first, as (key, closed): a closed period has ended before `today`, so a
    missing report is missed; the open one can still be reported."""
    if task.recurrence not in RECURRING:
        return []
    end = min(today, task.deadline) if task.deadline else today
    return list(_periods_between(task.recurrence, start, end, today))


@functools.lru_cache(maxsize=4096)
def _periods_between(recurrence: str, start: dt.date, end: dt.date, today: dt.date) -> tuple[tuple[str, bool], ...]:
    # Pure in its arguments, and tasks share them: the light job walks a county's recurring
    # tasks whose starts fall on a few hundred days, and a page asks twice (light and history).
    periods = []
    day = start
    while day <= end:
        _first, last = period_bounds(recurrence, day)
        periods.append((period_key(recurrence, day), last < today))
        day = last + dt.timedelta(days=1)
    return tuple(periods)


def missed_periods(task, start: dt.date, today: dt.date, reported: frozenset[str] | set[str]) -> list[str]:
    """The closed periods without a report, oldest first."""
    return [key for key, closed in expected_periods(task, start, today) if closed and key not in reported]


def trailing_missed(task, start: dt.date, today: dt.date, reported: frozenset[str] | set[str]) -> list[str]:
    """The missed periods in a row up to the latest closed one (what the light looks at)."""
    closed = [key for key, is_closed in expected_periods(task, start, today) if is_closed]
    run: list[str] = []
    for key in reversed(closed):
        if key in reported:
            break
        run.append(key)
    return list(reversed(run))


def recurrence_of(words: str | None, *, kind: str | None = None, read: str | None = None, year: int | None = None) -> str:
    """The Recurrence value a 完成时限 names ("" for a one-off task): `words` as written, with the
    import's reading of them when the caller has it (`kind` and `read`, the recurrence name of
    exchange.deadlines), else read here. 长期坚持 is a kind of its own to that reader, and stays
    ongoing beside a date ("长期坚持，2026年12月31日前", as the export writes it)."""
    if kind is None:
        parsed = parse_deadline(words or "", year=year or dt.date.today().year)
        kind, read = parsed.deadline_kind, parsed.recurrence
    if kind == "ongoing" or (kind == "date" and not read and str(Recurrence.ONGOING.label) in (words or "")):
        return Recurrence.ONGOING.value
    return read if read in RECURRING else ""


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
