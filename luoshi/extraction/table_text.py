"""Task tables inside the document's text: tab-separated rows under a task-table header.

The Word reader writes a task table one row per line, cells separated by tabs (see
docx_tables.py), and a table copied out of Word or WPS and pasted arrives the same way;
so tables are found in the text, whatever the file was. A block starts at a line whose
cells read as a task-table header (tables.py) and runs while lines look like its rows:
enough tabs (a pasted row whose cells were merged has fewer), or a short untabbed line
followed by a row (a section row merged across the table pastes as one cell), with blank
lines allowed between rows. Each row keeps its cells' compact offsets, so targets found in
a cell point at that cell in the document.

When a pasted table leaves a vertically merged cell empty in the rows below its first,
the category, leader and lead-unit columns take the value from the row above (a task
without a lead unit is what an empty cell there means least often); other columns stay
empty, since an empty 配合单位 or 完成时限 is common. A row with neither number nor task
goes on with the task above: it is that task's name, its cell is not read again.

A table pasted with runs of spaces between its cells (space_tables.py) is read as the same
rows: its lines are given their cells by header column, and a line wrapping a cell of the
row above adds its pieces to that row's cells (Row.more), read after the cell itself. So is a table a web
page gave one cell a line (stacked_tables.py): each row's cells are set on its first line, its other
lines left blank and counted as the table's.
"""

from dataclasses import dataclass, field

from .space_tables import Layout, find_layout
from .stacked_tables import cell_groups, find_stacks
from .tables import Header, classify, header_continuation, is_progress, row_roles
from .textview import TextView, fold

MAX_SECTION_LINE = 40
_FILL_DOWN = ("line", "leader", "lead")


@dataclass
class Cell:
    """One cell: its text (folded, trimmed) and compact offsets start..end."""

    text: str
    start: int
    end: int


@dataclass
class Row:
    """A row under the header: "task", "section" (or "skip"), on compact line `line`."""

    kind: str
    cells: list[Cell]
    line: int
    task_above: Cell | None = None  # the task a row with merged 序号 and task cells goes on with
    more: dict[int, list[Cell]] = field(default_factory=dict)  # a wrapped cell's further lines, by column


@dataclass
class TableBlock:
    """One task table found in the text."""

    header: Header
    rows: list[Row] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)

    @property
    def progress(self) -> bool:
        """A progress report's table (a 完成情况 column, no deadline): its rows tell what was done."""
        return is_progress(self.header.roles)


def find_tables(view: TextView) -> list[TableBlock]:
    """Every task table of the text, in order."""
    lines, joins = _lines(view)
    texts = fold(view.original).split("\n")
    stacks = find_stacks(texts)
    owners = _stack(lines, stacks, texts)
    tasks = {rows[0] for stack in stacks for kind, rows in stack.rows if kind == "task"}
    blocks, index = [], 0
    while index < len(lines):
        cells = lines[index]
        roles = row_roles([c.text for c in cells], progress=True) if len(cells) > 1 else {}
        if not roles:
            index += 1
            continue
        block, index = _block(view, lines, index, Header(index, index, roles), joins, tasks)
        block.lines.update(line for line, owner in owners.items() if owner in block.lines)
        blocks.append(block)
    return blocks


def _stack(lines: list[list[Cell]], stacks: list, texts: list[str]) -> dict[int, int]:
    """Set each one-cell-a-line table's header and rows on their first lines, as tabbed rows are; the other
    lines become blank. Returns each such line's owner (the first line of its header or row)."""
    owners = {}
    for stack in stacks:
        width = len(stack.header)
        for first, group in [(stack.header[0], stack.header)] + [(rows[0], rows) for _, rows in stack.rows]:
            cells = [_joined([lines[number][0] for number in part]) for part in cell_groups(texts, group, width)]
            lines[first] = cells + [Cell("", cells[-1].end, cells[-1].end)] * (width - len(cells))
            for number in group[1:]:
                lines[number] = [Cell("", lines[number][0].start, lines[number][0].start)]
                owners[number] = first
    return owners


def _joined(cells: list[Cell]) -> Cell:
    """A cell the page broke into lines, read as one ("县水务局、县住建局")."""
    if len(cells) == 1:
        return cells[0]
    return Cell("、".join(c.text for c in cells), cells[0].start, cells[-1].end)


def _lines(view: TextView) -> tuple[list[list[Cell]], dict[int, list[tuple[int, Cell]]]]:
    """Each line of the text as its tab-separated cells (an untabbed line: one cell), a space-separated
    table's lines as their cells by column; and the lines that go on with a row above, as (column, cell)."""
    folded = fold(view.original)
    texts = folded.split("\n")
    layout = find_layout(texts)
    result, joins, offset = [], {}, 0
    for number, line in enumerate(texts):
        if number in layout.rows:
            result.append(_spaced(view, layout, number, offset))
        else:
            cells, start = [], offset
            for part in line.split("\t"):
                cells.append(_cell(view, part, start))
                start += len(part) + 1
            result.append(cells)
        if number in layout.joins:
            joins[number] = [(col, _cell(view, line[a:b], offset + a)) for col, a, b in layout.joins[number]]
        offset += len(line) + 1
    return result, joins


