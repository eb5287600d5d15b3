"""One data row → the ledger's fields, normalised by kind, plus per-cell errors.

Errors name the Excel row and column letter and say in Chinese what is wrong, so the
person who filled the sheet can find the cell; a row with errors is still returned (with
the bad field empty) so a preview can show it next to its errors. Text fields get
full-width letters and digits folded to ASCII ("２０２４" → "2024"); Chinese punctuation
stays, and ``deadline_text`` keeps the characters as written. A joint column ("责任领导/
责任人") gives each of its fields one "/"-separated part; a lead-unit cell naming several
units keeps the lead and passes the others on to the co-operating units (``units.py``).
"""

import math
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .deadlines import parse_deadline
from .grid import SheetGrid
from .spec import FieldSpec, LedgerSpec
from .text import SECTION_NUMBER, cell_text, column_letter, compact, fold_width, section_name
from .units import split_units

__all__ = ["RowContext", "deadline_keys", "read_row"]

_LIST_SEPARATORS = re.compile(r"[、，,；;\n]+")
_NUMBER_NOISE = re.compile(r"[,，\s]")
_JOINT_PARTS = re.compile(r"\s*[/／]\s*")
_SHORT_LINE = 8  # "王镇长\n张三" splits like "王镇长/张三"; a task's lines do not
_SHORT_PART = 16  # names and units are short: "建设5G基站20个/年" is one text, not two


@dataclass(frozen=True)
class RowContext:
    """What every row of one table shares."""

    spec: LedgerSpec
    sheet: str
    columns: dict[str, int]
    year: int | None
    joint: dict[int, list[str | None]] = field(default_factory=dict)
    shown: dict[tuple[int, int], str] = field(default_factory=dict)  # date cells read as displayed


def read_row(grid: SheetGrid, row: int, ctx: RowContext, section: str | None = None) -> tuple[dict, list[dict]]:
    """The record of one data row (0-based ``row``) and its errors."""
    record: dict = {"sheet": ctx.sheet, "row": row + 1}
    errors: list[dict] = []
    section_field = ctx.spec.section_field
    for spec in ctx.spec.fields:
        col = ctx.columns.get(spec.name)
        value = grid.data_value(row, col) if col is not None else None
        if ctx.shown or ctx.joint or spec.name == section_field:
            value = _adjusted(value, row, col, ctx, spec, section)
        values, reason = convert(spec, value, year=ctx.year)
        record.update(values)
        if reason is None and spec.required and col is not None and _missing(spec, values):
            reason = _("%(label)s不能为空") % {"label": spec.label}
        if reason:
            errors.append({"sheet": ctx.sheet, "row": row + 1, "column": _letter(col, spec), "reason": reason})
    for spec in ctx.spec.spill_fields:
        if isinstance(record.get(spec.name), str) and not _spill(record, spec) and spec.required:
            col = ctx.columns[spec.name]  # "配合：财政所" names no lead
            errors.append({"sheet": ctx.sheet, "row": row + 1, "column": _letter(col, spec),
                           "reason": _("%(label)s不能为空") % {"label": spec.label}})
    return record, errors


def _adjusted(value: object, row: int, col: int | None, ctx: RowContext, spec: FieldSpec, section: str | None):
    """What the field reads in this row: the cell as shown, its part of a joint cell, or
    for the section field without a column, the section the row falls in."""
    if ctx.shown:
        value = ctx.shown.get((row, col), value)
    if col in ctx.joint:
        value = _joint_part(value, ctx.joint[col], spec.name)
    if spec.name == ctx.spec.section_field:
        value = section if col is None else _heading(value)
    return value


def _spill(record: dict, spec: FieldSpec) -> str | None:
    """Keep one lead unit in the field, move the other units named with it to ``spill``."""
    record[spec.name], others = split_units(record[spec.name])
    record[spec.spill] = list(dict.fromkeys([*others, *record.get(spec.spill, [])]))
    return record[spec.name]


