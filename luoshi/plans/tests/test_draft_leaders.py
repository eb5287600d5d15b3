"""The 责任领导 of an imported task: proposed from the document, chosen on the review page, saved.

The document names a leader by name or by post; the draft proposes the one person of the
township that fits, or nobody (the words stay on the page for the reviewer to choose by).
"""

import re

import pytest

from luoshi.core.roles import RoleCode
from luoshi.org import services as org_services
from luoshi.org.testing import make_user
from luoshi.plans import drafts, drafts_store
from luoshi.plans.models import Plan, Task
from luoshi.plans.tests.drafting import created, item_of, person, propose, review, save
from luoshi.plans.views.drafts import _flags

TABLE = (
    "2024年河口镇重点工作任务分解表\n"
    "序号\t工作任务\t责任领导\t牵头单位\t完成时限\n"
    "1\t新建高标准农田1.2万亩\t王立新\t经济发展办公室\t2024年10月底前\n"
    "2\t培育规上企业2家\t镇长\t经济发展办公室\t年底前\n"
    "3\t完成路村公共卫生厕所建设\t分管副镇长\t路村\t6月底前\n"
    "4\t完成清产核资\t孙七\t路村\t6月底前\n"
)
SPEECH = (
    "2024年河口镇工作要点\n"
    "一、发展经济\n"
    "（一）抓好招商引资。力争新上亿元项目3个（牵头单位：经济发展办；责任领导：王立新）。\n"
)


@pytest.fixture
def leaders(world):
    """The township's leaders as the office keeps them: a name and a post (职务) each."""
    return {
        "mayor": person(world, "township", "李明", "党委副书记、镇长"),
        "deputy": person(world, "township", "王立新", "副镇长"),
        "elsewhere": person(world, "other_township", "赵强", "副镇长"),
    }


# -- what the draft proposes -------------------------------------------------------------------


def test_a_leader_named_in_the_table_is_proposed_by_name_and_not_taken_for_a_unit(world, leaders):
    _actor, draft = propose(world, TABLE)
    fields = item_of(draft, "高标准农田")
    assert (fields["leader"], fields["leaders"]) == (leaders["deputy"].pk, ["王立新"])
    assert (fields["lead_unit"], fields["co_units"]) == (world.unit("department").pk, [])


def test_a_leader_named_in_a_note_of_the_speech_is_proposed(world, leaders):
    _actor, draft = propose(world, SPEECH)
    item = item_of(draft, "亿元项目")
    assert (item["leader"], item["lead_unit"]) == (leaders["deputy"].pk, world.unit("department").pk)


def test_a_leader_written_as_a_post_is_the_one_person_holding_it(world, leaders):
    _actor, draft = propose(world, TABLE)
    assert item_of(draft, "规上企业")["leader"] == leaders["mayor"].pk  # "镇长" is one part of 党委副书记、镇长
    assert item_of(draft, "厕所")["leader"] == leaders["deputy"].pk  # "分管副镇长": the township's one 副镇长


def test_a_post_two_people_hold_is_left_for_the_reviewer(world, leaders):
    org_services.person_create(actor=world.admin, unit=world.unit("township"), name="周敏", title="副镇长")
    _actor, draft = propose(world, TABLE)
    assert item_of(draft, "厕所")["leader"] is None


def test_a_leader_nobody_matches_is_left_empty_with_the_words_kept(world, leaders):
    _actor, draft = propose(world, TABLE)
    item = item_of(draft, "清产核资")
    assert (item["leader"], item["leaders"]) == (None, ["孙七"])
    assert "责任领导待选" in _flags(item)


def test_a_person_of_another_township_is_never_proposed(world, leaders):
    _actor, draft = propose(world, TABLE.replace("王立新", "赵强"))
    assert item_of(draft, "高标准农田")["leader"] is None


