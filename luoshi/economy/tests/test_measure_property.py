"""A bound target's stored actual never lies: random sequences of every write that moves a project
(register, import, edit, move to another village, every step of its table, follow-ups, delete) and of
the binding itself leave every bound indicator — township targets of two years, village and department
shares, counts and a sum — equal to a fresh count, and that count equal to the rule counted here in
plain Python."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.economy import project_flow
from luoshi.economy.models import InvestmentProject
from luoshi.economy.tests.project_factories import TODAY, YEAR, bound_target
from luoshi.ledgers.registry import get_ledger
from luoshi.plans import measures
from luoshi.plans import services as plans
from luoshi.plans.models import Indicator

STEPS = ["create", "import", "edit", "move", "negotiate", "sign", "start", "produce", "drop", "resume", "follow_up",
         "delete", "unbind", "bind"]
AMOUNTS = [500, 3000, 9999, 10000, 15000]
PLACES = ["village", "other_village_same_township", "township"]


class Rollback(Exception):
    """Undo one example's writes."""


def _project(number: int) -> InvestmentProject | None:
    rows = list(InvestmentProject.objects.unscoped("the projects a step may act on").order_by("id"))
    return rows[number % len(rows)] if rows else None


def _data(world, number: int) -> dict:
    return {"name": f"项目{number}", "lead_date": dt.date(YEAR - number % 2, 1 + number % 5, 1),
            "stage": "lead", "amount": AMOUNTS[number % len(AMOUNTS)], "source": "other",
            "unit": world.unit(PLACES[number % 3]),
            "lead_unit": world.unit("department") if number % 2 else None, "park": "青东产业园" if number % 3 == 2 else ""}


def _day(project: InvestmentProject, number: int) -> dt.date:
    latest = project_flow.latest_date(project) or TODAY
    return min(TODAY, latest + dt.timedelta(days=number % 90))


def _step(world, name: str, number: int, targets: dict) -> None:
    office, ledger = world.user("office"), get_ledger("projects")
    project = _project(number)
    if name == "create":
        ledger.create(actor=office, **_data(world, number))
    elif name == "import":
        ledger.create_many(actor=office, rows=[_data(world, number), _data(world, number + 1)])
    elif name == "bind" or name == "unbind":
        key = "projects.qianwan_signed" if name == "bind" else ""
        plans.indicator_bind(actor=office, indicator=targets["qianwan"], register_measure=key)
    elif project is None:
        return
    elif name in ("edit", "move"):
        change = ({"amount": AMOUNTS[(number + 1) % len(AMOUNTS)]} if name == "edit"
                  else {"unit": world.unit(PLACES[(number + 1) % 3]), "lead_unit": None})
        ledger.update(actor=office, investmentproject=project, version=project.version, **change)
    elif name == "delete":
        ledger.delete(actor=office, investmentproject=project)
    else:
        project_flow.project_step(actor=office, project=project, action=name, date=_day(project, number), note="推进")


def _expected(indicator: Indicator) -> Decimal:
    """The rule, in plain Python: signed, started or producing; 亿元 (or 千万元); signed this year;
    placed or followed under the indicator's unit."""
    measure = measures.get(indicator.register_measure)
    least = 10000 if measure.key == "projects.yi_signed" else 1000
    count = 0
    for p in InvestmentProject.objects.unscoped("the rule counted by hand"):
        under = any(path.startswith(indicator.unit.path) for path in (p.scope_path, p.lead_path) if path)
        signed = p.stage in ("signed", "started", "producing") and p.signed_date and p.signed_date.year == \
            indicator.plan.year
        count += bool(under and signed and p.amount is not None and p.amount >= least)
    return Decimal(count)


def _check():
    assert measures.stale_counts() == []
    for indicator in Indicator.objects.unscoped("every bound target").exclude(register_measure="").select_related(
            "plan", "unit"):
        assert indicator.actual == _expected(indicator), indicator


@pytest.mark.django_db(transaction=False)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(STEPS), st.integers(0, 300)), min_size=1, max_size=16))
def test_stored_counts_equal_fresh_ones_and_the_rule_after_any_sequence_of_writes(world, day, steps):
    try:
        with transaction.atomic():
            plan, township = bound_target(world, target=4)
            plans.indicator_split(actor=world.user("office"), indicator=township, shares={
                world.unit("village"): 1, world.unit("other_village_same_township"): 2, world.unit("department"): 1})
            _, last_year = bound_target(world, year=YEAR - 1)
            qianwan = plans.indicator_create(actor=world.user("office"), plan=plan, name="新上千万元以上项目",
                                             unit=world.unit("township"), measure="个", target=6,
                                             register_measure="projects.qianwan_signed")
            targets = {"township": township, "last_year": last_year, "qianwan": qianwan}
            for name, number in steps:
                try:
                    with transaction.atomic():
                        _step(world, name, number, targets)
                except (ServiceError, NotAllowed, OutOfScope):
                    pass  # a step the state does not allow is refused, and changes nothing
                _check()
            raise Rollback
    except Rollback:
        pass
