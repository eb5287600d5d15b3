"""HTMX helpers: render a fragment for HTMX calls, the whole page otherwise."""

from django.template.response import TemplateResponse


def is_partial(request) -> bool:
    """An HTMX request that wants a fragment (boosted requests want the whole page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted


def render_page(request, template: str, context: dict, *, partial: str | None = None, status: int = 200):
    name = f"{template}#{partial}" if partial and is_partial(request) else template
    return TemplateResponse(request, name, context, status=status)
