"""Headings and enumerations → sections with levels.

Levels are depths in *this* document: whichever numbering comes first is level 1, a style
not seen yet opens a deeper level, a style already open closes everything inside it
(so restarts and any mix of symbols work). Enumerations inside a paragraph (一是…二是…)
close at the paragraph's end, and must form a series (1 followed by 2 …) to count, which
keeps "首先，我代表…" or "统一是" out.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

from .header import is_salutation
from .textview import TextView

_CN = "[一二三四五六七八九十]{1,3}"
_CN_VALUES = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}
_SEQ_VALUES = {"首先": 1, "其次": 2, "再次": 3, "最后": 99}
WINDOW = 6000

_STYLES = (
    ("fujian", rf"附件(?:\d{{1,2}}|{_CN})?(?:[：.、]|(?=\n)|$)", "line"),
    # "第一部分，2023年工作回顾。": the comma after the part's number is no part of its title
    ("part", rf"第{_CN}(?:部分|章|篇)[，,：:、]?", "line"),
    # "之一：“亮点工程”——…", the items of a list of named works ("十大工程")
    ("zhi", rf"之{_CN}[：:]", "line"),
    # "重点一：转变经济发展方式…", "任务二：…": parts named by a word and their number
    ("named", rf"(?:重点|任务|目标|行动|工程|举措){_CN}[：:]", "line"),
    ("dun", rf"{_CN}(?:、(?!{_CN}(?:、|季度))|\.(?!\d))", "line"),
    # "1.1 发展目标": a decimal heading under "一、"; not an amount at a line's start ("2.5万亩…")
    ("dec", r"\d{1,2}\.\d{1,2}(?![\d.万亿千百十%‰亩吨米元倍]|公里|公顷|公斤|平方|立方|千瓦|兆瓦|个百分点)", "line"),
    # "5、330国道…" inside a list: "、" after an item's number may meet the figure opening it (see _candidates)
    ("num", r"\d{1,2}(?:[.、](?!\d)|、(?=\d))", "line"),
    ("paren", rf"（{_CN}）", "strong"),
    ("nparen", r"（\d{1,2}）|\d{1,2}）", "strong"),
    ("circled", r"[①-⑳]", "strong"),
    ("di", rf"第{_CN}[，、]", "sentence"),
    ("seq", r"(?:首先|其次|再次|最后)，", "sentence"),
    ("shi", rf"{_CN}是(?!否|非)", "clause"),
    ("yao", rf"{_CN}要(?!求|素|件|点)", "clause"),
)
_BOUNDARY = {"line": "", "strong": "。；：）", "sentence": "。；：！？）", "clause": "。；：，！？）"}
_ALWAYS_SERIES = {"di", "seq", "shi", "yao", "inum", "idun", "bare"}
# "1.…" inside a paragraph, after a colon or between items ("做出四项承诺：1.…；2.…；3.…"): a series;
# so is "一、…" there ("…开展好各项工作。一、各村要…。二、做好…").
_INLINE_NUM_AFTER = "：；。"
_INLINE_STYLE = {"num": "inum", "dun": "idun"}
# "行动工作一要…；二要…": a series' first item may follow a short topic opening its clause.
_LEAD_TOPIC = re.compile(r"[。；：，！？）\n][\u4e00-\u9fff]{0,5}[^第统唯万之同专\W\d]$")
# Speeches go on from one series word to the other ("一要…；二要…；三要…；四是…；五是…").
_SWITCHING = {"shi", "yao"}
_MARKER = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern, _ in _STYLES))
_KIND = {name: kind for name, _, kind in _STYLES}
_TITLE_END = re.compile(r"[。；：]")
_CELL_TITLE_END = re.compile("[。；：\u2028]")


@dataclass
class Marker:
    """A numbering found in the compact text."""

    style: str
    n: int
    start: int
    end: int
    line: int
    at_line_start: bool
    title_start: int | None = None
    title_end: int | None = None
    weak: bool = False  # a first item after a short topic, not at a clause boundary


@dataclass
class Section:
    """A heading or enumeration item; `start`/`end` are compact offsets of its region."""

    level: int
    number: str
    title: str
    offset: int
    start: int
    title_end: int
    line: int
    inline: bool
    style: str
    parent: "Section | None" = None
    end: int = 0
    retro: bool = False
    intro_retro: bool = False
    n: int = 0  # the item's number in its series

    def path(self) -> list["Section"]:
        """This section and its ancestors, outermost first."""
        chain, node = [], self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


def find_sections(
    view: TextView, body_start: int, skip_lines: frozenset[int] = frozenset(), extra: list[Marker] | None = None
) -> list[Section]:
    """All sections of the body, or its paragraphs when nothing is numbered.

    `skip_lines` (the lines of task tables) yield no markers of their own; `extra` are the
    headings those tables name (section rows, categories), taken as they are.
    """
    markers = _accepted(_candidates(view, body_start, skip_lines))
    if extra:
        markers = sorted(markers + extra, key=lambda m: m.start)
    sections = _build(view, markers)
    if not sections:
        sections = _paragraph_sections(view, body_start, skip_lines)
    elif not extra and not skip_lines and all(s.style == "fujian" for s in sections):
        # Only "附件：…" is numbered: the notice's body above it is still a list of paragraphs.
        first = sections[0].line
        sections = [s for s in _paragraph_sections(view, body_start, skip_lines) if s.line < first] + sections
    _close_regions(view, sections)
    return sections


def marker_at(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """(style, value, end) of a numbering that opens text[start:end], if any."""
    match = _MARKER.match(text, start, end)
    if not match or match.lastgroup == "fujian":
        return None
    return match.lastgroup, _value(match.lastgroup, match.group()), match.end()


def title_stop(text: str, start: int, end: int) -> int:
    """Where a title starting at `start` ends: the first 。；： or line separator, else `end`."""
    stop = _CELL_TITLE_END.search(text, start, end)
    return _before_note(text, start, stop.start()) if stop else end


def _before_note(text: str, start: int, stop: int) -> int:
    """A title stopped by the colon of a closing bracketed note ("…工作目标（牵头领导：…）") ends before the note."""
    if text[stop] not in "：:":
        return stop
    opening = text.rfind("（", start, stop)
    return opening if opening > start and "）" not in text[opening:stop] else stop


# A count of the points a speaker announces ("提出三点要求：", "讲两点意见："), then its items numbered by a bare
# numeral, each opening a sentence ("：一提高…。二围绕…。三完善…。", round 15).
_ANNOUNCED = re.compile(r"([两二三四五六七八九])(?:点|条|个方面)(?:要求|意见|建议|希望)：")
_CN_DIGITS = "一二三四五六七八九"


def _announced_items(view: TextView, body_start: int) -> list[Marker]:
    """The bare-numbered items an announced count leads into, on its line: all of them, or none."""
    text, found = view.compact, []
    for match in _ANNOUNCED.finditer(text, body_start):
        count = 2 if match.group(1) == "两" else _CN_VALUES[match.group(1)]
        line = view.line_index(match.start())
        line_end = view.line_bounds(line)[1]
        items, position = [], match.end()
        for n in range(1, count + 1):
            if n > 1:  # the next item opens a later sentence of the line
                stop = text.find("。" + _CN_DIGITS[n - 1], position, line_end)
                position = stop + 1 if stop >= 0 else line_end
            if position >= line_end or text[position] != _CN_DIGITS[n - 1] or _TITLE_END.match(text, position + 1):
                break
            items.append(Marker("bare", n, position, position + 1, line, False))
        if len(items) == count:
            found.extend(items)
    return found


def _candidates(view: TextView, body_start: int, skip_lines: frozenset[int]) -> list[Marker]:
    text, found = view.compact, _announced_items(view, body_start)
    for match in _MARKER.finditer(text, body_start):
        style = match.lastgroup
        line = view.line_index(match.start())
        if line in skip_lines and _KIND.get(style) != "clause":
            continue  # a table's lines: only a 一是…三是 series inside a cell is a series of items
        at_start = match.start() == view.line_starts[line]
        before = text[match.start() - 1] if match.start() > 0 else "\n"
        if style in _INLINE_STYLE and not at_start and before in _INLINE_NUM_AFTER:
            style = _INLINE_STYLE[style]
        value = _value(style, match.group())
        figure_next = match.group().endswith("、") and text[match.end() : match.end() + 1].isdigit()
        # "1、2月份…": a figure, unless it goes on with a list inside the paragraph, or a heading list at line starts
        # goes on with an item opening with a year ("2、2024年度…民生实事项目")
        year_heading = at_start and _YEAR_NEXT.match(text, match.end()) and _follows_heading(found, value)
        listed = _goes_on(found, style, value, match.start()) or year_heading
        if style in ("num", "inum") and figure_next and not listed:
            continue
        if at_start or (before in _BOUNDARY[_KIND.get(style, "strong")] and _KIND.get(style) != "line"):
            found.append(Marker(style, value, match.start(), match.end(), line, at_start))
        elif style in _SWITCHING and value == 1 and _LEAD_TOPIC.search(text, max(0, match.start() - 7), match.start()):
            found.append(Marker(style, value, match.start(), match.end(), line, at_start, weak=True))
    return found


def _goes_on(found: list[Marker], style: str, value: int, start: int) -> bool:
    """An inline item "N、" whose text opens with a figure ("…。5、330国道…"): it must follow item N-1 of the same
    list, a few characters back at least ("1、2、3号楼" is no list)."""
    return style == "inum" and any(m.style == style and m.n == value - 1 and m.start <= start - 6 for m in found)


_YEAR_NEXT = re.compile(r"\d{4}年")


def _follows_heading(found: list[Marker], value: int) -> bool:
    """A heading "N、" at a line's start after heading N-1 of the same list."""
    return any(m.style == "num" and m.at_line_start and m.n == value - 1 for m in found)


