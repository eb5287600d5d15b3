"""A list page reads its page's ids by the narrow sorting query and then those rows with their names
(`selectors.page_rows`): each page shows the rows of the list's slice, in the list's order, whatever
the sort and filters."""

import datetime as dt
import re

import pytest
from django.http import QueryDict

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
