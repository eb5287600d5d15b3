"""Targets: quantities, milestones, recurring duties and qualitative commitments.

Walks the body paragraph by paragraph, part by part (sentence or ；-piece), clause by
clause, carrying within a part what Chinese carries there: the tense, a modal opening a
series, a deadline or period opening the sentence. Retrospective sections and past-tense
clauses yield nothing.
"""

import re
from dataclasses import dataclass, field

from .clauses import Clause, Part, quote_spans, split_parts
from .indicator import MARKER, quantity_indicator, strip_marker, wording
from .numbers import Quantity
from .quantities import target_quantities
from .responsible import following_labels, labels_in, subject_of
from .strength import MODALS, QUALITATIVE, any_strength, opening_modal, own_strength, qualitative_mark, strength_marks
from .tense import clause_tense, is_verdict, opens_forward, paragraph_is_retro
from .timing import TimeMark, find_deadlines, find_periods, find_recurrences

MAX_DEADLINE_ONLY_REST = 2
MAX_COMPLETION_REST = 6
# Clauses that frame what follows, not work: "记者从…获悉", "据了解", "现将…报告如下".
_FRAME = re.compile(r"(?:获悉|据悉|据了解|了解到)$|^现将.*如下$")
# A date and a verb of completion and nothing else: "年底建成", "2019年建成", "6月开工".
_DONE_ONLY = re.compile(r"^(?:开工|开工建设|建成|完工|竣工|投产|通车|投用|完成|建成投用|投入使用)$")
# A clause carrying on a series' modal with a result verb: "确保…，全面完成…任务".
# A quarter or half-year on its own: a span of time, not a date something is due by.
_SPAN = re.compile(r"第?[一二三四1-4]季度|[上下]半年")
# The project a list item names: "投资6000万元的X建设项目", "X项目，计划于3月开工".
_PROJECT = re.compile(r"([^的，、：；。]{2,30}(?:项目|工程))$")
_RESULT_OPENING = re.compile(r"^(?:全面|全部|如期|按时|按期)?(?:完成|实现|达到)")


@dataclass
class Target:
    """One target at compact offsets start..end (mapped to the original on output)."""

    start: int
    end: int
    kind: str
    indicator: str
    value: float | int | None = None
    unit: str | None = None
    qualifier: str | None = None
    strength: str | None = None
    deadline: str | None = None
    period: str | None = None
    recurrence: str | None = None
    responsible: list[str] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)  # 责任领导: people, kept apart from the bodies
    owners: list[str] = field(default_factory=list)  # 责任人: people too


@dataclass
class Carry:
    """What a part carries from one clause to the next."""

    past: bool
    modal: str | None = None
    deadline: TimeMark | None = None
    pending: Clause | None = None
    period: str | None = None
    indicator: str | None = None
    project: str | None = None
    qualitative: bool = False  # the clause before gave a qualitative target ("确保…，全面完成…")
    last_quantities: list[Target] = field(default_factory=list)


@dataclass
class Paragraph:
    """One body line and what holds for all of it."""

    start: int
    end: int
    past: bool
    bodies: list[str]
    leaders: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)


def find_targets(text: str, paragraphs: list[Paragraph], year: int | None, is_retro) -> list[Target]:
    """All targets of the given paragraphs; `is_retro(pos)` says whether pos is in a review part."""
    targets: list[Target] = []
    for paragraph in paragraphs:
        quotes = quote_spans(text, paragraph.start, paragraph.end)
        for part in split_parts(text, paragraph.start, paragraph.end):
            if not is_retro(part.start):
                targets.extend(_part_targets(text, part, paragraph, quotes, year))
    return targets


def paragraph_of(
    text: str, span: tuple[int, int], next_lines: list[str], year: int | None, in_review: bool
) -> Paragraph:
    """A body line with its review status and the bodies, leaders and owners its notes name
    (each, when the line names none, from the note lines right under it: "牵头单位：…",
    "责任领导：…", "责任人：…").

    `in_review`: the section this line continues opened with a review of past results,
    so the line is one too unless it opens by looking ahead.
    """
    line = text[span[0] : span[1]]
    own, below = labels_in(line), following_labels(next_lines)
    past = paragraph_is_retro(line, year) or (in_review and not opens_forward(line, year))
    return Paragraph(
        span[0], span[1], past, own.bodies or below.bodies, own.leaders or below.leaders, own.owners or below.owners
    )


