"""The 责任人 of an imported task: proposed from the document, chosen on the review page, saved.

Like the leader, the owner is a person: the draft proposes the one person of the township
that the document's words name (by name, or by post), or nobody, with the words on the page
and "责任人待选" for the reviewer to choose by.
"""


import pytest

from luoshi.core.roles import RoleCode
from luoshi.org.testing import make_user
from luoshi.plans import drafts
from luoshi.plans.models import Plan, Task
from luoshi.plans.tests.drafting import created, item_of, person, picker, propose, review, save
from luoshi.plans.views.drafts import _flags

TABLE = (
    "2024年河口镇重点工作任务分解表\n"
    "序号\t工作任务\t牵头单位\t责任人\t完成时限\n"
    "1\t新建高标准农田1.2万亩\t经济发展办公室\t王五\t2024年10月底前\n"
    "2\t完成清产核资\t路村\t孙七\t6月底前\n"
    "3\t完成路村公共卫生厕所建设\t路村\t\t6月底前\n"
)
SPEECH = (
    "2024年河口镇工作要点\n"
    "一、发展经济\n"
    "（一）抓好招商引资。力争新上亿元项目3个（牵头单位：经济发展办；责任领导：王立新；联系人：王五）。\n"
)


@pytest.fixture
def people(world):
    return {
        "deputy": person(world, "township", "王立新", "副镇长"),
        "clerk": person(world, "department", "王五", "干事"),
        "secretary": person(world, "village", "陈红", "村党支部书记"),
        "elsewhere": person(world, "other_township", "赵强", "干事"),
    }


# -- what the draft proposes -------------------------------------------------------------------


def test_an_owner_named_in_the_table_is_proposed_by_name_and_not_taken_for_a_unit(world, people):
    _actor, draft = propose(world, TABLE)
    item = item_of(draft, "高标准农田")
    assert (item["owner"], item["owners"]) == (people["clerk"].pk, ["王五"])
    assert (item["lead_unit"], item["co_units"]) == (world.unit("department").pk, [])
    assert "责任人待选" not in _flags(item)


def test_an_owner_named_in_a_note_of_the_speech_is_proposed_beside_the_leader(world, people):
    _actor, draft = propose(world, SPEECH)
    item = item_of(draft, "亿元项目")
    assert (item["leader"], item["owner"]) == (people["deputy"].pk, people["clerk"].pk)


def test_an_owner_written_as_a_post_is_the_one_person_holding_it(world, people):
    _actor, draft = propose(world, TABLE.replace("孙七", "村党支部书记"))
    assert item_of(draft, "清产核资")["owner"] == people["secretary"].pk


def test_an_owner_nobody_matches_is_left_empty_with_the_words_kept_and_flagged(world, people):
    _actor, draft = propose(world, TABLE)
    item = item_of(draft, "清产核资")
    assert (item["owner"], item["owners"]) == (None, ["孙七"])
    assert "责任人待选" in _flags(item)


def test_no_owner_words_means_no_flag(world, people):
    _actor, draft = propose(world, TABLE)
    item = item_of(draft, "厕所")
    assert (item["owner"], item["owners"]) == (None, []) and "责任人待选" not in _flags(item)


def test_a_person_of_another_township_is_never_proposed_as_owner(world, people):
    _actor, draft = propose(world, TABLE.replace("王五", "赵强"))
    assert item_of(draft, "高标准农田")["owner"] is None


def test_merging_fills_an_empty_owner_and_keeps_every_wording(world, people):
    _actor, draft = propose(world, TABLE)
    first, second = item_of(draft, "清产核资"), item_of(draft, "高标准农田")
    key = drafts.draft_merge(draft, [first["key"], second["key"]])
    merged = next(i for i in draft["items"] if i["key"] == key)
    assert (merged["owner"], merged["owners"]) == (people["clerk"].pk, ["王五", "孙七"])


# -- saving ------------------------------------------------------------------------------------


def test_the_proposed_owner_is_saved_on_the_task(world, people):
    actor, draft = propose(world, TABLE)
    plan = save(actor, draft)
    saved = dict(created(Task).filter(plan=plan).values_list("title", "owner"))
    assert saved[item_of(draft, "高标准农田")["title"]] == people["clerk"].pk
    assert saved[item_of(draft, "清产核资")["title"]] is None


def test_an_owner_of_another_township_is_refused_and_nothing_is_saved(world, people):
    county_office = make_user(world.admin, "county_office", world.unit("county"), RoleCode.OFFICE, world.unit("county"))
    _actor, draft = propose(world, TABLE)
    item = item_of(draft, "清产核资")
    item["owner"] = people["elsewhere"].pk
    with pytest.raises(drafts.DraftItemError, match="责任人“赵强”不属于河口镇") as error:
        save(county_office, draft)
    assert error.value.item == item["key"]
    assert not created(Plan).exists() and not created(Task).exists()


# -- the review page ---------------------------------------------------------------------------


def test_the_review_page_shows_the_proposed_owner_the_words_and_the_flag(world, people):
    client, key, draft = review(world, TABLE)
    page = client.get(f"/plans/import/{key}/").content.decode()
    owner = picker(page, f'{item_of(draft, "高标准农田")["key"]}-owner')
    assert f'value="{people["clerk"].pk}" selected>王五（干事，经济发展办公室）' in owner
    assert "原文责任人：孙七" in page and "责任人待选" in page


def test_the_reviewer_picks_an_owner_and_the_plan_keeps_the_choice(world, people):
    client, key, draft = review(world, TABLE)
    item = item_of(draft, "清产核资")
    post = {"action": "confirm", f"{item['key']}-title": item["title"], f"{item['key']}-owner": people["secretary"].pk}
    assert client.post(f"/plans/import/{key}/", post).status_code == 302
    assert created(Task).get(title=item["title"]).owner == people["secretary"]


def test_the_page_refuses_an_owner_outside_the_township(world, people):
    client, key, draft = review(world, TABLE)
    item = item_of(draft, "清产核资")
    post = {"action": "confirm", f"{item['key']}-title": item["title"], f"{item['key']}-owner": people["elsewhere"].pk}
    response = client.post(f"/plans/import/{key}/", post)
    assert response.status_code == 200 and "所选责任人不在本镇范围内" in response.content.decode()
    assert not created(Plan).exists()


def test_without_javascript_the_pickers_can_list_everybody(world, people):
    client, key, draft = review(world, TABLE)
    page = client.get(f"/plans/import/{key}/?pickers=all").content.decode()
    owner = picker(page, f'{item_of(draft, "清产核资")["key"]}-owner')
    assert "陈红（村党支部书记，路村）" in owner and "赵强" not in owner
