"""Bulk review of a draft: many rows set at once through the same checks as one row's edit,
every suggestion of a kind accepted at once, and what still blocks deployment counted."""

import pytest

from luoshi.core.errors import ServiceError
from luoshi.core.models import AuditEntry
from luoshi.org import services as org_services
from luoshi.org.models import Unit, UnitKind
from luoshi.plans import drafts_bulk, drafts_store
from luoshi.plans.models import Task, TaskStatus
from luoshi.plans.services import plan_deploy
from luoshi.plans.tests.drafting import created, picker, propose, review, save

TEXT = (
    "2024年河口镇工作要点\n"
    "一、坚定不移抓好乡村振兴\n"
    "（一）年底前完成改厕200户。\n"
    "（二）新建大棚30个。\n"
    "二、抓好脱贫攻坚\n"
    "各帮扶干部要扎实开展排查。×月底前迎接省级评估验收。\n"
    "三、抓好安全生产\n"
    "（一）6月底前完成企业隐患排查。\n"
    "（二）每月开展一次消防演练。\n"
)


@pytest.fixture
def township(world):
    """The world's township with a 乡村振兴办公室, whose field the first heading names, and an
    office of 帮扶干部."""
    unit = org_services.unit_create(actor=world.admin, parent=world.unit("township"), name="乡村振兴办公室",
                                    kind=UnitKind.DEPARTMENT)
    aid = org_services.unit_create(actor=world.admin, parent=world.unit("township"), name="扶贫工作站",
                                   kind=UnitKind.DEPARTMENT)
    org_services.person_create(actor=world.admin, unit=aid, name="李帮扶", title="帮扶干部")
    return {"rural": unit, "aid": aid}


def _keys(draft, words):
    return [i["key"] for i in draft["items"] if words in i["requirement"]]


def test_a_bulk_change_sets_the_chosen_rows_only_and_is_audited(world, township):
    actor, draft = propose(world, TEXT)
    chosen = _keys(draft, "月底前")
    office = world.unit("office_dept").pk
    n = drafts_bulk.draft_items_change(actor=actor, draft=draft, key="k1", keys=chosen,
                                       changes={"lead_unit": str(office), "deadline": "2024-09-30", "leader": ""})
    assert n == len(chosen) == 2
    for item in draft["items"]:
        changed = item["key"] in chosen
        assert (item["lead_unit"] == office) is changed and (item["deadline"] == "2024-09-30") is changed
    entry = AuditEntry.objects.unscoped("test").get(object_type="plans.draft", object_id="k1")
    assert entry.after["items"] == chosen and "批量设置" in entry.message


def test_a_bulk_change_refuses_a_unit_outside_the_township_and_changes_nothing(world, township):
    actor, draft = propose(world, TEXT)
    before = [dict(i) for i in draft["items"]]
    outside = world.unit("other_village").pk
    with pytest.raises(ServiceError, match="牵头单位不在本镇范围内"):
        drafts_bulk.draft_items_change(actor=actor, draft=draft, key="k", keys=[i["key"] for i in draft["items"]],
                                       changes={"lead_unit": str(outside), "deadline": "2024-09-30"})
    assert draft["items"] == before
    with pytest.raises(ServiceError, match="请先勾选"):
        drafts_bulk.draft_items_change(actor=actor, draft=draft, key="k", keys=[], changes={"deadline": "2024-09-30"})


def test_one_row_and_many_rows_are_refused_the_same_way(world, township):
    client, key, draft = review(world, TEXT)
    item = draft["items"][0]
    outside = world.unit("other_village").pk
    one = client.post(f"/plans/import/{key}/", {f"{item['key']}-title": item["title"],
                                                f"{item['key']}-lead_unit": outside}).content.decode()
    many = client.post(f"/plans/import/{key}/", {"action": "bulk", "pick": [item["key"]],
                                                 "bulk-lead_unit": outside}).content.decode()
    assert "所选牵头单位不在本镇范围内" in one and "所选牵头单位不在本镇范围内" in many


def test_a_lines_select_all_box_picks_its_rows_without_javascript(world, township):
    client, key, draft = review(world, TEXT)
    line = next(i["line"] for i in draft["items"] if "消防演练" in i["requirement"])
    response = client.post(f"/plans/import/{key}/", {"action": "bulk", "pick_line": [line],
                                                     "bulk-lead_unit": world.unit("office_dept").pk})
    assert response.status_code == 302
    stored = drafts_store.draft_fetch(actor=world.user("office"), key=key)
    assert {i["lead_unit"] for i in stored["items"] if i["line"] == line} == {world.unit("office_dept").pk}
    assert world.unit("office_dept").pk not in {i["lead_unit"] for i in stored["items"] if i["line"] != line}


