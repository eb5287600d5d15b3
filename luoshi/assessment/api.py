"""/api/v1/assessment/: a unit's statistics (the page's numbers, each with the address of its rows)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Router, Schema

from luoshi.assessment import selectors, statistics
from luoshi.assessment.models import STATISTICS_POLICY
from luoshi.core.errors import NotAllowed
from luoshi.core.scope import get_scoped
from luoshi.org.models import Unit

router = Router(tags=["assessment"])


class NumberOut(Schema):
    key: str
    group: str
    label: str
    count: int
    rows_url: str


class RateOut(Schema):
    key: str
    label: str
    value: float | None
    numerator: int
    denominator: int
    formula: str


class StatisticsOut(Schema):
    unit_id: int
    unit: str
    start: str
    end: str
    plan_id: int | None
    numbers: list[NumberOut]
    rates: list[RateOut]
    overdue_days: int
    reports_per_week: float


@router.get("/assessment/units/{unit_id}/statistics", response=StatisticsOut)
def unit_statistics(request, unit_id: int, start: str = "", end: str = ""):
    """单位工作统计：与页面相同的数字，每个数字附明细地址（rows_url）。"""
    if not STATISTICS_POLICY.allows(request.auth, "view"):
        raise NotAllowed(_("您没有查看单位工作统计的权限"))
    unit = get_scoped(request.auth, Unit, unit_id)
    first, last = selectors.parse_period(start, end)
    period = statistics.period_of(actor=request.auth, start=first, end=last)
    page = statistics.unit_statistics(actor=request.auth, unit=unit, period=period)
    return {"unit_id": unit.pk, "unit": unit.name, "start": period.start.isoformat(), "end": period.end.isoformat(),
            "plan_id": period.plan.pk if period.plan else None,
            "numbers": [{**item, "group": str(group), "label": str(item["label"]), "rows_url": item["url"]}
                        for group, items in page["groups"] for item in items],
            "rates": [{**r, "label": str(r["label"]), "formula": str(r["formula"])} for r in page["rates"]],
            "overdue_days": page["overdue_days"], "reports_per_week": page["reports_per_week"]}
