"""The demo's roll call: the seed's "一三五点名", "当场调度扶贫干部工作落实情况" — the aid cadres'
household visits and the villages' 排查整改, asked of the aid cadres and village secretaries who
can report on them (a roll call names nobody who cannot: dispatch.services)."""

from __future__ import annotations

from luoshi.dispatch import selectors, services
from luoshi.dispatch.models import Dispatch
from luoshi.org.models import Person, Unit, User
from luoshi.plans.demo_data import ROLL_CALL_TASKS
from luoshi.plans.models import Task

CALLED_TITLES = ("帮扶干部", "村党支部书记")


def load_dispatch() -> None:
    """Once: skipped when the township already has a schedule."""
    office = User.objects.unscoped("the demo's office login").get(username="office")
    if Dispatch.objects.visible_to(office).exists():
        return
    township = Unit.objects.visible_to(office).filter(kind="township").first()
    tasks = list(Task.objects.visible_to(office).filter(title__in=ROLL_CALL_TASKS))
    candidates = list(Person.objects.visible_to(office).filter(title__in=CALLED_TITLES, is_active=True)
                      .order_by("id"))
    # most demo people have no login: only those who can report on the roll call's work are named
    able = selectors.reportable_by(people=candidates, tasks=tasks)
    people = [p for p in candidates if able[p.pk]]
    if township and people and tasks:
        services.dispatch_create(actor=office, name="脱贫攻坚一三五调度点名", unit=township, people=people, tasks=tasks)
