"""The demo holds a scheme for villages and one for departments, each with a published (frozen) run
whose ranking's every total is the sum of its scores, and whose every count opens the rows it kept."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone

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
    _commitments_and_the_review_feed_the_run(demo, client)


def _commitments_and_the_review_feed_the_run(demo, client):
    """Commitments per village, some done; a frozen half-year 观摩 of five (highest and lowest dropped);
    the village scheme's latest frozen run scores both, traced to those rows, and ranks per work line."""
    from luoshi.assessment.models import Commitment, LineRanking, Score, SiteResult, SiteReview
    from luoshi.assessment.selectors import latest_frozen_run

    leader = demo["leader"]
    commitments = list(Commitment.objects.visible_to(leader).select_related("task"))
    assert len(commitments) == 8 and all(c.task_id for c in commitments)
    done = [c for c in commitments if c.task.status == "completed"]
    late_in_the_year = timezone.localdate().month >= 10  # the June-to-September ones are done by then
    assert len(done) < len(commitments) and (bool(done) or not late_in_the_year)
    review = SiteReview.objects.visible_to(leader).get()
    assert review.status == "frozen"
    results = list(SiteResult.objects.visible_to(leader).filter(site__review=review))
    assert len(results) == 6 and all(r.sheets == 5 and r.dropped for r in results)
    run = latest_frozen_run(actor=leader, assessed_kind="village")
    scores = {(s.unit_id, s.item.formula): s for s in Score.objects.visible_to(leader).filter(run=run)
              .select_related("item")}
    first = commitments[0].village_id
    kept = scores[(first, "commitments_done")]
    assert sorted(kept.evidence["commitments_done"]) == sorted(c.pk for c in done if c.village_id == first)
    assert sorted(kept.evidence["commitments"]) == sorted(c.pk for c in commitments if c.village_id == first)
    seen = scores[(first, "site_review")]
    assert seen.evidence["review_sites"] == [next(r.pk for r in results if r.unit_id == first)]
    assert seen.points > 0
    assert {r.line_name for r in LineRanking.objects.visible_to(leader).filter(run=run)} == {
        "基层党建专线", "村级集体经济专线"}
    client.force_login(leader)
    for url in ("/assessment/commitments/", f"/assessment/commitments/{first}/", "/assessment/reviews/",
                f"/assessment/reviews/{review.pk}/", f"/assessment/runs/{run.pk}/"):
        assert client.get(url).status_code == 200, url
