"""Reads of the assessment app."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext as _

from luoshi.assessment.models import (
    AssessmentScheme,
    LineRanking,
    PanelMember,
    Ranking,
    ReviewCriterion,
    ReviewSite,
    RunStatus,
    SchemeItem,
    Score,
    ScoreAdjustment,
    ScoreSheet,
    ScoringRun,
    SheetMark,
    SiteResult,
)
from luoshi.core.errors import ServiceError
from luoshi.org.models import Unit, UnitKind
from luoshi.plans.models import WorkLine

ASSESSED_KINDS = (UnitKind.VILLAGE, UnitKind.DEPARTMENT)


def assessed_units(*, actor):
    """The villages and departments the reader sees, villages first."""
    return Unit.objects.visible_to(actor).filter(kind__in=ASSESSED_KINDS, is_active=True).order_by(
        "-kind", "path")


def parse_period(start: str | None, end: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The page's ?start=&end= (YYYY-MM-DD, either may be empty); a clear Chinese error otherwise."""
    try:
        first = dt.date.fromisoformat(start) if start else None
        last = dt.date.fromisoformat(end) if end else None
    except ValueError as exc:
        raise ServiceError(_("日期格式应为 年-月-日，例如 2026-01-01")) from exc
    if first and last and last < first:
        raise ServiceError(_("结束日期不能早于开始日期"))
    if first and last and (last - first).days > 366 * 2:
        raise ServiceError(_("统计期间最长两年"))
    return first, last


def schemes(*, actor):
    return AssessmentScheme.objects.visible_to(actor).select_related("unit")


def scheme_items(*, actor, scheme):
    return SchemeItem.objects.visible_to(actor).filter(scheme=scheme).select_related("line").order_by("position", "id")


def lines_of_year(*, actor, scheme) -> list:
    """The work lines of the plans of the scheme's year and township, for its items."""
    return [line for line in WorkLine.objects.visible_to(actor).filter(plan__year=scheme.year).select_related(
        "plan__unit").order_by("plan_id", "id") if line.plan.unit.path.startswith(scheme.unit.path)]


def scheme_runs(*, actor, scheme):
    return ScoringRun.objects.visible_to(actor).filter(scheme=scheme).order_by("-number")


def scheme_adjustments(*, actor, scheme):
    return ScoreAdjustment.objects.visible_to(actor).filter(item__scheme=scheme).select_related(
        "item", "unit", "proposed_by", "approved_by")


def run_rankings(*, actor, run):
    """The ranking of a run, with each unit's total in the run before (for the differences)."""
    rows = list(Ranking.objects.visible_to(actor).filter(run=run).select_related("unit").order_by("rank", "unit__path"))
    before = {}
    if run.previous_id:
        before = dict(Ranking.objects.visible_to(actor).filter(run_id=run.previous_id).values_list("unit_id", "total"))
    for row in rows:
        row.before_total = before.get(row.unit_id)
        row.change = None if row.before_total is None else row.total - row.before_total
    return rows


def run_line_rankings(*, actor, run) -> list[tuple[str, list]]:
    """The run's rankings per work line: [(line name, rows in rank order)], each row with its movement."""
    out: dict[str, list] = {}
    for row in LineRanking.objects.visible_to(actor).filter(run=run).select_related("unit").order_by(
            "line_name", "rank", "unit__path"):
        out.setdefault(row.line_name, []).append(row)
    return list(out.items())


def latest_frozen_run(*, actor, assessed_kind: str | None = None, year: int | None = None):
    """The newest frozen (published) run the reader sees, of schemes for `assessed_kind` and `year` if
    given; None when there is none. Its ranking: `run_rankings(actor=, run=)`."""
    runs = ScoringRun.objects.visible_to(actor).filter(status=RunStatus.FROZEN).select_related("scheme")
    if assessed_kind:
        runs = runs.filter(scheme__assessed_kind=assessed_kind)
    if year:
        runs = runs.filter(scheme__year=year)
    return runs.order_by("-as_of", "-frozen_at", "-id").first()


def unit_scores(*, actor, run_id: int, unit_id: int):
    """A unit's scores in a run, each with its item, as the reader may see them (a village its own)."""
    return list(Score.objects.visible_to(actor).filter(run_id=run_id, unit_id=unit_id).select_related(
        "item", "unit").order_by("item__position", "item_id"))


