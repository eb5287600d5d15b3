"""The document's head: title lines, salutation, and where the body starts.

The title is the first short non-empty line before the salutation or the body, not
"同志们：" and not a preview line some sites prepend (long, ending in "...").
"""

import re
from dataclasses import dataclass

from .textview import TextView

SALUTATION = re.compile(r"^(?:同志们|各位[^。]{0,12}|同事们|女士们|先生们|[^。]{0,40}[局委办府处室门区镇村位])[：]$")
_PREVIEW = re.compile(r"(?:\.\.\.|…|。。。)$")
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|第[一二三四五六七八九十]+(?:部分|章)|（[一二三四五六七八九十\d]+）|\d{1,2}[.、](?!\d)|[①-⑳]|第[一二三四五六七八九十]+[，、]|附件)"
)
_YEAR = re.compile(r"(?:19|20)\d{2}(?=年)")
MAX_TITLE = 60
MAX_HEAD_LINE = 40


@dataclass(frozen=True)
class Header:
    """Title (compact offsets), where the body starts, and the document's year if stated."""

    title: str
    title_start: int
    body_start: int
    year: int | None


def find_header(view: TextView) -> Header:
    """Scan the first lines: skip previews, take the title, then dates/speakers/salutation."""
    lines = [(start, end, text) for start, end, text in view.lines()][:12]
    title, title_start, body_start, index = "", 0, 0, 0
    while index < len(lines) and _is_skippable(lines[index][2]):
        index += 1
    if index < len(lines) and _is_title(lines[index][2]):
        title_start, title = lines[index][0], lines[index][2]
        body_start = lines[index][1]
        index += 1
        limit = index + 5
        while index < min(len(lines), limit) and _is_head_line(lines[index][2]):
            body_start = lines[index][1]
            index += 1
            if SALUTATION.match(lines[index - 1][2]):
                break
    head_text = view.compact[:body_start]
    years = _YEAR.findall(head_text)
    return Header(title, title_start, body_start, max(int(y) for y in years) if years else None)


def _is_skippable(line: str) -> bool:
    return not line or (len(line) > MAX_TITLE and (_PREVIEW.search(line) is not None or "同志们：" in line))


def _is_title(line: str) -> bool:
    return (
        0 < len(line) <= MAX_TITLE
        and not line.endswith(("。", "；", "！", "？"))
        and not _HEADING_START.match(line)
        and not SALUTATION.match(line)
    )


def _is_head_line(line: str) -> bool:
    """Blank lines, dates, speaker names, subtitles and the salutation belong to the head."""
    if not line or SALUTATION.match(line):
        return True
    # a short sentence ending in "！" or "？" ("首先…表示感谢！") opens the body, as one with "。" does
    return len(line) <= MAX_HEAD_LINE and not _HEADING_START.match(line) and not re.search(r"。|[！？]$", line)


def is_salutation(line: str) -> bool:
    """ "同志们：" and "各乡镇人民政府、街道办事处，县直各部门：" open the body; they are no section."""
    return bool(SALUTATION.match(line))
