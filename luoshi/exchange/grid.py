"""A visible worksheet as a grid of values with its merged cells resolved.

Values come from python-calamine (a Rust reader, several times faster than openpyxl and
it reports merged ranges and sheet visibility too), so one engine serves the whole read.
``check_upload`` must have run first: calamine builds a dense grid, and the upload check
is what bounds its size.

Merged cells: a range's value applies to every row it spans (工作专线 or 责任领导 merged
down a block of tasks). Across columns it applies only in header rows ("责任主体" over
牵头单位 | 配合单位 | 责任人); in a data row a horizontally merged value stays in its first
column, so one text is never imported twice into two different fields.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine
from django.utils.translation import gettext_lazy as _

from .errors import WorkbookError

__all__ = ["SheetGrid", "visible_sheets"]


@dataclass
class SheetGrid:
    """One sheet. ``raw`` holds the cells as stored; ``cells`` the merge-filled values.

    Both are 0-based ``[row][column]`` lists of equal shape. ``spans`` marks the cells a
    horizontal merge covers beyond its first column (blank in a data row).
    """

    name: str
    raw: list[list[object]]
    cells: list[list[object]]
    spans: set[tuple[int, int]] = field(default_factory=set)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)

    @property
    def height(self) -> int:
        return len(self.raw)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.raw), default=0)

    def data_value(self, row: int, col: int) -> object:
        """The value a data row holds in ``col``: vertical merges filled, horizontal not."""
        if (row, col) in self.spans:
            return None
        line = self.cells[row]
        return line[col] if col < len(line) else None

    def header_value(self, row: int, col: int) -> object:
        """The value a header row shows in ``col``, merges filled both ways."""
        line = self.cells[row]
        return line[col] if col < len(line) else None


def visible_sheets(path: str | Path) -> Iterator[SheetGrid]:
    """Every visible worksheet, in workbook order; hidden and very hidden ones are skipped."""
    with _calamine_errors(_("无法读取工作簿，文件可能已损坏")):
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    with book:
        for meta in book.sheets_metadata:
            if meta.visible != python_calamine.SheetVisibleEnum.Visible:
                continue
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            yield _load(book, meta.name)


def _load(book: python_calamine.CalamineWorkbook, name: str) -> SheetGrid:
    with _calamine_errors(_("工作表“%(name)s”无法读取，文件可能已损坏"), name=name):
        sheet = book.get_sheet_by_name(name)
        raw = sheet.to_python(skip_empty_area=False)
        merges = sheet.merged_cell_ranges or []
    width = max((len(row) for row in raw), default=0)
    raw = [row + [""] * (width - len(row)) if len(row) < width else row for row in raw]
    grid = SheetGrid(name, raw, [list(row) for row in raw])
    for (top, left), (bottom, right) in merges:
        _fill(grid, top, left, min(bottom, grid.height - 1), min(right, width - 1))
    return grid


@contextmanager
def _calamine_errors(message: str, **params) -> Iterator[None]:
    """Turn calamine's failures, a Rust panic included, into a message for the user (`message`, a
    lazy translation, is read only then: the reader runs without Django's settings too)."""
    try:
        yield
    except (python_calamine.CalamineError, OSError, ValueError) as exc:
        raise WorkbookError(message % params if params else message) from exc  # the detail stays in the chain
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":  # pyo3 panics derive from BaseException
            raise
        raise WorkbookError(message % params if params else message) from exc


def _fill(grid: SheetGrid, top: int, left: int, bottom: int, right: int) -> None:
    """Copy a merged range's value into every cell it covers, remembering the spans."""
    if top > bottom or left > right or top >= grid.height or left >= len(grid.raw[top]):
        return
    grid.merges.append((top, left, bottom, right))
    value = grid.raw[top][left]
    for row in range(top, bottom + 1):
        line = grid.cells[row]
        for col in range(left, right + 1):
            if (row, col) != (top, left) and grid.raw[row][col] in ("", None):
                line[col] = value
            if col > left:
                grid.spans.add((row, col))
