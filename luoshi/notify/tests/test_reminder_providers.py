"""notify's reminders know no domain: whatever a provider registers, the daily run sends once per
key and counts by the provider's tallies."""

import datetime as dt

import pytest

from luoshi.notify import reminders
from luoshi.notify.models import Notification
from luoshi.notify.reminders import Provider, Reminder, reminders_send
from luoshi.notify.targets import target

DAY = dt.date(2024, 6, 28)


@pytest.fixture
def only(monkeypatch):
    """Run the job with these providers alone (plans' own is registered by its app)."""

    def use(*providers):
        monkeypatch.setattr(reminders.providers, "_listeners", list(providers))

    return use


def _visits(user):
    def due(today):
        yield Reminder(recipients=[user], kind="visit_due", target=target("household", 5), day=today, title="入户走访",
                       tally="visit")
        if today.weekday() == 4:
            yield Reminder(recipients=[user], kind="visit_weekly", target=target("household", 5), day=today,
                           title="周五汇总", tally="visit")

    return Provider(name="visits", tallies=("visit", "quiet"), due=due)


def test_a_run_sends_what_each_provider_says_is_due_and_counts_it_once(world, only):
    village = world.user("village")
    only(_visits(village))
    logged = []
    assert reminders_send(today=DAY, log=logged.append) == {"visit": 2, "quiet": 0}
    assert reminders_send(today=DAY) == {"visit": 0, "quiet": 0}  # the job ran twice: nobody told twice
    notices = Notification.objects.unscoped("test").filter(recipient=village)
    assert sorted(notices.values_list("kind", "target")) == [("visit_due", "household:5"),
                                                             ("visit_weekly", "household:5")]
    assert logged == ["reminders {'visit': 2, 'quiet': 0}"]


def test_a_reminder_without_a_tally_counts_under_its_kind_and_providers_run_in_order(world, only):
    village, seen = world.user("village"), []

    def first(today):
        seen.append("first")
        return [Reminder(recipients=[village], kind="ping", target=target("thing", 1), day=today, title="一")]

    def second(today):
        seen.append("second")
        return []

    only(Provider(name="a", tallies=(), due=first), Provider(name="b", tallies=("b",), due=second))
    assert reminders_send(today=DAY) == {"ping": 1, "b": 0} and seen == ["first", "second"]


def test_plans_registers_its_task_reminders_once():
    names = [p.name for p in reminders.providers]
    assert names.count("tasks") == 1
    reminders.register(reminders.providers.listeners[names.index("tasks")])  # ready() run again
    assert [p.name for p in reminders.providers] == names
