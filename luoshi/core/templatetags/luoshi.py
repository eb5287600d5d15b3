"""Template helpers used across apps: masking, page links that keep the filters."""

from django import template

from luoshi.core.listing import PAGE_SIZES
from luoshi.core.masking import mask_id_card, mask_phone

register = template.Library()
register.filter("mask_phone", mask_phone)
register.filter("mask_id_card", mask_id_card)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed (pagination, sorting)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def page_sizes():
    return PAGE_SIZES
