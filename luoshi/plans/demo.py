"""The demo plan, built through the same services the office uses: this year's, drafted and
deployed after the Spring Festival (DemoCalendar), under the loader's clock (luoshi.demo.DemoClock)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from luoshi.org.models import Person, Unit, User
from luoshi.plans import demo_data as data
from luoshi.plans import services
from luoshi.plans.models import Indicator, Plan, Task

ROLL_CALL_WEEKS = 6


@dataclass(frozen=True)
class DemoCalendar:
    """The demo's year, counted from the day it is loaded (`today`). The plan is this year's, with
    the seed-era month and day of every deadline and milestone. The township came onto the platform
    and deployed its plan after the Spring Festival (20 February), or two weeks ago when the demo is
    loaded before then. The 一三五 roll calls have run for the last six weeks: a campaign's roll call
    rather than a year of three reports a week, which would make the demo slow to load and its
    task pages long."""

    today: dt.date

    @property
    def year(self) -> int:
        return self.today.year

    @property
    def deployed_on(self) -> dt.date:
        return min(dt.date(self.year, 2, 20), self.today - dt.timedelta(days=14))

    @property
    def drafted_on(self) -> dt.date:
        return self.deployed_on - dt.timedelta(days=3)

    @property
    def set_up_on(self) -> dt.date:
        return self.deployed_on - dt.timedelta(days=20)

    @property
    def roll_call_from(self) -> dt.date:
        """A Monday six weeks back (not before the deployment)."""
        day = self.today - dt.timedelta(weeks=ROLL_CALL_WEEKS)
        return max(self.deployed_on, day + dt.timedelta(days=(7 - day.weekday()) % 7))

    def start(self, recurrence: str) -> dt.date:
        return self.roll_call_from if recurrence == "mon_wed_fri" else self.deployed_on


def load_plan(*, actor, township: Unit, calendar: DemoCalendar, clock) -> Plan:
    """Build this year's demo plan once: drafted by the office, then deployed on the deployment day."""
    title = data.TITLE.format(year=calendar.year)
    existing = Plan.objects.unscoped("is the demo plan there").filter(unit=township, title=title).first()
    if existing:
        return existing
    plan = services.plan_create(actor=actor, unit=township, year=calendar.year, title=title)
    units = {u.name: u for u in Unit.objects.unscoped("demo units").filter(path__under=township.path)}
    lines = _lines(actor, plan, units)
    _indicators(actor, plan, lines, township)
    for spec in data.TASKS:
        _task(actor, plan, lines, units, calendar, *spec)
    for *spec, login in data.OWNED_TASKS:
        _task(actor, plan, lines, units, calendar, *spec, owner=_person_of(login))
    clock.set(calendar.deployed_on, 9, 30)  # the deployment meeting
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


def _task(actor, plan, lines, units, calendar: DemoCalendar, number, title, requirement, unit_name, month, day,
          recurrence, owner: Person | None = None) -> Task:
    unit = units[unit_name]
    deadline = dt.date(calendar.year, month, day) if month else None
    valued = data.TASK_VALUES.get(title)
    indicators = list(Indicator.objects.visible_to(actor).filter(plan=plan, name=valued[0], parent__isnull=True)
                      ) if valued else []
    task = services.task_create(
        actor=actor, plan=plan, line=lines[number], title=title, requirement=requirement, lead_unit=unit,
        owner=owner or _head_of(unit), deadline=deadline, recurrence=recurrence,
        start_date=calendar.start(recurrence), indicators=indicators,
    )
    if title == data.MILESTONES_TASK:
        for name, m, d in data.MILESTONES:
            services.milestone_add(actor=actor, task=task, title=name, due_date=dt.date(calendar.year, m, d))
    if title.startswith("建设村公共卫生厕所"):
        villages = [units[name] for name in data.TOILET_VILLAGES if name in units]
        services.task_split(actor=actor, task=task, units=villages)
    return task
