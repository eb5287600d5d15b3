"""Template helpers of the field side: a task's reports and why it has its light."""

from django import template

register = template.Library()


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
