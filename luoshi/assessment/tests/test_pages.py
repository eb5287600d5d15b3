"""The assessment pages end to end: a scheme made, itemised and published through its page, a run
computed, reviewed and frozen through the pages; "why 82.5?": a unit's points add up to its total,
and every count opens the rows kept for it; who may open what."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from luoshi.assessment import services, statistics
from luoshi.assessment.models import AssessmentScheme, ScoringRun
from luoshi.assessment.tests.factories import village_scheme, village_year
from luoshi.org.testing import ROLES, client_for

POINTS = re.compile(r"data-points>([\d.-]+)")
COUNT = re.compile(r'href="(/assessment/scores/\d+/rows/(\w+)/)" data-count="\w+">[^<]* ([\d.]+)</a>')
SUM = re.compile(r"合计 ([\d.]+)")
TOTAL = re.compile(r"共 (\d+) 条")


@pytest.fixture
def run(world):
    village_year(world)
    scheme, _items = village_scheme(world)
    return services.run_compute(actor=world.user("office"), scheme=scheme)


def test_a_scheme_through_its_pages(world, client_as):
    village_year(world)
    client = client_as("office")
    answer = client.post("/assessment/schemes/new/", {"year": 2026, "assessed_kind": "department",
                                                      "title": "部门考核方案"})
    scheme = AssessmentScheme.objects.unscoped("the test").get(title="部门考核方案")
    assert answer.status_code == 302 and answer["Location"] == f"/assessment/schemes/{scheme.pk}/"
    url = answer["Location"]
    refused = client.post(url, {"do": "item", "name": "按期办结", "kind": "computed", "weight": "40"})
    assert "请选择计算公式" in refused.content.decode()
    client.post(url, {"do": "item", "name": "按期办结", "kind": "computed", "formula": "on_time_rate", "weight": "40"})
    client.post(url, {"do": "item", "name": "安全事故", "kind": "veto", "veto_effect": "cap", "cap": "60",
                      "weight": "0"})
    page = client.get(url).content.decode()
    assert "得分 = 分值 × 按期办结率" in page  # the formula in Chinese, from formulas.py
    client.post(url, {"do": "activate"})
    answer = client.post(url, {"do": "run", "as_of": "2026-12-06"})
    run = ScoringRun.objects.unscoped("the test").get(scheme=scheme)
    assert answer["Location"] == f"/assessment/runs/{run.pk}/"
    assert "经济发展办公室" in client.get(answer["Location"]).content.decode()
    client.post(f"/assessment/runs/{run.pk}/do/review/")
    leader = client_as("leader")
    leader.post(f"/assessment/runs/{run.pk}/do/freeze/")
    run.refresh_from_db()
    assert run.status == "frozen"


def test_why_this_total(world, run, client_as):
    client = client_as("office")
    for ranking in run.rankings.model.objects.unscoped("the test").filter(run=run):
        page = client.get(f"/assessment/runs/{run.pk}/units/{ranking.unit_id}/").content.decode()
        assert sum(Decimal(p) for p in POINTS.findall(page)) == ranking.total
        for href, key, n in COUNT.findall(page):
            if key in statistics.BY_KEY and statistics.BY_KEY[key].total:
                assert Decimal(SUM.search(client.get(href).content.decode()).group(1)) == Decimal(n), href
                continue
            rows = client.get(href)
            assert rows.status_code == 200 and int(TOTAL.search(rows.content.decode()).group(1)) == int(n), href


def test_a_village_sees_its_own_scores_only(world, run, client_as):
    client = client_as("village")
    assert client.get(f"/assessment/runs/{run.pk}/units/{world.unit('village').pk}/").status_code == 200
    other = world.unit("other_village_same_township")
    assert client.get(f"/assessment/runs/{run.pk}/units/{other.pk}/").status_code == 404
    assert client.get(f"/assessment/runs/{run.pk}/").status_code == 403


# anonymous, leader, office, department, village, cadre, discipline, outsider
MATRIX = {
    "/assessment/": [302, 200, 200, 403, 403, 403, 200, 200],
    "/assessment/schemes/new/": [302, 403, 200, 403, 403, 403, 403, 200],
    "/assessment/units/": [302, 200, 200, 200, 200, 403, 200, 200],
    "scheme": [302, 200, 200, 403, 403, 403, 200, 404],
    "run": [302, 200, 200, 403, 403, 403, 200, 404],
}


@pytest.mark.parametrize("page", list(MATRIX))
def test_role_matrix(world, run, page):
    url = {"scheme": f"/assessment/schemes/{run.scheme_id}/", "run": f"/assessment/runs/{run.pk}/"}.get(page, page)
    got = [(client_for(world, role) if role != "anonymous" else Client()).get(url).status_code for role in ROLES]
    assert got == MATRIX[page]


def test_the_leaders_home_shows_the_published_ranking(world, run, client_as):
    assert "data-home-ranking" not in client_as("leader").get("/").content.decode()  # not published yet
    services.run_act(actor=world.user("office"), run=run, action="review")
    services.run_act(actor=world.user("leader"), run=run, action="freeze")
    page = client_as("leader").get("/").content.decode()
    assert f'data-home-ranking="{run.pk}"' in page and "路村" in page
    assert "data-home-ranking" not in client_as("village").get("/").content.decode()


def test_the_ranking_and_a_units_scores_read_in_a_fixed_number_of_queries(world, run, client_as):
    client = client_as("office")
    for url in (f"/assessment/runs/{run.pk}/", f"/assessment/runs/{run.pk}/units/{world.unit('village').pk}/"):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) <= 12, (url, len(queries))
