"""`luoshi demo`: the demo township (org), then its year of work (plans, progress) written as the
history it would have by today, its supervision, its roll call, its economy registers, its
assessment and its party registers; built once."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone


class DemoClock:
    """The clock the demo loader moves through the year while it writes the year's history.

    The demo's plan is deployed after the Spring Festival, signed, reported on, closed and accepted
    over the months before today, and the services stamp every step with `timezone.now()`: a
    report's time, a signature, 申请办结 and 验收, an audit entry, the day a stored light is judged
    on. Loaded at today's clock, every report would read as today's and every 申请办结 would be
    judged as of today, months after its deadline. Writing those rows around the services with
    past dates would skip what the demo is there to show (their checks, audit entries, light
    refreshes and notices) and would drift from them as they change. So, for the length of the
    load, the loader replaces `django.utils.timezone.now` (which `localdate()` and the models'
    auto_now fields read too) with this clock and moves it forward from one step to the next,
    oldest first; the services stamp each step with the day it happened, as a user's page would
    have. Callbacks registered with `transaction.on_commit` meanwhile (a 申请办结's notice to its
    checkers) run, after the commit, at the moment they were registered.

    Demo loading only: it patches module attributes for the whole process, so it runs in one
    thread before the server starts. It never runs ahead of the clock it found on entry (a test's
    frozen clock is respected) and never goes backwards, so the history stays in order."""

    def __init__(self, start: dt.datetime):
        self.now = start
        self.real: dt.datetime | None = None

    def __enter__(self) -> DemoClock:
        self._saved = (timezone.now, transaction.on_commit)
        self.real = timezone.now()
        if self.now > self.real:
            raise ValueError(f"the demo clock cannot start in the future: {self.now} > {self.real}")
        timezone.now = lambda: self.now
        transaction.on_commit = self._on_commit
        return self

    def __exit__(self, *exc) -> None:
        timezone.now, transaction.on_commit = self._saved

    @property
    def today(self) -> dt.date:
        """The real day the demo is loaded on (the demo's day)."""
        return timezone.localdate(self.real)

    def set(self, day: dt.date, hour: int = 9, minute: int = 0) -> None:
        """Move to `day` at `hour`:`minute`, local time: forward only, never past the real clock."""
        when = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
        if when < self.now or when > self.real:
            raise ValueError(f"the demo clock moves forward within the past only: {self.now} → {when}")
        self.now = when

    def _on_commit(self, func, using=None, robust=False):
        at, on_commit = self.now, self._saved[1]
        return on_commit(lambda: _run_at(at, func), using=using, robust=robust)


def _run_at(at: dt.datetime, func) -> None:
    saved = timezone.now
    timezone.now = lambda: at
    try:
        func()
    finally:
        timezone.now = saved


def _morning(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def load_demo() -> list[dict]:
    from luoshi.assessment import demo as assessment_demo
    from luoshi.dispatch import demo as dispatch_demo
    from luoshi.economy import demo as economy_demo
    from luoshi.economy import project_demo
    from luoshi.emergency import demo as emergency_demo
    from luoshi.org import demo as org_demo
    from luoshi.org.models import Unit, User
    from luoshi.party import demo as party_demo
    from luoshi.people import demo as people_demo
    from luoshi.plans import demo as plans_demo
    from luoshi.plans.jobs import recompute_all_lights
    from luoshi.progress import demo as progress_demo
    from luoshi.reports import notice_demo
    from luoshi.supervision import demo as supervision_demo

    calendar = plans_demo.DemoCalendar(timezone.localdate())
    with DemoClock(_morning(calendar.set_up_on)):  # the township came onto the platform before the plan
        logins = org_demo.load_demo()
    office = User.objects.unscoped("the demo's office login").get(username="office")
    township = Unit.objects.unscoped("the demo township").get(name=org_demo.data.TOWNSHIP)
    with transaction.atomic():
        with DemoClock(_morning(calendar.drafted_on)) as clock:
            plan = plans_demo.load_plan(actor=office, township=township, calendar=calendar, clock=clock)
            # the secretaries' 实事承诺 at the deployment meeting: tasks whose year the field writes below
            assessment_demo.load_commitments(plan=plan, actor=office, clock=clock, day=calendar.deployed_on)
            written = progress_demo.load_progress(plan=plan, clock=clock)
        if written:  # judged as of today, as the nightly job would
            recompute_all_lights(actor_label="演示数据")
        supervision_demo.load_supervision()
        # the township's registers, entered with their own dates (a 签约日期 is written, not stamped)
        project_demo.load_projects(plan=plan, actor=office, today=calendar.today)
        dispatch_demo.load_dispatch()
        economy_demo.load_economy()
        people_demo.load_people()
        emergency_demo.load_emergency()  # 应急值守: returnees, isolations, duty shifts (one missed, red, urged)
        # the year judged: the schemes and their published runs, on the data above
        assessment_demo.load_assessment(today=calendar.today)
        # the party registers; this year's 先进集体 are proposed from the ranking just published
        party_demo.load_party(today=calendar.today)
        # the commitments' 公示, published by the office: opens without a login
        notice_demo.load_notice(today=calendar.today)
    return logins


def print_logins(logins: list[dict]) -> None:
    from luoshi.org.demo import print_logins as show

    show(logins)
    from luoshi.reports.notice_demo import public_path

    path = public_path()
    if path:
        print(f"公示（无需登录）：{path}\n")
