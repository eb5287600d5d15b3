"""The colour of the slip that urges a roll call's non-reporter, by supervision's rule
(urging.urge_propose): not reporting at a roll call is being behind schedule, so yellow; missing
roll calls in a row, or a task already red or past its deadline, red; and the slip says why."""

import datetime as dt

import pytest
from django.utils import timezone

from luoshi.core.models import AuditEntry
from luoshi.dispatch import selectors, services
from luoshi.dispatch.models import DispatchRound, RollCallEntry
from luoshi.dispatch.tests.factories import make_roll_call
from luoshi.plans.models import Task
from luoshi.progress.models import ProgressReport
from luoshi.progress.services import report_submit
from luoshi.supervision import urging
from luoshi.supervision.models import Urge

MONDAY = dt.date(2024, 3, 4)
WEDNESDAY, FRIDAY = MONDAY + dt.timedelta(days=2), MONDAY + dt.timedelta(days=4)


@pytest.fixture
def rc(world):
    """The roll call, with 庙口村's task just started and green: nothing wrong with it by its state."""
    rc = make_roll_call(world)
    Task.objects.unscoped("a task on track").filter(pk=rc.tasks[1].pk).update(
        start_date=timezone.localdate(), light="green", light_reason="")
    rc.tasks[1] = Task.objects.unscoped("reading back in a test").get(pk=rc.tasks[1].pk)
    return rc


def _open(world, rc, day: dt.date) -> DispatchRound:
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(8, 30)))
    return services.round_open(actor=world.user("office"), dispatch=rc.dispatch, day=day, now=at)


def _close(world, round_, committed) -> DispatchRound:
    at = timezone.make_aware(dt.datetime.combine(round_.date, dt.time(10, 30)))
    with committed():
        return services.round_close(actor=world.user("office"), round_=round_, now=at)


def _slip(task) -> Urge:
    return Urge.objects.unscoped("test").get(task=task, source="dispatch")


def test_missing_one_roll_call_is_behind_schedule_so_the_slip_is_yellow_and_says_why(world, rc, committed):
    task = rc.tasks[1]  # 庙口村's: no deadline, nothing wrong with it by its state
    assert urging.urge_propose(task)[0] == "blue"
    _close(world, _open(world, rc, MONDAY), committed)
    slip = _slip(task)
    assert (slip.colour, slip.proposed_colour) == ("yellow", "yellow")
    assert slip.reason == "3月4日调度点名未上报，视为进度滞后"
    person = rc.village2.person
    assert slip.message == f"{person.name}（庙口村）在2024年3月4日扶贫干部一三五点名中未上报，请立即上报落实情况。"
    assert slip.get_colour_display() == "黄色督办（进度滞后）"


def test_a_task_already_red_stays_red_and_its_slip_gives_both_reasons(world, rc, committed):
    _close(world, _open(world, rc, MONDAY), committed)
    slip = _slip(rc.tasks[2])  # 帮扶户两不愁三保障回头看: red-lit (逾期)
    assert slip.colour == "red" and slip.reason == "逾期；3月4日调度点名未上报，视为进度滞后"


def test_a_task_past_its_deadline_is_red_whatever_the_roll_call(world, rc):
    task = rc.tasks[1]
    task.deadline = timezone.localdate() - dt.timedelta(days=3)
    colour, reason = urging.urge_propose(task, missed_roll_calls=[MONDAY])
    assert colour == "red" and reason == "已超过完成时限 3 天；3月4日调度点名未上报，视为进度滞后"


def test_missing_roll_calls_in_a_row_raises_the_open_slip_to_red(world, rc, committed):
    task = rc.tasks[1]
    _close(world, _open(world, rc, MONDAY), committed)
    first = _slip(task)
    assert first.colour == "yellow"
    _close(world, _open(world, rc, WEDNESDAY), committed)
    slip = _slip(task)  # the same open slip, raised
    assert slip.pk == first.pk and (slip.colour, slip.proposed_colour) == ("red", "red")
    assert slip.reason == "连续 2 次调度点名未上报（3月4日、3月6日），视同逾期"
    assert "2024年3月6日" in slip.message
    assert AuditEntry.objects.unscoped("test").filter(
        object_type="supervision.urge", object_id=str(slip.pk), message__startswith="督办等级升为红色督办").exists()


def test_a_report_ends_the_run_of_misses(world, rc, committed):
    task = rc.tasks[1]
    _close(world, _open(world, rc, MONDAY), committed)
    Urge.objects.unscoped("test").filter(task=task).update(status="answered")
    wednesday = _open(world, rc, WEDNESDAY)
    report = report_submit(actor=rc.village2, task=task, text="已完成雨露计划申报")
    ProgressReport.objects.unscoped("the report made that Wednesday").filter(pk=report.pk).update(
        created_at=wednesday.opened_at + dt.timedelta(minutes=30))
    _close(world, wednesday, committed)
    _close(world, _open(world, rc, FRIDAY), committed)
    slips = Urge.objects.unscoped("test").filter(task=task, source="dispatch").order_by("id")
    assert [(s.colour, s.status) for s in slips] == [("yellow", "answered"), ("yellow", "open")]
    assert slips.last().reason == "3月8日调度点名未上报，视为进度滞后"


def test_a_round_that_did_not_call_them_neither_breaks_nor_lengthens_the_run(world, rc, committed):
    person = rc.village2.person_id
    monday = _close(world, _open(world, rc, MONDAY), committed)
    wednesday = _open(world, rc, WEDNESDAY)
    RollCallEntry.objects.unscoped("test").filter(round=wednesday, person_id=person).delete()
    wednesday = _close(world, wednesday, committed)
    friday = _close(world, _open(world, rc, FRIDAY), committed)
    assert selectors.missed_in_a_row(friday, [person]) == {person: [MONDAY, FRIDAY]}
    assert selectors.missed_in_a_row(wednesday, [person]) == {person: [MONDAY]}
    assert selectors.missed_in_a_row(monday, [rc.village.person_id]) == {rc.village.person_id: [MONDAY]}
