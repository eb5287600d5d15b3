"""The indicator: what is counted or achieved, worded from the clause itself.

"确保新上亿元项目×个" → "新上亿元项目": the clause without its number, strength word,
time words, subject and linking verbs.
"""

import re

from .responsible import SUBJECT
from .strength import MODALS, RESULTS
from .target import Target
from .timing import DEADLINE, PERIOD, RECURRENCE

MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[是要、.]|（[一二三四五六七八九十\d]{1,3}）|\d{1,2}[.、](?!\d)|[①-⑳]"
    r"|第[一二三四五六七八九十]{1,3}[，、]|(?:首先|其次|再次|最后)，)"
)
_STRENGTH = re.compile("|".join(MODALS + RESULTS))
_LEAD_STRENGTH = re.compile(rf"^(?:{'|'.join(MODALS + RESULTS)})+")
# Single characters that open compounds ("并网", "在建", "对接") are kept there.
_LEADING = re.compile(
    r"^(?:其中|即|全面(?!小康)|同时|并且|并(?!网|购|轨|联)|再|还|也|都|要|将|把|在(?!建|岗|外|校|职|线)|于|对(?!接|口|标|照)|使(?!用)"
    r"|让|前(?!期)|之前|全部|均|有(?!机|效|序|关|力)|镇里|村里|我们|大家)+"
)
_TRAILING = re.compile(
    r"(?:稳定在|保持在|控制在|提高到|提升到|提高至|提升至|下降到|降低到|降至|压缩至|压缩到|压减至|增加到|增至|"
    r"达到|达|为|至|到|在|全部|分别|总计|共计|累计|各|超过|约|近|要|将|于|前)+$"
)
_VERBS = re.compile(r"^(?:实行|坚持|实施|落实|恢复|开展|建立|执行|推行|组织|做到|采取)(?=.)")
_FRAME_TAIL = re.compile(r"^的(?:基础上|前提下|同时|情况下|时候|基础|水平)")
_TIME = re.compile(f"{DEADLINE.pattern}|{PERIOD.pattern}|{RECURRENCE.pattern}")
_PUNCT = "，。；：、！？（）“”\"' "
# The start of a span a deadline closes ("即日起至6月30日", "从现在起到年底"): no wording.
_SPAN_START = re.compile(r"(?:从|自)?(?:即日|今日|今天|现在)起[，,]?")
# "比xxxx年增长xx%", "较2023年增长": a change against a year, written after the amount it changes
# An approval the work waits for, inside the clause ("经分管领导审核把关后报送…"): not what is done.
_APPROVAL = re.compile(r"经[^，。；：]{1,14}?(?:审核|审定|审批|同意|批准|研究)[^，。；：]{0,4}?后")
_BARE_CHANGE = re.compile(
    r"^(?:同比|(?:比|较)(?:上年|上一年|去年|\d{4}年|[X×]{2,4}年))?(?:增长|下降|提高|降低|提升|减少|增加|压减)?$"
)

# A stage reached with no thing named ("项目11个，计划竣工3个"): the thing counted before it.
_BARE_STAGE = re.compile(r"^(?:竣工|开工|完工|建成|投产|投用|投入使用|交付使用|开业|验收)$")


def strip_marker(text: str) -> str:
    """Drop a leading enumeration marker ("二是", "（一）")."""
    return MARKER.sub("", text, count=1)


def wording(text: str, *, keep_verbs: bool = True, inner_strength: bool = True) -> str:
    """Clause text without time words, strength words, subject and linking words.

    `inner_strength=False` keeps strength words past the start ("确保实现…新突破" keeps 突破).
    """
    text = _SPAN_START.sub("", strip_marker(text))
    for pattern in (DEADLINE, PERIOD, RECURRENCE):
        text = pattern.sub("", text)
    text = _STRENGTH.sub("", text) if inner_strength else _LEAD_STRENGTH.sub("", text.strip(_PUNCT))
    subject = SUBJECT.match(text)
    if subject and subject.end() < len(text):
        text = text[subject.end() :]
    text = _TRAILING.sub("", _LEADING.sub("", _APPROVAL.sub("", text.strip(_PUNCT), count=1))).strip(_PUNCT)
    if not keep_verbs:
        text = _VERBS.sub("", text)
    return text


def quantity_indicator(before: str, after: str, previous: str | None) -> str:
    """Noun before the number plus what follows it ("完成×个村公共卫生厕所建设工程")."""
    head = wording(before)
    tail = "" if _FRAME_TAIL.match(after) else _TIME.sub("", after).strip(_PUNCT).removeprefix("的")
    indicator = (head + tail).strip(_PUNCT) if tail and not _TRAILING.fullmatch(tail) else head
    if previous and (_BARE_CHANGE.match(indicator) or _BARE_STAGE.match(indicator)):
        return previous + indicator
    return indicator


def marker_length(clause_text: str) -> int:
    """The length of the enumeration marker ("一是", "（二）", "3.") opening a clause, 0 if none."""
    match = MARKER.match(clause_text)
    return match.end() if match else 0


def trim_marker(text: str, targets: list[Target]) -> None:
    """A target's text starts after an enumeration marker that opens its clause."""
    for target in targets:
        length = marker_length(text[target.start : target.end])
        if length and target.start + length < target.end:
            target.start += length


# A heading of parallel short phrases ("一、落实责任，确保质量"): a slogan, no outcome to reach.
_PARALLEL_HEADING = re.compile(r"(?:[\u4e00-\u9fff]{2,4}，)+[\u4e00-\u9fff]{2,4}")


def parallel_heading(text: str, position: int) -> bool:
    """The line at `position` is a numbered heading of parallel short phrases ("一、落实责任，确保质量")."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return bool(MARKER.match(line)) and bool(_PARALLEL_HEADING.fullmatch(strip_marker(line)))
