"""公示 in a browser: the office drafts, previews and publishes the commitments' notice; a fresh browser
without a login opens its address on a 375-px phone (cards, nothing wider than the phone, no menu), and
the print emulation shows the A4 layout (the table, the publishing office and dates, no buttons)."""

import os

from e2e.conftest import CHECK, PHONE, login, new_page
from luoshi.assessment.tests.factories import commitments_of_village
from luoshi.org.models import Person
from luoshi.org.testing import PASSWORD
from luoshi.plans import services as plans
from luoshi.progress.tests.factories import make_plan

SHOTS = "/tmp/notice-shots"


def test_the_office_publishes_and_a_phone_without_login_opens_and_prints_it(browser, site, world):
    from django.utils import timezone

    os.makedirs(SHOTS, exist_ok=True)
    plan = make_plan(world, timezone.localdate().year)
    plans.plan_deploy(actor=world.user("office"), plan=plan)
    commitments_of_village(world, plan, count=3, done=1)
    Person.objects.unscoped("test").filter(pk=world.user("village").person_id).update(id_card="370830198801011234")

    office = new_page(browser)
    login(office, site, "office", PASSWORD)
    office.goto(f"{site}/notices/")
    office.select_option("#id_village", label="路村")
    office.fill("#id_foreword", "公示期 30 天，接受群众监督。")
    office.click("#ls-notice-create")
    office.wait_for_load_state()
    assert "尚未发布（预览）" in office.inner_text("main")
    office.screenshot(path=f"{SHOTS}/preview.png", full_page=True)
    office.click('[data-notice-action="publish"]')
    office.wait_for_load_state()
    url = office.inner_text("#ls-notice-url").strip()
    office.screenshot(path=f"{SHOTS}/published.png", full_page=True)
    assert "/gs/" in url
    office.context.close()

    phone = new_page(browser, PHONE)  # a new context: no cookie, no login
    response = phone.goto(url)
    assert response.status == 200 and "/accounts/login" not in phone.url
    assert phone.locator("nav, .navbar").count() == 0
    cards = phone.locator("[data-notice-card]")
    assert cards.count() == 3 and cards.first.is_visible()
    assert not phone.locator(".ls-notice-table").is_visible()
    found = phone.evaluate(CHECK)
    assert found["wide"] <= 0 and not found["small"], found
    text = phone.inner_text("body")
    assert "为民实事1" in text and "已兑现" in text and "370830198801011234" not in text and "13812345678" not in text
    phone.screenshot(path=f"{SHOTS}/phone.png", full_page=True)

    phone.emulate_media(media="print")
    assert phone.locator(".ls-notice-table").is_visible() and not cards.first.is_visible()
    assert not phone.locator("[data-print]").is_visible()
    foot = phone.inner_text(".ls-notice-foot")
    assert "发布单位：河口镇" in foot and "发布日期：" in foot and "公示截止：" in foot
    phone.screenshot(path=f"{SHOTS}/print.png", full_page=True)
    phone.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    phone.screenshot(path=f"{SHOTS}/print-a4.png", full_page=True)
    phone.pdf(path=f"{SHOTS}/notice.pdf", format="A4")
    phone.context.close()