def test_merging_fills_an_empty_leader_from_the_merged_item_and_keeps_every_wording(world, leaders):
    _actor, draft = propose(world, TABLE)
    first, second = item_of(draft, "高标准农田"), item_of(draft, "规上企业")
    first["leader"] = None  # the reviewer emptied it
    key = drafts.draft_merge(draft, [first["key"], second["key"]])
    merged = next(i for i in draft["items"] if i["key"] == key)
    assert (merged["leader"], merged["leaders"]) == (leaders["mayor"].pk, ["王立新", "镇长"])


# -- saving ------------------------------------------------------------------------------------


def test_the_proposed_leader_is_saved_on_the_task(world, leaders):
    actor, draft = propose(world, TABLE)
    plan = save(actor, draft)
    saved = dict(created(Task).filter(plan=plan).values_list("title", "leader"))
    assert saved["新建高标准农田1.2万亩"] == leaders["deputy"].pk and saved["培育规上企业2家"] == leaders["mayor"].pk
    assert saved["完成清产核资"] is None


def test_a_leader_of_another_township_is_refused_and_nothing_is_saved(world, leaders):
    county_office = make_user(world.admin, "county_office", world.unit("county"), RoleCode.OFFICE, world.unit("county"))
    actor, draft = propose(world, TABLE)
    item = item_of(draft, "高标准农田")
    item["leader"] = leaders["elsewhere"].pk
    with pytest.raises(drafts.DraftItemError, match="责任领导“赵强”不属于河口镇") as error:
        save(county_office, draft)
    assert error.value.item == item["key"]
    assert not created(Plan).exists() and not created(Task).exists()


def test_a_leader_the_office_cannot_see_is_refused_as_missing(world, leaders):
    actor, draft = propose(world, TABLE)
    item_of(draft, "高标准农田")["leader"] = leaders["elsewhere"].pk
    with pytest.raises(drafts.DraftItemError, match="所选责任领导不存在或不在您的数据权限范围内"):
        save(actor, draft)
    assert not created(Plan).exists()


# -- the review page ---------------------------------------------------------------------------


def test_the_review_page_offers_the_townships_people_as_leader_with_the_proposal_selected(world, leaders):
    client, key, _stored = review(world, TABLE)
    page = client.get(f"/plans/import/{key}/").content.decode()
    item = item_of(drafts_store.draft_fetch(actor=world.user("office"), key=key), "高标准农田")
    picker = re.search(rf'<select[^>]*name="{item["key"]}-leader"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert "责任领导" in page and f'value="{leaders["deputy"].pk}" selected>王立新（副镇长，河口镇）' in picker
    offered = re.search(r'<template id="ls-people">(.*?)</template>', page, re.S).group(1)
    assert "李明（党委副书记、镇长，河口镇）" in offered and "赵强" not in offered
    assert "原文责任领导：孙七" in page and "责任领导待选" in page


def test_the_reviewer_changes_the_leader_and_the_plan_keeps_the_choice(world, leaders):
    client, key, _stored = review(world, TABLE)
    draft = drafts_store.draft_fetch(actor=world.user("office"), key=key)
    item = item_of(draft, "清产核资")
    post = {"action": "confirm", f"{item['key']}-title": item["title"], f"{item['key']}-leader": leaders["mayor"].pk}
    assert client.post(f"/plans/import/{key}/", post).status_code == 302
    assert created(Task).get(title="完成清产核资").leader == leaders["mayor"]


def test_the_page_refuses_a_leader_outside_the_township(world, leaders):
    client, key, _stored = review(world, TABLE)
    item = item_of(drafts_store.draft_fetch(actor=world.user("office"), key=key), "清产核资")
    post = {"action": "confirm", f"{item['key']}-title": item["title"], f"{item['key']}-leader": leaders["elsewhere"].pk}
    response = client.post(f"/plans/import/{key}/", post)
    assert response.status_code == 200 and "所选责任领导不在本镇范围内" in response.content.decode()
    assert not created(Plan).exists()