def _part_targets(text: str, part: Part, paragraph: Paragraph, quotes, year: int | None) -> list[Target]:
    carry = Carry(past=paragraph.past or is_verdict(part.text, year))
    subject = subject_of(strip_marker(part.clauses[0].text)) if part.clauses else []
    found: list[Target] = []
    for clause in part.clauses:
        tense = clause_tense(text[clause.group[0] : clause.group[1]] if clause.group[1] else clause.text, year)
        if tense:
            carry.past = tense == "past"
        own = strip_marker(clause.text)
        topic = own.startswith("关于") or bool(_FRAME.search(own))  # "关于…情况": what a part is about
        new = [] if carry.past or topic else _clause_targets(text, clause, carry, quotes)
        for target in new:
            target.responsible = _unique(paragraph.bodies + subject + subject_of(strip_marker(clause.text)))
            target.leaders = list(paragraph.leaders)
            target.owners = list(paragraph.owners)
        found.extend(new)
        _advance(text, clause, carry, new)
    return found


def _clause_targets(text: str, clause: Clause, carry: Carry, quotes) -> list[Target]:
    recurrences = find_recurrences(clause.text, clause.start)
    quantities = target_quantities(text, clause.start, clause.end, quotes, bool(recurrences))
    deadlines = find_deadlines(clause.text, clause.start)
    marks = strength_marks(text, clause.start, clause.end)
    if quantities:
        return _quantity_targets(text, clause, quantities, marks, deadlines, recurrences, carry)
    if deadlines:
        return _deadline_targets(text, clause, deadlines, marks, carry)
    if carry.pending is not None:
        return [_milestone(text, carry.pending.start, clause, carry.deadline, marks, carry)]
    if recurrences:
        return _recurring_targets(text, clause, recurrences, _modal(marks) or carry.modal)
    mark = qualitative_mark(marks)
    if mark:
        return [_qualitative(text, clause, mark, carry)]
    own_modal = any(word in MODALS for _, word in marks)
    follows = carry.qualitative and carry.modal in QUALITATIVE
    if not own_modal and follows and _RESULT_OPENING.match(strip_marker(clause.text)):
        return [_qualitative(text, clause, (clause.start + _marker_length(clause.text), ""), carry, carry.modal)]
    return []


def _quantity_targets(text, clause, quantities, marks, deadlines, recurrences, carry) -> list[Target]:
    targets, begin = [], clause.start
    carry.pending = None
    for quantity in quantities:
        indicator = quantity_indicator(text[begin : quantity.start], _tail(text, quantity, clause), carry.indicator)
        target = Target(
            clause.start,
            clause.end,
            "quantity",
            indicator,
            quantity.value,
            quantity.unit,
            quantity.qualifier,
            _item_strength(marks, begin, quantity.start, carry.modal),
            _first(deadlines) or _mark_text(carry.deadline),
            _period(clause, carry),
            _first(recurrences),
        )
        if target.recurrence and target.unit == "次":
            target.kind = "recurring"
        targets.append(target)
        carry.indicator = indicator or carry.indicator
        begin = quantity.end
    _trim_marker(text, targets)
    return targets


def _item_strength(marks, begin: int, before: int, carried: str | None) -> str | None:
    """A modal written in the item wins; then the series' modal; then the item's result verb."""
    own = own_strength([m for m in marks if m[0] >= begin], before)
    return own if own in MODALS else carried or own


def _tail(text: str, quantity: Quantity, clause: Clause) -> str:
    return text[quantity.end : clause.end]


