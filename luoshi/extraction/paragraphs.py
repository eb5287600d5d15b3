"""A body line's context: whether it reviews past results, and what its notes name for all of its
targets — the bodies, leaders and owners ("牵头单位：…", "责任领导：…", "责任人：…") and the note's deadline
("（…；完成时限：12月底前）"), written on the line or on the note lines right under it."""

import re
from dataclasses import dataclass, field

from .responsible import MAX_NOTE_LINES, following_labels, labels_in
from .tense import opens_forward, paragraph_is_retro
from .timing import column_times

# A note's deadline: "完成时限：12月底前", "时间节点：6月30日前".
_DUE_LABEL = r"(?:完成时限|完成时间|时间节点|办结时限|完成期限|时限要求|时限)[：:]"
_DUE = re.compile(rf"{_DUE_LABEL}\s*([^；;，,。）)】\n]+)")
_DUE_LINE = re.compile(_DUE_LABEL)
_NOTE_LINE = re.compile(r"(?:责任|牵头|配合|分管|包保|联系|具体)[\u4e00-\u9fff]{0,3}[：:]")


@dataclass
class Paragraph:
    """One body line and what holds for all of it."""

    start: int
    end: int
    past: bool
    bodies: list[str]
    leaders: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    due: str | None = None  # a note's 完成时限 ("（牵头单位：经发办；完成时限：12月底前）")
    # an item of a list of results ("主要成效有：1、…"): a verb of doing reports, only a word looking ahead
    # (明年, 要, 计划 …) turns a clause to the future
    listed_result: bool = False
    # a line of a document reporting on work done ("…项目实施情况的报告"): only a plan's words look ahead there
    reporting: bool = False
    # the paragraph's opening, a heading above it or the document's title looks ahead (evidence.py): its quantities may
    # be targets without a word of intent of their own
    ahead: bool = False


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
        span[0],
        span[1],
        past,
        own.bodies or below.bodies,
        own.leaders or below.leaders,
        own.owners or below.owners,
        note_deadline(line, next_lines),
    )


def note_deadline(line: str, next_lines: list[str]) -> str | None:
    """The deadline a task's note gives ("（…；完成时限：12月底前）", or a note line below
    opening with 完成时限), for the line's targets that state none."""
    for index, text in enumerate([line, *next_lines[:MAX_NOTE_LINES]]):
        if index and not (_DUE_LINE.match(text) or _NOTE_LINE.match(text)):
            break
        match = _DUE.search(text)
        if match:
            return column_times(match.group(1))[0]
    return None
