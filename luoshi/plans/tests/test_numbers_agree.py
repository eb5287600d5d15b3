"""Every number a leader reads agrees with the list it links to: the home page's headline (green,
yellow, red, 已办结, 待验收, unsigned), the plan page's table of lines, the chart's data, the battle
map and the API, for the same filter."""

import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from luoshi.plans import selectors, services, task_flow
from luoshi.plans.light_store import stale_lights
from luoshi.plans.models import Light, Task
from luoshi.plans.tests.factories import complete_task
from luoshi.progress import services as progress
from luoshi.progress.tests.factories import make_plan, make_task

TOTAL = re.compile(r"共 (\d+) 条")
HEADLINE = re.compile(r'data-ls-count="(\w+)"\s+href="([^"]+)">\s*<div class="ls-stat[^"]*">(\d+)</div>')
LINK = re.compile(r'href="(/tasks/\?[^"]*whole=1[^"]*)">(\d+)</a>')


@pytest.fixture
def plan(world):
    """A deployed plan with a task of every light and state, and a split one lit by its parts."""
    office, village = world.user("office"), world.user("village")
    plan = make_plan(world, timezone.localdate().year)
    today = timezone.localdate()
    line = services.line_create(actor=office, plan=plan, name="乡村振兴")
    green = make_task(world, plan, title="绿", line=line)
    progress.report_submit(actor=village, task=green, text="按期推进", percent=70)
    make_task(world, plan, title="红", line=line)  # 60 days without a report
    yellow = make_task(world, plan, title="黄", start=today - dt.timedelta(days=10),
                       deadline=today + dt.timedelta(days=5))
    progress.report_submit(actor=village, task=yellow, text="推进", percent=60)
    complete_task(world, make_task(world, plan, title="办结"))
    closing = services.task_sign(actor=village, task=make_task(world, plan, title="待验收"))
    task_flow.task_request_close(actor=village, task=closing, note="已完成")
    make_task(world, plan, title="待签收", start=today, deadline=today + dt.timedelta(days=60))
    whole = make_task(world, plan, unit="township", title="分解", deploy=False, line=line)
    services.task_split(actor=office, task=whole, units=[world.unit("village"),
                                                         world.unit("other_village_same_township")])
    services.task_deploy(actor=office, task=whole)
    services.plan_deploy(actor=office, plan=plan)
    return plan


def _total(client, url: str) -> int:
    return int(TOTAL.search(client.get(url).content.decode()).group(1))


@pytest.mark.parametrize("who", ["leader", "office"])
def test_each_headline_number_equals_the_list_it_opens(world, plan, client_as, who):
    client = client_as(who)
    page = client.get("/").content.decode()
    found = {key: (href.replace("&amp;", "&"), int(n)) for key, href, n in HEADLINE.findall(page)}
    assert set(found) == {"green", "yellow", "red", "done"}
    # green: 绿 and 待签收; red: 红, 待验收 (asked without a report) and 分解 (its parts are red)
    assert {key: n for key, (_href, n) in found.items()} == {"green": 2, "yellow": 1, "red": 3, "done": 1}
    for key, (href, number) in found.items():
        assert _total(client, href) == number, key
        api = client.get("/api/v1" + href.replace("/tasks/", "/tasks/", 1)).json()
        assert api["count"] == number, key
    for key in ("closing", "unsigned"):
        link = re.search(rf'href="([^"]+)" data-ls-count="{key}">[^<\d]*(\d+)', page)
        assert _total(client, link.group(1).replace("&amp;", "&")) == int(link.group(2)), key


def test_the_chart_the_plan_table_and_the_battle_map_count_what_the_headline_counts(world, plan, client_as):
    leader = world.user("leader")
    totals = selectors.light_totals(actor=leader, plan=plan)
    lines = selectors.counts_by_line_and_light(actor=leader, plan=plan)
    for light in (Light.GREEN, Light.YELLOW, Light.RED, Light.DONE):
        assert sum(row[light] for row in lines) == totals[light]
    rows = [row["task"] for group in selectors.battle_map(actor=leader, plan=plan)["groups"]
            for unit in group["units"] for row in unit["rows"]]
    assert {light: sum(1 for t in rows if t.light == light) for light in totals if light in Light.values} == {
        light: totals[light] for light in Light.values}
    client = client_as("leader")
    charts = json.loads(re.search(r'id="ls-dashboard-data" type="application/json">(.*?)</script>',
                                  client.get("/").content.decode(), re.S).group(1))
    chart = next(c for c in charts if c["key"] == "lights_by_line")  # reports.figures: a series per light
    red = next(s for s in chart["series"] if s["name"] == str(Light.RED.label))
    assert sum(p["value"] for p in red["points"]) == totals[Light.RED]
    for series in chart["series"]:  # each segment opens the list it counts
        for point in series["points"]:
            assert _total(client, point["url"]) == point["value"], point["url"]
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert len(LINK.findall(page)) >= 2  # the 乡村振兴 line's green and red counts at least
    for href, number in LINK.findall(page):
        assert _total(client, href.replace("&amp;", "&")) == int(number), href


def test_a_split_task_counts_once_with_its_worst_part(world, plan):
    whole = Task.objects.unscoped("test").get(plan=plan, title="分解")
    parts = list(Task.objects.unscoped("test").filter(parent=whole))
    assert len(parts) == 2 and whole.light == max((p.light for p in parts), key=[
        Light.GREEN, Light.YELLOW, Light.RED].index)
    assert "分解任务 2 项" in whole.light_reason and stale_lights() == []
