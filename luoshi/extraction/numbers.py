"""Numbers as the genre writes them: Arabic, Chinese numerals, placeholders, with units.

A quantity is number + (万/亿) + unit, with the qualifiers around it (不少于…以上…余).
Works on the folded compact text (see textview), so full-width digits are ASCII already.
"""

import re
from dataclasses import dataclass

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE = {"万": 10_000, "亿": 100_000_000}
PLACEHOLDER_CHARS = "X×*＊"

# Longest first, so 人次 wins over 人 and 个百分点 over 个.
UNITS = sorted(
    [
        "个百分点",
        "个工作日",
        "微克/立方米",
        "平方公里",
        "平方米",
        "立方米",
        "公顷",
        "公里",
        "千米",
        "千瓦",
        "千瓦时",
        "兆瓦",
        "兆瓦时",
        "美元",
        "亿元",
        "元",
        "亩",
        "吨",
        "米",
        "㎡",
        "km",
        "人次",
        "人",
        "名",
        "户",
        "家",
        "个",
        "处",
        "件",
        "栋",
        "座",
        "所",
        "条",
        "项",
        "间",
        "套",
        "台",
        "辆",
        "眼",
        "盏",
        "块",
        "口",
        "张",
        "宗",
        "箱",
        "场",
        "次",
        "批",
        "轮",
        "期",
        "支",
        "头",
        "只",
        "羽",
        "尾",
        "公斤",
        "千克",
        "斤",
        "株",
        "棵",
        "篇",
        "册",
        "份",
        "天",
        "小时",
        "%",
        "‰",
        "倍",
    ],
    key=len,
    reverse=True,
)
_UNIT_RE = "|".join(re.escape(unit) for unit in UNITS)
# 部 counts lifts, phones, films ("增设电梯200部"), not 部门, 部分, 部署 or 部长.
_UNIT_RE += r"|部(?![门分署队位件长委级])"
_CN_RE = "[零〇一二两三四五六七八九十百千万亿]*[零〇一二两三四五六七八九十百千]"
PRE_QUALIFIERS = ("不少于", "不低于", "不超过", "不高于", "超过", "高于", "低于", "至少", "近", "约", "超")
POST_QUALIFIERS = ("以上", "以内", "以下", "左右", "余", "多")

QUANTITY = re.compile(
    rf"(?P<pre>{'|'.join(PRE_QUALIFIERS)})?"
    rf"(?P<num>(?<![\d.A-Za-z])\d+(?:\.\d+)?|[{PLACEHOLDER_CHARS}]+(?:\.[{PLACEHOLDER_CHARS}]+)?|{_CN_RE})"
    r"(?P<approx>余|多)?"
    r"(?P<mult>万|亿)?"
    r"(?P<approx2>余|多)?"  # "5万余株", "3万多头": the approximation after the multiplier
    rf"(?P<unit>{_UNIT_RE})"
    rf"(?P<post>{'|'.join(POST_QUALIFIERS)})?"
)


@dataclass(frozen=True)
class Quantity:
    """One number with its unit, found at compact offsets start..end."""

    start: int
    end: int
    num_start: int
    raw: str
    value: float | int | None
    unit: str
    qualifier: str | None
    chinese: bool


def parse_chinese_number(text: str) -> int | None:
    """一百二十 → 120, 两 → 2, 十一 → 11, 一万二千 → 12000; None for 一三五 or 三五."""
    total, section, digit = 0, 0, None
    for char in text:
        if char in "零〇":
            digit = None
        elif char in _CN_DIGITS:
            if digit is not None:
                return None
            digit = _CN_DIGITS[char]
        elif char in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[char]
            digit = None
        else:
            total = (total + section + (digit or 0)) * _CN_LARGE[char]
            section, digit = 0, None
    return total + section + (digit or 0)


def number_value(raw: str) -> float | int | None:
    """The value as a JSON number; None for a placeholder or something unreadable."""
    if raw[0] in PLACEHOLDER_CHARS:
        return None
    if raw[0].isdigit():
        value = float(raw)
        return int(value) if value.is_integer() and "." not in raw else value
    return parse_chinese_number(raw)


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every well-formed quantity in `text` (compact), offsets shifted by `offset`."""
    found = []
    for match in QUANTITY.finditer(text):
        raw = match["num"]
        value = number_value(raw)
        chinese = not (raw[0].isdigit() or raw[0] in PLACEHOLDER_CHARS)
        if chinese and (value is None or raw in ("千", "百", "万", "亿")):
            continue
        if raw[0] in PLACEHOLDER_CHARS and match["unit"] == "项" and text[match.end() : match.end() + 1] == "目":
            continue  # "XX项目计划4月开工": a project's name written with a placeholder, not "×项"
        unit = (match["mult"] or "") + match["unit"]
        qualifier = match["pre"] or match["approx"] or match["approx2"] or match["post"]
        found.append(
            Quantity(
                match.start() + offset,
                match.end() + offset,
                match.start("num") + offset,
                raw,
                value,
                unit,
                qualifier,
                chinese,
            )
        )
    return found
