"""`{% my_urges as urges %}`: the open supervision slips of the person viewing the page, so the
home page shows them on top with one include and no change to its view."""

from django import template

from luoshi.supervision.models import Urge

register = template.Library()
COLOUR_CLASS = {"red": "danger", "yellow": "warning", "blue": "primary"}


@register.simple_tag(takes_context=True)
def my_urges(context):
    from luoshi.supervision.selectors import my_open_urges

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not Urge.policy.allows(user, "view"):
        return []
    return my_open_urges(actor=user)


@register.filter
def colour_class(colour: str) -> str:
    """Bootstrap's name for an urge colour (blue → primary) or a light (green → success)."""
    return COLOUR_CLASS.get(colour or "", {"green": "success"}.get(colour or "", "secondary"))


@register.simple_tag(takes_context=True)
def task_urges(context, task):
    """The slips issued on a task, for its detail page's timeline (read within the viewer's scope)."""
    from luoshi.supervision.selectors import task_urges as select

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not Urge.policy.allows(user, "view"):
        return []
    return select(actor=user, task=task)
