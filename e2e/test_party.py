"""The party registers as people use them: on a 375-px phone and a desktop every page fits and labels
its fields; a village secretary records a step of a path from the phone and is refused, in Chinese, a
step that comes too early; 纪委's pages are 纪委's alone. Set LUOSHI_SCREENSHOTS to a folder to keep a
screenshot of each page."""

import datetime as dt

import pytest

from e2e.conftest import login, misfits, new_page, shot
from luoshi.ledgers.registry import get_ledger
from luoshi.org.testing import PASSWORD
from luoshi.party import flow

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _party(world) -> dict[str, int]:
    office, today = world.user("office"), dt.date.today()
    paths = get_ledger("party-paths")
    applicant = paths.create(actor=office, name="赵晓雨", gender="female", birth_date=dt.date(1999, 5, 1),
                             branch=world.unit("village"), applied_on=today - dt.timedelta(days=100),
                             phone="13912345678", id_card="370830199905011234", introducers="王建华、李秀兰")
    member = paths.create(actor=office, name="王立新", gender="male", birth_date=dt.date(1988, 5, 1),
                          branch=world.unit("other_village_same_township"),
                          applied_on=today - dt.timedelta(days=1000), introducers="王建华、李秀兰")
    for action, days in (("activist", 970), ("candidate", 600), ("admit", 500), ("confirm", 100)):
        member = flow.path_step(actor=office, path=member, action=action, date=today - dt.timedelta(days=days),
                                note="支部大会决议")
    case = get_ledger("discipline-cases").create(
        actor=world.user("discipline"), name="钱某某", unit=world.unit("village"), post="村委会委员", is_cadre=True,
        facts="违规发放补贴", source="petition", received_on=today - dt.timedelta(days=60), sanction="warning",
        decided_on=today - dt.timedelta(days=10), status="closed", decision_no="河纪发〔2026〕3号")
    honour = get_ledger("honours").create(
        actor=office, year=today.year - 1, kind="individual", title="优秀共产党员", unit=world.unit("village"),
        person_name="王建华", status="awarded", decision_no="河发〔2026〕5号", decided_on=today - dt.timedelta(days=30),
        decision_title="关于表彰先进集体和先进个人的决定")
    return {"applicant": applicant.pk, "member": member.pk, "case": case.pk, "honour": honour.pk}


PAGES = {
    "office": ["/party/", "/ledgers/party-paths/", "/ledgers/party-paths/new/", "/party/paths/{applicant}/",
               "/party/paths/{member}/", "/ledgers/party-paths/{applicant}/edit/", "/ledgers/honours/",
               "/ledgers/honours/new/", "/party/honours/{honour}/"],
    "discipline": ["/party/", "/ledgers/discipline-cases/", "/ledgers/discipline-cases/new/",
                   "/ledgers/discipline-cases/{case}/", "/ledgers/discipline-cases/{case}/edit/"],
}


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_party_page_fits_the_screen_and_labels_its_fields(browser, site, world, size):
    ids = _party(world)
    problems = []
    for who, paths in PAGES.items():
        page = new_page(browser, PHONE if size == "phone" else DESKTOP)
        login(page, site, who, PASSWORD)
        for path in paths:
            url = path.format(**ids)
            response = page.goto(site + url)
            if response.status != 200:
                problems.append(f"{who} {url}: HTTP {response.status}")
                continue
            problems += misfits(page, url, phone=size == "phone")
            shot(page, f"party-{size}-{who}-{url.strip('/').replace('/', '_')}")
        page.context.close()
    assert not problems, "\n".join(problems)


def test_a_village_secretary_records_a_step_and_is_refused_one_too_early(browser, site, world):
    ids = _party(world)
    page = new_page(browser, PHONE)
    login(page, site, "village", PASSWORD)
    page.goto(f"{site}/party/paths/{ids['applicant']}/")
    page.click("summary:has-text('确定为入党积极分子')")
    page.fill("form[data-action='activist'] input[name='activist-date']", dt.date.today().isoformat())
    page.fill("form[data-action='activist'] textarea[name='activist-note']", "支部委员会研究确定，指定培养联系人")
    page.click("form[data-action='activist'] button[type=submit]")
    page.wait_for_load_state()
    assert page.get_attribute("[data-stage]", "data-stage") == "activist"
    page.click("summary:has-text('列为发展对象')")
    page.fill("form[data-action='candidate'] input[name='candidate-date']", dt.date.today().isoformat())
    page.fill("form[data-action='candidate'] textarea[name='candidate-note']", "支委会研究")
    page.click("form[data-action='candidate'] button[type=submit]")
    page.wait_for_load_state()
    shot(page, "party-phone-refused")
    text = page.inner_text("main")
    assert "一年以上培养教育和考察" in text and "列为发展对象被拒绝" in text
    assert page.get_attribute("[data-stage]", "data-stage") == "activist"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.context.close()


def test_the_office_neither_lists_nor_opens_the_cases(browser, site, world):
    ids = _party(world)
    page = new_page(browser, PHONE)
    login(page, site, "office", PASSWORD)
    assert "纪检" not in page.inner_text("body")
    for url in ("/ledgers/discipline-cases/", f"/ledgers/discipline-cases/{ids['case']}/", "/ledgers/"):
        page.goto(site + url)
        assert "钱某某" not in page.inner_text("body")
    page.context.close()
