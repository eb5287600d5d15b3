"""Past or future: is a sentence a result already achieved, or something to be done?

Decided by generalisable cues, never by the seed's sentences: review words in headings
(回顾, 过去, 一年来, 成绩), opening words of a paragraph (去年, 一年来, 一直以来), tense
markers (已, 完成了), and year references compared with the document's year.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .timing import find_deadlines

if TYPE_CHECKING:
    from .clauses import Part

RETRO_HEADING = re.compile(
    r"回顾|过去|一年来|年来|去年|上年|成绩|成效|以来|工作总结|取得|基本情况|基本概况|现状|工作基础"
    # a progress report's states ("已完工项目", "已启动实施项目"): what is listed under them is done or under way
    r"|^已(?:完工|完成|建成|竣工|开工|启动|投用|实施)"
)
FORWARD_HEADING = re.compile(r"今年|明年|续建|下一步|下步|目标|任务|安排|计划|思路|要点|打算|部署|意见|措施|新的一年")
RETRO_OPENER = re.compile(
    r"(?:听取|审议|传达|通报)了|截[至止]目前|前[一二三两1-3]季度|(?<![\dX×一二三四五六七八九十号])日前|近日"
    r"|(?:今年|预计)[1一][-—－至~]\d{1,2}月|一年来|过去的?一年|去年|上年(?!度)|回顾|一直以来|近年来|(?:\d+|[一二三四五两几])年来"
    r"|刚刚过去|今年以来|以来"
)
RETRO_SOFT = re.compile(
    r"取得了?[^，。；]{0,12}(?:成绩|成效|进展|突破|成果)|圆满完成|[^为除不罢]了(?!解|如指掌|不起|然)"
)
FORWARD = re.compile(
    r"今年(?!以来|[1一][-—至~]|初见成效)|明年|下一步|下步|新的一年|(?<![为以])确保|力争|争取|(?<!年度)(?<!工作)计划(?!表|书|单|内|外|生育|的)"
    r"|(?<![主重需只必紧首纲])要(?![求素点闻害件务])|要求：|将"
    # an expected date ("其中，核桃峪养殖小区预计6月份建成投用"), unlike an estimate ("预计全年实现…")
    # with its year written ("预计2022年12月开工建设" in a plan for 2023, written in the last weeks of 2022)
    # but not an estimate for the months already past ("预计1-9月份，全镇实现…增长约5.5%")
    r"|预计(?!(?:今年)?[1一][-—－~至到]\d{1,2}月)(?=(?:\d{4}年)?[^，。；]{0,3}(?:\d{1,2}月|年底|年内|明年|下半年|[一二三四]季度))"
)
# In a list of results (主要成效有：1、…) only a plan's words look ahead, not 确保 or 力争 inside a result; funds 争取
# for a work are funds obtained ("争取村级发展资金100万元用于…"), and an expected date closing a work told is the end of
# that work ("完成…设计等工作，预计明年上半年开工").
AHEAD_OF_RESULTS = re.compile(
    FORWARD.pattern.replace("|(?<![为以])确保|力争", "")
    .replace("|争取|", "|争取(?![^，。；]{0,8}资金)|")
    .replace("|明年|", "|(?<!预计)明年|")
    .replace("|预计(?=", "|(?<!，)预计(?=")
)
# In a report on work done, 今年 is the year reported on and 预计 the expected end of the work told: only these look
# ahead there.
AHEAD_IN_REPORT = re.compile(
    r"(?<!预计)明年|下一步|下步|新的一年|(?<![为以])确保|力争|(?<!年度)(?<!工作)计划(?!表|书|单|内|外|生育|的)"
    r"|(?<![主重需只必紧首纲])要(?![求素点闻害件务])|将(?!近)"
)
# 今年 alone looks ahead less than a completed verb looks back ("长坪镇今年谋划了7个…项目") or 已 does ("今年该项目已有
# 70%的搬迁户完成搬迁": round 16).
_THIS_YEAR_ONLY = re.compile(r"今年")
_ALREADY = re.compile(r"(?<![而对])已")
_COMPARED = r"(?<![比较与同超于])"
_DONE_VERB = re.compile(r"[\u4e00-\u9fff]了(?!解|如指掌|不起|然)")
# A sentence closing on a verdict ("…，开局总体良好") reports results.
_VERDICT = re.compile(r"^[^，]{0,8}(?:良好|平稳|顺利|向好|明显|显著|较好|喜人|好于预期)$")
PAST = re.compile(
    # 已 after 对 ("对2020年已达标的…进行提档升级"): what 对 names, done before, is the object of new work
    rf"已经|(?<!而)(?<!对)(?<!对\d{{4}}年)已|均已|截至|截止到?\d|截止目前|(?<![\dX×一二三四五六七八九十号])日前|近日|昨天|昨日|前不久|前[一二三两1-3]季度"
    rf"|目前已|今年[1一][-—至~]\d{{0,2}}|[1一][-—－至~]\d{{1,2}}月份?(?:[，,]|$)|业已|{_COMPARED}去年|{_COMPARED}上年(?!度)"
    rf"|{_COMPARED}上一年|过去|一年来|以来|刚才|此前|[^为除不罢]了(?!解|如指掌|不起|然)"
    # a news item's account of what was done: "动员会后，该镇迅速行动，日出劳力1000余人…"
    r"|迅速行动(?!起来)"
)
# A plan's clause opening with a verb of doing is an instruction ("加快推进…", "启动…").
_IMPERATIVE = re.compile(
    r"^(?:[一二三四五六七八九十]+[是要、]|（[一二三四五六七八九十\d]+）|\d{1,2}[.、])?(?:同时|并)?"
    r"(?:加快|加紧|启动|推进|推动|加大|抓好|做好|着力|全力|积极|大力|持续|扎实|深入|全面)"
)
# A clause judging how the work went ("上半年垦造耕地力度空前", "各项工作有序推进"): a report.
_CLAUSE_VERDICT = re.compile(
    r"(?:空前|前所未有|成效明显|成效显著|效果明显|势头良好|态势良好|进展顺利|进展良好|运行平稳|推进有序|有序推进|稳步推进|"
    r"稳步进行|扎实推进|成果丰硕|好于预期)$"
)
_BY = re.compile(r"[前底末]|年内|下半年")  # a deadline that can only lie ahead ("一季度" may be a report)
_YEAR = re.compile(r"(?<![比较与同于对至到])(\d{4})年(?!底前|以前)")
# A heading naming a review whatever its year: "2024年上半年工作总结", "一季度工作回顾".
_REVIEW_TITLE = re.compile(
    r"工作总结|工作回顾|完成情况$|(?:开展|落实|推进)情况$"
    # a past period's work: "上半年的主要工作情况", "一季度工作开展情况", "1-9月份工作情况"
    r"|(?:上半年|全年|年度|本年|前三季度|[一二三四1-4]季度|\d{1,2}[-—至~]\d{1,2}月份?)的?(?:主要)?工作(?:开展|进展)?情况$"
)
# A heading that instructs ("各单位要…，收集整理…工作开展情况") asks for the report: no review.
_INSTRUCTION = re.compile(r"(?<![主重纲])要|必须|务必")


def year_tense(text: str, doc_year: int | None) -> str | None:
    """'past' / 'future' from explicit years compared with the document's year."""
    if doc_year is None:
        return None
    years = [int(y) for y in _YEAR.findall(text)]
    if any(year >= doc_year for year in years):
        return "future"
    if any(year < doc_year for year in years):
        return "past"
    return None


