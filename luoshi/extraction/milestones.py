"""Milestones: a clause that names a date and the work due by it ("年底前完成…", "6月开工、年底建成").

Split from targets.py, which walks the text and decides what kind of target a clause holds; this module holds what
that walk does once a clause is about a date: whether the date dates the amounts of the clause before ("…，预计11月份
完成"), a project named earlier ("物流园项目3月开工、年底建成"), work of the clause itself, or the clauses after it
("年底前，…"), and which deadline a clause without one of its own carries on with.
"""

import re

from .clauses import Clause
from .indicator import trim_marker, wording
from .strength import any_strength, first_modal, qualitative_mark
from .target import Carry, Target, clause_period
from .timing import TimeMark, find_periods

MAX_DEADLINE_ONLY_REST = 2
MAX_COMPLETION_REST = 6
# A date and a verb of completion and nothing else: "年底建成", "2019年建成", "6月开工".
_DONE_ONLY = re.compile(r"^(?:开工|开工建设|建成|完工|竣工|投产|通车|投用|完成|建成投用|投入使用)$")
# A quarter or half-year on its own: a span of time, not a date something is due by.
_SPAN = re.compile(r"第?[一二三四1-4]季度|[上下]半年")
# The start of a span whose end is the deadline: "即日起至6月30日", "从现在起到年底".
_SPAN_START = re.compile(r"^(?:从|自)?(?:即日|今日|今天|现在|本月|下月)?起$")
# What a part reports on ("2024年上半年工作总结", "一季度完成情况"): a topic, not a milestone.
_REPORT_TOPIC = re.compile(r"(?:工作)?(?:总结|回顾)$|(?:完成|开展|进展|推进|落实|执行)情况$")
# The modal a project's completion date is written with ("预计2021年11月份完成").
_LEAD_MODAL = re.compile(r"^(?:预计|计划|力争|确保|争取|拟)")
# An outcome closing on completion ("示范村创建任务全面完成"): due by the date of the clauses before.
_DONE_CLOSING = re.compile(r"^[^，。；：]{2,24}?(?:基本|全面|全部)?(?:完成|竣工|完工|建成)$")


def _carried_deadline(clause: Clause, carry: Carry) -> str | None:
    """The deadline of an earlier clause, unless this one names its own time ("全年", "2025年")."""
    return None if find_periods(clause.text) else _mark_text(carry.deadline)


def _deadline_targets(text, clause, deadlines, marks, carry) -> list[Target]:
    rest = wording(clause.text)
    if carry.last_quantities and len(rest) <= MAX_COMPLETION_REST and not qualitative_mark(marks):
        for target in carry.last_quantities:  # "…12.3公里道路硬化，预计11月份完成": due then, as expected
            target.deadline = target.deadline or deadlines[0].text
            target.strength = target.strength or first_modal(marks)
        return []
    rest = _without_marks(clause.text, deadlines, clause.start)
    if _REPORT_TOPIC.search(rest):
        return []
    if _DONE_ONLY.match(_LEAD_MODAL.sub("", rest)):  # "年底建成", "预计12月份完成": the sentence's project
        rest = _LEAD_MODAL.sub("", rest)
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
    return _SPAN_START.sub("", kept.strip("在于到至前，之以 "))


def _milestone(text, start: int, clause: Clause, deadline: TimeMark | None, marks, carry) -> Target:
    target = Target(start, clause.end, "milestone", wording(text[start : clause.end], inner_strength=False))
    target.deadline = deadline.text if deadline else None
    target.strength = any_strength(marks) or carry.modal or _closing_result(clause.text)
    target.period = clause_period(clause, carry)
    carry.pending = None
    trim_marker(text, [target])
    return target


def _closing_result(clause_text: str) -> str | None:
    """A milestone's result verb closing its clause ("下月中旬要全部竣工完成"), which strength_marks skips
    as it governs no object."""
    match = re.search(r"(完成|实现)[，。；]?$", clause_text)
    return match.group(1) if match else None


def _mark_text(mark: TimeMark | None) -> str | None:
    return mark.text if mark else None
