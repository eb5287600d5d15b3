"""What the supervision tests share."""

import datetime as dt

import pytest
from django.utils import timezone


@pytest.fixture
def clock(monkeypatch):
    """A frozen clock the tests move by hand: clock.now, clock.advance(hours=…)."""

    class Clock:
        now = timezone.now().replace(microsecond=0)

        def advance(self, **delta):
            self.now += dt.timedelta(**delta)

    frozen = Clock()
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    return frozen
