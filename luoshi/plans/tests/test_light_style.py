"""A light's name and look are written once: names on `plans.models.Light`, tones and colours in
`plans/light_style.py`; pages, workbooks, the chart and the API read them from there."""

import io
import json
import re
from pathlib import Path

import openpyxl
from django.template import Context, Template
from django.test import Client

from luoshi.org import services as org_services
from luoshi.plans import light_style, services
from luoshi.plans.models import Light, Task
from luoshi.plans.tests.factories import make_plan, make_task

ROOT = Path(light_style.__file__).resolve().parents[1]  # luoshi/
# The only modules that may spell a light's Chinese name or colour. Keep this list at these two: a page,
# a workbook or a script that needs a light's name or colour reads it from light_style.
ALLOWED = {"plans/models.py", "plans/light_style.py"}
NAMES = [str(s.label) for s in (light_style.GREEN, light_style.YELLOW, light_style.RED)]  # 绿灯 黄灯 红灯
COLOURS = sorted({c.lower() for s in (*light_style.SHOWN, light_style.NONE) for c in (s.colour, s.fill) if c})
_HAN = "\u4e00-\u9fff"
# A name standing alone (a badge's text, a string, a choice) — not inside a phrase: 为什么是红灯, 红灯任务.
SPELLED = re.compile(rf"(?<![{_HAN}])(?:{'|'.join(NAMES)})(?![{_HAN}])|(?:{'|'.join(COLOURS)})(?![0-9a-f])", re.I)


def _sources():
    for path in sorted(ROOT.rglob("*")):
        relative = path.relative_to(ROOT).as_posix()
        parts = set(path.parts)
        if (path.suffix in {".py", ".html", ".js"} and not {"tests", "migrations"} & parts
                and not relative.startswith("static/vendor/")):
            yield relative, path.read_text(encoding="utf-8")


def test_no_module_but_the_two_spells_a_lights_name_or_colour():
    found = {f"{name}:{text[:m.start()].count(chr(10)) + 1}: {m.group()}"
             for name, text in _sources() if name not in ALLOWED for m in SPELLED.finditer(text)}
    assert found == set()
    assert len(ALLOWED) == 2


def test_the_scan_sees_a_spelled_light_and_leaves_phrases_alone():
    assert SPELLED.search('{% if light == "red" %}红灯{% endif %}')
    assert SPELLED.search("itemStyle: { color: '#DC3545' }")
    assert not SPELLED.search("为什么是红灯 · 二、红灯任务 · 逾期或红灯 · 红黄绿灯")


def test_every_light_has_a_look_and_an_unknown_one_is_unlit():
    assert {s.light for s in light_style.SHOWN} | {Light.NONE} == set(Light)
    assert light_style.style("red") is light_style.RED and light_style.style("purple") is light_style.NONE
    assert light_style.style(None).tone == "secondary"
    assert light_style.counts_text({"green": 2, "yellow": 0, "red": 1, "done": 0}) == "绿 2 黄 0 红 1"
    assert light_style.counts_text({"green": 0, "yellow": 0, "red": 0, "done": 3}) == "绿 0 黄 0 红 0 办结 3"


def test_the_template_tags_read_the_style():
    page = Template('{% load lights %}{{ "yellow"|light_class }} {{ "yellow"|light_label }} {{ ""|light_class }}'
                    ).render(Context())
    assert page == f"{light_style.YELLOW.tone} {light_style.YELLOW.label} secondary"


def test_the_home_chart_gets_its_colours_from_the_page(world, client_as):
    plan, line = make_plan(world)
    make_task(world, plan, line, deploy=True)
    services.plan_deploy(actor=world.user("office"), plan=plan)
    page = client_as("leader").get("/").content.decode()
    charts = json.loads(re.search(r'id="ls-dashboard-data" type="application/json">(.*?)</script>', page,
                                  re.S).group(1))
    chart = next(c for c in charts if c["key"] == "lights_by_line")  # the dashboard's (reports.figures)
    assert [(s["name"], s["colour"]) for s in chart["series"]] == [(s["label"], s["colour"])
                                                                  for s in light_style.as_json()]


def test_the_battle_map_workbook_fills_a_light_with_its_style(world, client_as):
    plan, line = make_plan(world)
    task = make_task(world, plan, line, deploy=True, title="亮灯任务")
    Task.objects.unscoped("test").filter(pk=task.pk).update(light=Light.RED)
    response = client_as("office").get(f"/plans/{plan.pk}/battle-map.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cell = next(row[5] for row in sheet.iter_rows(min_row=4) if row[2].value == "亮灯任务")
    assert cell.value == light_style.RED.label
    assert cell.fill.fgColor.rgb.upper().endswith(light_style.RED.fill[1:].upper())


def test_the_api_lists_the_lights_for_any_login(world):
    _token, raw = org_services.token_create(actor=world.user("village"), name="测试")
    answer = Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/lights/")
    assert answer.status_code == 200 and answer.json() == light_style.as_json()
    assert [item["value"] for item in answer.json()] == ["green", "yellow", "red", "done"]
    assert Client().get("/api/v1/lights/").status_code == 401
