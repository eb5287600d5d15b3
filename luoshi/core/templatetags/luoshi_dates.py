"""Dates as people read them: `{{ task.deadline|short_date }}` is "12月31日" this year and
"2025年12月31日" in any other, so a deadline of last year is never taken for this year's."""

import datetime as dt

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _

register = template.Library()

THIS_YEAR, OTHER_YEAR = _("n月j日"), _("Y年n月j日")  # date formats (Django's letters)


@register.filter
def short_date(value) -> str:
    """A date or datetime (shown in local time); "" for none."""
    if not isinstance(value, dt.date):
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    shape = THIS_YEAR if value.year == timezone.localdate().year else OTHER_YEAR
    return dateformat.format(value, str(shape))
