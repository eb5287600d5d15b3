"""Orchestration: document text → the draft plan in the JSON contract.

Task tables in the text (table_text.py) are read row by row (table_targets.py), not as
running text; their lines are skipped by the section and target rules for paragraphs,
and a speech target a table row repeats is merged into the row (repeats.py).
"""

import re
from bisect import bisect_right

from .evidence import leads_goals, opens_ahead, plan_document
from .header import Header, find_header
from .indicator import MARKER
from .paragraphs import Paragraph, paragraph_of
from .repeats import merge_repeats
from .responsible import MAX_NOTE_LINES
from .structure import Section, clean, find_sections
from .table_targets import table_markers, table_targets
from .table_text import TableBlock, find_tables
from .target import Target
from .targets import find_targets
from .tense import (
    AHEAD_IN_REPORT,
    FORWARD,
    heading_is_forward,
    heading_is_retro,
    opens_forward,
    paragraph_is_retro,
    title_is_report,
)
from .textview import TextView


def extract_text(text: str, *, title: str | None = None) -> dict:
    """The draft plan of a document's text; offsets index into `text` itself."""
    view = TextView(text)
    tables = find_tables(view)
    header = _before_tables(view, find_header(view), tables)
    skip = frozenset(line for table in tables for line in table.lines)
    markers = table_markers(view.compact, tables, view.line_index)
    sections = find_sections(view, header.body_start, skip, markers)
    _mark_retro(view, sections, header.year)
    locate = _Locator(sections)
    report = title_is_report(header.title)
    # In a report on work done, the year it reports on is no sign of looking ahead ("2021年度…确定的项目有3个").
    year = None if report else header.year
    paragraphs = _paragraphs(view, header.body_start, year, locate, skip, report, plan_document(header.title, year))
    targets = find_targets(view.compact, paragraphs, year, lambda pos: locate.retro(pos))
    targets = merge_repeats(view.compact, targets, table_targets(view.compact, tables, header.year))
    if title is None:
        title = clean(view.original_slice(header.title_start, header.title_start + len(header.title))[1])
    return {
        "title": title,
        "sections": [_section_json(s) for s in sections],
        "targets": [_target_json(view, locate, t) for t in sorted(targets, key=lambda t: t.start)],
    }


def _before_tables(view: TextView, header: Header, tables: list[TableBlock]) -> Header:
    """A document opening with its table: the head cannot reach into the table."""
    if not tables:
        return header
    start = view.line_bounds(min(tables[0].lines))[0]
    if header.body_start <= start:
        return header
    title = header.title if header.title_start < start else ""
    return Header(title, header.title_start if title else start, start, header.year)


def _paragraphs(
    view: TextView,
    body_start: int,
    year: int | None,
    locate: "_Locator",
    skip: frozenset[int],
    report: bool = False,
    plan: bool = False,
) -> list[Paragraph]:
    """Body lines as paragraphs; in a report on work done (`report`), each line is a review unless it opens
    by looking ahead."""
    lines = [
        (start, end)
        for number, (start, end, _) in enumerate(view.lines())
        if end > body_start and end > start and number not in skip
    ]
    paragraphs = []
    review_lead = False  # an unnumbered line leading into a list of results ("…主要成效有：")
    reviewing = False  # a document without numbering: a review's lead line reports for the paragraphs after it
    goals = False  # evidence.py: a line leading into a list of goals ("考核指标：") lends its evidence to the list
    for index, (start, end) in enumerate(lines):
        following = [view.compact[slice(*span)] for span in lines[index + 1 : index + 1 + MAX_NOTE_LINES]]
        section = locate.at(start)
        line = view.compact[start:end]
        if section is not None and section.style == "para":
            reviewing = _leads_review(line, year) or (reviewing and not _leads_plan(line, year))
        in_review = report or bool(section and section.intro_retro and section.title_end < start) or reviewing
        inline_results = bool(_REVIEW_LIST_INLINE.search(line))
        listed = (bool(MARKER.match(line)) and review_lead) or inline_results
        if not MARKER.match(line):
            review_lead = bool(_REVIEW_LEAD.search(line.rstrip()))
        paragraph = paragraph_of(view.compact, (max(start, body_start), end), following, year, in_review or listed)
        # a paragraph under a review's lead line reports as a list of results does: only a word looking ahead turns it
        paragraph.listed_result = listed or (reviewing and paragraph.past)
        # a paragraph holding its list of results reports, whatever modal an item uses ("…，确保…无障碍施工")
        paragraph.past = paragraph.past or inline_results or (report and not AHEAD_IN_REPORT.search(line))
        paragraph.reporting = report
        # evidence.py: the document names a plan or its lead paragraph looks ahead, a heading above or a line leading
        # into a list of goals looks ahead, or the paragraph opens by looking ahead
        if index == 0 and not MARKER.match(line):
            plan = plan or opens_ahead(line, year, lead=True)
        goals = leads_goals(line) or (goals and bool(MARKER.match(line)))
        # a paragraph of a document without numbering is no heading: its own opening clause is judged above
        headings = [s for s in section.path() if s.style != "para"] if section is not None else []
        paragraph.ahead = (
            plan or goals or any(heading_is_forward(s.title, year) for s in headings) or opens_ahead(line, year)
        )
        paragraphs.append(paragraph)
    return paragraphs


