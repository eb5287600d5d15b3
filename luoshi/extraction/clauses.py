"""Cut a paragraph into parts (sentences and ；-pieces) and parts into clauses (，-pieces).

A part is the scope in which a strength word, a deadline or a tense carries over; a
clause is what a target's `text` is. "、" splits only between listed quantities
("家庭农场×家、市级…×家"), not inside a list of names ("路村、庙口、大屯").
"""

import re
from dataclasses import dataclass, field

from .numbers import QUANTITY

# U+2028 is a line break inside a table cell (see docx_tables.py): it ends a part too.
# A weekday added to a date ("4月20日（星期五）前") stays inside its clause.
_PART_END = re.compile(
    r"[。！？；\u2028]|…+|(?=（(?!(?:星期|周)[一二三四五六日天]）))|(?<=）)(?<!（星期[一二三四五六日天]）)(?<!（周[一二三四五六日天]）)"
)
_CLAUSE_END = re.compile(r"[，：]")
# An abbreviation ("增加值（GDP）") or an alternative of the name's last word ("街（镇）", "村（社区）",
# "停车场（位）") in brackets belongs to the name: no part ends there.
# So does one character inside a word, an alternative of its own ("制（修）定"), but no item's number ("（一）").
_NAME_WORDS = r"（(?:[A-Za-z]{2,10}|[镇乡村居点位区场站所室]|街道|社区|中心|单位|部门|企业)）"
_IN_WORD = r"(?<=[\u4e00-\u9fff])（(?![一二三四五六七八九十])[\u4e00-\u9fff]）"
_ABBREVIATION = re.compile(rf"{_NAME_WORDS}|{_IN_WORD}(?=[\u4e00-\u9fff])")
# (searched up to the bracket's end, where the word's next character is out of reach)
_ABBREVIATION_BEFORE = re.compile(rf"(?:{_NAME_WORDS}|{_IN_WORD})$")
_LIST_JOINT = re.compile(r"、|以及|和|及")
_PHASE = re.compile(r"[一二三四五六七八九十]期")
_WHEN = r"(?:\d{1,2}月(?:底|末|份|中旬|上旬|下旬)?|年底|年末|年内|[一二三四]季度)(?:前|之前)?"
_DATED_DONE = re.compile(_WHEN + r"(?:主体)?(?:开工|动工|建成|完工|竣工|投产|通车|投用|投入使用|交付|完成|开园|开业)$")
_DATE_AHEAD = re.compile(r"(?:明年|今年|次年|\d{4}年)?" + _WHEN)
# The figures of one firm, joined by "、" before the name they describe ("投资5.8亿元、年交利税不低于2500万的X有限
# 公司"); not counted works ("2个污水站、5个村的公厕和8个垃圾池项目").
_ONE_NAMED = re.compile(
    r"(?![\d.]+[个座处条所家])[^，。；：的、]{1,16}的[^，。；：、和]{2,30}?(?:有限公司|公司|集团|工厂)"
)
# 和/及 joins two items only when a quantity of the second item follows in the clause.
_QUANTITY_AHEAD = re.compile(r"\d|[一二两三四五六七八九十百千万][个项座所栋家户条亩公]")
_QUOTES = re.compile(r"“[^”\n]{0,40}”|《[^》\n]{0,60}》|\"[^\"\n]{0,40}\"|「[^」\n]{0,40}」|‘[^’\n]{0,40}’")


@dataclass(frozen=True)
class Clause:
    """A comma-level piece of text at compact offsets start..end."""

    start: int
    end: int
    text: str
    group: tuple[int, int] = (0, 0)  # the comma-level clause a "、"-piece belongs to


@dataclass
class Part:
    """A sentence or ；-piece, with its clauses in order."""

    start: int
    end: int
    text: str
    clauses: list[Clause] = field(default_factory=list)


def split_parts(text: str, start: int, end: int) -> list[Part]:
    """Parts of compact `text[start:end]` (one paragraph)."""
    parts, begin = [], start
    for match in _PART_END.finditer(text, start, end):
        if not match.group() and (
            _ABBREVIATION.match(text, match.start()) or _ABBREVIATION_BEFORE.search(text, begin, match.start())
        ):
            continue  # "增加值（GDP）4.5亿元": an abbreviation in brackets belongs to the name
        _add_part(parts, text, begin, match.start())
        begin = match.end()
    _add_part(parts, text, begin, end)
    return parts


