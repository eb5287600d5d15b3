"""A light on a page, read from `plans.light_style` (its name is the model's label): the Bootstrap
tone of a badge or border (`light_class`), the name of a bare light value such as a problem's
(`light_label`; a task has `task.get_light_display`), a split task's parts by light
(`part_lights`) and the lights a count shows, in order (`{% shown_lights as lights %}`)."""

from django import template

from luoshi.plans import light_style
from luoshi.plans.models import Recurrence, TaskStatus

register = template.Library()


@register.filter
def light_class(light: str) -> str:
    """green → success, … ; an unlit or unknown light → secondary."""
    return light_style.style(light).tone


@register.filter
def light_label(light: str) -> str:
    return light_style.style(light).label


@register.filter
def status_label(status: str) -> str:
    """A task's status in words: `TaskStatus(value).label`, without the model's get_status_display,
    which rebuilds its choices on every call (a list of 50 tasks paid ~6 ms for it)."""
    try:
        return str(TaskStatus(status).label)
    except ValueError:
        return status


@register.filter
def recurrence_label(recurrence: str) -> str:
    try:
        return str(Recurrence(recurrence).label)
    except ValueError:
        return recurrence


@register.simple_tag
def shown_lights() -> tuple:
    """The styles of green, yellow, red and 已办结, the order of every count by light."""
    return light_style.SHOWN


@register.filter
def part_lights(counts: dict) -> list:
    """[(style, count)] of a split task's parts: every colour, 办结 only when some part is done."""
    return light_style.part_counts(counts or {})
