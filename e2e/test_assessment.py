"""Assessment on a 375-px phone: a village's statistics page, a number tapped to its rows, the
ranking of a run and "why this total" for one village, each fitting the phone (no sideways scroll,
buttons a finger can hit, every field labelled)."""

import pytest

from e2e.conftest import login, misfits, new_page
from e2e.test_phone import PHONE
from luoshi.assessment import services
from luoshi.assessment.tests.factories import village_scheme, village_year
from luoshi.org.testing import PASSWORD

SHOTS = "/tmp/assessment-shots"


@pytest.fixture
def run(world):
    village_year(world)
    scheme, _items = village_scheme(world)
    return services.run_compute(actor=world.user("office"), scheme=scheme)


def _fits(page) -> None:
    problems = misfits(page, page.url)
    assert not problems, "\n".join(problems)


def test_statistics_and_ranking_on_a_phone(browser, site, world, run, tmp_path):
    import os

    os.makedirs(SHOTS, exist_ok=True)
    page = new_page(browser, PHONE)
    login(page, site, "office", PASSWORD)
    village = world.unit("village")
    page.goto(f"{site}/assessment/units/{village.pk}/")
    _fits(page)
    page.screenshot(path=f"{SHOTS}/unit_stats.png", full_page=True)
    shown = page.locator('[data-stat="urges_red"] [data-count]').inner_text()
    page.click('[data-stat="urges_red"]')
    page.wait_for_load_state()
    assert f"共 {shown} 条" in page.inner_text("main")
    _fits(page)
    page.goto(f"{site}/assessment/schemes/{run.scheme_id}/")
    _fits(page)
    page.screenshot(path=f"{SHOTS}/scheme.png", full_page=True)
    page.goto(f"{site}/assessment/runs/{run.pk}/")
    _fits(page)
    page.screenshot(path=f"{SHOTS}/run.png", full_page=True)
    page.click(f'#ls-ranking tr[data-unit="{village.pk}"] [data-total]')
    page.wait_for_load_state()
    _fits(page)
    page.screenshot(path=f"{SHOTS}/run_unit.png", full_page=True)
    assert "路村" in page.inner_text("h1")
