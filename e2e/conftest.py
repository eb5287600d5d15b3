"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium), never a downloaded one."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("LUOSHI_CHROMIUM", "/usr/bin/chromium"))
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
PHONE = {"width": 375, "height": 812}
SHOTS = os.environ.get("LUOSHI_SCREENSHOTS")  # a folder: the tests that take screenshots save them there

# What keeps a page from working on a phone: its width beyond the screen, the buttons and fields in <main> shorter
# than a finger (39.5 px), and the fields without a label.
CHECK = """() => {
  const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const out = {wide: document.documentElement.scrollWidth - window.innerWidth, small: [], unlabelled: []};
  for (const el of document.querySelectorAll('main .btn, main .form-control, main .form-select, main .page-link')) {
    if (shown(el) && el.getBoundingClientRect().height < 39.5) out.small.push((el.innerText || el.name || el.outerHTML).slice(0, 40));
  }
  for (const el of document.querySelectorAll('main input:not([type=hidden]):not([aria-hidden=true]), main select, main textarea')) {
    if (!shown(el) || ['submit', 'button'].includes(el.type)) continue;
    const named = el.labels.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
    if (!named) out.unlabelled.push(el.name || el.outerHTML.slice(0, 60));
  }
  return out;
}"""

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around it are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
    if CHROMIUM.exists():
        return
    if os.environ.get("LUOSHI_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
    for item in items:
        if "e2e" in str(item.fspath) and "scale_out" not in item.keywords:  # no browser there: its own checks
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def site(flushable_audit, live_server, world):
    """The live server with the personas' world in it."""
    return live_server.url


def new_page(browser, viewport=None):
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


def login(page, site: str, username: str, password: str):
    page.goto(f"{site}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def shot(page, name: str) -> None:
    """A full-page screenshot into LUOSHI_SCREENSHOTS, when that is set."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def misfits(page, where: str, *, phone: bool = True) -> list[str]:
    """What keeps the open page from fitting its screen, one line each: sideways overflow, fields without a label
    and, on a phone, controls shorter than a finger."""
    found = page.evaluate(CHECK)
    problems = [f"{where}: {found['wide']} px wider than the screen"] if found["wide"] > 0 else []
    problems += [f"{where}: field without a label: {name}" for name in found["unlabelled"]]
    if phone:
        problems += [f"{where}: shorter than a finger: {s}" for s in found["small"]]
    return problems
