"""Evidence of work to do: a quantity becomes a target only when something says it is asked for (issue 18, round 12).

Why: the tense rules (tense.py) took every quantity of a clause as a target unless a past marker (已, …了, 截至, 今年以来)
said it was done. News items, reviews and a place's description tell what is or was with no such marker at all
("建成7个村文化健身广场", "新增规模企业3家", "项目总投资约2000万元"), so on each batch of unseen documents half of what
was found described the place, the meeting, the list or the results; rules written per phrase did not generalise.
The default is turned round here: a quantity needs positive evidence that it is work ahead, from the nearest scope
that gives any, and none from a clause that measures progress against the plan.

Where the evidence may come from, narrowest first:
- its clause, or an earlier clause of its sentence (across "；" too): a word of intent or planning (要, 将, 计划, 确保,
  力争, 争取, 今年, 明年, 下一步, 预计 + a date …), a deadline still ahead, a year not before the document's, a clause
  opening with an instruction (加快, 推进, 启动 …) — what `tense.clause_tense` calls "future";
- a modal or a deadline opening the sentence, which its items share;
- the paragraph's opening, or a heading above it, that looks ahead ("二、2025年工作安排", "主要目标", "下一步打算");
- the document's title naming a plan ("…工作要点", "…实施方案", "…任务分解", "…工作计划").
Task tables and their rows (table_targets.py) never reach this check: the table is the plan.

What describes rather than asks, whatever its verbs: a sentence measuring progress against the plan ("项目计划投资30亿元，
截至5月，完成投资21亿元，完成年计划的70%"): the plan figure is the yardstick of a report, not work set.
"""

import re

from .tense import FORWARD, clause_tense, heading_is_forward, year_tense
from .timing import find_deadlines

# A title naming a plan, a list of tasks or a leader's arrangement of work ("…工作要点", "…目标任务分解表的通知",
# "…十项民生实事项目出炉", "…2011年工作突出五个重点"); not a news item about an event ("…召开…推进会").
_PLAN_TITLE = re.compile(
    r"计划|规划|方案|要点|安排|意见|打算|思路|目标|任务|清单|分解|分工|责任书|实事|措施|部署|行动|重点|讲话|报告|纪要|通知|决定"
)
_NEWS_TITLE = re.compile(r"召开|举行|举办|召集|了解到|获悉|调研|视察|督导|检查|总结|回顾")


def plan_document(title: str, year: int | None) -> bool:
    """The document's title names a plan, or the year ahead: every part of it may ask for work."""
    if _NEWS_TITLE.search(title):
        return False
    return bool(_PLAN_TITLE.search(title)) or heading_is_forward(title, year)


_DUE_AHEAD = re.compile(r"[前底末]|年内|下半年")


def clause_asks(clause_text: str, year: int | None) -> bool:
    """A clause that looks ahead by a word of intent, a date still ahead or a year not before the document's; a verb
    of doing at its head ("深入实施…，建成7个…") is no evidence: news and reviews open clauses with them too."""
    tense = clause_tense(clause_text, year)
    if tense == "past":
        return False
    if _GOAL_FRAME.search(clause_text):  # "预期全年可实现营业收入16亿元", "目标是…", "不少于10个"
        return True
    due = any(_DUE_AHEAD.search(mark.text) for mark in find_deadlines(clause_text))
    intent = bool(FORWARD.search(clause_text.replace("即将", "")))  # 即将完工: a state about to be reached, told
    return tense == "future" and (intent or due or year_tense(clause_text, year) == "future")


# The day an event took place, opening a news item's sentence ("4月11日下午，…召开…"): no date anything is due by.
_EVENT_DAY = re.compile(r"\d{1,2}[日号](?!前|之前|以前)|上午|下午|晚上")


def due_ahead(deadline_text: str) -> bool:
    """A deadline opening the sentence is evidence of work ahead, unless it is the day an event took place."""
    return not _EVENT_DAY.search(deadline_text)


# A goal frame: what is expected or bound, whatever the verb.
_GOAL_FRAME = re.compile(r"预期|目标|指标|不低于|不少于|力求|必须|务必")


# The opening clause of a paragraph ("2025年，", "下一步，", "今年，我镇将…", "会议要求，"): it frames the paragraph.
_OPENING_CLAUSE = re.compile(r"^[^，。；：！？]*")
_FRAME_AHEAD = re.compile(r"要求|部署|安排|展望")
_BARE_YEAR = re.compile(r"^\d{4}年(?:度)?$")


def opens_ahead(line: str, year: int | None, lead: bool = False) -> bool:
    """The paragraph's opening clause looks ahead; in the document's lead paragraph of an undated document, a bare year
    opening it ("2025年，宝沟镇聚焦…") is the year the document plans for."""
    opening = _OPENING_CLAUSE.match(line.strip()).group()
    if lead and year is None and _BARE_YEAR.match(opening):
        return True
    return clause_asks(opening, year) or bool(_FRAME_AHEAD.search(opening))


# A line leading into the goals listed under it ("区委、区政府对镇（街）考核指标：", "主要目标任务："): the list is the plan.
_GOAL_LEAD = re.compile(r"(?:目标|任务|指标|计划|安排|重点工作)[\u4e00-\u9fff（）()]{0,6}[：:]$")


def leads_goals(line: str) -> bool:
    """A line leading into a list of goals or tasks: the lines under it carry its evidence."""
    return bool(_GOAL_LEAD.search(line.strip()))


# Progress measured against the plan: a report's date (截至5月, 截止目前) and a share reached (完成年计划的70%,
# 占全年投资的42%) in one sentence.
_AS_OF = re.compile(r"截[至止](?:目前|今年|\d{1,2}月(?:底|末|份)?|\d{4}年\d{1,2}月)")
# A rate reached is a share too ("截至目前全镇公路硬化420公里，硬化率达80%": round 15).
_SHARE_REACHED = re.compile(r"(?:完成|占)[^，。；]{0,12}的\d+(?:\.\d+)?%|率(?:达到?|为)\d+(?:\.\d+)?%")


def measures_progress(sentence: str) -> bool:
    """A sentence reporting progress against the plan: its plan figures are the yardstick, not work set."""
    return bool(_AS_OF.search(sentence)) and bool(_SHARE_REACHED.search(sentence))
