"""Duty shifts: the check-in window from a phone, the light stored by its one owner and recomputed equal,
a missed shift lit red and urged through supervision's 督办单."""

import datetime as dt

import pytest

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.emergency import duty
from luoshi.emergency.models import Shift
from luoshi.emergency.tests.factories import DAY, at, make_place, make_shift
from luoshi.plans.models import Light
from luoshi.supervision.models import Urge

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(world, clock):
    return make_place(world)


def person(world, key):
    return world.user(key).person


def test_check_in_opens_half_an_hour_before_and_closes_at_the_end(world, clock, emergency, place):
    shift = make_shift(world, emergency, place, person(world, "village"))
    village = world.user("village")
    clock.set(at(DAY, 7, 29))
    with pytest.raises(ServiceError, match="开班前 30 分钟内才能签到"):
        duty.shift_check_in(actor=village, shift=shift)
    clock.set(at(DAY, 7, 30))
    done = duty.shift_check_in(actor=village, shift=shift)
    assert (done.light, done.light_reason) == (Light.GREEN, "按时签到")
    with pytest.raises(ServiceError, match="已于 07:30 签到"):
        duty.shift_check_in(actor=village, shift=shift)
    late = make_shift(world, emergency, place, person(world, "village"), starts=dt.time(12), ends=dt.time(16))
    clock.set(at(DAY, 16, 1))
    with pytest.raises(ServiceError, match="已于 .* 结束"):
        duty.shift_check_in(actor=village, shift=late)


def test_a_late_check_in_is_yellow_and_only_the_person_on_duty_checks_in(world, clock, emergency, place):
    shift = make_shift(world, emergency, place, person(world, "village"))
    clock.set(at(DAY, 8, 40))
    with pytest.raises(NotAllowed):
        duty.shift_check_in(actor=world.user("office"), shift=shift)
    with pytest.raises(OutOfScope):  # the cadre sees only their own shifts
        duty.shift_check_in(actor=world.user("cadre"), shift=shift)
    done = duty.shift_check_in(actor=world.user("village"), shift=shift)
    assert done.light == Light.YELLOW and "迟到 40 分钟" in done.light_reason


def test_a_night_shift_ends_the_next_day(world, clock, emergency, place):
    shift = make_shift(world, emergency, place, person(world, "village"), starts=dt.time(20), ends=dt.time(8))
    start, end = duty.window(shift)
    assert (start, end) == (at(DAY, 20), at(DAY + dt.timedelta(days=1), 8))
    clock.set(at(DAY + dt.timedelta(days=1), 7, 59))
    assert duty.shift_check_in(actor=world.user("village"), shift=shift).light == Light.YELLOW


def test_the_stored_light_follows_the_clock_and_equals_a_fresh_one(world, clock, emergency, place):
    mine = person(world, "village")
    shifts = [make_shift(world, emergency, place, mine, starts=dt.time(h), ends=dt.time(h + 2)) for h in (8, 10, 14)]
    everything = Shift.objects.unscoped("test")
    for hour, minute in ((7, 0), (8, 10), (8, 20), (9, 0), (10, 5), (12, 0), (15, 0), (17, 0)):
        clock.set(at(DAY, hour, minute))
        if (hour, minute) == (10, 5):
            duty.shift_check_in(actor=world.user("village"), shift=shifts[1])
        duty.shifts_refresh()
        assert duty.stale_shifts(everything.all(), now=clock.now) == [], (hour, minute)
    lights = dict(everything.values_list("pk", "light"))
    assert [lights[s.pk] for s in shifts] == [Light.RED, Light.GREEN, Light.RED]
    assert everything.get(pk=shifts[0].pk).light_reason == "班次已结束，未签到（缺岗）"


def test_a_shift_written_is_lit_in_the_same_transaction(world, clock, emergency, place):
    clock.set(at(DAY, 13))
    shift = make_shift(world, emergency, place, person(world, "village"))
    assert Shift.objects.unscoped("test").get(pk=shift.pk).light == Light.RED


