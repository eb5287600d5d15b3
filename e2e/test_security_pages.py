"""The pages under their Content-Security-Policy (issue 19, low): every page a role opens, on a desktop and
on a phone, works with scripts from the site's own files only, and the browser reports no violation; the
confirmations that were inline handlers still ask; the office's token page works on a phone."""

import re

import pytest
from playwright.sync_api import expect

from e2e.conftest import PHONE, login, new_page
from luoshi.org import services as org_services
from luoshi.org.models import ApiToken
from luoshi.org.testing import PASSWORD
from luoshi.supervision import services as supervision_services
from luoshi.supervision.tests.factories import behind_task, make_problem

SHOT = "/tmp/token_admin_phone.png"  # to look at by eye
# Recorded before any page script runs: each violation the browser reports.
WATCH = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber));"""


def _watched(browser, viewport=None):
    page = new_page(browser, viewport)
    page.context.add_init_script(WATCH)
    errors = []
    # a failed load is reported by its response (with its address); the console's words for it carry none
    page.on("console", lambda message: errors.append(message.text) if message.type == "error"
            and not message.text.startswith("Failed to load resource") else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: errors.append(f"{response.status} {response.url}") if response.status >= 400
            and not response.url.endswith("/favicon.ico") else None)
    return page, errors


def _visit(page, errors, url: str) -> None:
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"], url
    assert page.evaluate("window.__csp") == [], url
    assert errors == [], (url, errors)


@pytest.fixture
def data(world):
    task = behind_task(world)
    urge = supervision_services.urge_issue(actor=world.user("office"), task=task)
    problem = make_problem(world)
    org_services.token_create(actor=world.user("village"), name="路村对接")
    return {"task": task, "plan": task.plan, "urge": urge, "problem": problem}


def test_the_offices_pages_work_under_the_policy(browser, site, world, data):
    page, errors = _watched(browser)
    login(page, site, "office", PASSWORD)
    plan, task = data["plan"].pk, data["task"].pk
    for url in ("/", "/tasks/", f"/tasks/{task}/", f"/plans/{plan}/", f"/plans/{plan}/battle-map/", "/ledgers/tasks/",
                f"/ledgers/tasks/new/?plan={plan}", f"/urges/{data['urge'].pk}/", f"/urges/{data['urge'].pk}/print/",
                "/supervision/", f"/problems/{data['problem'].pk}/", "/dispatch/", "/dispatch/new/",
                f"/org/users/{world.user('village').pk}/", "/org/tokens/", "/org/people/new/", "/audit/",
                "/plans/import/", "/accounts/tokens/", "/api/v1/docs"):
        _visit(page, errors, site + url)
    # what the pages' scripts do still happens (the home chart under the policy: test_home_chart.py): the
    # page size, once an inline handler, reloads the list
    page.goto(f"{site}/tasks/")
    page.select_option("#page-size", "10")
    expect(page).to_have_url(re.compile(r"page_size=10"))  # pushed by HTMX once the list has come back
    assert page.evaluate("window.__csp") == []


def test_a_village_secretarys_pages_work_on_a_phone_under_the_policy(browser, site, data):
    page, errors = _watched(browser, PHONE)
    login(page, site, "village", PASSWORD)
    for url in ("/", "/tasks/mine/", f"/tasks/{data['task'].pk}/", f"/tasks/{data['task'].pk}/report/", "/notifications/",
                "/urges/", "/accounts/tokens/"):
        _visit(page, errors, site + url)
    page.goto(f"{site}/tasks/{data['task'].pk}/report/")  # the slider and the number, once inline handlers
    page.fill("#id_percent_range", "35")
    assert page.input_value("#id_percent") == "35"
    page.fill("#id_percent", "60")
    assert page.input_value("#id_percent_range") == "60"


def test_the_confirmation_asks_and_a_dismissed_one_changes_nothing(browser, site, world, data):
    token = ApiToken.objects.get(name="路村对接")
    page, errors = _watched(browser, PHONE)
    login(page, site, "office", PASSWORD)
    page.goto(f"{site}/org/tokens/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=SHOT, full_page=True)
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator(f"tr[data-token='{token.pk}'] button[type=submit]").click()
    page.wait_for_timeout(300)
    token.refresh_from_db()
    assert asked == ["确定吊销这个令牌？使用它的系统将立即无法调用接口。"] and token.revoked_at is None
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f"tr[data-token='{token.pk}'] button[type=submit]").click()
    page.wait_for_load_state()
    token.refresh_from_db()
    assert token.revoked_at is not None and "已吊销" in page.content()
    assert page.evaluate("window.__csp") == [] and errors == []
