"""合作社与家庭农场 on the ledger engine (scope, masking, three layouts imported) and each village
co-operative's 实质化运营: declared by the village, judged by someone else in the township."""

import datetime as dt

import pytest

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.models import AuditEntry
from luoshi.economy import operation_flow
from luoshi.economy.models import CoopOperation, FarmEntity
from luoshi.economy.tests.books import book
from luoshi.exchange.importing import import_ledger
from luoshi.ledgers.registry import get_ledger
from luoshi.org.testing import ROLES, client_for

pytestmark = pytest.mark.django_db


def farm(world, village, name="路村西瓜种植专业合作社", who="office", **fields):
    values = {"kind": "cooperative", "level": "county", "certified_on": dt.date(2024, 5, 10), "members": 56,
              "phone": "13812345678", "industry": "西瓜种植"} | fields
    return get_ledger("farms").create(actor=world.user(who), name=name, village=village, **values)


def operation(world, village, who="village", **fields):
    return get_ledger("coop-operations").create(actor=world.user(who), village=village, year=2024, **fields)


def test_a_village_keeps_its_farms_and_the_phone_is_masked_everywhere(world, villages, client_as):
    ours = farm(world, villages["路村"], who="village")
    farm(world, villages["庙口村"], name="庙口黑猪养殖家庭农场", kind="family_farm")
    assert list(FarmEntity.objects.visible_to(world.user("village"))) == [ours]
    assert not FarmEntity.objects.visible_to(world.user("outsider")).exists()
    with pytest.raises(OutOfScope):
        farm(world, villages["庙口村"], who="village", name="x")
    api = client_as("leader").get("/api/v1/farms/?kind=cooperative").json()
    assert api["count"] == 1 and api["items"][0]["phone"] == "138****5678"
    assert "13812345678" not in client_as("leader").get(f"/ledgers/farms/{ours.pk}/").content.decode()


def test_a_farm_without_a_level_keeps_no_certification_date(world, villages):
    plain = farm(world, villages["路村"], level="none")
    assert plain.certified_on is None


def _agriculture_office(tmp_path):
    """农业农村办's 名录: merged title, info line, one header row, Chinese dates, a 合计 row."""
    return book(tmp_path / "a.xlsx", [
        ["河口镇新型农业经营主体名录"], ["填报单位：农业农村办公室", None, None, None, None, "填报日期：2024年12月"],
        ["序号", "主体名称", "主体类型", "所在村", "主营产业", "成员数", "理事长", "联系电话", "示范级别", "认定时间"],
        [1, "河口镇路村西瓜种植专业合作社", "合作社", "路村", "西瓜", 56, "王建国", "13912345678", "县级示范社",
         "2024年5月10日"],
        [2, "庙口金穗粮食种植专业合作社", "专业合作社", "庙口", "小麦玉米", "120", "李志强", None, "市级", "2023年11月8日"],
        [3, "路村老张家庭农场", "家庭农场", "路村", "蔬菜", 4, "张明", None, "无", None],
        ["合计", "3家", None, None, None, 180, None, None, None, None],
    ], merges=("A1:J1",))


def _model_coop_application(tmp_path):
    """县级示范社 申报汇总: two header rows, 基本情况 merged over three columns, no 类型 column."""
    return book(tmp_path / "b.xlsx", [
        ["2024年度县级农民专业合作社示范社申报汇总表"],
        ["序号", "合作社名称", "基本情况", None, None, "所在村", "示范等级", "评定时间", "备注"],
        [None, None, "成立时间", "成员人数", "主导产业", None, None, None, None],
        [1, "路村黑猪养殖专业合作社", "2019.4.12", 32, "黑猪养殖", "路村", "县级", "2024年10月", None],
        [2, "庙口甘薯专业合作社", dt.date(2020, 3, 1), 18, "胡萝卜甘薯轮作", "庙口村", "县级示范社", "2024年10月",
         "新申报"],
        ["填表说明：成员人数以工商登记为准。"],
    ], merges=("A1:I1", "A2:A3", "B2:B3", "C2:E2", "F2:F3", "G2:G3", "H2:H3", "I2:I3"))


