"""``read_workbook``: a township's .xlsx ledger → normalised rows and per-cell errors.

This is the reading half of ``luoshi import`` (DESIGN.md, "Commands"); the ledger engine
validates the rows with its forms and saves them all or none. Nothing here touches
Django or a database, so the CLI, the pages and the jobs all read through this one path.

Which tables count: every header block on every visible sheet that maps all the spec's
required fields. When no table in the workbook is complete, the incomplete ones are
returned with one "缺少列" error each and no rows, so a page can offer the user a column
mapping (``mapping=``) built from ``DetectedTable.headers``, and remember it under
``layout_signature(table)`` for the next file of the same layout.
"""

import datetime
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from .errors import WorkbookError
from .formats import shown_dates
from .grid import SheetGrid, visible_sheets
from .headers import HeaderMatcher, find_header_blocks
from .rows import RowContext, read_row
from .safety import Limits, check_upload
from .spec import LedgerSpec
from .tables import TablePart, split_tables, title_year
from .text import column_letter, header_key

_SHEET_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")

__all__ = ["DetectedTable", "ReadResult", "layout_signature", "read_workbook"]


@dataclass
class DetectedTable:
    """One table found in the workbook. Rows are 1-based Excel rows, columns letters.

    ``columns`` maps field → column letter; ``headers`` column letter → header text as
    written (a two-row header joined as "责任主体/牵头单位"); ``unmapped`` the headers no
    field took (the 序号 column is recognised and left out); ``missing`` the labels of
    fields that are required, or named in the user's mapping, and have no column.
    """

    sheet: str
    header_rows: list[int]
    first_data_row: int | None
    last_data_row: int | None
    columns: dict[str, str]
    headers: dict[str, str]
    unmapped: dict[str, str] = field(default_factory=dict)
    index_column: str | None = None
    year: int | None = None
    missing: list[str] = field(default_factory=list)

    @property
    def right_column(self) -> str:
        """The last column of the table's header, where an error column can go after."""
        return max(self.headers, key=lambda letter: (len(letter), letter), default="A")


@dataclass
class ReadResult:
    """What a workbook holds for a ledger: the contract of ``luoshi import --json``.

    ``rows`` are dicts with "sheet", "row" and the ledger's fields (a row with errors is
    included, its bad fields empty); ``errors`` are {"sheet", "row", "column", "reason"}
    with the column as a letter, or a field label when the column itself is missing.
    """

    tables: list[DetectedTable] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    year: int | None = None

    def as_json(self) -> dict:
        return {"rows": self.rows, "errors": self.errors}


def read_workbook(
    path: str | Path,
    spec: LedgerSpec,
    *,
    mapping: dict[str, str | None] | None = None,
    year: int | None = None,
    limits: Limits | None = None,
) -> ReadResult:
    """Read every matching table of the visible sheets of ``path``.

    ``mapping`` overrides the automatic column mapping: {field: header text or column
    letter, or None to skip the field}. ``year`` anchors deadlines written without a
    year when no title names one. Raises ``WorkbookError`` for a file that is refused
    or holds no table of this ledger at all.
    """
    check_upload(path, limits)
    result, partial = ReadResult(), []
    for grid, part, table in _found_tables(path, HeaderMatcher(spec, mapping)):
        result.year = result.year or table.year
        table.year = table.year or result.year or _sheet_year(grid) or year
        if table.missing:
            partial.append(table)
        else:
            result.tables.append(table)
            _read_rows(path, grid, part, table, spec, result)
    if not result.tables:
        _report_partial(result, partial, spec)
    result.year = result.year or year
    return result


def _found_tables(path: str | Path, matcher: HeaderMatcher) -> Iterator[tuple[SheetGrid, TablePart, DetectedTable]]:
    """Each table of each visible sheet, one sheet in memory at a time."""
    for grid in visible_sheets(path):
        for part, table in _tables(grid, matcher):
            yield grid, part, table


def _report_partial(result: ReadResult, partial: list[DetectedTable], spec: LedgerSpec) -> None:
    """No complete table: show the incomplete ones so the user can map their columns."""
    if not partial:
        raise WorkbookError(_("没有找到%(label)s的表头，请确认表格有“%(columns)s”等列")
                            % {"label": spec.label, "columns": _required_labels(spec)})
    result.tables = partial
    result.errors = [_missing_column(table, label) for table in partial for label in table.missing]


