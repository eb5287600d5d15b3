"""Building township-style workbooks for the tests, one quirk at a time.

A sheet is given as the rows a person would see (``None`` for an empty cell) plus the
merged ranges, so each test reads like the workbook it describes.
"""

from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

TITLE = "××镇2024年重点工作任务分解表"
HEADER = ["序号", "工作专线", "工作任务", "工作要求", "责任领导", "牵头单位", "配合单位", "责任人", "完成时限", "备注"]


@dataclass
class Sheet:
    """One worksheet: rows from row 1, merged ranges, and its visibility state."""

    name: str
    rows: list[list[object]]
    merges: list[str] = field(default_factory=list)
    state: str = "visible"


def save(path: Path, *sheets: Sheet) -> Path:
    """Write the sheets to ``path`` with openpyxl, as Excel would store them."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for spec in sheets:
        sheet = book.create_sheet(spec.name)
        for row_index, row in enumerate(spec.rows, start=1):
            for col_index, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(row=row_index, column=col_index, value=value)
        for merged in spec.merges:
            sheet.merge_cells(merged)
        sheet.sheet_state = spec.state
    book.save(path)
    return path


def task_row(n: int, task: str, unit: str = "经济发展办", deadline: object = "2024年6月底", **extra) -> list:
    """A filled data row of the standard header, overridable field by field."""
    values = {
        "line": "经济发展专线",
        "requirement": "按期完成",
        "leader": "王镇长",
        "co_units": "财政所、自然资源所",
        "owner": "张三",
        "note": None,
    } | extra
    return [
        n,
        values["line"],
        task,
        values["requirement"],
        values["leader"],
        unit,
        values["co_units"],
        values["owner"],
        deadline,
        values["note"],
    ]


def expected(row: int, task: str, *, sheet: str = "任务", **extra) -> dict:
    """The record ``read_workbook`` should return for a ``task_row`` with the same values."""
    return {
        "sheet": sheet,
        "row": row,
        "line": "经济发展专线",
        "task": task,
        "requirement": "按期完成",
        "leader": "王镇长",
        "lead_unit": "经济发展办",
        "co_units": ["财政所", "自然资源所"],
        "owner": "张三",
        "deadline": "2024-06-30",
        "deadline_kind": "date",
        "recurrence": None,
        "deadline_text": "2024年6月底",
        "note": None,
    } | extra
