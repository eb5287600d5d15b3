"""Cutting a sheet into tables and telling data rows from everything else.

A table runs from its header block to the next header block of another layout, or to a
footnote (填表说明 / 注： / 备注：), whichever comes first. Between them, rows that are
spacers, totals, captions, info lines or repeated headers yield nothing; a section row
("一、经济发展专线", or "一" in the 序号 column beside one merged text) yields nothing either
but names the section of the rows below it. Sections nest ("一、" over "（一）"): the
outermost numbering seen in a table names the section, the deeper ones (and unnumbered
headings under numbered ones) only group.
Tables side by side (blocks over other columns) are cut independently, left one first.
"""

import re
from dataclasses import dataclass, field

from .grid import SheetGrid
from .headers import HeaderBlock
from .text import SECTION_NUMBER as _SECTION
from .text import compact, fold_width, is_blank, section_name

__all__ = ["TablePart", "split_tables", "title_year"]

_NOTE = re.compile(r"^(填表说明|填报说明|说明[:：]|注[:：\d①一]|备注[:：]|附注)")
# "填报单位：", "审核人：", "单位负责人（签字）：", "填报时间：": a short label naming who,
# when or how to reach them, then a colon. Title blocks and signature lines are made of these.
_INFO = re.compile(
    r"^(填报|填表|报送|制表|审核|审批|统计|签发)?[^\s:：，。；]{0,6}?"
    r"(单位|人|领导|日期|时间|电话|手机|签字|签名|签章|盖章|制表|审核)"
    r"([（(][^）)]{0,6}[）)])?[:：]"
)
_TOTAL = re.compile(r"^(合计|总计|小计)")
_CAPTION = re.compile(r"^(附表|附件|表)[一二三四五六七八九十\d]+")
_CN = "一二三四五六七八九十"  # i18n: input
# Numbering styles from the outermost: 第一部分 › 一、 › （一）.
_LEVELS = (re.compile(rf"^第[{_CN}\d]+"), re.compile(rf"^[{_CN}]+([、.．]|$)"), re.compile(rf"^[（(][{_CN}]+[)）]"))
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")
_CN_YEAR = re.compile(r"[一二][〇零○O0一二三四五六七八九]{3}(?=\s*年)")
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "O": "0", "0": "0"}  # i18n: input


@dataclass
class TablePart:
    """A header block and its data rows (0-based), with the section each row falls in."""

    block: HeaderBlock
    rows: list[int] = field(default_factory=list)
    sections: dict[int, str] = field(default_factory=dict)


def split_tables(grid: SheetGrid, blocks: list[HeaderBlock]) -> list[TablePart]:
    """Tables of one sheet; a repeated header continues the table above it."""
    parts = [part for lane in _lanes(blocks) for part in _split_lane(grid, lane)]
    return sorted(parts, key=lambda part: (part.block.start, part.block.left))


def _lanes(blocks: list[HeaderBlock]) -> list[list[HeaderBlock]]:
    """Blocks grouped by the columns they cover: each lane is one stack of tables."""
    lanes: list[list[HeaderBlock]] = []
    for block in blocks:
        lane = next((lane for lane in lanes if any(_overlap(block, other) for other in lane)), None)
        if lane is None:
            lanes.append([block])
        else:
            lane.append(block)
    return lanes


def _overlap(a: HeaderBlock, b: HeaderBlock) -> bool:
    return a.left <= b.right and b.left <= a.right


def _split_lane(grid: SheetGrid, blocks: list[HeaderBlock]) -> list[TablePart]:
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
    part, section, level = TablePart(block), None, None
    for row in range(block.end + 1, stop):
        if row in header_rows:
            continue
        kind, text = classify_row(grid, block, row)
        if kind == "note":
            break
        if kind == "section":
            depth = _level(grid, block, row)
            if section is None or (depth is not None and (level is None or depth <= level)) or level == depth:
                section, level = section_name(text), depth
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
    if len(filled) == 2 and filled[0][0] == block.index_col and _numbered_heading(grid, block, row, filled):
        return "section", compact(filled[1][1])
    return "data", ""


def _numbered_heading(grid: SheetGrid, block: HeaderBlock, row: int, filled: list[tuple[int, object]]) -> bool:
    """"一" in the 序号 column and one text beside it: a heading numbered in its own column,
    told from a task by the Chinese numeral or by the text running across the table."""
    (_, index), (col, value) = filled
    if not isinstance(value, str):
        return False
    if any(pattern.match(compact(index)) for pattern in _LEVELS):
        return True
    right = next((r for t, left, b, r in grid.merges if left == col and t <= row <= b), col)
    return right >= block.right - 1 and right - col >= 2


def _is_total(value: object) -> bool:
    """ "合计" / "小计（3项）" / "合计：共6个问题，已整改4个"; "合计划…" is data."""
    text = compact(value)
    return bool(_TOTAL.match(text)) and (len(text) <= 12 or text[2] in ":：(（")


def _lone_kind(grid: SheetGrid, row: int, col: int, text: str) -> tuple[str, str]:
    """A row with one value: a caption or section when it spans or reads like one."""
    if _CAPTION.match(text):
        return "caption", text
    if _SECTION.match(text) or (row, col + 1) in grid.spans:
        return "section", text
    return "data", ""


def _level(grid: SheetGrid, block: HeaderBlock, row: int) -> int | None:
    """How deep a section row's numbering sits, None when it has none."""
    for value in grid.raw[row][block.left : block.right + 1]:
        if not is_blank(value):
            text = compact(value)
            return next((depth for depth, pattern in enumerate(_LEVELS) if pattern.match(text)), None)
    return None


def _numbering(grid: SheetGrid, block: HeaderBlock, row: int) -> bool:
    """The "1 2 3 …" row some ledgers put right under the header."""
    if row != block.end + 1:
        return False
    values = [_as_int(v) for v in grid.raw[row][block.left : block.right + 1] if not is_blank(v)]
    return len(values) >= 3 and None not in values and values == sorted(set(values))


def _as_int(value: object) -> int | None:
    """A column number, typed as a number or as text ("1", "２")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    text = compact(value)
    return int(text) if isinstance(value, str) and text.isascii() and text.isdigit() and len(text) <= 3 else None


def title_year(grid: SheetGrid, start: int, stop: int) -> int | None:
    """The plan year of a title ("××镇2024年重点工作任务分解表") in rows start..stop."""
    for row in range(max(start, 0), stop):
        for value in dict.fromkeys(grid.raw[row]):
            if isinstance(value, str) and value and not _INFO.match(compact(value)):
                found = _YEAR.search(_CN_YEAR.sub(_digits, fold_width(value)))
                if found:
                    return int(found.group(1))
    return None


def _digits(match: re.Match) -> str:
    """"二〇二四" (年) → "2024": formal titles write the year in Chinese numerals."""
    return "".join(_CN_DIGIT[c] for c in match.group())
