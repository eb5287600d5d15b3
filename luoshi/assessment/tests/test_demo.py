"""The demo holds a scheme for villages and one for departments, each with a published (frozen) run
whose ranking's every total is the sum of its scores, and whose every count opens the rows it kept."""

import re
from decimal import Decimal

import pytest

from luoshi.assessment import statistics
from luoshi.assessment.models import AssessmentScheme, Ranking, ScoringRun
from luoshi.org.models import User

POINTS = re.compile(r"data-points>([\d.-]+)")
COUNT = re.compile(r'href="(/assessment/scores/\d+/rows/(\w+)/)" data-count="\w+">[^<]* ([\d.]+)</a>')
SUM = re.compile(r"合计 ([\d.]+)")
TOTAL = re.compile(r"共 (\d+) 条")


@pytest.fixture
def demo(db, tmp_path, monkeypatch):
    from luoshi import demo
    from luoshi.org import demo as org_demo

    monkeypatch.setattr(org_demo, "LOGINS_FILE", tmp_path / "logins.json")
    monkeypatch.setattr(org_demo, "VAR_DIR", tmp_path)
    demo.load_demo()
    return {u.username: u for u in User.objects.unscoped("the demo logins")}


def test_the_demo_judges_its_villages_and_departments(demo, client):
    leader = demo["leader"]
    schemes = {s.assessed_kind: s for s in AssessmentScheme.objects.visible_to(leader)}
    assert set(schemes) == {"village", "department"}
    client.force_login(leader)
    for scheme in schemes.values():
        run = ScoringRun.objects.visible_to(leader).filter(scheme=scheme, status="frozen").order_by("-number").first()
        assert run is not None
        rankings = list(Ranking.objects.visible_to(leader).filter(run=run))
        assert len(rankings) >= 2
        for row in rankings[:3]:
            page = client.get(f"/assessment/runs/{run.pk}/units/{row.unit_id}/").content.decode()
            if not row.vetoed:
                assert sum(Decimal(p) for p in POINTS.findall(page)) == row.total
            for href, key, n in COUNT.findall(page):
                if key in statistics.BY_KEY and statistics.BY_KEY[key].total:
                    assert Decimal(SUM.search(client.get(href).content.decode()).group(1)) == Decimal(n), href
                    continue
                assert int(TOTAL.search(client.get(href).content.decode()).group(1)) == int(n), href
    assert "data-home-ranking" in client.get("/").content.decode()
