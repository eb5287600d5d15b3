"""A leader opens the battle map (作战图) on a 375-px phone: each line a section of task cards that
read across the screen (title, lead unit, light, deadline, progress), nothing wider than the phone;
on a desktop the month grid stays."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from e2e.conftest import login, new_page
from luoshi.org.testing import PASSWORD
from luoshi.plans import services
from luoshi.plans.models import Task
from luoshi.plans.tests.factories import make_plan, make_task

PHONE = {"width": 375, "height": 812}
SHOT, DESKTOP_SHOT = "/tmp/battle_map_phone.png", "/tmp/battle_map_desktop.png"  # to look at by eye


def _map(world):
    year = timezone.localdate().year
    office = world.user("office")
    plan, line = make_plan(world, year=year)
    other = services.line_create(actor=office, plan=plan, name="项目建设专线", number="四")
    shown = [
        (line, "完成路村公共卫生厕所建设并通过县级验收", "red", 30, dt.date(year, 6, 30), "已超过完成时限 12 天"),
        (line, "每周一三五调度人居环境整治进展", "green", 60, None, ""),
        (other, "推进新上亿元项目开工建设，确保上半年完成土地征收", "yellow", 45, dt.date(year - 1, 12, 31), "进度滞后"),
    ]
    for work_line, title, light, progress, deadline, reason in shown:
        extra = {"recurrence": "mon_wed_fri"} if deadline is None else {}
        task = make_task(world, plan, work_line, deploy=True, title=title, deadline=deadline, **extra)
        Task.objects.unscoped("test").filter(pk=task.pk).update(light=light, progress=progress, light_reason=reason)
    return plan


def test_a_leader_reads_the_battle_map_as_cards_on_a_phone(browser, site, world):
    plan = _map(world)
    page = new_page(browser, PHONE)
    login(page, site, "leader", PASSWORD)
    page.goto(f"{site}/plans/{plan.pk}/battle-map/")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
    assert not page.locator("[data-map-grid]").is_visible()
    cards = page.locator("[data-map-card]")
    # The cards arrive by HTMX once their box is revealed: wait for them rather than count at load.
    expect(cards).to_have_count(3)
    title = page.locator("[data-map-title]", has_text="完成路村公共卫生厕所建设")
    assert title.bounding_box()["width"] > 200

    def card(text: str) -> str:
        return page.locator("[data-map-card]", has_text=text).inner_text()

    assert all(shown in card("公共卫生厕所") for shown in ("路村", "红灯", "进度 30%", "时限 6月30日"))
    assert f"时限 {timezone.localdate().year - 1}年12月31日" in card("亿元项目")
    assert "每周一三五" in card("人居环境") and "绿灯" in card("人居环境")
    headings = [h.inner_text().split()[0] for h in page.locator("[data-map-cards] h2").all()]
    assert headings == ["乡村振兴专线", "项目建设专线"]
    page.screenshot(path=SHOT, full_page=True)


def test_the_desktop_keeps_the_month_grid(browser, site, world):
    plan = _map(world)
    page = new_page(browser)
    login(page, site, "leader", PASSWORD)
    page.goto(f"{site}/plans/{plan.pk}/battle-map/")
    assert page.locator("[data-map-grid] table").is_visible()
    assert not page.locator("[data-map-cards]").is_visible()
    assert page.locator("[data-map-grid] th.month").count() == 12
    page.screenshot(path=DESKTOP_SHOT, full_page=True)
