"""The API skeleton: personal tokens, /me, /units/, with the pages' scope and audit."""

import pytest
from django.test import Client

from luoshi.core.models import AuditEntry
from luoshi.org import services
from luoshi.org.models import ApiToken

ROLES = ["anonymous", "leader", "office", "department", "village", "cadre", "discipline", "outsider"]


def _token(world, persona) -> str:
    _token, raw = services.token_create(actor=world.user(persona), name="测试")
    return raw


def _get(url, token=None, **params):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return Client().get(url, params, headers=headers)


@pytest.mark.parametrize("url, expected", [
    ("/api/v1/me", [401, 200, 200, 200, 200, 200, 200, 200]),
    ("/api/v1/units/", [401, 200, 200, 200, 200, 200, 200, 200]),
    ("/api/v1/units/{village}/", [401, 200, 200, 404, 200, 404, 200, 404]),
    ("/api/v1/tokens/", [401, 200, 200, 200, 200, 200, 200, 200]),
])
def test_api_status_for_every_role(world, url, expected):
    url = url.format(village=world.unit("village").pk)
    got = [_get(url, None if role == "anonymous" else _token(world, role)).status_code for role in ROLES]
    assert got == expected


def test_me_describes_the_login_and_its_roles(world):
    body = _get("/api/v1/me", _token(world, "village")).json()
    assert body["username"] == "village" and body["unit_name"] == "路村"
    assert body["roles"] == [{"role": "village", "role_name": "村干部", "unit_id": world.unit("village").pk,
                              "unit_name": "路村", "data_scope": "unit_and_below"}]


def test_units_are_scoped_and_paginated(world):
    token = _token(world, "office")
    body = _get("/api/v1/units/", token, page_size=3).json()
    assert body["count"] == 7 and len(body["items"]) == 3
    names = {u["name"] for u in _get("/api/v1/units/", _token(world, "village")).json()["items"]}
    assert names == {"路村", "第一村民小组"}
    assert _get("/api/v1/units/", token, kind="village").json()["count"] == 2


def test_page_size_is_capped_at_100_and_garbage_is_a_chinese_400(world):
    token = _token(world, "office")
    assert _get("/api/v1/units/", token, page_size=1000).status_code == 200
    response = _get("/api/v1/units/", token, page="abc")
    assert response.status_code == 400
    assert response.json()["detail"] == "输入的数据格式不正确"
    assert response.json()["errors"][0]["field"] == "page"


def test_a_bad_or_revoked_token_is_401_in_chinese(world):
    raw = _token(world, "office")
    token = ApiToken.objects.get(user=world.user("office"))
    services.token_revoke(actor=world.user("office"), token_id=token.pk)
    response = _get("/api/v1/me", raw)
    assert response.status_code == 401 and response.json()["detail"] == "未登录或令牌无效"
    assert _get("/api/v1/me", "ls_not-a-token").status_code == 401


def test_tokens_are_stored_hashed_and_shown_once(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("office"))
    response = client.post("/api/v1/tokens/", {"name": "县平台"}, content_type="application/json")
    # the session works for the pages' own calls, but unsafe methods need the CSRF token
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    raw = _token(world, "office")
    response = Client().post("/api/v1/tokens/", {"name": "县平台"}, content_type="application/json",
                             headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 201
    created = response.json()["token"]
    assert not ApiToken.objects.filter(key_hash=created).exists()
    assert ApiToken.objects.filter(key_hash=services.hash_token(created)).exists()
    assert "token" not in _get("/api/v1/tokens/", raw).json()[0]


def test_token_creation_and_revocation_are_audited(world):
    raw = _token(world, "office")
    token_id = _get("/api/v1/tokens/", raw).json()[0]["id"]
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    assert client.delete(f"/api/v1/tokens/{token_id}/").status_code == 204
    actions = list(AuditEntry.objects.unscoped("test").filter(object_type="org.apitoken").values_list("action",
                                                                                                      flat=True))
    assert sorted(actions) == ["create", "delete"]


def test_a_token_cannot_revoke_someone_elses_token(world):
    other = ApiToken.objects.get(pk=services.token_create(actor=world.user("leader"), name="x")[0].pk)
    client = Client(headers={"Authorization": f"Bearer {_token(world, 'office')}"})
    assert client.delete(f"/api/v1/tokens/{other.pk}/").status_code == 404


def test_the_openapi_schema_is_served(world):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200 and "/api/v1/units/" in response.json()["paths"]