def score_changes(*, actor, run, against_id: int) -> list[dict]:
    """Per unit and item, the points of `run` beside those of another run of the same scheme, where they differ."""
    def points(run_id):
        return {(s["unit_id"], s["item_id"]): s["points"] for s in Score.objects.visible_to(actor).filter(
            run_id=run_id, run__scheme_id=run.scheme_id).values("unit_id", "item_id", "points")}

    now, then = points(run.pk), points(against_id)
    names = dict(Score.objects.visible_to(actor).filter(run=run).values_list("item_id", "item__name").distinct())
    units = dict(Score.objects.visible_to(actor).filter(run=run).values_list("unit_id", "unit__name").distinct())
    return [{"unit": units.get(unit), "item": names.get(item), "before": then.get((unit, item)), "after": value,
             "unit_id": unit}
            for (unit, item), value in sorted(now.items()) if then.get((unit, item)) != value]


def top_and_bottom(*, actor, count: int = 3) -> list[dict]:
    """For the leader's home: per scheme, its latest frozen run's top and bottom units."""
    runs = list(ScoringRun.objects.visible_to(actor).filter(status=RunStatus.FROZEN).select_related("scheme")
                .order_by("scheme_id", "-number"))
    latest = {}
    for run in runs:
        latest.setdefault(run.scheme_id, run)
    if not latest:
        return []
    rows = list(Ranking.objects.visible_to(actor).filter(run__in=list(latest.values())).select_related("unit")
                .order_by("run_id", "rank", "unit__path"))
    out = []
    for run in latest.values():
        mine = [r for r in rows if r.run_id == run.pk]
        out.append({"run": run, "top": mine[:count], "bottom": mine[-count:][::-1] if len(mine) > count else []})
    return out


def township_of(*, actor) -> Unit | None:
    """The township a scheme of the reader's is made for: the first one in their scope."""
    return Unit.objects.visible_to(actor).filter(kind=UnitKind.TOWNSHIP).order_by("path").first()


# ---- 观摩评比 -----------------------------------------------------------------------------------------

def review_page(*, actor, review, seat=None) -> dict:
    """A review's criteria, panel and sites; per site its frozen result and the sheets the reader may
    see (a judge all, a panel member their own), each with its marks — a fixed number of queries."""
    criteria = list(ReviewCriterion.objects.unscoped("the criteria of a review the reader may open").filter(
        review=review).order_by("position", "id"))
    sites = list(ReviewSite.objects.unscoped("the sites of a review the reader may open").filter(
        review=review).select_related("unit").order_by("position", "id"))
    panel = list(PanelMember.objects.unscoped("the panel of a review the reader may open").filter(
        review=review).select_related("person__unit").order_by("id"))
    sheets = list(ScoreSheet.objects.visible_to(actor).filter(site__review=review).select_related(
        "member__person").order_by("site_id", "-total", "id"))
    marks: dict[int, dict] = {}
    for m in SheetMark.objects.visible_to(actor).filter(sheet__site__review=review):
        marks.setdefault(m.sheet_id, {})[m.criterion_id] = m.score
    results = {r.site_id: r for r in SiteResult.objects.visible_to(actor).filter(site__review=review)}
    counted = dict(ScoreSheet.objects.unscoped("how many sheets each site has (a count, no content)").filter(
        site__review=review).order_by().values("site_id").annotate(n=Count("pk")).values_list("site_id", "n"))
    rows = []
    for site in sites:
        own = [s for s in sheets if s.site_id == site.pk]
        for sheet in own:
            sheet.mark_list = [marks.get(sheet.pk, {}).get(c.pk) for c in criteria]
            result = results.get(site.pk)
            sheet.dropped = bool(result and sheet.pk in result.left_out)
        mine = next((s for s in own if seat is not None and s.member_id == seat.pk), None)
        rows.append({"site": site, "sheets": own, "count": counted.get(site.pk, 0), "mine": mine,
                     "result": results.get(site.pk)})
    return {"criteria": criteria, "sites": rows, "panel": panel,
            "weights": sum((c.weight for c in criteria), Decimal(0))}


def result_sheets(*, actor, result) -> dict:
    """The sheets behind a site's frozen result, those kept and those dropped, as the result kept them."""
    criteria = list(ReviewCriterion.objects.unscoped("the criteria of a result the reader sees").filter(
        review_id=result.site.review_id).order_by("position", "id"))
    sheets = list(ScoreSheet.objects.visible_to(actor).filter(pk__in=[*result.kept, *result.left_out])
                  .select_related("member__person").order_by("-total", "id"))
    marks: dict[int, dict] = {}
    for m in SheetMark.objects.visible_to(actor).filter(sheet__in=sheets):
        marks.setdefault(m.sheet_id, {})[m.criterion_id] = m.score
    for sheet in sheets:
        sheet.mark_list = [marks.get(sheet.pk, {}).get(c.pk) for c in criteria]
        sheet.marked = list(zip(criteria, sheet.mark_list, strict=True))
        sheet.dropped = sheet.pk in result.left_out
    return {"criteria": criteria, "sheets": sheets}
