"""A problem's light is a task's light: the same names and looks (`plans.light_style`)."""

from django.template import Context, Template

from luoshi.plans import light_style
from luoshi.plans.models import Light
from luoshi.supervision.ledgers import _light_text
from luoshi.supervision.problem_flow import problem_light
from luoshi.supervision.tests.factories import make_problem


def test_a_problems_light_is_a_tasks_light_and_its_page_and_ledger_name_it_so(world, client_as):
    problem = make_problem(world)
    light, reason = problem_light(problem)
    assert isinstance(light, Light)
    page = client_as("office").get(f"/problems/{problem.pk}/").content.decode()
    assert f'text-bg-{light_style.style(light).tone}" data-light="{light.value}"' in page
    assert f">{light_style.style(light).label}</span>" in page
    assert _light_text(problem) == f"{light_style.style(light).label}：{reason}"


def test_a_slips_colour_takes_the_tone_of_the_light_of_its_name():
    page = Template('{% load supervision %}{{ "red"|colour_class }} {{ "yellow"|colour_class }} '
                    '{{ "blue"|colour_class }} {{ "grey"|colour_class }}').render(Context())
    assert page == f"{light_style.RED.tone} {light_style.YELLOW.tone} primary secondary"
