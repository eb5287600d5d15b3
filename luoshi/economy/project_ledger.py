"""The 招商引资 register (项目与线索) on the ledger engine: the import's row hook and the declaration (its
workbook spec is `economy.specs`); its page, steps and light are `project_flow`'s and `project_views`'.

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
from luoshi.economy.specs import PROJECTS_SPEC
from luoshi.exchange.names import NameIndex
from luoshi.ledgers.registry import Column, Filter, Ledger, register
from luoshi.org.models import UnitKind
from luoshi.plans import light_style

S = ProjectStage
_PARKS = ("园区", "产业园", "工业园", "开发区", "集聚区")  # i18n: input


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
    create_many=projects.project_create_many, delete=projects.project_delete, spec=PROJECTS_SPEC,
    import_renames={"place": "unit"}, import_by_hook=("place",), import_row=_from_row, page="projects:detail",
    form_help=gettext_lazy("登记后，项目阶段在项目页面通过“签约”“开工”“投产”等操作推进，每步写明日期和佐证。"),
))
