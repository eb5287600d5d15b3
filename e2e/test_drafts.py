"""What the office does at the start of the year: upload the speech, check the draft, confirm the plan."""

import re

from e2e.conftest import PHONE, login, new_page
from luoshi.org.testing import PASSWORD
from luoshi.plans.models import Indicator, Plan, Task

SPEECH = (
    "在2024年河口镇重点工作部署会议上的讲话\n"
    "同志们：下面我讲两个方面。\n"
    "一、抓经济促发展\n"
    "一是抓好招商引资。力争新上亿元项目3个（牵头单位：经济发展办；责任人：孙七）。确保新增规模以上企业×家。\n"
    "二是壮大集体经济。6月底前完成清产核资工作。确保村级集体收入全部达到10万元以上。\n"
    "二、抓民生保底线\n"
    "一是办好民生实事。年底前完成路村公共卫生厕所建设。\n"
)


def _all(model):
    return model.objects.unscoped("the browser test checks what the page created")


def test_the_office_uploads_a_speech_drops_an_item_and_confirms_the_plan(browser, site, world, tmp_path):
    speech = tmp_path / "2024年部署讲话.txt"
    speech.write_text(SPEECH, encoding="utf-8")
    page = new_page(browser)
    login(page, site, "office", PASSWORD)
    page.goto(f"{site}/plans/import/")
    page.set_input_files("#id_file", str(speech))
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/plans/import/[0-9a-f-]+/$"))

    marks = page.locator("#ls-source mark.ls-target")
    assert marks.count() == 5
    items = page.locator(".ls-item")
    assert items.count() == 5
    assert page.input_value("#id_year") == "2024"
    first = items.first
    first.locator("a.ls-jump").click()
    assert page.locator("#ls-source mark.ls-active").count() == 1
    assert first.locator("select[name$='-lead_unit'] option:checked").inner_text() == "经济发展办公室"
    first_title = first.locator("input[name$='-title']").input_value()
    # Each person picker starts with its choice only and takes the township's people when used:
    # by a click (the leader), or from the keyboard alone (the owner: Tab past 牵头单位, type a name).
    leader = first.get_by_label("责任领导")
    assert leader.locator("option").count() == 1
    leader.click()
    leader.select_option(label="leader之人（河口镇）")
    page.keyboard.press("Escape")
    assert "原文责任人：孙七" in first.inner_text() and "责任人待选" in first.inner_text()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    owner = first.get_by_label("责任人")
    assert owner.evaluate("select => select === document.activeElement")
    page.keyboard.type("village")
    assert owner.locator("option:checked").inner_text() == "village之人（路村）"
    dropped = items.nth(1)
    dropped_title = dropped.locator("input[name$='-title']").input_value()
    dropped.get_by_label("舍弃").first.check()
    page.click("#ls-confirm")
    page.wait_for_url(re.compile(r"/plans/\d+/$"))

    plan = _all(Plan).get()
    assert page.url.endswith(f"/plans/{plan.pk}/") and plan.title in page.content()
    assert "抓好招商引资" in page.content()
    titles = set(_all(Task).filter(plan=plan).values_list("title", flat=True))
    assert len(titles) == 4 and dropped_title not in titles
    assert _all(Indicator).filter(plan=plan).count() == 2
    assert all(t.source_text in SPEECH for t in _all(Task).filter(plan=plan))
    task = _all(Task).get(plan=plan, title=first_title)
    assert (task.leader.name, task.owner.name) == ("leader之人", "village之人")


def test_the_review_page_stacks_on_a_phone(browser, site, world):
    page = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="zh-CN").new_page()
    login(page, site, "office", PASSWORD)
    page.goto(f"{site}/plans/import/")
    page.fill("#id_text", SPEECH)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/plans/import/[0-9a-f-]+/$"))
    source, tree = page.locator("#ls-source").bounding_box(), page.locator(".ls-item").first.bounding_box()
    assert tree["y"] > source["y"] and page.evaluate("document.documentElement.scrollWidth") <= 375
    owner = page.locator(".ls-item").first.get_by_label("责任人")
    owner.tap()  # a tap gives the picker the township's people before the phone shows them
    assert owner.locator("option", has_text="village之人（路村）").count() == 1
