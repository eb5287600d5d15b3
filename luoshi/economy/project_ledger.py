"""The 招商引资 register (项目与线索) on the ledger engine: its workbook spec, the import's row hook and
the declaration; its page, steps and light are `project_flow`'s and `project_views`'.

An import reads the sheets the township keeps: a 招商引资项目推进台账 (two-row header, 项目进展 over
签约 / 开工 / 投产 时间, a 合计 row), a 亿元项目调度表 and a 招商线索登记表 of the 招商联络处. A row's
stage is the words written (已签约, 洽谈中 …) or, without a stage column, the latest date it gives;
its 获得线索日期, when not written, is its earliest date (the township knew of it by then at the
latest), else today. Its place is a village, or a park: a place that is no unit but names a park
(…园区, …产业园) is the township's, the park kept in 所在园区.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.economy import project_flow, projects
from luoshi.economy.models import InvestmentProject, LeadSource, ProjectStage
from luoshi.exchange.names import NameIndex
from luoshi.exchange.shared_fields import NOTE
from luoshi.exchange.spec import FieldSpec, LedgerSpec
from luoshi.ledgers.registry import Column, Filter, Ledger, register
from luoshi.org.models import UnitKind
from luoshi.plans import light_style

S = ProjectStage
_STAGE_SYNONYMS = {
    S.LEAD: ["线索", "初步接触", "意向", "有意向", "信息", "初步对接", "储备"],
    S.TALKING: ["在谈", "洽谈", "洽谈中", "正在洽谈", "对接中", "在洽谈", "商谈中", "考察", "已考察"],
    S.SIGNED: ["签约", "已签约", "签订合同", "已签合同", "落地", "已落地", "已注册"],
    S.STARTED: ["开工", "已开工", "在建", "建设中", "开工建设", "正在建设", "施工中"],
    S.PRODUCING: ["投产", "已投产", "竣工投产", "试生产", "达产", "运营", "已运营"],
    S.DROPPED: ["终止", "已终止", "放弃", "已放弃", "搁置", "不再跟进"],
}
STAGE_WORDS = {str(label): value for value, label in S.choices} | {
    word: stage.value for stage, words in _STAGE_SYNONYMS.items() for word in words}
SOURCE_WORDS = {str(label): value for value, label in LeadSource.choices} | {
    "联络处": LeadSource.LIAISON_OFFICE, "招商联络处推介": LeadSource.LIAISON_OFFICE, "驻外联络处": LeadSource.LIAISON_OFFICE,
    "在外人士推介": LeadSource.NATIVE, "在外能人": LeadSource.NATIVE, "乡贤": LeadSource.NATIVE, "新乡贤": LeadSource.NATIVE,
    "以商引商": LeadSource.BUSINESS, "企业推介": LeadSource.BUSINESS, "上级": LeadSource.SUPERIOR,
    "县级推介": LeadSource.SUPERIOR, "县招商局推介": LeadSource.SUPERIOR}


def _date(name: str, label: str, synonyms: list[str]) -> FieldSpec:
    return FieldSpec(name, label, synonyms, kind="deadline")


SPEC = LedgerSpec(name="projects", label="招商引资项目台账", fields=[
    FieldSpec("name", "项目名称", ["项目名称", "项目", "招商项目", "线索名称", "项目（线索）名称"], required=True),
    FieldSpec("investor", "投资方", ["投资方", "投资主体", "投资企业", "投资商", "客商", "企业名称", "投资人"]),
    FieldSpec("industry", "所属产业", ["所属产业", "产业类别", "所属行业", "行业", "产业", "建设内容", "项目类别"]),
    FieldSpec("source", "线索来源", ["线索来源", "信息来源", "来源", "来源渠道"], kind="choice", choices=SOURCE_WORDS),
    FieldSpec("introducer", "信息提供人", ["信息提供人", "提供人", "引荐人", "推介人", "介绍人", "信息员"]),
    FieldSpec("stage", "项目阶段", ["项目阶段", "目前进展", "项目进展", "进展情况", "推进情况", "所处阶段", "项目状态",
                                 "当前阶段"], kind="choice", choices=STAGE_WORDS),
    FieldSpec("amount", "计划投资（万元）", ["计划投资", "总投资", "拟投资额", "投资额", "计划总投资", "投资规模", "协议投资"],
              kind="number"),
    FieldSpec("invested", "实际完成投资（万元）", ["实际完成投资", "已完成投资", "累计完成投资", "完成投资", "到位资金"],
              kind="number"),
    _date("lead_date", "获得线索日期", ["获得线索日期", "获取时间", "线索时间", "获取信息时间", "登记日期", "登记时间", "接触时间"]),
    _date("talks_date", "洽谈日期", ["洽谈日期", "洽谈时间", "首次洽谈"]),
    _date("signed_date", "签约日期", ["签约日期", "签约时间", "签约"]),
    _date("started_date", "开工日期", ["开工日期", "开工时间", "开工"]),
    _date("producing_date", "投产日期", ["投产日期", "投产时间", "投产"]),
    FieldSpec("place", "所在村（园区）", ["所在村（园区）", "所在村", "项目地点", "落户地点", "拟落户地点", "建设地点", "选址",
                                    "所在村居", "项目位置"], required=True),
    FieldSpec("leader", "跟进领导", ["跟进领导", "包保领导", "责任领导", "分管领导", "联系领导", "帮包领导"]),
    FieldSpec("lead_unit", "跟进部门", ["跟进部门", "责任部门", "责任单位", "牵头单位", "服务专班", "跟进单位"]),
    NOTE,
])
_PARKS = ("园区", "产业园", "工业园", "开发区", "集聚区")


def _from_row(row, data, ctx):
    """The place (a village, or a park of the township), the stage from the dates when no column
    says it, and the 获得线索日期 when the sheet has none."""
    errors = []
    place = (row.get("place") or "").strip()
    unit, park = _place(place, ctx)
    if unit is None:
        errors.append(("place", _("所在村（园区）“%(p)s”不存在或不在您的数据权限范围内") % {"p": place}))
    data["unit"], data["park"] = (unit or ""), park
    dates = {name: row.get(name) for name, _stage in project_flow.DATES}
    if not data.get("stage"):
        reached = [stage for name, stage in project_flow.DATES if dates.get(name)]
        data["stage"] = reached[-1] if reached else S.LEAD
    if not dates["lead_date"]:
        given = [day for day in dates.values() if day]
        data["lead_date"] = min(given) if given else timezone.localdate().isoformat()
    data["source"] = data.get("source") or LeadSource.OTHER
    return errors


def _place(place: str, ctx) -> tuple[int | None, str]:
    if "places" not in ctx.extra:
        ctx.extra["places"] = NameIndex(ctx.lookups["unit"].objects())
    pk, reason = ctx.extra["places"].resolve(place)
    if pk is not None:
        return pk, ""
    if place and any(word in place for word in _PARKS):
        townships = [u for u in ctx.lookups["unit"].objects() if u.kind == UnitKind.TOWNSHIP]
        if len(townships) == 1:
            return townships[0].pk, place[:100]
    return None, ""


def _yes(project) -> str:
    return _("是") if project.yi_project else _("否")


def _light_text(project) -> str:
    light, reason = project_flow.project_light(project)
    return f"{light_style.style(light).label}：{reason}" if light else reason


register(Ledger(
    name="projects", model=InvestmentProject, title=gettext_lazy("招商引资项目"), icon="briefcase", row_title="name",
    columns=[Column("name"), Column("stage"), Column("yi_project", value=_yes, sort="yi_project"), Column("amount"), Column("unit", sort="scope_path"),
             Column("lead_unit", sort="lead_path"), Column("leader"), Column("signed_date"),
             Column("light", gettext_lazy("跟进情况"), value=_light_text, sort=""),
             Column("followed_on", default=False), Column("source", default=False),
             Column("introducer", default=False), Column("investor", default=False), Column("industry", default=False),
             Column("lead_date", default=False), Column("talks_date", default=False),
             Column("started_date", default=False), Column("producing_date", default=False),
             Column("invested", default=False), Column("park", default=False), Column("note", default=False)],
    filters=[Filter("stage"), Filter("yi_project"), Filter("source"),
             Filter("unit", gettext_lazy("所在村"), path_field="scope_path"),
             Filter("lead_unit", gettext_lazy("跟进部门"), path_field="lead_path")],
    search=("name", "investor", "industry", "introducer"), sort=("-lead_date", "-id"),
    related=("unit", "lead_unit", "leader"), form=projects.ProjectForm, writes=projects.WRITES,
    create_many=projects.project_create_many, delete=projects.project_delete, spec=SPEC,
    import_renames={"place": "unit"}, import_by_hook=("place",), import_row=_from_row, page="projects:detail",
    form_help=gettext_lazy("登记后，项目阶段在项目页面通过“签约”“开工”“投产”等操作推进，每步写明日期和佐证。"),
))
