"""`{% reportable_tasks as tasks %}`: the open tasks of the person viewing the page, so the home
page includes `progress/_my_tasks.html` without any change to its view."""

from django import template

from luoshi.plans.models import Task

register = template.Library()
LIMIT = 30


@register.simple_tag(takes_context=True)
def reportable_tasks(context):
    from luoshi.progress.selectors import reportable_tasks as select

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not Task.policy.allows(user, "report"):
        return []
    return list(select(actor=user)[:LIMIT])


@register.filter
def light_class(light: str) -> str:
    return {"red": "danger", "yellow": "warning", "green": "success"}.get(light or "", "secondary")


@register.simple_tag(takes_context=True)
def task_reports(context, task, limit=None):
    """The reports of `task` the viewer may see (the latest `limit`), with values and attachments
    (constant queries)."""
    from luoshi.progress.selectors import reports_for_task

    return reports_for_task(actor=context["request"].user, task=task, limit=limit)


@register.simple_tag
def task_light(task):
    """Why `task` has its light: reasons, 序时进度, the history of its reporting periods."""
    from luoshi.progress.selectors import light_explanation

    return light_explanation(task)