def _heading(value: object) -> object:
    """A 工作专线 cell written as a numbered heading names the line a section row would."""
    return section_name(value.strip()) if isinstance(value, str) and SECTION_NUMBER.match(value.strip()) else value


def _joint_part(value: object, fields: list[str | None], name: str) -> object:
    """This field's part of a joint cell: "王镇长/张三" is leader, then owner; the last
    field keeps any surplus parts, and a cell with one part fills the first field only."""
    text = cell_text(value)
    parts = [part for part in _JOINT_PARTS.split(text) if part]
    if len(parts) == 1 and all(len(line) <= _SHORT_LINE for line in text.split("\n")):
        parts = text.split("\n")
    if any(len(part) > _SHORT_PART for part in parts):
        parts = [text]
    index = fields.index(name)
    if index == len(fields) - 1:
        return "、".join(parts[index:])
    return parts[index] if index < len(parts) else None


def _letter(col: int | None, spec: FieldSpec) -> str:
    return column_letter(col) if col is not None else spec.label


def _missing(spec: FieldSpec, values: dict) -> bool:
    """A required field left empty; "长期坚持" is a deadline even without a date."""
    if spec.kind == "deadline":
        return values[deadline_keys(spec.name)[1]] == "none"
    return values[spec.name] in (None, "", [])


def convert(spec: FieldSpec, value: object, *, year: int | None) -> tuple[dict, str | None]:
    """A cell as the field's value(s) and an error reason, if any."""
    if spec.kind == "deadline":
        # the contract's deadline is 完成时限 whatever its header; another date names its own column
        parsed = parse_deadline(value, year=year, label=None if spec.name == "deadline" else spec.label)
        values = dict(zip(deadline_keys(spec.name), parsed.fields().values(), strict=True))
        if parsed.deadline_kind == "none" and not parsed.error:
            values[spec.name] = None
        return values, parsed.error
    if spec.kind == "list":
        return {spec.name: _split(value)}, None
    if spec.kind == "choice":
        return _choice(spec, value)
    if spec.kind == "number":
        return _number(spec, value)
    return {spec.name: fold_width(cell_text(value)) or None}, None


def deadline_keys(name: str) -> tuple[str, str, str, str]:
    """Row keys of a deadline field: the contract's names for ``deadline``, prefixed otherwise."""
    if name == "deadline":
        return ("deadline", "deadline_kind", "recurrence", "deadline_text")
    return (name, f"{name}_kind", f"{name}_recurrence", f"{name}_text")


def _split(value: object) -> list[str]:
    """Split a list cell on 、，,；; and line breaks, dropping blanks and duplicates."""
    parts = (part.strip() for part in _LIST_SEPARATORS.split(fold_width(cell_text(value))))
    return list(dict.fromkeys(part for part in parts if part))


def _choice(spec: FieldSpec, value: object) -> tuple[dict, str | None]:
    text = compact(value)
    if not text:
        return {spec.name: None}, None
    choices = spec.choices or {}
    codes = set(choices.values())
    if text in choices or text in codes:
        return {spec.name: choices.get(text, text)}, None
    for word in sorted(choices, key=len, reverse=True):
        if text.startswith(word):
            return {spec.name: choices[word]}, None
    first_words: dict[str, str] = {}
    for word, code in choices.items():
        first_words.setdefault(code, word)
    allowed = "、".join(first_words.values())
    return {spec.name: None}, _("%(label)s“%(value)s”无法识别，可填：%(allowed)s") % {
        "label": spec.label, "value": cell_text(value), "allowed": allowed}


def _number(spec: FieldSpec, value: object) -> tuple[dict, str | None]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {spec.name: int(value) if float(value).is_integer() else value}, None
    text = _NUMBER_NOISE.sub("", compact(value))
    if not text:
        return {spec.name: None}, None
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        return {spec.name: None}, _("%(label)s应为数字：%(value)s") % {"label": spec.label, "value": cell_text(value)}
    return {spec.name: int(number) if number.is_integer() else number}, None
