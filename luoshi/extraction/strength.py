"""Strength words: the modal (确保, 力争 …) or result verb (完成, 达到 …) governing a target.

A modal opening a series ("确保新上亿元项目×个，×万元以上项目×个") governs each item; one
written after the item's noun ("收入力争达到…") governs that item only.
"""

import re

MODALS = ("确保", "力争", "争取", "争创", "力求", "必须", "务必", "计划", "预计")
RESULTS = ("完成", "达到", "突破", "实现")
QUALITATIVE = ("确保", "力争", "争创", "力求")
_WORD = re.compile("|".join(MODALS + RESULTS))
_NOT_GOVERNING_AFTER = re.compile(r"情况|率|时限|值|[，。；：、！？）”\n]|$")
MAX_OPENING_PREFIX = 4
# 争创 naming a campaign, a meeting or the work of it: the phrase after it ends in such a noun.
_CAMPAIGN_NAME = re.compile(r"[^，。；：！？]{0,30}?(?:工作|活动|推进会|动员会|部署会|会议|大会)(?=$|[，。；：！？])")
# characters that make a word with 力 ("实力", "努力", "全力", "大力"), so that "实力争进位" holds no 力争
_FORCE_NOUNS = frozenset("实努能活动财物人合潜魅助竭尽协智体精全大着致极")
# 争取 with an object of support or funds and no amount ("积极争取涉农资金项目支持"): a verb of its own work, no modal.
_SOUGHT_SUPPORT = re.compile(r"[^，。；：\d]{0,16}?(?:支持|扶持|帮扶|资金|政策|指导)(?=[，。；：]|$)")
_MONTHS_PAST = re.compile(r"(?:今年)?[1一][-—－~至到]\d{1,2}月")
# 计划 as a noun, not the modal: "年度计划任务", "按计划推进", "计划书", "实施计划".
_PLAN_NOUN = re.compile(
    r"(?s)^(?:(?:年度|工作|行动|实施|发展|投资|既定|.按|.照|.原|.该|.本|.的)计划|..计划(?:书|表|单|数|内|外|生育|任务|目标|指标|安排|进度)"
    r"|.年计划总)"  # "年计划总投资1.3亿元": the year's planned total, a noun
)


def strength_marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(position, word) of every governing strength word in text[start:end]."""
    marks = []
    for match in _WORD.finditer(text, start, end):
        before = text[match.start() - 1] if match.start() > 0 else ""
        lead_in = match.group() in MODALS and text[match.end() : match.end() + 1] == "："  # "确保：…"
        if before in ("为", "以") or (_NOT_GOVERNING_AFTER.match(text, match.end()) and not lead_in):
            continue
        if match.group() == "力争" and before in _FORCE_NOUNS:
            # "增加实力争进位", "努力争取": 力 ends a noun (实力, 努力, 全力); only a 争取/争创 after it governs
            follow = text[match.start() + 1 : match.start() + 3]
            if follow in MODALS and match.start() + 3 <= end:
                marks.append((match.start() + 1, follow))
            continue
        if match.group() == "争创" and _CAMPAIGN_NAME.match(text, match.end(), end):
            continue  # "召开争创“十强乡镇”工作推进会", "推进争创工作": the campaign's name, nothing asked
        if match.group() == "争取" and _SOUGHT_SUPPORT.match(text, match.end(), end):
            continue
        if match.group() == "预计" and _MONTHS_PAST.match(text, match.end()):
            continue  # "预计1-9月份，全镇实现…": an estimate for the months already past, no intent
        if match.group() == "计划" and _PLAN_NOUN.match(text[max(0, match.start() - 2) : match.end() + 2]):
            continue
        marks.append((match.start(), match.group()))
    return marks


def own_strength(marks: list[tuple[int, str]], before: int) -> str | None:
    """The modal nearest before `before`, else the nearest result verb."""
    earlier = [word for position, word in marks if position < before]
    modals = [word for word in earlier if word in MODALS]
    if modals:
        return modals[-1]
    return earlier[-1] if earlier else None


def opening_modal(marks: list[tuple[int, str]], clause_start: int) -> str | None:
    """A modal at the head of its clause, which carries over to the clauses after it."""
    for position, word in marks:
        if word in MODALS and position - clause_start <= MAX_OPENING_PREFIX:
            return word
    return None


def qualitative_mark(marks: list[tuple[int, str]]) -> tuple[int, str] | None:
    """The first 确保/力争/争创/力求 of a clause that has no number, deadline or recurrence."""
    return next(((p, w) for p, w in marks if w in QUALITATIVE), None)


def any_strength(marks: list[tuple[int, str]]) -> str | None:
    """For a milestone: the modal if any, else the result verb."""
    return own_strength(marks, 10**12)


def first_modal(marks: list[tuple[int, str]]) -> str | None:
    """The first modal (确保, 力争 …) of a clause: a standing duty is held to it too."""
    return next((word for _, word in marks if word in MODALS), None)
