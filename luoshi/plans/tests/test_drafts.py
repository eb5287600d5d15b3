"""Importing a deployment document: upload → review → confirm creates the plan in one go."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from luoshi.core.errors import ServiceError
from luoshi.plans import drafts, drafts_store
from luoshi.plans.models import Indicator, Plan, Strength, Task, WorkLine

SEED = (Path(__file__).parents[2] / "extraction" / "tests" / "data" / "seed.txt").read_text(encoding="utf-8")
ROLES = ["anonymous", "leader", "office", "department", "village", "cadre", "discipline", "outsider"]
SMALL = (
    "2024年河口镇工作要点\n"
    "一、发展经济\n"
    "（一）抓好招商引资。力争新上亿元项目3个（牵头单位：经济发展办；配合单位：镇纪委、各村）。\n"
    "（二）壮大集体经济。确保村级集体收入达到×万元以上。6月底前完成清产核资工作。\n"
    "二、改善民生\n"
    "（一）办好民生实事。年底前完成路村公共卫生厕所建设。\n"
)


def _all(model):
    return model.objects.unscoped("test counts what the import created")


def _client(world, role):
    client = Client()
    if role != "anonymous":
        client.force_login(world.user(role))
    return client


def _upload(client, text, *, name="讲话.txt", unit, **extra):
    upload = SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text)
    return client.post("/plans/import/", {"file": upload, "unit": unit.pk, **extra})


def _key(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return re.search(r"/plans/import/([0-9a-f-]+)/", response.url).group(1)


def _draft(world, text=SMALL, role="office", unit="township"):
    actor = world.user(role)
    return actor, drafts.draft_propose(actor=actor, unit=world.unit(unit), text=text, source_name="t.txt")


def _save(actor, draft):
    return drafts.plan_from_draft(actor=actor, unit=draft["unit"], year=draft["year"], title=draft["title"],
                                  source_name=draft["source_name"], source_text=draft["text"],
                                  lines=drafts.draft_lines_for_save(draft))


# -- the seed, end to end ----------------------------------------------------------------------


def test_the_seed_speech_becomes_a_plan_of_lines_tasks_and_indicators(world):
    client = _client(world, "office")
    key = _key(_upload(client, SEED, name="2024年部署讲话.txt", unit=world.unit("township")))
    review = client.get(f"/plans/import/{key}/")
    assert review.status_code == 200 and "将生成 6 条专线、20 项任务、8 个指标" in review.content.decode()
    response = client.post(f"/plans/import/{key}/", {"action": "confirm"})
    plan = _all(Plan).get()
    assert response.status_code == 302 and response.url == f"/plans/{plan.pk}/"
    assert (plan.year, plan.unit, plan.source_name) == (2024, world.unit("township"), "2024年部署讲话.txt")
    lines = list(_all(WorkLine).filter(plan=plan).order_by("sort_order"))
    assert [line.number for line in lines] == ["一是", "二是", "三是", "四是", "（二）", "二要"]
    # the goals of three lines' headings ("确保顺利通过各级评估验收") are their lines', not tasks
    assert _all(Task).filter(plan=plan, status="draft", parent=None).count() == 20
    # "各部门、各村…" (two targets), "各村要…", "所有村合作社…": split to the township's two villages
    assert _all(Task).filter(plan=plan, status="draft").exclude(parent=None).count() == 4 * 2
    assert _all(Indicator).filter(plan=plan, parent=None).count() == 8


def test_every_task_and_indicator_keeps_its_source_sentence(world):
    actor, draft = _draft(world, SEED)
    plan = _save(actor, draft)
    for obj in [*_all(Task).filter(plan=plan), *_all(Indicator).filter(plan=plan)]:
        assert obj.source_text and SEED[obj.source_offset:obj.source_offset + len(obj.source_text)] == obj.source_text
    task = _all(Task).get(plan=plan, parent=None, requirement="确保新上亿元项目×个")
    assert task.source_text.startswith("各部门、各村负责同志") and task.source_text.endswith("×万元以上项目×个。")
    assert task.line.name == "持之以恒抓好“双招双引”，确保实现镇域经济新突破"


def test_a_placeholder_becomes_an_indicator_without_target_flagged_to_fill(world):
    actor, draft = _draft(world, SEED)
    item = next(i for i in draft["items"] if i["requirement"] == "计划培育县级农民专业合作社×家")
    assert item["indicators"][0]["target"] == "" and "目标值待填" in _flags(item)
    _save(actor, draft)
    indicator = _all(Indicator).get(name="培育县级农民专业合作社")
    assert (indicator.target, indicator.measure, indicator.strength) == (None, "家", Strength.MUST)
    assert _all(Task).get(indicators=indicator).title == "计划培育县级农民专业合作社×家"  # the clause, whole


def test_strength_value_deadline_and_lead_unit_are_proposed_from_the_text(world):
    actor, draft = _draft(world)
    projects = next(i for i in draft["items"] if "亿元项目" in i["title"])
    indicator = projects["indicators"][0]
    assert (indicator["target"], indicator["strength"], indicator["measure"]) == ("3", Strength.STRIVE, "个")
    assert projects["lead_unit"] == world.unit("department").pk
    assert projects["co_units"] == [world.unit("discipline").pk]
    assets = next(i for i in draft["items"] if "清产核资" in i["requirement"])
    assert (assets["deadline"], assets["deadline_text"]) == ("2024-06-30", "6月底前")
    toilets = next(i for i in draft["items"] if "厕所" in i["requirement"])
    assert toilets["deadline"] == "2024-12-31" and toilets["lead_unit"] is None and "牵头单位待定" in _flags(toilets)


def _flags(item):
    from luoshi.plans.views.drafts import _flags

    return _flags(item)


def test_the_year_comes_from_the_title_or_else_this_year(world):
    from django.utils import timezone

    assert _draft(world)[1]["year"] == 2024
    assert _draft(world, SMALL.replace("2024年", ""))[1]["year"] == timezone.localdate().year


def test_lines_can_be_regrouped_at_another_level(world):
    actor, draft = _draft(world, SEED)
    assert draft["depth"] == 3
    drafts.draft_regroup(actor=actor, draft=draft, depth=1)
    assert [line["number"] for line in draft["lines"]] == ["二", "三"]
    assert len(draft["items"]) == 23


# -- what the reviewer changes -----------------------------------------------------------------


def test_dropping_and_merging_change_what_is_created(world):
    client = _client(world, "office")
    key = _key(_upload(client, SMALL, unit=world.unit("township")))
    draft = drafts_store.draft_fetch(actor=world.user("office"), key=key)
    first, second, third = (i["key"] for i in draft["items"][:3])
    client.post(f"/plans/import/{key}/", {"action": "merge", "merge": [first, second]})
    assert len(drafts_store.draft_fetch(actor=world.user("office"), key=key)["items"]) == 3
    post = {"action": "confirm", f"{third}-title": "改过的标题", f"{third}-drop": "on"}
    response = client.post(f"/plans/import/{key}/", post)
    assert response.status_code == 302
    tasks = list(_all(Task).all())
    assert len(tasks) == 2
    merged = next(t for t in tasks if "亿元项目" in t.title)
    assert "清产核资" not in merged.requirement and "集体收入" in merged.requirement
    assert SMALL[merged.source_offset:merged.source_offset + len(merged.source_text)] == merged.source_text
    assert _all(Indicator).filter(tasks=merged).count() == 2


def test_an_item_can_move_to_another_line_and_lines_can_be_renamed_or_dropped(world):
    client = _client(world, "office")
    key = _key(_upload(client, SMALL, unit=world.unit("township")))
    draft = drafts_store.draft_fetch(actor=world.user("office"), key=key)
    one, two = draft["lines"]
    item = draft["items"][0]["key"]
    post = {"action": "save", f"{one['key']}-name": "经济", f"{two['key']}-name": "民生",
            f"{item}-title": draft["items"][0]["title"], f"{item}-line": two["key"]}
    assert client.post(f"/plans/import/{key}/", post).status_code == 302
    page = client.get(f"/plans/import/{key}/").content.decode()
    assert 'value="经济"' in page and "将生成 2 条专线、4 项任务、2 个指标" in page
    post = {"action": "confirm", f"{two['key']}-name": "民生", f"{two['key']}-drop": "on"}
    assert client.post(f"/plans/import/{key}/", post).status_code == 302
    assert list(_all(WorkLine).values_list("name", flat=True)) == ["经济"]
    assert sorted(_all(Task).values_list("title", flat=True)) == ["6月底前完成清产核资工作", "确保村级集体收入达到×万元以上"]


def test_an_error_in_one_item_commits_nothing_and_names_the_item(world):
    client = _client(world, "office")
    key = _key(_upload(client, SMALL, unit=world.unit("township")))
    draft = drafts_store.draft_fetch(actor=world.user("office"), key=key)
    bad = next(i for i in draft["items"] if i["indicators"])
    response = client.post(f"/plans/import/{key}/", {"action": "confirm", f"{bad['key']}-title": bad["title"],
                                                      f"{bad['key']}-i0-name": "项目", f"{bad['key']}-i0-target": "三个"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "目标值“三个”不是数字" in page and f'href="#item-{bad["key"]}"' in page
    assert not _all(Plan).exists() and not _all(Task).exists() and not _all(Indicator).exists()
    assert drafts_store.draft_fetch(actor=world.user("office"), key=key)["items"][0]["indicators"][0]["target"] == "三个"


def test_a_draft_with_nothing_kept_is_refused(world):
    actor, draft = _draft(world)
    for item in draft["items"]:
        item["drop"] = True
    with pytest.raises(ServiceError):
        _save(actor, draft)
    assert not _all(Plan).exists()


# -- who may import, and what ------------------------------------------------------------------


def test_only_the_office_may_import(world):
    got = [_client(world, role).get("/plans/import/").status_code for role in ROLES]
    assert got == [302, 403, 200, 403, 403, 403, 403, 200]


def test_a_draft_is_its_uploaders_alone(world):
    key = _key(_upload(_client(world, "office"), SMALL, unit=world.unit("township")))
    got = [_client(world, role).get(f"/plans/import/{key}/").status_code for role in ROLES]
    assert got == [302, 403, 200, 403, 403, 403, 403, 404]
    assert _client(world, "outsider").post(f"/plans/import/{key}/discard/").status_code == 404
    assert _client(world, "office").get("/plans/import/00000000-0000-0000-0000-000000000000/").status_code == 404


@pytest.mark.parametrize("name, content, message", [
    ("讲话.docx", b"%PDF-1.7\n1 0 obj\n", "这是 PDF 文件"),
    ("讲话.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "旧版 Word 文档"),
    ("讲话.docx", b"PK\x03\x04garbage", "Word"),
    ("讲话.xlsx", "一、工作\n确保完成3个".encode(), "只支持 .docx 或 .txt"),
    ("讲话.txt", b"", "请上传文件或粘贴全文"),
])
def test_a_bad_file_answers_a_chinese_message_not_a_500(world, name, content, message):
    response = _upload(_client(world, "office"), content, name=name, unit=world.unit("township"))
    assert response.status_code == 200 and message in response.content.decode()


def test_a_file_over_five_megabytes_is_refused(world):
    response = _upload(_client(world, "office"), b"a" * (5 * 1024 * 1024 + 1), unit=world.unit("township"))
    assert response.status_code == 200 and "超过 5 MB" in response.content.decode()


def test_pasted_text_works_like_a_file_and_is_escaped_on_the_review_page(world):
    client = _client(world, "office")
    response = client.post("/plans/import/", {"text": SMALL + "<script>alert(1)</script>",
                                              "unit": world.unit("township").pk})
    page = client.get(response.url).content.decode()
    assert "&lt;script&gt;alert(1)" in page and "<script>alert(1)" not in page
    assert page.count('<mark id="src-t') == 4


def test_the_outsider_cannot_plan_for_or_assign_a_unit_of_another_township(world):
    client = _client(world, "outsider")
    response = _upload(client, SMALL, unit=world.unit("township"))
    assert response.status_code == 200 and not _all(Plan).exists()
    key = _key(_upload(client, SMALL, unit=world.unit("other_township")))
    draft = drafts_store.draft_fetch(actor=world.user("outsider"), key=key)
    item = draft["items"][0]["key"]
    response = client.post(f"/plans/import/{key}/", {"action": "confirm", f"{item}-title": "x",
                                                      f"{item}-lead_unit": world.unit("department").pk})
    assert response.status_code == 200 and "不在本镇范围内" in response.content.decode()
    assert not _all(Plan).exists()


def test_the_service_refuses_a_unit_outside_the_plans_township(world):
    actor, draft = _draft(world, role="outsider", unit="other_township")
    draft["items"][0]["lead_unit"] = world.unit("department").pk
    with pytest.raises(drafts.DraftItemError) as error:
        _save(actor, draft)
    assert error.value.item == draft["items"][0]["key"]
    office, draft = _draft(world)
    draft["items"][0]["lead_unit"] = world.unit("other_village").pk
    with pytest.raises(drafts.DraftItemError, match="不存在或不在您的数据权限范围内|不属于"):
        _save(office, draft)
    assert not _all(Plan).exists() and not _all(WorkLine).exists()


def test_creating_the_plan_is_audited(world):
    from luoshi.core.models import AuditEntry

    actor, draft = _draft(world)
    plan = _save(actor, draft)
    types = list(AuditEntry.objects.unscoped("test").filter(actor=actor).values_list("object_type", flat=True))
    assert sorted(types) == sorted(["plans.plan"] + ["plans.workline"] * 2 + ["plans.task"] * 4
                                   + ["plans.indicator"] * 2) and plan.pk


def test_a_pasted_task_table_groups_its_tasks_by_the_category_column(world):
    table = ("2024年河口镇重点工作任务分解表\n"
             "序号\t类别\t工作任务\t牵头单位\t完成时限\n"
             "1\t产业发展\t新建高标准农田1.2万亩\t农业农村办\t2024年10月底前\n"
             "2\t产业发展\t培育规上企业2家\t经济发展办\t年底前\n"
             "3\t民生保障\t完成路村公共卫生厕所建设\t路村\t6月底前\n")
    actor, draft = _draft(world, text=table)
    plan = _save(actor, draft)
    lines = {line.name: sorted(_all(Task).filter(line=line).values_list("title", flat=True))
             for line in _all(WorkLine).filter(plan=plan)}
    assert lines == {"产业发展": ["培育规上企业2家", "新建高标准农田1.2万亩"], "民生保障": ["完成路村公共卫生厕所建设"]}
