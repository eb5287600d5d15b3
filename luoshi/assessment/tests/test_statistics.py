"""A unit's statistics: every number equals the count of the list it links to, for each reader;
the page reads in a fixed number of queries; the workbook holds the same numbers."""

import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from luoshi.assessment import statistics
from luoshi.assessment.models import Commitment
from luoshi.assessment.tests.factories import village_year
from luoshi.core.models import AuditEntry
from luoshi.economy.models import CollectiveIncome
from luoshi.org.testing import every_reader
from luoshi.plans.models import Task
from luoshi.progress.models import ProgressReport
from luoshi.supervision.models import Problem, Urge

STAT = re.compile(r'data-stat="(\w+)" href="([^"]+)">\s*<div[^>]*>[^<]*</div><div class="fs-5" data-count>([\d.]+)</div>')
TOTAL = re.compile(r"共 (\d+) 条")
SUM = re.compile(r"合计 ([\d.]+)")


@pytest.fixture
def year(world):
    return village_year(world)


def _numbers(client, unit) -> dict[str, tuple[str, int]]:
    page = client.get(f"/assessment/units/{unit.pk}/")
    assert page.status_code == 200
    return {key: (href.replace("&amp;", "&"), Decimal(n)) for key, href, n in STAT.findall(page.content.decode())}


@pytest.mark.parametrize("who", ["leader", "office", "village"])
def test_each_number_equals_the_list_it_opens(world, year, client_as, who):
    client = client_as(who)
    found = _numbers(client, world.unit("village"))
    assert set(found) == {s.key for s in statistics.STATISTICS if s.on_page}
    for key, (href, n) in found.items():
        listed = client.get(href)
        assert listed.status_code == 200, (key, href)
        if statistics.BY_KEY[key].total:  # a sum (万元): the list shows the same sum of its rows
            assert Decimal(SUM.search(listed.content.decode()).group(1)) == n, (key, href)
        else:
            assert int(TOTAL.search(listed.content.decode()).group(1)) == n, (key, href)


def test_the_numbers_of_the_village(world, year, client_as):
    found = {key: n for key, (_href, n) in _numbers(client_as("office"), world.unit("village")).items()}
    # 路村: the roll-call task, 绿, 红, 逾期, 办结, 待验收, 改厕和增收 (the draft is not counted)
    assert found["status_signed"] + found["status_deployed"] + found["status_closing"] + found[
        "status_completed"] + found["status_returned"] == 7
    assert (found["status_completed"], found["status_closing"], found["light_done"]) == (1, 1, 1)
    assert found["overdue"] == 1 and found["due"] == 2 and found["on_time"] == 1
    assert (found["urges_red"], found["urges_blue"], found["urges_yellow"], found["urges_answered"]) == (1, 1, 1, 1)
    assert (found["problems_found"], found["problems_closed"], found["problems_closed_on_time"]) == (2, 1, 1)
    assert (found["roll_calls"], found["roll_calls_reported"]) == (1, 1)
    assert found["reports"] == 3
    assert (found["must"], found["must_met"], found["strive"], found["strive_met"]) == (1, 1, 1, 0)
    assert (found["income_this"], found["income_last"]) == (10, 8)


def test_rates_and_overdue_days(world, year):
    office = world.user("office")
    period = statistics.period_of(actor=office)
    page = statistics.unit_statistics(actor=office, unit=world.unit("village"), period=period)
    rates = {r["key"]: r["value"] for r in page["rates"]}
    assert rates["on_time_rate"] == 50.0 and rates["attendance"] == 100.0 and rates["problem_on_time_rate"] == 100.0
    assert page["overdue_days"] == 3 and rates["income_growth"] == 25.0


def test_the_page_reads_in_a_fixed_number_of_queries(world, year, client_as):
    client = client_as("office")
    url = f"/assessment/units/{world.unit('village').pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 12, "\n".join(q["sql"][:150] for q in queries)


def test_out_of_scope_and_roles(world, year, client_as, client):
    village = world.unit("village")
    assert client.get(f"/assessment/units/{village.pk}/").status_code == 302
    assert client_as("outsider").get(f"/assessment/units/{village.pk}/").status_code == 404
    assert client_as("village").get(f"/assessment/units/{world.unit('department').pk}/").status_code == 404
    assert client_as("cadre").get(f"/assessment/units/{village.pk}/").status_code == 403
    assert client_as("office").get(f"/assessment/units/{village.pk}/rows/nonsense/").status_code == 404


def test_a_bad_period_is_refused_in_chinese(world, year, client_as):
    page = client_as("office").get(f"/assessment/units/{world.unit('village').pk}/?start=2026-13-01")
    assert page.status_code == 200 and "日期格式应为" in page.content.decode()


