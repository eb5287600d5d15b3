"""/api/v1/assessment/: a unit's statistics (the page's numbers, each with the address of its rows),
schemes, runs (compute, review, freeze) with their rankings, and a unit's scores in a run."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from luoshi.assessment import selectors, services, statistics
from luoshi.assessment.formulas import FORMULAS
from luoshi.assessment.models import STATISTICS_POLICY, AssessmentScheme, ScoringRun
from luoshi.core.errors import NotAllowed
from luoshi.core.scope import get_scoped
from luoshi.org.models import Unit

router = Router(tags=["assessment"])


class NumberOut(Schema):
    key: str
    group: str
    label: str
    count: int | Decimal
    rows_url: str


class RateOut(Schema):
    key: str
    label: str
    value: float | None
    numerator: int | Decimal
    denominator: int | Decimal
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


class SchemeOut(Schema):
    id: int
    year: int
    assessed_kind: str
    title: str
    status: str


class RankingOut(Schema):
    unit_id: int
    unit: str
    total: Decimal
    rank: int
    previous_rank: int | None
    vetoed: bool


class RunOut(Schema):
    id: int
    scheme_id: int
    number: int
    as_of: dt.date
    status: str
    previous_id: int | None
    rankings: list[RankingOut]


class ScoreOut(Schema):
    id: int
    item_id: int
    item: str
    points: Decimal
    counts: dict
    formula: str
    rows_urls: dict[str, str]


class RunIn(Schema):
    as_of: dt.date | None = None


@router.get("/assessment/schemes", response=list[SchemeOut])
def scheme_list(request):
    """考核方案。"""
    if not AssessmentScheme.policy.allows(request.auth, "view"):
        raise NotAllowed()
    return list(selectors.schemes(actor=request.auth))


def _run_out(actor, run) -> dict:
    return {"id": run.pk, "scheme_id": run.scheme_id, "number": run.number, "as_of": run.as_of, "status": run.status,
            "previous_id": run.previous_id,
            "rankings": [{"unit_id": r.unit_id, "unit": r.unit.name, "total": r.total, "rank": r.rank,
                          "previous_rank": r.previous_rank, "vetoed": r.vetoed}
                         for r in selectors.run_rankings(actor=actor, run=run)]}


@router.post("/assessment/schemes/{scheme_id}/runs", response={201: RunOut})
def run_compute(request, scheme_id: int, payload: RunIn):
    """计算一个新批次（已发布的批次从不重算）。"""
    scheme = get_scoped(request.auth, AssessmentScheme, scheme_id, action="score")
    run = services.run_compute(actor=request.auth, scheme=scheme, as_of=payload.as_of)
    return Status(201, _run_out(request.auth, run))


@router.get("/assessment/runs/{run_id}", response=RunOut)
def run_detail(request, run_id: int):
    """一个批次的排名，含上次名次。"""
    if not ScoringRun.policy.allows(request.auth, "view"):
        raise NotAllowed()
    return _run_out(request.auth, get_scoped(request.auth, ScoringRun, run_id))


@router.post("/assessment/runs/{run_id}/{action}", response=RunOut)
def run_act(request, run_id: int, action: str):
    """审核（review）或发布（freeze）一个批次。"""
    run = get_scoped(request.auth, ScoringRun, run_id)
    return _run_out(request.auth, services.run_act(actor=request.auth, run=run, action=action))


@router.get("/assessment/runs/{run_id}/units/{unit_id}", response=list[ScoreOut])
def run_unit(request, run_id: int, unit_id: int):
    """一个单位在一个批次的各项得分、计算依据和明细地址。"""
    scores = selectors.unit_scores(actor=request.auth, run_id=run_id, unit_id=unit_id)
    if not scores:
        raise Http404
    return [{"id": s.pk, "item_id": s.item_id, "item": s.item.name, "points": s.points, "counts": s.counts,
             "formula": str(FORMULAS[s.item.formula].text) if s.item.formula in FORMULAS else s.explanation,
             "rows_urls": {key: reverse("assessment:score_rows", args=[s.pk, key]) for key in s.evidence}}
            for s in scores]
