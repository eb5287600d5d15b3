"""Task tables pasted with runs of spaces between cells instead of tabs.

A table copied out of a PDF or a web page into a text box keeps its cells apart with runs
of spaces (ASCII, or the full-width U+3000), not tabs. Such a table is found the way a
tabbed one is: by its header, a line whose space-separated cells name the genre's columns
(tables.row_roles: 序号, 工作任务, 牵头单位, 完成时限 …). Nothing else ever becomes a table, so
prose with double spaces, a signature block or a line of figures stays prose.

Under the header, each line is split into cells at runs of two or more spaces (or one
full-width space). A row with as many cells as the header maps cell to column. A row with
fewer (an empty cell, a merged one) or more (a cell with a wide gap inside) is aligned to
the columns: by each cell's position under the header, when the block's full rows show the
columns line up (in characters, or in display width, where a Chinese character is two
columns wide), and always by what the cell is (a leading number is the 序号, a date the
完成时限, a unit the 责任单位, a short name the 责任领导, other text the task or goal), so a
table pasted from a web page, where nothing lines up, is still read by its rows' structure.

A header may take two lines, the second splitting a cell of the first ("责任单位" over "牵头单位
配合单位"), as in a tabbed table. A line that goes on with a cell of the row above (its text wrapped) is indented, or a single
cell that neither opens with a section number nor heads rows below; it joins that row, under
the column its position names (or the row's last goal or task cell). A single cell opening
with 一、/（一）/第一 that heads rows is a section row, as in a tabbed table; blank lines may
part rows. The block ends at a line that is none of these (a long unindented line of prose,
a heading followed by prose, a tab).

The result is handed to table_text.py as cell spans per line, so a table pasted with spaces
gives the same sections and targets as the same table pasted with tabs.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from .tables import ROLES, cell_role, compact_key, row_roles, split_names
from .timing import column_times

_GAP = re.compile(r"[ \u3000]{2,}|\u3000")
_INDEX = re.compile(r"^\d{1,3}[.、．]?$")
_SECTION = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3})"
)
_UNIT = re.compile(
    r"(?:办|办公室|所|站|中心|局|委|委员会|部|室|队|院|组|会|村|社区|公司|科|处|镇|街道|单位|政府|支部|党委|"
    r"党支部|学校|医院|管委会|服务中心|各村|各村（居）|各村（社区）|相关村|各社区|大队|中队|分局|片区)$"
)
_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_SENTENCE_END = re.compile(r"[。；;，,、%％]$")
MAX_DATE_CELL = 16
MAX_PROSE = 40
MAX_NAMES = 4
_ALIGNED = 0.2  # mean misfit of rows under which the columns count as lined up
_WHO = ("leader", "lead", "co", "owner", "deadline")
_WORDS = frozenset(word for words in ROLES.values() for word in words)
_PREFIXES = frozenset(word[:n] for word in _WORDS for n in range(2, len(word) + 1))


@dataclass
class Part:
    """One cell of a line: its text and where it stands (character offset, display column)."""

    text: str
    start: int
    end: int
    column: int
    width: int


@dataclass
class Layout:
    """Per line of the text: a row's cell spans by header column (None: empty), or pieces going on with a row."""

    rows: dict[int, list[tuple[int, int] | None]] = field(default_factory=dict)
    joins: dict[int, list[tuple[int, int, int]]] = field(default_factory=dict)


def split_parts(line: str) -> list[Part]:
    """A line's cells, split at runs of spaces."""
    parts, last = [], 0
    for match in [*_GAP.finditer(line), None]:
        stop = match.start() if match else len(line)
        piece = line[last:stop]
        if piece.strip():
            begin = last + len(piece) - len(piece.lstrip())
            end = begin + len(piece.strip())
            parts.append(Part(line[begin:end], begin, end, _display(line[:begin]), _display(line[begin:end])))
        last = match.end() if match else len(line)
    return parts


