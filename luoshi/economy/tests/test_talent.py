"""招才引智 on the ledger engine: talents brought in (全职, 柔性), the talent pool with its 博士 and
新乡贤, 订单式培养 classes; personal data masked in lists, exports, the API and the audit log."""

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.models import AuditEntry
from luoshi.economy.models import Talent, TalentEngagement, TrainingClass
from luoshi.economy.tests.books import book
from luoshi.exchange.importing import import_ledger
from luoshi.ledgers.registry import get_ledger

pytestmark = pytest.mark.django_db
ID = "370830198005061234"


def talent(world, village, who="office", **fields):
    values = {"kind": "local", "name": "王秀英", "degree": "doctor", "phone": "13912345678", "id_card": ID} | fields
    return get_ledger("talents").create(actor=world.user(who), village=village, **values)


def engagement(world, who="office", **fields):
    values = {"kind": "flexible", "mode": "adviser", "name": "李教授", "degree": "doctor", "employer": "青东智能科技有限公司",
              "unit": world.unit("township"), "starts_on": dt.date(2024, 3, 1), "ends_on": dt.date(2026, 2, 28),
              "agreement": "柔性引才协议〔2024〕1号", "phone": "13700001111", "id_card": ID} | fields
    return get_ledger("talent-engagements").create(actor=world.user(who), **values)


def test_the_pool_is_kept_by_villages_and_personal_data_is_masked_everywhere(world, villages, client_as, tmp_path):
    ours = talent(world, villages["路村"], who="village")
    talent(world, villages["庙口村"], name="孙立新", kind="sage", donation=Decimal("5"))
    assert list(Talent.objects.visible_to(world.user("village"))) == [ours]
    with pytest.raises(OutOfScope):
        talent(world, villages["庙口村"], who="village", name="x")
    client = client_as("leader")
    item = client.get(f"/api/v1/talents/{ours.pk}/").json()
    assert (item["phone"], item["id_card"]) == ("139****5678", "370830********1234")
    assert ID not in client.get(f"/ledgers/talents/{ours.pk}/").content.decode()
    path = tmp_path / "export.xlsx"
    response = client.get("/ledgers/talents/export.xlsx?cols=name&cols=id_card&cols=phone")
    path.write_bytes(b"".join(response.streaming_content))
    cells = [c for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True) for c in row]
    assert "370830********1234" in cells and ID not in cells and "13912345678" not in cells
    entry = AuditEntry.objects.unscoped("t").filter(object_type="economy.talent", action="create").first()
    assert entry.after["id_card"] == "370830********1234" and entry.after["phone"] == "139****5678"


def test_an_id_card_number_is_checked(world, villages):
    form = get_ledger("talents").form({"kind": "local", "name": "x", "village": villages["路村"].pk,
                                       "id_card": "37083019800506"}, actor=world.user("office"))
    assert not form.is_valid() and "身份证号应为18位" in str(form.errors["id_card"])


def test_a_flexible_engagement_names_its_way_and_a_term_runs_forward(world):
    with pytest.raises(ServiceError, match="柔性方式"):
        engagement(world, mode="")
    with pytest.raises(ServiceError, match="不能早于"):
        engagement(world, ends_on=dt.date(2023, 1, 1))
    full = engagement(world, kind="introduced", mode="shares")
    assert full.mode == ""
    with pytest.raises(NotAllowed):
        engagement(world, who="village")
    with pytest.raises(ServiceError, match="不是镇或村"):
        engagement(world, unit=world.unit("department"))


def test_a_class_cannot_place_more_than_it_trains(world):
    with pytest.raises(ServiceError, match="已入职人数"):
        get_ledger("training-classes").create(actor=world.user("office"), name="智能制造订单班", school="济宁职业技术学院",
                                              enterprise="青东智能科技有限公司", students=30, employed=31,
                                              unit=world.unit("township"))


def _organisation_office(tmp_path):
    """组织办's 人才库: merged title, 两行表头 (基本情况 over three columns), Chinese 学历 words, 合计."""
    return book(tmp_path / "a.xlsx", [
        ["河口镇2024年人才库信息统计表"],
        ["序号", "姓名", "基本情况", None, None, "所在村", "人才类别", "联系电话"],
        [None, None, "学历", "专业特长", "工作单位", None, None, None],
        [1, "刘海燕", "博士研究生", "作物育种", "山东省农科院", "路村", "在外人才", "13800001111"],
        [2, "陈志强", "大专", "农机维修", "个体", "庙口", "乡土人才", None],
        [3, "杨红霞", "硕士", "电子商务", "县电商中心", "路村", "乡土人才", None],
        ["合计", "3人", None, None, None, None, None, None],
    ], merges=("A1:H1", "A2:A3", "B2:B3", "C2:E2", "F2:F3", "G2:G3", "H2:H3"))


def _village_sages(tmp_path):
    """A village's 新乡贤 sheet: no 类别 column (chosen at import), 捐资金额 in 万元, ID numbers."""
    return book(tmp_path / "b.xlsx", [
        ["路村新乡贤信息登记表"], ["填报单位：路村村委会", None, None, None, "填报时间：2024年3月5日"],
        ["序号", "乡贤姓名", "现工作单位", "职务", "捐资金额（万元）", "身份证号码", "村名"],
        [1, "王建国", "济宁某建设集团", "董事长", 10, ID, "路村"],
        [2, "张振华", "北京某科技公司", "总工程师", "2.5", None, "路村"],
        ["填表说明：捐资指奖励考入本科院校大学生。"],
    ], merges=("A1:G1",))


