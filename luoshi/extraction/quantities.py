"""Which quantities of a clause are targets, and which are names, ranks, scopes or counts.

Not targets: ranks (第4名, 前3名), quoted slogans and names (“十一条”), scope counts (全镇23个村),
counts that describe the plan's own structure (三个方面, 十项民生实事: see counts.py),
durations (两个月), articles (一批, 一个), negations (不漏一人, 一户不落), idioms (一户一档),
and numbers that only describe the indicator ("×万元以上项目×个": the first is part of the
indicator).
"""

import re

from .counts import is_descriptive_count
from .numbers import Quantity, find_quantities

_SCOPE_BEFORE = re.compile(r"(?:全[镇县市乡村区省]|共有|现有|下辖|辖|涉及|其中有)$")
_STATE_IN_CLAUSE = re.compile(r"(?:共有|现有|下辖|总人口|常住人口|户籍人口)")
_COUNT_BEFORE = re.compile(r"(?:以下|如下|下面|这|那|讲|谈)$")
_ARTICLE_UNITS = {"个", "批", "些", "种", "项", "轮", "次", "条", "场", "件", "道", "线"}
_DURATION_AFTER = re.compile(r"^(?:月|年|季度|星期|小时|工作日|周)")
_DURATION_UNITS = {"小时", "天"}
# "24小时值班", "7天无理由退货": a duration naming the kind of thing, not an amount.
_NOUN_AFTER = re.compile(r"^(?![内以之前后左])[\u4e00-\u9fff]")
_SLOGAN_AFTER = re.compile(r"^(?:意识|自信|维护|全面|代表|确保|服务|坚持|统筹|务必|不愁|保障|中心|基本点)")
_NEGATION = re.compile(r"(?:不|不漏|不落|不让|不丢|无|没有|未)$")
_BOUNDARY = "，。；：、！？）”\n"
_RANK_BEFORE = re.compile(r"(?:前|排名(?:在|保持在|进入)?|位次|位列|名次)$")
# A project's size as it is described, not a target: "该项目占地60亩", "总长7400米的…".
_ATTRIBUTE_BEFORE = re.compile(r"(?:占地|占地面积|总长|全长|长约|建筑面积|总建筑面积|规划面积)约?$")
# "投资6000万元的X建设项目", "投资1000万元、总长7400米的X项目": the clause names a project.
# What a project consists of, described: "该项目建设内容是…五条道路的路面…".
_CONTENTS = re.compile(r"(?:建设)?内容(?:是|为|包括)|主要包括")
_PROJECT_NAME = re.compile(r"的[^，。；：]{2,30}(?:项目|工程)$")
_DOING = re.compile(r"(?:新建|建成|建设|实施|完成|开工|推进|启动|争取|引进|招引|签约|计划|确保|力争)")


def target_quantities(text: str, start: int, end: int, quotes, recurring: bool) -> list[Quantity]:
    """The quantities of compact text[start:end] that are targets."""
    found = [
        q for q in find_quantities(text[start:end], start) if not _excluded(text, q, quotes, recurring, start, end)
    ]
    return [q for index, q in enumerate(found) if not _is_modifier(text, q, found[index + 1 :], end)]


def _excluded(text: str, q: Quantity, quotes, recurring: bool, clause_start: int, end: int) -> bool:
    before = text[max(0, q.start - 6) : q.start]
    after = text[q.end : min(end, q.end + 8)]
    if before.endswith("第") or any(a <= q.start < b for a, b in quotes):
        return True
    if q.unit in ("名", "位") and _RANK_BEFORE.search(before):  # a rank: "进入全县前3名", "排名在10名以内"
        return True
    if (
        _ATTRIBUTE_BEFORE.search(before)
        or _describes_project(text, q, end)
        or _CONTENTS.search(text, clause_start, q.start)
    ):
        return True
    if _SCOPE_BEFORE.search(before) or (_COUNT_BEFORE.search(before) and q.chinese):
        return True
    if _STATE_IN_CLAUSE.search(text, max(clause_start, q.start - 20), q.start):
        return True
    if is_descriptive_count(text, q, end):
        return True
    if q.unit == "个" and _DURATION_AFTER.match(after) or after.startswith("性"):
        return True
    if q.unit in _DURATION_UNITS and _NOUN_AFTER.match(after):
        return True
    if q.chinese and _SLOGAN_AFTER.match(after):
        return True
    if q.chinese and q.unit == "期" and after[:1] and after[0] not in _BOUNDARY:
        return True
    return q.raw == "一" and _is_article(before, after, q.unit, recurring)


def _is_article(before: str, after: str, unit: str, recurring: bool) -> bool:
    """ "一批", "一人" in "不漏一人", "一户不落", "一户一档": no count meant."""
    if _NEGATION.search(before) or after.startswith(("不", "也不", "都不", "一")):
        return True
    return unit in _ARTICLE_UNITS and not recurring


def _is_modifier(text: str, q: Quantity, later: list[Quantity], end: int) -> bool:
    """A quantity followed by its noun, with the counted quantity still to come."""
    return bool(later) and q.end < end and text[q.end] not in _BOUNDARY


def _describes_project(text: str, q: Quantity, end: int) -> bool:
    """The quantity sits in a clause that only names a project by its figures."""
    clause_start = max(text.rfind(c, 0, q.start) for c in "，。；：\n") + 1
    stops = [i for i in (text.find(c, q.end, end + 40) for c in "，。；：\n") if i >= 0]
    clause = text[clause_start : min(stops) if stops else end]
    return bool(_PROJECT_NAME.search(clause)) and not _DOING.search(text, clause_start, q.start)
