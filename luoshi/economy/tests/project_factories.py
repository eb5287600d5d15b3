"""Projects and bound targets for the 招商引资 register's tests, built through the real services, on a
frozen clock (the `day` fixture: 2026-06-15, a plan of 2026)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from luoshi.economy import project_flow
from luoshi.economy.models import InvestmentProject
from luoshi.ledgers.registry import get_ledger
from luoshi.plans import services as plans

YEAR = 2026
TODAY = dt.date(YEAR, 6, 15)


@pytest.fixture
def day(monkeypatch):
    """A frozen clock the tests move by hand: day.now, day.move(days=…)."""

    class Day:
        now = timezone.make_aware(dt.datetime(YEAR, 6, 15, 10, 0))

        def move(self, **delta):
            self.now += dt.timedelta(**delta)

        @property
        def today(self) -> dt.date:
            return timezone.localdate(self.now)

    frozen = Day()
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    return frozen


def make_project(world, who: str = "office", unit: str = "village", **fields) -> InvestmentProject:
    """A lead of 路村 followed by 经济发展办公室 (a 亿元 one unless `amount` says otherwise)."""
    values = {"name": "青东智能装备产业园项目", "investor": "山东青东智能科技有限公司", "industry": "智能制造",
              "source": "native", "introducer": "在外人士王某", "lead_date": dt.date(YEAR, 3, 1), "stage": "lead",
              "amount": 12000, "unit": world.unit(unit), "lead_unit": world.unit("department")} | fields
    return get_ledger("projects").create(actor=world.user(who), **values)


def step(world, project, action: str, when: dt.date, who: str = "office", note: str = "签订投资协议，合同编号QD-2026-01"):
    return project_flow.project_step(actor=world.user(who), project=project, action=action, date=when, note=note)


def bound_target(world, *, key: str = "projects.yi_signed", target=3, year: int = YEAR, name: str = "新上亿元项目"):
    plan = plans.plan_create(actor=world.user("office"), unit=world.unit("township"), year=year,
                             title=f"{year}年重点工作")
    indicator = plans.indicator_create(actor=world.user("office"), plan=plan, name=name, unit=world.unit("township"),
                                       measure="个", target=target, register_measure=key)
    return plan, indicator


def fresh(obj):
    return type(obj).objects.unscoped("a test reads the row back").get(pk=obj.pk)
