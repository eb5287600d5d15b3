"""org.sessions: the session engine reads a session by a statement built once and is Django's database
engine otherwise: the same data, an expired or deleted session is no session, a new one is written."""

import datetime as dt

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from luoshi.org.sessions import SessionStore

pytestmark = pytest.mark.django_db


def _saved(data: dict) -> str:
    store = SessionStore()
    store.update(data)
    store.save()
    return store.session_key


def test_a_session_reads_as_djangos_engine_reads_it():
    key = _saved({"a": 1, "名": "路村"})
    with CaptureQueriesContext(connection) as queries:
        assert dict(SessionStore(key).items()) == dict(DjangoStore(key).items()) == {"a": 1, "名": "路村"}
    assert len(queries) == 2  # one statement each
    other = _saved({"b": 2})
    assert SessionStore(other)["b"] == 2 and "a" not in SessionStore(other)


def test_an_expired_or_deleted_session_is_no_session():
    expired, deleted = _saved({"a": 1}), _saved({"a": 2})
    Session.objects.filter(session_key=expired).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    SessionStore(deleted).delete()
    for key in (expired, deleted, "x" * 32):
        store = SessionStore(key)
        assert dict(store.items()) == {} and store.session_key is None
    # the expired one is still in the table until cleared, as with Django's engine
    assert Session.objects.filter(session_key=expired).exists()
    SessionStore.clear_expired()
    assert not Session.objects.filter(session_key=expired).exists()


def test_a_login_and_logout_hold(client, world):
    from luoshi.org.testing import client_for

    signed_in = client_for(world, "village")
    assert signed_in.get("/tasks/mine/").status_code == 200
    key = signed_in.cookies["sessionid"].value
    assert SessionStore(key).get("_auth_user_id") == str(world.user("village").pk)
    signed_in.post("/accounts/logout/")
    assert dict(SessionStore(key).items()) == {}
    assert signed_in.get("/tasks/mine/").status_code == 302