def _leads_review(line: str, year: int | None) -> bool:
    """A paragraph naming the review that follows: a short heading ("回顾2023年工作成果") or one sentence looking back
    ("一年来，我们坚持惠民生、强保障，持续提升群众幸福指数。")."""
    text = line.strip()
    if not re.search(r"[。；！？，]", text):
        return len(text) <= 20 and heading_is_retro(text, year)
    single = text.count("。") <= 1 and text.endswith("。")
    return single and bool(_REVIEW_OPENING.match(text)) and paragraph_is_retro(text, year)


def _leads_plan(line: str, year: int | None) -> bool:
    """A paragraph ending a review: a short heading looking ahead ("展望2024年工作目标"), or an opening looking ahead."""
    text = line.strip()
    if not re.search(r"[。；！？，]", text) and len(text) <= 20:
        # a project's name ("东蕾苑二期新建工程（2024年度续建项目）") is listed in the review, not a plan's heading
        return heading_is_forward(text, year) and not _PROJECT_LINE.search(text)
    return opens_forward(text, year)


_PROJECT_LINE = re.compile(r"(?:项目|工程)[）)]?$")


_REVIEW_OPENING = re.compile(r"(?:一年来|过去的?一年|回顾|今年以来|(?:\d{4}|去)年[，,])")


# The line leading into a list of results: "主要成效有：", "取得的成绩如下：", "主要做法是：".
_REVIEW_LEAD = re.compile(r"(?:成效|成绩|成果|亮点|做法)(?:主要)?(?:有|如下|是|为)?：$")
# The list of results inside the paragraph ("…活动，取得明显成效：1、…。2、…"): the items report.
_REVIEW_LIST_INLINE = re.compile(r"(?:成效|成绩|成果|亮点)(?:主要)?(?:有|如下|是|为)?：(?:1|一)[、.．是]")


def _mark_retro(view: TextView, sections: list[Section], year: int | None) -> None:
    """A review heading, or a review introduction, makes the section's items a review too,
    unless the words leading into an in-line series look ahead ("会议要求：一要…")."""
    text = view.compact
    first_child: dict[int, int] = {}
    lead_in: dict[int, str] = {}
    for section in sections:
        if section.parent is not None:
            first_child.setdefault(id(section.parent), section.start)
        if section.inline:
            lead_in.setdefault(section.line, text[view.line_starts[section.line] : section.start])
    for section in sections:
        intro = text[section.title_end : first_child.get(id(section), section.end)]
        section.intro_retro = paragraph_is_retro(intro.lstrip("。；：\n"), year)
        parent = section.parent
        section.retro = heading_is_retro(section.title, year)
        if section.style == "para" and re.search(r"[，；：]", section.title) and FORWARD.search(section.title):
            # a paragraph's first sentence is no heading: one asking for work ("…召开，提出要…，确保创建工作取得实绩
            # 实效") is no review, whatever review words (取得, 成效) its goal is written with
            section.retro = False
        if parent is not None and not section.retro and not heading_is_forward(section.title, year):
            ahead = section.inline and opens_forward(lead_in[section.line], year)
            section.retro = (parent.retro or parent.intro_retro) and not ahead


class _Locator:
    """Finds the innermost section around a position."""

    def __init__(self, sections: list[Section]) -> None:
        self.sections = sections
        self.starts = [s.start for s in sections]

    def at(self, position: int) -> Section | None:
        index = bisect_right(self.starts, position) - 1
        section = self.sections[index] if index >= 0 else None
        while section is not None and position >= section.end:
            section = section.parent
        return section

    def retro(self, position: int) -> bool:
        section = self.at(position)
        return bool(section and section.retro)

    def path(self, position: int) -> list[str]:
        section = self.at(position)
        return [s.number for s in section.path() if s.number] if section else []


def _section_json(section: Section) -> dict:
    return {"level": section.level, "number": section.number, "title": section.title, "offset": section.offset}


def _target_json(view: TextView, locate: _Locator, target: Target) -> dict:
    offset, text = view.original_slice(target.start, target.end)
    return {
        "text": text,
        "offset": offset,
        "section": locate.path(target.start),
        "indicator": target.indicator,
        "value": target.value,
        "unit": target.unit,
        "qualifier": target.qualifier,
        "strength": target.strength,
        "deadline": target.deadline,
        "period": target.period,
        "recurrence": target.recurrence,
        "responsible": target.responsible,
        "leaders": target.leaders,
        "owners": target.owners,
        "kind": target.kind,
    }
