"""Word tables → rows of cell texts, and task tables written as tab-separated lines.

A task table (see tables.py) becomes one line per row in the document's text, its cells
separated by a tab (what Word itself puts on the clipboard), so the extractor, which only
sees text, can read the rows back; a paragraph break inside a cell becomes U+2028 (LINE
SEPARATOR) and a tab inside a cell a space, so neither can be taken for a row or a cell
boundary. Merged cells are resolved on the way: a cell spanning columns (w:gridSpan)
fills its first column and leaves the others empty, so every row has one cell per grid
column; a vertically merged cell (w:vMerge) repeats its text in each row it covers, as
the reader of the printed table sees it there. A table directly after a task table (only
blank paragraphs or "续表" between), without a header of its own and as wide, continues it
(Word users split long tables). A progress report's table (tables.py) is written the same way, so the
extractor can leave it out. Every other table keeps the old reading: each of its
paragraphs on its own line.
"""

import re
from dataclasses import dataclass

from .tables import find_header

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_SPAN = 64
MAX_COLUMNS = 128
CELL_BREAK = "\u2028"
_CONTINUED = re.compile(r"^[（(]?续(?:表|上表)?[）)]?$")
_WRAPPERS = (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag")


@dataclass
class TaskTable:
    """A task table found in the body: its first paragraph and the lines to write."""

    first_paragraph: object
    paragraphs: set[int]
    lines: list[str]


def task_tables(body, label_of, paragraph_text) -> list[TaskTable]:
    """Every task table of the body, outermost first; tables inside one are part of it."""
    found: list[TaskTable] = []
    claimed: set[int] = set()
    previous_width, previous_end = None, None
    for parent in _parents_of_tables(body):
        for child in parent:
            if child.tag == f"{_W}p" and _has_text(child, label_of, paragraph_text):
                previous_width = None
            if child.tag != f"{_W}tbl" or id(child) in claimed:
                continue
            rows = table_rows(child, label_of, paragraph_text)
            width = len(rows[0]) if rows else 0
            header = find_header(rows, progress=True)
            continues = header is None and width and width == previous_width and previous_end is parent
            if header is None and not continues:
                previous_width = None
                continue
            paragraphs = list(child.iter(f"{_W}p"))
            claimed.update(id(t) for t in child.iter(f"{_W}tbl"))
            if paragraphs:
                lines = ["\t".join(row) for row in rows]
                found.append(TaskTable(paragraphs[0], {id(p) for p in paragraphs}, lines))
            previous_width, previous_end = width, parent
    return found


def _parents_of_tables(body):
    """Elements that directly hold a table, in document order."""
    seen = []
    for element in body.iter():
        if any(child.tag == f"{_W}tbl" for child in element) and element not in seen:
            seen.append(element)
    return seen


def _has_text(paragraph, label_of, paragraph_text) -> bool:
    """A paragraph that separates two tables: anything but blanks and "续表"."""
    text = (label_of.get(id(paragraph), "") + paragraph_text(paragraph)).strip()
    return bool(text) and not _CONTINUED.match(text)


def table_rows(table, label_of, paragraph_text) -> list[list[str]]:
    """The grid of cell texts, merges resolved, every row as wide as the widest."""
    rows: list[list[str]] = []
    above: dict[int, str] = {}
    for row in _children(table, "tr"):
        cells = [""] * _grid_before(row)
        for cell in _children(row, "tc"):
            column = len(cells)
            if column >= MAX_COLUMNS:
                break
            properties = cell.find(f"{_W}tcPr")
            span = _int_val(properties, "gridSpan", 1)
            merge = properties.find(f"{_W}vMerge") if properties is not None else None
            if merge is not None and merge.get(f"{_W}val", "continue") != "restart":
                text = above.get(column, "")
            else:
                text = cell_text(cell, label_of, paragraph_text)
            above[column] = text
            cells.append(text)
            cells.extend([""] * (min(max(span, 1), MAX_SPAN) - 1))
        rows.append(cells[:MAX_COLUMNS])
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def cell_text(cell, label_of, paragraph_text) -> str:
    """A cell's paragraphs (numbers included), tabs as spaces, joined by U+2028."""
    texts = []
    for paragraph in cell.iter(f"{_W}p"):
        text = (label_of.get(id(paragraph), "") + paragraph_text(paragraph)).replace("\t", " ").strip()
        text = text.replace(CELL_BREAK, " ").replace("\n", " ")
        if text:
            texts.append(text)
    return CELL_BREAK.join(texts)


def _children(element, name: str):
    """Direct children named `name`, looking through content controls and custom XML."""
    for child in element:
        if child.tag == f"{_W}{name}":
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, name)


def _grid_before(row) -> int:
    properties = row.find(f"{_W}trPr")
    return min(max(_int_val(properties, "gridBefore", 0), 0), MAX_SPAN)


def _int_val(properties, name: str, default: int) -> int:
    if properties is None:
        return default
    node = properties.find(f"{_W}{name}")
    try:
        return int(node.get(f"{_W}val")) if node is not None else default
    except (TypeError, ValueError):
        return default
