"""A village secretary reports a difficulty from a phone and turns it into a problem in one tap from
the task's timeline; the office assigns it back to them, and it appears on their home page."""

import re

from e2e.conftest import PHONE, login, new_page
from luoshi.org.testing import PASSWORD
from luoshi.supervision.models import Problem
from luoshi.supervision.tests.factories import make_task


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_reported_difficulty_becomes_a_problem_and_comes_back_assigned(browser, site, world):
    task = make_task(world, title="路村人居环境整治")
    phone = new_page(browser, PHONE)
    login(phone, site, "village", PASSWORD)
    phone.goto(f"{site}/tasks/{task.pk}/report/")
    phone.fill("textarea[name=text]", "已清理三处垃圾点")
    phone.fill("textarea[name=difficulties]", "垃圾清运车辆不足，需镇里协调")
    phone.click("main button[type=submit]")
    phone.wait_for_url(re.compile(rf"/tasks/{task.pk}/progress/$"))
    assert _fits_the_screen(phone)

    phone.click("[data-report-convert] button")  # 转为问题
    phone.wait_for_url(re.compile(r"/problems/\d+/$"))
    problem = Problem.objects.unscoped("the browser test checks what the page created").get()
    assert problem.description == "垃圾清运车辆不足，需镇里协调" and problem.task_id == task.pk
    assert "垃圾清运车辆不足" in phone.content() and "进展反馈" in phone.content() and _fits_the_screen(phone)
    phone.goto(f"{site}/tasks/{task.pk}/progress/")
    assert phone.locator(f"[data-report-problem='{problem.pk}']").count() == 1
    assert not phone.locator("[data-report-convert]").count()  # converted once

    office = new_page(browser)
    login(office, site, "office", PASSWORD)
    office.goto(f"{site}/problems/{problem.pk}/")
    office.click("details:has(form[data-action=assign]) summary")
    office.locator("form[data-action=assign]").get_by_role("radio", name="village之人", exact=True).check()
    office.click("form[data-action=assign] button[type=submit]")
    office.wait_for_selector("[data-status=assigned]")

    phone.goto(f"{site}/")
    assert phone.locator(f"[data-my-problems] [data-problem='{problem.pk}']").count() == 1
    assert "问题已交办给您" in phone.content() and _fits_the_screen(phone)