def test_the_workbook_holds_the_page_numbers_and_is_audited(world, year, client_as):
    client, village = client_as("office"), world.unit("village")
    found = {key: n for key, (_href, n) in _numbers(client, village).items()}
    response = client.get(f"/assessment/units/{village.pk}/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [row[3].value for row in sheet.iter_rows(min_row=3) if row[2].value]
    shown = [s for s in statistics.STATISTICS if s.on_page]
    assert values[:len(shown)] == [float(found[s.key]) for s in shown]
    assert AuditEntry.objects.unscoped("the test reads the chain").filter(action="export",
                                                                           object_id=str(village.pk)).exists()


def test_the_api_gives_the_page_numbers(world, year, client_as):
    client, village = client_as("office"), world.unit("village")
    found = _numbers(client, village)
    answer = client.get(f"/api/v1/assessment/units/{village.pk}/statistics")
    assert answer.status_code == 200
    numbers = {n["key"]: (n["rows_url"], Decimal(str(n["count"]))) for n in answer.json()["numbers"]}
    assert numbers == found
    bad = client.get(f"/api/v1/assessment/units/{village.pk}/statistics?start=x")
    assert bad.status_code == 400 and "日期格式" in bad.json()["detail"]
    assert client_as("outsider").get(f"/api/v1/assessment/units/{village.pk}/statistics").status_code == 404
    assert client_as("cadre").get(f"/api/v1/assessment/units/{village.pk}/statistics").status_code == 403


def test_a_department_page_has_no_village_income(world, year, client_as):
    found = _numbers(client_as("office"), world.unit("department"))
    assert "income_this" not in found and "status_signed" in found


@pytest.mark.parametrize("unit", ["township", "village"])
def test_grouped_counts_equal_their_rows(world, year, unit):
    """The numbers counted from one GROUP BY (states, lights, urge colours, strengths) and the filtered ones
    equal the rows each statistic lists, for a unit whose rows fall in many groups too."""
    office, unit = world.user("office"), world.unit(unit)
    period = statistics.period_of(actor=office)
    numbers = statistics.counts(actor=office, unit=unit, period=period)
    assert any(s.equals for s in statistics.STATISTICS)
    for statistic in statistics.STATISTICS:
        if not statistic.applies(unit):
            assert not numbers[statistic.key]
            continue
        rows = statistics.rows_of(actor=office, unit=unit, period=period, key=statistic.key)
        expected = statistics.total_of(rows, statistic) if statistic.total else rows.count()
        assert numbers[statistic.key] == expected, statistic.key


def test_visible_under_reads_the_rows_visible_to_with_the_path_filter(world, year):
    """The scope shortcut the statistics read through (core.scope.visible_under) gives, for every reader
    and unit, exactly the rows visible_to gives filtered by the path: a leak here would be silent."""
    readers = every_reader(world)
    checked = 0
    for model in (Task, Urge, Problem, ProgressReport, CollectiveIncome, Commitment):
        for unit in world.units.values():
            for reader in readers:
                shortcut = set(model.objects.visible_under(reader, unit.path).values_list("pk", flat=True))
                scoped = model.objects.visible_to(reader).filter(scope_path__under=unit.path)
                assert shortcut == set(scoped.values_list("pk", flat=True)), (model.__name__, unit.name, reader)
                checked += bool(shortcut)
    assert checked > 50  # the world's rows are seen, not only empty sets compared


def test_a_village_secretary_counts_the_village_tasks_of_the_plan_they_do_not_see(world, year, client_as):
    """The township's plan is not the secretary's to see, its tasks in the village are: the page counts them."""
    office = {key: n for key, (_href, n) in _numbers(client_as("office"), world.unit("village")).items()}
    secretary = {key: n for key, (_href, n) in _numbers(client_as("village"), world.unit("village")).items()}
    tasks = [s.key for s in statistics.STATISTICS if s.source == "tasks"]
    assert sum(secretary[k] for k in tasks if k.startswith("status_")) == 7
    assert {k: secretary[k] for k in tasks} == {k: office[k] for k in tasks}


@pytest.mark.parametrize(("value", "shown"), [("47.3500000000000", "47.35"), ("100.0000", "100"), ("0E-10", "0"),
                                              ("8", "8"), ("1200.50", "1200.5")])
def test_a_sum_is_shown_as_people_write_it(value, shown):
    assert str(statistics.plain(Decimal(value))) == shown


@pytest.mark.parametrize("planned", [True, False])
def test_the_links_resolved_once_are_each_number_own_link(world, year, planned):
    """`links_of` (the URLs resolved once per page) gives every statistic the link `reverse` gives it, with and
    without the period's plan (without one, task numbers open their own rows page)."""
    from dataclasses import replace

    from django.urls import reverse
    from django.utils.http import urlencode

    office = world.user("office")
    period = statistics.period_of(actor=office)
    assert period.plan is not None
    period = period if planned else replace(period, plan=None)
    for unit in world.units.values():
        link = statistics.links_of(unit=unit, period=period)
        for statistic in statistics.STATISTICS:
            if statistic.task_filter and planned:
                expected = reverse("plans:task_list") + "?" + urlencode(
                    {"plan": period.plan.pk, "unit": unit.pk, **statistic.task_filter})
            else:
                expected = reverse("assessment:unit_rows", args=[unit.pk, statistic.key]) + "?" + urlencode(
                    {"start": period.start.isoformat(), "end": period.end.isoformat()})
            assert link(statistic) == expected == statistics.link_of(statistic, unit=unit, period=period)
