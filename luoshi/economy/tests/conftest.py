import pytest


@pytest.fixture
def villages(world):
    """The township's two villages of the personas' world, by name."""
    return {"路村": world.unit("village"), "庙口村": world.unit("other_village_same_township")}
