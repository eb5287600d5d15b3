"""The task list's light cell (plans.ledgers._light_cell), its badge kept per light and language: the markup
plans/_light.html's badge had, the task's reason escaped in its title."""

from types import SimpleNamespace

import pytest
from django.utils.html import format_html

from luoshi.plans.ledgers import _light_cell
from luoshi.plans.models import TaskStatus
from luoshi.plans.templatetags.lights import light_class, light_label


@pytest.mark.parametrize("light", ["green", "yellow", "red", "done"])
@pytest.mark.parametrize("reason", ['逾期 3 天 <b>"A&B\'</b>', "", None])
def test_a_lit_tasks_badge(light, reason):
    task = SimpleNamespace(light=light, light_reason=reason, status=TaskStatus.SIGNED)
    expected = format_html('<span class="badge text-bg-{}" data-light="{}" title="{}">{}</span>',
                           light_class(light), light, reason, light_label(light))
    assert _light_cell(task) == expected
    closing = SimpleNamespace(light=light, light_reason=reason, status=TaskStatus.CLOSING)
    assert _light_cell(closing).startswith(expected) and "data-closing" in _light_cell(closing)