def heading_is_retro(title: str, doc_year: int | None) -> bool:
    """A heading about last year's results: 回顾 / 成绩, or an earlier year."""
    if FORWARD_HEADING.search(title):
        return False
    if _REVIEW_TITLE.search(title) and not _INSTRUCTION.search(title):  # "2024年上半年工作总结": this year's review
        return True
    if year_tense(title, doc_year) == "future":
        return False
    return bool(RETRO_HEADING.search(title)) or year_tense(title, doc_year) == "past"


# A document that reports on work done: "…民生实事项目实施情况的报告", "上半年工作总结".
_REPORT_DOCUMENT = re.compile(
    r"(?:实施|完成|落实|开展|推进|进展|执行)情况的?(?:报告|汇报|通报)?$|工作总结$|工作回顾$"
    r"|项目(?:建设|实施|推进)?情况$"  # "2020年重点民生实事项目情况": the projects' state, reported
)


def title_is_report(title: str) -> bool:
    """The document's title says it reports what was done, and names nothing ahead."""
    return not FORWARD_HEADING.search(title) and bool(_REPORT_DOCUMENT.search(title.strip()))


def heading_is_forward(title: str, doc_year: int | None) -> bool:
    """A heading that clearly looks ahead, even inside a review part."""
    return bool(FORWARD_HEADING.search(title)) or year_tense(title, doc_year) == "future"