def _family_farm_roster(tmp_path):
    """经管站's 家庭农场 roster: real dates, 场主 and 联系方式, 经营面积, levels as the county writes them."""
    return book(tmp_path / "c.xlsx", [
        ["河口镇家庭农场名录（2024年）"],
        ["序号", "家庭农场名称", "场主", "联系方式", "所属村居", "经营面积（亩）", "主营", "注册日期", "级别"],
        [1, "路村瓜香家庭农场", "赵振华", "13700001111", "路村", 85.5, "西瓜", dt.datetime(2021, 6, 1),
         "市级示范家庭农场"],
        [2, "庙口绿野家庭农场", "孙立新", "0537-7212345", "庙口村", 120, "粮食", dt.datetime(2022, 3, 15), None],
        [None, None, None, None, None, None, None, None, None],
        ["填表人：经管站 刘海燕"],
    ], merges=("A1:I1",))


@pytest.mark.parametrize("layout, expected", [
    (_agriculture_office, {"河口镇路村西瓜种植专业合作社": ("cooperative", "county", dt.date(2024, 5, 10), 56),
                           "庙口金穗粮食种植专业合作社": ("cooperative", "city", dt.date(2023, 11, 8), 120),
                           "路村老张家庭农场": ("family_farm", "none", None, 4)}),
    (_model_coop_application, {"路村黑猪养殖专业合作社": ("cooperative", "county", dt.date(2024, 10, 31), 32),
                               "庙口甘薯专业合作社": ("cooperative", "county", dt.date(2024, 10, 31), 18)}),
    (_family_farm_roster, {"路村瓜香家庭农场": ("family_farm", "city", None, None),
                           "庙口绿野家庭农场": ("family_farm", "none", None, None)}),
])
def test_three_township_layouts_import(world, villages, tmp_path, layout, expected):
    outcome = import_ledger(actor=world.user("office"), ledger=get_ledger("farms"), path=layout(tmp_path))
    assert outcome.errors == [] and outcome.created == len(expected)
    got = {f.name: (f.kind, f.level, f.certified_on, f.members) for f in FarmEntity.objects.unscoped("t")}
    assert got == expected


def test_an_imported_farm_keeps_its_dates_area_and_phone(world, villages, tmp_path):
    import_ledger(actor=world.user("office"), ledger=get_ledger("farms"), path=_family_farm_roster(tmp_path))
    melon = FarmEntity.objects.unscoped("t").get(name="路村瓜香家庭农场")
    assert (melon.registered_on, str(melon.area), melon.leader, melon.phone) == (
        dt.date(2021, 6, 1), "85.5", "赵振华", "13700001111")
    coop = _model_coop_application(tmp_path)
    import_ledger(actor=world.user("office"), ledger=get_ledger("farms"), path=coop)
    assert FarmEntity.objects.unscoped("t").get(name="路村黑猪养殖专业合作社").registered_on == dt.date(2019, 4, 12)


def test_a_bad_level_saves_nothing(world, villages, tmp_path):
    path = book(tmp_path / "bad.xlsx", [["合作社名录"], ["序号", "合作社名称", "所在村", "示范级别"],
                                        [1, "甲专业合作社", "路村", "县级"], [2, "乙专业合作社", "路村", "国家级金牌"]])
    outcome = import_ledger(actor=world.user("office"), ledger=get_ledger("farms"), path=path)
    assert [(e["row"], e["column"]) for e in outcome.errors] == [(4, "D")] and not FarmEntity.objects.unscoped("t")


# -- 实质化运营 -----------------------------------------------------------------------------------------
def test_the_village_declares_and_someone_else_in_the_township_approves(world, villages):
    coop = farm(world, villages["路村"])
    record = operation(world, villages["路村"], cooperative=coop, business="西瓜统购统销")
    assert record.status == "pending"
    record = operation_flow.operation_step(actor=world.user("village"), operation=record, action="declare",
                                           evidence="年度经营收入台账、分红记录")
    assert (record.status, record.declared_by) == ("declared", world.user("village"))
    with pytest.raises(NotAllowed):
        operation_flow.operation_step(actor=world.user("village"), operation=record, action="approve")
    with pytest.raises(ServiceError, match="请填写理由"):
        operation_flow.operation_step(actor=world.user("office"), operation=record, action="send_back")
    record = operation_flow.operation_step(actor=world.user("leader"), operation=record, action="approve")
    assert (record.status, record.judged_by) == ("operating", world.user("leader"))
    with pytest.raises(ServiceError, match="不能"):
        operation_flow.operation_step(actor=world.user("office"), operation=record, action="approve")
    record = operation_flow.operation_step(actor=world.user("office"), operation=record, action="revoke",
                                           reason="合作社已停止经营")
    assert (record.status, record.judge_note) == ("returned", "合作社已停止经营")
    messages = list(AuditEntry.objects.unscoped("t").filter(object_type="economy.coopoperation")
                    .order_by("id").values_list("message", flat=True))
    assert messages == ["", "申报实质化运营", "认定实质化运营", "撤销认定：合作社已停止经营"]


