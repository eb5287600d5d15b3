"""Template helpers used across apps: masking, page links that keep the filters, model names and
old audit messages in Chinese."""

from django import template
from django.apps import apps
from django.utils.safestring import mark_safe

from luoshi.core import audit
from luoshi.core import panels as page_panels
from luoshi.core.listing import PAGE_SIZES, pager_markup
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


@register.simple_tag(takes_context=True)
def panels(context, slot: str, region: str) -> str:
    """The panels the apps above registered in this page's slot (core/panels.py), each rendered with
    the page's context, as `{% include %}` would."""
    out = []
    for panel in page_panels.slot(slot).of(region):
        template = context.template.engine.get_template(panel.template)
        with context.push(**panel.extra):
            out.append(template.render(context))
    return mark_safe("".join(out))  # each part is a rendered template, escaped as it rendered


@register.simple_tag
def page_sizes():
    return PAGE_SIZES


@register.simple_tag(takes_context=True)
def pager(context, listing):
    """A list's foot: its total, page size and page links (core.listing.pager_markup)."""
    return pager_markup(context["request"], listing)


# Query parameters that arrange a list rather than narrow it.
NOT_FILTERS = frozenset({"page", "page_size", "sort", "cols"})


@register.simple_tag(takes_context=True)
def is_filtered(context) -> bool:
    """Whether the list on this page is narrowed by a search or filter (an empty list then says "clear filters")."""
    request = context.get("request")
    if request is None:
        return False
    return any(value for key, value in request.GET.items() if key not in NOT_FILTERS)


@register.filter
def model_name(label: str) -> str:
    """"org.user" → "用户": the model's verbose name, or the label itself when no such model exists."""
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


@register.filter
def audit_message(entry) -> str:
    """An audit entry's message as the log pages show it: a legacy English one in Chinese."""
    return audit.message_shown(entry.action, entry.message)
