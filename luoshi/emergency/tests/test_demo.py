"""The demo's 应急值守: an emergency on the plan's task with returnees (the county's list has one person nobody
registered and misses one who was), isolations with check-ins and a day missed, a duty roster with check-ins,
one missed shift lit red (stored equal to a fresh light) and urged, and the village secretary's shift to
check in on a phone."""

import datetime as dt

import pytest
from django.utils import timezone

from luoshi.emergency import duty, selectors, services
from luoshi.emergency.demo import county_list
from luoshi.emergency.models import Disinfection, Emergency, Isolation, Returnee, Shift
from luoshi.org.models import User
from luoshi.plans.models import Light


@pytest.mark.django_db
def test_the_demo_has_its_emergency_with_every_register(tmp_path, monkeypatch):
    from luoshi import demo
    from luoshi.org import demo as org_demo

    monkeypatch.setattr(org_demo, "LOGINS_FILE", tmp_path / "logins.json")
    monkeypatch.setattr(org_demo, "VAR_DIR", tmp_path)
    frozen = timezone.make_aware(dt.datetime(2026, 3, 16, 10, 0))
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    demo.load_demo()
    users = {u.username: u for u in User.objects.unscoped("the demo logins").select_related("person")}
    office, village = users["office"], users["village"]
    emergency = Emergency.objects.visible_to(office).get(kind="epidemic")
    assert emergency.task is not None and Returnee.objects.visible_to(office).count() == 6

    result = services.reconcile_upload(actor=office, emergency=emergency, path=county_list(tmp_path / "list.xlsx"))
    assert [r.name for r in result.unregistered] == ["赵德胜"] and [r.name for r in result.unlisted] == ["刘秀英"]

    cards = selectors.my_isolations(actor=village)
    assert sorted(len(c.missing) for c in cards) == [0, 1]  # the village keeps both of its isolations
    assert Isolation.objects.visible_to(users["cadre"]).count() == 1

    shifts = Shift.objects.visible_to(office)
    red = list(shifts.filter(light=Light.RED))
    assert len(red) == 1 and red[0].urge_id is not None
    assert shifts.filter(light=Light.GREEN).count() == 5
    assert duty.stale_shifts(shifts, now=frozen) == []
    mine = selectors.my_shifts(actor=village)
    assert [c.open for c in mine if c.shift.day == frozen.date() and not c.shift.checked_in_at] == [True]
    assert Disinfection.objects.visible_to(office).count() == 6
    demo.load_demo()  # built once
    assert Emergency.objects.visible_to(office).count() == 2