def test_a_missed_shift_is_urged_once_by_a_red_slip_to_the_person_who_missed_it(world, clock, emergency, place):
    shift = make_shift(world, emergency, place, person(world, "village"))
    with pytest.raises(ServiceError, match="未签到（缺岗）的班次"):
        duty.shift_urge(actor=world.user("office"), shift=shift)
    clock.set(at(DAY, 12, 5))
    duty.shifts_refresh()
    with pytest.raises(NotAllowed):
        duty.shift_urge(actor=world.user("village"), shift=shift)
    urged = duty.shift_urge(actor=world.user("office"), shift=shift)
    urge = Urge.objects.unscoped("test").get(pk=urged.urge_id)
    assert (urge.colour, urge.owner_id, urge.task_id) == ("red", shift.person_id, emergency.task_id)
    assert "路村东卡口值班未签到" in urge.reason
    with pytest.raises(ServiceError, match="已督办"):
        duty.shift_urge(actor=world.user("office"), shift=shift)


def test_without_a_task_the_emergency_cannot_urge(world, clock, place):
    from luoshi.emergency.tests.factories import make_emergency

    bare = make_emergency(world, name="防汛")
    shift = make_shift(world, bare, place, person(world, "village"))
    clock.set(at(DAY, 13))
    duty.shifts_refresh()
    with pytest.raises(ServiceError, match="没有对应的工作任务"):
        duty.shift_urge(actor=world.user("office"), shift=shift)


def test_scope_the_village_its_own_the_office_all_the_cadre_its_shifts(world, clock, emergency, place):
    from luoshi.org import services as org

    mine = make_shift(world, emergency, place, person(world, "cadre"))
    other_place = make_place(world, who="office", name="庙口村卡口", unit=world.unit("other_village_same_township"))
    elsewhere = make_shift(world, emergency, other_place, org.person_create(
        actor=world.admin, unit=world.unit("other_village_same_township"), name="王五"))
    seen = {key: set(Shift.objects.visible_to(world.user(key)).values_list("pk", flat=True))
            for key in ("office", "leader", "village", "cadre", "outsider")}
    assert seen == {"office": {mine.pk, elsewhere.pk}, "leader": {mine.pk, elsewhere.pk}, "village": {mine.pk},
                    "cadre": {mine.pk}, "outsider": set()}


def test_the_phone_page_checks_in_and_goes_back(world, clock, emergency, place, client_as):
    shift = make_shift(world, emergency, place, person(world, "village"))
    clock.set(at(DAY, 7, 45))
    client = client_as("village")
    page = client.get("/emergency/duty/").content.decode()
    assert f'data-check-in="{shift.pk}"' in page
    home = client.get("/").content.decode()
    assert f'data-check-in="{shift.pk}"' in home  # one tap from home
    response = client.post(f"/emergency/shifts/{shift.pk}/check-in/", {"next": "/emergency/duty/"})
    assert response.status_code == 302 and response["Location"] == "/emergency/duty/"
    assert Shift.objects.unscoped("test").get(pk=shift.pk).checked_in_at == clock.now
    assert client.post(f"/emergency/shifts/{shift.pk}/check-in/", {"next": "https://evil.example/"})["Location"] == \
        "/emergency/duty/"


def test_a_check_in_sent_again_with_the_field_apps_key_is_the_same_check_in(world, clock, emergency, place,
                                                                             client_as):
    shift = make_shift(world, emergency, place, person(world, "village"))
    clock.set(at(DAY, 7, 45))
    client = client_as("village")
    data = {"next": "/field/", "idempotency_key": "c" * 32}
    assert client.post(f"/emergency/shifts/{shift.pk}/check-in/", data).status_code == 302
    clock.set(at(DAY, 7, 50))  # the answer was lost on one bar; the phone sends it again
    again = client.post(f"/emergency/shifts/{shift.pk}/check-in/", data, follow=True).content.decode()
    assert "已签到" in again and "该班次已于" not in again
    assert Shift.objects.unscoped("test").get(pk=shift.pk).checked_in_at == at(DAY, 7, 45)


def test_the_shift_page_and_the_urge_button(world, clock, emergency, place, client_as):
    shift = make_shift(world, emergency, place, person(world, "village"))
    clock.set(at(DAY, 13))
    duty.shifts_refresh()
    office = client_as("office")
    assert "data-urge-shift" in office.get(f"/emergency/shifts/{shift.pk}/").content.decode()
    assert office.post(f"/emergency/shifts/{shift.pk}/urge/").status_code == 302
    assert Shift.objects.unscoped("test").get(pk=shift.pk).urge_id
    assert client_as("outsider").get(f"/emergency/shifts/{shift.pk}/").status_code == 404