def _add_part(parts: list[Part], text: str, start: int, end: int) -> None:
    if end > start:
        part = Part(start, end, text[start:end])
        part.clauses = _split_clauses(text, start, end)
        parts.append(part)


def _split_clauses(text: str, start: int, end: int) -> list[Clause]:
    clauses, begin = [], start
    for match in _CLAUSE_END.finditer(text, start, end):
        clauses.extend(_split_listed(text, begin, match.start()))
        begin = match.end()
    clauses.extend(_split_listed(text, begin, end))
    return clauses


def _split_listed(text: str, start: int, end: int) -> list[Clause]:
    """Split at "、" (or 和, 及, 以及) that directly follows a quantity, or at a "、" that a quantity
    follows (or 和, 及) when the piece before has one: items sharing a verb ("新建村级公路12公里及桥梁3座",
    "新建2个污水站、3个垃圾中转站") are several targets."""
    pieces, begin = [], start
    for match in _LIST_JOINT.finditer(text, start, end):
        index = match.start()
        if index < begin:
            continue
        tail = text[begin:index]
        if match.group() == "、" and _ONE_NAMED.match(text, match.end(), end):
            continue  # "投资5.8亿元、年交利税不低于2500万的X有限公司": figures of one firm, not items
        if match.group() == "、" and _DATED_DONE.search(tail) and _DATE_AHEAD.match(text, match.end(), end):
            # a project's milestones: "计划今年4月开工、明年6月建成" is two
            pieces.append(Clause(begin, index, tail, (start, end)))
            begin = match.end()
            continue
        # a phase in a project's name ("江临职业学院二期、祝丘河整治") is no quantity to split after
        ends = [quantity.end() for quantity in QUANTITY.finditer(tail) if not _PHASE.fullmatch(quantity.group())]
        if ends and ends[-1] == len(tail) and (match.group() == "、" or _QUANTITY_AHEAD.search(text, match.end(), end)):
            pieces.append(Clause(begin, index, tail, (start, end)))
            begin = match.end()
        elif ends and QUANTITY.match(text, match.end(), end):
            # counts before their nouns: "新建2个污水站、3个垃圾中转站" (和 5个…) is two items of one verb
            pieces.append(Clause(begin, index, tail, (start, end)))
            begin = match.end()
    if end > begin:
        pieces.append(Clause(begin, end, text[begin:end], (start, end)))
    return pieces


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted names and slogans (“十一条”, 《…》), whose numbers are not targets; words someone says, closing on a
    sentence's end (“我们去年12月底进场施工，预计今年6月中旬能够完成厂房建设。”), are reported speech, read as text."""
    return [(m.start(), m.end()) for m in _QUOTES.finditer(text, start, end) if not _SPEECH.search(m.group())]


_SPEECH = re.compile(r"[。！？][”\"」’]$")


def in_slogan(text: str, start: int, quotes) -> bool:
    """ "“年初建账、逐月查账、年底交账”的督查制度": a quoted series of short duties names a rule; put in force by the
    verb before it ("坚持“一季度一观摩、一月一调度”", round 15), it is the duties themselves."""
    return any(a <= start < b and "、" in text[a:b] and not _in_force(text, a, b) for a, b in quotes)


_IN_FORCE = re.compile(r"(?:坚持|实行|推行|执行|落实)$")
_NAMES_SYSTEM = re.compile(r"的?[^，。；]{0,6}?(?:制度|机制|办法|模式)")


def _in_force(text: str, start: int, end: int) -> bool:
    """A quoted series right after a verb putting it in force, and naming no system after it."""
    return bool(_IN_FORCE.search(text, max(0, start - 4), start)) and not _NAMES_SYSTEM.match(text, end)


def quoted(position: int, quotes) -> bool:
    """Whether `position` is inside one of the quotes (`quote_spans`)."""
    return any(a <= position < b for a, b in quotes)
