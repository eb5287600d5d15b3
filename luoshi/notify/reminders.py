"""Reminders: notify sends them, the domains say what to remind about.

notify knows no domain. An app that has something to remind people of registers a `Provider` in
its AppConfig.ready() (plans: deadlines, milestones, overdue and silent tasks, plans/reminders.py);
the daily job (`notify.reminders`, 07:30) calls `reminders_send`, which asks every provider for the
reminders due that day and sends each through `services.notify`. A reminder's key carries the day
it is about (a deadline, a milestone's date, a last report's day), so however often the job runs,
each is sent once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils import timezone

from luoshi.core.hooks import Hook
from luoshi.notify.services import notify


@dataclass(frozen=True)
class Reminder:
    """One reminder due: to `recipients` (users), of `kind`, about `target` (notify.targets), keyed
    by `day`. `tally` is the count of the run's summary it adds to ("deadline" for both 3 and 1 days
    before); its kind when empty."""

    recipients: Sequence
    kind: str
    target: str
    day: dt.date
    title: str
    body: str = ""
    link: str = ""
    tally: str = ""


@dataclass(frozen=True)
class Provider:
    """A domain's reminders: `due(today)` yields the reminders due on `today`; `tallies` name the
    counts of the run's summary it adds to, shown even when they are nought."""

    name: str
    tallies: tuple[str, ...]
    due: Callable[[dt.date], Iterable[Reminder]]


providers: Hook[Provider] = Hook("reminder providers")


def register(provider: Provider) -> Provider:
    """Called by a domain's AppConfig.ready()."""
    return providers.register(provider)


def reminders_send(*, today: dt.date | None = None, log=None) -> dict[str, int]:
    """Send every reminder due `today`, provider by provider; returns how many notices each tally
    created (a repeat creates none)."""
    today = today or timezone.localdate()
    counts: dict[str, int] = {}
    for provider in providers:
        counts |= dict.fromkeys(provider.tallies, 0)
        for reminder in provider.due(today):
            sent = notify(recipients=reminder.recipients, kind=reminder.kind, obj=reminder.target, day=reminder.day,
                          title=reminder.title, body=reminder.body, link=reminder.link)
            tally = reminder.tally or reminder.kind
            counts[tally] = counts.get(tally, 0) + len(sent)
    if log is not None:
        log(f"reminders {counts}")
    return counts