def _value(style: str, raw: str) -> int:
    if style == "seq":
        return _SEQ_VALUES[raw[:2]]
    if style == "circled":
        return ord(raw) - 0x2460 + 1
    digits = re.sub(r"[^\d一二三四五六七八九十]", "", raw.replace("附件", "").replace("之", ""))
    if not digits:
        return 1
    if digits.isdigit():
        return int(digits)
    if digits[0] == "十":
        return 10 + _CN_VALUES.get(digits[1:], 0)
    tens, _, ones = digits.partition("十")
    return _CN_VALUES.get(tens, 0) * 10 + _CN_VALUES.get(ones, 0) if "十" in digits else _CN_VALUES.get(digits, 0)


def _accepted(markers: list[Marker]) -> list[Marker]:
    """Keep line-start headings; keep enumerations only when they form a series."""
    by_style: dict[str, list[Marker]] = defaultdict(list)
    for marker in markers:
        by_style[marker.style].append(marker)
    kept = []
    for style, items in by_style.items():
        kept.extend(_series(style, items))
    return _switched(markers, sorted(kept, key=lambda m: m.start))


def _switched(markers: list[Marker], kept: list[Marker]) -> list[Marker]:
    """ "三要…；四是…；五是…": items of the other series word carrying on a series on the same line."""
    accepted = {id(m) for m in kept}
    result = list(kept)
    for marker in markers:
        if id(marker) in accepted or marker.style not in _SWITCHING or marker.weak:
            continue
        earlier = [m for m in result if m.start < marker.start and m.style in _SWITCHING]
        last = max(earlier, key=lambda m: m.start, default=None)
        if last and last.style != marker.style and last.line == marker.line and marker.n == last.n + 1:
            marker.style = last.style
            result.append(marker)
            accepted.add(id(marker))
    return sorted(result, key=lambda m: m.start)