def paragraph_is_retro(text: str, doc_year: int | None) -> bool:
    """The paragraph's opening sentences look back and nothing there looks ahead."""
    opening = "。".join(text.split("。")[:2])
    if _forward_cue(opening, doc_year):
        return False
    strong = bool(RETRO_OPENER.search(opening)) or year_tense(opening, doc_year) == "past"
    soft = len(RETRO_SOFT.findall(opening))
    return strong and soft >= 1 or soft >= 2 or (strong and len(opening) < 40)


def opens_forward(text: str, doc_year: int | None) -> bool:
    """The paragraph's opening sentences look ahead (要, 必须, 今年 …)."""
    opening = "。".join(text.split("。")[:2])
    return _forward_cue(opening, doc_year) or "必须" in opening


def clause_tense(text: str, doc_year: int | None) -> str | None:
    """'past', 'future' or None (undecided: inherit from the clause before).

    Words looking ahead (要, 确保, 计划 …) win; then a past marker (已, …了, 截至, 日前), so
    that "会议通报了2024年上半年…" in a 2024 document is a report; then a clause opening
    with an imperative verb (加快, 启动 …), a deadline of its own or a year not before the
    document's looks ahead.
    """
    forward = [m.group() for m in FORWARD.finditer(text)]
    done = _DONE_VERB.search(text) or _ALREADY.search(text)
    if forward and not (all(_THIS_YEAR_ONLY.fullmatch(word) for word in forward) and done):
        return "future"
    if PAST.search(text) or _CLAUSE_VERDICT.search(text):
        return "past"
    years = year_tense(text, doc_year)
    due = any(_BY.search(mark.text) for mark in find_deadlines(text))
    if years == "future" or _IMPERATIVE.match(text) or due:
        return "future"
    return "past" if years == "past" else None


def _forward_cue(text: str, doc_year: int | None) -> bool:
    return bool(FORWARD.search(text)) or year_tense(text, doc_year) == "future"


def is_verdict(part: str, doc_year: int | None) -> bool:
    """A sentence whose last clause judges results ("开局总体良好", "成效明显")."""
    last = part.rstrip("。！；").split("，")[-1]
    return "，" in part and bool(_VERDICT.match(last)) and not _forward_cue(last, doc_year)


# -- parts that report what was done, whatever their verbs before ----------------------------------

# A clause after the first reporting that what it lists is done: "…40个约3750亩，均已完成招投标",
# "共排查隐患136处，已整改121处".
_DONE_AFTER = re.compile(r"^(?:并且?|且)?(?:均|都|全部|现|目前|已经?全部)?已")


def closes_done(part: Part) -> bool:
    """The part's last clause tells what was done ("…，对…进行了督查", "…，取得了较好成效") and nothing in the part
    looks ahead: the part reports, the verbs of doing before included."""
    if len(part.clauses) < 2 or any(FORWARD.search(clause.text) for clause in part.clauses):
        return False
    return bool(_DONE_CLOSING.search(part.clauses[-1].text.rstrip("。；！")))


# A clause closing on a completed verb: "进行了督查", "取得了较好成效", "召开了推进会".
_DONE_CLOSING = re.compile(r"(?:进行|取得|开展|召开|完成|实现|组织)了[\u4e00-\u9fff“”]{0,12}$")


def reported_after(part: Part) -> bool:
    """A later clause of the part says that what the part lists is done already."""
    return any(_DONE_AFTER.match(clause.text) for clause in part.clauses[1:])
