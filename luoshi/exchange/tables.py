"""Cutting a sheet into tables and telling data rows from everything else.

A table runs from its header block to the next header block of another layout, or to a
footnote (填表说明 / 注： / 备注：), whichever comes first. Between them, rows that are
spacers, totals, captions, info lines or repeated headers yield nothing; a section row
("一、经济发展专线") yields nothing either but names the section of the rows below it.
"""

import re
from dataclasses import dataclass, field

from .grid import SheetGrid
from .headers import HeaderBlock
from .text import compact, fold_width, is_blank

__all__ = ["TablePart", "split_tables", "title_year"]

_NOTE = re.compile(r"^(填表说明|填报说明|说明[:：]|注[:：\d①一]|备注[:：]|附注)")
_INFO = re.compile(
    r"^(填报单位|填表单位|报送单位|填报人|填表人|制表人?|审核人?|联系人|联系电话|填报日期|填表日期|日期)[:：]"
)
_TOTAL = re.compile(r"^(合计|总计|小计)")
_CAPTION = re.compile(r"^(附表|附件|表)[一二三四五六七八九十\d]+")
_CN = "一二三四五六七八九十"
_SECTION = re.compile(rf"^([{_CN}]+[、.．]|[（(][{_CN}]+[)）]|第[{_CN}\d]+[部分类项条])")
_SECTION_TAIL = re.compile(r"[（(](共|计)?\d+项[）)]$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")


@dataclass
class TablePart:
    """A header block and its data rows (0-based), with the section each row falls in."""

    block: HeaderBlock
    rows: list[int] = field(default_factory=list)
    sections: dict[int, str] = field(default_factory=dict)


def split_tables(grid: SheetGrid, blocks: list[HeaderBlock]) -> list[TablePart]:
    """Tables of one sheet; a repeated header continues the table above it."""
    starts: list[HeaderBlock] = []
    for block in blocks:
        if not (starts and _repeats(grid, starts[-1], block)):
            starts.append(block)
    header_rows = {r for b in blocks for r in range(b.start, b.end + 1)}
    stops = [b.start for b in starts[1:]] + [grid.height]
    return [_collect(grid, block, stop, header_rows) for block, stop in zip(starts, stops, strict=False)]


def _repeats(grid: SheetGrid, table: HeaderBlock, block: HeaderBlock) -> bool:
    """Same columns right under a data row: a header repeated, not a new table."""
    above = block.start - 1
    return table.columns == block.columns and above > table.end and classify_row(grid, table, above)[0] == "data"


def _collect(grid: SheetGrid, block: HeaderBlock, stop: int, header_rows: set[int]) -> TablePart:
    part, section = TablePart(block), None
    for row in range(block.end + 1, stop):
        if row in header_rows:
            continue
        kind, text = classify_row(grid, block, row)
        if kind == "note":
            break
        if kind == "section":
            section = text
        elif kind == "data" and not _numbering(grid, block, row):
            part.rows.append(row)
            if section:
                part.sections[row] = section
    return part


def classify_row(grid: SheetGrid, block: HeaderBlock, row: int) -> tuple[str, str]:
    """One of data, blank, note, info, total, caption or section, with the lone text."""
    line = grid.raw[row]
    filled = [(col, line[col]) for col in range(block.left, min(block.right + 1, len(line))) if not is_blank(line[col])]
    if not filled:
        return "blank", ""
    first = compact(filled[0][1])
    if _NOTE.match(first):
        return "note", first
    if _INFO.match(first):
        return "info", first
    if any(_is_total(value) for _, value in filled[:3]):
        return "total", first
    if len(filled) == 1:
        return _lone_kind(grid, row, filled[0][0], first)
    return "data", ""


def _is_total(value: object) -> bool:
    """ "合计" / "小计（3项）"; a long text that merely starts with 合计 is data."""
    text = compact(value)
    return len(text) <= 12 and bool(_TOTAL.match(text))


def _lone_kind(grid: SheetGrid, row: int, col: int, text: str) -> tuple[str, str]:
    """A row with one value: a caption or section when it spans or reads like one."""
    if _CAPTION.match(text):
        return "caption", text
    if _SECTION.match(text) or (row, col + 1) in grid.spans:
        return "section", _SECTION_TAIL.sub("", _SECTION.sub("", text)) or text
    return "data", ""


def _numbering(grid: SheetGrid, block: HeaderBlock, row: int) -> bool:
    """The "1 2 3 …" row some ledgers put right under the header."""
    if row != block.end + 1:
        return False
    values = [v for v in grid.raw[row][block.left : block.right + 1] if not is_blank(v)]
    return len(values) >= 3 and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)


def title_year(grid: SheetGrid, start: int, stop: int) -> int | None:
    """The plan year of a title ("××镇2024年重点工作任务分解表") in rows start..stop."""
    for row in range(max(start, 0), stop):
        for value in dict.fromkeys(grid.raw[row]):
            if isinstance(value, str) and value and not _INFO.match(compact(value)):
                found = _YEAR.search(fold_width(value))
                if found:
                    return int(found.group(1))
    return None
