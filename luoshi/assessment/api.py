"""/api/v1/assessment/: a unit's statistics (the page's numbers, each with the address of its rows),
schemes, runs (compute, review, freeze) with their rankings, a unit's scores in a run, and 观摩评比:
set up (criteria, sites, panel), opened, scored by the panel and frozen — the pages' services each."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from luoshi.assessment import reviews, selectors, services, statistics
from luoshi.assessment.formulas import FORMULAS
from luoshi.assessment.models import STATISTICS_POLICY, AssessmentScheme, ReviewSite, ScoringRun, SiteReview
from luoshi.core.errors import NotAllowed
from luoshi.core.scope import get_scoped
from luoshi.org.models import Person, Unit

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


class LineOut(Schema):
    line: str
    rankings: list[RankingOut]


class RunOut(Schema):
    id: int
    scheme_id: int
    number: int
    as_of: dt.date
    status: str
    previous_id: int | None
    rankings: list[RankingOut]
    lines: list[LineOut] = []


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
                         for r in selectors.run_rankings(actor=actor, run=run)],
            "lines": [{"line": name, "rankings": [
                {"unit_id": r.unit_id, "unit": r.unit.name, "total": r.total, "rank": r.rank,
                 "previous_rank": r.previous_rank, "vetoed": False} for r in rows]}
                for name, rows in selectors.run_line_rankings(actor=actor, run=run)]}


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


# ---- 观摩评比 -------------------------------------------------------------------------------------

class SiteOut(Schema):
    id: int
    unit_id: int
    name: str
    sheets: int
    result: Decimal | None
    dropped: bool | None


class MemberOut(Schema):
    id: int
    person_id: int
    person: str


class ReviewOut(Schema):
    id: int
    title: str
    date: dt.date
    status: str
    criteria: list[dict]
    sites: list[SiteOut]
    panel: list[MemberOut] = []


class SheetIn(Schema):
    marks: dict[int, Decimal]
    comment: str = ""
    version: int | None = None


class SheetOut(Schema):
    id: int
    site_id: int
    total: Decimal
    comment: str
    version: int


class ReviewIn(Schema):
    unit_id: int
    title: str
    date: dt.date
    note: str = ""


class CriterionIn(Schema):
    name: str
    weight: Decimal
    low: Decimal = Decimal(0)
    high: Decimal = Decimal(10)


class SiteIn(Schema):
    unit_id: int
    name: str = ""


class MemberIn(Schema):
    person_id: int


class ReviewBrief(Schema):
    id: int
    title: str
    date: dt.date
    status: str


def _review_out(actor, review, seat=None) -> dict:
    page = selectors.review_page(actor=actor, review=review, seat=seat)
    return {"id": review.pk, "title": review.title, "date": review.date, "status": review.status,
            "criteria": [{"id": c.pk, "name": c.name, "weight": c.weight, "low": c.low, "high": c.high}
                         for c in page["criteria"]],
            "sites": [{"id": r["site"].pk, "unit_id": r["site"].unit_id, "name": r["site"].name, "sheets": r["count"],
                       "result": r["result"].result if r["result"] else None,
                       "dropped": r["result"].dropped if r["result"] else None} for r in page["sites"]],
            "panel": [{"id": m.pk, "person_id": m.person_id, "person": m.person.name} for m in page["panel"]]}


@router.get("/assessment/reviews", response=list[ReviewBrief])
def review_list(request):
    """观摩评比（本人可见的）。"""
    if not SiteReview.policy.allows(request.auth, "view"):
        raise NotAllowed()
    return list(SiteReview.objects.visible_to(request.auth).order_by("-date", "-id"))


@router.post("/assessment/reviews", response={201: ReviewOut})
def review_create(request, payload: ReviewIn):
    """组织一次观摩评比（乡镇）；随后添加评分标准、观摩点和评委，再开始评分。"""
    unit = get_scoped(request.auth, Unit, payload.unit_id)
    review = reviews.review_create(actor=request.auth, unit=unit, title=payload.title, date=payload.date,
                                   note=payload.note)
    return Status(201, _review_out(request.auth, review))


def _review_of(actor, review_id: int) -> SiteReview:
    return get_scoped(actor, SiteReview, review_id)


@router.post("/assessment/reviews/{review_id}/criteria", response={201: ReviewOut})
def criterion_add(request, review_id: int, payload: CriterionIn):
    """添加一项评分标准（权重之和为 100 才能开始评分）。"""
    review = _review_of(request.auth, review_id)
    reviews.criterion_add(actor=request.auth, review=review, name=payload.name, weight=payload.weight,
                          low=payload.low, high=payload.high)
    return Status(201, _review_out(request.auth, review))


@router.post("/assessment/reviews/{review_id}/sites", response={201: ReviewOut})
def site_add(request, review_id: int, payload: SiteIn):
    """添加一个观摩点（本镇的村或部门）。"""
    review = _review_of(request.auth, review_id)
    unit = get_scoped(request.auth, Unit, payload.unit_id)
    reviews.site_add(actor=request.auth, review=review, unit=unit, name=payload.name)
    return Status(201, _review_out(request.auth, review))


@router.post("/assessment/reviews/{review_id}/panel", response={201: ReviewOut})
def member_add(request, review_id: int, payload: MemberIn):
    """添加一位评委（须有登录账号，在手机上评分）。"""
    review = _review_of(request.auth, review_id)
    person = get_scoped(request.auth, Person, payload.person_id)
    reviews.member_add(actor=request.auth, review=review, person=person)
    return Status(201, _review_out(request.auth, review))


@router.get("/assessment/reviews/{review_id}", response=ReviewOut)
def review_detail(request, review_id: int):
    """一次观摩评比：评分标准、观摩点、评委、已评份数和发布后的最终得分（评委可通过其评委身份查看）。"""
    seat = reviews.seat_of(request.auth, review_id)
    found = SiteReview.objects.visible_to(request.auth).filter(pk=review_id).first()
    if found is None and seat is None:
        raise Http404
    review = found or SiteReview.objects.unscoped("the review of the reader's seat").get(pk=review_id)
    return _review_out(request.auth, review, seat)


REVIEW_STEPS = {"open": reviews.review_open, "freeze": reviews.review_freeze}


@router.post("/assessment/reviews/{review_id}/{action}", response=ReviewOut)
def review_act(request, review_id: int, action: str):
    """开始评分（open）或发布观摩结果（freeze）；发布后各观摩点的得分不再改变。"""
    step = REVIEW_STEPS.get(action)
    if step is None:
        raise Http404
    review = step(actor=request.auth, review=_review_of(request.auth, review_id))
    return _review_out(request.auth, review)


@router.put("/assessment/reviews/sites/{site_id}/sheet", response=SheetOut)
def sheet_save(request, site_id: int, payload: SheetIn):
    """评委为一个观摩点评分（每项评分须在评分范围内）；未改动时不写入。"""
    site = ReviewSite.objects.unscoped("a site, saved only through the reader's seat").filter(pk=site_id).first()
    if site is None:
        raise Http404
    return reviews.sheet_save(actor=request.auth, site=site, marks=payload.marks, comment=payload.comment,
                              version=payload.version)
