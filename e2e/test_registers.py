"""The economy registers as people use them: on a 375-px phone and a desktop every register's list,
record page and form fits and labels its fields; the liaison steps an enterprise from the home page;
a leader follows a village's collective income from the year page to its entries and the sum agrees.
Set LUOSHI_SCREENSHOTS to a folder to keep a screenshot of each page."""

import datetime as dt
from decimal import Decimal

import pytest

from e2e.conftest import login, misfits, new_page, shot
from luoshi.economy import demands, operation_flow
from luoshi.ledgers.registry import get_ledger
from luoshi.org.testing import PASSWORD

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _registers(world) -> dict[str, int]:
    office, village = world.user("office"), world.user("village")
    ours, theirs = world.unit("village"), world.unit("other_village_same_township")
    create = {name: get_ledger(name).create for name in (
        "collective-income", "income-thresholds", "farms", "coop-operations", "enterprises", "talents",
        "talent-engagements", "training-classes")}
    for label, kind, amount in (("空壳村", "below", 5), ("十万元村", "at_least", 10)):
        create["income-thresholds"](actor=office, township=world.unit("township"), label=label, kind=kind,
                                    amount=Decimal(amount))
    year = dt.date.today().year
    for place, source, amount, when in ((ours, "pond", "6.5", year - 1), (ours, "pond", "8.2", year),
                                        (ours, "dividend", "3.35", year), (theirs, "lease", "2.4", year)):
        income = create["collective-income"](actor=office, village=place, year=when, source=source,
                                             item="东坑塘承包费" if source == "pond" else "村集体资产收益",
                                             amount=Decimal(amount), received_on=dt.date(when, 3, 5),
                                             evidence="凭证〔2024〕12号")
    coop = create["farms"](actor=office, name="路村西瓜种植专业合作社", kind="cooperative", level="county",
                           certified_on=dt.date(year, 1, 2), village=ours, industry="西瓜种植", members=56,
                           phone="13812345678", leader="王建国")
    operation = create["coop-operations"](actor=village, village=ours, year=year, cooperative=coop,
                                          business="西瓜统购统销", income=Decimal("12.5"))
    operation_flow.operation_step(actor=village, operation=operation, action="declare", evidence="收支台账、分红公示")
    firm = create["enterprises"](actor=office, name="青东智能科技有限公司", industry="电子信息", above_scale=True,
                                 unit=ours, contact="张经理", phone="13912345678", liaison=world.user("cadre").person,
                                 status="stopped", status_date=dt.date(year, 1, 2), employees=260)
    demands.demand_raise(actor=office, enterprise=firm, description="用电增容审批时间长，影响新生产线投产。",
                         category="用电保障", lead_unit=world.unit("department"))
    sage = create["talents"](actor=office, kind="sage", name="王建国", village=ours, degree="doctor",
                             specialty="建筑", workplace="济宁某建设集团", donation=Decimal("10"),
                             phone="13700001111", id_card="370830198005061234")
    engaged = create["talent-engagements"](actor=office, kind="flexible", mode="adviser", name="孙明远",
                                           degree="doctor", title="泰山产业领军人才", field="人工智能",
                                           employer="青东智能科技有限公司", unit=world.unit("township"),
                                           phone="13600001111")
    course = create["training-classes"](actor=office, name="青东智能工业机器人订单班", school="济宁职业技术学院",
                                        enterprise="青东智能科技有限公司", major="工业机器人技术", students=40,
                                        unit=world.unit("township"))
    return {"income": income.pk, "farm": coop.pk, "operation": operation.pk, "enterprise": firm.pk,
            "talent": sage.pk, "engagement": engaged.pk, "course": course.pk, "year": year}


PAGES = [
    "/economy/", "/economy/income/{year}/", "/ledgers/collective-income/", "/ledgers/collective-income/new/",
    "/ledgers/collective-income/{income}/", "/ledgers/income-thresholds/", "/ledgers/farms/", "/ledgers/farms/new/",
    "/ledgers/farms/{farm}/", "/ledgers/coop-operations/", "/economy/operations/{operation}/",
    "/ledgers/enterprises/", "/ledgers/enterprises/new/", "/economy/enterprises/{enterprise}/",
    "/ledgers/talents/", "/ledgers/talents/{talent}/", "/ledgers/talent-engagements/",
    "/ledgers/talent-engagements/{engagement}/edit/", "/ledgers/training-classes/", "/ledgers/talents/import/",
]


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_register_page_fits_the_screen_and_labels_its_fields(browser, site, world, size):
    ids = _registers(world)
    page = new_page(browser, PHONE if size == "phone" else DESKTOP)
    login(page, site, "office", PASSWORD)
    problems = []
    for path in PAGES:
        url = path.format(**ids)
        response = page.goto(site + url)
        if response.status != 200:
            problems.append(f"{url}: HTTP {response.status}")
            continue
        problems += misfits(page, url, phone=size == "phone")
        shot(page, f"{size}-{url.strip('/').replace('/', '_') or 'home'}")
    page.context.close()
    assert not problems, "\n".join(problems)


def test_the_liaison_resumes_their_enterprise_from_the_phone(browser, site, world):
    ids = _registers(world)
    page = new_page(browser, PHONE)
    login(page, site, "cadre", PASSWORD)
    shot(page, "phone-cadre-home")
    assert "我联络的企业（1）" in page.inner_text("[data-my-enterprises]")
    page.click(f"[data-enterprise='{ids['enterprise']}']")
    page.click("summary:has-text('登记复工')")
    page.fill("form[data-action='resume'] input[name=on]", dt.date.today().isoformat())
    page.fill("form[data-action='resume'] input[name=note]", "两条生产线复工")
    page.click("form[data-action='resume'] button[type=submit]")
    page.wait_for_load_state()
    shot(page, "phone-cadre-enterprise")
    assert page.inner_text("[data-status]").startswith("已复工")
    assert "两条生产线复工" in page.inner_text("[data-statuses]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.context.close()


def test_a_leader_follows_a_villages_income_to_its_entries(browser, site, world):
    ids = _registers(world)
    page = new_page(browser, PHONE)
    login(page, site, "leader", PASSWORD)
    page.goto(f"{site}/economy/income/{ids['year']}/")
    shown = page.get_attribute(f"tr[data-village='{world.unit('village').pk}'] [data-total]", "data-total")
    assert shown == "11.55"
    page.click(f"tr[data-village='{world.unit('village').pk}'] [data-total]")
    page.wait_for_load_state()
    shot(page, "phone-income-entries")
    assert "共 2 条" in page.inner_text("#results")
    page.context.close()
