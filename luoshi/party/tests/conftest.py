"""What the party registers' tests share: a frozen clock and the township's villages."""

import datetime as dt

import pytest
from django.utils import timezone

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def today(monkeypatch):
    """The clock frozen on 2026-06-01, 10:00."""
    frozen = timezone.make_aware(dt.datetime.combine(TODAY, dt.time(10, 0)))
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    return TODAY


@pytest.fixture
def villages(world):
    return {"路村": world.unit("village"), "庙口村": world.unit("other_village_same_township")}
