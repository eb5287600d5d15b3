"""Workbooks written the way township offices write them: a merged title, info lines, a 序号
column, one or two header rows (merged over their columns), 小计 and 合计 rows, a 填表说明."""

from __future__ import annotations

from pathlib import Path

import openpyxl


def book(path: Path, rows: list[list], *, merges: tuple[str, ...] = (), sheet: str = "Sheet1") -> Path:
    """`rows` from A1 down (None for an empty cell); `merges` as Excel ranges ("A1:H1")."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for cells in merges:
        ws.merge_cells(cells)
    workbook.save(path)
    return path
