"""The Mon/Wed/Fri roll call in a browser: the office watches the live page, two village
secretaries report from their phones, the page shows them as reported, the office closes the
round and downloads the Word bulletin."""

import io
import re
import zipfile

from docx import Document

from e2e.conftest import PHONE, login, new_page
from luoshi.dispatch.models import DispatchRound
from luoshi.dispatch.tests.factories import make_roll_call
from luoshi.org.testing import PASSWORD


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _report(browser, site, username: str, task, text: str):
    phone = new_page(browser, PHONE)
    login(phone, site, username, PASSWORD)
    assert "调度点名" in phone.content() and _fits_the_screen(phone)  # the roll call's notice on the home page
    phone.goto(f"{site}/tasks/{task.pk}/report/")
    assert _fits_the_screen(phone)
    phone.fill("textarea[name=text]", text)
    phone.fill("textarea[name=difficulties]", "帮扶资金拨付慢")
    phone.click("main button[type=submit]")
    phone.wait_for_url(re.compile(rf"/tasks/{task.pk}/progress/$"))
    phone.context.close()


def test_the_office_watches_a_roll_call_live_closes_it_and_downloads_the_bulletin(browser, site, world, settings):
    settings.LUOSHI_DISPATCH_POLL_SECONDS = 1
    rc = make_roll_call(world)
    office = new_page(browser)
    login(office, site, "office", PASSWORD)
    office.goto(f"{site}/dispatch/{rc.dispatch.pk}/")
    office.click("text=现在开始点名")
    office.wait_for_url(re.compile(r"/dispatch/rounds/\d+/$"))
    assert office.locator("#ls-reported-count").inner_text() == "0"

    _report(browser, site, "village", rc.tasks[0], "路村已排查贫困户20户")
    _report(browser, site, "village2", rc.tasks[1], "庙口村雨露计划已申报")

    office.locator("#ls-reported-count", has_text="2").wait_for(timeout=20000)  # the HTMX poll caught up
    board = office.locator("#ls-board").inner_text()
    assert "路村已排查贫困户20户" in board and "庙口村雨露计划已申报" in board
    assert f"{rc.cadre.person.name}（经济发展办公室）" in board  # 姓名（单位）, as the bulletin names them
    assert office.locator("[data-reported=yes]").count() == 2 and office.locator("[data-reported=no]").count() == 1

    office.click("#ls-close-round")
    office.locator("#ls-bulletin").wait_for()
    assert "已结束" in office.locator("#ls-round-status").inner_text()
    round_ = DispatchRound.objects.unscoped("the browser test checks the closed round").get()
    assert office.locator("#ls-bulletin-number").inner_text() == round_.bulletin_number
    with office.expect_download() as info:
        office.click("#ls-bulletin")
    assert info.value.suggested_filename == f"扶贫干部一三五点名通报{round_.date:%Y%m%d}.docx"
    path = info.value.path()
    with zipfile.ZipFile(io.BytesIO(open(path, "rb").read())) as package:  # noqa: SIM115
        document = package.read("word/document.xml").decode()
    assert (round_.status, round_.reported_count, round_.expected_count) == ("closed", 2, 3)
    assert "已上报 2 人" in document and "仿宋_GB2312" in document
    assert f"{rc.cadre.person.name}（经济发展办公室）" in document
    heading = Document(path).paragraphs
    assert [p.text for p in heading[:2]] == ["河口镇党政办公室", round_.bulletin_number]
    assert round_.bulletin_number == f"〔{round_.date.year}〕1号"
