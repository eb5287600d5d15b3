"""The 招商引资 register imports the sheets a township keeps, three of them written here the way
three offices would (merged titles, two-row headers, 序号 columns, 合计 rows, Chinese dates, Excel
dates), all rows or none; its template, export and CLI-shaped JSON come from the engine."""

import datetime as dt

import openpyxl
import pytest

from luoshi.economy.models import InvestmentProject, ProjectStep
from luoshi.exchange.importing import import_ledger
from luoshi.ledgers.registry import get_ledger
from luoshi.plans import services as plans

pytestmark = pytest.mark.django_db


def _save(book, path):
    book.save(path)
    return path


def progress_ledger(path, rows):
    """招商服务中心's 项目推进台账: a merged title, a caption, a two-row header (项目进展 over the
    签约 / 开工 / 投产 dates, 序号 merged down), dates written in three ways, a 合计 row."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "推进台账"
    ws.append(["河口镇2026年招商引资项目推进台账"])
    ws.merge_cells("A1:K1")
    ws.append(["填报单位：招商服务中心", None, None, None, None, None, None, None, "填报时间：2026年6月10日"])
    ws.append(["序号", "项目名称", "投资方", "计划投资（万元）", "项目进展", None, None, "所在村", "包保领导", "责任单位", "备注"])
    ws.append([None, None, None, None, "签约时间", "开工时间", "投产时间"])
    for col in "ABCDHIJK":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("E3:G3")
    for row in rows:
        ws.append(row)
    ws.append(["合计", None, None, f"=SUM(D5:D{4 + len(rows)})"])
    return _save(book, path)


def dispatch_sheet(path, rows):
    """党政办's 亿元项目调度表: one header row, Excel date cells, the stage in words."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "调度表"
    ws.append(["2026年亿元项目推进情况调度表"])
    ws.merge_cells("A1:K1")
    ws.append(["序号", "项目名称", "建设内容", "总投资(万元)", "目前进展", "签约日期", "开工日期", "项目地点", "跟进领导",
               "跟进部门", "累计完成投资（万元）"])
    for row in rows:
        ws.append(row)
    for cells in ws.iter_rows(min_row=3, min_col=6, max_col=7):
        for cell in cells:
            cell.number_format = "yyyy年m月d日"
    ws.append(["合计", None, None, 0])
    return _save(book, path)


