"""One township's economy registers (issue 14), as its departments keep them, and two targets of the
plan bound to them: 招商引资 projects in every stage, a year and a half of collective income per
village, co-operatives and family farms, talents brought in; `新上亿元项目` and `村级集体经济收入`
(split into a share per village) counted from the rows by plans.measures, the stored actual's one
writer. Rows as the services keep them: `scope_path` (and a project's `lead_path`), `yi_project`
from the planned investment, `followed_on` from the latest stage's date; an audit entry each."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from decimal import Decimal

_STAGES = [("lead", 20), ("talking", 25), ("signed", 20), ("started", 20), ("producing", 10), ("dropped", 5)]
_SOURCES = ("liaison_office", "native", "business", "superior", "other")
_INDUSTRIES = ("智能装备", "农副产品加工", "新材料", "现代物流", "文旅康养", "新能源")
_INCOME = ("contract", "pond", "dividend", "service", "lease", "other")
_LEVELS = [("none", 50), ("county", 30), ("city", 15), ("province", 5)]
PROJECTS, INCOME_PER_VILLAGE, FARMS_PER_VILLAGE, TALENTS = 200, 14, 6, 40  # a township's (the tiny scale: a tenth)


def available() -> bool:
    from django.apps import apps

    return apps.is_installed("luoshi.economy")


def build(ctx, org, work) -> int:
    if not available():
        return 0
    # a generator of its own, seeded by the township: the registers leave the draws of everything
    # generated after them (the next township's names) as they were without them
    # (seeded by the main generator's state and the township's name: the same on every database, whatever
    # the ids; a tuple of ints hashes the same in every process)
    ctx = dataclasses.replace(ctx, rng=random.Random(f"{hash(ctx.rng.getstate())}:{org.township.name}"))
    made = _projects(ctx, org) + _income(ctx, org) + _farms(ctx, org) + _talents(ctx, org)
    _bound_targets(ctx, org, work)
    return made


def _sized(ctx, count: int) -> int:
    return max(4, count // 10) if ctx.scale.name == "tiny" else count


def _day_before(ctx, rng) -> dt.date:
    return ctx.day(1) + dt.timedelta(days=rng.randrange(0, max(1, (ctx.anchor - ctx.day(1)).days)))


def _projects(ctx, org) -> int:
    from luoshi.economy.models import YI_YUAN, InvestmentProject

    rng, office = ctx.rng, org.office[0]
    stages, weights = zip(*_STAGES, strict=True)
    economy = org.departments["经济发展办公室"]
    rows = []
    for n in range(_sized(ctx, PROJECTS)):
        village = org.villages[n % len(org.villages)]
        stage = rng.choices(stages, weights)[0]
        lead_date = _day_before(ctx, rng) - dt.timedelta(days=rng.randrange(0, 200))
        dates, day = {}, lead_date
        for field, reached in (("talks_date", "talking"), ("signed_date", "signed"), ("started_date", "started"),
                               ("producing_date", "producing")):
            if stages.index(stage) >= stages.index(reached) and stage != "dropped":
                day = min(ctx.anchor - dt.timedelta(days=1), day + dt.timedelta(days=rng.randrange(5, 60)))
                dates[field] = day
        amount = Decimal(rng.choice((800, 1500, 3000, 5000, 8000, 12000, 20000, 50000)))
        rows.append(InvestmentProject(
            name=f"{rng.choice(_INDUSTRIES)}项目{n + 1:03d}", investor=f"投资方{n + 1:03d}",
            industry=rng.choice(_INDUSTRIES), source=rng.choice(_SOURCES), lead_date=lead_date, stage=stage,
            amount=amount, invested=amount * Decimal("0.4") if "started_date" in dates else None,
            yi_project=amount >= YI_YUAN, unit=village, lead_unit=economy, leader=rng.choice(org.leaders),
            followed_on=day, scope_path=village.path, lead_path=economy.path, created_at=ctx.stamp(lead_date),
            updated_at=ctx.stamp(day), **dates))
    InvestmentProject.objects.bulk_create(rows, batch_size=1000)
    for row in rows:
        ctx.audit.create(at=row.created_at, actor=office, obj=row, unit_path=row.scope_path,
                         after={"name": row.name, "stage": row.stage})
    return len(rows)


def _income(ctx, org) -> int:
    from luoshi.economy.models import CollectiveIncome

    rng, office, rows = ctx.rng, org.office[0], []
    for village in org.villages:
        for n in range(INCOME_PER_VILLAGE):
            year = ctx.year if n % 2 == 0 else ctx.year - 1
            received = dt.date(year, 1 + n % 11, 1 + n) if year < ctx.year else _day_before(ctx, rng)
            rows.append(CollectiveIncome(
                village=village, year=year, source=rng.choice(_INCOME), item=f"收入{n + 1}",
                amount=Decimal(rng.randrange(5, 400)) / 10, received_on=received, scope_path=village.path,
                created_at=ctx.stamp(min(received, ctx.anchor - dt.timedelta(days=1)))))
            rows[-1].updated_at = rows[-1].created_at
    CollectiveIncome.objects.bulk_create(rows, batch_size=2000)
    for row in rows:
        ctx.audit.create(at=row.created_at, actor=office, obj=row, unit_path=row.scope_path,
                         after={"year": row.year, "amount": str(row.amount)})
    return len(rows)


def _farms(ctx, org) -> int:
    from luoshi.economy.models import FarmEntity

    rng, office, rows = ctx.rng, org.office[0], []
    levels, weights = zip(*_LEVELS, strict=True)
    for village in org.villages:
        for n in range(FARMS_PER_VILLAGE):
            level = rng.choices(levels, weights)[0]
            rows.append(FarmEntity(
                name=f"{village.name}{'合作社' if n % 2 == 0 else '家庭农场'}{n + 1}",
                kind="cooperative" if n % 2 == 0 else "family_farm", level=level, village=village,
                certified_on=_day_before(ctx, rng) if level != "none" else None, members=rng.randrange(5, 80),
                industry=rng.choice(("粮食", "果蔬", "畜禽", "水产")), scope_path=village.path,
                created_at=ctx.stamp(ctx.day(5))))
            rows[-1].updated_at = rows[-1].created_at
    FarmEntity.objects.bulk_create(rows, batch_size=2000)
    for row in rows:
        ctx.audit.create(at=row.created_at, actor=office, obj=row, unit_path=row.scope_path, after={"name": row.name})
    return len(rows)


def _talents(ctx, org) -> int:
    from luoshi.economy.models import TalentEngagement

    rng, office, township = ctx.rng, org.office[0], org.township
    rows = [TalentEngagement(kind=rng.choice(("introduced", "flexible")), name=f"人才{n + 1:03d}",
                             field=rng.choice(_INDUSTRIES), unit=township, starts_on=_day_before(ctx, rng),
                             scope_path=township.path, created_at=ctx.stamp(ctx.day(20)))
            for n in range(_sized(ctx, TALENTS))]
    for row in rows:
        row.updated_at = row.created_at
    TalentEngagement.objects.bulk_create(rows, batch_size=1000)
    for row in rows:
        ctx.audit.create(at=row.created_at, actor=office, obj=row, unit_path=row.scope_path, after={"name": row.name})
    return len(rows)


def _bound_targets(ctx, org, work) -> None:
    """新上亿元项目 for the township, 村级集体经济收入 split into each village's share; counted as
    plans.measures counts them."""
    from luoshi.plans import measures
    from luoshi.plans.models import Indicator

    plan, line = work.plan, work.lines[0]
    projects = Indicator.objects.create(plan=plan, line=line, unit=org.departments["经济发展办公室"],
                                        name="新上亿元项目", measure="个", target=Decimal(3),
                                        register_measure="projects.yi_signed")
    income = Indicator.objects.create(plan=plan, line=line, unit=org.township, name="村级集体经济收入",
                                      measure="万元", target=Decimal(0), register_measure="income.total")
    shares = [Indicator(plan=plan, line=line, parent=income, unit=village, name=income.name, measure="万元",
                        target=Decimal(30), register_measure="income.total") for village in org.villages]
    Indicator.objects.bulk_create(shares)
    Indicator.objects.unscoped("the target of a split indicator is its shares' sum").filter(pk=income.pk).update(
        target=Decimal(30) * len(shares))
    for indicator in (projects, income, *shares):
        indicator.refresh_from_db()
        measures.indicator_count(indicator=indicator)
