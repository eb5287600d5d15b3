"""Amounts and the things listed with them. Amounts broken down right after the amount they are part of
are no targets of their own; a count after 各 is one target for each thing listed by its code before it.

"改造提升500余亩核桃园（新植100亩，培育400余亩）", "…5公里，其中3社1公里", "工业总产值21亿元，增长12%，其中
规模企业工业总产值12亿元，增长15%": the parts add up to no more than the whole.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .target import Target

_LOOSE_QUALIFIERS = (None, "余", "约", "多", "近", "左右")


def without_breakdowns(text: str, targets: list[Target]) -> list[Target]:
    """A target's amount broken down right after it, in brackets or after 其中 ("改造提升500余亩核桃园
    （新植100亩，培育400余亩）", "…5公里，其中3社1公里", "年内计划投资120亿元。其中…84.8亿元；…26.4亿元"):
    parts of the same unit that add up to no more than the whole are not targets of their own. The 其中 may
    follow a share of the whole written after it ("项目11个，计划竣工3个，其中幼儿园7个、小学3个、初中1个": the
    parts add up to the 11). A growth rate's 其中 clause ("财政总收入增长11%，其中一般公共预算收入增长9%，…")
    names a part's rate, up to the next "，": no target either."""
    dropped: set[int] = set()
    for index, whole in enumerate(targets):
        if whole.value is None or not whole.unit or id(whole) in dropped:
            continue
        rate = _rate_after(targets[index + 1 : index + 2], whole) if whole.unit != "%" else None
        for end in _whole_ends(text, targets[index + 1 :], whole, rate.end if rate else whole.end):
            span = _breakdown_span(text, end)
            parts = [t for t in targets if t is not whole and span and span[0] <= t.start < span[1]]
            parts = [t for t in parts if t.unit == whole.unit]
            if not parts:
                continue
            loose = all(t.value is not None and t.qualifier in _LOOSE_QUALIFIERS for t in parts)
            if loose and sum(t.value for t in parts) <= whole.value * 1.01:
                dropped.update(id(t) for t in parts)
                # "工业总产值21亿元，增长12%，其中规模企业工业总产值12亿元，增长15%": the part's own rate goes with it
                dropped.update(id(r) for t in parts if (r := _rate_after(targets, t)) is not None)
                break
            if whole.unit == "%" and end == whole.end:
                clause = _rate_clause(text, end)
                dropped.update(id(t) for t in parts if clause[0] <= t.start < clause[1])
                break
    return [t for t in targets if id(t) not in dropped]


def _whole_ends(text: str, after: list[Target], whole: Target, end: int) -> list[int]:
    """Where a 其中 may break the whole down: right after it, or after the shares of the same unit that follow it
    in its clause chain ("11个，计划竣工3个，其中…")."""
    ends = [end]
    for share in after:
        gap = text[ends[-1] : share.start]
        if share.unit != whole.unit or any(c in gap for c in "；;。\n") or "其中" in gap:
            break
        ends.append(share.end)
    return ends


def _rate_clause(text: str, end: int) -> tuple[int, int]:
    stops = [i for i in (text.find(c, end + 1) for c in "，；。\n") if i > 0]
    return (end + 1, min(stops) if stops else len(text))


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


# Things listed by their codes before 各 share its figure, one each: "申报3A、4A景区各1个".
_EACH = re.compile(r"((?:[^，。；：、]{1,6}、)+)([^，。；：、]{1,12})各(?=\d)")
_CODE = re.compile(r"^[A-Za-z0-9]+")


def per_named(text: str, targets: list[Target]) -> list[Target]:
    """A count after 各 is one target for each thing listed by its code before it; the last item names what all are
    ("3A、4A景区": 景区 after its code). Names in words are left alone: where each ends is not known."""
    result = []
    for target in targets:
        match = _EACH.search(text, target.start, target.end) if target.kind == "quantity" else None
        if match is None:
            result.append(target)
            continue
        last = match.group(2)
        code = _CODE.match(last)
        size = code.end() if code else 0
        common = last[size:]
        others = [item[-size:] for item in match.group(1).rstrip("、").split("、")]
        listed = "、".join(others) + "、" + last
        if not size or not common or listed not in target.indicator:
            result.append(target)
            continue
        for name in [*others, last[:size]]:
            result.append(replace(target, indicator=target.indicator.replace(listed, name + common)))
    return result
