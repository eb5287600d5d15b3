import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the block queued with transaction.on_commit, as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
