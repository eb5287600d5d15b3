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


def test_text_is_written_as_text_never_as_a_hyperlink(world, client_as):
    plan, line = make_plan(world)
    titles = ["https://www.gov.cn/申报系统填报", "mailto:office@example.gov.cn 报送", "ftp://10.0.0.1/资料"]
    for title in titles:
        make_task(world, plan, line, deploy=True, title=title)
    response = client_as("office").get(f"/plans/{plan.pk}/battle-map.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = {cell.value: cell for row in sheet.iter_rows(min_row=4) for cell in row if cell.value in titles}
    assert set(cells) == set(titles)
    assert all(cell.hyperlink is None and cell.data_type == "s" for cell in cells.values())
