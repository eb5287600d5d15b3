"""Targets: quantities, milestones, recurring duties and qualitative commitments.

Walks the body paragraph by paragraph, part by part (sentence or ；-piece), clause by
clause, carrying within a part what Chinese carries there: the tense, a modal opening a
series, a deadline or period opening the sentence. Retrospective sections and past-tense
clauses yield nothing.
"""

import re

from .breakdowns import per_named, without_breakdowns
from .clauses import Clause, Part, in_slogan, quote_spans, quoted, split_parts
from .evidence import clause_asks, due_ahead, measures_progress
from .framing import (
    PURPOSE_AFTER,
    PURPOSE_GOES_ON,
    describes_place,
    looks_ahead,
    meeting_purpose_at,
    opens_purpose,
)
from .indicator import MARKER, marker_length, parallel_heading, quantity_indicator, strip_marker, trim_marker, wording
from .milestones import (
    _DONE_CLOSING,
    MAX_DEADLINE_ONLY_REST,
    _carried_deadline,
    _deadline_targets,
    _milestone,
    _without_marks,
)
from .numbers import Quantity
from .paragraphs import Paragraph
from .quantities import YIELD_VERB, target_quantities
from .responsible import subject_of
from .strength import (
    MAX_OPENING_PREFIX,
    MODALS,
    QUALITATIVE,
    RESULTS,
    first_modal,
    opening_modal,
    own_strength,
    qualitative_mark,
    strength_marks,
)
from .target import Carry, Target, clause_period
from .tense import AHEAD_IN_REPORT, AHEAD_OF_RESULTS, clause_tense, closes_done, is_verdict, reported_after
from .timing import TimeMark, find_deadlines, find_periods, find_recurrences

# Clauses that frame what follows, not work: "记者从…获悉", "据了解", "现将…报告如下".
_FRAME = re.compile(r"(?:获悉|据悉|据了解|了解到)$|^现将.*如下$")
# A clause carrying on a series' modal with a result verb: "确保…，全面完成…任务".
# The project a list item names: "投资6000万元的X建设项目", "X项目，计划于3月开工".
_PROJECT = re.compile(r"([^的，、：；。]{2,30}(?:项目|工程))$")
_YEARLY = re.compile(r"每年|年均|每年度")
_PROJECT_OPENING = re.compile(
    r"^([^的，、：；。\d]{2,20}?(?:项目|工程))(?=计划|预计|力争|确保|争取|于|在|\d|年底|今年|明年)"
)
_RESULT_OPENING = re.compile(r"^(?:全面|全部|如期|按时|按期)?(?:完成|实现|达到)")
_LIST_NOUN = re.compile(r"(?:以下|如下|下列|下述)")
# A rule of assessment: whom a penalty or a reward falls on ("对连续三个月排名后两位的单位，予以
# 通报批评", "凡未按期完成的，扣减考核分").
_PENALTY_RULE = re.compile(
    r"^(?:对于?|凡是?|如有|若有|发现)[^。；]*?的(?:[^。；]*?)"
    r"(?:通报批评|予以通报|约谈|问责|追责|追究|扣分|扣减|扣除|罚款|处罚|一票否决|取消[^，。；]{0,8}资格|诫勉|黄牌|曝光|"
    r"责令|通报表扬|奖励|奖补)"
)


