"""Task-table rows → the same sections and targets the speech text yields.

A progress report's table (a 完成情况 / 进展情况 column and no deadline) gives none.

Section rows ("一、产业项目" merged across the table) and the values of a category column
(类别 / 工作专线, a new section each time the value changes) are headings. A task row is
read like the text: its task and requirement cells are run through the target rules cell
by cell (so "4月底前开工建设，年内完成投资3亿元" gives a milestone and a quantity), and
what the other columns say applies to every target of the row:
- responsible: the lead units, then the co-operating units, in that order (so the first
  named is the lead unit, as the draft review takes it);
- leaders: the 责任领导 / 分管领导 column, and owners: the 责任人 / 联系人 / 经办人 column,
  kept apart from the bodies: each is a person the draft matches against the township's
  people, never a unit to guess;
- the 完成时限 column (timing.column_times) gives the deadline or period of a target that
  states none itself, and its recurrence (每月, 长期坚持) to one that states no time at
  all; a target without a number then is a milestone (a deadline) or recurring (a
  standing duty), as the kinds are defined;
- an indicator too short to stand alone ("投资", "开工建设") is put after the task's name.
A row where the rules find nothing is still a task: one target whose indicator is the
task's name and whose text is its requirement (or the task when there is none). A row that
gives targets and has a date in its 完成时限 column keeps, besides them, each clause of its
cells that opens with a work of its own and gives none ("启动…小学建设，新建中心幼儿园2所"):
a milestone by that date. A cell wrapped onto further lines (a table pasted with spaces)
is read as its pieces, in order; its names and date are its pieces' text joined. A row of
an indicator table (指标名称 | 单位 | 目标值) is a quantity: the value in its unit.
"""

import re

from .indicator import wording
from .numbers import PLACEHOLDER_CHARS, POST_QUALIFIERS, number_value
from .paragraphs import Paragraph
from .quantities import target_quantities
from .responsible import labels_in, person_names
from .space_tables import is_unit_name
from .strength import any_strength, strength_marks
from .structure import Marker, marker_at, title_stop
from .table_text import Cell, Row, TableBlock
from .tables import compact_key, split_names
from .target import Target
from .targets import find_targets
from .timing import column_times

SHORT_INDICATOR = 4
_NUMBER = re.compile(rf"^(?P<num>\d+(?:\.\d+)?|[{PLACEHOLDER_CHARS}]+)(?P<post>{'|'.join(POST_QUALIFIERS)})?$")
_BODIES = ("lead", "co")
_CLAUSE = re.compile(r"[^，,；;。\n]+")
# A clause naming a work to start, build or finish of its own (not "落实…", "加强…").
_WORK_OPENING = re.compile(r"^(?:启动|开工|动工|建成|新建|迁建|改建|扩建|完成)")


def table_markers(text: str, blocks: list[TableBlock], line_of) -> list[Marker]:
    """The headings the tables name: section rows and category changes."""
    markers = []
    for block in blocks:
        line_col = block.header.column("line")
        current = None
        for row in block.rows:
            if row.kind == "section":
                markers.append(_section_marker(text, block, row, line_of))
                current = None
            elif row.kind == "task" and line_col is not None and line_col < len(row.cells):
                cell = row.cells[line_col]
                if cell.text and compact_key(cell.text) != current:
                    current = compact_key(cell.text)
                    markers.append(_heading(text, cell, cell, line_of(cell.start), "line"))
    return markers


def _section_marker(text: str, block: TableBlock, row: Row, line_of) -> Marker:
    index_col = block.header.column("index")
    filled = [c for c in row.cells if c.text]
    title = next((c for i, c in enumerate(row.cells) if c.text and i != index_col), filled[0])
    number = row.cells[index_col] if index_col is not None and index_col < len(row.cells) else None
    if number is not None and number.text and number is not title:
        return _heading(text, number, title, line_of(title.start), "row", whole_number=True)
    return _heading(text, title, title, line_of(title.start), "row")


def _heading(text: str, number: Cell, title: Cell, line: int, style: str, whole_number: bool = False) -> Marker:
    """A table heading; its style is prefixed, so it nests under the section holding the
    table (a table's "一、" does not close the body's "二、任务分工" around it)."""
    found = marker_at(text, number.start, number.end)
    if whole_number:
        style, value, end = (found[0], found[1], number.end) if found else (style, 0, number.end)
        start_title = title.start
    elif found and found[2] < title.end:
        style, value, end = found
        start_title = end
    else:
        value, end, start_title = 0, number.start, title.start
    stop = title_stop(text, start_title, title.end)
    return Marker(f"table-{style}", value, number.start, end, line, True, start_title, stop)


def table_targets(text: str, blocks: list[TableBlock], year: int | None) -> list[Target]:
    """The targets of every task row."""
    targets = []
    for block in blocks:
        if block.progress:
            continue  # a progress report's rows recall tasks and tell what was done: no targets
        for row in block.rows:
            if row.kind == "task":
                targets.extend(row_targets(text, block, row, year))
    return targets


