"""Fixtures shared by every test: the personas' world, built once per test in code."""

import pytest


@pytest.fixture
def world(db):
    from luoshi.org.testing import build_world

    return build_world()


@pytest.fixture
def client_as(client, world):
    """client_as("office") → a test client logged in as that persona."""

    def login(key):
        client.force_login(world.user(key))
        return client

    return login


@pytest.fixture
def flushable_audit(transactional_db):
    """Live-server tests truncate the database afterwards; lift the audit guard for that."""
    yield
    from luoshi.core.audit import clear_for_tests

    clear_for_tests()


@pytest.fixture(autouse=True)
def _own_backup_dir(settings, tmp_path_factory):
    """Each test its own backup directory: an audit anchor one test writes (a restore writes one) must not
    be checked against another test's log."""
    settings.LUOSHI_BACKUP_DIR = str(tmp_path_factory.mktemp("backups"))
