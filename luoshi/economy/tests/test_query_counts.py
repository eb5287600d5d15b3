"""The registers' own pages read in a fixed number of statements, however many villages, entries,
demands and history rows there are (the suite holds counts, never timings)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from luoshi.economy import demands, enterprise_flow
from luoshi.economy.models import Enterprise
from luoshi.economy.tests.test_enterprises import make_enterprise
from luoshi.ledgers.registry import get_ledger
from luoshi.org import services as org
from luoshi.org.models import UnitKind
from luoshi.org.testing import client_for

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    client.get(url)  # the login's grants and the tables' stamps are cached by the first request
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow_income(world, n: int) -> None:
    for i in range(n):
        village = org.unit_create(actor=world.admin, parent=world.unit("township"), name=f"新村{n}{i}",
                                  kind=UnitKind.VILLAGE)
        for year in (2023, 2024):
            get_ledger("collective-income").create(actor=world.user("office"), village=village, year=year,
                                                   source="lease", item="租赁", amount=Decimal("3"))
        get_ledger("income-thresholds").create(actor=world.user("office"), township=world.unit("township"),
                                               label=f"线{n}{i}", kind="at_least", amount=Decimal(i + 1))


def test_the_year_page_reads_in_fixed_statements(world):
    client = client_for(world, "leader")
    _grow_income(world, 1)
    few = _count(client, "/economy/income/2024/")
    _grow_income(world, 6)
    assert _count(client, "/economy/income/2024/") == few


def _grow_enterprise(world, firm, n: int) -> None:
    firm = Enterprise.objects.unscoped("the test's enterprise as it is now").get(pk=firm.pk)
    for i in range(n):
        demands.demand_raise(actor=world.user("office"), enterprise=firm, description=f"诉求{n}{i}",
                             lead_unit=world.unit("department"))
        other = org.person_create(actor=world.admin, unit=world.unit("department"), name=f"联络员{n}{i}")
        firm = get_ledger("enterprises").update(actor=world.user("office"), enterprise=firm, version=firm.version,
                                                liaison=other)
        action = "stop" if firm.status != "stopped" else "resume"
        firm = enterprise_flow.enterprise_step(actor=world.user("office"), enterprise=firm, action=action,
                                               on=dt.date(2024, 1, 1) + dt.timedelta(days=10 * (n + i)))


def test_the_enterprise_page_and_the_liaisons_home_read_in_fixed_statements(world):
    firm = make_enterprise(world, status_date=dt.date(2023, 12, 1))
    client = client_for(world, "office")
    _grow_enterprise(world, firm, 1)
    page, home = _count(client, f"/economy/enterprises/{firm.pk}/"), _count(client_for(world, "cadre"), "/")
    _grow_enterprise(world, firm, 5)
    assert _count(client, f"/economy/enterprises/{firm.pk}/") == page
    assert _count(client_for(world, "cadre"), "/") == home
