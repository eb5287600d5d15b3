"""Task tables a web page gives one cell a line (issue 18, round 8).

Copying an HTML table out of a browser, or a search engine's cached copy of it, often gives
each cell on a line of its own, blank lines between them or not: the header's cells one
under the other ("序号", "目标任务", "牵头单位" …), then each row's cells in turn. Such a table
is found by its header: three or more short lines in a row, the first a column's name as such (序号, 目标任务), that
read together as a task table's (or a progress report's) header (tables.row_roles). Under
it, with a 序号 column, a row opens at the next number (1, 2, 3 …) and takes the lines up to
the next number, at most one a column; a line opening with 一、/（一） before a number is a
section row; a cell the page broke into short lines (three bodies of a 责任单位 cell one under the other) has
its lines joined, the last line kept for a date column when it reads as a date. Without a 序号 column, rows are
runs of as many lines as the header has cells.
The table ends at the first line that fits none of this, or at a heading of the document
(一、…, 附件).

The result is the header's and rows' line numbers; table_text.py reads them as the same
rows written with tabs.
"""

import re
from dataclasses import dataclass, field

from .tables import ROLES, header_key, row_roles

MIN_HEADER_LINES = 3
MAX_WRAPPED = 4
MAX_WRAPPED_LINE = 20
_DATE = re.compile(r"(?:\d{1,2}月|年底|年末|年内|季度|前)$")
_WORDS = frozenset(word for words in ROLES.values() for word in words)
MAX_HEADER_KEY = 12
_INDEX = re.compile(r"^\d{1,3}[.、．]?$")
_PUNCTUATION = re.compile(r"[。，；：:！？]")
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}|附件)"
)


@dataclass
class Stack:
    """One table given one cell a line: its header's lines and its rows' (kind, lines)."""

    header: list[int]
    rows: list[tuple[str, list[int]]] = field(default_factory=list)


def find_stacks(texts: list[str]) -> list[Stack]:
    """Every one-cell-a-line table among the text's lines (given as strings, without their breaks)."""
    filled = [number for number, text in enumerate(texts) if text.strip()]
    stacks, at = [], 0
    while at < len(filled):
        stack, after = _stack_at(texts, filled, at)
        if stack is None:
            at += 1
            continue
        stacks.append(stack)
        at = after
    return stacks


def _stack_at(texts: list[str], filled: list[int], at: int) -> tuple[Stack | None, int]:
    first = texts[filled[at]]
    if "\t" in first or header_key(first) not in _WORDS:  # a header's first cell names its column exactly
        return None, at
    end = at
    while end < len(filled) and _header_like(texts[filled[end]]):
        end += 1
    header = filled[at:end]
    if len(header) < MIN_HEADER_LINES:
        return None, at
    cells = [texts[number].strip() for number in header]
    roles = row_roles(cells, progress=True)
    if not roles:
        return None, at
    stack = Stack(header)
    width = len(header)
    indexed = roles.get(0) == "index"
    at = end
    expect = 1
    while at < len(filled):
        text = texts[filled[at]].strip()
        if indexed and _HEADING.match(text) and _next_index(texts, filled, at + 1) == expect:
            stack.rows.append(("section", [filled[at]]))
            at += 1
            continue
        if indexed and not (_INDEX.match(text) and int(re.sub(r"\D", "", text)) == expect):
            break
        if not indexed and _HEADING.match(text) and not stack.rows:
            stack.rows.append(("section", [filled[at]]))
            at += 1
            continue
        row = [filled[at]]
        at += 1
        while len(row) < width and at < len(filled):
            text = texts[filled[at]].strip()
            if _HEADING.match(text) or (indexed and _INDEX.match(text) and _number(text) == expect + 1):
                break
            row.append(filled[at])
            at += 1
        if indexed:
            at = _take_wrapped(texts, filled, at, row, expect + 1)
        stack.rows.append(("task", row))
        expect += 1
        if not indexed and at < len(filled) and _HEADING.match(texts[filled[at]].strip()):
            break
    # a row in full: without a 序号 column, nothing else tells a table from short lines of prose
    if not any(kind == "task" and (indexed or len(rows) == width) for kind, rows in stack.rows):
        return None, filled.index(header[0]) + 1
    return stack, at


def _take_wrapped(texts: list[str], filled: list[int], at: int, row: list[int], following: int) -> int:
    """A cell the page broke into lines (a 责任单位 cell listing three bodies one under the other): short lines
    before the next row's number are the row's too."""
    extra = []
    while at + len(extra) < len(filled) and len(extra) < MAX_WRAPPED:
        text = texts[filled[at + len(extra)]].strip()
        if _INDEX.match(text) and _number(text) == following:
            row.extend(extra)
            return at + len(extra)
        if len(text) > MAX_WRAPPED_LINE or _PUNCTUATION.search(text) or _HEADING.match(text):
            break
        extra.append(filled[at + len(extra)])
    return at


def cell_groups(texts: list[str], lines: list[int], width: int) -> list[list[int]]:
    """A row's lines as its cells: one line a cell, or, when the row has more lines than columns, the extra
    lines joined to the cell before the last column (the last one a date: 完成时限) or to the last."""
    if len(lines) <= width:
        return [[line] for line in lines]
    dated = bool(_DATE.search(texts[lines[-1]].strip())) and width >= 3
    keep = width - 2 if dated else width - 1
    groups = [[line] for line in lines[:keep]]
    return groups + ([lines[keep:-1], [lines[-1]]] if dated else [lines[keep:]])


def _header_like(text: str) -> bool:
    """A line that may be a header cell: short, no tab, not a bare number."""
    text = text.strip()
    if "\t" in text or _INDEX.match(text) or _HEADING.match(text) or _PUNCTUATION.search(text):
        return False
    return 0 < len(header_key(text)) <= MAX_HEADER_KEY


def _next_index(texts: list[str], filled: list[int], at: int) -> int | None:
    if at >= len(filled):
        return None
    text = texts[filled[at]].strip()
    return _number(text) if _INDEX.match(text) else None


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))
