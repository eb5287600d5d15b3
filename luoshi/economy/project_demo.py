"""The demo township's 招商引资 register, written through the register's services (its ledger's create,
then each project's steps with their dates and evidence), consistent with the demo plan's targets:
two 亿元 projects signed this year for "新上亿元项目 2 个", five of 千万元 or more for "新上千万元以上
项目 6 个", a 亿元 project still in talks, a lead nobody has followed up for weeks (red), one
followed up a while ago (yellow), a fresh lead and a project stopped. The plan's two targets are then
bound to the register, so their numbers count themselves.

Dates are spread over this year up to the demo's day (`on(share)`: that share of the days gone), so
the demo reads the same whenever it is loaded; follow-ups and stale leads are dated back from the
demo's day (`on(-days)`), never before a project's previous step. The rows are
`demo_data.PROJECTS`."""

from __future__ import annotations

import datetime as dt

from luoshi.economy import demo_data as data
from luoshi.economy import project_flow
from luoshi.economy.models import InvestmentProject
from luoshi.ledgers.registry import get_ledger
from luoshi.org.models import Unit, User
from luoshi.plans import services as plans
from luoshi.plans.models import Indicator, Plan


def load_projects(*, plan: Plan, actor: User, today: dt.date) -> int:
    """Write the register once (a second run finds it) and bind the plan's targets; returns how many
    projects were written."""
    township = plan.unit
    if InvestmentProject.objects.unscoped("is the demo register there").filter(
            scope_path__under=township.path).exists():
        return 0
    units = {u.name: u for u in Unit.objects.unscoped("demo units").filter(path__under=township.path)}
    leader = User.objects.unscoped("the demo leader").select_related("person").get(username="leader").person
    start = dt.date(today.year, 1, 1)

    def on(when: float, after: dt.date | None = None) -> dt.date:
        day = today + dt.timedelta(days=int(when)) if when < 0 else start + dt.timedelta(
            days=int((today - start).days * when))
        return max(day, after) if after else day

    for name, investor, industry, source, introducer, amount, place, steps in data.PROJECTS:
        (_lead, first, first_note), *moves = steps
        project = get_ledger("projects").create(
            actor=actor, name=name, investor=investor, industry=industry, source=source, introducer=introducer,
            lead_date=on(first), stage="lead", amount=amount, unit=units[place] if place else township,
            park="" if place else data.PROJECT_PARK, lead_unit=units[data.PROJECT_LEAD_UNIT],
            leader=leader if amount >= 10000 else None, note=first_note)
        for action, when, note in moves:
            day = on(when, after=project_flow.latest_date(project))
            project = project_flow.project_step(actor=actor, project=project, action=action, date=day, note=note)
    for indicator in Indicator.objects.unscoped("the demo plan's targets").filter(plan=plan, parent__isnull=True,
                                                                                 name__in=list(data.PROJECT_BINDINGS)):
        plans.indicator_bind(actor=actor, indicator=indicator, register_measure=data.PROJECT_BINDINGS[indicator.name])
    return len(data.PROJECTS)
