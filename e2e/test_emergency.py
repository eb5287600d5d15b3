"""应急值守 on a 375-px phone: the person on duty logs in, finds today's shift on the home page and checks in
with one tap (the second, after opening the site); the duty page, the isolation check-in (正常 in one tap),
the emergency's page, the reconciliation and the shift's page fit the phone and label their fields.
Set LUOSHI_SCREENSHOTS to a folder to keep a screenshot of each page."""

import datetime as dt

import pytest
from django.utils import timezone

from e2e.conftest import login, misfits, new_page, shot
from luoshi.emergency.models import IsolationCheck, Shift
from luoshi.emergency.tests import factories as f
from luoshi.org.testing import PASSWORD
from luoshi.plans.models import Light

PHONE = {"width": 375, "height": 740}


def _fits(page, name: str) -> None:
    shot(page, f"emergency-{name}")
    problems = misfits(page, name)
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_a_duty_check_in_on_a_phone_in_two_taps(browser, site, world):
    now = timezone.localtime()
    emergency = f.make_emergency(world, task=f.make_task(world), starts_on=now.date() - dt.timedelta(days=3))
    place = f.make_place(world)
    village = world.user("village")
    begins = (now + dt.timedelta(minutes=10)).replace(second=0, microsecond=0)
    shift = f.make_shift(world, emergency, place, village.person, day=begins.date(), starts=begins.time(),
                         ends=(begins + dt.timedelta(hours=8)).time())
    missed = f.make_shift(world, emergency, place, village.person, day=now.date() - dt.timedelta(days=1),
                          starts=dt.time(8), ends=dt.time(12))
    f.make_returnee(world, emergency)
    isolation = f.make_isolation(world, emergency, village.person, starts_on=now.date() - dt.timedelta(days=2),
                                 ends_on=now.date() + dt.timedelta(days=5))

    page = new_page(browser, PHONE)
    login(page, site, "village", PASSWORD)
    home = page.locator("[data-home-duty]")
    assert home.is_visible()
    _fits(page, "home")
    page.click(f'[data-home-duty] [data-check-in="{shift.pk}"]')  # the one tap
    page.wait_for_load_state()
    assert page.locator("[data-checked-in]").first.is_visible()
    stored = Shift.objects.unscoped("the test reads what the tap wrote").get(pk=shift.pk)
    assert stored.checked_in_at is not None and stored.light == Light.GREEN

    page.goto(f"{site}/emergency/duty/")
    _fits(page, "my-duty")
    page.goto(f"{site}/emergency/isolations/check-in/")
    _fits(page, "isolations")
    page.click(f'[data-check-normal="{isolation.pk}"]')
    page.wait_for_load_state()
    assert IsolationCheck.objects.filter(isolation=isolation, day=now.date()).exists()
    for name, url in (("emergency", f"/emergency/{emergency.pk}/"), ("reconcile", f"/emergency/{emergency.pk}/reconcile/"),
                      ("shift", f"/emergency/shifts/{missed.pk}/"), ("isolation", f"/emergency/isolations/{isolation.pk}/"),
                      ("returnees", "/ledgers/returnees/"), ("shifts", "/ledgers/shifts/"),
                      ("disinfection", "/emergency/disinfections/new/")):
        page.goto(f"{site}{url}")
        _fits(page, name)
    page.context.close()