def row_targets(text: str, block: TableBlock, row: Row, year: int | None) -> list[Target]:
    """The targets of one task row, with the row's responsible bodies and time."""
    header = block.header
    task = _cell(row, header.column("task"))
    columns = sorted(header.columns("task") + header.columns("requirement") + header.columns("value"))
    cells = [
        piece for c in columns if c < len(row.cells) for piece in [row.cells[c], *row.more.get(c, [])] if piece.text
    ]
    task = row.task_above or task
    if not cells:
        return []
    paragraphs = [_paragraph(text, c) for c in cells]
    found = find_targets(text, paragraphs, year, lambda _: False)
    deadline, period, recurrence = column_times(compact_key(_text(row, header.column("deadline"))))
    if found and deadline:
        found = sorted(found + _uncounted_works(text, cells, found), key=lambda t: t.start)
    found = found or _value_targets(text, row, header, task) or [_row_target(text, task, cells)]
    names = _column_names(row, header, _BODIES)
    leaders = person_names(_column_names(row, header, ("leader",)))
    owners = person_names(_column_names(row, header, ("owner",)))
    title = _title(text, task)
    for target in found:
        target.responsible = list(dict.fromkeys(names + target.responsible))
        target.leaders = list(dict.fromkeys(leaders + target.leaders))
        target.owners = list(dict.fromkeys(owners + target.owners))
        target.deadline = target.deadline or deadline
        target.period = target.period or period
        if not (target.deadline or target.period):
            target.recurrence = target.recurrence or recurrence
        _settle_kind(target)
        if title and task is not None and not (task.start <= target.start < task.end):
            target.indicator = _with_task(target.indicator, title)
    return found


def _paragraph(text: str, cell: Cell) -> Paragraph:
    labels = labels_in(text[cell.start : cell.end])
    # a task table's row carries its own evidence of work to do (evidence.py): the table is the plan
    return Paragraph(cell.start, cell.end, False, labels.bodies, labels.leaders, labels.owners, ahead=True)


def _column_names(row: Row, header, roles: tuple[str, ...]) -> list[str]:
    return [name for role in roles for col in header.columns(role) for name in split_names(_names_text(row, col))]


def _names_text(row: Row, col: int) -> str:
    """A names cell with its wrapped pieces: a piece after a whole unit's name ("…办") is a name of its own."""
    cell = _cell(row, col)
    text = cell.text if cell is not None else ""
    for piece in row.more.get(col, []):
        text += ("、" if text and is_unit_name(text) else "") + piece.text
    return text


def _value_targets(text: str, row: Row, header, task: Cell | None) -> list[Target]:
    """An indicator row: the number in the 目标值 column, measured in the 单位 column."""
    value = _cell(row, header.column("value"))
    if value is None or not value.text:
        return []
    measure = _text(row, header.column("measure")) or None
    quantities = target_quantities(text, value.start, value.end, [], False)
    if quantities:
        return []  # the cell has its own unit: the rules read it
    number = _NUMBER.match(compact_key(value.text))
    if number is None:
        return []
    target = Target(value.start, value.end, "quantity", _title(text, task), number_value(number["num"]), measure)
    target.qualifier = number["post"] or None
    return [target]


def _row_target(text: str, task: Cell | None, cells: list[Cell]) -> Target:
    """A task row the rules found nothing in: the task itself, as a qualitative target."""
    source = cells[-1]
    marks = [m for c in cells for m in strength_marks(text, c.start, c.end)]
    indicator = _title(text, task) or _title(text, source)
    return Target(source.start, source.end, "qualitative", indicator, strength=any_strength(marks))


def _uncounted_works(text: str, cells: list[Cell], found: list[Target]) -> list[Target]:
    """The clauses of a row's cells that open with a work and hold none of its targets."""
    works = []
    for cell in cells:
        for clause in _CLAUSE.finditer(text, cell.start, cell.end):
            start, end = clause.span()
            if _WORK_OPENING.match(clause.group()) and not any(t.start < end and start < t.end for t in found):
                marks = strength_marks(text, start, end)
                works.append(
                    Target(
                        start,
                        end,
                        "milestone",
                        wording(clause.group(), inner_strength=False),
                        strength=any_strength(marks),
                    )
                )
    return works


def _settle_kind(target: Target) -> None:
    if target.kind == "qualitative" and target.deadline:
        target.kind = "milestone"
    elif target.kind == "qualitative" and target.recurrence:
        target.kind = "recurring"


def _with_task(indicator: str, title: str) -> str:
    key, name = compact_key(indicator), compact_key(title)
    if not key:
        return title
    if len(key) <= SHORT_INDICATOR and name not in key and key not in name:
        return title + indicator
    return indicator


def _title(text: str, cell: Cell | None) -> str:
    """A cell's wording up to its first 。；： or line break: the task's name."""
    if cell is None or not cell.text:
        return ""
    return wording(text[cell.start : title_stop(text, cell.start, cell.end)], inner_strength=False)


def _cell(row: Row, col: int | None) -> Cell | None:
    return row.cells[col] if col is not None and col < len(row.cells) else None


def _text(row: Row, col: int | None) -> str:
    """A cell's text, with the pieces a wrapped cell goes on with (a table pasted with spaces)."""
    cell = _cell(row, col)
    if cell is None:
        return ""
    return cell.text + "".join(piece.text for piece in row.more.get(col, []))