def _display(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def find_layout(lines: list[str]) -> Layout:
    """The space-separated task tables among the lines (folded text, split at line breaks)."""
    layout, index = Layout(), 0
    while index < len(lines):
        line = lines[index]
        parts = _header_parts(split_parts(line)) if "\t" not in line else []
        roles = row_roles([p.text for p in parts], progress=True) if len(parts) > 2 else {}
        if not roles:
            index += 1
            continue
        index = _read_block(lines, index, parts, roles, layout)
    return layout


def _header_parts(parts: list[Part]) -> list[Part]:
    """Header cells spread out a character at a time ("序  号", "完  成  时  限") put back together."""
    merged: list[Part] = []
    for part in parts:
        last = merged[-1] if merged else None
        if last is not None and len(part.text) == 1 and _spread(last.text) and last.text + part.text in _PREFIXES:
            gap = part.column - last.column - last.width
            merged[-1] = Part(last.text + part.text, last.start, part.end, last.column, last.width + gap + part.width)
            continue
        merged.append(part)
    return merged


def _spread(text: str) -> bool:
    """A header cell being put together: one character, or a prefix of a column word built from such."""
    return len(text) == 1 or (text in _PREFIXES and text not in _WORDS)


def _read_block(lines: list[str], first: int, header: list[Part], roles: dict[int, str], layout: Layout) -> int:
    """Read the block under a header; record its rows and joins; the index after it."""
    found: list[tuple[int, str, list[Part]]] = []  # (line, "row" | "join", parts)
    index = first + 1
    two_rows = _two_row_header(lines, first, header)
    if two_rows is not None and row_roles([p.text for p in two_rows[0]], progress=True):
        header, upper, lower = two_rows
        roles = row_roles([p.text for p in header], progress=True)
        layout.rows[first], layout.rows[first + 1] = upper, lower
        index = first + 2
    while index < len(lines):
        line = lines[index]
        if "\t" in line:
            break
        parts = split_parts(line)
        if not parts:
            if not _goes_on(lines, index + 1, header, roles):
                break
            index += 1
            continue
        kind = _line_kind(lines, index, parts, header, roles, bool(found) and found[-1][0] == index - 1)
        if kind == "end":
            break
        if kind != "section":
            found.append((index, kind, parts))
        index += 1
    metric = _metric(header, [p for _, kind, p in found if kind == "row"])
    layout.rows.setdefault(first, [(p.start, p.end) for p in header])
    last_row = None
    for line, kind, parts in found:
        if kind == "join?":
            kind = "row" if last_row is None or _stands_alone(parts, header, roles, metric, last_row) else "join"
        if kind == "row":
            columns = _align(parts, header, roles, metric)
            spans: list[tuple[int, int] | None] = [None] * len(header)
            for part, col in zip(parts, columns, strict=True):
                held = spans[col]
                spans[col] = (held[0], part.end) if held else (part.start, part.end)
            layout.rows[line] = spans
            last_row = spans
        elif last_row is not None:
            layout.joins[line] = [(_join_column(part, header, roles, last_row, metric), part.start, part.end)
                                  for part in parts]  # fmt: skip
    return index


def _two_row_header(lines: list[str], first: int, upper: list[Part]) -> tuple[list[Part], list, list] | None:
    """A header whose second line splits a cell of the first ("责任单位" over "牵头单位  配合单位"): the columns
    (the first line's cells with nothing under them, and the second line's), and each line's spans by column
    (the split cell stands over the first column under it, as a vertical merge does in a tabbed table)."""
    if first + 1 >= len(lines) or "\t" in lines[first + 1]:
        return None
    lower = _header_parts(split_parts(lines[first + 1]))
    if len(lower) < 2 or not all(cell_role(p.text) for p in lower):
        return None
    for metric in ("display", "char"):
        over = {id(b): _above(b, upper, metric) for b in lower}
        if all(over.values()):
            break
    else:
        return None
    split = {id(a) for a in over.values() if a is not None}
    columns = sorted([a for a in upper if id(a) not in split] + lower, key=lambda p: _span(p, metric)[0])
    top, bottom, placed = [], [], set()
    for part in columns:
        above = over.get(id(part))
        if above is None:
            top.append((part.start, part.end))
            bottom.append(None)
        else:
            top.append(None if id(above) in placed else (above.start, above.end))
            placed.add(id(above))
            bottom.append((part.start, part.end))
    return columns, top, bottom


def _above(part: Part, upper: list[Part], metric: str) -> Part | None:
    """The first line's cell whose column holds the centre of a second-line cell."""
    centre = sum(_span(part, metric)) / 2
    for col, cell in enumerate(upper):
        low, high = _region(upper, col, metric)
        if low <= centre < high:
            return cell
    return None


def _line_kind(
    lines: list[str], index: int, parts: list[Part], header: list[Part], roles: dict[int, str], wraps: bool
) -> str:
    """What a line under the header is: "row", "join" (goes on with the row above), "join?" (one of the two),
    "section" or "end". Only a line right under a row (`wraps`, no blank line between) can go on with it."""
    text = parts[0].text
    indented = parts[0].column >= _second_column(header)
    if len(parts) > 1:
        if _INDEX.match(text) or len(parts) == len(header):
            return "row"
        if indented and wraps:
            return "join?"
        return "row" if _reads_as_row(parts, header, roles) else "end"
    if _SECTION.match(text):
        return "section" if len(text) <= MAX_PROSE and _row_follows(lines, index, header) else "end"
    if not wraps or len(text) > MAX_PROSE:
        return "end"
    if indented:
        return "join"
    if not _row_follows(lines, index, header):
        return "end"  # an unindented line after the last row: prose, a note, a signature
    return "join" if _SENTENCE_END.search(text) else "section"


def _reads_as_row(parts: list[Part], header: list[Part], roles: dict[int, str]) -> bool:
    """Cells that, by what they are, name a task or goal and who or by when."""
    named = [roles.get(col) for col in _align(parts, header, roles, None)]
    return any(role in ("task", "requirement") for role in named) and any(role in _WHO for role in named)


def _second_column(header: list[Part]) -> int:
    """Display column from which a line counts as indented: past the first header cell."""
    return header[1].column - 1 if len(header) > 1 else 2


def _row_follows(lines: list[str], index: int, header: list[Part]) -> bool:
    """A row of several cells follows line `index`, blank lines aside."""
    for line in lines[index + 1 : index + 4]:
        if "\t" in line:
            return False
        parts = split_parts(line)
        if len(parts) > 1:
            return True
        if parts:
            return False
    return False


def _goes_on(lines: list[str], index: int, header: list[Part], roles: dict[int, str]) -> bool:
    """After blank lines, the table goes on: a numbered or full row, or a section line heading rows."""
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines) or "\t" in lines[index]:
        return False
    parts = split_parts(lines[index])
    if len(parts) > 1:
        return bool(_INDEX.match(parts[0].text)) or len(parts) == len(header) or _reads_as_row(parts, header, roles)
    return bool(parts) and bool(_SECTION.match(parts[0].text)) and _row_follows(lines, index, header)


