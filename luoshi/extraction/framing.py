"""What a sentence's frame says about the quantities in it, whatever they count (issue 18, round 11).

Extras on documents nobody here had read shared no phrase but a frame that sets no work to do:
- a sentence describing the place: where it lies and what it holds ("青石镇地处…，距…5公里", "下辖3个社区，21个
  行政村，…总人口36000人，耕地面积42000亩"), up to a clause that looks ahead ("今年计划新建…");
- a purpose opening a sentence before its main verb ("为贯彻落实…，确保项目按期投产，近日，…召开…会"): the 确保
  clause goes on with the purpose, as "为确保…" and "…落实，以保持…，确保…" do;
- a campaign's span in its slogan ("奋战四季度、大干一百天"): a name, as the quarter beside it is no deadline.
"""

import re

from .numbers import Quantity

# The place a sentence is about, as its subject: "青石镇", "全镇", "我乡", "该街道"; optional.
_PLACE = r"(?:[\u4e00-\u9fff]{1,8}?(?:镇|乡|街道|社区|村|县|区)|[全我该本][镇乡县区村]|[全我该本]街道)?"
# Verbs of lying and holding, and the measures of the place, opening the sentence's first clause.
_DESCRIBING = re.compile(
    _PLACE
    + r"(?:地处|位于|坐落于?|地跨|[东南西北][邻接临靠]|下辖|现辖|共辖|辖(?=[\d一二三四五六七八九十两])|辖区(?:总?面积|范围)"
    r"|(?:国土|行政区域|区域|土地)总?面积|总面积|总人口|户籍人口|常住人口|总户数|耕地总?面积)"
)
# Holding, with the place named: "全镇现有规上企业12家" (without it, "现有8座危桥…" may be what a work is done on).
_HOLDING = re.compile(r"(?:[\u4e00-\u9fff]{1,8}?(?:镇|乡|街道)|[全我该本][镇乡]|[全我该本]街道)(?:现有|共有|拥有)")
# A clause that looks ahead ends the description: "全镇辖12个行政村，今年计划新建公厕8座".
_AHEAD = re.compile(r"要|将|计划|力争|确保|争取|预计|拟|力求|努力|目标|新建|建设|实施|推进|完成|开展|打造|今年|明年")


def describes_place(clause_text: str) -> bool:
    """Whether a sentence whose first clause is `clause_text` describes the place (and sets no work)."""
    if _AHEAD.search(clause_text):
        return False
    return bool(_DESCRIBING.match(clause_text) or _HOLDING.match(clause_text))


def looks_ahead(clause_text: str) -> bool:
    return bool(_AHEAD.search(clause_text))


# A purpose opening a sentence: "为贯彻落实…", "为进一步推动…" (not "为辖区300户…", a scope; not "为期…").
_PURPOSE_OPENING = re.compile(
    r"^为了?(?:贯彻|落实|推动|推进|进一步|加快|切实|全面|深入|做好|抓好|实现|保障|促进|提升|巩固|加强|营造|扎实|有效|积极"
    r"|认真|更好|着力)"
)


def opens_purpose(clause_text: str) -> bool:
    return bool(_PURPOSE_OPENING.match(clause_text))


# A meeting's purpose or task, stated after the meeting is named ("今天召开这次会议，主要目的就是总结…，对下半年…工作进行
# 安排，确保…", "这次会议的主要任务是…"): what the meeting does, no work it sets (round 15).
_MEETING_PURPOSE = re.compile(r"(?:会议?|大会)[^。；]{0,12}?[，的]?主要(?:目的|任务)(?:就|便)?(?:是|有)")


def meeting_purpose_at(sentence: str) -> int | None:
    """Where a sentence starts stating its meeting's purpose, if it does."""
    match = _MEETING_PURPOSE.search(sentence)
    return match.start() if match else None


# A campaign's span in its slogan: "大干一百天", "奋战60天", "决战100日".
_CAMPAIGN_BEFORE = re.compile(r"(?:大干|奋战|决战|鏖战|苦干|会战|冲刺|攻坚)$")


def names_campaign(text: str, q: Quantity) -> bool:
    return q.unit in ("天", "日") and bool(_CAMPAIGN_BEFORE.search(text, max(0, q.start - 4), q.start))


# A purpose written after the main verb ("…照此方案落实，以保持各项工作的连续性，确保工作责任的落实"): the
# 确保 clause after it goes on with the purpose, it sets no target of its own.
PURPOSE_AFTER = re.compile(r"^以(?:便|期|保持|保证|确保|实现|推动|促进|提高|加快|形成|维护|巩固)")
PURPOSE_GOES_ON = re.compile(r"^(?:确保|力求|力争)")
