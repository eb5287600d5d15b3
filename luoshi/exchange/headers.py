"""Finding a ledger's header rows by synonym scoring and mapping columns to fields.

Headers are found by what they say, never where they are: each short cell is scored
against every field's label and synonyms (exact = 1, a synonym inside a longer header
= its share of the text, kept from 0.4). A row naming two or more fields is a header
row; up to three consecutive header rows (or rows joined to them by a vertical merge,
like "序号" over a two-row header) form one header block. In a block, the lowest row
that names a field for a column wins, since the lower row is the more specific one
("责任主体" over "牵头单位"). Among equal matches the field's own label and then its
earlier synonyms win, so "整改状态" beats a free-text "整改进展" beside it.

A header naming two fields at once ("责任领导/责任人") is a joint column: each field
takes its part of the cell. A block that an empty column cuts into parts naming the same
fields is two tables side by side, read one after the other.
"""

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .grid import SheetGrid
from .spec import LedgerSpec
from .text import cell_text, column_index, header_key

__all__ = ["HeaderBlock", "HeaderMatcher", "find_header_blocks"]

_MIN_SHARE = 0.4
_MIN_HEADER_SHARE = 0.6
_MAX_HEADER_LEN = 24
_MAX_BLOCK = 3
_INDEX_KEYS = frozenset({"序号", "序", "编号", "顺序号", "no", "no.", "#"})  # i18n: input
_LETTERS = re.compile(r"[A-Za-z]{1,3}")
_OVERRIDE = 2.0  # a user's own mapping beats any synonym
_RANK_STEP = 0.001  # each later synonym of a field scores this much less on an exact tie
_JOINT = re.compile(r"[/／、及]")
# "牵头单位：党政办" in a title block is a filled-in label, not a header; "时限（格式：6.30）" is one.
_FILLED_LABEL = re.compile(r"[:：]\s*[^\s）)】\]]")
_BRACKETED = re.compile(r"[（(【\[〔][^）)】\]〕]*[）)】\]〕]")


@dataclass
class HeaderBlock:
    """A header block: 0-based rows ``start``..``end``, and what each column means."""

    start: int
    end: int
    columns: dict[str, int]
    texts: dict[int, str]
    index_col: int | None = None
    missing: list[str] = field(default_factory=list)
    joint: dict[int, list[str | None]] = field(default_factory=dict)

    @property
    def left(self) -> int:
        return min(self.texts, default=0)

    @property
    def right(self) -> int:
        return max(self.texts, default=0)


