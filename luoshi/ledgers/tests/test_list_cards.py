"""One list markup for the desk and the phone: every cell carries its column's label (data-label,
which site.css shows as "label：value" on a card under 576 px) and the row's title links to its page."""

import re

import pytest

from luoshi.ledgers.registry import Column, Ledger
from luoshi.org.testing import client_for
from luoshi.plans.services import task_create
from luoshi.plans.tests.factories import township_plan as make_plan
from luoshi.supervision import services
from luoshi.supervision.models import Problem

pytestmark = pytest.mark.django_db


def _row(page: str) -> str:
    return re.search(r"<tbody>\s*<tr>(.*?)</tr>", page, re.S).group(1)


def test_each_cell_carries_its_column_label_and_the_declared_title_links_the_row(world):
    problem = services.problem_create(actor=world.user("village"), description="村口垃圾堆放", category="环境整治",
                                      measures="三日内清运", lead_unit=world.unit("village"))
    page = client_for(world, "village").get("/ledgers/problems/").content.decode()
    row = _row(page)
    assert "ls-cards" in re.search(r"<table[^>]*>", page).group(0)
    assert (f'<td class="ls-cell ls-card-title"><a href="/problems/{problem.pk}/">村口垃圾堆放</a></td>'
            in row)  # the problem's description, not the first column (category), names the card
    assert '<td class="ls-cell" data-label="问题类别">环境整治</td>' in row
    assert '<td class="ls-cell" data-label="整改措施">三日内清运</td>' in row
    assert row.count("data-label=") == row.count("<td") - 2  # every cell but the pick box and the title


def test_without_its_title_column_chosen_a_row_is_named_by_its_first_column(world):
    task = task_create(actor=world.admin, plan=make_plan(world), title="招商引资", lead_unit=world.unit("department"))
    office = client_for(world, "office")
    assert f'ls-card-title"><a href="/tasks/{task.pk}/">招商引资</a>' in _row(
        office.get("/tasks/").content.decode())
    row = _row(office.get("/tasks/?cols=lead_unit&cols=status").content.decode())
    assert f'ls-card-title"><a href="/tasks/{task.pk}/">经济发展办公室</a>' in row
    assert 'data-label="状态"' in row


def test_a_row_title_must_be_one_of_the_ledgers_columns():
    with pytest.raises(ValueError, match="row_title"):
        Ledger(name="broken", model=Problem, title="x", columns=[Column("category")], form=object,
               row_title="description")


def test_the_headers_sort_by_their_column_keeping_the_filters_and_dropping_the_page(world):
    services.problem_create(actor=world.user("village"), description="村口垃圾堆放", category="环境整治",
                            measures="三日内清运", lead_unit=world.unit("village"))
    village = client_for(world, "village")
    response = village.get("/ledgers/problems/?q=垃圾&page=1&sort=-category&cols=category&cols=measures")
    thead = re.search(r"<thead>(.*?)</thead>", response.content.decode(), re.S).group(1)
    cells = re.findall(r'<th scope="col">(?:<a href="([^"]*)">)?([^<]+)', thead)
    assert [header["name"] for header in response.context["headers"]] == ["category", "measures"]
    assert cells == [
        ("?q=%E5%9E%83%E5%9C%BE&amp;sort=category&amp;cols=category&amp;cols=measures", "问题类别 ▼"),
        ("?q=%E5%9E%83%E5%9C%BE&amp;sort=measures&amp;cols=category&amp;cols=measures", "整改措施"),
    ]
    ascending = village.get("/ledgers/problems/?sort=category&cols=category").content.decode()
    assert '<th scope="col"><a href="?sort=-category&amp;cols=category">问题类别 ▲</a></th>' in ascending
