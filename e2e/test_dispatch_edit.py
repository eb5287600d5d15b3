"""Changing the Mon/Wed/Fri roll call from a phone: the office opens the schedule, edits its days,
time and people on a 375-px screen, saves, and then stops the schedule."""

import re

from e2e.conftest import PHONE, login, new_page
from luoshi.dispatch.models import Dispatch
from luoshi.dispatch.tests.factories import make_roll_call
from luoshi.org.testing import PASSWORD


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_office_edits_and_stops_a_roll_call_schedule_on_a_phone(browser, site, world):
    rc = make_roll_call(world)
    phone = new_page(browser, PHONE)
    login(phone, site, "office", PASSWORD)
    phone.goto(f"{site}/dispatch/{rc.dispatch.pk}/")
    assert _fits_the_screen(phone)

    phone.click("#ls-dispatch-edit")
    phone.wait_for_url(re.compile(rf"/dispatch/{rc.dispatch.pk}/edit/$"))
    assert _fits_the_screen(phone)
    phone.fill("#id_name", "扶贫干部二四点名")
    phone.uncheck("#id_weekdays_0")
    phone.uncheck("#id_weekdays_2")
    phone.uncheck("#id_weekdays_4")
    phone.check("#id_weekdays_1")
    phone.check("#id_weekdays_3")
    phone.fill("#id_time", "09:15")
    phone.uncheck(f"input[name=people][value='{rc.cadre.person.pk}']")  # the people picker (core.widgets)
    phone.click("main button[type=submit]")

    phone.wait_for_url(re.compile(rf"/dispatch/{rc.dispatch.pk}/$"))
    text = phone.locator("main").inner_text()
    assert "扶贫干部二四点名" in text and "每周二、四 09:15" in text and "点名 2 人" in text
    assert _fits_the_screen(phone)
    saved = Dispatch.objects.unscoped("the browser test reads back the schedule").get(pk=rc.dispatch.pk)
    assert (saved.weekdays, saved.version, saved.active) == ("1,3", 2, True)

    phone.click("#ls-dispatch-deactivate")
    phone.locator("#ls-dispatch-inactive").wait_for()
    assert phone.locator("#ls-dispatch-reactivate").is_visible() and phone.locator("text=现在开始点名").count() == 0
    assert _fits_the_screen(phone)
    phone.context.close()