class HeaderMatcher:
    """Scores header texts against one spec, plus the header texts of a user's mapping."""

    def __init__(self, spec: LedgerSpec, mapping: dict[str, str | None] | None = None) -> None:
        self.spec = spec
        self.mapping = dict(mapping or {})
        for name in self.mapping:
            spec.field_spec(name)  # unknown field names are a caller bug
        self._keys: list[tuple[str, str, float]] = [
            (key, f.name, 1.0 - rank * _RANK_STEP) for f in spec.fields for rank, key in enumerate(f.header_keys())
        ]
        for name, target in self.mapping.items():
            if target and not _LETTERS.fullmatch(target.strip()):
                self._keys.append((header_key(target), name, _OVERRIDE))
        # By length, so a text is scored only against synonyms long enough to reach _MIN_SHARE.
        self._keys.sort(key=lambda item: len(item[0]))
        self._key_lengths = [len(key) for key, _, _ in self._keys]
        alternation = "|".join(sorted({re.escape(k) for k, _, _ in self._keys}, key=len, reverse=True))
        self._finder = re.compile(alternation or "(?!)")
        self._cached_match = lru_cache(maxsize=65536)(self._match)

    def match(self, text: str) -> dict[str, float]:
        """Field → score for one header text; empty for anything that is not a header."""
        if len(text) > 2 * _MAX_HEADER_LEN:  # long data text: no need to normalise or cache it
            return {}
        return self._cached_match(text)

    def _match(self, text: str) -> dict[str, float]:
        key = header_key(text)
        if not key or len(key) > _MAX_HEADER_LEN or not self._finder.search(key):
            return {}
        if _FILLED_LABEL.search(_BRACKETED.sub("", text)):
            return {}
        scores: dict[str, float] = {}
        shortest = bisect.bisect_left(self._key_lengths, _MIN_SHARE * len(key))
        for syn, name, weight in self._keys[shortest : bisect.bisect_right(self._key_lengths, len(key))]:
            share = 1.0 if key == syn else (len(syn) / len(key) if syn in key else 0.0)
            if share >= _MIN_SHARE:
                scores[name] = max(scores.get(name, 0.0), share * weight)
        return scores

    def joint_fields(self, text: str) -> list[str]:
        """The fields a header like "责任领导/责任人" names part by part, or nothing."""
        parts = _JOINT.split(header_key(text)) if _JOINT.search(text) else []
        fields = []
        for part in parts:
            exact = [(weight, name) for syn, name, weight in self._keys if syn == part]
            fields.append(max(exact)[1] if exact else None)
        if None in fields or len(set(fields)) < 2:
            return []
        return fields

    def row_scores(self, grid: SheetGrid, row: int) -> dict[int, dict[str, float]]:
        """Column → field scores when the row reads as a header row, else nothing.

        A header row names two fields or more, and most of its filled cells are headers
        (or 序号): a data row may well contain "责任人0" or "第1专线", but not mostly. A
        header merged across columns ("责任主体") counts once.
        """
        found, filled, headers = {}, 0, 0
        for col, value in enumerate(grid.cells[row]):
            if value is None or value == "":
                continue
            scores = self.match(value) if isinstance(value, str) else {}
            if scores:
                found[col] = scores
            if (row, col) not in grid.spans:
                filled += 1
                headers += bool(scores) or (isinstance(value, str) and _is_index(value))
        named = {max(scores, key=scores.__getitem__) for scores in found.values()}
        return found if len(named) >= 2 and headers >= _MIN_HEADER_SHARE * filled else {}


def _is_index(text: str) -> bool:
    return len(text) <= 8 and any(c in text for c in "序编号#Nn") and header_key(text) in _INDEX_KEYS  # i18n: input


def find_header_blocks(grid: SheetGrid, matcher: HeaderMatcher) -> list[HeaderBlock]:
    """Every header block of a sheet, top to bottom."""
    rows = {}
    for row in range(grid.height):
        scores = matcher.row_scores(grid, row)
        if scores:
            rows[row] = scores
    blocks: list[list[int]] = []
    for row in sorted(rows):
        if blocks and blocks[-1][-1] == row - 1 and len(blocks[-1]) < _MAX_BLOCK:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    found, required = [], {f.name for f in matcher.spec.fields if f.required}
    for members in blocks:
        members = _extend_up(grid, members)
        for texts in _side_by_side(_header_texts(grid, members), rows, members, required):
            found.append(_block(grid, matcher, members, rows, texts))
    return found


def _extend_up(grid: SheetGrid, members: list[int]) -> list[int]:
    """Add rows above the block that a vertical merge ties to it ("序号" over two rows)."""
    while len(members) < _MAX_BLOCK and members[0] > 0:
        top = members[0]
        if not any(t < top <= b for t, _, b, _ in grid.merges):
            break
        members = [top - 1, *members]
    return members


def _side_by_side(texts: dict[int, str], rows: dict, members: list[int], required: set[str]) -> list[dict[int, str]]:
    """Cut the header at empty columns into tables that each name every required field.

    A spacer column inside one table ("计划完成时间 | | 实际完成时间") leaves a part that is
    no table of its own, so it stays with the table on its left.
    """
    def complete(cols: dict[int, str]) -> bool:
        return required <= {max(s, key=s.get) for c in cols for r in members if (s := rows.get(r, {}).get(c))}

    tables: list[dict[int, str]] = []
    for col in sorted(texts):
        gap = col - 1 not in texts
        if not tables or (gap and complete(tables[-1]) and complete(_run(texts, col))):
            tables.append({})
        tables[-1][col] = texts[col]
    return tables if len(tables) >= 2 else [texts]


