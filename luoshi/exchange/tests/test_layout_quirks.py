"""Where the table sits: titles, headers, captions, several tables and sheets.

Each test builds one workbook with one quirk of real township ledgers and states the
exact rows it must yield.
"""

import datetime

import pytest

from luoshi.exchange.errors import WorkbookError
from luoshi.exchange.workbook import read_workbook
from luoshi.plans.specs import TASKS_SPEC

from .builders import HEADER, TITLE, Sheet, expected, save, task_row


def read(tmp_path, *sheets, **options):
    return read_workbook(save(tmp_path / "ledger.xlsx", *sheets), TASKS_SPEC, **options)


def test_merged_title_and_info_row_yield_nothing_and_the_title_gives_the_year(tmp_path):
    rows = [
        [TITLE],
        ["填报单位：××镇党政办", None, None, None, None, None, "日期：2023年12月5日"],
        HEADER,
        task_row(1, "修建村级道路", deadline="6月底"),
    ]
    result = read(tmp_path, Sheet("任务", rows, ["A1:J1", "A2:F2", "G2:J2"]))
    assert result.rows == [expected(4, "修建村级道路", deadline_text="6月底")]
    assert result.year == 2024
    assert result.tables[0].header_rows == [3]
    assert (result.tables[0].first_data_row, result.tables[0].last_data_row) == (4, 4)


def test_two_row_header_with_merged_group_and_vertically_merged_index(tmp_path):
    top = ["序号", "工作专线", "工作任务", "工作要求", "责任领导", "责任主体", None, None, "完成时限", "备注"]
    sub = [None, None, None, None, None, "牵头单位", "配合单位", "责任人", None, None]
    merges = ["A1:J1", *(f"{c}2:{c}3" for c in "ABCDEIJ"), "F2:H2"]
    result = read(tmp_path, Sheet("任务", [[TITLE], top, sub, task_row(1, "建设产业园")], merges))
    table = result.tables[0]
    assert table.header_rows == [2, 3]
    assert table.columns == {
        "line": "B",
        "task": "C",
        "requirement": "D",
        "leader": "E",
        "lead_unit": "F",
        "co_units": "G",
        "owner": "H",
        "deadline": "I",
        "note": "J",
    }
    assert table.headers["F"] == "责任主体/牵头单位"
    assert result.rows == [expected(4, "建设产业园")]


def test_two_row_header_without_vertical_merges(tmp_path):
    top = ["序号", "工作任务", "责任主体", None, None, "完成时限"]
    sub = [None, None, "牵头单位", "配合单位", "责任人", None]
    row = [1, "建设产业园", "经济发展办", "财政所、自然资源所", "张三", "2024年6月底"]
    result = read(tmp_path, Sheet("任务", [top, sub, row], ["C1:E1"]))
    assert result.tables[0].header_rows == [1, 2]
    assert result.tables[0].columns == {
        "task": "B",
        "lead_unit": "C",
        "co_units": "D",
        "owner": "E",
        "deadline": "F",
    }
    assert result.rows == [
        expected(3, "建设产业园", line=None, requirement=None, leader=None, note=None),
    ]


def test_columns_in_any_order_and_any_known_wording(tmp_path):
    header = ["完成时间", "具体责任人", "协办单位", "责任单位", "分管领导", "目标要求", "重点任务", "类别"]
    row = ["2024年6月底", "张三", "财政所、自然资源所", "经济发展办", "王镇长", "按期完成", "招引项目", "经济发展专线"]
    result = read(tmp_path, Sheet("任务", [header, row]))
    assert result.tables[0].columns == {
        "deadline": "A",
        "owner": "B",
        "co_units": "C",
        "lead_unit": "D",
        "leader": "E",
        "requirement": "F",
        "task": "G",
        "line": "H",
    }
    assert result.rows == [expected(2, "招引项目")]


def test_header_marks_spaces_line_breaks_and_full_width_letters_are_tolerated(tmp_path):
    header = ["序　号", "工作\n任务（必填）", "*牵 头 单 位", "完成时限(必填)", "责任人★", "ＮＯＴＥ", "备　注"]
    row = [1, "招引项目", "经济发展办", "2024年6月底", "张三", "x", "无"]
    result = read(tmp_path, Sheet("任务", [header, row]))
    table = result.tables[0]
    assert table.columns == {"task": "B", "lead_unit": "C", "deadline": "D", "owner": "E", "note": "G"}
    assert table.unmapped == {"F": "ＮＯＴＥ"}
    assert result.rows[0]["lead_unit"] == "经济发展办"


def test_index_column_is_recognised_and_ignored(tmp_path):
    result = read(tmp_path, Sheet("任务", [HEADER, task_row(1, "招引项目")]))
    table = result.tables[0]
    assert table.index_column == "A"
    assert "A" not in table.unmapped
    assert "A" not in table.columns.values()
    assert "序号" not in result.rows[0]


def test_captions_above_the_table_yield_nothing(tmp_path):
    rows = [["附表1"], ["表一：2024年重点工作任务"], HEADER, task_row(1, "招引项目")]
    result = read(tmp_path, Sheet("任务", rows, ["A2:J2"]))
    assert result.rows == [expected(4, "招引项目")]


