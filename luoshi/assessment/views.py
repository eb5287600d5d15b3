"""Assessment pages: the units, a unit's statistics, the rows behind each number, the workbook."""

import tempfile

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from luoshi.assessment import run_flow, selectors, services, statistics
from luoshi.assessment.forms import AdjustmentForm, ItemForm, RunForm, SchemeForm
from luoshi.assessment.formulas import FORMULAS
from luoshi.assessment.models import (
    STATISTICS_POLICY,
    AssessmentScheme,
    ItemKind,
    Ranking,
    Score,
    ScoreAdjustment,
    ScoringRun,
)
from luoshi.core.decorators import allowed
from luoshi.core.errors import ServiceError, add_to_form
from luoshi.core.htmx import render_page
from luoshi.core.listing import paginate
from luoshi.core.scope import get_scoped
from luoshi.org.models import Unit


def _period(request):
    """The page's period, or the default one and the reason the asked one was refused."""
    try:
        start, end = selectors.parse_period(request.GET.get("start"), request.GET.get("end"))
    except ServiceError as error:
        return statistics.period_of(actor=request.user), error.message
    return statistics.period_of(actor=request.user, start=start, end=end), ""


@allowed(STATISTICS_POLICY, "view")
def unit_index(request):
    units = list(selectors.assessed_units(actor=request.user))
    return render_page(request, "assessment/unit_index.html",
                       {"units": units, "may_see_schemes": AssessmentScheme.policy.allows(request.user, "view")})


@allowed(STATISTICS_POLICY, "view")
def unit_stats(request, pk: int):
    unit = get_scoped(request.user, Unit, pk)
    period, error = _period(request)
    page = statistics.unit_statistics(actor=request.user, unit=unit, period=period)
    return render_page(request, "assessment/unit_stats.html",
                       {"unit": unit, "period": period, "error": error, **page})


@allowed(STATISTICS_POLICY, "view")
def unit_rows(request, pk: int, key: str):
    statistic = statistics.BY_KEY.get(key)
    if statistic is None:
        raise Http404
    unit = get_scoped(request.user, Unit, pk)
    period, error = _period(request)
    rows = statistics.rows_of(actor=request.user, unit=unit, period=period, key=key)
    listing = paginate(request, rows)
    source = statistics.SOURCES[statistic.source]
    items = [source.describe(row) for row in listing.items]
    total = statistics.total_of(rows, statistic)
    return render_page(request, "assessment/unit_rows.html",
                       {"unit": unit, "period": period, "error": error, "statistic": statistic,
                        "listing": listing, "items": items, "total": total}, partial="results")


@allowed(STATISTICS_POLICY, "view")
def unit_export(request, pk: int):
    unit = get_scoped(request.user, Unit, pk)
    period, _error = _period(request)
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    services.unit_statistics_export(actor=request.user, unit=unit, period=period, path=handle.name)
    handle.seek(0)
    name = f"{unit.name}-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(handle, as_attachment=True, filename=name)


# ---- schemes, entered points, runs -------------------------------------------------------------

@allowed(AssessmentScheme.policy, "view")
def scheme_list(request):
    context = {"schemes": list(selectors.schemes(actor=request.user)),
               "can_add": AssessmentScheme.policy.allows(request.user, "add"),
               "may_see_units": STATISTICS_POLICY.allows(request.user, "view")}
    return render_page(request, "assessment/scheme_list.html", context)


@allowed(AssessmentScheme.policy, "add")
@require_http_methods(["GET", "POST"])
def scheme_create(request):
    form = SchemeForm(request.POST or None, initial={"year": timezone.localdate().year})
    township = selectors.township_of(actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            if township is None:
                raise ServiceError(_("您不属于任何乡镇，不能制定考核方案"))
            scheme = services.scheme_create(actor=request.user, unit=township, **form.cleaned_data)
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("考核方案已创建，请添加考核项目。"))
            return redirect("assessment:scheme_detail", pk=scheme.pk)
    return render_page(request, "assessment/scheme_form.html", {"form": form})


@allowed(AssessmentScheme.policy, "view")
@require_http_methods(["GET", "POST"])
def scheme_detail(request, pk: int):
    scheme = get_scoped(request.user, AssessmentScheme, pk, related=("unit",))
    items = list(selectors.scheme_items(actor=request.user, scheme=scheme))
    units = list(services.assessed_units_of(scheme, request.user))
    entered = [i for i in items if i.kind != ItemKind.COMPUTED]
    lines = selectors.lines_of_year(actor=request.user, scheme=scheme)
    item_form, adjustment_form, run_form = ItemForm(lines=lines), AdjustmentForm(items=entered, units=units), RunForm()
    if request.method == "POST":
        step = request.POST.get("do")
        try:
            if step == "item":
                item_form = ItemForm(request.POST, lines=lines)
                if item_form.is_valid():
                    services.item_add(actor=request.user, scheme=scheme, **item_form.cleaned_data)
                    messages.success(request, _("已添加考核项目。"))
                    return redirect("assessment:scheme_detail", pk=pk)
            elif step == "activate":
                services.scheme_activate(actor=request.user, scheme=scheme)
                messages.success(request, _("考核方案已发布。"))
                return redirect("assessment:scheme_detail", pk=pk)
            elif step == "adjustment":
                adjustment_form = AdjustmentForm(request.POST, items=entered, units=units)
                if adjustment_form.is_valid():
                    data = adjustment_form.cleaned_data
                    services.adjustment_propose(
                        actor=request.user, item=next(i for i in entered if str(i.pk) == data.pop("item")),
                        unit=next(u for u in units if str(u.pk) == data.pop("unit")), **data)
                    messages.success(request, _("加减分已提交，待另一人审核。"))
                    return redirect("assessment:scheme_detail", pk=pk)
            elif step == "run":
                run_form = RunForm(request.POST)
                if run_form.is_valid():
                    run = services.run_compute(actor=request.user, scheme=scheme, as_of=run_form.cleaned_data["as_of"])
                    messages.success(request, _("已计算第 %(n)s 批次得分。") % {"n": run.number})
                    return redirect("assessment:run_detail", pk=run.pk)
        except ServiceError as error:
            form = {"item": item_form, "adjustment": adjustment_form, "run": run_form}.get(step)
            if form is not None:
                add_to_form(form, error)
            else:
                messages.error(request, error.message)
    context = {"scheme": scheme, "items": [(i, FORMULAS.get(i.formula)) for i in items],
               "adjustments": list(selectors.scheme_adjustments(actor=request.user, scheme=scheme)),
               "runs": list(selectors.scheme_runs(actor=request.user, scheme=scheme)),
               "item_form": item_form, "adjustment_form": adjustment_form, "run_form": run_form,
               "can_change": scheme.status == "draft" and AssessmentScheme.policy.allows(request.user, "change"),
               "can_score": scheme.status == "active" and AssessmentScheme.policy.allows(request.user, "score"),
               "can_propose": bool(entered) and ScoreAdjustment.policy.allows(request.user, "add"),
               "can_decide": ScoreAdjustment.policy.allows(request.user, "approve")}
    return render_page(request, "assessment/scheme_detail.html", context)


