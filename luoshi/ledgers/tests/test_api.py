"""/api/v1/<plural>/ (the engine's handlers): list, create, read, update — scope, Chinese errors, 409 on a stale version."""

import json

import pytest

from luoshi.supervision import services


@pytest.fixture
def problem(world):
    return services.problem_create(actor=world.user("village"), description="村口垃圾堆放", lead_unit=world.unit("village"))


def _post(client, url, data, method="post"):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def test_the_list_answers_items_and_count_within_scope(world, problem, client_as):
    body = client_as("village").get("/api/v1/problems/?page_size=500").json()
    assert body["count"] == 1 and body["items"][0]["title"] == "村口垃圾堆放"
    assert client_as("outsider").get("/api/v1/problems/").json()["count"] == 0


def test_an_out_of_scope_row_is_404_and_an_unknown_ledger_too(world, problem, client_as):
    assert client_as("outsider").get(f"/api/v1/problems/{problem.pk}/").status_code == 404
    assert client_as("office").get("/api/v1/ledgers/nope/").status_code == 404


def test_create_validates_with_the_page_form_and_answers_in_chinese(world, client_as):
    client = client_as("village")
    bad = _post(client, "/api/v1/problems/", {"description": "", "lead_unit": world.unit("other_village").pk})
    assert bad.status_code == 400
    fields = {e["field"] for e in bad.json()["errors"]}
    assert {"description", "lead_unit"} <= fields and bad.json()["detail"] == "输入的数据格式不正确"
    good = _post(client, "/api/v1/problems/", {"description": "道路破损", "lead_unit": world.unit("village").pk,
                                                       "source": "public", "co_units": [world.unit("group").pk]})
    assert good.status_code == 201 and good.json()["source"] == "群众反映" and good.json()["co_units"] == "第一村民小组"


def test_update_needs_the_version_read_and_answers_409_when_stale(world, problem, client_as):
    client = client_as("village")
    url = f"/api/v1/problems/{problem.pk}/"
    assert _post(client, url, {"measures": "清理"}, "patch").status_code == 400
    first = _post(client, url, {"measures": "清理", "version": 1}, "patch")
    assert first.status_code == 200 and first.json()["version"] == 2 and first.json()["measures"] == "清理"
    stale = _post(client, url, {"measures": "再清理", "version": 1}, "put")
    assert stale.status_code == 409 and "已被他人修改" in stale.json()["detail"]


def test_roles_that_may_not_write_are_refused(world, problem, client_as):
    response = _post(client_as("leader"), "/api/v1/problems/", {"description": "x"})
    assert response.status_code == 403
    assert _post(client_as("discipline"), "/api/v1/problems/", {"description": "x"}).status_code == 403


@pytest.mark.parametrize("query", ["", "&sort=-title", "&q=垃圾"])
def test_the_lists_pages_are_the_ledgers_own_rows_in_its_order(world, client_as, query):
    """The engine's list reads a page's ids by the list's kept statement, then those rows: page by page the
    rows, their order and the total are what the ledger's own queryset gives, for every reader."""
    from django.http import QueryDict
    from django.test import Client

    from luoshi.core.api import paged
    from luoshi.ledgers import selectors
    from luoshi.ledgers.api import item
    from luoshi.ledgers.registry import get_ledger
    from luoshi.org.testing import every_reader

    for n in range(7):
        services.problem_create(actor=world.user("office"), description=f"问题{n}：垃圾堆放" if n % 2 else f"问题{n}",
                                lead_unit=world.unit("village" if n % 3 else "department"))
    ledger, seen = get_ledger("problems"), 0
    for reader in every_reader(world):
        client = Client()
        client.force_login(reader)
        state = selectors.parse_state(ledger, QueryDict(query.lstrip("&")), chosen=[c.name for c in ledger.columns])
        for page in (1, 2, 3):
            expected = paged(selectors.rows(actor=reader, ledger=ledger, state=state), page, 3)
            got = client.get(f"/api/v1/problems/?page={page}&page_size=3{query}").json()
            assert got == {"items": [item(ledger, obj) for obj in expected["items"]], "count": expected["count"]}
            seen += len(got["items"])
    assert seen > 7
