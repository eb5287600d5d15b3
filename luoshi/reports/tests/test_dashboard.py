"""The leader's dashboard: every element of every chart opens the list of records behind it, and that
list shows the element's number (a count on a ledger's list or the urges, a sum of amounts, a roll
call's people, a unit's score). Checked on the demo, where every chart has data."""

import dataclasses
import json
import re
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext

from luoshi.ledgers import registry
from luoshi.ledgers.selectors import parse_state, rows
from luoshi.plans import selectors as plan_selectors
from luoshi.reports import figures

TOTAL = re.compile(r"共 (\d+) 条")
DATA = re.compile(r'id="ls-dashboard-data" type="application/json">(.*?)</script>', re.S)
CHARTS = {"lights_by_line", "lights_by_unit", "on_time", "trend", "urges", "problems", "roll_call", "ranking",
          "projects", "income"}


def _total(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return int(TOTAL.search(response.content.decode()).group(1))


def _check(client, actor, chart: dict, series: dict, value, url: str) -> None:
    path, query = urlsplit(url).path, parse_qs(urlsplit(url).query)
    where = f"{chart['key']} / {series['name']}: {url}"
    if path.startswith("/dispatch/rounds/"):  # a roll call's people, reported or not
        page = client.get(url).content.decode()
        marker = "yes" if series["name"] == "已上报" else "no"
        assert page.count(f'data-reported="{marker}"') == value, where
    elif path.startswith("/assessment/runs/"):  # a unit's score in the published run
        page = client.get(url).content.decode()
        assert client.get(url).status_code == 200 and f"{Decimal(str(value)):.2f}" in page, where
    elif chart["key"] == "income":  # a sum: the amounts of the rows the list shows
        ledger = registry.get_ledger("collective-income")
        listed = rows(actor=actor, ledger=ledger, state=parse_state(ledger, {k: v[0] for k, v in query.items()}))
        assert sum((r.amount for r in listed), Decimal(0)) == Decimal(str(value)), where
        if value:
            assert _total(client, url) == listed.count(), where
    else:
        assert _total(client, url) == value, where


def test_every_chart_element_opens_the_rows_it_counts(demo, client):
    leader = demo["leader"]
    client.force_login(leader)
    page = client.get("/").content.decode()
    charts = json.loads(DATA.search(page).group(1))
    assert {c["key"] for c in charts} == CHARTS
    checked = 0
    for chart in charts:
        assert not chart["empty"], chart["key"]  # the demo gives every chart something to show
        for series in chart["series"]:
            for point in series["points"]:
                assert point["url"], chart["key"]
                _check(client, leader, chart, series, point["value"], point["url"])
                checked += 1
    assert checked > 60
    # the red and overdue list's counts, too
    for key in ("red-list", "overdue-list"):
        link = re.search(rf'<a href="([^"]+)" data-ls-count="{key}"\s*>[^<\d]*(\d+)', page)
        assert _total(client, link.group(1).replace("&amp;", "&")) == int(link.group(2)), key


def test_the_charts_agree_with_the_headline(demo):
    leader = demo["leader"]
    plan = plan_selectors.current_plan(actor=leader)
    totals = plan_selectors.light_totals(actor=leader, plan=plan)
    charts = {c.key: c for c in figures.dashboard(actor=leader, plan=plan)["charts"]}
    for key in ("lights_by_line",):
        for series, light in zip(charts[key].series, ("green", "yellow", "red", "done"), strict=True):
            assert sum(p.value for p in series.points) == totals[light]
    on_time = charts["on_time"]
    assert sum(p.value for s in on_time.series for p in s.points) == sum(
        totals[k] for k in ("green", "yellow", "red", "done", "none") if k in totals)


def test_the_dashboard_reads_a_fixed_number_of_queries(demo):
    leader = demo["leader"]
    plan = plan_selectors.current_plan(actor=leader)
    with CaptureQueriesContext(connection) as queries:
        figures.dashboard(actor=leader, plan=plan)
    print("dashboard queries:", len(queries))
    assert len(queries) <= 16, [q["sql"][:120] for q in queries]


def test_the_dashboard_is_the_leaders_and_the_offices(world, client_as):
    for who, shown in (("leader", True), ("office", True), ("discipline", False), ("village", False)):
        assert (b"ls-dashboard-data" in client_as(who).get("/").content) is shown, who


def test_a_chart_s_json_is_the_chart_whole(demo):
    """`Chart.as_json` writes out `dataclasses.asdict`: a field added to a chart, a series or a point
    reaches the page's data too."""
    leader = demo["leader"]
    charts = figures.dashboard(actor=leader, plan=plan_selectors.current_plan(actor=leader))["charts"]
    assert len(charts) >= 8
    for chart in charts:
        assert chart.as_json() == dataclasses.asdict(chart), chart.key