# Cell alignment ---------------------------------------------------------------------------------------------------


def _metric(header: list[Part], rows: list[list[Part]]) -> str | None:
    """The metric ("char" or "display") by which the rows' cells line up under the header, else None: judged on
    the rows with a cell for each column, or when there are none, on the others, whose cells must then each lie
    under a column of their own, left to right."""
    full = [row for row in rows if len(row) == len(header)]
    best, score = None, _ALIGNED
    for metric in ("display", "char"):
        if full:
            misfit = [_misfit(part, col, header, metric) for row in full for col, part in enumerate(row)]
        else:
            misfit = [_best_misfit(row, header, metric) for row in rows if len(row) < len(header)]
        mean = sum(misfit) / len(misfit) if misfit else 1.0
        if mean <= score:
            best, score = metric, mean
    return best


def _best_misfit(row: list[Part], header: list[Part], metric: str) -> float:
    """A short row's mean misfit, each cell under the column it fits best; 1 when two share a column or cross."""
    best = [min(range(len(header)), key=lambda c, p=part: _misfit(p, c, header, metric)) for part in row]
    if any(a >= b for a, b in zip(best, best[1:], strict=False)):
        return 1.0
    return sum(_misfit(part, col, header, metric) for part, col in zip(row, best, strict=True)) / len(row)


def _span(part: Part, metric: str) -> tuple[float, float]:
    return (part.column, part.column + part.width) if metric == "display" else (part.start, part.end)


def _region(header: list[Part], col: int, metric: str) -> tuple[float, float]:
    """Column `col`'s extent: from midway between its header's centre and the one before, to midway to the next."""
    centres = [sum(_span(p, metric)) / 2 for p in header]
    low = (centres[col - 1] + centres[col]) / 2 if col > 0 else float("-inf")
    high = (centres[col] + centres[col + 1]) / 2 if col + 1 < len(header) else float("inf")
    return low, high


def _misfit(part: Part, col: int, header: list[Part], metric: str) -> float:
    """1 minus the share of the cell lying in column `col`'s extent."""
    start, end = _span(part, metric)
    low, high = _region(header, col, metric)
    inside = max(0.0, min(end, high) - max(start, low))
    return 1.0 - inside / max(1.0, end - start)