def test_suggestions_are_shown_not_chosen_and_accepted_all_at_once(world, township):
    client, key, draft = review(world, TEXT)
    rural = [i for i in draft["items"] if "改厕" in i["requirement"] or "大棚" in i["requirement"]]
    assert all(i["lead_unit"] is None and i["suggest"]["lead_unit"] == township["rural"].pk for i in rural)
    visit = next(i for i in draft["items"] if "评估验收" in i["requirement"])
    assert visit["suggest"] == {"lead_unit": township["aid"].pk, "deadline": "2024-12-31"}
    page = client.get(f"/plans/import/{key}/").content.decode()
    assert "建议牵头单位：乡村振兴办公室" in page and "采纳全部建议的牵头单位（3 项）" in page
    client.post(f"/plans/import/{key}/", {"action": "accept:lead_unit"})
    client.post(f"/plans/import/{key}/", {"action": "accept:deadline"})
    stored = drafts_store.draft_fetch(actor=world.user("office"), key=key)
    assert {i["key"]: i["lead_unit"] for i in stored["items"] if i["suggest"].get("lead_unit")} == {
        i["key"]: i["suggest"]["lead_unit"] for i in stored["items"] if i["suggest"].get("lead_unit")}
    assert next(i for i in stored["items"] if i["key"] == visit["key"])["deadline"] == "2024-12-31"
    assert AuditEntry.objects.unscoped("test").filter(object_type="plans.draft", message__contains="采纳建议").count() == 2


def test_the_blockers_are_the_rows_deploying_would_keep_as_drafts(world, township):
    actor, draft = propose(world, TEXT)
    blockers = {b["field"]: b["keys"] for b in drafts_bulk.draft_blockers(draft)}
    no_doer = {i["key"] for i in draft["items"] if not (i["lead_unit"] or i["owner"] or i["splits"])}
    assert set(blockers["lead_unit"]) == no_doer and blockers["deadline"] == _keys(draft, "×月底前")
    plan = save(actor, draft)
    result = plan_deploy(actor=actor, plan=plan)
    assert result["drafts"] == len(set(blockers["lead_unit"]) | set(blockers["deadline"]))
    drafts_bulk.draft_accept_suggestions(actor=actor, draft=draft, key="k", kind="lead_unit")
    drafts_bulk.draft_accept_suggestions(actor=actor, draft=draft, key="k", kind="deadline")
    rest = {b["field"]: b["keys"] for b in drafts_bulk.draft_blockers(draft)}
    drafts_bulk.draft_items_change(actor=actor, draft=draft, key="k", keys=rest.get("lead_unit", []),
                                   changes={"lead_unit": str(world.unit("office_dept").pk)})
    assert drafts_bulk.draft_blockers(draft) == []
    second = save(actor, draft)
    assert plan_deploy(actor=actor, plan=second)["drafts"] == 0
    assert not created(Task).filter(plan=second, status=TaskStatus.DRAFT).exists()


def test_the_review_page_counts_what_blocks_and_links_to_its_first_row(world, township):
    client, key, draft = review(world, TEXT)
    page = client.get(f"/plans/import/{key}/").content.decode()
    first = drafts_bulk.draft_blockers(draft)[0]
    assert f'href="#item-{first["keys"][0]}"' in page
    assert f'{first["label"]}未填 {len(first["keys"])} 项' in page
    assert 'name="pick_line"' in page and 'id="ls-bulk-apply"' in page


def test_a_department_is_suggested_from_its_usual_remit_in_the_heading(world, township):
    org_services.unit_create(actor=world.admin, parent=world.unit("township"), name="应急管理办公室",
                             kind=UnitKind.DEPARTMENT)
    _actor, draft = propose(world, "2024年河口镇工作要点\n一、抓好疫情防控\n确保不漏一人。\n二、抓好其他工作\n确保不出问题。\n")
    suggested = {i["requirement"]: (i["lead_unit"], i["suggest"].get("lead_unit")) for i in draft["items"]}
    emergency = created_unit("应急管理办公室")
    assert suggested["确保不漏一人"] == (None, emergency) and suggested["确保不出问题"] == (None, None)


def created_unit(name):
    return Unit.objects.unscoped("test").get(name=name).pk


def test_without_javascript_the_bulk_pickers_list_the_township(world, township):
    client, key, _draft = review(world, TEXT)
    light = client.get(f"/plans/import/{key}/").content.decode()
    full = client.get(f"/plans/import/{key}/?pickers=all").content.decode()
    assert "乡村振兴办公室</option>" not in picker(light, "bulk-lead_unit")
    assert "乡村振兴办公室</option>" in picker(full, "bulk-lead_unit") and "李帮扶" in picker(full, "bulk-leader")