def _series(style: str, items: list[Marker]) -> list[Marker]:
    kept, last, outer = [], None, None
    for index, marker in enumerate(items):
        heading = style not in _ALWAYS_SERIES and marker.at_line_start
        opens = marker.n == 1 and _has_second(items, index)
        continues = last is not None and marker.start - last.start <= WINDOW and _follows(last.n, marker.n)
        # the outer series going on after a series inside its item, on the same line
        resumes = (
            not continues and outer is not None and outer.line == marker.line and _follows(outer.n, marker.n)
        )
        if heading or opens or continues or resumes:
            if opens and last is not None and last.line == marker.line and not heading and last.n == 1:
                outer = last
            elif resumes:
                outer = None
            kept.append(marker)
            last = marker
    return kept


def _follows(previous: int, current: int) -> bool:
    return current > 1 and (current == previous + 1 or (current == 99 and previous < 99))


def _has_second(items: list[Marker], index: int) -> bool:
    first, inner = items[index], 0
    for later in items[index + 1 :]:
        if later.start - first.start > WINDOW:
            return False
        if later.n == 1 and not inner and later.line == first.line:
            inner = 1  # a series inside the first item ("一是…有2家：一是…；二是…。二是…"): read past it
            continue
        if inner and later.n == inner + 1:
            inner = later.n
            continue
        if later.n == 1:
            return False
        if later.n == 2:
            return True
    return False


def _build(view: TextView, markers: list[Marker]) -> list[Section]:
    sections: list[Section] = []
    stack: list[Section] = []
    current_line = -1
    for marker in markers:
        if marker.line != current_line:
            while stack and stack[-1].inline:
                stack.pop()
            current_line = marker.line
        if marker.style == "fujian":
            stack.clear()
        elif _nests(stack, marker):
            pass  # "一是…有2家：一是…；二是…": a series inside the item just opened
        elif any(s.style == marker.style for s in stack):
            same = [s for s in stack if s.style == marker.style]
            # back to the series the item carries on ("…；二是…。二是…" closes the inner series)
            target = next((s for s in reversed(same) if s.n == marker.n - 1), same[-1])
            while stack.pop() is not target:
                pass
        section = _section(view, marker, len(stack) + 1, stack[-1] if stack else None)
        stack.append(section)
        sections.append(section)
    return sections


