"""What the economy registers' tests share."""

import pytest

from luoshi.economy.tests.project_factories import day  # noqa: F401 (the frozen clock of the projects' tests)


@pytest.fixture
def villages(world):
    """The township's two villages of the personas' world, by name."""
    return {"路村": world.unit("village"), "庙口村": world.unit("other_village_same_township")}


@pytest.fixture
def in_2024(monkeypatch):
    """The clock frozen on 2024-12-06, the year the registers' rows are of."""
    import datetime as dt

    from django.utils import timezone

    frozen = timezone.make_aware(dt.datetime(2024, 12, 6, 10, 0))
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    return frozen
