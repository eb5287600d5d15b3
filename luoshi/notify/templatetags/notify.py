from django import template

from luoshi.notify import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context, limit: int = 5) -> dict:
    """{% unread_notifications as unread %} → {"count": N, "items": [...]} for the home partial."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {"count": 0, "items": []}
    return {"count": selectors.unread_count(actor=user), "items": selectors.unread(actor=user, limit=limit)}
