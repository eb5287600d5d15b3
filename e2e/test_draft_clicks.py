"""From the seed speech to a deployed plan: every user action counted (issue 18's click budget).

The office uploads the speech the project was created from, takes the draft's suggestions,
fills what still blocks deployment with the bulk bar, confirms the plan and deploys it. Every
click, fill, selection, tick, key press and answered dialog goes through `Actions`, which
counts it. The township is the demo's (its departments and posts, org/demo_data.py).

Set LUOSHI_SCREENSHOTS to a folder to keep screenshots of the bulk bar (desktop and phone)."""

import os
import re
from pathlib import Path

from playwright.sync_api import expect

from e2e.conftest import PHONE, login, new_page
from luoshi.org import services as org_services
from luoshi.org.demo_data import DEPARTMENTS
from luoshi.org.models import UnitKind
from luoshi.org.testing import PASSWORD
from luoshi.plans.completeness import missing_elements
from luoshi.plans.models import Indicator, Plan, Strength, Task, TaskStatus

SEED = Path(__file__).parents[1] / "luoshi" / "extraction" / "tests" / "data" / "seed.txt"
BUDGET = 25
SHOTS = os.environ.get("LUOSHI_SCREENSHOTS")


class Actions:
    """The page's user actions, each counted with what it did (printed when the test ends)."""

    def __init__(self, page):
        self.page, self.log = page, []

    def _count(self, what: str) -> None:
        self.log.append(what)

    def click(self, locator, what: str) -> None:
        self._count(f"click {what}")
        locator.click()

    def check(self, locator, what: str) -> None:
        self._count(f"tick {what}")
        locator.check()

    def select(self, locator, label: str) -> None:
        """Opening the list and choosing in it: two actions."""
        self.click(locator, "open the list")
        self._count(f"choose {label}")
        locator.select_option(label=label)

    def upload(self, locator, path: Path) -> None:
        self._count(f"choose file {path.name}")
        locator.set_input_files(str(path))

    def accept_next_dialog(self) -> None:
        """The next confirm() the page asks is answered OK: one action more."""
        self._count("answer OK")
        self.page.once("dialog", lambda dialog: dialog.accept())


def _township_as_the_demo_has_it(world) -> None:
    """The world's township with the demo's departments and posts (帮扶干部, 驻企联络员)."""
    township, admin = world.unit("township"), world.admin
    have = {unit.name: unit for unit in world.units.values()}
    units = {name: have.get(name) or org_services.unit_create(actor=admin, parent=township, name=name,
                                                              kind=UnitKind.DEPARTMENT)
             for name, _code in DEPARTMENTS}
    for n, title in enumerate(("镇党委书记", "镇长", "党委副书记", "副镇长")):
        org_services.person_create(actor=admin, unit=township, name=f"领导{n}", title=title)
    for n in range(3):
        org_services.person_create(actor=admin, unit=units["乡村振兴办公室"], name=f"帮扶{n}", title="帮扶干部")
        org_services.person_create(actor=admin, unit=units["招商服务中心"], name=f"联络{n}", title="驻企联络员")


def _all(model):
    return model.objects.unscoped("the click test checks what the office deployed")


def _blocked(page, field: str) -> list[str]:
    link = page.locator(f"#ls-blockers a.ls-blocker[data-field='{field}']")
    return link.get_attribute("data-keys").split() if link.count() else []


def _fill_blocked(act: Actions, page, field: str, choose) -> None:
    """Tick the rows still missing `field` (a whole line by its 全选 when all its rows are) and
    set them at once from the bulk bar."""
    keys = _blocked(page, field)
    if not keys:
        return
    lines: dict[str, list[str]] = {}
    for key in keys:
        lines.setdefault(page.locator(f"#item-{key} input.ls-pick").get_attribute("data-line"), []).append(key)
    for line, blocked in lines.items():
        if page.locator(f"input.ls-pick[data-line='{line}']").count() == len(blocked):
            act.check(page.locator(f"input.ls-pick-line[value='{line}']"), f"全选 {line}")
        else:
            for key in blocked:
                act.check(page.locator(f"#item-{key} input.ls-pick"), key)
    expect(page.locator("#ls-picked")).to_have_text(str(len(keys)))
    choose()
    act.click(page.locator("#ls-bulk-apply"), "应用到所选")
    page.wait_for_load_state()


