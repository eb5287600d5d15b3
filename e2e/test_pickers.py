"""Long lists on a 375-px phone: the office finds two people among 150 by typing part of a name,
picks them (one with Enter, one by tapping), drops a third from its chip, and the new roll call
names exactly those two; a ledger list shows each row as a card, nothing scrolling sideways."""

import re

from e2e.conftest import PHONE, login, new_page
from luoshi.dispatch.models import Dispatch
from luoshi.dispatch.tests.factories import make_roll_call
from luoshi.org import services as org
from luoshi.org.models import Person
from luoshi.org.testing import PASSWORD
from luoshi.supervision import services as supervision

UNITS = ["township", "office_dept", "department", "discipline", "village", "group", "other_village_same_township"]
WANTED = {"王秀兰": "路村扶贫问题排查整改", "王秀英": "庙口村扶贫问题排查整改"}  # two village secretaries, their tasks


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _long_list(world) -> tuple[dict[str, int], int]:
    """The roll-call factory's two village secretaries (who can report on their village's task),
    renamed to what the office will type, among 150 more cadres over the township's units."""
    rc = make_roll_call(world)
    for user, name in ((rc.village, "王秀兰"), (rc.village2, "王秀英")):
        Person.objects.unscoped("the browser test names its people").filter(pk=user.person_id).update(name=name)
    for i in range(150):
        org.person_create(actor=world.admin, unit=world.unit(UNITS[i % len(UNITS)]), name=f"干部{i:03d}")
    return {"王秀兰": rc.village.person_id, "王秀英": rc.village2.person_id}, rc.dispatch.pk


def _stored_people(existing: int) -> set[int]:
    dispatch = Dispatch.objects.unscoped("the browser test reads back the schedule").exclude(pk=existing).get()
    return set(Dispatch.people.through.objects.filter(dispatch=dispatch).values_list("person_id", flat=True))


def test_on_a_phone_the_office_filters_a_long_people_list_picks_two_and_the_roll_call_keeps_them(browser, site, world):
    wanted, existing = _long_list(world)
    phone = new_page(browser, PHONE)
    login(phone, site, "office", PASSWORD)
    phone.goto(f"{site}/dispatch/new/")
    picker = phone.locator("fieldset.ls-picker", has=phone.locator("#id_people"))

    def box(name):
        return picker.get_by_role("checkbox", name=name, exact=True)

    shown = picker.locator(".ls-picker-items > label:visible")
    assert shown.count() > 150 and _fits_the_screen(phone)

    phone.select_option("#id_unit", label="河口镇")
    phone.fill("#id_people", "镇纪委")  # a unit's name shows its people
    in_unit = Person.objects.unscoped("the browser test counts a unit").filter(unit=world.unit("discipline")).count()
    assert shown.count() == in_unit > 20
    phone.fill("#id_people", "")
    phone.locator("#id_people").press_sequentially("王秀兰")
    assert shown.count() == 1 and picker.locator("[data-ls-status]").inner_text() == "找到 1 项"
    phone.locator("#id_people").press("Enter")  # one match left: Enter ticks it, and submits nothing
    assert phone.url.endswith("/dispatch/new/") and box("王秀兰").is_checked()

    phone.fill("#id_people", "")
    phone.locator("#id_people").press_sequentially("王秀")
    assert sorted(shown.all_inner_texts()) == ["王秀兰", "王秀英"]
    box("王秀英").check()
    phone.fill("#id_people", "干部007")
    box("干部007").check()
    chips = picker.locator("[data-ls-chip]")
    assert chips.evaluate_all("cs => cs.map(c => c.firstChild.textContent)") == ["干部007", "王秀兰", "王秀英"]
    picker.get_by_role("button", name="移除 干部007").click()
    assert not box("干部007").is_checked()
    assert picker.locator("[data-ls-count]").inner_text() == "2" and _fits_the_screen(phone)

    for title in WANTED.values():
        phone.get_by_role("checkbox", name=title, exact=True).check()
    phone.click("main button[type=submit]")
    phone.wait_for_url(re.compile(r"/dispatch/\d+/$"))
    assert _stored_people(existing) == set(wanted.values())
    phone.context.close()


def test_without_javascript_the_picker_is_plain_checkboxes_that_still_post(browser, site, world):
    wanted, existing = _long_list(world)
    context = browser.new_context(viewport=PHONE, locale="zh-CN", java_script_enabled=False)
    phone = context.new_page()
    login(phone, site, "office", PASSWORD)
    phone.goto(f"{site}/dispatch/new/")
    assert not phone.locator("#id_people").is_visible()  # the filter box needs the script
    phone.select_option("#id_unit", label="河口镇")
    for label in [*WANTED, *WANTED.values()]:
        phone.get_by_role("checkbox", name=label, exact=True).check()
    phone.click("main button[type=submit]")
    phone.wait_for_url(re.compile(r"/dispatch/\d+/$"))
    assert _stored_people(existing) == set(wanted.values())
    context.close()


def test_a_ledger_list_shows_cards_on_a_phone_and_a_table_on_a_desk(browser, site, world):
    for i in range(3):
        supervision.problem_create(actor=world.user("office"), lead_unit=world.unit("village"), category="环境整治",
                                   description=f"村口垃圾堆放第{i + 1}处，需清运并设置围挡，长期保持整洁",
                                   measures="三日内清运，设置围挡，安排专人巡查")
    phone = new_page(browser, PHONE)
    login(phone, site, "office", PASSWORD)
    phone.goto(f"{site}/ledgers/problems/?cols=category&cols=description&cols=measures&cols=lead_unit&cols=status"
               "&cols=deadline&cols=owner&cols=co_units")
    cards = phone.locator("#results tbody tr")
    assert cards.count() == 3
    layout = phone.evaluate("""() => {
      const row = document.querySelector('#results tbody tr'), box = document.querySelector('#results .table-responsive');
      const cell = row.querySelector('td[data-label]'), title = row.querySelector('td.ls-card-title');
      return {display: getComputedStyle(row).display, inner: box.scrollWidth - box.clientWidth,
              label: getComputedStyle(cell, '::before').content,
              titleOnTop: [...row.querySelectorAll('td[data-label]')].every(
                td => td.getBoundingClientRect().top >= title.getBoundingClientRect().bottom - 1),
              wide: document.documentElement.scrollWidth - window.innerWidth};
    }""")
    assert layout["display"] == "flex" and layout["inner"] <= 0 and layout["wide"] <= 0, layout
    assert layout["label"] == '"问题类别："' and layout["titleOnTop"], layout
    assert cards.first.locator("td.ls-card-title").inner_text().startswith("村口垃圾堆放第")
    cards.first.get_by_role("link").click()
    phone.wait_for_url(re.compile(r"/problems/\d+/$"))  # the problem's own page
    phone.context.close()

    desk = new_page(browser)
    login(desk, site, "office", PASSWORD)
    desk.goto(f"{site}/ledgers/problems/")
    assert desk.evaluate("getComputedStyle(document.querySelector('#results tbody tr')).display") == "table-row"
    assert desk.locator("#results thead th", has_text="问题类别").is_visible()
    desk.context.close()