def find_targets(text: str, paragraphs: list[Paragraph], year: int | None, is_retro) -> list[Target]:
    """All targets of the given paragraphs; `is_retro(pos)` says whether pos is in a review part.

    A modal or a period governs its sentence across "；" too ("确保…；…；…", "计划…有五项：
    一是…；二是…"), so each part after a "；" starts with what the part before ended with;
    so does a deadline opening the sentence on its own ("年底前，完成…；新建…").
    """
    targets: list[Target] = []
    listing = _Listing()
    for paragraph in paragraphs:
        quotes = quote_spans(text, paragraph.start, paragraph.end)
        inherited: Carry | None = None  # None: the part opens a sentence
        waiting: Target | None = None  # a recurrence whose duty is written after a bracketed aside
        last_past = False
        list_modal = listing.modal_for(text[paragraph.start : paragraph.end])
        for part in split_parts(text, paragraph.start, paragraph.end):
            opening = _opening_deadline(part) if inherited is None else inherited.deadline
            continued = inherited is not None  # the part goes on with a sentence across "；"
            inherited = inherited or Carry(past=False, modal=list_modal)
            list_modal = None
            carry = Carry(past=False, modal=inherited.modal, period=inherited.period, deadline=inherited.deadline)
            carry.outcomes_due = inherited.outcomes_due
            carry.asked = inherited.asked
            carry.across = carry.modal
            if waiting is not None and not part.text.startswith("（") and part.clauses:
                waiting.indicator = _duty_after(text, part.start, paragraph.end)
            if not part.text.startswith("（"):
                waiting = None
            carry.past = part.text.startswith("其中") and last_past  # "…完成投资2.41亿元。其中8个项目…"
            # across "；" a sentence keeps its tense: "过去的一年…。2012年…力争完成A，增长150%；完成B…" looks ahead
            carry.past = carry.past or (continued and last_past)
            if not is_retro(part.start):
                found = _part_targets(text, part, paragraph, quotes, year, carry, continued)
                for target in found:
                    target.deadline = target.deadline or paragraph.due
                targets.extend(found)
                # "各单位要在每季度末（分别在6月、9月和12月底），将进展情况报…": the duty follows the aside
                if found and found[-1].kind == "recurring" and not found[-1].indicator:
                    waiting = found[-1]
            last_past = carry.past
            go_on = text[part.end : part.end + 1] == "；"
            inherited = Carry(past=False, modal=carry.across, period=carry.period, deadline=opening) if go_on else None
            if inherited is not None:
                inherited.asked = carry.asked
                inherited.outcomes_due = None if opening else carry.opened or carry.outcomes_due
            listing.last_modal = carry.modal
    return per_named(text, without_breakdowns(text, targets))


# In a list of results only a word of time or intent looks ahead: "做好…保障，确保…无障碍施工" tells how it went.


class _Listing:
    """A line leading in to a list ("全年力争实现以下目标：") lends its modal to the numbered
    lines under it ("1.新增…", "2.引进…"), while they keep the first item's kind of marker."""

    def __init__(self) -> None:
        self.modal: str | None = None
        self.kind: str | None = None
        self.last_modal: str | None = None  # the modal in force at the end of the line before
        self.lead_in = False

    def modal_for(self, line: str) -> str | None:
        marker = MARKER.match(line)
        kind = re.sub(r"[一二三四五六七八九十①-⑳\d]+", "N", marker.group()) if marker else None
        if self.lead_in:
            self.modal, self.kind = self.last_modal, kind
        elif kind is None or kind != self.kind:
            self.modal = self.kind = None
        self.lead_in = line.rstrip().endswith("：")
        self.last_modal = None
        return self.modal if kind else None


def _opening_deadline(part: Part) -> TimeMark | None:
    """The deadline a sentence opens with on its own ("年底前，…"), which its items share."""
    if not part.clauses:
        return None
    first = part.clauses[0]
    deadlines = find_deadlines(first.text, first.start)
    if not deadlines or len(_without_marks(first.text, deadlines, first.start)) > MAX_DEADLINE_ONLY_REST:
        return None
    return deadlines[0]