def _spaced(view: TextView, layout: Layout, number: int, offset: int) -> list[Cell]:
    """A space-separated row's cells by header column; an empty one sits where the cell before it ends."""
    cells, at = [], offset
    for span in layout.rows[number]:
        if span is None:
            cells.append(Cell("", view.to_compact(at), view.to_compact(at)))
            continue
        line = view.original[offset + span[0] : offset + span[1]]
        cells.append(_cell(view, fold(line), offset + span[0]))
        at = offset + span[1]
    return cells


def _cell(view: TextView, part: str, start: int) -> Cell:
    stripped = part.strip()
    begin = start + (len(part) - len(part.lstrip()))
    end = begin + len(stripped)
    return Cell(stripped, view.to_compact(begin), view.to_compact(end) if stripped else view.to_compact(begin))


def _block(
    view: TextView,
    lines: list[list[Cell]],
    first: int,
    header: Header,
    joins: dict[int, list[tuple[int, Cell]]],
    tasks: frozenset[int] | set[int] = frozenset(),
) -> tuple[TableBlock, int]:
    """The table whose header is at `first`; `tasks` are the lines known to open a row of a task (a one-cell-a-line
    table's row cut after its first cell is no section row)."""
    while header.last + 1 < len(lines) and header.last - header.first < 2:
        found = header_continuation(_texts(lines[header.last + 1]), _texts(lines[header.last]))
        if found is None:
            break
        header.roles.update(found)
        header.last += 1
    block = TableBlock(header, lines=set(range(first, header.last + 1)))
    width = len(lines[first])
    least = max(1, (width - 1) // 2)
    index = header.last + 1
    while index < len(lines):
        cells = lines[index]
        tabs = len(cells) - 1
        if index in joins and block.rows:
            for col, cell in joins[index]:
                block.rows[-1].more.setdefault(col, []).append(cell)
            block.lines.add(index)
            index += 1
            continue
        if tabs >= least:
            kind = classify(_texts(cells), header)
            kind = "task" if kind == "section" and index in tasks else kind
        elif not cells[0].text:
            if _continues(lines, index + 1, least):
                index += 1
                continue
            break
        elif tabs == 0 and len(cells[0].text) <= MAX_SECTION_LINE and _next_is_row(lines, index, least):
            kind = classify([cells[0].text], Header(0, 0, {}))
        else:
            break
        if kind != "header":
            block.rows.append(Row(kind, cells + [Cell("", cells[-1].end, cells[-1].end)] * (width - len(cells)), index))
        block.lines.add(index)
        index += 1
    _fill_down(block)
    return block, index


def _next_is_row(lines: list[list[Cell]], index: int, least: int) -> bool:
    """A row follows line `index`, blank lines aside."""
    for cells in lines[index + 1 : index + 4]:
        if len(cells) - 1 >= least:
            return True
        if cells[0].text or len(cells) > 1:
            return False
    return False


def _continues(lines: list[list[Cell]], index: int, least: int) -> bool:
    """After blank lines, the table goes on: a row, or a section line followed by a row."""
    while index < len(lines) and len(lines[index]) == 1 and not lines[index][0].text:
        index += 1
    if index >= len(lines):
        return False
    cells = lines[index]
    if len(cells) - 1 >= least:
        return True
    return len(cells) == 1 and len(cells[0].text) <= MAX_SECTION_LINE and _next_is_row(lines, index, least)


def _texts(cells: list[Cell]) -> list[str]:
    return [c.text for c in cells]


def _fill_down(block: TableBlock) -> None:
    columns = [col for col, role in block.header.roles.items() if role in _FILL_DOWN]
    above: dict[int, Cell] = {}
    for row in block.rows:
        if row.kind == "section":
            above.clear()
        if row.kind != "task":
            continue
        for col in columns:
            if col >= len(row.cells):
                continue
            if row.cells[col].text or row.more.get(col):
                above[col] = row.cells[col] if row.cells[col].text else row.more[col][0]
            elif col in above:
                row.cells[col] = above[col]
        row.task_above = _task_above(block, row, above)


def _task_above(block: TableBlock, row: Row, above: dict[int, Cell]) -> Cell | None:
    """A row whose 序号 and task cells are both empty (merged with the row above) goes on with that row's task;
    its name is the task's, its cells are not read again."""
    task, index = block.header.column("task"), block.header.column("index")
    content = [c for c in block.header.columns("task") + block.header.columns("requirement") if c != task]
    if task is None or task >= len(row.cells) or not content:
        return None
    if row.cells[task].text:
        above[-1] = row.cells[task]
        return None
    merged = index is None or index >= len(row.cells) or not row.cells[index].text
    return above.get(-1) if merged else None
