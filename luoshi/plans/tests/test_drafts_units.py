"""Who does a draft task: the township's units a sentence or its heading names (no database:
units and people as plain rows), and a split proposal saved as one part per village."""

from types import SimpleNamespace

import pytest

from luoshi.org.models import UnitKind
from luoshi.plans import drafts_store, task_flow
from luoshi.plans.drafts_units import Township, propose_doers, short_forms
from luoshi.plans.models import Task
from luoshi.plans.tests.drafting import created, person, propose, review, save
from luoshi.plans.views.drafts import _flags

D, V = UnitKind.DEPARTMENT, UnitKind.VILLAGE
UNITS = [
    SimpleNamespace(pk=1, name="经济发展办公室", kind=D), SimpleNamespace(pk=2, name="应急管理办公室", kind=D),
    SimpleNamespace(pk=3, name="财政所", kind=D), SimpleNamespace(pk=4, name="招商服务中心", kind=D),
    SimpleNamespace(pk=5, name="镇纪委", kind=D), SimpleNamespace(pk=6, name="农业综合服务站", kind=D),
    SimpleNamespace(pk=11, name="东村", kind=V), SimpleNamespace(pk=12, name="西村", kind=V),
    SimpleNamespace(pk=13, name="南村", kind=V),
]
LIAISON = SimpleNamespace(pk=101, name="孙敏", title="驻企联络员", unit_id=4)
PEOPLE = [LIAISON, SimpleNamespace(pk=102, name="周强", title="帮扶干部", unit_id=1),
          SimpleNamespace(pk=103, name="吴刚", title="帮扶干部", unit_id=2),
          SimpleNamespace(pk=104, name="郑红", title="村党支部书记", unit_id=11)]
TOWNSHIP = Township(UNITS, PEOPLE)
VILLAGES = [11, 12, 13]


def doers(sentence, words=(), headings=(), clause=""):
    found = propose_doers(TOWNSHIP, words=list(words), sentence=sentence, headings=list(headings), clause=clause)
    return found.lead, found.co, found.splits, found.owner


@pytest.mark.parametrize(("name", "written"), [
    ("经济发展办公室", {"经济发展办", "经发办"}), ("应急管理办公室", {"应急管理办", "应急办"}),
    ("镇纪委", {"纪委"}), ("招商服务中心", {"招商中心"}), ("农业综合服务站", {"农业综合站"}),
])
def test_a_unit_is_known_by_its_common_short_forms(name, written):
    assert written | {name} <= short_forms(name)


@pytest.mark.parametrize(("sentence", "lead", "co"), [
    ("由经发办牵头，年底前完成园区道路硬化。", 1, []),
    ("应急办、财政所要在汛期前完成隐患排查。", 2, [3]),
    ("招商中心负责做好企业服务，纪委全程监督。", 4, [5]),
    ("配合县应急办开展安全生产大检查。", None, []),  # the county's office, not the township's
    ("抓好安全生产，确保不发生较大事故。", None, []),
])
def test_a_department_named_in_the_sentence_leads_and_the_others_co_operate(sentence, lead, co):
    assert doers(sentence)[:2] == (lead, co)


def test_a_note_the_extraction_read_comes_before_the_names_in_the_sentence():
    assert doers("财政所要配合做好资金保障。", words=["经济发展办"])[:2] == (1, [3])


def test_the_heading_names_the_department_when_the_sentence_names_none():
    headings = ["一要抓好农技推广", "（三）农业综合服务站牵头抓好农业生产"]
    assert doers("全年推广新品种5个。", headings=headings)[:2] == (6, [])
    assert doers("财政所全年推广新品种5个。", headings=headings)[:2] == (3, [])


def test_a_heading_addressing_every_village_or_a_post_splits_or_assigns_its_sentences():
    assert doers("年底前完成人居环境整治。", headings=["（二）各村要抓好人居环境整治"])[2] == VILLAGES
    assert doers("每月走访企业一次。", headings=["四要驻企联络员要帮助企业解决问题"]) == (4, [], [], LIAISON.pk)
    assert doers("财政所每月走访企业一次。", headings=["四要驻企联络员要帮助企业解决问题"])[:3] == (3, [], [])


