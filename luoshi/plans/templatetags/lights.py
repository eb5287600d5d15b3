"""A light's colour on a page: one map from `Light` to Bootstrap's tones, read by every template
that shows a light (its Chinese name is the model's: `task.get_light_display`)."""

from django import template

from luoshi.plans.models import Light

register = template.Library()

TONES = {Light.RED: "danger", Light.YELLOW: "warning", Light.GREEN: "success", Light.DONE: "primary"}


@register.filter
def light_class(light: str) -> str:
    return TONES.get(light or "", "secondary")
