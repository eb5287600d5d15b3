"""The API's docs and schema need a login in production (issue 19, low), and the docs page loads Swagger UI
from the project's own static files, never from a CDN (the intranet has no internet)."""

import pytest
from django.test import Client

from luoshi.org import services
from luoshi.org.models import User

pytestmark = pytest.mark.django_db
DOCS, SCHEMA = "/api/v1/docs", "/api/v1/openapi.json"


@pytest.fixture
def docs_login(settings):
    settings.LUOSHI_API_DOCS_LOGIN = True


def test_production_asks_for_a_login():
    from luoshi.config.settings import base

    assert base.LUOSHI_API_DOCS_LOGIN is True


def test_an_anonymous_visitor_is_sent_to_the_login_page_and_the_schema_is_a_json_401(docs_login):
    docs = Client().get(DOCS)
    assert docs.status_code == 302 and docs.url == f"/accounts/login/?next={DOCS}"
    schema = Client().get(SCHEMA)
    assert schema.status_code == 401 and schema.json() == {"detail": "未登录或令牌无效", "errors": []}
    assert Client().get(SCHEMA, headers={"Authorization": "Bearer ls_not-a-token"}).status_code == 401


def test_a_login_reads_the_docs_and_a_token_reads_the_schema(docs_login, world, client_as):
    page = client_as("village").get(DOCS)
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    _token, raw = services.token_create(actor=world.user("village"), name="工具")
    schema = Client().get(SCHEMA, headers={"Authorization": f"Bearer {raw}"})
    assert schema.status_code == 200 and "/api/v1/tasks/" in schema.json()["paths"]


def test_a_login_with_an_initial_password_is_sent_to_change_it(docs_login, world, client):
    user = world.user("village")
    User.objects.unscoped("a test flags the login").filter(pk=user.pk).update(must_change_password=True)
    client.force_login(user)
    assert client.get(DOCS).url == "/accounts/password/"
    assert client.get(SCHEMA).status_code == 401