def _run(texts: dict[int, str], col: int) -> dict[int, str]:
    """The header cells from ``col`` up to the next empty column."""
    run = {}
    while col in texts:
        run[col] = texts[col]
        col += 1
    return run


def _block(grid: SheetGrid, matcher: HeaderMatcher, members: list[int], rows: dict, texts: dict) -> HeaderBlock:
    lowest = {col: next((rows[r][col] for r in reversed(members) if r in rows and col in rows[r]), {}) for col in texts}
    candidates = [(score, -col, name, col) for col in texts for name, score in lowest[col].items()]
    columns: dict[str, int] = {}
    for _, _, name, col in sorted(candidates, reverse=True):
        if name not in columns and col not in columns.values():
            columns[name] = col
    block = HeaderBlock(members[0], members[-1], columns, texts, _index_col(grid, members, texts))
    _group_column(block, matcher.spec, lowest)
    _joint_columns(grid, block, matcher, members)
    _apply_letters(block, matcher.mapping)
    wanted = {name for name, target in matcher.mapping.items() if target and target.strip()}
    block.missing = [
        f.name for f in matcher.spec.fields if (f.required or f.name in wanted) and f.name not in block.columns
    ]
    return block


def _group_column(block: HeaderBlock, spec: LedgerSpec, lowest: dict[int, dict[str, float]]) -> None:
    """"重点工作" left of "具体任务": the broader of two task columns heads a section."""
    grouped, section = spec.grouped_field, spec.section_field
    if not grouped or not section or grouped not in block.columns or section in block.columns:
        return
    taken = set(block.columns.values())
    left = [
        col
        for col, scores in lowest.items()
        if col < block.columns[grouped] and col not in taken and scores and max(scores, key=scores.get) == grouped
    ]
    if left:
        block.columns[section] = max(left)


def _joint_columns(grid: SheetGrid, block: HeaderBlock, matcher: HeaderMatcher, members: list[int]) -> None:
    """A column headed "责任领导/责任人" serves each field it names that has no column of its own."""
    for col in block.texts:
        lowest = next((cell_text(grid.header_value(r, col)) for r in reversed(members) if grid.header_value(r, col)), "")
        fields = matcher.joint_fields(lowest)
        if not fields or {name for name, c in block.columns.items() if c == col} - set(fields):
            continue
        parts = [name if block.columns.get(name, col) == col else None for name in fields]
        block.joint[col] = parts
        block.columns.update({name: col for name in parts if name})


def _header_texts(grid: SheetGrid, members: list[int]) -> dict[int, str]:
    """Column → header as written, parent and child joined by "/" ("责任主体/牵头单位")."""
    texts = {}
    for col in range(grid.width):
        parts = [" ".join(cell_text(grid.header_value(r, col)).split()) for r in members]
        parts = [p for p in dict.fromkeys(parts) if p]
        if parts:
            texts[col] = "/".join(parts)
    return texts


def _index_col(grid: SheetGrid, members: list[int], texts: dict[int, str]) -> int | None:
    for col in texts:
        if any(_is_index(cell_text(grid.header_value(r, col))) for r in members):
            return col
    return None


def _apply_letters(block: HeaderBlock, mapping: dict[str, str | None]) -> None:
    """A user's mapping by column letter, or None for "do not import this field"."""
    for name, target in mapping.items():
        if target is None or not target.strip():
            block.columns.pop(name, None)
        elif _LETTERS.fullmatch(target.strip()):
            col = column_index(target.strip())
            block.columns = {n: c for n, c in block.columns.items() if c != col}
            block.joint.pop(col, None)  # the user's field takes the whole cell
            block.columns[name] = col
