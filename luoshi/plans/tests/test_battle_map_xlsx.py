"""The battle map workbook names each light by the model's own label, whatever lights there are."""

import io

import openpyxl

from luoshi.plans.models import Light, Task
from luoshi.plans.tests.factories import make_plan, make_task


def test_the_workbook_shows_each_lights_label_and_survives_a_light_it_has_no_colour_for(world, client_as):
    plan, line = make_plan(world)
    red = make_task(world, plan, line, deploy=True, title="红灯任务")
    other = make_task(world, plan, line, deploy=True, title="新灯任务")
    Task.objects.unscoped("test").filter(pk=red.pk).update(light=Light.RED)
    Task.objects.unscoped("test").filter(pk=other.pk).update(light="done")  # a value the colours do not list
    response = client_as("office").get(f"/plans/{plan.pk}/battle-map.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    lights = {row[2]: row[5] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert lights["红灯任务"] == str(Light.RED.label) and lights["新灯任务"]
