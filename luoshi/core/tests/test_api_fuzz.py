"""Schemathesis over the API's own OpenAPI (issue 19, item 4): generated requests to every operation,
as the township office with a token, never get a 5xx nor an answer that breaks the schema. A fixed
seed and a bounded number of examples per operation keep the run repeatable and within minutes."""

import json

import pytest
import schemathesis
from django.core.serializers.json import DjangoJSONEncoder
from hypothesis import HealthCheck, settings
from schemathesis import checks

from luoshi.api import api
from luoshi.org import services as org_services

EXAMPLES = 12  # per operation
# as /api/v1/openapi.json serves it: its lazy Chinese descriptions as text
SCHEMA = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema(), cls=DjangoJSONEncoder)))


@pytest.fixture
def app():
    """The WSGI application as schemathesis calls it, with the connection kept open between requests
    as Django's test client keeps it (a request's end would otherwise close it, and the test's
    transaction with it, on PostgreSQL)."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(world) -> dict:
    _token, raw = org_services.token_create(actor=world.user("office"), name="fuzz")
    return {"Authorization": f"Bearer {raw}"}


@pytest.mark.django_db
@SCHEMA.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_the_api_answers_every_generated_request_within_its_schema(case, app, bearer):
    case.call_and_validate(app=app, headers=bearer, checks=[checks.not_a_server_error, checks.response_schema_conformance, checks.status_code_conformance,
                                                   checks.content_type_conformance])
