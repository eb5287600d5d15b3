"""Writes of the assessment app: schemes and items, entered points (maker-checker), scoring runs
and their life, the statistics workbook (audited as an export)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.assessment import formulas, run_flow, statistics
from luoshi.assessment.formulas import FORMULAS
from luoshi.assessment.models import (
    STATISTICS_POLICY,
    AdjustmentStatus,
    AssessedKind,
    AssessmentScheme,
    ItemKind,
    LineRanking,
    Ranking,
    RunStatus,
    SchemeItem,
    SchemeStatus,
    Score,
    ScoreAdjustment,
    ScoringRun,
    VetoEffect,
)
from luoshi.core import audit
from luoshi.core.errors import Conflict, NotAllowed, ServiceError
from luoshi.core.models import AuditAction
from luoshi.core.roles import RoleCode
from luoshi.core.scope import get_scoped
from luoshi.core.versioning import save_stepped
from luoshi.exchange.exporting import Sheet, write_ledger
from luoshi.notify.services import notify
from luoshi.org.models import Unit, UnitKind, User
from luoshi.plans.models import WorkLine


def _number(value):
    return float(value) if isinstance(value, Decimal) else value


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
    rows = [[str(group), str(item["label"]), _number(item["count"]), ""]
            for group, items in page["groups"] for item in items]
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


# ---- schemes and their items ------------------------------------------------------------------

def scheme_create(*, actor, unit, year: int, assessed_kind: str, title: str, note: str = "") -> AssessmentScheme:
    if not AssessmentScheme.policy.allows(actor, "add"):
        raise NotAllowed()
    unit = get_scoped(actor, Unit, unit.pk)
    if unit.kind != UnitKind.TOWNSHIP:
        raise ServiceError(_("考核方案由乡镇制定"))
    if not (title or "").strip():
        raise ServiceError(_("请填写方案名称"))
    with transaction.atomic():
        if AssessmentScheme.objects.restrict(actor, "view").filter(unit=unit, year=year,
                                                                  assessed_kind=assessed_kind).exists():
            raise ServiceError(_("%(year)s年已有考核%(kind)s的方案") % {
                "year": year, "kind": AssessedKind(assessed_kind).label})
        scheme = AssessmentScheme.objects.create(unit=unit, year=year, assessed_kind=assessed_kind,
                                                 title=title.strip(), note=note)
        audit.record_change(actor=actor, obj=scheme, before=None)
    return scheme


def item_add(*, actor, scheme: AssessmentScheme, name: str, kind: str, weight=0, formula: str = "", step=0,
             veto_effect: str = "", cap=None, line=None) -> SchemeItem:
    """An item of a draft scheme: a computed one names a declared formula; a veto item its effect. An
    item of a work line (a line of the plan of the scheme's year) counts for the ranking on that line,
    and a computed one reads that line's tasks only."""
    with transaction.atomic():
        if line is not None:
            line = get_scoped(actor, WorkLine, line.pk, related=("plan",))
            if line.plan.year != scheme.year:
                raise ServiceError(_("所选工作专线不属于%(y)s年的计划") % {"y": scheme.year}, field="line")
            if kind == ItemKind.VETO:
                raise ServiceError(_("一票否决项目不分专线"), field="line")
        scheme = _locked_scheme(actor, scheme, "change")
        if scheme.status != SchemeStatus.DRAFT:
            raise ServiceError(_("方案已发布，不能再修改考核项目"))
        if not (name or "").strip():
            raise ServiceError(_("请填写考核项目名称"))
        weight, step = Decimal(weight or 0), Decimal(step or 0)
        if weight < 0 or step < 0:
            raise ServiceError(_("分值不能为负数"))
        if kind == ItemKind.COMPUTED and formula not in FORMULAS:
            raise ServiceError(_("请选择计算公式"))
        if kind != ItemKind.COMPUTED:
            formula = ""
        if kind == ItemKind.VETO:
            if veto_effect not in VetoEffect.values:
                raise ServiceError(_("请选择一票否决的方式"))
            if veto_effect == VetoEffect.CAP and cap is None:
                raise ServiceError(_("封顶方式须填写封顶分"))
        else:
            veto_effect, cap = "", None
        position = scheme_items_of(scheme).count() + 1
        item = SchemeItem.objects.create(scheme=scheme, position=position, name=name.strip(), kind=kind,
                                         formula=formula, weight=weight, step=step, veto_effect=veto_effect,
                                         cap=None if cap is None else Decimal(cap), line=line)
        audit.record_change(actor=actor, obj=item, before=None, parent=scheme)
    return item


def scheme_activate(*, actor, scheme: AssessmentScheme) -> AssessmentScheme:
    """Publish a scheme: its items are fixed from now on, and it may be scored."""
    with transaction.atomic():
        scheme = _locked_scheme(actor, scheme, "change")
        if scheme.status != SchemeStatus.DRAFT:
            raise ServiceError(_("方案已发布"))
        if not scheme_items_of(scheme).exists():
            raise ServiceError(_("方案还没有考核项目"))
        before = audit.snapshot(scheme)
        scheme.status = SchemeStatus.ACTIVE
        save_stepped(scheme, "status")
        audit.record_change(actor=actor, obj=scheme, before=before, message=_("发布考核方案"))
    return scheme


def scheme_items_of(scheme):
    return SchemeItem.objects.unscoped("the items of a scheme in hand").filter(scheme=scheme).order_by("position", "id")


def _locked_scheme(actor, scheme, action: str) -> AssessmentScheme:
    if not AssessmentScheme.policy.allows(actor, action):
        raise NotAllowed()
    get_scoped(actor, AssessmentScheme, scheme.pk, action=action)
    rows = AssessmentScheme.objects.unscoped("locking a scheme the actor may change")
    return rows.select_for_update().select_related("unit").get(pk=scheme.pk)


# ---- 加分 / 减分 / 一票否决, entered with evidence (maker-checker) ------------------------------------

def adjustment_propose(*, actor, item: SchemeItem, unit, date: dt.date, points, reason: str,
                       evidence: str) -> ScoreAdjustment:
    if not ScoreAdjustment.policy.allows(actor, "add"):
        raise NotAllowed()
    item = get_scoped(actor, SchemeItem, item.pk, related=("scheme",))
    unit = get_scoped(actor, Unit, unit.pk)
    if item.kind == ItemKind.COMPUTED:
        raise ServiceError(_("数据自动计分的项目不能手工加减分"))
    if unit.kind != item.scheme.assessed_kind or not unit.is_within(item.scheme.unit):
        raise ServiceError(_("该单位不在本方案的考核范围内"))
    points = Decimal(points or 0)
    if item.kind != ItemKind.VETO and not (0 < points <= item.weight):
        raise ServiceError(_("分值应大于 0 且不超过该项目的分值 %(w)s") % {"w": item.weight})
    if not (reason or "").strip() or not (evidence or "").strip():
        raise ServiceError(_("请填写事由和依据材料"))
    with transaction.atomic():
        adjustment = ScoreAdjustment.objects.create(item=item, unit=unit, date=date, points=points,
                                                    reason=reason.strip(), evidence=evidence.strip(),
                                                    proposed_by=actor)
        audit.record_change(actor=actor, obj=adjustment, before=None, parent=item.scheme)
    return adjustment


def adjustment_decide(*, actor, adjustment: ScoreAdjustment, approve: bool) -> ScoreAdjustment:
    """审核: someone other than the proposer approves or rejects it."""
    if not ScoreAdjustment.policy.allows(actor, "approve"):
        raise NotAllowed()
    with transaction.atomic():
        get_scoped(actor, ScoreAdjustment, adjustment.pk, action="approve")
        adjustment = ScoreAdjustment.objects.unscoped("locking an adjustment in scope").select_for_update().get(
            pk=adjustment.pk)
        if adjustment.status != AdjustmentStatus.PROPOSED:
            raise ServiceError(_("该加减分已审核"))
        if adjustment.proposed_by_id == actor.pk:
            raise ServiceError(_("提出人不能审核自己提出的加减分"))
        before = audit.snapshot(adjustment)
        adjustment.status = AdjustmentStatus.APPROVED if approve else AdjustmentStatus.REJECTED
        adjustment.approved_by, adjustment.decided_at = actor, timezone.now()
        adjustment.save(update_fields=["status", "approved_by", "decided_at"])
        audit.record_change(actor=actor, obj=adjustment, before=before,
                            parent=SchemeItem.objects.unscoped("the item's scheme").get(pk=adjustment.item_id).scheme)
    return adjustment


# ---- scoring runs ------------------------------------------------------------------------------

def assessed_units_of(scheme: AssessmentScheme, actor):
    return Unit.objects.visible_to(actor).filter(path__under=scheme.unit.path, kind=scheme.assessed_kind,
                                                 is_active=True).order_by("path")


def run_compute(*, actor, scheme: AssessmentScheme, as_of: dt.date | None = None) -> ScoringRun:
    """Compute every unit's score per item at `as_of` (from 1 January of the scheme's year) into a
    new run, rank them, and keep what produced each score. A run is never recomputed in place."""
    with transaction.atomic():
        scheme = _locked_scheme(actor, scheme, "score")
        if scheme.status != SchemeStatus.ACTIVE:
            raise ServiceError(_("方案发布后才能计分"))
        as_of = as_of or timezone.localdate()
        start = dt.date(scheme.year, 1, 1)
        if as_of < start:
            raise ServiceError(_("计分截止日期不能早于方案年度"))
        period = statistics.period_of(actor=actor, start=start, end=as_of, today=as_of)
        items = list(scheme_items_of(scheme))
        runs = ScoringRun.objects.unscoped("the runs of a scheme in hand").filter(scheme=scheme)
        previous = runs.filter(status=RunStatus.FROZEN).order_by("-number").first()
        number = (runs.aggregate(n=Max("number"))["n"] or 0) + 1
        run = ScoringRun.objects.create(scheme=scheme, number=number, as_of=as_of, start=start, previous=previous,
                                        created_by=actor)
        adjustments = _approved_adjustments(scheme, start, as_of)
        periods = {None: period} | {i.line_id: replace(period, line_id=i.line_id) for i in items if i.line_id}
        totals, scores, by_line = {}, [], {}
        for unit in assessed_units_of(scheme, actor):
            counts = {line: statistics.counts(actor=actor, unit=unit, period=p) for line, p in periods.items()}
            total, vetoes = Decimal(0), []
            for item in items:
                score = _score(actor, unit, item, counts[item.line_id], periods[item.line_id],
                               adjustments.get((item.pk, unit.pk), []))
                scores.append(Score(run=run, unit=unit, **score))
                if item.kind == ItemKind.VETO:
                    if score["counts"]["vetoed"]:
                        vetoes.append(item)
                else:
                    total += score["points"]
                    if item.line_id:
                        line_totals = by_line.setdefault(item.line_id, (item.line, {}))[1]
                        line_totals[unit] = (line_totals.get(unit, (Decimal(0), False))[0] + score["points"], False)
            for item in vetoes:
                total = Decimal(0) if item.veto_effect == VetoEffect.ZERO else min(total, item.cap)
            totals[unit] = (formulas.points(total), bool(vetoes))
        Score.objects.bulk_create(scores)
        _rank(run, totals, previous)
        for line, line_totals in by_line.values():
            _rank(run, line_totals, previous, line=line)
        audit.record_change(actor=actor, obj=run, before=None, parent=scheme,
                            message=_("计算第 %(n)s 批次得分（截至 %(d)s，%(u)s 个单位）") % {
                                "n": number, "d": as_of.isoformat(), "u": len(totals)})
    return run


def _approved_adjustments(scheme, start, as_of) -> dict:
    rows = ScoreAdjustment.objects.unscoped("the approved points of a scheme being scored").filter(
        item__scheme=scheme, status=AdjustmentStatus.APPROVED, date__gte=start, date__lte=as_of).order_by("id")
    out: dict = {}
    for row in rows:
        out.setdefault((row.item_id, row.unit_id), []).append(row)
    return out


def _plain(value):
    """A count as it is; a sum (万元) as a string, exact in JSON."""
    return f"{value.normalize():f}" if isinstance(value, Decimal) else value


def _score(actor, unit, item, counts, period, adjustments) -> dict:
    if item.kind == ItemKind.COMPUTED:
        formula = FORMULAS[item.formula]
        used = {key: _plain(counts[key]) for key in formula.uses}
        value = formula.score(counts, item.weight, item.step)
        evidence = {key: list(statistics.rows_of(actor=actor, unit=unit, period=period, key=key)
                              .values_list("pk", flat=True)) for key in formula.uses}
        return {"item": item, "points": value, "counts": used, "evidence": evidence,
                "explanation": str(formula.text)[:500]}
    ids = [a.pk for a in adjustments]
    if item.kind == ItemKind.VETO:
        return {"item": item, "points": Decimal(0), "counts": {"vetoed": len(ids)}, "evidence": {"adjustments": ids},
                "explanation": str(item.get_veto_effect_display())}
    total = min(item.weight, sum((a.points for a in adjustments), Decimal(0)))
    value = total if item.kind == ItemKind.BONUS else -total
    return {"item": item, "points": formulas.points(value), "counts": {"adjustments": len(ids)},
            "evidence": {"adjustments": ids},
            "explanation": str(_("已审核的加减分之和，不超过该项分值 %(w)s") % {"w": item.weight})}


def _rank(run, totals: dict, previous, line=None) -> None:
    """Competition ranking (1, 1, 3) by total, then unit order; the unit's place in the previous
    frozen run beside it. With a work line: the ranking on that line (its items' points), beside
    the place on the same line (by name: a new year's plan has new lines) in the previous run."""
    before = {}
    if previous is not None and line is None:
        before = dict(Ranking.objects.unscoped("the run before").filter(run=previous).values_list("unit_id", "rank"))
    elif previous is not None:
        before = dict(LineRanking.objects.unscoped("the run before").filter(
            run=previous, line_name=line.name).values_list("unit_id", "rank"))
    ordered = sorted(totals.items(), key=lambda kv: (-kv[1][0], kv[0].path))
    rows, last_total, last_rank = [], None, 0
    for index, (unit, (total, vetoed)) in enumerate(ordered, start=1):
        rank = last_rank if total == last_total else index
        last_total, last_rank = total, rank
        if line is None:
            rows.append(Ranking(run=run, unit=unit, total=total, rank=rank, previous_rank=before.get(unit.pk),
                                vetoed=vetoed))
        else:
            rows.append(LineRanking(run=run, line=line, line_name=line.name, unit=unit, total=formulas.points(total),
                                    rank=rank, previous_rank=before.get(unit.pk)))
    if rows:
        type(rows[0]).objects.bulk_create(rows)


BOTTOM = 3  # how many units at the foot of a ranking the leader sees and are told


def run_act(*, actor, run: ScoringRun, action: str) -> ScoringRun:
    """审核 then 发布 a run: each step checks role, scope and state; 发布 freezes it and tells the
    leaders of the units at the bottom of its ranking."""
    transition = run_flow.TRANSITIONS.get(action)
    if transition is None:
        raise ServiceError(_("未知操作"))
    if not ScoringRun.policy.allows(actor, action):
        raise NotAllowed()
    with transaction.atomic():
        get_scoped(actor, ScoringRun, run.pk, action=action)
        run = ScoringRun.objects.unscoped("locking a run in scope").select_for_update().get(pk=run.pk)
        if run.status not in transition.sources:
            raise Conflict(_("该批次当前为“%(s)s”，不能%(a)s") % {"s": run.get_status_display(), "a": transition.label})
        if action == "freeze" and run.reviewed_by_id == actor.pk:
            raise ServiceError(_("审核人不能发布自己审核的批次，请由另一位领导发布"))
        before = audit.snapshot(run)
        run.status = transition.target
        if action == "review":
            run.reviewed_by = actor
        else:
            run.frozen_by, run.frozen_at = actor, timezone.now()
        run.save(update_fields=["status", "reviewed_by", "frozen_by", "frozen_at"])
        audit.record_change(actor=actor, obj=run, before=before, parent=run.scheme, message=str(transition.label))
        if action == "freeze":
            _tell_the_bottom(run)
    return run


def _leaders_of(unit_id: int) -> list:
    return list(User.objects.unscoped("the leaders of a unit at the foot of a ranking").filter(
        is_active=True, role_assignments__unit_id=unit_id,
        role_assignments__role__in=[RoleCode.VILLAGE, RoleCode.DEPARTMENT]).distinct())


def _tell_the_bottom(run: ScoringRun) -> None:
    """The leaders of the BOTTOM units overall, and of the last unit on each work line, are told."""
    bottom = list(Ranking.objects.unscoped("the run just frozen").filter(run=run).select_related("unit").order_by(
        "-rank", "-unit__path")[:BOTTOM])
    for row in bottom:
        notify(recipients=_leaders_of(row.unit_id), kind="assessment_bottom", obj=f"run:{run.pk}:{row.unit_id}",
               title=_("考核排名靠后提醒"),
               body=_("%(scheme)s第 %(n)s 批次：%(unit)s得分 %(total)s，排名第 %(rank)s，请对照各项得分查找差距。") % {
                   "scheme": run.scheme.title, "n": run.number, "unit": row.unit.name, "total": row.total,
                   "rank": row.rank},
               link=reverse("assessment:run_unit", args=[run.pk, row.unit_id]))
    lines = LineRanking.objects.unscoped("the run just frozen").filter(run=run).select_related("unit")
    last: dict[str, list] = {}
    for row in lines.order_by("line_name", "-rank", "-unit__path"):
        if row.line_name not in last:
            last[row.line_name] = [row]
        elif last[row.line_name][0].rank == row.rank:
            last[row.line_name].append(row)
    for rows in last.values():
        if len(rows) == lines.filter(line_name=rows[0].line_name).count():
            continue  # all level on the line: nobody is behind
        for row in rows:
            notify(recipients=_leaders_of(row.unit_id), kind="assessment_line_bottom",
                   obj=f"run:{run.pk}:{row.unit_id}:{row.line_name}", title=_("专线考核排名末位提醒"),
                   body=_("%(scheme)s第 %(n)s 批次：%(unit)s在“%(line)s”专线得分 %(total)s，排名末位，请对照该专线各项得分查找差距。")
                   % {"scheme": run.scheme.title, "n": run.number, "unit": row.unit.name, "line": row.line_name,
                      "total": row.total},
                   link=reverse("assessment:run_unit", args=[run.pk, row.unit_id]))
