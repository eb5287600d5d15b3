"""观摩评比 on a 375-px phone: a village secretary on the panel opens the review from their notice's
page, scores a site (one form per site: a number per criterion within its range, a comment), is led
to the next site, and sees their score on the review; each page fits the phone."""

import os

import pytest
from django.utils import timezone

from e2e.conftest import CHECK, login, new_page
from e2e.test_phone import PHONE
from luoshi.assessment import reviews
from luoshi.assessment.models import ScoreSheet
from luoshi.org.testing import PASSWORD

SHOTS = "/tmp/site-review-shots"


@pytest.fixture
def review(world):
    office = world.user("office")
    review = reviews.review_create(actor=office, unit=world.unit("township"), title="上半年重点工作观摩",
                                   date=timezone.localdate())
    criteria = [reviews.criterion_add(actor=office, review=review, name="项目建设", weight=60, high=10),
                reviews.criterion_add(actor=office, review=review, name="村容村貌", weight=40, high=10)]
    sites = [reviews.site_add(actor=office, review=review, unit=world.unit("village"), name="路村大棚"),
             reviews.site_add(actor=office, review=review, unit=world.unit("other_village_same_township"))]
    for member in ("leader", "office", "department", "village", "discipline"):
        reviews.member_add(actor=office, review=review, person=world.user(member).person)
    reviews.review_open(actor=office, review=review)
    return review, sites, criteria


def _fits(page) -> None:
    found = page.evaluate(CHECK)
    assert found["wide"] <= 0, f"{page.url}: {found['wide']} px wider than the phone"
    assert not found["small"], found["small"]
    assert not found["unlabelled"], found["unlabelled"]


def test_a_panel_member_scores_a_site_on_a_phone(browser, site, world, review):
    os.makedirs(SHOTS, exist_ok=True)
    the_review, sites, criteria = review
    page = new_page(browser, PHONE)
    login(page, site, "village", PASSWORD)
    page.goto(f"{site}/assessment/reviews/{the_review.pk}/")
    _fits(page)
    page.screenshot(path=f"{SHOTS}/review.png", full_page=True)
    page.click(f'#site{sites[0].pk} [data-score-link]')
    page.wait_for_load_state()
    _fits(page)
    page.fill(f"#id_c{criteria[0].pk}", "9")
    page.fill(f"#id_c{criteria[1].pk}", "11")  # out of range: the form says so and keeps the rest
    page.screenshot(path=f"{SHOTS}/score_form.png", full_page=True)
    page.click("#ls-sheet button[type=submit]")
    page.wait_for_load_state()
    assert not ScoreSheet.objects.unscoped("the test").filter(site=sites[0]).exists()
    page.fill(f"#id_c{criteria[1].pk}", "7.5")
    page.fill("#id_comment", "大棚建设规范，带动群众增收")
    page.click("#ls-sheet button[type=submit]")
    page.wait_for_load_state()
    assert f"/assessment/reviews/sites/{sites[1].pk}/score/" in page.url  # on to the next site
    _fits(page)
    sheet = ScoreSheet.objects.unscoped("the test").get(site=sites[0])
    assert sheet.total == reviews.sheet_total(reviews.marks_of(sheet), criteria) == 84  # 60 × 0.9 + 40 × 0.75
    assert sheet.comment == "大棚建设规范，带动群众增收"
    page.goto(f"{site}/assessment/reviews/{the_review.pk}/")
    assert "已评 84.00 分" in page.inner_text(f"#site{sites[0].pk}")
    _fits(page)
    page.screenshot(path=f"{SHOTS}/review_after.png", full_page=True)


def test_the_judges_pages_fit_a_phone(browser, site, world):
    """The frozen review with its results, a site's sheets, a village's commitments board and a run
    ranked overall and per work line, as the office reads them on a phone."""
    from luoshi.assessment import services
    from luoshi.assessment.models import SiteResult
    from luoshi.assessment.tests.factories import commitments_of_village, site_review
    from luoshi.plans import services as plans
    from luoshi.progress.tests.factories import make_plan

    os.makedirs(SHOTS, exist_ok=True)
    office = world.user("office")
    plan = make_plan(world, timezone.localdate().year)
    plans.plan_deploy(actor=office, plan=plan)
    line = plans.line_create(actor=office, plan=plan, name="基层党建专线")
    commitments_of_village(world, plan, count=3, done=1)
    the_review, sites, _criteria = site_review(world)
    scheme = services.scheme_create(actor=office, unit=world.unit("township"), year=plan.year,
                                    assessed_kind="village", title="村级考核")
    services.item_add(actor=office, scheme=scheme, name="实事承诺兑现", kind="computed", formula="commitments_done",
                      weight=20, line=line)
    services.item_add(actor=office, scheme=scheme, name="观摩评比", kind="computed", formula="site_review", weight=20,
                      line=line)
    services.scheme_activate(actor=office, scheme=scheme)
    run = services.run_compute(actor=office, scheme=scheme)
    page = new_page(browser, PHONE)
    login(page, site, "office", PASSWORD)
    result = SiteResult.objects.unscoped("the test").get(site=sites["village"])
    for name, path in (("review_frozen", f"/assessment/reviews/{the_review.pk}/"),
                       ("site_result", f"/assessment/reviews/results/{result.pk}/"),
                       ("commitments", "/assessment/commitments/"),
                       ("board", f"/assessment/commitments/{world.unit('village').pk}/"),
                       ("run_lines", f"/assessment/runs/{run.pk}/")):
        page.goto(f"{site}{path}")
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        _fits(page)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)
    assert "83.33" in page.goto(f"{site}/assessment/reviews/{the_review.pk}/").text()
