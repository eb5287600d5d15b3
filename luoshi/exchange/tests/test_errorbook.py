"""The workbook handed back with bad cells in red and a 错误原因 column."""

import io

import openpyxl
import pytest

from luoshi.exchange.errorbook import ERROR_FILL_COLOR, REASON_HEADER, annotated_error_workbook
from luoshi.exchange.workbook import read_workbook
from luoshi.plans.specs import TASKS_SPEC

from .builders import HEADER, TITLE, Sheet, save, task_row


@pytest.fixture
def book(tmp_path):
    rows = [
        [TITLE],
        ["填报单位：××镇党政办"],
        HEADER,
        task_row(1, "甲"),
        task_row(2, "乙", unit=None),
        task_row(3, "丙", deadline="待定"),
        [None, None, "=1+2"],
        [],
        ["表二"],
        [*HEADER[:3], "牵头单位", "完成时限"],
        [1, None, None, "城建办", "9月底"],
    ]
    return save(tmp_path / "ledger.xlsx", Sheet("任务", rows, ["A1:J1"]))


def red_cells(sheet):
    return {
        cell.coordinate
        for row in sheet.iter_rows()
        for cell in row
        if cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb == ERROR_FILL_COLOR
    }


def annotate(path):
    result = read_workbook(path, TASKS_SPEC)
    data = annotated_error_workbook(path, result.errors, tables=result.tables)
    return result, openpyxl.load_workbook(io.BytesIO(data))["任务"]


def test_exactly_the_bad_cells_are_filled_red(book):
    _, sheet = annotate(book)
    assert red_cells(sheet) == {"F5", "I6", "C11"}


def test_each_table_gets_a_reason_column_right_of_its_header(book):
    _, sheet = annotate(book)
    assert [sheet[c].value for c in ("K3", "K4", "K5", "K6")] == [
        REASON_HEADER,
        None,
        "牵头单位不能为空",
        "无法识别的完成时限：待定",
    ]
    assert (sheet["F10"].value, sheet["F11"].value) == (REASON_HEADER, "工作任务不能为空")


def test_the_rest_of_the_workbook_is_preserved(book):
    _, sheet = annotate(book)
    assert sheet["A1"].value == TITLE
    assert "A1:J1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["C7"].value == "=1+2"
    assert sheet["C4"].value == "甲"


def test_without_tables_the_reasons_go_after_the_last_used_column(book):
    result = read_workbook(book, TASKS_SPEC)
    data = annotated_error_workbook(book, result.errors)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["任务"]
    assert (sheet["K4"].value, sheet["K5"].value, sheet["K11"].value) == (
        REASON_HEADER,
        "牵头单位不能为空",
        "工作任务不能为空",
    )
    assert red_cells(sheet) == {"F5", "I6", "C11"}


def test_a_missing_column_error_is_written_into_the_reason_header(tmp_path):
    rows = [["工作任务", "落实方", "完成时限"], ["甲", "城建办", "年底"]]
    path = save(tmp_path / "ledger.xlsx", Sheet("任务", rows))
    result = read_workbook(path, TASKS_SPEC)
    sheet = openpyxl.load_workbook(io.BytesIO(annotated_error_workbook(path, result.errors, tables=result.tables)))
    assert sheet["任务"]["D1"].value.startswith(REASON_HEADER + "；表格中没有找到“牵头单位”列")
    assert red_cells(sheet["任务"]) == set()


def test_tables_side_by_side_each_get_only_their_own_reasons(tmp_path):
    header = ["序号", "工作任务", "牵头单位", "完成时限"]
    rows = [["××镇2024年任务"], [*header, None, *header], [1, "甲", None, "年底", None, 1, "乙", "城建办", "待定"]]
    path = save(tmp_path / "side.xlsx", Sheet("任务", rows))
    result = read_workbook(path, TASKS_SPEC)
    sheet = openpyxl.load_workbook(io.BytesIO(annotated_error_workbook(path, result.errors, tables=result.tables)))
    sheet = sheet["任务"]
    assert (sheet["E3"].value, sheet["J3"].value) == ("牵头单位不能为空", "无法识别的完成时限：待定")
    assert red_cells(sheet) == {"C3", "I3"}