def _rural_talent_roster(tmp_path):
    """A 乡土人才 roster: 人才类型 and 文化程度 columns, 特长 as written, a blank spacer row."""
    return book(tmp_path / "c.xlsx", [
        ["河口镇乡土人才名册"],
        ["序号", "姓名", "性别", "文化程度", "技能特长", "所属村居", "人才类型", "联系方式"],
        [1, "赵德胜", "男", "高中", "黑猪养殖", "庙口村", "乡土人才", "0537-7212345"],
        [None, None, None, None, None, None, None, None],
        [2, "周玉兰", "女", "博士", "西瓜嫁接育苗", "路村", "本土人才", None],
    ], merges=("A1:H1",))


@pytest.mark.parametrize("layout, options, expected", [
    (_organisation_office, {}, {"刘海燕": ("abroad", "doctor", "路村"), "陈志强": ("local", "college", "庙口村"),
                                "杨红霞": ("local", "master", "路村")}),
    (_village_sages, {"kind": "sage"}, {"王建国": ("sage", "", "路村"), "张振华": ("sage", "", "路村")}),
    (_rural_talent_roster, {}, {"赵德胜": ("local", "other", "庙口村"), "周玉兰": ("local", "doctor", "路村")}),
])
def test_three_township_layouts_import(world, villages, tmp_path, layout, options, expected):
    outcome = import_ledger(actor=world.user("office"), ledger=get_ledger("talents"), path=layout(tmp_path),
                            options=options)
    assert outcome.errors == [] and outcome.created == len(expected)
    got = {t.name: (t.kind, t.degree, t.village.name) for t in Talent.objects.unscoped("t").select_related("village")}
    assert got == expected


def test_the_sages_donations_add_up_and_the_pool_counts_its_doctors(world, villages, tmp_path, client_as):
    import_ledger(actor=world.user("office"), ledger=get_ledger("talents"), path=_village_sages(tmp_path),
                  options={"kind": "sage"})
    import_ledger(actor=world.user("office"), ledger=get_ledger("talents"), path=_rural_talent_roster(tmp_path))
    sages = Talent.objects.unscoped("t").filter(kind="sage")
    assert sum(t.donation for t in sages) == Decimal("12.5") and sages.get(name="王建国").id_card == ID
    assert client_as("leader").get("/api/v1/talents/?degree=doctor").json()["count"] == 1


def test_a_sages_sheet_without_a_kind_says_so(world, villages, tmp_path):
    outcome = import_ledger(actor=world.user("office"), ledger=get_ledger("talents"), path=_village_sages(tmp_path))
    assert outcome.created == 0 and {e["row"] for e in outcome.errors} == {4, 5}


def test_engagements_import_from_a_flexible_sheet_and_a_full_list(world, tmp_path):
    flexible = book(tmp_path / "f.xlsx", [
        ["河口镇2024年柔性引进人才统计表"],
        ["序号", "姓名", "学历", "职称", "研究方向", "服务企业", "合作方式", "签约时间", "服务期限", "协议编号"],
        [1, "孙教授", "博士", "教授", "人工智能", "青东智能科技有限公司", "技术合作", "2024年3月5日", "2026年3月",
         "XY-2024-01"],
        [2, "吴高工", "硕士", "高级工程师", "服装设计", "济宁爱丝制衣有限公司", "顾问指导", "2024.4.1", "2025年3月底", None],
    ], merges=("A1:J1",))
    outcome = import_ledger(actor=world.user("office"), ledger=get_ledger("talent-engagements"), path=flexible)
    assert outcome.errors == [] and outcome.created == 2
    sun = TalentEngagement.objects.unscoped("t").get(name="孙教授")
    assert (sun.kind, sun.mode, sun.starts_on, sun.ends_on, sun.unit) == (
        "flexible", "cooperation", dt.date(2024, 3, 5), dt.date(2026, 3, 31), world.unit("township"))
    full = book(tmp_path / "g.xlsx", [
        ["序号", "姓名", "引进方式", "学历", "用人单位", "引进时间"],
        [1, "郑博士", "全职引进", "博士", "青东智能科技有限公司", dt.datetime(2024, 7, 1)],
    ])
    assert import_ledger(actor=world.user("office"), ledger=get_ledger("talent-engagements"), path=full).created == 1


def test_classes_import_with_the_township_as_their_place(world, tmp_path):
    path = book(tmp_path / "t.xlsx", [
        ["河口镇订单式培养情况表"],
        ["序号", "订单班", "合作院校", "合作企业", "培养专业", "学员人数", "到企人数", "开班时间", "毕业时间"],
        [1, "青东智能订单班", "济宁职业技术学院", "青东智能科技有限公司", "工业机器人", 40, None, "2023年9月1日", "2026年6月30日"],
        [2, "爱丝服装订单班", "汶上县职业中专", "济宁爱丝制衣有限公司", "服装制作", 30, 28, "2022年9月", "2024年6月"],
        ["合计", None, None, None, None, 70, 28, None, None],
    ], merges=("A1:I1",))
    outcome = import_ledger(actor=world.user("office"), ledger=get_ledger("training-classes"), path=path)
    assert outcome.errors == [] and outcome.created == 2
    assert sum(c.students for c in TrainingClass.objects.unscoped("t")) == 70
