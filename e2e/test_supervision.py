"""The office issues a red urge from a task; the village secretary sees it on top of the home page
on a phone, answers it, and the slip (and its printed form) shows the answer."""

import re

from e2e.conftest import PHONE, login, new_page
from luoshi.org.testing import PASSWORD
from luoshi.plans.light_store import light_refresh
from luoshi.supervision.models import Urge
from luoshi.supervision.tests.factories import make_task


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_red_urge_reaches_the_owners_phone_and_comes_back_answered(browser, site, world):
    task = make_task(world, title="路村人居环境整治")
    light_refresh(task=task)
    office = new_page(browser)
    login(office, site, "office", PASSWORD)
    office.goto(f"{site}/tasks/{task.pk}/urge/")
    assert office.locator("[data-proposed]").get_attribute("data-proposed") == "red"
    office.check("input[name=colour][value=red]")
    office.fill("textarea[name=message]", "请于明日前完成整改并反馈")
    office.click("[data-issue-urge]")
    office.wait_for_url(re.compile(r"/urges/\d+/$"))
    urge = Urge.objects.unscoped("the browser test checks what the page created").get()
    assert urge.colour == "red" and "督办单" in office.content()

    phone = new_page(browser, PHONE)
    login(phone, site, "village", PASSWORD)
    slip = phone.locator(f"[data-urge='{urge.pk}']")
    assert slip.get_attribute("data-colour") == "red"
    top_of_slips = phone.locator("[data-my-urges]").bounding_box()["y"]
    tasks_heading = phone.locator("#ls-my-tasks")
    assert not tasks_heading.count() or top_of_slips < tasks_heading.bounding_box()["y"]
    assert _fits_the_screen(phone)
    slip.click()
    phone.wait_for_url(re.compile(rf"/urges/{urge.pk}/$"))
    assert _fits_the_screen(phone)
    phone.fill("textarea[name=answer]", "已组织清理，明日上报照片")
    phone.click("[data-answer-submit]")
    phone.wait_for_selector("[data-answer-text]")
    assert "已组织清理，明日上报照片" in phone.locator("[data-answer-text]").inner_text()
    phone.goto(f"{site}/")
    assert not phone.locator(f"[data-urge='{urge.pk}']").count()

    office.reload()
    assert office.locator("[data-urge-slip]").get_attribute("data-status") == "answered"
    assert "已组织清理，明日上报照片" in office.locator("[data-answer-text]").inner_text()
    office.goto(f"{site}/urges/{urge.pk}/print/")
    assert "已组织清理，明日上报照片" in office.content() and urge.number in office.content()
