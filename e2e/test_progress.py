"""A village cadre signs a new task and reports progress with a photo from a phone, all from 我的任务
at the top of the home page; the notice asking for the signature goes away; the leader sees the light change."""

import re

from playwright.sync_api import expect

from e2e.conftest import PHONE, login, new_page
from luoshi.org.testing import PASSWORD
from luoshi.plans.light_store import light_refresh
from luoshi.progress.models import Attachment, ProgressReport
from luoshi.progress.tests.factories import jpeg_bytes, make_task


def _all(model):
    return model.objects.unscoped("the browser test checks what the page created")


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_village_cadre_reports_with_a_photo_in_two_taps_and_the_red_light_turns_green(browser, site, world,
                                                                                         tmp_path):
    task = make_task(world, title="路村人居环境整治")  # 60% of its time gone, nothing reported: red
    light_refresh(task=task)
    leader = new_page(browser)
    login(leader, site, "leader", PASSWORD)
    leader.goto(f"{site}/tasks/{task.pk}/progress/")
    assert leader.locator("[data-light]").first.get_attribute("data-light") == "red"
    assert "为什么是红灯" in leader.content()

    picture = tmp_path / "现场.jpg"
    picture.write_bytes(jpeg_bytes(size=(1200, 900), color="green"))
    phone = new_page(browser, PHONE)
    login(phone, site, "village", PASSWORD)
    assert "新任务待签收" in phone.locator("section[aria-labelledby=ls-unread]").inner_text()
    assert _fits_the_screen(phone)
    phone.click(f"[data-sign-task='{task.pk}']")  # signed where it was listed, the page stays home
    phone.wait_for_selector(f"[data-report-task='{task.pk}']")
    assert "已签收" in phone.content() and not phone.locator("#ls-unread").count()  # the notice asks no more
    assert _fits_the_screen(phone)
    phone.click(f"[data-report-task='{task.pk}']")  # tap 1
    phone.wait_for_url(re.compile(rf"/tasks/{task.pk}/report/$"))
    assert _fits_the_screen(phone)
    phone.fill("textarea[name=text]", "村内道路两侧垃圾已清理完毕")
    phone.fill("input[name=percent]", "70")
    phone.set_input_files("#id_photos", str(picture))
    phone.click("main button[type=submit]")  # tap 2
    phone.wait_for_url(re.compile(rf"/tasks/{task.pk}/progress/$"))
    assert "进展已上报" in phone.content() and _fits_the_screen(phone)

    report = _all(ProgressReport).get()
    assert report.percent == 70 and _all(Attachment).filter(owner_id=report.pk).count() == 1
    leader.reload()
    assert leader.locator("[data-light]").first.get_attribute("data-light") == "green"
    thumbnail = leader.locator(f"[data-report='{report.pk}'] img")
    # an <img> in the page may still be loading: wait until the browser has read it, then check it is a picture
    expect(thumbnail).to_have_js_property("complete", True)
    assert leader.evaluate("img => img.naturalWidth > 0", thumbnail.element_handle())


def test_an_old_bookmark_of_the_report_list_opens_my_tasks_on_a_phone(browser, site, world):
    task = make_task(world, title="路村人居环境整治")
    phone = new_page(browser, PHONE)
    login(phone, site, "village", PASSWORD)
    phone.goto(f"{site}/tasks/report/")
    assert phone.url == f"{site}/tasks/mine/" and phone.locator("h1").inner_text() == "我的任务"
    assert phone.locator(f"[data-sign-task='{task.pk}']").is_visible() and _fits_the_screen(phone)
