"""Personal API tokens do not outlive the password (issue 19, finding 1): a login that must change its
initial password gets nothing from the API; a change or a reset revokes its tokens; tokens expire and
may be read-only; the office sees and revokes any token of a login in its scope."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from luoshi.api import api
from luoshi.core.models import AuditAction, AuditEntry
from luoshi.org import services
from luoshi.org.models import ApiToken, User
from luoshi.org.testing import PASSWORD, ROLES, client_for

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Shuang-8848-he"


def _tokens(**filters):
    return ApiToken.objects.filter(**filters)


def _bearer(raw: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _new_login(world, username="wangwu") -> tuple[User, str]:
    """A login as the office makes one: with an initial password to be changed."""
    person = services.person_create(actor=world.user("office"), unit=world.unit("village"), name="王五")
    return services.user_create(actor=world.user("office"), username=username, person=person)


def _plain_get_paths() -> list[str]:
    """Every GET operation of the API that needs no id."""
    schema = api.get_openapi_schema()
    return [path for path, ops in schema["paths"].items() if "get" in ops and "{" not in path]


def _refused_for_the_password(response):
    assert response.status_code == 403, response.content
    body = response.json()
    assert "修改初始密码" in body["detail"] and body["errors"] == []


def test_a_login_that_must_change_its_password_gets_only_a_chinese_403_from_every_api_endpoint(world):
    user, password = _new_login(world)
    client = Client()
    client.post("/accounts/login/", {"username": "wangwu", "password": password})
    paths = _plain_get_paths()
    assert len(paths) > 10
    for path in paths:
        _refused_for_the_password(client.get(path))
    # minting a token with the session is refused too (with a valid CSRF token, so the refusal is ours)
    client.get("/accounts/password/")
    csrf = client.cookies["csrftoken"].value
    _refused_for_the_password(client.post("/api/v1/tokens/", {"name": "偷偷建一个"}, content_type="application/json",
                                          headers={"X-CSRFToken": csrf}))
    assert not _tokens(user=user).exists()


def test_a_token_of_a_login_that_must_change_its_password_is_refused(world):
    user = world.user("village")
    _token, raw = services.token_create(actor=user, name="对接")
    User.objects.unscoped("a test flags the login").filter(pk=user.pk).update(must_change_password=True)
    _refused_for_the_password(_bearer(raw).get("/api/v1/me"))
    _refused_for_the_password(_bearer(raw).post("/api/v1/tokens/", {"name": "x"}, content_type="application/json"))


def test_changing_the_password_revokes_the_logins_tokens_and_the_page_says_so(world):
    user, password = _new_login(world)
    client = Client()
    client.post("/accounts/login/", {"username": "wangwu", "password": password})
    client.post("/accounts/password/", {"old_password": password, "new_password1": NEW_PASSWORD,
                                        "new_password2": NEW_PASSWORD})
    _token, raw = services.token_create(actor=User.objects.unscoped("test").get(pk=user.pk), name="县平台")
    assert _bearer(raw).get("/api/v1/me").status_code == 200
    response = client.post("/accounts/password/", {"old_password": NEW_PASSWORD, "new_password1": "Liang-9977-qiao",
                                                   "new_password2": "Liang-9977-qiao"}, follow=True)
    assert "API 令牌已全部吊销" in response.content.decode()
    assert _bearer(raw).get("/api/v1/me").status_code == 401
    token = _tokens(user=user).get()
    assert token.revoked_at is not None and token.revoke_reason == "password_changed"


def test_an_office_reset_revokes_the_logins_tokens_and_the_page_says_so(world, client_as):
    village = world.user("village")
    _token, raw = services.token_create(actor=village, name="县平台")
    assert _bearer(raw).get("/api/v1/me").status_code == 200
    response = client_as("office").post(f"/org/users/{village.pk}/reset-password/")
    assert response.status_code == 200
    assert "该用户的 API 令牌已全部吊销" in response.content.decode()
    assert _bearer(raw).get("/api/v1/me").status_code == 401
    assert _tokens(user=village).get().revoke_reason == "password_reset"


def test_tokens_live_180_days_by_default_and_the_setting_is_documented():
    assert settings.LUOSHI_API_TOKEN_DAYS == 180
    example = (Path(settings.BASE_DIR) / ".env.example").read_text()
    assert "# LUOSHI_API_TOKEN_DAYS=180" in example


def test_a_token_stops_working_when_it_expires(world, monkeypatch):
    token, raw = services.token_create(actor=world.user("village"), name="对接")
    assert token.expires_at == token.created_at + dt.timedelta(days=180)
    assert _bearer(raw).get("/api/v1/me").status_code == 200
    later = timezone.now() + dt.timedelta(days=180, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = _bearer(raw).get("/api/v1/me")
    assert response.status_code == 401 and response.json()["detail"] == "未登录或令牌无效"


def test_a_token_may_be_made_shorter_but_never_longer_than_the_setting(world, settings):
    settings.LUOSHI_API_TOKEN_DAYS = 30
    short, _raw = services.token_create(actor=world.user("village"), name="短期", days=7)
    assert short.expires_at - short.created_at == dt.timedelta(days=7)
    with pytest.raises(services.ServiceError):
        services.token_create(actor=world.user("village"), name="太长", days=31)
    response = client_for(world, "village").post("/accounts/tokens/", {"name": "默认"})
    assert response.status_code == 200
    made = _tokens(name="默认").get()
    assert made.expires_at - made.created_at == dt.timedelta(days=30)


def test_a_read_only_token_reads_but_is_refused_on_every_write(world):
    token, raw = services.token_create(actor=world.user("office"), name="只读", read_only=True)
    client = _bearer(raw)
    assert client.get("/api/v1/me").status_code == 200
    assert client.get("/api/v1/tasks/").status_code == 200
    for method, path in (("post", "/api/v1/tokens/"), ("delete", f"/api/v1/tokens/{token.pk}/"),
                         ("patch", "/api/v1/tasks/1/"), ("put", "/api/v1/problems/1/")):
        response = getattr(client, method)(path, {"name": "x"}, content_type="application/json")
        assert response.status_code == 403, (method, path)
        assert response.json()["detail"] == "只读令牌不能修改数据"
    assert _tokens(user=world.user("office")).count() == 1


def test_the_api_makes_read_only_and_short_tokens_and_shows_their_expiry(world):
    _token, raw = services.token_create(actor=world.user("office"), name="管理")
    response = _bearer(raw).post("/api/v1/tokens/", {"name": "报表", "read_only": True, "days": 10},
                                 content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["read_only"] is True and body["expires_at"].startswith(
        (timezone.now() + dt.timedelta(days=10)).date().isoformat())
    listed = {t["name"]: t for t in _bearer(raw).get("/api/v1/tokens/").json()}
    assert listed["报表"]["read_only"] and not listed["管理"]["read_only"]


# -- the office's page of every token in its scope ---------------------------------------------

PAGE = "/org/tokens/"


def test_the_token_page_is_the_offices(world):
    got = [client_for(world, role).get(PAGE).status_code for role in ROLES]
    assert got == [302, 403, 200, 403, 403, 403, 403, 200]


def test_the_office_sees_the_tokens_of_the_logins_in_its_scope(world):
    services.token_create(actor=world.user("village"), name="路村对接")
    services.token_create(actor=world.user("outsider"), name="柳林对接")
    page = client_for(world, "office").get(PAGE).content.decode()
    assert "路村对接" in page and "柳林对接" not in page
    assert 'name="viewport"' in page  # the base layout's phone viewport


def test_the_office_revokes_any_token_in_its_scope_and_it_is_audited(world):
    token, raw = services.token_create(actor=world.user("village"), name="路村对接")
    office = client_for(world, "office")
    response = office.post(f"/org/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert _bearer(raw).get("/api/v1/me").status_code == 401
    token.refresh_from_db()
    assert token.revoke_reason == "office" and token.revoked_by == world.user("office")
    entry = AuditEntry.objects.unscoped("reading the log in a test").filter(
        object_type="org.apitoken", object_id=str(token.pk), action=AuditAction.DELETE).get()
    assert entry.actor_id == world.user("office").pk and entry.message == "吊销令牌"
    assert entry.parent_type == "org.user" and entry.parent_id == str(world.user("village").pk)


def test_a_token_outside_the_offices_scope_is_404_and_stays(world):
    token, raw = services.token_create(actor=world.user("outsider"), name="柳林对接")
    assert client_for(world, "office").post(f"/org/tokens/{token.pk}/revoke/").status_code == 404
    assert client_for(world, "village").post(f"/org/tokens/{token.pk}/revoke/").status_code == 403
    assert _bearer(raw).get("/api/v1/me").status_code == 200


def test_the_users_page_lists_its_live_tokens(world):
    services.token_create(actor=world.user("village"), name="路村对接")
    page = client_for(world, "office").get(f"/org/users/{world.user('village').pk}/").content.decode()
    assert "路村对接" in page and "/org/tokens/" in page


def test_login_still_works_with_the_persona_password(world):
    assert Client().post("/accounts/login/", {"username": "village", "password": PASSWORD}).status_code == 302
