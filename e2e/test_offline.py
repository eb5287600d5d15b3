"""Field work without signal (issue 20), in Chromium with the network switched off: a village user captures
two reports with photos and a duty check-in offline, closes the page, reopens it, goes online, and exactly
those items arrive once each with their capture and receipt times; an item the server refuses stays on the
phone with its reason; the service worker never shows one user's pages to the next user of the browser."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from e2e.conftest import PHONE, login
from luoshi.emergency.models import Shift
from luoshi.emergency.tests.factories import make_emergency, make_place, make_shift
from luoshi.org.testing import PASSWORD
from luoshi.plans.models import Task, TaskStatus
from luoshi.progress.models import Attachment, ProgressReport
from luoshi.progress.tests.factories import make_plan, make_task

SHOTS = "/tmp"


def _settled(page):
    """Wait until the page's outbox has sent what it could: an empty outbox is no sign (it is empty too before
    the script has drawn it), and a page that sent something reloads itself to read its tasks again."""
    expect(page.locator("html[data-outbox=settled]")).to_have_count(1)


def _all(model):
    return model.objects.unscoped("the browser test checks what the phone sent")


def _photo(path, color) -> str:
    exif = Image.Exif()
    exif.get_ifd(0x8769)[36867] = "2026:05:06 09:30:00"
    exif.get_ifd(0x8825).update({1: "N", 2: (36.0, 12.0, 30.0), 3: "E", 4: (117.0, 5.0, 0.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 2000), color).save(buffer, "JPEG", exif=exif)
    path.write_bytes(buffer.getvalue())
    return str(path)


def _phone(browser):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", service_workers="allow")
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, page


def _controlled(page, site):
    """Open 外勤 until the service worker controls the page (its first load only registers it)."""
    page.goto(f"{site}/field/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    _wait_controlled(page)


def _wait_controlled(page):
    for _attempt in range(50):  # wait_for_function evaluates a string, which the CSP forbids
        if page.evaluate("navigator.serviceWorker.controller !== null"):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the service worker does not control the page")


def _shift_now(world):
    now = timezone.localtime()
    start = now - dt.timedelta(minutes=20)
    emergency = make_emergency(world)
    place = make_place(world)
    return make_shift(world, emergency, place, world.user("village").person, day=start.date(),
                      starts=start.time().replace(second=0, microsecond=0),
                      ends=(now + dt.timedelta(hours=3)).time().replace(second=0, microsecond=0))


def _wait_offline(page):
    """A page opened while the context is offline can start with navigator.onLine still true (the emulation
    reaches a new document a moment later, seen on a loaded machine): its form would then try the network."""
    for _attempt in range(50):
        if page.evaluate("navigator.onLine === false"):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the page still believes it is online")


def _report_offline(page, site, task, text, percent, photo=None):
    page.goto(f"{site}/tasks/{task.pk}/report/")  # from the phone's cache
    _wait_offline(page)
    page.fill("textarea[name=text]", text)
    page.fill("input[name=percent]", str(percent))
    if photo:
        page.set_input_files("#id_photos", photo)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/field/$"))


@pytest.fixture
def field(world):
    plan = make_plan(world, timezone.localdate().year)
    tasks = [make_task(world, plan, title=title) for title in ("路村人居环境整治", "路村道路硬化", "路村改厕")]
    return tasks, _shift_now(world)


def test_reports_and_a_check_in_captured_offline_arrive_once_each_after_a_restart(browser, site, world, field,
                                                                                  tmp_path):
    (first, second, closed), shift = field
    context, page = _phone(browser)
    login(page, site, "village", PASSWORD)
    _controlled(page, site)
    for task in (first, second, closed):  # read once with signal: kept for offline
        page.goto(f"{site}/tasks/{task.pk}/report/")
    page.goto(f"{site}/field/")

    context.set_offline(True)
    page.reload()
    assert page.locator("[data-offline-banner]").is_visible()
    assert page.locator(f"[data-task='{first.pk}']").count() == 1
    _report_offline(page, site, first, "村内垃圾已清运（离线记录）", 70, _photo(tmp_path / "a.jpg", "green"))
    _report_offline(page, site, second, "道路路基完成一半（离线记录）", 50, _photo(tmp_path / "b.jpg", "blue"))
    _report_offline(page, site, closed, "改厕已完成入户摸底", 30)
    _wait_offline(page)
    page.click(f"[data-check-in='{shift.pk}']")
    page.wait_for_url(re.compile(r"/field/$"))
    items = page.locator("[data-outbox-item]")
    items.nth(3).wait_for()
    assert items.count() == 4 and "采集于" in items.first.inner_text()
    assert "2 张照片" not in page.content() and "1 张照片" in items.first.inner_text()
    page.screenshot(path=f"{SHOTS}/offline-outbox.png", full_page=True)
    assert not _all(ProgressReport).exists() and not _all(Shift).get().checked_in_at

    page.close()  # the phone puts the browser away; the queue is on the phone, not in the page
    page = context.new_page()
    page.goto(f"{site}/field/")
    page.locator("[data-outbox-item]").nth(3).wait_for()
    assert page.locator("[data-outbox-item]").count() == 4

    # meanwhile the task of the third report was closed: the server will refuse it
    _all(Task).filter(pk=closed.pk).update(status=TaskStatus.COMPLETED)
    context.set_offline(False)
    page.locator("[data-outbox-item][data-status=refused]").wait_for()
    expect(page.locator("[data-outbox-item]")).to_have_count(1)
    refused = page.locator("[data-outbox-item]")
    assert "任务已办结" in refused.locator("[data-reason]").inner_text()
    page.screenshot(path=f"{SHOTS}/offline-refused.png", full_page=True)

    reports = list(_all(ProgressReport).order_by("id"))
    assert [r.task_id for r in reports] == [first.pk, second.pk]
    for report in reports:
        assert report.captured_at and report.captured_at < report.created_at
        assert report.counted_at == report.captured_at and report.idempotency_key
        photo = _all(Attachment).get(owner_id=report.pk)
        assert max(photo.width, photo.height) <= 1920 and photo.taken_at.year == 2026
        assert float(photo.gps_lat) == pytest.approx(36.208333)
    done = _all(Shift).get(pk=shift.pk)
    assert done.checked_in_at and done.check_in_received_at and done.checked_in_at < done.check_in_received_at

    page.on("dialog", lambda dialog: dialog.accept())
    page.click("[data-discard]")
    expect(page.locator("[data-outbox-item]")).to_have_count(0)
    page.reload()  # once more online: nothing is sent twice
    page.wait_for_load_state("networkidle")
    assert _all(ProgressReport).count() == 2
    context.close()


def test_a_queue_waits_through_an_expired_login_and_is_sent_after_the_next_one(browser, site, world, field):
    from django.contrib.sessions.models import Session

    (first, _second, _closed), _shift = field
    context, page = _phone(browser)
    login(page, site, "village", PASSWORD)
    _controlled(page, site)
    page.goto(f"{site}/tasks/{first.pk}/report/")
    context.set_offline(True)
    _report_offline(page, site, first, "离线记下，登录已过期", 40)
    Session.objects.all().delete()  # the session expires while the phone is out of signal
    context.set_offline(False)
    waiting = page.locator("[data-outbox-item][data-status=login]")
    waiting.wait_for()
    assert "重新登录" in waiting.inner_text() and not _all(ProgressReport).exists()

    login(page, site, "village", PASSWORD)
    page.goto(f"{site}/field/")
    _settled(page)
    expect(page.locator("[data-outbox-item]")).to_have_count(0)
    report = _all(ProgressReport).get()
    assert report.task_id == first.pk and report.captured_at < report.created_at
    context.close()


def test_a_visit_refused_for_a_missing_note_is_fixed_on_the_phone_and_sent(browser, site, world, tmp_path):
    from luoshi.people.models import Visit, VisitCheck
    from luoshi.people.tests.factories import household

    home = household(world)
    context, page = _phone(browser)
    login(page, site, "cadre", PASSWORD)
    _controlled(page, site)
    assert page.locator(f"[data-household='{home.pk}']").count() == 1
    page.goto(f"{site}/people/households/{home.pk}/visit/")
    context.set_offline(True)
    page.goto(f"{site}/people/households/{home.pk}/visit/")
    _wait_offline(page)
    page.check("input[name=water_passed][value='0']")  # 饮水安全 不达标, but no note said why
    page.fill("textarea[name=note]", "入户走访，饮水待查")
    page.set_input_files("#id_photos", _photo(tmp_path / "c.jpg", "gray"))
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/field/$"))
    context.set_offline(False)
    refused = page.locator("[data-outbox-item][data-status=refused]")
    refused.wait_for()
    assert "请写明情况" in refused.locator("[data-reason]").inner_text()
    refused.locator("[data-fix]").click()
    refused.locator("input[name=water_note]").fill("自来水管冻裂，暂时挑水")
    refused.locator("[data-fix-form] button[type=submit]").click()
    expect(page.locator("[data-outbox-item]")).to_have_count(0)
    visit = Visit.objects.unscoped("the browser test checks what the phone sent").get()
    assert visit.captured_at and visit.captured_at < visit.created_at and visit.failed == 1
    assert VisitCheck.objects.get(visit=visit, item="water").note == "自来水管冻裂，暂时挑水"
    context.close()


def test_the_next_user_of_the_phone_never_sees_the_last_ones_pages(browser, site, world, field):
    (first, _second, _closed), _shift = field
    context, page = _phone(browser)
    login(page, site, "village", PASSWORD)
    _controlled(page, site)
    assert first.title in page.content()
    page.locator("header form[action$='/accounts/logout/'] button, form[action$='/accounts/logout/'] button") \
        .first.evaluate("b => b.form.requestSubmit()")
    page.wait_for_url(re.compile(r"/accounts/login/"))

    context.set_offline(True)  # logged out: the phone shows nothing of the last user's
    page.goto(f"{site}/field/")
    assert first.title not in page.content()
    context.set_offline(False)

    login(page, site, "cadre", PASSWORD)
    page.goto(f"{site}/field/")
    _wait_controlled(page)
    context.set_offline(True)
    page.goto(f"{site}/field/")
    cadre = str(world.user("cadre").pk)
    assert page.locator('meta[name="luoshi-user"]').get_attribute("content") == cadre
    assert first.title not in page.content()
    names = page.evaluate("caches.keys()")
    assert [n for n in names if n.startswith("luoshi-u-")] in ([], [f"luoshi-u-{cadre}"])
    context.close()


@pytest.mark.parametrize("reached", [True, False], ids=["answer-lost", "never-sent"])
def test_one_bar_of_signal_a_send_that_fails_is_kept_and_arrives_once(browser, site, world, field, reached):
    """Online as far as the browser knows, but the send fails: either the server got the report and the answer
    was lost, or it never got there. Either way the form is kept on the phone with its key and, once the signal
    holds, exactly one report exists."""
    (first, _second, _closed), _shift = field
    # no service worker here: Playwright's routes do not see requests a worker forwards
    context = browser.new_context(viewport=PHONE, locale="zh-CN", service_workers="block")
    page = context.new_page()
    page.set_default_timeout(15000)
    login(page, site, "village", PASSWORD)

    def drop(route):
        if route.request.method != "POST":
            return route.continue_()
        if reached:
            route.fetch()  # the server stores it; the answer never comes back to the phone
        return route.abort("failed")

    url, api = f"{site}/tasks/{first.pk}/report/", f"{site}/api/v1/tasks/{first.pk}/reports/"
    page.route(url, drop)
    page.route(api, lambda route: route.abort("failed"))  # the outbox's own sends fail too while the signal is poor
    page.goto(url)
    page.fill("textarea[name=text]", "信号时有时无，先记下")
    page.fill("input[name=percent]", "60")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/field/$"))
    expect(page.locator("[data-outbox-item]")).to_have_count(1)
    assert _all(ProgressReport).count() == (1 if reached else 0)
    page.unroute(url)
    page.unroute(api)
    page.reload()  # the signal holds again: the outbox is sent on this load
    _settled(page)
    expect(page.locator("[data-outbox-item]")).to_have_count(0)
    report = _all(ProgressReport).get()
    assert report.task_id == first.pk and report.text == "信号时有时无，先记下" and report.idempotency_key
    context.close()


def test_with_signal_a_report_is_sent_as_the_page_would(browser, site, world, field):
    (first, _second, _closed), _shift = field
    context = browser.new_context(viewport=PHONE, locale="zh-CN", service_workers="block")
    page = context.new_page()
    login(page, site, "village", PASSWORD)
    page.goto(f"{site}/tasks/{first.pk}/report/")
    page.fill("textarea[name=text]", "")
    page.click("main button[type=submit]")  # refused by the form: the page with its errors, as without the script
    expect(page.locator(".is-invalid").first).to_be_visible()
    page.fill("textarea[name=text]", "按时上报")
    page.fill("input[name=percent]", "40")
    page.click("main button[type=submit]")
    # the task's page once the report is in (networkidle alone could come before the form's navigation began)
    expect(page).not_to_have_url(re.compile(r"/report/"))
    assert _all(ProgressReport).count() == 1
    context.close()
