"""A list page reads its rows as values (`cells.page_rows`) when its columns allow it: the page is the
one read from model instances, byte for byte, for the tasks and for a sample record of every
registered ledger, as each role sees it (issue 21: a page of 50 task instances with their plan, line,
units and people cost more than the rest of the page). A model's `str_field` is what its str() shows."""

from __future__ import annotations

import re

import pytest
from django.apps import apps

from luoshi.ledgers import cells
from luoshi.ledgers.registry import all_ledgers, get_ledger
from luoshi.ledgers.tests.personal import sample_every_ledger
from luoshi.ledgers.tests.test_export_cells import _tasks
from luoshi.org.testing import client_for

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": |csrf-token" content=)"[^"]+"')


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return CSRF.sub(r'\1"-"', response.content.decode())


def test_every_ledgers_page_read_as_values_is_the_page_read_from_instances(world, monkeypatch):
    _tasks(world, n_plain=2)
    sample_every_ledger(world)
    plain_read, compared, read_plainly = cells.page_rows, [], set()

    def spied(ledger, columns, ids):
        found = plain_read(ledger, columns, ids)
        if found is not None:
            read_plainly.add(ledger.name)
        return found
    for ledger in all_ledgers():
        for who in ("office", "village", "leader"):
            if not ledger.allows(world.user(who), "view"):
                continue
            client = client_for(world, who)
            url = ledger.list_url() + "?cols=" + "&cols=".join(c.name for c in ledger.columns)
            monkeypatch.setattr(cells, "page_rows", spied)
            plain = _page(client, url)
            monkeypatch.setattr(cells, "page_rows", lambda *args, **kwargs: None)
            model = _page(client, url)
            assert plain == model, (ledger.name, who)
            compared.append((ledger.name, plain.count('name="ids"')))
    rows = dict(compared)
    assert rows["tasks"] >= 7 and rows["households"] >= 1 and rows["enterprises"] >= 1, rows
    # the comparison is of two reads: the pages of the tasks and the registers were read as values
    assert read_plainly >= {"tasks", "households", "talents", "enterprises", "farms"}, read_plainly
    assert all(c.html is None or c.reads for c in get_ledger("tasks").columns)


def test_a_str_field_is_what_str_shows():
    declared = [model for model in apps.get_models() if getattr(model, "str_field", None)]
    assert {m.__name__ for m in declared} >= {"Unit", "Person", "Plan", "WorkLine"}
    for model in declared:
        obj = model(**{model.str_field: "某某名称"})
        assert str(obj) == "某某名称", model