def is_unit_name(text: str) -> bool:
    """Whether a text ends as a body's name does (…办, …所, …中心, 各村)."""
    return bool(_UNIT.search(compact_key(text)))


def cell_type(text: str) -> str:
    """What a cell is: "index", "date", "unit", "person" or "text"."""
    if _INDEX.match(text):
        return "index"
    key = compact_key(text)
    if len(key) <= MAX_DATE_CELL and any(column_times(key)):
        return "date"
    names = split_names(text)
    if names and all(is_unit_name(n) for n in names):
        return "unit"
    if names and len(names) <= MAX_NAMES and all(_PERSON.match(compact_key(n)) for n in names):
        return "person"
    return "text"


_FIT = {
    "index": {"index": 0.0},
    "date": {"deadline": 0.0, "status": 0.5, "note": 0.5},
    "unit": {"lead": 0.0, "co": 0.2, "owner": 0.8, "note": 1.0},
    "person": {"leader": 0.0, "owner": 0.1, "note": 1.0},
    "text": {"requirement": 0.0, "task": 0.1, "line": 0.2, "value": 0.3, "status": 0.3, "note": 0.3, "measure": 1.0},
}
_MISMATCH = 1.5
_SHARED = 1.0  # two cells in one column: a gap inside a cell
_POSITION = 3.0


def _align(parts: list[Part], header: list[Part], roles: dict[int, str], metric: str | None) -> list[int]:
    """Each cell's column, in order (two cells may share one), at the least cost of type and position."""
    if len(parts) == len(header):
        return list(range(len(parts)))
    n, inf = len(header), float("inf")
    kinds = [cell_type(p.text) for p in parts]

    def cost(i: int, col: int) -> float:
        fit = _FIT[kinds[i]].get(roles.get(col, ""), _MISMATCH)
        if kinds[i] == "text" and roles.get(col) is None:
            fit = 0.4  # an unnamed column (执行情况 …) takes text
        if metric is not None:
            fit += _POSITION * _misfit(parts[i], col, header, metric)
        return fit

    # best[i][col]: least cost of cells 0..i with cell i in column col
    best = [[inf] * n for _ in parts]
    back = [[-1] * n for _ in parts]
    for col in range(n):
        best[0][col] = cost(0, col)
    for i in range(1, len(parts)):
        for col in range(n):
            here = cost(i, col)
            for prev in range(col + 1):
                total = best[i - 1][prev] + here + (_SHARED if prev == col else 0.0)
                if total < best[i][col]:
                    best[i][col], back[i][col] = total, prev
    col = min(range(n), key=lambda c: best[-1][c])
    columns = [col]
    for i in range(len(parts) - 1, 0, -1):
        col = back[i][col]
        columns.append(col)
    return columns[::-1]


def _stands_alone(
    parts: list[Part],
    header: list[Part],
    roles: dict[int, str],
    metric: str | None,
    above: list[tuple[int, int] | None],
) -> bool:
    """An indented line of several cells without a 序号 is a row of its own (its 序号 merged with the row above)
    when it names a task or goal and says by when, or who with two cells, in columns the row above has filled
    too; else it wraps cells of the row above (a PDF's copy puts a tall row's short cells on any of its lines,
    so a line filling the row above's empty 完成时限 completes that row)."""
    columns = _align(parts, header, roles, metric)
    named = [roles.get(col) for col in columns]
    who = [col for col in columns if roles.get(col) in _WHO]
    if any(above[col] is None for col in who):
        return False
    return any(role in ("task", "requirement") for role in named) and ("deadline" in named or len(who) > 1)


def _join_column(
    part: Part, header: list[Part], roles: dict[int, str], row: list[tuple[int, int] | None], metric: str | None
) -> int:
    """The column a wrapped piece goes on with: the one under it, else the row's last filled goal or task cell."""
    indented = part.column >= _second_column(header)
    for use in (metric, "display", "char") if indented else ():
        if use is None:
            continue
        col = min(range(len(header)), key=lambda c: _misfit(part, c, header, use))
        if _misfit(part, col, header, use) < 0.5:
            return col
    content = [c for c, role in roles.items() if role in ("requirement", "task") and row[c] is not None]
    return max(content) if content else max(c for c, span in enumerate(row) if span is not None)