def _deadline_targets(text, clause, deadlines, marks, carry) -> list[Target]:
    rest = wording(clause.text)
    if carry.last_quantities and len(rest) <= MAX_COMPLETION_REST and not qualitative_mark(marks):
        for target in carry.last_quantities:
            target.deadline = target.deadline or deadlines[0].text
        return []
    rest = _without_marks(clause.text, deadlines, clause.start)
    if _DONE_ONLY.match(rest):  # "年底建成": the project of the sentence is due then
        target = _milestone(text, clause.start, clause, deadlines[0], marks, carry)
        target.indicator = (carry.project or "") + rest
        return [target]
    if len(rest) <= MAX_DEADLINE_ONLY_REST:
        if _SPAN.fullmatch(deadlines[0].text):  # "四季度，…": the time the sentence is about
            carry.period = deadlines[0].text
        else:
            carry.pending = clause
        return []
    return [_milestone(text, clause.start, clause, deadlines[0], marks, carry)]


def _without_marks(clause_text: str, marks: list[TimeMark], offset: int) -> str:
    kept = "".join(c for i, c in enumerate(clause_text) if not any(m.start <= i + offset < m.end for m in marks))
    return kept.strip("在于到至前，之以 ")


def _milestone(text, start: int, clause: Clause, deadline: TimeMark | None, marks, carry) -> Target:
    target = Target(start, clause.end, "milestone", wording(text[start : clause.end], inner_strength=False))
    target.deadline = deadline.text if deadline else None
    target.strength = any_strength(marks) or carry.modal
    target.period = _period(clause, carry)
    carry.pending = None
    _trim_marker(text, [target])
    return target


def _modal(marks: list[tuple[int, str]]) -> str | None:
    """The first modal (确保, 力争 …) of a clause: a standing duty is held to it too."""
    return next((word for _, word in marks if word in MODALS), None)


def _recurring_targets(text: str, clause: Clause, recurrences: list[TimeMark], modal: str | None) -> list[Target]:
    targets = []
    for index, mark in enumerate(recurrences):
        start = clause.start if index == 0 else mark.start
        end = recurrences[index + 1].start if index + 1 < len(recurrences) else clause.end
        while end > start and text[end - 1] in "、，":
            end -= 1
        indicator = wording(text[start:end], keep_verbs=False)
        targets.append(Target(start, end, "recurring", indicator, strength=modal, recurrence=mark.text))
    _trim_marker(text, targets[:1])
    return targets


def _qualitative(text: str, clause: Clause, mark: tuple[int, str], carry: Carry, strength: str = "") -> Target:
    position, word = mark
    indicator = wording(text[position + len(word) : clause.end], inner_strength=False)
    strength = strength or word
    return Target(position, clause.end, "qualitative", indicator, strength=strength, period=_period(clause, carry))


def _advance(text: str, clause: Clause, carry: Carry, new: list[Target]) -> None:
    """Update what later clauses of the part inherit."""
    marks = strength_marks(text, clause.start, clause.end)
    carry.modal = opening_modal(marks, clause.start + _marker_length(clause.text)) or carry.modal
    deadlines = find_deadlines(clause.text, clause.start)
    if deadlines:
        carry.deadline = deadlines[-1]
    periods = find_periods(clause.text, clause.start)
    if periods:
        carry.period = periods[0].text
    carry.last_quantities = [target for target in new if target.unit]
    carry.qualitative = any(target.kind == "qualitative" for target in new)
    project = _PROJECT.search(strip_marker(clause.text))
    if project:
        carry.project = project.group(1)
    if carry.pending is not clause:
        carry.pending = None


def _period(clause: Clause, carry: Carry) -> str | None:
    periods = find_periods(clause.text, clause.start)
    return periods[0].text if periods else carry.period


def _trim_marker(text: str, targets: list[Target]) -> None:
    """A target's text starts after an enumeration marker that opens its clause."""
    for target in targets:
        length = _marker_length(text[target.start : target.end])
        if length and target.start + length < target.end:
            target.start += length


def _marker_length(clause_text: str) -> int:
    match = MARKER.match(clause_text)
    return match.end() if match else 0


def _first(marks: list[TimeMark]) -> str | None:
    return marks[0].text if marks else None


def _mark_text(mark: TimeMark | None) -> str | None:
    return mark.text if mark else None


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))