def test_a_roster_sheet_imports_and_each_shift_is_lit_as_it_is_written(world, clock, emergency, place, tmp_path):
    import openpyxl

    from luoshi.exchange.importing import import_ledger
    from luoshi.ledgers.registry import get_ledger

    clock.set(at(DAY, 13))
    path = tmp_path / "roster.xlsx"
    workbook = openpyxl.Workbook()
    for row in (["路村卡口值班表"], ["值班日期", "卡口", "开始时间", "结束时间", "值班人员"],
                ["2026-02-10", "路村东卡口", "08:00", "12:00", "village之人"],
                ["2026-02-10", "路村东卡口", "20:00", "08:00", "village之人"]):
        workbook.active.append(row)
    workbook.save(path)
    outcome = import_ledger(actor=world.user("office"), ledger=get_ledger("shifts"), path=path,
                            options={"emergency": emergency.pk})
    assert not outcome.errors
    rows = Shift.objects.visible_to(world.user("village")).order_by("starts_at")
    assert [(s.starts_at.hour, s.light) for s in rows] == [(8, Light.RED), (20, Light.NONE)]
    assert duty.stale_shifts(rows, now=clock.now) == []


def test_the_office_urges_the_missed_shifts_it_selects_on_the_roster(world, clock, emergency, place, client_as):
    shifts = [make_shift(world, emergency, place, person(world, "village"), starts=dt.time(h), ends=dt.time(h + 2))
              for h in (8, 14)]
    clock.set(at(DAY, 12))
    duty.shifts_refresh()
    response = client_as("office").post("/ledgers/shifts/bulk/", {"action": "urge", "ids": [s.pk for s in shifts]})
    assert response.status_code in (200, 302)
    urged = dict(Shift.objects.unscoped("test").values_list("pk", "urge_id"))
    assert urged[shifts[0].pk] and urged[shifts[1].pk] is None  # the afternoon's has not begun
    assert client_as("village").post("/ledgers/shifts/bulk/", {"action": "urge", "ids": [shifts[0].pk]}
                                     ).status_code == 403


def test_an_offline_check_in_counts_at_its_capture_and_keeps_its_receipt(world, clock, emergency, place):
    shift = make_shift(world, emergency, place, person(world, "village"))
    village = world.user("village")
    clock.set(at(DAY, 13))  # the shift ended at 12:00; the phone checked in at 7:55 without signal
    done = duty.shift_check_in(actor=village, shift=shift, captured_at=at(DAY, 7, 55), idempotency_key="k")
    assert (done.checked_in_at, done.check_in_received_at) == (at(DAY, 7, 55), at(DAY, 13))
    assert (done.light, done.replayed) == (Light.GREEN, False)
    again = duty.shift_check_in(actor=village, shift=shift, captured_at=at(DAY, 7, 55), idempotency_key="k")
    assert again.replayed and again.checked_in_at == at(DAY, 7, 55)
    assert duty.stale_shifts(Shift.objects.unscoped("test").filter(pk=shift.pk), now=at(DAY, 13)) == []


def test_an_offline_check_in_older_than_the_grace_is_refused_with_the_reason(world, clock, emergency, place, settings):
    settings.LUOSHI_OFFLINE_GRACE_HOURS = 2
    shift = make_shift(world, emergency, place, person(world, "village"))
    clock.set(at(DAY, 15))  # captured at 7:55, but 7:55 is more than 2 hours before 15:00: counts at 13:00
    with pytest.raises(ServiceError, match="已于 .* 结束"):
        duty.shift_check_in(actor=world.user("village"), shift=shift, captured_at=at(DAY, 7, 55))


def test_the_check_in_api_answers_capture_and_receipt(world, clock, emergency, place, client_as):
    shift = make_shift(world, emergency, place, person(world, "village"))
    clock.set(at(DAY, 12, 30))
    client = client_as("village")
    client.handler.enforce_csrf_checks = False
    url = f"/api/v1/shifts/{shift.pk}/check-in/"
    answer = client.post(url, {"captured_at": at(DAY, 8, 5).isoformat()}, headers={"Idempotency-Key": "a"})
    assert answer.status_code == 201, answer.content
    assert dt.datetime.fromisoformat(answer.json()["checked_in_at"]) == at(DAY, 8, 5)
    assert dt.datetime.fromisoformat(answer.json()["received_at"]) == at(DAY, 12, 30)
    assert client.post(url, {"captured_at": at(DAY, 8, 5).isoformat()}, headers={"Idempotency-Key": "a"}).status_code \
        == 200
    refused = client.post(url, {}, headers={"Idempotency-Key": "b"})
    assert refused.status_code == 400 and "已于 08:05 签到" in refused.json()["detail"]
