"""A list page reads its page's ids by the narrow sorting query and then those rows with their names
(`selectors.page_rows`): each page shows the rows of the list's slice, in the list's order, whatever
the sort and filters."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from luoshi.ledgers import selectors
from luoshi.ledgers.registry import get_ledger
from luoshi.org.testing import client_for
from luoshi.plans.tests.factories import make_plan, make_task

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("params", ["", "sort=-deadline", "sort=title", "sort=lead_unit"])
def test_each_page_shows_the_lists_slice_in_its_order(world, params):
    plan, line = make_plan(world)
    for n in range(25):  # deadlines shared by threes: ties broken by the id, as the list's ordering is
        make_task(world, plan, line if n % 2 else None, title=f"任务{n:02d}", deadline=dt.date(plan.year, 3, 1 + n // 3))
    office, tasks = world.user("office"), get_ledger("tasks")
    rows = selectors.rows(actor=office, ledger=tasks, state=selectors.parse_state(tasks, QueryDict(params)))
    expected = [task.pk for task in rows]
    client, shown = client_for(world, "office"), []
    for page in (1, 2, 3):
        html = client.get(f"/tasks/?{params}&page_size=10&page={page}").content.decode()
        shown += [int(pk) for pk in re.findall(r'name="ids" value="(\d+)"', html)]
    assert shown == expected and len(expected) == 25


def test_a_many_to_many_column_is_read_only_when_the_page_shows_it(world):
    """协办单位 shown: one read of the page's names; hidden (the 显示列 choice): not read at all."""
    plan, line = make_plan(world)
    for n in range(3):
        task = make_task(world, plan, line, title=f"任务{n}")
        task.co_units.add(world.unit("township"))
    client = client_for(world, "office")
    shown = client.get("/tasks/?cols=title&cols=co_units")
    assert world.unit("township").name in shown.content.decode()
    with CaptureQueriesContext(connection) as with_names:
        client.get("/tasks/?cols=title&cols=co_units")
    with CaptureQueriesContext(connection) as without:
        client.get("/tasks/?cols=title")
    def names_read(queries):  # the join table read for the page's rows (not the scope's subquery on it)
        return [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "plans_task_co_units"')]
    assert len(names_read(with_names)) == 1
    assert not names_read(without)
    assert len(without.captured_queries) < len(with_names.captured_queries)
