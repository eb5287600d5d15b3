"""Word's list number formats (w:numFmt): a counter value → the symbol Word shows.

Only what Chinese (and ordinary Western) documents use is spelled out; an unknown format
still shows as a decimal number, because Word always shows *something* for a counting
format and a decimal keeps the heading recognisable. Values past what a format can spell
fall back to decimal as Word does (①…⑳ then 21), and values no real list reaches (below
0, above Word's own ceiling) give None so the caller can drop the number altogether.
"""

MAX_VALUE = 32767  # Word's list counter ceiling: anything larger is a broken file.

_DIGITS = "〇一二三四五六七八九"
_LEGAL_SIMPLIFIED = ("零壹贰叁肆伍陆柒捌玖", "拾佰仟")
_LEGAL_TRADITIONAL = ("零壹貳參肆伍陸柒捌玖", "拾佰仟")
_PLAIN = ("零一二三四五六七八九", "十百千")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
_MAX_LETTER_REPEAT = 30


def format_number(value: int, fmt: str) -> str | None:
    """The symbol for `value` in numFmt `fmt`; "" for "none"; None if it cannot be shown."""
    if not 0 <= value <= MAX_VALUE:
        return None
    if fmt == "none":
        return ""
    special = _SPECIAL.get(fmt)
    return special(value) if special else str(value)


def _chinese_counting(value: int) -> str:
    """一…十, 十一, 二十一; from 100 on Word spells the digits (一〇〇)."""
    if value >= 100:
        return _digits(value)
    return _counting(value, _PLAIN, drop_leading_one=True)


def _counting(value: int, alphabet: tuple[str, str], *, drop_leading_one: bool) -> str:
    """一百零一, 一千零一十, 十一: grouped by 万, zeros said once, "一十" shortened when asked."""
    digits, units = alphabet
    if value == 0:
        return digits[0]
    high, low = divmod(value, 10_000)
    if high:
        rest = _below_ten_thousand(low, digits, units) if low else ""
        joint = digits[0] if low and low < 1000 else ""
        return _below_ten_thousand(high, digits, units) + "万" + joint + rest
    text = _below_ten_thousand(value, digits, units)
    if drop_leading_one and 10 <= value < 20:
        text = text[1:]
    return text


def _below_ten_thousand(value: int, digits: str, units: str) -> str:
    parts, pending_zero = [], False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = value // power % 10
        if digit:
            if pending_zero:
                parts.append(digits[0])
            parts.append(digits[digit] + unit)
            pending_zero = False
        elif parts:
            pending_zero = True
    return "".join(parts)


def _japanese_counting(value: int) -> str:
    """Japanese drops 一 before 十, 百 and 千 and never says 零 (百一, 千十)."""
    if value == 0:
        return _DIGITS[0]
    parts = []
    for power, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // power % 10
        if digit:
            parts.append(("" if digit == 1 and unit else _DIGITS[digit]) + unit)
    return "".join(parts) if value < 10_000 else _digits(value)


def _digits(value: int) -> str:
    return "".join(_DIGITS[int(c)] for c in str(value))


def _full_width(value: int) -> str:
    return "".join(chr(ord(c) + 0xFEE0) for c in str(value))


def _enclosed(first: int, last: int):
    """①…⑳-style symbols for 1..last, decimal beyond, as Word falls back."""

    def render(value: int) -> str:
        return chr(first + value - 1) if 1 <= value <= last else str(value)

    return render


def _cycle(symbols: str):
    def render(value: int) -> str:
        return symbols[(value - 1) % len(symbols)] if value else str(value)

    return render


def _sexagenary(value: int) -> str:
    if not value:
        return str(value)
    index = (value - 1) % 60
    return _STEMS[index % 10] + _BRANCHES[index % 12]


def _letters(upper: bool):
    """A…Z, AA…ZZ, AAA…: Word repeats the letter rather than counting in base 26."""

    def render(value: int) -> str:
        repeat, index = divmod(value - 1, 26)
        if not value or repeat >= _MAX_LETTER_REPEAT:
            return str(value)
        letter = chr((ord("A") if upper else ord("a")) + index)
        return letter * (repeat + 1)

    return render


def _roman(upper: bool):
    def render(value: int) -> str:
        if not 0 < value < 4000:
            return str(value)
        parts = []
        for amount, symbol in _ROMAN:
            count, value = divmod(value, amount)
            parts.append(symbol * count)
        text = "".join(parts)
        return text if upper else text.lower()

    return render


def _ordinal(value: int) -> str:
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def _legal(alphabet: tuple[str, str]):
    """壹拾, 壹佰零壹: the financial numerals keep the leading 壹."""

    def render(value: int) -> str:
        return _counting(value, alphabet, drop_leading_one=False)

    return render


def _thousand(value: int) -> str:
    return _counting(value, _PLAIN, drop_leading_one=True)


_SPECIAL = {
    "decimalZero": lambda value: f"{value:02d}",
    "decimalFullWidth": _full_width,
    "decimalFullWidth2": _full_width,
    "decimalEnclosedCircle": _enclosed(0x2460, 20),
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),
    "decimalEnclosedParen": _enclosed(0x2474, 20),
    "ideographEnclosedCircle": _enclosed(0x3220, 10),
    "chineseCounting": _chinese_counting,
    "taiwaneseCounting": _chinese_counting,
    "chineseCountingThousand": _thousand,
    "taiwaneseCountingThousand": _thousand,
    "japaneseCounting": _japanese_counting,
    "japaneseDigitalTenThousand": _japanese_counting,
    "ideographDigital": _digits,
    "taiwaneseDigital": _digits,
    "chineseLegalSimplified": _legal(_LEGAL_SIMPLIFIED),
    "ideographLegalTraditional": _legal(_LEGAL_TRADITIONAL),
    "ideographTraditional": _cycle(_STEMS),
    "ideographZodiac": _cycle(_BRANCHES),
    "ideographZodiacTraditional": _sexagenary,
    "upperLetter": _letters(upper=True),
    "lowerLetter": _letters(upper=False),
    "upperRoman": _roman(upper=True),
    "lowerRoman": _roman(upper=False),
    "ordinal": _ordinal,
}
