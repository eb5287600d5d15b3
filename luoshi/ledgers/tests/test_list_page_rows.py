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


def _kept_reads(world, client, url):
    """The ids statement of `url` the second time it is opened, and whether the list's read was built again."""
    built = []
    real = selectors.rows

    def spied(**kwargs):
        built.append(kwargs["state"])
        return real(**kwargs)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(selectors, "rows", spied)
        first = client.get(url).content.decode()
        built.clear()
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url).content.decode()
    return first, again, built, [q["sql"] for q in queries]


def test_a_list_opened_again_is_read_afresh_by_its_kept_statement(world):
    """The second opening of the same list builds nothing (core.prepared.Kept) and shows what the
    database holds then: a task added in between is on the page, one out of scope is not."""
    plan, line = make_plan(world)
    for n in range(3):
        make_task(world, plan, line, title=f"本镇任务{n}", lead_unit=world.unit("village"))
    client = client_for(world, "village")
    url = f"/tasks/?unit={world.unit('village').pk}&sort=title"
    first, again, built, _sql = _kept_reads(world, client, url)
    assert built == [] and first.count('name="ids"') == again.count('name="ids"') == 3
    make_task(world, plan, line, title="后加的任务", lead_unit=world.unit("village"))
    make_task(world, plan, line, title="部门的任务", lead_unit=world.unit("department"))
    _first, after, built, _sql = _kept_reads(world, client, url)
    assert built == [] and after.count('name="ids"') == 4 and "后加的任务" in after and "部门的任务" not in after


def test_a_kept_list_is_each_users_own(world):
    """The same address opened in turn by two users reads through each one's own kept statement: the
    key holds the user and their grants, so the village never sees the office's rows."""
    plan, line = make_plan(world)
    make_task(world, plan, line, title="本村任务", lead_unit=world.unit("village"))
    make_task(world, plan, line, title="部门的任务", lead_unit=world.unit("department"))
    office, village = client_for(world, "office"), client_for(world, "village")
    for _round in range(2):
        mine, theirs = village.get("/tasks/?sort=title").content.decode(), office.get("/tasks/?sort=title").content.decode()
        assert "本村任务" in mine and "部门的任务" not in mine
        assert "本村任务" in theirs and "部门的任务" in theirs


def test_a_search_for_a_whole_number_is_not_kept(world):
    """A whole ID or phone number searched for would stay in the kept statement's parameters: not kept."""
    from luoshi.core.prepared import KeptList
    tasks = get_ledger("tasks")
    office = world.user("office")
    kept = selectors.list_ids(actor=office, ledger=tasks, state=selectors.parse_state(tasks, QueryDict("q=任务")))
    assert isinstance(kept, KeptList)
    number = selectors.list_ids(actor=office, ledger=tasks, state=selectors.parse_state(tasks, QueryDict("q=13800138000")))
    assert not isinstance(number, KeptList)


def test_a_model_with_its_own_restrict_is_read_through_the_orm(world):
    """Kept statements and shapes stand on the user's grants; a model whose `restrict` reads more than them
    (纪检 cases: a named reader) has no such key, and its lists and filters are read through the ORM."""
    from luoshi.core.prepared import KeptList
    from luoshi.org.models import Unit
    from luoshi.party.models import DisciplineCase

    office = world.user("office")
    assert selectors._visible_key(DisciplineCase, office) is None
    assert selectors._visible_key(Unit, office) is not None
    cases = get_ledger("discipline-cases")
    assert not isinstance(selectors.list_ids(actor=office, ledger=cases, state=selectors.record_state(cases)), KeptList)


def test_a_list_narrowed_by_its_filters_is_planned_for_their_values(world):
    """A filtered or searched list's statements are planned each time for their values (core/planning.py:
    PostgreSQL's generic plan reads a village's overdue tasks through the county's deadlines); the whole
    list keeps its plan. Both read the same rows either way."""
    from luoshi.core import prepared
    from luoshi.core.prepared import KeptList

    plan, line = make_plan(world)
    for n in range(4):
        make_task(world, plan, line, title=f"任务{n}", lead_unit=world.unit("village"))
    tasks, office = get_ledger("tasks"), world.user("office")
    planned = []
    real = prepared.planned_each_time

    def spied(using):
        planned.append(using)
        return real(using)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(prepared, "planned_each_time", spied)
        for query, narrowed in ((f"unit={world.unit('village').pk}", True), ("q=任务", True), ("", False),
                                ("sort=title", False)):
            planned.clear()
            kept = selectors.list_ids(actor=office, ledger=tasks, state=selectors.parse_state(tasks, QueryDict(query)))
            assert isinstance(kept, KeptList) and kept.planned is narrowed
            assert len(kept[0:10]) == kept.count() == 4
            assert planned == (["default", "default"] if narrowed else [])


@pytest.mark.parametrize("query", ["", "sort=-deadline", "sort=title&q=任务1", "overdue=1&sort=deadline", "light=red"])
def test_the_apis_page_of_values_is_the_lists_own_rows(world, query):
    """`paged_values` (the JSON task list): its ids by the list's kept statement, then their values by id, are
    the values the list's own queryset gives, page by page, with the same total, for each reader."""
    from luoshi.core.api import paged
    from luoshi.org.testing import every_reader

    plan, line = make_plan(world)
    for n in range(23):
        make_task(world, plan, line if n % 3 else None, title=f"任务{n:02d}", deadline=dt.date(plan.year, 2, 1 + n // 4),
                  lead_unit=world.unit("village" if n % 2 else "department"))
    from luoshi.plans.models import Task, TaskStatus
    Task.objects.unscoped("the test deploys and lights some in place").filter(title__regex=r"[02468]$").update(
        status=TaskStatus.DEPLOYED, light="red")
    tasks, fields = get_ledger("tasks"), ("id", "title", "deadline", "lead_unit_id", "status")
    seen = 0
    for reader in every_reader(world):
        state = selectors.parse_state(tasks, QueryDict(query))
        for page in (1, 2, 3):
            expected = paged(selectors.rows(actor=reader, ledger=tasks, state=state).values(*fields), page, 10)
            got = selectors.paged_values(actor=reader, ledger=tasks, state=state, fields=fields, page=page, page_size=10)
            assert got == {"items": list(expected["items"]), "count": expected["count"]}, (reader, page)
            seen += len(got["items"])
    assert seen > 10