def _nests(stack: list[Section], marker: Marker) -> bool:
    """An inline item 1 right inside an inline item 1 of the same style, on its line."""
    top = stack[-1] if stack else None
    return bool(
        top and marker.n == 1 and top.style == marker.style and top.inline and top.n == 1 and top.line == marker.line
    )


def _section(view: TextView, marker: Marker, level: int, parent: Section | None) -> Section:
    number_offset, number = view.original_slice(marker.start, marker.end)
    if marker.style in ("fujian", "zhi", "named", "part"):
        number = re.sub(r"[：:.、．，,\s]+$", "", number)
    title_start, title_end = _title_span(view, marker)
    return Section(
        level,
        number.strip(),
        clean(view.original_slice(title_start, title_end)[1]),
        number_offset,
        marker.start,
        title_end,
        marker.line,
        not marker.at_line_start,
        marker.style,
        parent,
        n=marker.n,
    )


def _title_span(view: TextView, marker: Marker) -> tuple[int, int]:
    """After the numbering up to 。；： or the line end; an attachment may use the next line."""
    if marker.title_end is not None:
        return (marker.end if marker.title_start is None else marker.title_start), marker.title_end
    line_end = view.line_bounds(marker.line)[1]
    stop = _TITLE_END.search(view.compact, marker.end, line_end)
    start, end = marker.end, _before_note(view.compact, marker.end, stop.start()) if stop else line_end
    if marker.style == "fujian" and end <= start:
        for number in range(marker.line + 1, min(marker.line + 4, len(view.line_starts))):
            line_start, line_stop = view.line_bounds(number)
            if line_stop > line_start:
                return line_start, line_stop
    return start, end


def _paragraph_sections(view: TextView, body_start: int, skip_lines: frozenset[int]) -> list[Section]:
    """No numbering at all: each body paragraph is an item at level 1."""
    sections = []
    for number, (start, end, line) in enumerate(view.lines()):
        if end <= body_start or number in skip_lines or not line or is_salutation(line) or _is_signature(line):
            continue
        start = max(start, body_start)
        stop = _TITLE_END.search(view.compact, start, end)
        title_end = stop.start() if stop else end
        offset, title = view.original_slice(start, title_end)
        sections.append(Section(1, "", clean(title), offset, start, title_end, view.line_index(start), False, "para"))
    return sections


def _is_signature(line: str) -> bool:
    """Signature, date and byline lines are not items; any other short line heads what follows: a part of the work
    ("回顾2023年工作成果", "展望2024年工作目标"), a project's name ("社区便民服务项目") or a state ("已完工项目")."""
    text = line.strip()
    if len(text) > 20 or re.search(r"[。，；！？：]", text) or _PART_NAME.search(text):
        return False
    return bool(_SIGNATURE.search(text))


# Words naming a part of a report, never a signature's unit or date.
_PART_NAME = re.compile(r"回顾|展望|成果|成效|目标|打算|安排|思路")
# A signing unit, a date, a document number, a telephone or a byline: what closes a notice or a news item.
_SIGNATURE = re.compile(
    r"(?:政府|办公室|办公厅|委员会|人大|政协|党委|党组|工委|管委会|指挥部|领导小组|办事处|[局院所]|主席团)$"
    r"|^[\d〇零一二三四五六七八九十○]{2,4}年[\d一二三四五六七八九十]{1,2}月(?:[\d一二三四五六七八九十]{1,3}日)?$"
    r"|^[\d\-－ ]{5,}$|〔\d{4}〕|特此|此件|记者|通讯员|编辑|责编|来源|作者|摄影?$|^\S{2,3}$"
)


def _close_regions(view: TextView, sections: list[Section]) -> None:
    """A section's region ends at the next section of the same or outer level."""
    open_sections: list[Section] = []
    for section in sections:
        while open_sections and open_sections[-1].level >= section.level:
            open_sections.pop().end = section.start
        open_sections.append(section)
    for section in open_sections:
        section.end = len(view.compact)
    for section in sections:
        if section.inline:
            section.end = min(section.end, view.line_bounds(section.line)[1])


def clean(text: str) -> str:
    """Strip, and drop stray spaces between Chinese characters (kept between Latin words)."""
    text = re.sub(r"(?<=[^\x00-\x7f])[ \t\u3000\xa0]+|[ \t\u3000\xa0]+(?=[^\x00-\x7f])", "", text.strip())
    return re.sub(r"\s+", " ", text)
