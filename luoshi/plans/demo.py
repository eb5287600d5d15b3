"""The demo plan, built through the same services the office uses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from luoshi.org.models import Person, Unit, User
from luoshi.plans import demo_data as data
from luoshi.plans import services
from luoshi.plans.models import Plan, Task


def load_plan(*, actor, township: Unit, year: int) -> Plan:
    """Build the demo plan once, for the current year so its lights mean something today."""
    title = data.TITLE.format(year=year)
    existing = Plan.objects.unscoped("is the demo plan there").filter(unit=township, title=title).first()
    if existing:
        return existing
    plan = services.plan_create(actor=actor, unit=township, year=year, title=title)
    units = {u.name: u for u in Unit.objects.unscoped("demo units").filter(path__under=township.path)}
    lines = _lines(actor, plan, units)
    _indicators(actor, plan, lines, township)
    for spec in data.TASKS:
        _task(actor, plan, lines, units, year, *spec)
    for *spec, login in data.OWNED_TASKS:
        _task(actor, plan, lines, units, year, *spec, owner=_person_of(login))
    services.plan_deploy(actor=actor, plan=plan)
    return plan


def _lines(actor, plan, units) -> dict:
    return {number: services.line_create(actor=actor, plan=plan, number=f"{number}、", name=name,
                                         lead_unit=units[unit], sort_order=i)
            for i, (number, name, unit) in enumerate(data.LINES)}


def _indicators(actor, plan, lines, township) -> None:
    for number, name, measure, target, strength in data.INDICATORS:
        services.indicator_create(actor=actor, plan=plan, line=lines[number], name=name, unit=township,
                                  measure=measure, target=Decimal(target) if target is not None else None,
                                  strength=strength)


def _head_of(unit: Unit) -> Person | None:
    return Person.objects.unscoped("demo owner").filter(unit=unit).order_by("id").first()


def _person_of(username: str) -> Person:
    return User.objects.unscoped("the demo login a task is assigned to").select_related("person").get(
        username=username).person


def _start(year: int, recurrence: str) -> dt.date:
    """One-off tasks started after the Spring Festival deployment meeting; the roll calls and
    monthly duties of the demo started recently, so their period history stays short."""
    today = timezone.localdate()
    if recurrence in ("weekly", "mon_wed_fri") and today.year == year:
        return today - dt.timedelta(days=21)
    if recurrence and today.year == year:
        return today.replace(day=1) - dt.timedelta(days=62)
    return dt.date(year, 2, 20)


def _task(actor, plan, lines, units, year, number, title, requirement, unit_name, month, day, recurrence,
          owner: Person | None = None) -> Task:
    unit = units[unit_name]
    deadline = dt.date(year, month, day) if month else None
    task = services.task_create(
        actor=actor, plan=plan, line=lines[number], title=title, requirement=requirement, lead_unit=unit,
        owner=owner or _head_of(unit), deadline=deadline, recurrence=recurrence, start_date=_start(year, recurrence),
    )
    if title == data.MILESTONES_TASK:
        for name, m, d in data.MILESTONES:
            services.milestone_add(actor=actor, task=task, title=name, due_date=dt.date(year, m, d))
    if title.startswith("建设村公共卫生厕所"):
        villages = [units[name] for name in data.TOILET_VILLAGES if name in units]
        services.task_split(actor=actor, task=task, units=villages)
    return task
