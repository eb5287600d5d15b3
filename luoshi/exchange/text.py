"""Text clean-up shared by header matching, row reading and deadline parsing.

Township workbooks are typed by hand in Chinese input methods, so the same word arrives
with full-width digits, ideographic spaces, line breaks and stray marks. These helpers
turn cell values into comparable text without touching Chinese punctuation in the
content itself (a task description keeps its "，" and "。").
"""

import datetime
import re
import unicodedata

__all__ = [
    "cell_text",
    "column_index",
    "column_letter",
    "compact",
    "fold_width",
    "header_key",
    "is_blank",
    "section_name",
]

# Full-width ASCII variants (！ to ～) sit at a fixed offset from ASCII; the ideographic
# space is separate. Only letters and digits are folded: Chinese punctuation is content.
_FULLWIDTH_ALNUM = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code - 0xFEE0).isalnum()}
_FULLWIDTH_ALNUM[0x3000] = 0x20

_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200b\u3000\ufeff]+")
_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c]")
_STRIP = " \t\r\n\x0b\x0c\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff"
_PLACEHOLDERS = frozenset({"/", "-", "—", "——", "－", "、", "\\", "／"})

# Marks people add to headers: "*牵头单位", "牵头单位（必填）", "完成时限(年月日)".
_HEADER_MARKS = re.compile(r"[*＊★☆※:：#]|[（(【\[〔][^）)】\]〕]*[）)】\]〕]")
_ANY_SPACE = re.compile(r"\s+")

_CN = "一二三四五六七八九十"  # i18n: input
SECTION_NUMBER = re.compile(rf"^([{_CN}]+[、.．]|[（(][{_CN}]+[)）]|第[{_CN}\d]+(部分|篇|章|节|类|项|条)[、.．:：]?)")
_SECTION_COUNT = re.compile(r"[（(](共|计)?\d+[项个条件][^）)]{0,4}[）)]$")


def fold_width(text: str) -> str:
    """Full-width letters, digits and spaces to ASCII, keeping Chinese punctuation."""
    return text.translate(_FULLWIDTH_ALNUM)


def cell_text(value: object) -> str:
    """A cell value as clean text: numbers without ".0", dates in ISO, lines trimmed.

    Line breaks inside a cell are kept (a requirement may list points on separate lines)
    but blank lines and stray spaces are dropped; a lone "/" or "—" means "nothing".
    """
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"  # i18n: input (a ticked box read as the word a cell would hold)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    text = str(value)
    if text.isprintable() and "  " not in text:  # the common case, without regexes
        text = text.strip()
    else:
        lines = (_SPACES.sub(" ", line).strip() for line in _BREAKS.sub("\n", text).split("\n"))
        text = "\n".join(line for line in lines if line)
    return "" if text in _PLACEHOLDERS else text


def is_blank(value: object) -> bool:
    """True for empty cells, whitespace and placeholder dashes."""
    if value is None or value == "":
        return True
    if not isinstance(value, str):
        return False
    stripped = value.strip(_STRIP)
    return not stripped or stripped in _PLACEHOLDERS


def compact(value: object) -> str:
    """Cell text with every space and line break removed and width folded, for keywords."""
    return _ANY_SPACE.sub("", fold_width(cell_text(value)))


def header_key(value: object) -> str:
    """A header as a comparable key: no spaces, marks or parenthetical remarks."""
    text = unicodedata.normalize("NFKC", cell_text(value))
    return _ANY_SPACE.sub("", _HEADER_MARKS.sub("", text)).lower()


def column_letter(index: int) -> str:
    """0-based column index to the Excel letter (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letter: str) -> int:
    """Excel column letter to a 0-based index (A → 0)."""
    index = 0
    for char in letter.upper():
        index = index * 26 + ord(char) - 64
    return index - 1


def section_name(text: str) -> str:
    """A heading without its numbering or count: "一、经济发展专线（共5项）" → "经济发展专线"."""
    return _SECTION_COUNT.sub("", SECTION_NUMBER.sub("", text)).strip() or text
