"""The office generates the year's review draft (一年来) from the demo's data in a browser, opens a
number's source, and downloads the Word draft; on a phone the page does not overflow sideways."""

import io

from docx import Document

from e2e.conftest import PHONE
from e2e.test_dashboard import _as, _shot, demo  # noqa: F401 (demo: the fixture)


def test_the_office_generates_checks_and_downloads_the_years_review(browser, demo):  # noqa: F811
    page = _as(browser, demo, "office")
    page.goto(f"{demo}/bulletins/")
    page.click("#ls-review-link")
    page.wait_for_url("**/reviews/")
    page.click("#ls-review-generate")
    page.wait_for_url("**/reviews/*/")
    figures = page.locator("[data-figure]")
    assert figures.count() >= 40
    assert page.locator("[data-figure='communities']").count() == 1
    _shot(page, "review-1280.png")
    page.locator("[data-figure='benefit.yulu']").click()
    source = page.locator("tr[data-source='benefit.yulu']")
    assert source.is_visible() and "雨露计划" in source.text_content()
    with page.expect_download() as download:
        page.click("#ls-review-download")
    assert download.value.suggested_filename.endswith(".docx")
    with open(download.value.path(), "rb") as f:
        text = "\n".join(p.text for p in Document(io.BytesIO(f.read())).paragraphs)
    value = page.locator("[data-figure='communities']").text_content()  # "2[5]"
    assert value in text

    phone = _as(browser, demo, "leader", PHONE)
    phone.goto(page.url)
    assert phone.locator("[data-figure]").count() == figures.count()
    assert phone.locator("#ls-review-refresh").count() == 0  # a leader reads; the office regenerates
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 376
    _shot(phone, "review-375.png")