def layout_signature(table: DetectedTable) -> str:
    """A stable hash of a table's normalised header texts, in column order.

    Two files with the same headers in the same order share a signature whatever the
    spacing, line breaks, full-width characters or "（必填）" marks, so a column mapping
    chosen once can be offered again.
    """
    keys = [header_key(text) for _, text in sorted(table.headers.items(), key=lambda item: (len(item[0]), item[0]))]
    return hashlib.sha256("\x1f".join(keys).encode("utf-8")).hexdigest()[:16]


def _tables(grid: SheetGrid, matcher: HeaderMatcher) -> list[tuple[TablePart, DetectedTable]]:
    found, above = [], 0
    for part in split_tables(grid, find_header_blocks(grid, matcher)):
        table = _describe(grid, part, matcher.spec, title_year(grid, above, part.block.start))
        found.append((part, table))
        above = part.rows[-1] + 1 if part.rows else part.block.end + 1
    return found


def _describe(grid: SheetGrid, part: TablePart, spec: LedgerSpec, year: int | None) -> DetectedTable:
    block = part.block
    headers = {column_letter(col): text for col, text in sorted(block.texts.items())}
    taken = set(block.columns.values()) | {block.index_col}
    return DetectedTable(
        sheet=grid.name,
        header_rows=list(range(block.start + 1, block.end + 2)),
        first_data_row=part.rows[0] + 1 if part.rows else None,
        last_data_row=part.rows[-1] + 1 if part.rows else None,
        columns={name: column_letter(col) for name, col in sorted(block.columns.items(), key=lambda kv: kv[1])},
        headers=headers,
        unmapped={column_letter(col): text for col, text in sorted(block.texts.items()) if col not in taken},
        index_column=column_letter(block.index_col) if block.index_col is not None else None,
        year=year,
        missing=[spec.field_spec(name).label for name in block.missing],
    )


def _read_rows(
    path: str | Path, grid: SheetGrid, part: TablePart, table: DetectedTable, spec: LedgerSpec, result: ReadResult
) -> None:
    shown = _shown_deadlines(path, grid, part, spec, table.year)
    ctx = RowContext(spec, grid.name, part.block.columns, table.year, part.block.joint, shown)
    for row in part.rows:
        record, errors = read_row(grid, row, ctx, part.sections.get(row))
        if _has_content(record, spec):
            result.rows.append(record)
            result.errors.extend(errors)


def _shown_deadlines(path: str | Path, grid: SheetGrid, part: TablePart, spec: LedgerSpec, year: int | None) -> dict:
    """Deadline date cells that may have shown only a month or no year (see ``formats``)."""
    cells = {}
    for name in (f.name for f in spec.fields if f.kind == "deadline"):
        col = part.block.columns.get(name)
        for row in part.rows if col is not None else ():
            value = grid.data_value(row, col)
            day = value.date() if isinstance(value, datetime.datetime) else value
            if isinstance(day, datetime.date) and (day.day == 1 or (year and day.year != year)):
                cells[(row, col)] = day
    shown = shown_dates(path, grid.name, cells) if cells else {}
    return shown if year else {cell: text for cell, text in shown.items() if "年" in text}


def _has_content(record: dict, spec: LedgerSpec) -> bool:
    """Rows with every field empty (a numbered but unused template row) yield nothing."""
    ignored = {"sheet", "row", spec.section_field}
    return any(
        value not in (None, "", []) for key, value in record.items() if key not in ignored and not key.endswith("_kind")
    )


def _missing_column(table: DetectedTable, label: str) -> dict:
    return {
        "sheet": table.sheet,
        "row": table.header_rows[-1],
        "column": label,
        "reason": _("表格中没有找到“%(label)s”列，请检查表头或在导入时指定对应的列") % {"label": label},
    }


def _required_labels(spec: LedgerSpec) -> str:
    return "”“".join(f.label for f in spec.fields if f.required)


def _sheet_year(grid: SheetGrid) -> int | None:
    """A sheet named "2024年任务" names its year when no title does."""
    found = _SHEET_YEAR.search(grid.name)
    return int(found.group(1)) if found else None