@allowed(ScoreAdjustment.policy, "approve")
@require_POST
def adjustment_decide(request, pk: int, decision: str):
    if decision not in ("approve", "reject"):
        raise Http404
    adjustment = get_scoped(request.user, ScoreAdjustment, pk, action="approve", related=("item",))
    try:
        services.adjustment_decide(actor=request.user, adjustment=adjustment, approve=decision == "approve")
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已审核。"))
    return redirect("assessment:scheme_detail", pk=adjustment.item.scheme_id)


@allowed(ScoringRun.policy, "view")
def run_detail(request, pk: int):
    run = get_scoped(request.user, ScoringRun, pk, related=("scheme", "created_by", "reviewed_by", "frozen_by"))
    against = request.GET.get("against") or run.previous_id
    context = {"run": run, "rankings": selectors.run_rankings(actor=request.user, run=run),
               "line_rankings": selectors.run_line_rankings(actor=request.user, run=run),
               "changes": selectors.score_changes(actor=request.user, run=run, against_id=int(against))
               if str(against or "").isdigit() else None, "against": against,
               "others": [r for r in selectors.scheme_runs(actor=request.user, scheme=run.scheme) if r.pk != run.pk],
               "actions": [t for t in run_flow.TRANSITIONS.values()
                           if run.status in t.sources and ScoringRun.policy.allows(request.user, t.action)]}
    return render_page(request, "assessment/run_detail.html", context)


@allowed(ScoringRun.policy, "view")
@require_POST
def run_act(request, pk: int, action: str):
    run = get_scoped(request.user, ScoringRun, pk)
    try:
        run = services.run_act(actor=request.user, run=run, action=action)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("第 %(n)s 批次：%(s)s。") % {"n": run.number, "s": run.get_status_display()})
    return redirect("assessment:run_detail", pk=pk)


@allowed(Score.policy, "view")
def run_unit(request, pk: int, unit_pk: int):
    """Why 82.5? A unit's points in a run, item by item, each with its formula and the rows behind it."""
    scores = selectors.unit_scores(actor=request.user, run_id=pk, unit_id=unit_pk)
    if not scores:
        raise Http404
    run = ScoringRun.objects.unscoped("the run of scores the reader sees").select_related("scheme").get(pk=pk)
    lines = []
    for score in scores:
        formula = FORMULAS.get(score.item.formula)
        labels = {s.key: s.label for s in statistics.STATISTICS} | {"adjustments": _("已审核的加减分"),
                                                                   "vetoed": _("一票否决")}
        lines.append({"score": score, "formula": formula,
                      "counts": [(key, labels.get(key, key), n) for key, n in score.counts.items()]})
    ranking = Ranking.objects.visible_to(request.user).filter(run_id=pk, unit_id=unit_pk).first()
    return render_page(request, "assessment/run_unit.html",
                       {"run": run, "unit": scores[0].unit, "lines": lines, "ranking": ranking})


@allowed(Score.policy, "view")
def score_rows(request, pk: int, key: str):
    """The rows a score was computed from, as the run kept them (ids), whatever happened since."""
    score = get_scoped(request.user, Score, pk, related=("item", "unit", "run"))
    ids = score.evidence.get(key)
    if ids is None:
        raise Http404
    total = None
    if key == "adjustments":
        rows = ScoreAdjustment.objects.visible_to(request.user).filter(pk__in=ids).select_related("item")
        items = [(f"{a.reason}（{a.points}）", f"{a.item.name} · {a.evidence} · {a.date.isoformat()}", None)
                 for a in rows]
        label = _("已审核的加减分")
    else:
        statistic = statistics.BY_KEY[key]
        source = statistics.SOURCES[statistic.source]
        model = source.rows(request.user, score.unit, statistics.period_of(actor=request.user)).model
        rows = model.objects.visible_to(request.user).filter(pk__in=ids).select_related(*source.related)
        items = [source.describe(row) for row in rows.order_by("-pk")]
        label = statistic.label
        total = statistics.total_of(rows, statistic)
    return render_page(request, "assessment/score_rows.html",
                       {"score": score, "items": items, "label": label, "kept": len(ids), "total": total})
