"""The demo township's 招商引资 register, written through the register's services (its ledger's create,
then each project's steps with their dates and evidence), consistent with the demo plan's targets:
two 亿元 projects signed this year for "新上亿元项目 2 个", five of 千万元 or more for "新上千万元以上
项目 6 个", a 亿元 project still in talks, a lead nobody has followed up for weeks (red), one
followed up a while ago (yellow), a fresh lead and a project stopped. The plan's two targets are then
bound to the register, so their numbers count themselves.

Dates are spread over this year up to the demo's day (`on(share)`: that share of the days gone), so
the demo reads the same whenever it is loaded; follow-ups and stale leads are dated back from the
demo's day (`on(-days)`), never before a project's previous step."""

from __future__ import annotations

import datetime as dt

from luoshi.economy import project_flow
from luoshi.economy.models import InvestmentProject
from luoshi.ledgers.registry import get_ledger
from luoshi.org.models import Unit, User
from luoshi.plans import services as plans
from luoshi.plans.models import Indicator, Plan

LEAD_UNIT = "招商服务中心"
PARK = "青东产业园"
# (name, investor, industry, source, introducer, 万元, place (a village, or None for the park),
#  (action, share of the year gone or -days before the demo's day, note), …)
PROJECTS = [
    ("青东智能装备产业园项目", "山东青东智能科技有限公司", "智能制造", "native", "在外乡贤王建国", 12000, None, [
        ("lead", 0.05, "在外乡贤推介，投资方有意在园区建设装备产业园"), ("negotiate", 0.12, "镇主要领导赴青岛洽谈"),
        ("sign", 0.25, "签订投资协议，合同编号HK-2026-001"), ("start", 0.45, "取得施工许可，奠基开工"),
        ("produce", 0.85, "一期厂房投产，设备调试完成")]),
    ("高端纺织服装产业园", "济宁爱丝制衣有限公司", "纺织服装", "business", "爱丝制衣以商招商", 15000, "路村", [
        ("lead", 0.10, "现有企业引荐上下游配套企业"), ("negotiate", 0.20, "考察路村选址"),
        ("sign", 0.50, "签订入园协议，合同编号HK-2026-004"), ("start", 0.70, "土地平整完成，主体开工"),
        ("follow_up", -12, "分管领导现场调度，厂房主体封顶")]),
    ("光伏发电储能项目", "汶上新能源科技有限公司", "新能源", "superior", "县招商服务中心推介", 20000, "庙口村", [
        ("lead", 0.30, "县级推介项目"), ("negotiate", 0.60, "洽谈用地和并网方案"),
        ("follow_up", -20, "投资方提交并网方案，待县供电公司答复")]),
    ("生物医药中间体项目", "某医药集团", "医药化工", "liaison_office", "北京招商联络处", 10000, "大屯村", [
        ("lead", -75, "北京联络处收集的招商信息，待对接")]),
    ("农副产品冷链仓储", "汶上冷链物流有限公司", "现代物流", "liaison_office", "上海招商联络处", 3000, "大屯村", [
        ("lead", 0.15, "联络处推介"), ("sign", 0.35, "签订协议，合同编号HK-2026-002"), ("start", 0.60, "冷库主体开工"),
        ("follow_up", -8, "冷库设备进场安装")]),
    ("西瓜深加工项目", "山东瓜乡食品有限公司", "农产品加工", "native", "在外人士刘志强", 1500, "前郭村", [
        ("lead", 0.30, "依托西瓜设施基地"), ("sign", 0.55, "签订协议，合同编号HK-2026-003"),
        ("follow_up", -15, "办理用地手续")]),
    ("预制菜中央厨房", "济宁味道餐饮管理有限公司", "食品加工", "liaison_office", "济南招商联络处", 2500, "后郭村", [
        ("lead", 0.50, "联络处推介"), ("negotiate", 0.65, "实地考察"), ("sign", 0.80, "签订协议，合同编号HK-2026-005"),
        ("follow_up", -3, "设计方案报审")]),
    ("智慧农业示范园", "李某农业科技公司", "现代农业", "native", "在外乡贤李某", 1200, "东张村", [
        ("lead", -60, "在外乡贤推介"), ("negotiate", -40, "投资方来镇考察，待提交方案")]),
    ("配套印染项目", "某印染企业", "纺织服装", "business", "爱丝制衣以商招商", 600, "路村", [
        ("lead", -5, "配套企业推介，待首次洽谈")]),
    ("石材加工项目", "某石材公司", "建材", "other", "", 8000, "西张村", [
        ("lead", 0.20, "企业自行来访"), ("drop", 0.40, "环评不达标，终止洽谈")]),
]
# The demo plan's targets the register counts (plans/demo_data.INDICATORS).
BINDINGS = {"新上亿元项目": "projects.yi_signed", "新上千万元以上项目": "projects.qianwan_signed"}


def load_projects(*, plan: Plan, actor: User, today: dt.date) -> int:
    """Write the register once (a second run finds it) and bind the plan's targets; returns how many
    projects were written."""
    township = plan.unit
    if InvestmentProject.objects.unscoped("is the demo register there").filter(
            scope_path__under=township.path).exists():
        return 0
    units = {u.name: u for u in Unit.objects.unscoped("demo units").filter(path__under=township.path)}
    leader = User.objects.unscoped("the demo leader").select_related("person").get(username="leader").person
    start = dt.date(today.year, 1, 1)

    def on(when: float, after: dt.date | None = None) -> dt.date:
        day = today + dt.timedelta(days=int(when)) if when < 0 else start + dt.timedelta(
            days=int((today - start).days * when))
        return max(day, after) if after else day

    for name, investor, industry, source, introducer, amount, place, steps in PROJECTS:
        (_lead, first, first_note), *moves = steps
        project = get_ledger("projects").create(
            actor=actor, name=name, investor=investor, industry=industry, source=source, introducer=introducer,
            lead_date=on(first), stage="lead", amount=amount, unit=units[place] if place else township,
            park="" if place else PARK, lead_unit=units[LEAD_UNIT], leader=leader if amount >= 10000 else None,
            note=first_note)
        for action, when, note in moves:
            day = on(when, after=project_flow.latest_date(project))
            project = project_flow.project_step(actor=actor, project=project, action=action, date=day, note=note)
    for indicator in Indicator.objects.unscoped("the demo plan's targets").filter(plan=plan, parent__isnull=True,
                                                                                 name__in=list(BINDINGS)):
        plans.indicator_bind(actor=actor, indicator=indicator, register_measure=BINDINGS[indicator.name])
    return len(PROJECTS)