def _part_targets(
    text: str, part: Part, paragraph: Paragraph, quotes, year: int | None, carry: Carry, continued: bool = False
) -> list[Target]:
    """The targets of one part of a sentence; a part `continued` across "；" takes its tense from the part before
    (in `carry`), not from the paragraph's opening."""
    retro = paragraph.past and not continued
    closing_done = closes_done(part)
    carry.past = carry.past or retro or is_verdict(part.text, year) or reported_after(part) or closing_done
    rule = _PENALTY_RULE.match(strip_marker(part.text))  # "对…的单位，予以通报批评": a rule, not work
    rule_end = part.end - len(strip_marker(part.text)) + rule.end() if rule else part.start
    subject = subject_of(strip_marker(part.clauses[0].text)) if part.clauses else []
    found: list[Target] = []
    waiting: Target | None = None  # "各单位要在每季度末，将进展情况报…": the duty follows the recurrence
    purpose = False  # the clause before states a purpose after the main verb ("…落实，以保持…")
    bare_work = ""  # the work of a clause with no target, for a count written with a bare verb after it
    sentence_deadline = carry.deadline
    first = strip_marker(part.clauses[0].text) if part.clauses else ""
    describing, opening_purpose = describes_place(first), opens_purpose(first)  # framing.py: no work set
    # evidence.py: a quantity is a target only with evidence of work ahead, and none in a sentence measuring progress
    opening_due = carry.deadline is not None and due_ahead(carry.deadline.text)
    carry.asked = carry.asked or paragraph.ahead or carry.modal is not None or opening_due
    progress = measures_progress(part.text)
    purpose_at = meeting_purpose_at(part.text)  # framing.py: the meeting's purpose sets no work
    purpose_from = part.start + purpose_at if purpose_at is not None else part.end
    for clause in part.clauses:
        tense_text = text[clause.group[0] : clause.group[1]] if clause.group[1] else clause.text
        tense = clause_tense(tense_text, year)
        if tense == "future" and paragraph.listed_result and not AHEAD_OF_RESULTS.search(clause.text):
            tense = None
        if tense == "future" and closing_done:
            tense = None  # "今年以来，…扎实推进62件民生实事办理，取得了较好成效": the opening verb is told, not asked
        if tense == "future" and paragraph.reporting and not AHEAD_IN_REPORT.search(clause.text):
            tense = None  # a report on work done: "今年我镇共有8条河沟进行综合治理", "目前已开工，预计明年4月底完工"
        if tense:
            carry.past = tense == "past"
        carry.asked = carry.asked or clause_asks(tense_text, year)
        own = strip_marker(clause.text)
        if (
            carry.clause_deadline
            and clause is not part.clauses[0]
            and _YEARLY.search(own)
            and _opens_modal(text, clause)
        ):
            # "确保A项目10月之前投产，力争每年税收不低于1.5亿元": an amount each year, under a modal of its own, is
            # not due by the milestone date of the clause before
            carry.deadline, carry.clause_deadline = sentence_deadline, False
        describing = describing and not looks_ahead(own)
        topic = own.startswith("关于") or bool(_FRAME.search(own)) or describing  # "关于…情况": what it is about
        topic = topic or clause.end > purpose_from
        new = [] if carry.past or topic or clause.start < rule_end else _clause_targets(text, clause, carry, quotes)
        new = [t for t in new if t.kind != "quantity" or (_asked(t, carry) and not progress)]
        opening_purpose = opening_purpose and (clause is part.clauses[0] or bool(PURPOSE_GOES_ON.match(own)))
        if (purpose or opening_purpose) and PURPOSE_GOES_ON.match(own):  # "以保持…，确保…": still the purpose
            new = [t for t in new if t.kind != "qualitative"]
        purpose = clause is not part.clauses[0] and bool(PURPOSE_AFTER.match(own))
        for target in new:
            target.responsible = _unique(paragraph.bodies + subject + subject_of(strip_marker(clause.text)))
            target.leaders = list(paragraph.leaders)
            target.owners = list(paragraph.owners)
        if bare_work and new and new[0].kind == "quantity" and _BARE_BUILD.match(new[0].indicator):
            new[0].indicator = bare_work + new[0].indicator  # "推进既有住宅增设电梯，12月底前开工建设200部"
        bare_work = "" if new else wording(own)
        if waiting is not None and not new:
            waiting.indicator = wording(clause.text, keep_verbs=False)
        waiting = next((t for t in new if t.kind == "recurring" and not t.indicator), None)
        had_targets = bool(found)
        found.extend(new)
        before = carry.modal
        _advance(text, clause, carry, new)
        if had_targets and carry.opened is not None and carry.opened.start >= clause.start:
            carry.opened = None  # only a deadline heading the sentence's first clause of targets goes on past "；"
        spent = carry.modal != before and any(t.kind == "qualitative" and t.strength == carry.modal for t in new)
        carry.across = before if spent else carry.modal
    return found


def _asked(target: Target, carry: Carry) -> bool:
    """Evidence of work ahead for a quantity (evidence.py): the sentence's so far, or a modal of the item's own."""
    return carry.asked or target.strength in MODALS


# A count's wording that is a verb of building only ("开工建设200部"): the work is named in the clause before.
_BARE_BUILD = re.compile(r"^(?:(?:开工)?(?:建设|新建|建成|开工|改造|完成))?$")


