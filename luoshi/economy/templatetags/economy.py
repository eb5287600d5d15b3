"""The economy registers' template helpers: amounts in 万元 as a leader reads them, and the
liaison's part of the home page (`{% my_enterprises as mine %}`)."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def wan(value) -> str:
    """An amount in 万元 to two decimals at most, without trailing zeros: 12.5000 → "12.5"."""
    if value in (None, ""):
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"))
    return f"{amount.normalize():f}" if amount else "0"

