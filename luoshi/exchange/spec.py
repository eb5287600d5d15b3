"""The field specification of a ledger: what columns a workbook of that ledger may have.

A spec is data, not code, so the ledger engine can declare a new ledger's import in a few
lines and the reader stays generic. Header matching uses ``label`` and ``synonyms``; the
``kind`` decides how a cell is normalised (see ``rows.py``).
"""

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from .text import header_key

__all__ = ["FieldKind", "FieldSpec", "LedgerSpec"]

FieldKind = Literal["text", "list", "deadline", "choice", "number"]


@dataclass(frozen=True)
class FieldSpec:
    """One field of a ledger.

    ``choices`` maps each accepted written word to the stored code, e.g.
    ``{"整改中": "rectifying", "已销号": "closed", "已整改": "closed"}``; the codes
    themselves are accepted too. A ``deadline`` field expands into ``deadline``,
    ``deadline_kind``, ``recurrence`` and ``deadline_text`` in each row.

    ``spill`` names a list field that takes the extra names of a cell naming several
    ("经发办（牵头）、财政所" under 牵头单位: one lead unit, the others co-operate).
    Synonyms are listed from the most to the least specific: when two columns are worded
    as the same field, the earlier wording wins.
    """

    name: str
    label: str
    synonyms: list[str] = field(default_factory=list)
    required: bool = False
    kind: FieldKind = "text"
    choices: dict[str, str] | None = None
    spill: str | None = None

    def header_keys(self) -> list[str]:
        """The label and synonyms as comparable keys, label first."""
        keys = [header_key(self.label)] + [header_key(s) for s in self.synonyms]
        return list(dict.fromkeys(key for key in keys if key))


@dataclass(frozen=True)
class LedgerSpec:
    """A ledger's importable fields.

    ``section_field`` names the field that a section row ("一、经济发展专线") sets for the
    rows under it when the table has no column for that field. ``grouped_field`` is the
    field those sections group: a second column worded like it, left of it ("重点工作"
    beside "具体任务"), is the broader heading and fills ``section_field``.
    """

    name: str
    label: str
    fields: list[FieldSpec]
    section_field: str | None = None
    grouped_field: str | None = None

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate field names in ledger spec {self.name!r}")

    def field_spec(self, name: str) -> FieldSpec:
        """The field called ``name``; a KeyError means a caller bug, not bad input."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    @cached_property
    def spill_fields(self) -> list[FieldSpec]:
        """The fields whose extra names go to another field (read for every row)."""
        return [f for f in self.fields if f.spill]
