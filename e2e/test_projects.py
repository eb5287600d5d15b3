"""The 招商引资 register in a browser: an office clerk imports a 招商联络处's lead sheet on a 375-px phone,
opens the lead (yellow: not followed up for 40 days), signs it with its date and evidence, and the
plan's bound 亿元项目 target counts it — on the rows page that lists it, the plan page and the battle
map a leader reads at a desk."""

import datetime as dt

from django.utils import timezone

from e2e.conftest import PHONE, login, new_page
from luoshi.economy.tests.project_factories import bound_target
from luoshi.economy.tests.test_project_import import leads_sheet
from luoshi.org.testing import PASSWORD

SHOTS = "/tmp/projects_{}.png"  # to look at by eye


def _chinese(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def test_a_lead_imported_and_signed_on_a_phone_counts_for_the_bound_target(browser, site, world, tmp_path):
    today = timezone.localdate()
    plan, target = bound_target(world, year=today.year, target=2)
    path = leads_sheet(tmp_path / "招商线索.xlsx", [
        [1, "招商联络处", "北京联络处张某", "京津冀食品加工转移项目", "某食品集团", "食品加工", 12000,
         _chinese(today - dt.timedelta(days=40)), "洽谈中", "路村", "经济发展办公室"],
        [2, "在外人士", "在外乡贤李某", "智慧农业示范园", None, "现代农业", 1200, _chinese(today), "初步接触", "庙口村", None],
    ])
    page = new_page(browser, PHONE)
    login(page, site, "office", PASSWORD)
    page.goto(f"{site}/ledgers/projects/import/")
    page.set_input_files("#id_file", str(path))
    page.click("main button[type=submit]")
    page.wait_for_selector("#import-ready")
    page.click("#commit")
    page.wait_for_load_state()
    assert "导入成功：共导入 2 条数据" in page.content()
    page.goto(f"{site}/ledgers/projects/")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
    page.screenshot(path=SHOTS.format("list_phone"), full_page=True)

    page.get_by_role("link", name="京津冀食品加工转移项目").click()
    assert page.locator("[data-light]").inner_text() == "黄灯" and page.locator("[data-stage]").inner_text() == "在谈"
    page.locator("summary", has_text="签约").click()
    page.fill("#id_sign-date", today.isoformat())
    page.fill("#id_sign-note", "签订投资协议，合同编号HK-2026-009")
    page.locator("form[data-action=sign] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[data-stage]").inner_text() == "签约" and page.locator("[data-light]").inner_text() == "绿灯"
    assert "签订投资协议，合同编号HK-2026-009" in page.locator("[data-steps]").inner_text()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
    page.screenshot(path=SHOTS.format("project_phone"), full_page=True)

    page = new_page(browser, PHONE)
    login(page, site, "leader", PASSWORD)
    page.goto(f"{site}/indicators/{target.pk}/rows/")
    assert page.locator("[data-ls-register-row]").count() == 1 == int(float(page.get_attribute("[data-ls-actual]",
                                                                                                 "data-ls-actual")))
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
    page.screenshot(path=SHOTS.format("rows_phone"), full_page=True)

    desk = new_page(browser)
    login(desk, site, "leader", PASSWORD)
    desk.goto(f"{site}/plans/{plan.pk}/")
    assert desk.locator(f'[data-ls-indicator="{target.pk}"]').inner_text() == "1"
    desk.screenshot(path=SHOTS.format("plan_desktop"), full_page=True)
    desk.goto(f"{site}/plans/{plan.pk}/battle-map/")
    assert desk.locator(f'[data-map-indicator="{target.pk}"] [data-map-actual]').inner_text() == "1"
    desk.screenshot(path=SHOTS.format("battle_map_desktop"), full_page=True)
