"""The demo's roll call: the seed's "一三五点名" over the aid cadres and the roll-call task."""

from __future__ import annotations

from luoshi.dispatch import services
from luoshi.dispatch.models import Dispatch
from luoshi.org.models import Person, Unit, User
from luoshi.plans.models import Task


def load_dispatch() -> None:
    """Once: skipped when the township already has a schedule."""
    office = User.objects.unscoped("the demo's office login").get(username="office")
    if Dispatch.objects.visible_to(office).exists():
        return
    township = Unit.objects.visible_to(office).filter(kind="township").first()
    cadres = list(Person.objects.visible_to(office).filter(title="帮扶干部"))
    tasks = list(Task.objects.visible_to(office).filter(recurrence="mon_wed_fri"))
    if township and cadres and tasks:
        services.dispatch_create(actor=office, name="脱贫攻坚一三五调度点名", unit=township, people=cadres, tasks=tasks)