def leads_sheet(path, rows):
    """A 招商联络处's 招商线索登记表: where each lead came from and who brought it, dates without a year
    (the title's year), no stage dates."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "线索登记"
    ws.append(["河口镇2026年招商线索登记表（第二季度）"])
    ws.merge_cells("A1:K1")
    ws.append(["序号", "线索来源", "信息提供人", "项目名称", "投资方", "产业类别", "拟投资额（万元）", "获取时间", "目前进展",
               "拟落户地点", "跟进部门"])
    for row in rows:
        ws.append(row)
    return _save(book, path)


def _import(world, path, who="office"):
    return import_ledger(actor=world.user(who), ledger=get_ledger("projects"), path=path)


def _get(name):
    return InvestmentProject.objects.unscoped("t").get(name=name)


def test_the_progress_ledger_with_its_two_row_header_and_total_row(world, day, tmp_path):
    outcome = _import(world, progress_ledger(tmp_path / "a.xlsx", [
        [1, "青东智能装备产业园", "山东青东智能科技有限公司", 12000, "2026年4月2日", "2026.5.8", None, "路村", None,
         "经济发展办", "已取得施工许可"],
        [2, "农副产品冷链仓储", "汶上冷链物流有限公司", 3000, dt.datetime(2026, 3, 15), None, None, "庙口村", None,
         "经济发展办公室", None],
        [3, "西瓜深加工", "某食品公司", 800, None, None, None, "青东产业园", None, None, "正在对接"],
    ]))
    assert outcome.errors == [] and outcome.created == 3
    first = _get("青东智能装备产业园")
    assert (first.stage, first.signed_date, first.started_date, first.lead_date, first.yi_project) == (
        "started", dt.date(2026, 4, 2), dt.date(2026, 5, 8), dt.date(2026, 4, 2), True)
    assert (first.unit, first.lead_unit) == (world.unit("village"), world.unit("department"))
    assert _get("农副产品冷链仓储").stage == "signed"
    park = _get("西瓜深加工")  # a park is the township's, kept by name
    assert (park.stage, park.unit, park.park, park.lead_date) == ("lead", world.unit("township"), "青东产业园",
                                                                  dt.date(2026, 6, 15))
    assert ProjectStep.objects.unscoped("t").filter(action="register").count() == 3


def test_the_dispatch_sheet_with_excel_dates_and_stage_words(world, day, tmp_path):
    outcome = _import(world, dispatch_sheet(tmp_path / "b.xlsx", [
        [1, "高端纺织服装产业园", "纺织服装", 15000, "已开工", dt.datetime(2026, 2, 20), dt.datetime(2026, 4, 18), "路村",
         None, "经济发展办公室", 4200],
        [2, "光伏发电储能项目", "新能源", 20000, "已签约", dt.datetime(2026, 5, 30), None, "庙口村", None, None, None],
        [3, "生物医药中间体", "医药化工", 10000, "洽谈中", None, None, "路村", None, None, None],
    ]))
    assert outcome.errors == [] and outcome.created == 3
    textile = _get("高端纺织服装产业园")
    assert (textile.stage, textile.invested, textile.amount, textile.industry) == ("started", 4200, 15000, "纺织服装")
    assert _get("生物医药中间体").stage == "talking" and _get("光伏发电储能项目").signed_date == dt.date(2026, 5, 30)


def test_the_leads_sheet_of_a_liaison_office_with_sources_and_yearless_dates(world, day, tmp_path):
    outcome = _import(world, leads_sheet(tmp_path / "c.xlsx", [
        [1, "招商联络处", "北京联络处张某", "京津冀食品加工转移项目", "某食品集团", "食品加工", 5000, "5月6日", "初步接触",
         "路村", "经济发展办公室"],
        [2, "在外人士", "在外乡贤李某", "智慧农业示范园", "李某企业", "现代农业", 1200, "2026年4月20日", "洽谈中",
         "庙口村", None],
        [3, "以商招商", "爱丝制衣", "配套印染项目", None, "纺织", 600, "2026-06-01", None, "路村", None],
    ]))
    assert outcome.errors == [] and outcome.created == 3
    lead = _get("京津冀食品加工转移项目")
    assert (lead.source, lead.introducer, lead.lead_date, lead.stage) == (
        "liaison_office", "北京联络处张某", dt.date(2026, 5, 6), "lead")
    assert (_get("智慧农业示范园").source, _get("智慧农业示范园").stage) == ("native", "talking")
    assert _get("配套印染项目").source == "business"


def test_a_bad_row_saves_nothing_and_says_sheet_row_column_and_why(world, day, tmp_path):
    outcome = _import(world, dispatch_sheet(tmp_path / "bad.xlsx", [
        [1, "高端纺织服装产业园", "纺织服装", 15000, "已开工", dt.datetime(2026, 2, 20), None, "路村", None, None, None],
        [2, "光伏发电储能项目", "新能源", 20000, "已签约", dt.datetime(2026, 5, 30), None, "不存在村", None, None, None],
        [3, "生物医药中间体", "医药化工", 10000, "已签约", None, None, "路村", None, None, None],
    ]))
    assert not InvestmentProject.objects.unscoped("t").exists()
    found = {(e["sheet"], e["row"], e["column"]) for e in outcome.errors}
    assert ("调度表", 3, "G") in found  # 已开工 without 开工日期
    assert ("调度表", 4, "H") in found  # a place nobody knows
    assert ("调度表", 5, "F") in found  # 已签约 without 签约日期
    assert all("日期" in e["reason"] or "不存在" in e["reason"] for e in outcome.errors), outcome.errors


def test_an_import_recounts_the_bound_targets_once(world, day, tmp_path, django_assert_max_num_queries):
    plan = plans.plan_create(actor=world.user("office"), unit=world.unit("township"), year=2026, title="2026年")
    target = plans.indicator_create(actor=world.user("office"), plan=plan, name="新上亿元项目",
                                    unit=world.unit("township"), measure="个", target=3,
                                    register_measure="projects.yi_signed")
    path = dispatch_sheet(tmp_path / "b.xlsx", [
        [n, f"亿元项目{n}", "制造", 10000 + n, "已签约", dt.datetime(2026, 3, n), None, "路村", None, None, None]
        for n in range(1, 21)])
    with django_assert_max_num_queries(60):  # the rows are bulk-created: no query per row
        assert _import(world, path).created == 20
    target.refresh_from_db()
    assert target.actual == 20


def test_the_template_and_the_export_come_from_the_declaration(world, day, client_as, tmp_path):
    client = client_as("office")
    template = client.get("/ledgers/projects/template.xlsx")
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"".join(template.streaming_content))
    header = [c.value for c in openpyxl.load_workbook(path).worksheets[0][2] if c.value]
    assert {"项目名称", "项目阶段", "计划投资（万元）", "签约日期", "所在村（园区）", "跟进领导"} <= set(header)
    _import(world, leads_sheet(tmp_path / "c.xlsx", [
        [1, "上级推介", "县招商局", "预制菜中央厨房", None, "食品", 2000, "2026年5月6日", "洽谈中", "路村", None]]))
    export = client.get("/ledgers/projects/export.xlsx")
    path = tmp_path / "e.xlsx"
    path.write_bytes(b"".join(export.streaming_content))
    cells = [c for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True) for c in row]
    assert "预制菜中央厨房" in cells and "在谈" in cells
