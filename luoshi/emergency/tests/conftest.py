"""What the emergency tests share: a clock frozen on the demo's day, moved by hand."""

import datetime as dt

import pytest
from django.utils import timezone

from luoshi.emergency.tests.factories import DAY, at


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        now = at(DAY, 7, 0)

        def set(self, when: dt.datetime) -> None:
            self.now = when

    frozen = Clock()
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    return frozen


@pytest.fixture
def emergency(world, clock):
    from luoshi.emergency.tests.factories import make_emergency, make_task

    return make_emergency(world, task=make_task(world))
