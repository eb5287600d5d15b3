"""The problems ledger (问题整改台账): the whole list, form, detail, import, export and API of
problems come from this one declaration on the ledger engine.

Import never jumps a checker. A row whose status says the problem is done or awaiting
verification (已销号, 已整改, 整改到位, 待销号, 申请销号 …):
- with evidence (佐证材料) is imported as 申请销号 (closing), asked by the importer, awaiting
  核验销号 by someone else, exactly as if the importer had pressed 申请销号 with that evidence;
- without evidence is refused on its own row (sheet, row, the status column, the reason), and,
  as for any bad row, nothing of the workbook is saved.
The choice keeps the township's real ledgers importable (most closed rows carry what was done)
while no import sets 已销号, closed_by or closed_at: only `problem_flow.problem_close` does.
The rule itself lives in `services.problem_create_many` (the form and the API obey it too); this
hook only reports it per row before the commit.
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from luoshi.core.weeks import week_start
from luoshi.ledgers.registry import Column, Filter, Ledger, register
from luoshi.plans import light_style
from luoshi.supervision import services
from luoshi.supervision.forms import ProblemForm
from luoshi.supervision.models import Problem
from luoshi.supervision.problem_flow import problem_light
from luoshi.supervision.specs import PROBLEMS_SPEC


def _light_text(problem) -> str:
    """The problem's computed light by name, then its reason ("…：已超过整改时限 3 天")."""
    light, reason = problem_light(problem)
    return f"{light_style.style(light).label}：{reason}"


def _week(field):
    """Problems whose `field` (a time) falls in the week starting on the date a link gives: the dashboard's trend."""
    def apply(problems, value, context):
        start = week_start(value)
        if start is None:
            return problems.none()
        return problems.filter(**{f"{field}__date__gte": start, f"{field}__date__lt": start + dt.timedelta(days=7)})
    return apply


def _from_row(row, data, ctx):
    """A workbook row names no source or title (the import page's choice, and the first sentence); a row
    claiming 申请销号 or 已销号 without evidence is refused here, on its row."""
    data["source"] = ctx.options.get("source") or data.get("source") or "survey"
    refusal = services.entry_refusal(data.get("status") or "", str(data.get("evidence") or ""))
    return [("status", refusal)] if refusal else []


register(Ledger(
    name="problems", model=Problem, title=_("问题整改台账"), icon="clipboard-check", row_title="description",
    columns=[
        Column("category"), Column("description"), Column("measures"), Column("lead_unit", sort="scope_path"),
        Column("co_units"), Column("leader", default=False), Column("owner"),
        Column("owner__phone", _("联系电话"), personal="phone", default=False, sort=""),
        Column("deadline", value=lambda p: p.deadline_text or p.deadline, sort="deadline",
               reads=("deadline_text", "deadline")), Column("status"),
        Column("source", _("来源渠道"), default=False), Column("title", default=False),
        Column("village", default=False), Column("evidence", default=False), Column("note", default=False),
        Column("updated_at", default=False),
        Column("light", _("亮灯"), value=_light_text, sort="", default=False),
        Column("enterprise_name", default=False), Column("liaison", default=False),
    ],
    filters=[Filter("status"), Filter("source"), Filter("lead_unit", _("单位"), path_field="scope_path"),
             Filter("found_week", _("发现周"), hidden=True, apply=_week("created_at")),
             Filter("closed_week", _("销号周"), hidden=True, apply=_week("closed_at"))],
    # Newest first by creation time, which no index provides: on PostgreSQL "-id" let the planner
    # walk the primary key backwards through every other township's problems to fill a page for
    # the township whose ids are oldest (146 ms instead of 8 ms on the county data).
    search=("title", "description", "category", "measures"), sort=("-created_at", "-id"),
    related=("lead_unit", "village", "leader", "owner", "liaison"),
    form=ProblemForm, writes=services.PROBLEM_WRITES, page="supervision:problem_detail",
    spec=PROBLEMS_SPEC, import_renames={"problem": "description"}, import_row=_from_row,
))
