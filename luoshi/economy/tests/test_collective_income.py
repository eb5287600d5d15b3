"""村级集体经济: entries on the ledger engine (scope, audit, three township layouts imported), the
township's thresholds, and the year's page whose every number links to the entries behind it."""

import datetime as dt
from decimal import Decimal

import pytest

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.models import AuditEntry
from luoshi.economy.models import CollectiveIncome, IncomeThreshold
from luoshi.economy.selectors import income_year
from luoshi.economy.tests.books import book
from luoshi.exchange.importing import import_ledger
from luoshi.ledgers.registry import get_ledger
from luoshi.org import services as org
from luoshi.org.models import UnitKind
from luoshi.org.testing import ROLES, client_for

pytestmark = pytest.mark.django_db
LEDGER = "collective-income"


def add(world, village, amount, *, year=2024, source="contract", who="office", item="土地发包", **fields):
    return get_ledger(LEDGER).create(actor=world.user(who), village=village, year=year, source=source, item=item,
                                     amount=Decimal(str(amount)), **fields)


def line(world, label, amount, kind="at_least", township="township"):
    return get_ledger("income-thresholds").create(actor=world.user("office" if township == "township" else "outsider"),
                                                  township=world.unit(township), label=label, kind=kind,
                                                  amount=Decimal(str(amount)))


def test_a_village_keeps_its_own_entries_and_sees_no_other(world, villages):
    ours = add(world, villages["路村"], 3, who="village")
    add(world, villages["庙口村"], 4)
    assert list(CollectiveIncome.objects.visible_to(world.user("village"))) == [ours]
    assert not CollectiveIncome.objects.visible_to(world.user("outsider")).exists()
    with pytest.raises(OutOfScope):
        add(world, villages["庙口村"], 1, who="village")
    with pytest.raises(NotAllowed):
        add(world, villages["路村"], 1, who="cadre")
    with pytest.raises(ServiceError, match="不是村"):
        add(world, world.unit("department"), 1)
    entry = AuditEntry.objects.unscoped("t").get(object_type="economy.collectiveincome", object_id=str(ours.pk))
    assert entry.action == "create" and entry.unit_path == villages["路村"].path


def test_the_form_offers_villages_only(world):
    form = get_ledger(LEDGER).form(actor=world.user("office"))
    assert {u.kind for u in form.fields["village"].queryset} == {UnitKind.VILLAGE}


TITLE = "河口镇2024年村级集体经济收入明细表"


def _finance_office(tmp_path):
    """财政所: a merged title, one header row, Chinese dates, no 年度 column, a 合计 row."""
    return book(tmp_path / "a.xlsx", [
        [TITLE], ["填报单位：河口镇财政所", None, None, None, None, None, "单位：万元"],
        ["序号", "村名", "收入类别", "收入项目", "金额（万元）", "入账日期", "交款方", "凭证号"],
        [1, "路村", "荒片坑塘", "东坑塘承包费", 2.4, "2024年3月5日", "张三", "HK-2024-001"],
        [2, "路村", "入股分红", "光伏电站分红", "1.6", "2024年6月30日", "县光伏公司", "HK-2024-002"],
        [3, "庙口", "资产租赁", "村委闲置房屋出租", 0.8, "2024.7.1", "李四", None],
        ["合计", None, None, None, 4.8, None, None, None],
    ], merges=("A1:H1",))


def _rural_station(tmp_path):
    """经管站: two header rows with 收入情况 merged over three columns, the year only in the title,
    小计 per village and a 填表说明."""
    return book(tmp_path / "b.xlsx", [
        ["河口镇2024年度村级集体经济收入统计表"],
        ["序号", "村别", "收入情况", None, None, "佐证材料", "备注"],
        [None, None, "来源", "项目名称", "金额", None, None],
        [1, "路村", "发包", "西片荒地发包", 3, "合同〔2024〕5号", None],
        [2, "路村", "服务", "农机服务费", "0.5", "收据0032", None],
        ["小计", None, None, None, 3.5, None, None],
        [3, "庙口村", "其他", "上级奖补", 5, "文件", "一次性"],
        ["合计", None, None, None, 8.5, None, None],
        ["填表说明：金额以万元为单位。"],
    ], merges=("A1:G1", "A2:A3", "B2:B3", "C2:E2", "F2:F3", "G2:G3"))