def test_the_declarer_cannot_approve_their_own_declaration(world, villages):
    record = operation(world, villages["路村"], who="office", status="declared", evidence="收支台账")
    assert record.declared_by == world.user("office")
    assert [t.action for t in operation_flow.allowed_actions(world.user("office"), record)] == ["send_back"]
    with pytest.raises(ServiceError, match="申报人以外"):
        operation_flow.operation_step(actor=world.user("office"), operation=record, action="approve")


def test_a_new_record_enters_no_further_than_declared(world, villages):
    with pytest.raises(ServiceError, match="只能是"):
        operation(world, villages["路村"], status="operating", evidence="x")
    with pytest.raises(ServiceError, match="佐证材料"):
        operation(world, villages["路村"], status="declared")
    other = farm(world, villages["庙口村"], name="庙口合作社")
    with pytest.raises(ServiceError, match="不在"):
        operation(world, villages["路村"], cooperative=other)
    operation(world, villages["路村"])
    with pytest.raises(ServiceError, match="已有运营记录"):
        operation(world, villages["路村"], who="office")


def test_an_imported_claim_awaits_the_townships_judgement(world, villages, tmp_path):
    farm(world, villages["路村"])
    path = book(tmp_path / "ops.xlsx", [
        ["河口镇2024年村级合作社实质化运营情况统计表"],
        ["序号", "村名", "合作社名称", "经营内容", "经营收入（万元）", "是否实质化运营", "佐证材料"],
        [1, "路村", "路村西瓜种植专业合作社", "西瓜统购统销", 12.5, "是", "收支台账、分红公示"],
        [2, "庙口村", None, None, None, "否", None],
        ["合计", None, None, None, 12.5, None, None],
    ])
    outcome = import_ledger(actor=world.user("office"), ledger=get_ledger("coop-operations"), path=path)
    assert outcome.errors == [] and outcome.created == 2
    states = dict(CoopOperation.objects.unscoped("t").values_list("village__name", "status"))
    assert states == {"路村": "declared", "庙口村": "pending"}
    assert CoopOperation.objects.unscoped("t").get(status="declared").year == 2024
    again = import_ledger(actor=world.user("office"), ledger=get_ledger("coop-operations"), path=path)
    assert again.created == 0 and "已有运营记录" in again.errors[0]["reason"]


def test_the_steps_through_the_page_and_the_api(world, villages, client_as):
    record = operation(world, villages["路村"], status="declared", evidence="收支台账")
    page = client_for(world, "office").get(f"/economy/operations/{record.pk}/")
    assert page.status_code == 200 and 'data-action="approve"' in page.content.decode()
    api = client_for(world, "village").post(f"/api/v1/coop-operations/{record.pk}/approve/", {},
                                            content_type="application/json")
    assert api.status_code == 403
    done = client_as("office").post(f"/api/v1/coop-operations/{record.pk}/approve/", {},
                                    content_type="application/json")
    assert done.status_code == 200 and done.json()["status_code"] == "operating"
    assert client_for(world, "outsider").post(f"/api/v1/coop-operations/{record.pk}/revoke/", {"reason": "x"},
                                              content_type="application/json").status_code == 404
    gone = client_as("office").post(f"/economy/operations/{record.pk}/send_back/", {"reason": "不实"})
    assert gone.status_code == 302 and CoopOperation.objects.unscoped("t").get(pk=record.pk).status == "operating"


def test_the_operation_page_answers_every_role(world, villages):
    record = operation(world, villages["路村"])
    got = [client_for(world, role).get(f"/economy/operations/{record.pk}/").status_code for role in ROLES]
    assert got == [302, 200, 200, 404, 200, 404, 200, 404]
    assert client_for(world, "office").get(f"/ledgers/coop-operations/{record.pk}/").status_code == 301


def test_the_hub_counts_link_to_the_villages_they_count(world, villages, client_as, in_2024):
    operation(world, villages["路村"], status="declared", evidence="台账")
    operation(world, villages["庙口村"], who="office")
    client = client_as("leader")
    counts = {value: count for value, _label, count in client.get("/economy/").context["operations"]}
    assert counts == {"pending": 1, "declared": 1, "operating": 0, "returned": 0}
    for status, count in counts.items():
        listed = client.get(f"/api/v1/coop-operations/?year=2024&status={status}").json()["count"]
        assert listed == count
