"""Writes of the assessment app (an export is audited as one)."""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.assessment import statistics
from luoshi.assessment.models import STATISTICS_POLICY
from luoshi.core import audit
from luoshi.core.errors import NotAllowed
from luoshi.core.models import AuditAction
from luoshi.exchange.exporting import Sheet, write_ledger


def unit_statistics_export(*, actor, unit, period: statistics.Period, path: str | Path) -> int:
    """A unit's statistics as a workbook (one row per number, its group and its formula); audited."""
    if not STATISTICS_POLICY.allows(actor, "view"):
        raise NotAllowed()
    page = statistics.unit_statistics(actor=actor, unit=unit, period=period)
    now = timezone.localtime()
    sheet = Sheet(title=_("%(unit)s工作统计（%(start)s 至 %(end)s）") % {
        "unit": unit.name, "start": period.start.isoformat(), "end": period.end.isoformat()},
        headers=[_("类别"), _("项目"), _("数值"), _("说明")], widths=[18, 24, 10, 60], numbered=True,
        footer=_("导出人：%(name)s　导出时间：%(time)s") % {
            "name": getattr(actor, "display_name", "") or str(actor), "time": f"{now:%Y-%m-%d %H:%M}"})
    rows = [[str(group), str(item["label"]), item["count"], ""] for group, items in page["groups"] for item in items]
    rows.append([str(_("按期办结")), str(_("逾期天数合计")), page["overdue_days"],
                 str(_("逾期未办结任务自时限次日起至今的天数之和"))])
    rows += [[str(_("比率")), str(r["label"]), "" if r["value"] is None else r["value"], str(r["formula"])]
             for r in page["rates"]]
    rows.append([str(_("进展上报")), str(_("周均上报")), page["reports_per_week"],
                 _("期内进展上报 ÷ 期内周数（%(n)s 周）") % {"n": page["weeks"]}])
    count = write_ledger(path, sheet, rows)
    audit.record(actor=actor, action=AuditAction.EXPORT, target=audit.Target.of(unit),
                 message=_("导出%(unit)s工作统计（%(start)s 至 %(end)s）") % {
                     "unit": unit.name, "start": period.start.isoformat(), "end": period.end.isoformat()})
    return count