def _duty_after(text: str, start: int, end: int) -> str:
    """The first clause from `start`, without its bracketed asides ("将本部门（单位）完成任务的进展情况…")."""
    depth, kept = 0, []
    for char in text[start:end].lstrip("，"):
        if char == "（":
            depth += 1
        elif char == "）":
            depth = max(0, depth - 1)
        elif depth == 0:
            if char in "，。；\n":
                break
            kept.append(char)
    return wording("".join(kept), keep_verbs=False)


# "每年村财可增收1.2万元": a yield each year, no recurring duty.
_YIELD_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}" + YIELD_VERB)


def _clause_targets(text: str, clause: Clause, carry: Carry, quotes) -> list[Target]:
    recurrences = [
        r
        for r in find_recurrences(clause.text, clause.start)
        if not in_slogan(text, r.start, quotes) and not _YIELD_AFTER.match(text, r.end)
    ]
    quantities = target_quantities(text, clause.start, clause.end, quotes, bool(recurrences))
    # Quoted words are names and slogans ("聚焦“三季度”攻坚", "“争创全国百强县”的安排"): no time, no modal.
    # a deadline running out of a quote ("“两节”期间") is the text's own, not the quoted name's
    deadlines = [
        d
        for d in find_deadlines(clause.text, clause.start)
        if not (quoted(d.start, quotes) and quoted(d.end - 1, quotes))
    ]
    marks = [m for m in strength_marks(text, clause.start, clause.end) if not quoted(m[0], quotes)]
    if quantities:
        return _quantity_targets(text, clause, quantities, marks, deadlines, recurrences, carry)
    if deadlines:
        return _deadline_targets(text, clause, deadlines, marks, carry)
    if carry.pending is not None:
        return [_milestone(text, carry.pending.start, clause, carry.deadline, marks, carry)]
    due = carry.deadline or carry.outcomes_due
    if due is not None and _DONE_CLOSING.match(strip_marker(clause.text)) and not qualitative_mark(marks):
        # "12月底前全面完成…工作；…，示范村创建任务全面完成": an outcome closing on completion, due by the same date
        return [_milestone(text, clause.start, clause, due, marks, carry)]
    if recurrences:
        return _recurring_targets(text, clause, recurrences, first_modal(marks) or carry.modal)
    mark = qualitative_mark(marks)
    if mark and text[clause.end : clause.end + 1] == "：" and _LIST_NOUN.search(clause.text):
        return []  # "力争实现以下目标：": the list after it holds the targets
    if mark and not parallel_heading(text, clause.start):
        target = _qualitative(text, clause, mark, carry)
        return [target] if target.indicator else []  # not a bare "确保：", "确保实现：" leading in
    own_modal = any(word in MODALS for _, word in marks)
    follows = carry.qualitative and carry.modal in QUALITATIVE
    if not own_modal and follows and _RESULT_OPENING.match(strip_marker(clause.text)):
        return [_qualitative(text, clause, (clause.start + marker_length(clause.text), ""), carry, carry.modal)]
    return []


def _quantity_targets(text, clause, quantities, marks, deadlines, recurrences, carry) -> list[Target]:
    targets, begin = [], clause.start
    carry.pending = None
    # a modal opening the clause governs each of its items ("计划投入近2亿元推进21个项目建设")
    series = opening_modal(marks, clause.start + marker_length(clause.text)) or carry.modal
    shared = _shared_result(text, clause)
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
            _item_strength(marks, begin, quantity.start, series) or shared,
            _first(deadlines) or _carried_deadline(clause, carry),
            clause_period(clause, carry),
            _first(recurrences),
        )
        # "…；…资金使用率达到90%以上": an outcome of the list the deadline before heads
        if target.deadline is None and carry.outcomes_due is not None and target.strength in RESULTS:
            target.deadline = carry.outcomes_due.text
        if target.recurrence and target.unit == "次":
            target.kind = "recurring"
        targets.append(target)
        carry.indicator = indicator or carry.indicator
        begin = quantity.end
    trim_marker(text, targets)
    return targets


