"""One data row → the ledger's fields, normalised by kind, plus per-cell errors.

Errors name the Excel row and column letter and say in Chinese what is wrong, so the
person who filled the sheet can find the cell; a row with errors is still returned (with
the bad field empty) so a preview can show it next to its errors. Text fields get
full-width letters and digits folded to ASCII ("２０２４" → "2024"); Chinese punctuation
stays, and ``deadline_text`` keeps the characters as written.
"""

import math
import re
from dataclasses import dataclass

from .deadlines import parse_deadline
from .grid import SheetGrid
from .spec import FieldSpec, LedgerSpec
from .text import cell_text, column_letter, compact, fold_width

__all__ = ["RowContext", "deadline_keys", "read_row"]

_LIST_SEPARATORS = re.compile(r"[、，,；;\n]+")
_NUMBER_NOISE = re.compile(r"[,，\s]")


@dataclass(frozen=True)
class RowContext:
    """What every row of one table shares."""

    spec: LedgerSpec
    sheet: str
    columns: dict[str, int]
    year: int | None


def read_row(grid: SheetGrid, row: int, ctx: RowContext, section: str | None = None) -> tuple[dict, list[dict]]:
    """The record of one data row (0-based ``row``) and its errors."""
    record: dict = {"sheet": ctx.sheet, "row": row + 1}
    errors: list[dict] = []
    for spec in ctx.spec.fields:
        col = ctx.columns.get(spec.name)
        value = grid.data_value(row, col) if col is not None else None
        if col is None and spec.name == ctx.spec.section_field:
            value = section
        values, reason = convert(spec, value, year=ctx.year)
        record.update(values)
        if reason is None and spec.required and col is not None and _missing(spec, values):
            reason = f"{spec.label}不能为空"
        if reason:
            errors.append({"sheet": ctx.sheet, "row": row + 1, "column": _letter(col, spec), "reason": reason})
    return record, errors


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
        parsed = parse_deadline(value, year=year)
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
    return {spec.name: None}, f"{spec.label}“{cell_text(value)}”无法识别，可填：{allowed}"


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
        return {spec.name: None}, f"{spec.label}应为数字：{cell_text(value)}"
    return {spec.name: int(number) if number.is_integer() else number}, None
