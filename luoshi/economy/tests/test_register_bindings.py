"""Every register feeds the targets bound to it: a row written through the ledger engine (created,
imported, edited, deleted) or judged by its flow recounts the bound indicator in the same
transaction, the stored number always equals a fresh count, and the rows page lists the rows."""

import datetime as dt
from decimal import Decimal

import pytest

from luoshi.economy import operation_flow
from luoshi.ledgers.registry import get_ledger
from luoshi.plans import measures
from luoshi.plans import services as plans
from luoshi.plans.models import Indicator

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 3, 5)


def _bound(world, key: str) -> Indicator:
    office = world.user("office")
    plan = plans.plan_create(actor=office, unit=world.unit("township"), year=2024, title="河口镇2024年重点工作")
    return plans.indicator_create(actor=office, plan=plan, name=key, unit=world.unit("township"), target=10,
                                  register_measure=key)


def _actual(indicator: Indicator) -> Decimal:
    indicator.refresh_from_db()
    assert measures.stale_counts() == []  # stored equals recounted, for every bound target
    return indicator.actual or Decimal(0)


def _income(world, amount, year=2024):
    return dict(village=world.unit("village"), year=year, source="pond", item="东坑塘承包费", amount=Decimal(amount),
                received_on=dt.date(year, 3, 5))


def _farm(world, **kw):
    return dict(name="西瓜合作社", kind="cooperative", level="county", certified_on=DAY, village=world.unit("village"),
                industry="西瓜", members=10) | kw


def test_collective_income_sums_the_years_entries_through_every_engine_write(world, in_2024):
    target, ledger, office = _bound(world, "income.total"), get_ledger("collective-income"), world.user("office")
    entry = ledger.create(actor=office, **_income(world, "2.5"))
    ledger.create_many(actor=office, rows=[_income(world, "1.25"), _income(world, "9", year=2023)])
    assert _actual(target) == Decimal("3.75")  # last year's entry is not this year's income
    entry = ledger.update(actor=office, collectiveincome=entry, version=entry.version, **_income(world, "4"))
    assert _actual(target) == Decimal("5.25")
    ledger.delete(actor=office, collectiveincome=entry)
    assert _actual(target) == Decimal("1.25")


def test_farms_count_the_cooperatives_certified_this_year_at_county_level_or_above(world, in_2024):
    coops, farms = _bound(world, "farms.county_coops"), _bound(world, "farms.city_family_farms")
    ledger, office = get_ledger("farms"), world.user("office")
    coop = ledger.create(actor=office, **_farm(world))
    ledger.create(actor=office, **_farm(world, name="老合作社", certified_on=dt.date(2023, 5, 1)))
    ledger.create(actor=office, **_farm(world, name="张家农场", kind="family_farm", level="city"))
    assert (_actual(coops), _actual(farms)) == (1, 1)
    ledger.update(actor=office, farmentity=coop, version=coop.version, **_farm(world, level="none"))
    assert _actual(coops) == 0


def test_an_operation_counts_once_the_township_approves_it_and_no_longer_once_revoked(world, in_2024):
    target = _bound(world, "coops.operating")
    record = get_ledger("coop-operations").create(actor=world.user("village"), village=world.unit("village"),
                                                  year=2024, business="统购统销", evidence="收支台账",
                                                  status="declared")
    assert _actual(target) == 0
    record = operation_flow.operation_step(actor=world.user("office"), operation=record, action="approve")
    assert _actual(target) == 1
    operation_flow.operation_step(actor=world.user("office"), operation=record, action="revoke", reason="无分红")
    assert _actual(target) == 0


def test_talents_and_classes_count_those_begun_this_year(world, in_2024):
    people, classes, office = _bound(world, "talents.engaged"), _bound(world, "talents.classes"), world.user("office")
    get_ledger("talent-engagements").create(actor=office, kind="flexible", mode="cooperation", name="孙教授",
                                            unit=world.unit("township"), starts_on=DAY)
    get_ledger("training-classes").create(actor=office, name="订单班", school="职业学院", unit=world.unit("township"),
                                          starts_on=DAY, students=40)
    assert (_actual(people), _actual(classes)) == (1, 1)


def test_the_rows_page_lists_the_entries_behind_the_number(world, in_2024, client_as):
    target = _bound(world, "income.total")
    get_ledger("collective-income").create_many(actor=world.user("office"),
                                                rows=[_income(world, "2"), _income(world, "3")])
    page = client_as("office").get(f"/indicators/{target.pk}/rows/").content.decode()
    assert page.count("data-ls-register-row=") == 2 and _actual(target) == 5


def test_a_speech_target_naming_a_register_proposes_its_measure():
    assert measures.propose("培育县级农民专业合作社3家") == "farms.county_coops"
    assert measures.propose("村级集体经济收入增长10%") == "income.total"
    assert measures.propose("年底前所有村合作社要有实质化运营") == "coops.operating"