def _shared_result(text: str, clause: Clause) -> str | None:
    """The result verb opening the comma-level clause a "、"/及-piece belongs to ("完成64块标志及24个路口道钉
    安装": 完成 governs both amounts)."""
    start = clause.group[0]
    if not clause.group[1] or start >= clause.start:
        return None
    opening = start + marker_length(text[start : clause.start])
    head = find_deadlines(text[opening : clause.start], opening)
    if head and head[0].start - opening <= 1:  # "12月底前全面完成5个村及…": the deadline opening it is no bar
        opening = head[0].end
    marks = strength_marks(text, start, clause.start)
    return next((w for p, w in marks if w in RESULTS and p - opening <= MAX_OPENING_PREFIX), None)


def _item_strength(marks, begin: int, before: int, carried: str | None) -> str | None:
    """A modal written in the item wins; then the series' modal; then the item's result verb."""
    own = own_strength([m for m in marks if m[0] >= begin], before)
    return own if own in MODALS else carried or own


def _tail(text: str, quantity: Quantity, clause: Clause) -> str:
    return text[quantity.end : clause.end]


# What is left of a recurrence's clause when it only dates it ("每月26日前", "每月在10日、25日前").
_DAY_ONLY = re.compile(
    r"^(?:在|于)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号](?:[、和]\d{1,2}[日号])*(?:前|之前|以前)?$"
)


_MECHANISM = re.compile(r"的(?:工作)?(?:机制|制度)$")


def _recurring_targets(text: str, clause: Clause, recurrences: list[TimeMark], modal: str | None) -> list[Target]:
    targets = []
    for index, mark in enumerate(recurrences):
        start = clause.start if index == 0 else mark.start
        end = recurrences[index + 1].start if index + 1 < len(recurrences) else clause.end
        while end > start and text[end - 1] in "、，":
            end -= 1
        # a quoted series put in force ("坚持“一季度一观摩、一月一调度”"): its quotes are no part of a duty
        indicator = wording(text[start:end], keep_verbs=False).strip("“”")
        # "主要领导半月调度的工作机制": the duty is the verb, the mechanism only names it
        indicator = _MECHANISM.sub("", indicator) or indicator
        if _DAY_ONLY.match(indicator):  # "每月26日前，向…上报…": the day is the date; the duty follows
            indicator = ""
        targets.append(Target(start, end, "recurring", indicator, strength=modal, recurrence=mark.text))
    trim_marker(text, targets[:1])
    return targets


def _qualitative(text: str, clause: Clause, mark: tuple[int, str], carry: Carry, strength: str = "") -> Target:
    position, word = mark
    indicator = wording(text[position + len(word) : clause.end], inner_strength=False)
    strength = strength or word
    return Target(
        position, clause.end, "qualitative", indicator, strength=strength, period=clause_period(clause, carry)
    )


def _opens_modal(text: str, clause: Clause) -> bool:
    return (
        opening_modal(strength_marks(text, clause.start, clause.end), clause.start + marker_length(clause.text))
        is not None
    )


def _advance(text: str, clause: Clause, carry: Carry, new: list[Target]) -> None:
    """Update what later clauses of the part inherit."""
    marks = strength_marks(text, clause.start, clause.end)
    carry.modal = opening_modal(marks, clause.start + marker_length(clause.text)) or carry.modal
    deadlines = find_deadlines(clause.text, clause.start)
    if deadlines:
        carry.deadline = deadlines[-1]
        carry.clause_deadline = bool(new)  # a clause of its own work; "年底前，…" opening the sentence is none
        if new and deadlines[0].start - clause.start - marker_length(clause.text) <= 0:
            carry.opened = deadlines[0]
    periods = find_periods(clause.text, clause.start)
    if periods:
        carry.period = periods[0].text
    if new or deadlines or not _PROJECT.search(strip_marker(clause.text)):
        # "流转土地2000亩，新建光伏电站项目，预计6月份完成": a project named in between keeps the amounts
        carry.last_quantities = [target for target in new if target.unit]
    carry.qualitative = any(target.kind == "qualitative" for target in new)
    own = strip_marker(clause.text)
    project = _PROJECT.search(own)
    if project and (project.start() == 0 or own[project.start() - 1] == "的"):
        carry.project = project.group(1)
    opening = _PROJECT_OPENING.match(own)
    if opening:  # "物流园项目3月开工、年底建成": the project its dates are milestones of
        carry.project = opening.group(1)
    if carry.pending is not clause:
        carry.pending = None


def _first(marks: list[TimeMark]) -> str | None:
    return marks[0].text if marks else None


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))
