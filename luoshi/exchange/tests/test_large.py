"""A 10,000-row ledger with 37 planted errors reports exactly those 37."""

import random

import pytest
import xlsxwriter

from luoshi.exchange.workbook import read_workbook
from luoshi.plans.specs import TASKS_SPEC

ROWS = 10_000
HEADER = ["序号", "工作专线", "工作任务", "工作要求", "责任领导", "牵头单位", "配合单位", "责任人", "完成时限", "备注"]
DEADLINES = ["2024年6月底", "第三季度", "长期坚持", "每月", "年底前", "6月30日前"]
# (column letter, cell value that breaks the row, reason), planted 10 + 10 + 7 + 10 = 37 times
FAULTS = [
    ("C", None, "工作任务不能为空"),
    ("F", None, "牵头单位不能为空"),
    ("I", None, "完成时限不能为空"),
    ("I", "按上级要求", "无法识别的完成时限：按上级要求"),
]
COUNTS = [10, 10, 7, 10]
COLUMN = {letter: index for index, letter in enumerate("ABCDEFGHIJ")}


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """The workbook path and the errors planted in it, in row order."""
    rng = random.Random(37)
    faults = [fault for fault, count in zip(FAULTS, COUNTS, strict=True) for _ in range(count)]
    rows = dict(zip(rng.sample(range(ROWS), len(faults)), faults, strict=True))
    path = tmp_path_factory.mktemp("large") / "tasks.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("任务分解")
    sheet.merge_range("A1:J1", "××镇2024年重点工作任务分解表")
    sheet.write_row(1, 0, HEADER)
    expected = []
    for n in range(ROWS):
        values = [
            n + 1,
            "经济发展专线",
            f"第{n + 1}项任务",
            "按期完成",
            "王镇长",
            f"部门{n % 9}",
            "财政所",
            "张三",
            DEADLINES[n % len(DEADLINES)],
            None,
        ]
        if n in rows:
            letter, value, reason = rows[n]
            values[COLUMN[letter]] = value
            expected.append({"sheet": "任务分解", "row": n + 3, "column": letter, "reason": reason})
        sheet.write_row(n + 2, 0, values)
    book.close()
    return path, sorted(expected, key=lambda error: error["row"])


def test_exactly_the_planted_errors_are_reported_with_sheet_row_and_column(planted):
    path, expected = planted
    result = read_workbook(path, TASKS_SPEC)
    assert len(expected) == 37
    assert result.errors == expected


def test_every_data_row_is_returned_including_rows_with_errors(planted):
    path, _ = planted
    result = read_workbook(path, TASKS_SPEC)
    assert len(result.rows) == ROWS
    assert (result.rows[0]["row"], result.rows[-1]["row"]) == (3, ROWS + 2)
