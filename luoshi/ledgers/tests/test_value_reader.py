"""A list page reads its cells through `selectors.value_reader`, the column's path looked up once a page:
it gives what `selectors.value` gives, cell for cell and of the same type, for every registered ledger's
sample record (masked and in full) and for the tasks with co-units, choices, deadline words and empty cells."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.utils.translation import get_language

from luoshi.ledgers import selectors
from luoshi.ledgers.registry import all_ledgers
from luoshi.ledgers.tests.personal import sample_every_ledger
from luoshi.ledgers.tests.test_export_cells import _tasks

pytestmark = pytest.mark.django_db


def test_each_column_read_by_its_reader_is_the_value_of_the_cell(world):
    _tasks(world)
    sample_every_ledger(world)
    language, compared = get_language(), set()
    for ledger in all_ledgers():
        for who in ("office", "village", "discipline", "leader"):
            actor = world.user(who)
            if not ledger.allows(actor, "view"):
                continue
            state = selectors.parse_state(ledger, QueryDict(""), chosen=[c.name for c in ledger.columns])
            rows = list(selectors.rows(actor=actor, ledger=ledger, state=state))
            for unmasked in (False, True):
                readers = [selectors.value_reader(ledger.model, c, language, unmasked=unmasked) for c in ledger.columns]
                for obj in rows:
                    expected = [selectors.value(obj, c, language, unmasked=unmasked) for c in ledger.columns]
                    got = [read(obj) for read in readers]
                    assert [(type(v), v) for v in got] == [(type(v), v) for v in expected], (ledger.name, who)
                    compared.add(ledger.name)
    assert {"tasks", "households", "talents", "enterprises", "farms", "problems"} <= compared
