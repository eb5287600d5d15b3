"""The demo's year: this year's plan, with the history a township has by the day the demo is loaded
(signatures, reports, milestones, 申请办结 and 验收 on their own days, all in the past), so its lights
are a realistic mix rather than every seed-era deadline long overdue.

The mix depends on the calendar, so these tests load the demo on fixed days of the current year
(the clock frozen, as the supervision tests do); the demo's other tests load it on the real day."""

import collections
import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from luoshi.core.models import AuditEntry
from luoshi.plans.light_store import stale_lights
from luoshi.plans.models import Light, Plan, Task, TaskStatus
from luoshi.progress.models import ProgressReport

LONG_OVERDUE = 60  # days: no task is past its deadline by more, unless it is done


@pytest.fixture
def load_on(db, tmp_path, monkeypatch):
    """Load the demo as if today were `day` of this year (at 10:00); returns the plan."""
    from luoshi import demo
    from luoshi.org import demo as org_demo

    monkeypatch.setattr(org_demo, "LOGINS_FILE", tmp_path / "logins.json")
    monkeypatch.setattr(org_demo, "VAR_DIR", tmp_path)

    def load(month: int, day: int) -> Plan:
        frozen = timezone.make_aware(dt.datetime(timezone.localdate().year, month, day, 10, 0))
        monkeypatch.setattr(timezone, "now", lambda: frozen)
        demo.load_demo()
        return Plan.objects.unscoped("the demo plan").get()

    return load


def _whole_tasks(plan) -> list[Task]:
    return list(Task.objects.unscoped("test").filter(plan=plan, parent__isnull=True)
                .exclude(status=TaskStatus.DRAFT))


def _assert_a_true_history(plan) -> None:
    """This year's plan; every stamp in the past; nothing long overdue unless done; lights fresh."""
    today = timezone.localdate()
    assert plan.year == today.year and plan.title.startswith(f"{today.year}年")
    assert all(t.deadline.year == today.year for t in Task.objects.unscoped("test").filter(deadline__isnull=False))
    midnight = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    reports = ProgressReport.objects.unscoped("test")
    assert reports.exists() and not reports.filter(created_at__gte=midnight).exists()
    assert not Task.objects.unscoped("test").filter(close_requested_at__gte=midnight).exists()
    long_ago = today - dt.timedelta(days=LONG_OVERDUE)
    overdue = Task.objects.unscoped("test").filter(deadline__lt=long_ago).exclude(status=TaskStatus.COMPLETED)
    assert list(overdue.values_list("title", "deadline")) == []
    assert stale_lights() == []


def test_late_in_the_year_the_demo_shows_a_realistic_mix_of_lights_written_once(load_on):
    plan = load_on(12, 6)
    counts = (ProgressReport.objects.unscoped("test").count(), AuditEntry.objects.unscoped("test").count())
    load_on(12, 6)
    assert (ProgressReport.objects.unscoped("test").count(), AuditEntry.objects.unscoped("test").count()) == counts
    stamps = list(AuditEntry.objects.unscoped("test").order_by("id").values_list("at", flat=True))
    assert stamps == sorted(stamps)  # the history was written in the order it happened
    _assert_a_true_history(plan)
    tasks = _whole_tasks(plan)
    lights = collections.Counter(t.light for t in tasks)
    statuses = collections.Counter(t.status for t in tasks)
    assert {Light.GREEN, Light.YELLOW, Light.RED, Light.DONE} <= set(lights)
    assert lights[Light.RED] < lights[Light.GREEN] and lights[Light.GREEN] > len(tasks) / 3
    assert lights[Light.DONE] >= 3 and statuses[TaskStatus.CLOSING] >= 2
    # a red task past its deadline says why in its reports, and was refused more time
    overdue = [t for t in tasks if t.light == Light.RED and t.deadline and t.deadline < timezone.localdate()]
    assert overdue and all(ProgressReport.objects.unscoped("test").filter(task=t).exclude(difficulties="").exists()
                           for t in overdue)
    # a history, not a day: reports over the months since the deployment after the Spring Festival
    months = {d.month for d in ProgressReport.objects.unscoped("test").dates("created_at", "month")}
    assert len(months) >= 9
    assert plan.deployed_at.date() == dt.date(plan.year, 2, 20)


@pytest.mark.parametrize("month, day", [(1, 5), (6, 15)])
def test_any_day_of_the_year_the_demo_is_a_true_history_and_mostly_green(load_on, month, day):
    """Early January (deployed the December before) and mid-year: the same rules hold."""
    plan = load_on(month, day)
    _assert_a_true_history(plan)
    lights = collections.Counter(t.light for t in _whole_tasks(plan))
    assert lights[Light.GREEN] > lights[Light.YELLOW] + lights[Light.RED]


def test_the_demo_clock_moves_forward_within_the_past_and_restores_the_real_one():
    from luoshi.demo import DemoClock

    real_now, real_on_commit = timezone.now, transaction.on_commit
    start = timezone.now() - dt.timedelta(days=30)
    with DemoClock(start) as clock:
        assert timezone.now() == start and timezone.localdate() == timezone.localdate(start)
        clock.set(timezone.localdate(start) + dt.timedelta(days=2), 16, 30)
        assert timezone.localtime().hour == 16
        with pytest.raises(ValueError):
            clock.set(timezone.localdate(start), 9)  # backwards
        with pytest.raises(ValueError):
            clock.set(clock.today + dt.timedelta(days=1), 9)  # the future
    assert timezone.now is real_now and transaction.on_commit is real_on_commit
    with pytest.raises(ValueError), DemoClock(real_now() + dt.timedelta(days=1)):
        pass