def _village_accountant(tmp_path):
    """A village's accountant: a 年份 column, real Excel dates and "3月15日" without a year."""
    return book(tmp_path / "c.xlsx", [
        ["庙口村集体经济收入台账"],
        ["序号", "村名称", "年份", "收入项目", "收入来源", "收入（万元）", "到账时间", "承包人", "合同编号"],
        [1, "庙口村", 2023, "鱼塘承包", "坑塘发包", 1.2, dt.datetime(2023, 4, 2), "王五", "MK-01"],
        [2, "庙口村", 2024, "鱼塘承包", "坑塘发包", 1.5, "3月15日", "王五", "MK-02"],
        [3, "庙口村", 2024, "合作社分红", "股金分红", 0.75, dt.date(2024, 12, 20), "村合作社", None],
    ], merges=("A1:I1",), sheet="2024年收入")


@pytest.mark.parametrize("layout, created, totals", [
    (_finance_office, 3, {("路村", 2024): Decimal("4"), ("庙口村", 2024): Decimal("0.8")}),
    (_rural_station, 3, {("路村", 2024): Decimal("3.5"), ("庙口村", 2024): Decimal("5")}),
    (_village_accountant, 3, {("庙口村", 2023): Decimal("1.2"), ("庙口村", 2024): Decimal("2.25")}),
])
def test_three_township_layouts_import(world, villages, tmp_path, layout, created, totals):
    outcome = import_ledger(actor=world.user("office"), ledger=get_ledger(LEDGER), path=layout(tmp_path))
    assert outcome.errors == [] and outcome.created == created
    got = {}
    for entry in CollectiveIncome.objects.unscoped("t").select_related("village"):
        got[(entry.village.name, entry.year)] = got.get((entry.village.name, entry.year), 0) + entry.amount
    assert got == totals


def test_an_imported_row_keeps_its_source_date_and_evidence(world, villages, tmp_path):
    import_ledger(actor=world.user("office"), ledger=get_ledger(LEDGER), path=_finance_office(tmp_path))
    pond = CollectiveIncome.objects.unscoped("t").get(item="东坑塘承包费")
    assert (pond.source, pond.received_on, pond.year, pond.evidence, pond.payer) == (
        "pond", dt.date(2024, 3, 5), 2024, "HK-2024-001", "张三")


def test_a_bad_row_saves_nothing_and_says_where(world, villages, tmp_path):
    path = book(tmp_path / "bad.xlsx", [
        [TITLE], ["序号", "村名", "收入类别", "收入项目", "金额（万元）"],
        [1, "路村", "发包", "东坑塘", 2], [2, "不存在村", "捐款", "某项", "两万"],
    ])
    outcome = import_ledger(actor=world.user("office"), ledger=get_ledger(LEDGER), path=path)
    assert not CollectiveIncome.objects.unscoped("t").exists()
    assert {(e["row"], e["column"]) for e in outcome.errors} == {(4, "B"), (4, "C"), (4, "E")}
    assert any("可填" in e["reason"] for e in outcome.errors)


def test_a_village_cannot_import_another_villages_income(world, villages, tmp_path):
    outcome = import_ledger(actor=world.user("village"), ledger=get_ledger(LEDGER), path=_rural_station(tmp_path))
    assert outcome.created == 0 and [e["row"] for e in outcome.errors] == [7]


@pytest.fixture
def year(world, villages):
    """路村 grew from 4 to 12 万元 and crossed 10 万元; 庙口村 fell to 3 and stays 空壳; the other
    township's line is not ours."""
    add(world, villages["路村"], 4, year=2023)
    add(world, villages["路村"], 9.5, source="pond", item="东坑塘")
    add(world, villages["路村"], 2.5, source="dividend", item="光伏分红")
    add(world, villages["庙口村"], 6, year=2023)
    add(world, villages["庙口村"], 3, source="lease")
    return {"shell": line(world, "空壳村", 5, "below"), "ten": line(world, "十万元村", 10),
            "fifty": line(world, "五十万元村", 50), "theirs": line(world, "空壳村", 8, "below", "other_township")}


