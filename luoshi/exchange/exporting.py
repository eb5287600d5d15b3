"""Writing a ledger list to .xlsx the way a township office submits it: a title row, a bold
header with an autofilter, a 序号 column, column widths fit for Chinese text, frozen header,
the exporter and time in the footer.

xlsxwriter's constant_memory mode writes each row as it comes, so a large export streams to a
temporary file instead of holding the sheet in memory. Every string goes through
`escape_formula` and is written as text: a cell typed as "=HYPERLINK(…)" never runs.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
from django.utils.translation import gettext as _

from luoshi.exchange.sanitize import TRIGGERS, escape_formula

MIN_WIDTH, MAX_WIDTH = 6, 60
INDEX_HEADER = "序号"  # the import recognises this column and leaves it out; i18n: input
_WIDTH_SAMPLE = 200  # rows looked at to size the columns; later rows wrap


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: list[str]
    footer: str
    widths: list[int | None] | None = None
    numbered: bool = False  # a first 序号 column, 1..N, as every township ledger has


def text_width(value) -> int:
    """Display width in Excel character units: a Chinese character takes two."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value if value is not None else "")
    line = max(text.split("\n"), key=len) if text else ""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def write_ledger(path: str | Path, sheet: Sheet, rows: Iterable[list]) -> int:
    """Write `rows` (lists of cell values) under the sheet's title and header; returns the count."""
    if sheet.numbered:
        sheet, rows = _numbered(sheet, rows)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                           "strings_to_urls": False, "default_date_format": "yyyy-mm-dd"})
    ws = book.add_worksheet(sheet.title[:31].replace("/", "-") or _("台账"))
    fmt = _formats(book)
    rows = iter(rows)
    head = [row for _, row in zip(range(_WIDTH_SAMPLE), rows, strict=False)]
    widths = _widths(sheet, head)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width, fmt["cell"])
    ws.set_row(0, 30)
    ws.merge_range(0, 0, 0, max(len(sheet.headers) - 1, 0), escape_formula(sheet.title), fmt["title"])
    for col, header in enumerate(sheet.headers):
        ws.write_string(1, col, escape_formula(header), fmt["header"])
    count = 0
    for count, row in enumerate(_chain(head, rows), start=1):
        _write_row(ws, count + 1, row, fmt)
    ws.autofilter(1, 0, count + 1, max(len(sheet.headers) - 1, 0))
    ws.freeze_panes(2, 0)
    ws.repeat_rows(1)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_footer("&L" + _footer_escape(sheet.footer) + _("&R第 &P 页，共 &N 页"))
    ws.write_string(count + 3, 0, escape_formula(sheet.footer), fmt["footer"])
    book.close()
    return count


def _numbered(sheet: Sheet, rows: Iterable[list]) -> tuple[Sheet, Iterable[list]]:
    widths = [None, *(sheet.widths or [None] * len(sheet.headers))]
    numbered = Sheet(sheet.title, [INDEX_HEADER, *sheet.headers], sheet.footer, widths)
    return numbered, ([n, *row] for n, row in enumerate(rows, start=1))


def _chain(head: list, rows):
    yield from head
    yield from rows


def _write_row(ws, r: int, row: list, fmt: dict) -> None:
    """One row's cells by their type; the common ones (text, whole numbers, empty, dates) found by their
    class first, since an export writes this for every cell."""
    cell = fmt["cell"]
    for c, value in enumerate(row):
        kind = value.__class__
        if kind is str:
            if value:
                ws.write_string(r, c, "'" + value if value.startswith(TRIGGERS) else value, cell)
            else:
                ws.write_blank(r, c, None, cell)
        elif kind is int or kind is float:
            ws.write_number(r, c, value, cell)
        elif value is None:
            ws.write_blank(r, c, None, cell)
        elif kind is dt.date:
            ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), fmt["date"])
        else:
            _write_other(ws, r, c, value, fmt)


def _write_other(ws, r: int, c: int, value, fmt: dict) -> None:
    if value == "":
        ws.write_blank(r, c, None, fmt["cell"])
    elif isinstance(value, dt.datetime):
        ws.write_datetime(r, c, value, fmt["datetime"])
    elif isinstance(value, dt.date):
        ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), fmt["date"])
    elif isinstance(value, bool):
        ws.write_string(r, c, "是" if value else "否", fmt["cell"])  # i18n: input (the words an import reads back)
    elif isinstance(value, int | float):
        ws.write_number(r, c, value, fmt["cell"])
    else:
        ws.write_string(r, c, str(escape_formula(str(value))), fmt["cell"])


def _widths(sheet: Sheet, head: list[list]) -> list[int]:
    out = []
    for col, header in enumerate(sheet.headers):
        fixed = sheet.widths[col] if sheet.widths and col < len(sheet.widths) else None
        if fixed:
            out.append(fixed)
            continue
        widest = max([text_width(header) + 2] + [text_width(row[col]) + 2 for row in head if col < len(row)])
        out.append(max(MIN_WIDTH, min(MAX_WIDTH, widest)))
    return out


def _footer_escape(text: str) -> str:
    return text.replace("&", "&&")[:200]


def _formats(book) -> dict:
    border = {"border": 1, "valign": "vcenter", "font_name": "宋体", "font_size": 11}  # i18n: data (a font name)
    return {
        "title": book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter",
                                  "font_name": "方正小标宋简体"}),  # i18n: data (a font name)
        "header": book.add_format(border | {"bold": True, "align": "center", "text_wrap": True, "bg_color": "#F2F2F2"}),
        "cell": book.add_format(border | {"text_wrap": True}),
        "date": book.add_format(border | {"num_format": "yyyy-mm-dd", "align": "center"}),
        "datetime": book.add_format(border | {"num_format": "yyyy-mm-dd hh:mm"}),
        "footer": book.add_format({"italic": True, "font_color": "#595959"}),
    }
