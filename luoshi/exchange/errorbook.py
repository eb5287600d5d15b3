"""The uploaded workbook handed back with its errors marked, to fix and upload again.

Each bad cell gets a light red fill and every table gets a "错误原因" column right of
its header holding the reasons of each row, so a village clerk can fix the file she
knows instead of reading a list of coordinates. openpyxl rewrites the workbook: values,
formulas, merges and styles survive; images and charts do not (openpyxl drops them).
"""

import io
import re
from collections import defaultdict
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import column_index_from_string
from openpyxl.worksheet.worksheet import Worksheet

from .safety import check_upload
from .sanitize import escape_formula
from .workbook import DetectedTable

__all__ = ["ERROR_FILL_COLOR", "REASON_HEADER", "annotated_error_workbook"]

ERROR_FILL_COLOR = "FFFFC7CE"  # Excel's own "bad" light red, dark red text stays readable
REASON_HEADER = "错误原因"  # i18n: data (written in the error workbook, recognised when it comes back)
_FILL = PatternFill(fill_type="solid", fgColor=ERROR_FILL_COLOR, bgColor=ERROR_FILL_COLOR)
_REASON_FONT = Font(color="FF9C0006")
_HEADER_FONT = Font(bold=True, color="FF9C0006")
_LETTERS = re.compile(r"[A-Z]{1,3}")


def annotated_error_workbook(
    path: str | Path, errors: list[dict], *, tables: list[DetectedTable] | None = None
) -> bytes:
    """The workbook at ``path`` with ``errors`` (as ``read_workbook`` reports them) marked.

    Pass the ``tables`` of the same ``ReadResult`` so the reason column sits right of each
    table's header; without them it goes after the sheet's last used column, headed in
    the row above the first error.
    """
    check_upload(path)
    book = openpyxl.load_workbook(path)
    by_sheet: dict[str, list[dict]] = defaultdict(list)
    for error in errors:
        by_sheet[error["sheet"]].append(error)
    for name, sheet_errors in by_sheet.items():
        if name in book.sheetnames:
            sheet_tables = [t for t in tables or [] if t.sheet == name]
            _annotate(book[name], sheet_errors, sheet_tables)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _annotate(sheet: Worksheet, errors: list[dict], tables: list[DetectedTable]) -> None:
    for error in errors:
        if _LETTERS.fullmatch(str(error["column"])):
            sheet[f"{error['column']}{error['row']}"].fill = _FILL
    for header_row, column, own in _reason_columns(sheet, errors, tables):
        reasons: dict[int, list[str]] = defaultdict(list)
        for error in own:
            reasons[error["row"]].append(error["reason"])
        header = "；".join([REASON_HEADER, *reasons.get(header_row, [])])
        _write(sheet, header_row, column, header, _HEADER_FONT)
        for row, texts in sorted(reasons.items()):
            if row != header_row:
                _write(sheet, row, column, "；".join(dict.fromkeys(texts)), _REASON_FONT)


def _reason_columns(sheet: Worksheet, errors: list[dict], tables: list[DetectedTable]) -> list[tuple]:
    """(header row, column, errors) for each reason column to add."""
    if tables:
        return [
            (table.header_rows[-1], column_index_from_string(table.right_column) + 1, _errors_of(table, errors))
            for table in tables
        ]
    rows = sorted({error["row"] for error in errors})
    return [(max(rows[0] - 1, 1), sheet.max_column + 1, errors)]


def _errors_of(table: DetectedTable, errors: list[dict]) -> list[dict]:
    """The table's own errors: on its header row or its data rows, and in its columns when
    the error names one (a table beside it shares the rows)."""
    first, last = table.header_rows[-1], table.last_data_row or table.header_rows[-1]
    return [
        error
        for error in errors
        if first <= error["row"] <= last
        and (not _LETTERS.fullmatch(str(error["column"])) or _within(table, str(error["column"])))
    ]


def _within(table: DetectedTable, letter: str) -> bool:
    columns = sorted(column_index_from_string(c) for c in table.headers)
    return bool(columns) and columns[0] <= column_index_from_string(letter) <= columns[-1]


def _write(sheet: Worksheet, row: int, column: int, text: str, font: Font) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(cell, MergedCell):
        return  # inside someone's merged range: leave their layout alone
    cell.value = escape_formula(text)
    cell.font = font
