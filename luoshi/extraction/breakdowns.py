"""Amounts broken down right after the amount they are part of: no targets of their own.

"改造提升500余亩核桃园（新植100亩，培育400余亩）", "…5公里，其中3社1公里", "工业总产值21亿元，增长12%，其中
规模企业工业总产值12亿元，增长15%": the parts add up to no more than the whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .targets import Target

_LOOSE_QUALIFIERS = (None, "余", "约", "多", "近", "左右")


def without_breakdowns(text: str, targets: list[Target]) -> list[Target]:
    """A target's amount broken down right after it, in brackets or after 其中 ("改造提升500余亩核桃园
    （新植100亩，培育400余亩）", "…5公里，其中3社1公里", "年内计划投资120亿元。其中…84.8亿元；…26.4亿元"):
    parts of the same unit that add up to no more than the whole are not targets of their own."""
    dropped: set[int] = set()
    for index, whole in enumerate(targets):
        if whole.value is None or not whole.unit or id(whole) in dropped:
            continue
        rate = _rate_after(targets[index + 1 : index + 2], whole)
        span = _breakdown_span(text, rate.end if rate else whole.end)
        if span is None:
            continue
        parts = [t for t in targets if t is not whole and span[0] <= t.start < span[1] and t.unit == whole.unit]
        if not parts or any(t.value is None or t.qualifier not in _LOOSE_QUALIFIERS for t in parts):
            continue
        if sum(t.value for t in parts) <= whole.value * 1.01:
            dropped.update(id(t) for t in parts)
            # "工业总产值21亿元，增长12%，其中规模企业工业总产值12亿元，增长15%": the part's own rate goes with it
            dropped.update(id(r) for t in parts if (r := _rate_after(targets, t)) is not None)
    return [t for t in targets if id(t) not in dropped]


def _rate_after(targets: list[Target], amount: Target) -> Target | None:
    """The growth rate written in the clause right after an amount ("…21亿元，增长12%")."""
    return next((t for t in targets if t.unit == "%" and t.start == amount.end + 1 and t.start > amount.start), None)


def _breakdown_span(text: str, end: int) -> tuple[int, int] | None:
    if text[end : end + 1] == "（":
        close = text.find("）", end)
        return (end, close) if close > 0 else None
    if text[end : end + 1] in "，；。" and text.startswith("其中", end + 1):
        # "其中" after a comma breaks down its clause's amount up to the item's end; opening a sentence or a
        # "；"-piece, it may go on over "；" ("…120亿元。其中A 84.8亿元；B 26.4亿元")
        ends = "。\n；" if text[end] == "，" else "。\n"
        stops = [i for i in (text.find(c, end + 1) for c in ends) if i > 0]
        return (end + 1, min(stops) if stops else len(text))
    return None
