"""Login per 等保 level 2: one message for every failure, lockout per (username, IP),
forced change of an initial password, idle and absolute session expiry, everything audited."""

import time

import pytest
from django.conf import settings

from luoshi.core.models import AuditAction, AuditEntry
from luoshi.org import services
from luoshi.org.models import LoginSession
from luoshi.org.signals import SESSION_LOGIN_AT
from luoshi.org.testing import PASSWORD

LOGIN = "/accounts/login/"


def _login(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _log(action):
    return AuditEntry.objects.unscoped("reading the log in a test").filter(action=action)


def test_a_persona_logs_in_and_the_login_is_audited_with_its_ip(world, client):
    response = _login(client, "village", PASSWORD, ip="10.1.2.3")
    assert response.status_code == 302
    entry = _log(AuditAction.LOGIN).get()
    assert entry.actor == world.user("village") and entry.ip == "10.1.2.3"


def test_unknown_user_and_wrong_password_get_the_same_message(world, client):
    unknown = _login(client, "nobody-here", "whatever").content.decode()
    wrong = _login(client, "village", "wrong-password").content.decode()
    assert "用户名或密码错误" in unknown and "用户名或密码错误" in wrong
    assert _log(AuditAction.LOGIN_FAILED).count() == 2


def test_five_failures_lock_that_username_from_that_ip_for_thirty_minutes(world, client):
    for _ in range(4):
        assert _login(client, "village", "bad").status_code == 200
    locked = _login(client, "village", "bad")
    assert locked.status_code == 429 and "锁定" in locked.content.decode()
    assert _login(client, "village", PASSWORD).status_code == 429  # the right password does not help now
    assert _log(AuditAction.LOCKOUT).filter(actor_name="village").exists()
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60


def test_a_lockout_does_not_lock_out_the_same_user_elsewhere_or_others_behind_the_nat(world, client):
    for _ in range(5):
        _login(client, "village", "bad", ip="10.9.9.9")
    assert _login(client, "office", PASSWORD, ip="10.9.9.9").status_code == 302
    client.logout()
    assert _login(client, "village", PASSWORD, ip="10.8.8.8").status_code == 302


def test_an_initial_password_must_be_changed_before_anything_else(world, client):
    person = services.person_create(actor=world.user("office"), unit=world.unit("village"), name="王五")
    user, password = services.user_create(actor=world.user("office"), username="wangwu", person=person)
    _login(client, "wangwu", password)
    response = client.get("/org/units/")
    assert response.status_code == 302 and response.url == "/accounts/password/"
    response = client.post("/accounts/password/", {"old_password": password, "new_password1": "Shuang-8848-he",
                                                   "new_password2": "Shuang-8848-he"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_the_session_key_rotates_at_login(world, client):
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    _login(client, "village", PASSWORD)
    assert client.session.session_key != before


def test_sessions_expire_after_30_idle_minutes_and_activity_renews_them(world, client):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    _login(client, "village", PASSWORD)
    session = client.session
    session["luoshi_seen_at"] = int(time.time()) - 61
    session.save()
    before = client.session.get_expiry_date()
    time.sleep(1.1)
    client.get("/")
    assert client.session.get_expiry_date() > before


def test_a_session_older_than_12_hours_is_ended(world, client):
    _login(client, "village", PASSWORD)
    session = client.session
    session[SESSION_LOGIN_AT] = int(time.time()) - 12 * 3600 - 1
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith(LOGIN)
    assert client.get("/").status_code == 302


def test_the_office_sees_and_ends_a_session(world, client):
    from django.test import Client

    village_client = Client()
    _login(village_client, "village", PASSWORD)
    session = LoginSession.objects.unscoped("test").get(user=world.user("village"), ended_at__isnull=True)
    client.force_login(world.user("office"))
    assert "village" in client.get("/org/sessions/").content.decode()
    assert client.post(f"/org/sessions/{session.pk}/end/").status_code == 302
    assert village_client.get("/").status_code == 302


def test_the_outsider_cannot_end_a_session_of_another_township(world, client):
    from django.test import Client

    _login(Client(), "village", PASSWORD)
    session = LoginSession.objects.unscoped("test").get(user=world.user("village"))
    client.force_login(world.user("outsider"))
    assert client.post(f"/org/sessions/{session.pk}/end/").status_code == 404


@pytest.mark.parametrize("password, ok", [
    ("short1A", False),           # fewer than 8 characters
    ("abcdefghij", False),        # one class
    ("abcdefgh12", False),        # two classes
    ("Password1!", False),        # a common password
    ("Hekou#2024a", False),       # the township's name in pinyin
    ("河口镇Ab12!x", False),       # the township's name in characters
    ("Qiao-9876-men", True),
])
def test_the_password_policy(world, password, ok):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils import translation

    try:
        with translation.override("zh-hans"):
            validate_password(password)
    except ValidationError as error:
        assert not ok, error.messages
        with translation.override("zh-hans"):
            assert all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in error.messages)
    else:
        assert ok


def test_generated_initial_passwords_meet_the_policy(world):
    from django.contrib.auth.password_validation import validate_password

    for _ in range(20):
        validate_password(services.generate_password())


def test_the_sessions_login_is_read_again_after_any_change_to_it_however_it_was_made(world, settings):
    """The login behind a session is cached per change of its tables (core/freshness.py)."""
    from luoshi.org.backends import LoginBackend
    from luoshi.org.models import Person, User

    settings.LUOSHI_CACHE_SECONDS = 600
    backend, village = LoginBackend(), world.user("village")
    assert backend.get_user(village.pk).person.name == "village之人"
    assert backend.get_user(village.pk).person.name == "village之人"  # from the cache
    Person.objects.unscoped("renaming behind the services' back").filter(pk=village.person_id).update(name="新名字")
    assert backend.get_user(village.pk).person.name == "新名字"
    User.objects.unscoped("disabling behind the services' back").filter(pk=village.pk).update(is_active=False)
    assert backend.get_user(village.pk) is None
