"""The review page stays light for a large township: the people and units are listed once.

Every item has three pickers (责任领导, 责任人, 牵头单位). Listing the township's people and units
in each of them made the page grow with items × people (100 items and 300 people: 60,000
options, megabytes a phone has to parse); each picker now starts with its chosen entry only,
and the whole list is in the page once for the picker to take when it is used.
"""

import re

import pytest
from django.test import Client

from luoshi.org import services as org_services
from luoshi.plans import drafts_store

ITEMS = 100
PEOPLE = 300
_SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许"
_GIVEN = "志明立新建国海燕丽华红梅小军德胜玉兰"
_WORKS = ["道路", "厕所", "农田", "水利", "绿化", "路灯", "管网", "广场", "书屋", "卫生室"]


def _name(index: int) -> str:
    return _SURNAMES[index % 20] + _GIVEN[index // 20 % 16] + _GIVEN[index // 320 % 16 + 1]


def _table(items: int) -> str:
    """A task list of `items` rows, each naming an owner; a line (类别) every ten rows."""
    rows = ["2024年河口镇重点工作任务清单", "序号\t类别\t工作任务\t牵头单位\t责任人\t完成时限"]
    for index in range(items):
        line = f"{_WORKS[index // 10 % 10]}工程"
        work = f"推进{_name(index)}片区{_WORKS[index % 10]}建设"
        rows.append(f"{index + 1}\t{line}\t{work}\t经济发展办公室\t{_name(index)}\t年底前")
    return "\n".join(rows) + "\n"


@pytest.fixture
def township_people(world):
    def add(count):
        for index in range(count):
            org_services.person_create(actor=world.admin, unit=world.unit("department"), name=_name(index),
                                       title="干事")
    return add


def _page(world, text):
    client = Client()
    client.force_login(world.user("office"))
    response = client.post("/plans/import/", {"text": text, "unit": world.unit("township").pk})
    key = re.search(r"/plans/import/([0-9a-f-]+)/", response.url).group(1)
    draft = drafts_store.draft_fetch(actor=world.user("office"), key=key)
    page = client.get(f"/plans/import/{key}/")
    assert page.status_code == 200
    return draft, page.content.decode()


def test_a_hundred_items_and_three_hundred_people_stay_a_light_page(world, township_people):
    township_people(PEOPLE)
    draft, page = _page(world, _table(ITEMS))
    assert len(draft["items"]) == ITEMS
    options = page.count("<option")
    # Each person and unit once, plus a few options per item (its line, period and chosen
    # people), never one per person per item.
    assert options < PEOPLE + 20 + ITEMS * 40, options
    assert len(page.encode()) < 600_000, len(page.encode())


def test_more_people_add_each_person_once_not_once_per_item(world, township_people):
    township_people(30)
    _draft, few = _page(world, _table(20))
    for index in range(30, PEOPLE):
        org_services.person_create(actor=world.admin, unit=world.unit("department"), name=f"新人{index}")
    _draft, many = _page(world, _table(20))
    assert many.count("<option") - few.count("<option") == PEOPLE - 30


def test_each_picker_starts_with_its_chosen_entry_and_the_list_is_in_the_page_once(world, township_people):
    township_people(30)
    draft, page = _page(world, _table(3))
    item = draft["items"][0]
    owner = re.search(rf'<select[^>]*name="{item["key"]}-owner"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert owner == f'<option value="">—</option><option value="{item["owner"]}" selected>{_name(0)}（干事，经济发展办公室）</option>'
    assert page.count('<template id="ls-people">') == 1 and page.count(f">{_name(29)}（") == 1
