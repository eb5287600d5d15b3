"""完成时限 as written → date, kind and recurrence (see the conventions in deadlines.py)."""

import datetime

import pytest

from luoshi.exchange.deadlines import parse_deadline

CASES = [
    # (value, expected deadline, kind, recurrence)
    (datetime.date(2024, 6, 30), "2024-06-30", "date", None),
    (datetime.datetime(2024, 6, 30, 0, 0), "2024-06-30", "date", None),
    ("2024年6月底", "2024-06-30", "date", None),
    ("6月30日前", "2024-06-30", "date", None),
    ("2024.12", "2024-12-31", "date", None),
    ("２０２４年９月底", "2024-09-30", "date", None),
    ("第三季度", "2024-09-30", "date", None),
    ("年内", "2024-12-31", "date", None),
    ("年底前", "2024-12-31", "date", None),
    ("年底", "2024-12-31", "date", None),
    ("上半年", "2024-06-30", "date", None),
    ("下半年", "2024-12-31", "date", None),
    ("上半年完成选址，12月底建成", "2024-12-31", "date", None),
    ("长期坚持", None, "ongoing", None),
    ("持续推进", None, "ongoing", None),
    ("每月", None, "recurring", "monthly"),
    ("按月调度", None, "recurring", "monthly"),
    ("每季度", None, "recurring", "quarterly"),
    ("每周一三五", None, "recurring", "mon_wed_fri"),
    ("一三五", None, "recurring", "mon_wed_fri"),
    ("每周", None, "recurring", "weekly"),
    ("每年", None, "recurring", "yearly"),
    ("立行立改", None, "immediate", None),
    ("立即", None, "immediate", None),
    ("2024年3月15日", "2024-03-15", "date", None),
    ("3月上旬", "2024-03-10", "date", None),
    ("3月中旬", "2024-03-20", "date", None),
    ("3月下旬", "2024-03-31", "date", None),
    ("2024/6/30", "2024-06-30", "date", None),
    ("2024-06-30", "2024-06-30", "date", None),
    ("2024.6.30", "2024-06-30", "date", None),
    ("20240630", "2024-06-30", "date", None),
    ("2024年第四季度", "2024-12-31", "date", None),
    ("二〇二四年十二月底", "2024-12-31", "date", None),
    ("2025年3月底前", "2025-03-31", "date", None),
    ("6月底前完成，每月调度", "2024-06-30", "date", "monthly"),
    (45473, "2024-06-30", "date", None),  # an Excel serial day number in a number cell
    (2024.12, "2024-12-31", "date", None),  # "2024.12" typed into a number cell
    ("6.30前", "2024-06-30", "date", None),
    ("9/30之前完成", "2024-09-30", "date", None),
    ("即时办结", None, "immediate", None),
    ("", None, "none", None),
    (None, None, "none", None),
    ("   ", None, "none", None),
]


@pytest.mark.parametrize(("value", "deadline", "kind", "recurrence"), CASES)
def test_deadline_is_read_as_townships_write_it(value, deadline, kind, recurrence):
    parsed = parse_deadline(value, year=2024)
    assert (parsed.deadline, parsed.deadline_kind, parsed.recurrence, parsed.error) == (
        deadline,
        kind,
        recurrence,
        None,
    )


def test_deadline_text_keeps_what_was_written_without_stray_whitespace():
    parsed = parse_deadline("  ２０２４年\n９月底 ", year=None)
    assert parsed.deadline_text == "２０２４年 ９月底"
    assert parsed.deadline == "2024-09-30"


def test_a_date_cell_is_written_back_as_its_iso_date():
    assert parse_deadline(datetime.date(2024, 6, 30), year=None).deadline_text == "2024-06-30"


def test_year_written_in_the_value_beats_the_callers_year():
    assert parse_deadline("2025年6月底", year=2024).deadline == "2025-06-30"


def test_year_written_once_carries_to_later_dates_in_the_same_text():
    assert parse_deadline("2025年3月启动，6月底完成", year=None).deadline == "2025-06-30"


def test_unreadable_text_is_an_error_naming_the_text():
    parsed = parse_deadline("按上级要求", year=2024)
    assert parsed.error == "无法识别的完成时限：按上级要求"
    assert (parsed.deadline, parsed.deadline_kind) == (None, "none")


def test_relative_date_without_any_year_is_an_error():
    parsed = parse_deadline("6月底", year=None)
    assert parsed.deadline is None
    assert "没有写年份" in parsed.error


def test_impossible_date_is_an_error():
    assert parse_deadline("2024年2月30日", year=None).error == "完成时限中的日期不存在：2024年2月30日"


def test_fields_are_the_four_row_fields_of_the_import_contract():
    assert parse_deadline("每月", year=None).fields() == {
        "deadline": None,
        "deadline_kind": "recurring",
        "recurrence": "monthly",
        "deadline_text": "每月",
    }