def test_the_seed_is_deployed_within_the_click_budget_with_every_task_complete(browser, site, world):
    _township_as_the_demo_has_it(world)
    page = new_page(browser)
    login(page, site, "office", PASSWORD)
    page.goto(f"{site}/plans/")
    act = Actions(page)

    act.click(page.get_by_role("link", name="从讲话稿生成"), "从讲话稿生成")
    act.upload(page.locator("#id_file"), SEED)
    act.click(page.locator("main button[type=submit]"), "识别并生成草稿")
    page.wait_for_url(re.compile(r"/plans/import/[0-9a-f-]+/$"))
    before = page.locator("#ls-blockers").inner_text()
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.locator("#ls-blockers").screenshot(path=str(Path(SHOTS) / "draft-blockers-desktop.png"))

    for kind in ("lead_unit", "deadline"):  # every suggestion of a kind, at once
        button = page.locator(f"#ls-accept-{kind}")
        if button.count():
            act.click(button, f"采纳全部建议的 {kind}")
            page.wait_for_url(re.compile(r"/plans/import/[0-9a-f-]+/$"))
    _shot(page, "desktop")

    bulk = page.locator("#ls-bulk")
    _fill_blocked(act, page, "lead_unit",
                  lambda: act.select(bulk.locator("select[name='bulk-lead_unit']"), "党政办公室"))
    _fill_blocked(act, page, "deadline", lambda: _fill_date(act, bulk, "2024-12-31"))
    expect(page.locator("#ls-blockers")).to_contain_text("要素都已齐全")

    act.click(page.locator("#ls-confirm"), "确认生成计划")
    page.wait_for_url(re.compile(r"/plans/\d+/$"))
    act.accept_next_dialog()
    act.click(page.get_by_role("button", name=re.compile("部署 \\d+ 项任务")), "部署")
    expect(page.locator(".alert-success, .alert-info").first).to_contain_text("已部署")

    print(f"\nblocked at first: {before}\n{len(act.log)} actions: " + "; ".join(act.log))
    assert len(act.log) <= BUDGET, act.log
    plan = _all(Plan).get()
    tasks = list(_all(Task).filter(plan=plan).select_related("lead_unit", "owner"))
    assert len([t for t in tasks if t.parent_id is None]) >= 15
    split = {t.parent_id for t in tasks if t.parent_id}
    for task in tasks:  # a task split to villages is done by its parts, each with its village as lead unit
        missing = missing_elements(task)
        if task.pk in split:
            missing.pop("lead_unit", None)
        assert task.status != TaskStatus.DRAFT and not missing, (task.title, task.status, missing)
    assert all(x.strength in Strength.values for x in _all(Indicator).filter(plan=plan))


def _fill_date(act: Actions, bulk, day: str) -> None:
    act._count(f"fill {day}")
    bulk.locator("input[name='bulk-deadline']").fill(day)


def _shot(page, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    page.locator("input.ls-pick").nth(0).check()
    page.locator("input.ls-pick").nth(1).check()
    page.locator("#ls-bulk").scroll_into_view_if_needed()
    page.screenshot(path=str(Path(SHOTS) / f"draft-bulk-{name}.png"))
    page.locator("input.ls-pick").nth(0).uncheck()
    page.locator("input.ls-pick").nth(1).uncheck()


def test_the_bulk_bar_fits_a_phone(browser, site, world):
    _township_as_the_demo_has_it(world)
    page = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="zh-CN").new_page()
    login(page, site, "office", PASSWORD)
    page.goto(f"{site}/plans/import/")
    page.fill("#id_text", SEED.read_text(encoding="utf-8"))
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/plans/import/[0-9a-f-]+/$"))
    line = page.locator("input.ls-pick-line").first
    line.tap()
    picked = page.locator(f"input.ls-pick[data-line='{line.get_attribute('value')}']").count()
    expect(page.locator("#ls-picked")).to_have_text(str(picked))
    bulk = page.locator("#ls-bulk")
    expect(bulk.locator("#ls-bulk-apply")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    box = bulk.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / "draft-bulk-phone.png"))
    unit = bulk.locator("select[name='bulk-lead_unit']")
    unit.tap()
    unit.select_option(label="党政办公室")
    bulk.locator("#ls-bulk-apply").tap()
    page.wait_for_url(re.compile(r"/plans/import/[0-9a-f-]+/$"))
    expect(page.locator(".alert-success").first).to_contain_text(f"已批量修改 {picked} 项")
