"""`luoshi demo`: the demo township (org), then its year of work (plans), built once."""

from django.db import transaction
from django.utils import timezone


def load_demo() -> list[dict]:
    from luoshi.dispatch import demo as dispatch_demo
    from luoshi.org import demo as org_demo
    from luoshi.org.models import Unit, User
    from luoshi.plans import demo as plans_demo
    from luoshi.progress import demo as progress_demo
    from luoshi.supervision import demo as supervision_demo

    logins = org_demo.load_demo()
    office = User.objects.unscoped("the demo's office login").get(username="office")
    township = Unit.objects.unscoped("the demo township").get(name=org_demo.data.TOWNSHIP)
    with transaction.atomic():
        plan = plans_demo.load_plan(actor=office, township=township, year=timezone.localdate().year)
        progress_demo.load_progress(plan=plan)
        supervision_demo.load_supervision()
        dispatch_demo.load_dispatch()
    return logins


def print_logins(logins: list[dict]) -> None:
    from luoshi.org.demo import print_logins as show

    show(logins)