def test_the_year_adds_up_grows_and_crosses_the_townships_lines(world, villages, year):
    data = income_year(actor=world.user("leader"), year=2024)
    rows = {r.village.name: r for r in data.villages}
    assert (rows["路村"].total, rows["路村"].last, rows["路村"].growth, rows["路村"].rate) == (
        Decimal("12"), Decimal("4"), Decimal("8"), Decimal("200.0"))
    assert rows["路村"].by_source == {"pond": Decimal("9.5"), "dividend": Decimal("2.5")}
    assert [t.label for t in rows["路村"].holds] == ["十万元村"] and rows["路村"].crossed == rows["路村"].holds
    assert [t.label for t in rows["庙口村"].holds] == ["空壳村"] and rows["庙口村"].rate == Decimal("-50.0")
    counts = {c.threshold.label: (c.count, c.crossed) for c in data.thresholds}
    assert counts == {"空壳村": (1, 1), "十万元村": (1, 1), "五十万元村": (0, 0)}
    assert data.total == Decimal("15") and data.last == Decimal("10")


def test_a_village_with_no_entry_is_a_village_with_nothing(world, villages, year):
    org.unit_create(actor=world.admin, parent=world.unit("township"), name="大屯村", kind=UnitKind.VILLAGE)
    rows = {r.village.name: r for r in income_year(actor=world.user("office"), year=2024).villages}
    assert rows["大屯村"].total == 0 and [t.label for t in rows["大屯村"].holds] == ["空壳村"]


def test_a_village_sees_its_own_row_against_its_townships_lines(world, villages, year):
    data = income_year(actor=world.user("village"), year=2024)
    assert [r.village.name for r in data.villages] == ["路村"] and data.villages[0].holds == [year["ten"]]


def _api_sum(client, query: str) -> tuple[Decimal, int]:
    items = client.get(f"/api/v1/collective-income/?page_size=100&{query}").json()["items"]
    return sum((Decimal(i["amount"]) for i in items), Decimal("0")), len(items)


def test_every_number_on_the_year_page_links_to_the_entries_that_make_it(world, villages, year, client_as):
    import re

    client = client_as("leader")
    page = client.get("/economy/income/2024/")
    assert page.status_code == 200
    html = page.content.decode()
    links = re.findall(r'href="/ledgers/collective-income/\?([^"]+)" data-total="([^"]+)"', html)
    assert len(links) == 2
    for query, shown in links:
        assert _api_sum(client, query.replace("&amp;", "&"))[0] == Decimal(shown)
    assert _api_sum(client, "year=2024")[0] == page.context["data"].total
    for count in page.context["data"].thresholds:
        for crossed in ("", "&crossed=1"):
            narrowed = client.get(f"/economy/income/2024/?threshold={count.threshold.pk}{crossed}").context["data"]
            assert len(narrowed.villages) == (count.crossed if crossed else count.count)


def test_the_year_page_answers_every_role(world, villages, year):
    expected = [302, 200, 200, 200, 200, 200, 200, 200]
    assert [client_for(world, role).get("/economy/income/2024/").status_code for role in ROLES] == expected
    assert client_for(world, "outsider").get("/economy/income/2024/").context["data"].villages[0].village.name == "柳林村"
    assert client_for(world, "office").get("/economy/income/1999/").status_code == 404
    assert client_for(world, "office").get("/economy/income/2024/?threshold=abc&sort=x").status_code == 200


def test_a_threshold_label_is_unique_within_its_township(world, year):
    with pytest.raises(ServiceError, match="已有名为"):
        line(world, "空壳村", 3, "below")
    assert IncomeThreshold.objects.unscoped("t").filter(label="空壳村").count() == 2  # one per township
    with pytest.raises(NotAllowed):
        get_ledger("income-thresholds").create(actor=world.user("village"), township=world.unit("township"),
                                               label="x", kind="below", amount=Decimal("1"))


def test_the_list_filters_by_year_and_offers_the_years_it_holds(world, villages, year, client_as):
    page = client_as("office").get("/ledgers/collective-income/?year=2023")
    assert page.context["listing"].total == 2
    years = next(f for f in page.context["filters"] if f["name"] == "year")["choices"]
    assert years == [("2024", "2024"), ("2023", "2023")]
    assert client_as("office").get("/ledgers/collective-income/?year=abc").context["listing"].total == 0