def test_two_tables_on_one_sheet_are_both_read(tmp_path):
    second_header = ["序号", "重点任务", "责任单位", "时间节点", "具体责任人"]
    rows = [
        [TITLE],
        HEADER,
        task_row(1, "招引项目"),
        task_row(2, "建设园区"),
        [],
        [],
        ["表二：民生实事"],
        second_header,
        [1, "改造老旧小区", "城建办", "2024年9月底", "李四"],
        [],
        ["填表说明：按实际填写"],
    ]
    result = read(tmp_path, Sheet("任务", rows, ["A1:J1", "A7:E7", "A11:E11"]))
    assert [t.header_rows for t in result.tables] == [[2], [8]]
    assert result.rows[:2] == [expected(3, "招引项目"), expected(4, "建设园区")]
    assert result.rows[2] == {
        "sheet": "任务",
        "row": 9,
        "line": None,
        "task": "改造老旧小区",
        "requirement": None,
        "leader": None,
        "lead_unit": "城建办",
        "co_units": [],
        "owner": "李四",
        "deadline": "2024-09-30",
        "deadline_kind": "date",
        "recurrence": None,
        "deadline_text": "2024年9月底",
        "note": None,
    }
    assert result.errors == []


def test_two_tables_with_the_same_layout_stay_two_tables(tmp_path):
    rows = [HEADER, task_row(1, "甲"), [], ["表二"], HEADER, task_row(1, "乙")]
    result = read(tmp_path, Sheet("任务", rows))
    assert [t.header_rows for t in result.tables] == [[1], [5]]
    assert [r["task"] for r in result.rows] == ["甲", "乙"]


def test_repeated_header_rows_yield_nothing_and_continue_the_table(tmp_path):
    rows = [HEADER, task_row(1, "甲"), HEADER, task_row(2, "乙")]
    result = read(tmp_path, Sheet("任务", rows))
    assert len(result.tables) == 1
    assert [(r["row"], r["task"]) for r in result.rows] == [(2, "甲"), (4, "乙")]


def test_hidden_and_very_hidden_sheets_are_skipped(tmp_path):
    visible = Sheet("任务", [HEADER, task_row(1, "甲")])
    hidden = Sheet("旧版", [HEADER, task_row(1, "乙")], state="hidden")
    very_hidden = Sheet("数据源", [HEADER, task_row(1, "丙")], state="veryHidden")
    result = read(tmp_path, hidden, visible, very_hidden)
    assert [(r["sheet"], r["task"]) for r in result.rows] == [("任务", "甲")]


def test_every_visible_sheet_with_a_table_is_read_and_others_are_ignored(tmp_path):
    first = Sheet("经济发展", [HEADER, task_row(1, "甲")])
    notes = Sheet("说明", [["本表由党政办汇总"], ["联系人：张三"]])
    second = Sheet("社会事业", [HEADER, task_row(1, "乙"), task_row(2, "丙")])
    result = read(tmp_path, first, notes, second)
    assert [(r["sheet"], r["row"], r["task"]) for r in result.rows] == [
        ("经济发展", 2, "甲"),
        ("社会事业", 2, "乙"),
        ("社会事业", 3, "丙"),
    ]


def test_a_workbook_without_any_table_of_the_ledger_is_refused(tmp_path):
    with pytest.raises(WorkbookError, match="没有找到任务分解表的表头"):
        read(tmp_path, Sheet("Sheet1", [["姓名", "电话"], ["张三", "138"]]))


def test_a_table_missing_a_required_column_is_reported_without_rows(tmp_path):
    header = ["序号", "工作任务", "落实方", "完成时限"]
    result = read(tmp_path, Sheet("任务", [header, [1, "招引项目", "经济发展办", "6月底"]]))
    assert result.rows == []
    assert result.tables[0].missing == ["牵头单位"]
    assert result.tables[0].unmapped == {"C": "落实方"}
    assert result.errors == [
        {
            "sheet": "任务",
            "row": 1,
            "column": "牵头单位",
            "reason": "表格中没有找到“牵头单位”列，请检查表头或在导入时指定对应的列",
        }
    ]


def test_the_callers_year_anchors_deadlines_when_no_title_names_one(tmp_path):
    result = read(tmp_path, Sheet("任务", [HEADER, task_row(1, "甲", deadline="9月底")]), year=2025)
    assert result.rows[0]["deadline"] == "2025-09-30"
    assert result.year == 2025


def test_a_sheet_name_with_a_year_anchors_deadlines_when_no_title_does(tmp_path):
    result = read(tmp_path, Sheet("2023年任务", [HEADER, task_row(1, "甲", deadline="9月底")]))
    assert result.rows[0]["deadline"] == "2023-09-30"


def test_a_relative_deadline_with_no_year_anywhere_is_a_cell_error(tmp_path):
    result = read(tmp_path, Sheet("任务", [HEADER, task_row(1, "甲", deadline="9月底")]))
    assert result.errors == [
        {
            "sheet": "任务",
            "row": 2,
            "column": "I",
            "reason": "完成时限“9月底”没有写年份，标题中也没有年份，请写明年份（如2024年6月底）",
        }
    ]


def test_real_excel_date_cells_in_the_deadline_column(tmp_path):
    rows = [
        HEADER,
        task_row(1, "甲", deadline=datetime.date(2024, 6, 30)),
        task_row(2, "乙", deadline=datetime.datetime(2024, 9, 30, 0, 0)),
    ]
    result = read(tmp_path, Sheet("任务", rows))
    assert [(r["deadline"], r["deadline_kind"], r["deadline_text"]) for r in result.rows] == [
        ("2024-06-30", "date", "2024-06-30"),
        ("2024-09-30", "date", "2024-09-30"),
    ]
