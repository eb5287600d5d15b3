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



@register.simple_tag(takes_context=True)
def my_enterprises(context) -> dict:
    """The enterprises the viewer is 驻企联络员 of and their open demands (empty for anyone else)."""
    from luoshi.economy.selectors import liaison_home

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return liaison_home(actor=user)


@register.filter
def enterprise_status(value: str) -> str:
    """A production status's name (正常生产, 停产, 已复工, 已达产)."""
    from luoshi.economy.models import EnterpriseStatus

    return str(EnterpriseStatus(value).label) if value in EnterpriseStatus.values else value