@pytest.mark.parametrize("sentence", [
    "各村要在年底前完成人居环境整治。", "各村（社区）要做好矛盾纠纷排查。", "所有村合作社要有实质化运营。",
    "各行政村每月开展一次环境卫生评比。",
])
def test_every_village_written_as_one_word_splits_the_task_to_every_village(sentence):
    assert doers(sentence)[2] == VILLAGES


def test_villages_co_operating_with_a_named_lead_do_not_split_the_task():
    lead, co, splits, _owner = doers("力争新上亿元项目3个。", words=["经济发展办", "镇纪委", "各村"])
    assert (lead, co, splits) == (1, [5], [])


def test_a_clause_the_township_opens_is_not_split_to_the_villages_the_sentence_addresses():
    sentence = "各村要按时完成承诺事项，镇里还将采取半年一观摩、评比。"
    assert doers(sentence, clause="镇里还将采取半年一观摩、评比")[2] == []
    assert doers(sentence, clause="各村要按时完成承诺事项")[2] == VILLAGES


def test_a_post_held_in_one_department_gives_its_unit_and_its_one_holder():
    assert doers("驻企联络员要帮助企业解决问题。") == (4, [], [], LIAISON.pk)


def test_a_post_held_across_departments_or_by_nobody_proposes_nobody():
    assert doers("帮扶干部要每月走访一次。") == (None, [], [], None)
    assert doers("网格员要每日巡查。") == (None, [], [], None)


def test_a_form_two_departments_share_names_neither():
    twins = Township([SimpleNamespace(pk=8, name="社会事务办公室", kind=D),
                      SimpleNamespace(pk=9, name="社会治理办公室", kind=D)])
    found = propose_doers(twins, words=["社会办"], sentence="社会办要做好低保复核，社事办配合。", headings=[])
    assert (found.lead, found.co) == (8, [])


# -- the proposal in the draft and the plan ----------------------------------------------------

SPEECH = (
    "2024年河口镇工作要点\n"
    "一、壮大集体经济\n"
    "（一）各村要在年底前完成清产核资工作。\n"
    "（二）经发办牵头，6月底前完成园区道路硬化。\n"
    "二、优化营商环境\n"
    "（一）驻企联络员要每月走访企业一次，帮助企业解决问题。\n"
)


def test_the_draft_proposes_the_doers_and_saving_splits_the_task_per_village(world):
    liaison = person(world, "department", "孙敏", "驻企联络员")
    actor, draft = propose(world, SPEECH)
    assets, road, visits = draft["items"]
    villages = [world.unit("village").pk, world.unit("other_village_same_township").pk]
    assert (assets["lead_unit"], sorted(assets["splits"])) == (None, sorted(villages))
    assert (road["lead_unit"], road["splits"]) == (world.unit("department").pk, [])
    assert (visits["lead_unit"], visits["owner"]) == (world.unit("department").pk, liaison.pk)
    plan = save(actor, draft)
    whole = created(Task).get(plan=plan, parent=None, requirement__contains="清产核资")
    parts = created(Task).filter(parent=whole)
    assert sorted(parts.values_list("lead_unit", flat=True)) == sorted(villages)
    assert all(part.source_text == whole.source_text and part.deadline == whole.deadline for part in parts)
    task_flow.task_deploy(actor=actor, task=whole)
    assert set(parts.values_list("status", flat=True)) == {"deployed"}


def test_the_review_page_shows_the_split_and_the_reviewer_may_keep_the_task_whole(world):
    client, key, draft = review(world, SPEECH)
    assets = draft["items"][0]
    page = client.get(f"/plans/import/{key}/").content.decode()
    assert f'name="{assets["key"]}-nosplit"' in page and "按原文分解到 2 个村" in page
    assert "牵头单位待定" not in _flags(assets)
    post = {"action": "save", f"{assets['key']}-title": assets["title"], f"{assets['key']}-nosplit": "on"}
    assert client.post(f"/plans/import/{key}/", post).status_code == 302
    assert drafts_store.draft_fetch(actor=world.user("office"), key=key)["items"][0]["splits"] == []
