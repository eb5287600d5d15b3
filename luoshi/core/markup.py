"""Markup built in Python for the rows of a long page (the plan page's board, the battle map's grid):
the template's escaping and number formatting without their per-call cost."""

import html
from decimal import ROUND_HALF_UP, Context, Decimal

_STEPS = {places: Decimal(1).scaleb(-places) for places in range(7)}


def escape(value) -> str:
    """As the template's autoescape (django.utils.html.escape) without its SafeString and lazy
    wrapping, which for a page of a few thousand values cost more than the escaping itself."""
    return html.escape(str(value))


def number_text(value, places: int = 2) -> str:
    """As `{{ value|floatformat:"-2" }}` in this site's language (no grouping, "." before the
    decimals): a whole number without decimals, any other rounded half up to `places`. The filter
    parses, checks and localises each value (~30 µs); a board of 46 targets and their shares
    formats hundreds. `core.tests.test_markup` holds the two equal."""
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if not d.is_finite():
        return str(value)
    if d == d.to_integral_value():
        return str(int(d))
    rounded = d.quantize(_STEPS[places], ROUND_HALF_UP, Context(prec=max(28, places + len(d.as_tuple().digits) + 1)))
    text = f"{rounded:f}"
    return text[1:] if text[0] == "-" and not rounded else text  # "-0.00": the filter drops the sign
