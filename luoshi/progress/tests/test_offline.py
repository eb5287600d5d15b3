"""Reports captured on a phone without signal and sent later: capture and receipt kept, the lights count
the capture within the offline grace, a resend is one report, and the stored light equals a recount."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from luoshi.plans import lights
from luoshi.plans.light_store import light_refresh, stale_lights
from luoshi.plans.models import Task
from luoshi.plans.periods import period_key
from luoshi.progress import selectors, services
from luoshi.progress.models import ProgressReport
from luoshi.progress.tests.factories import make_task

HOUR = dt.timedelta(hours=1)


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        now = timezone.now().replace(microsecond=0)

    frozen = Clock()
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    return frozen


def _task(task):
    return Task.objects.unscoped("reading back in a test").get(pk=task.pk)


def test_counted_time_is_the_capture_within_the_grace():
    received = dt.datetime(2024, 6, 4, 9, tzinfo=dt.UTC)
    grace = dt.timedelta(hours=72)
    assert lights.counted_time(captured_at=None, received_at=received, grace=grace) == received
    five_hours_ago = received - 5 * HOUR
    assert lights.counted_time(captured_at=five_hours_ago, received_at=received, grace=grace) == five_hours_ago
    # kept longer than the grace: it counts at the grace's edge, no earlier
    assert lights.counted_time(captured_at=received - 100 * HOUR, received_at=received, grace=grace) == \
        received - grace
    # a phone whose clock runs ahead never makes a report count after it arrived
    assert lights.counted_time(captured_at=received + HOUR, received_at=received, grace=grace) == received


def test_an_offline_report_keeps_its_capture_and_receipt_times(world, clock):
    task = make_task(world)
    captured = clock.now - 30 * HOUR
    report = services.report_submit(actor=world.user("village"), task=task, text="离线记录的进展", percent=62,
                                    captured_at=captured, idempotency_key="k-1")
    stored = ProgressReport.objects.unscoped("reading back").get(pk=report.pk)
    assert stored.captured_at == captured and stored.counted_at == captured and stored.created_at == clock.now
    assert _task(task).last_report_at == captured


def test_a_resent_offline_report_is_one_report(world, clock):
    task = make_task(world)
    village = world.user("village")
    first = services.report_submit(actor=village, task=task, text="离线", captured_at=clock.now - HOUR,
                                   idempotency_key="same")
    again = services.report_submit(actor=village, task=task, text="离线", captured_at=clock.now - HOUR,
                                   idempotency_key="same")
    assert again.pk == first.pk and again.replayed
    assert ProgressReport.objects.unscoped("counting").filter(task=task).count() == 1


def test_a_late_received_early_captured_report_keeps_a_monthly_task_on_time(world, clock):
    """Captured on the last evening of May without signal, received on 2 June: May is reported, and
    the light is what a recount of the reports says."""
    clock.now = timezone.make_aware(dt.datetime(2024, 6, 2, 10))
    task = make_task(world, recurrence="monthly", start=dt.date(2024, 4, 1), deadline=dt.date(2024, 12, 31))
    captured = timezone.make_aware(dt.datetime(2024, 5, 31, 20))
    report = services.report_submit(actor=world.user("village"), task=task, text="五月已完成巡查",
                                    captured_at=captured, idempotency_key="may")
    assert report.period == period_key("monthly", dt.date(2024, 5, 31)) == "2024-05"
    current = _task(task)
    assert "2024-05" in current.reported_periods.split()
    # May, the latest closed period, counts as reported: on time (received as of June, it would be red)
    assert current.light == "green"
    assert stale_lights(ids=[task.pk], today=clock.now.date()) == []
    light, reasons = selectors.light_recounted(current, today=clock.now.date())
    assert (light, lights.join_reasons(reasons)) == (current.light, current.light_reason)


def test_the_same_report_received_after_the_grace_counts_at_the_grace_edge(world, clock):
    clock.now = timezone.make_aware(dt.datetime(2024, 6, 6, 10))
    task = make_task(world, recurrence="monthly", start=dt.date(2024, 4, 1), deadline=dt.date(2024, 12, 31))
    captured = timezone.make_aware(dt.datetime(2024, 5, 31, 20))
    with override_settings(LUOSHI_OFFLINE_GRACE_HOURS=72):
        report = services.report_submit(actor=world.user("village"), task=task, text="五月巡查，迟交",
                                        captured_at=captured)
    assert report.captured_at == captured and report.counted_at == clock.now - 72 * HOUR
    assert report.period == "2024-06"
    current = _task(task)
    assert current.light == "red"  # April and May both missed
    assert stale_lights(ids=[task.pk], today=clock.now.date()) == []
    light, reasons = selectors.light_recounted(current, today=clock.now.date())
    assert (light, lights.join_reasons(reasons)) == (current.light, current.light_reason)


def test_an_honest_offline_report_is_not_stale(world, clock):
    """A one-off task last reported 12 days ago is yellow (no report for more than 10 days); a report
    captured 2 days ago that arrives now makes it green, and the stored light equals the recount."""
    task = make_task(world)
    village = world.user("village")
    clock.now = clock.now - dt.timedelta(days=12)
    services.report_submit(actor=village, task=task, text="上次上报", percent=60)
    clock.now = clock.now + dt.timedelta(days=12)
    light_refresh(task=task)
    assert _task(task).light == "yellow"
    services.report_submit(actor=village, task=task, text="两天前在村里记下", percent=62,
                           captured_at=clock.now - dt.timedelta(days=2), idempotency_key="two-days")
    current = _task(task)
    assert current.light == "green" and current.last_report_at == clock.now - dt.timedelta(days=2)
    assert stale_lights(ids=[task.pk]) == []


def test_an_older_capture_never_moves_progress_or_last_report_back(world, clock):
    task = make_task(world)
    village = world.user("village")
    services.report_submit(actor=village, task=task, text="刚刚在线上报", percent=70)
    services.report_submit(actor=village, task=task, text="昨天离线记下的", percent=50,
                           captured_at=clock.now - dt.timedelta(days=1), idempotency_key="old")
    current = _task(task)
    assert current.progress == 70 and current.last_report_at == clock.now
    assert stale_lights(ids=[task.pk]) == []


def test_the_api_takes_the_capture_time_and_answers_both_times(world, clock):
    from django.test import Client

    from luoshi.org import services as org

    task = make_task(world)
    _token, raw = org.token_create(actor=world.user("village"), name="测试")
    headers = {"Authorization": f"Bearer {raw}", "Idempotency-Key": "phone-1"}
    captured = (clock.now - 3 * HOUR).isoformat()
    url = f"/api/v1/tasks/{task.pk}/reports/"
    first = Client().post(url, {"text": "离线上报", "percent": "61", "captured_at": captured}, headers=headers)
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["captured_at"] == body["counted_at"] == captured
    assert body["created_at"] == clock.now.isoformat()
    again = Client().post(url, {"text": "离线上报", "percent": "61", "captured_at": captured}, headers=headers)
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    bad = Client().post(url, {"text": "x", "captured_at": "昨天"}, headers={**headers, "Idempotency-Key": "p2"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "captured_at"
