"""观摩评比: the township sets a review up (criteria with weights and score ranges, sites, a panel),
the panel scores every site on their phones (one form per member and site), and the review is frozen:
each site's result is the average of its sheets, the highest and the lowest dropped when at least
`DROP_FROM` members scored it. The frozen results feed the schemes' 观摩 item (`formulas.site_review`).

A sheet's `total` has one writer, `sheet_save` (`sheet_total` is its arithmetic); a site's result
one, `review_freeze` (`site_result`)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.assessment.formulas import points
from luoshi.assessment.models import (
    DROP_FROM,
    PanelMember,
    ReviewCriterion,
    ReviewSite,
    ReviewStatus,
    ScoreSheet,
    SheetMark,
    SiteResult,
    SiteReview,
)
from luoshi.core import audit
from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.scope import get_scoped
from luoshi.core.versioning import save_stepped
from luoshi.notify.services import notify
from luoshi.org.models import Person, Unit, UnitKind, User

HUNDRED = Decimal(100)
def result_text():
    return _("每位评委的得分 = Σ（权重 × 该项评分 ÷ 该项最高分），满分 100；每个观摩点的最终得分 = 各评委得分的平均数，"
             "评委 %(n)s 人及以上时去掉一个最高分和一个最低分后平均") % {"n": DROP_FROM}


# ---- the arithmetic ------------------------------------------------------------------------------

def sheet_total(marks: dict[int, Decimal], criteria) -> Decimal:
    """A member's score of a site out of 100: Σ weight × mark ÷ the criterion's highest mark."""
    return points(sum((c.weight * Decimal(marks[c.pk]) / c.high for c in criteria), Decimal(0)))


def site_result(totals: list[tuple[int, Decimal]]) -> tuple[Decimal, list[int], list[int]]:
    """(result, kept sheet ids, dropped sheet ids): the average of the sheets' totals, the one highest
    and the one lowest left out when there are at least DROP_FROM sheets (ties broken by sheet id)."""
    if not totals:
        raise ValueError("no sheets")
    ordered = sorted(totals, key=lambda t: (t[1], t[0]))
    dropped = []
    if len(ordered) >= DROP_FROM:
        dropped = [ordered[0][0], ordered[-1][0]]
        ordered = ordered[1:-1]
    kept = [sheet for sheet, _total in ordered]
    return points(sum(t for _sheet, t in ordered) / len(ordered)), sorted(kept), dropped


# ---- setting a review up -------------------------------------------------------------------------

def _locked(actor, review: SiteReview, action: str = "change") -> SiteReview:
    if not SiteReview.policy.allows(actor, action):
        raise NotAllowed()
    get_scoped(actor, SiteReview, review.pk, action=action)
    return SiteReview.objects.unscoped("locking a review the actor may change").select_for_update().select_related(
        "unit").get(pk=review.pk)


def _draft(actor, review) -> SiteReview:
    review = _locked(actor, review)
    if review.status != ReviewStatus.DRAFT:
        raise ServiceError(_("观摩评比已开始评分，不能再修改评分标准、观摩点和评委"))
    return review


def review_create(*, actor, unit, title: str, date, note: str = "") -> SiteReview:
    if not SiteReview.policy.allows(actor, "add"):
        raise NotAllowed()
    unit = get_scoped(actor, Unit, unit.pk)
    if unit.kind != UnitKind.TOWNSHIP:
        raise ServiceError(_("观摩评比由乡镇组织"))
    if not (title or "").strip():
        raise ServiceError(_("请填写观摩名称"), field="title")
    with transaction.atomic():
        review = SiteReview.objects.create(unit=unit, title=title.strip(), date=date, note=note or "")
        audit.record_change(actor=actor, obj=review, before=None)
    return review


def criterion_add(*, actor, review: SiteReview, name: str, weight, low=0, high=10) -> ReviewCriterion:
    weight, low, high = Decimal(weight or 0), Decimal(low or 0), Decimal(high or 0)
    if not (name or "").strip():
        raise ServiceError(_("请填写评分内容"), field="name")
    if weight <= 0:
        raise ServiceError(_("权重应大于 0"), field="weight")
    if low < 0 or high <= low:
        raise ServiceError(_("评分范围应为 0 及以上，且最高分大于最低分"), field="high")
    with transaction.atomic():
        review = _draft(actor, review)
        rows = ReviewCriterion.objects.unscoped("the criteria of a review in hand").filter(review=review)
        used = rows.aggregate(w=Sum("weight"))["w"] or Decimal(0)
        if used + weight > HUNDRED:
            raise ServiceError(_("权重之和不能超过 100（已有 %(u)s）") % {"u": used}, field="weight")
        criterion = ReviewCriterion.objects.create(review=review, position=rows.count() + 1, name=name.strip(),
                                                   weight=weight, low=low, high=high)
        audit.record_change(actor=actor, obj=criterion, before=None, parent=review)
    return criterion


def site_add(*, actor, review: SiteReview, unit, name: str = "") -> ReviewSite:
    with transaction.atomic():
        review = _draft(actor, review)
        unit = get_scoped(actor, Unit, unit.pk)
        if unit.kind not in (UnitKind.VILLAGE, UnitKind.DEPARTMENT) or not unit.is_within(review.unit):
            raise ServiceError(_("观摩点应属于本镇的村或部门"), field="unit")
        rows = ReviewSite.objects.unscoped("the sites of a review in hand").filter(review=review)
        site = ReviewSite.objects.create(review=review, position=rows.count() + 1, unit=unit,
                                         name=(name or "").strip() or unit.name)
        audit.record_change(actor=actor, obj=site, before=None, parent=review)
    return site


def member_add(*, actor, review: SiteReview, person) -> PanelMember:
    with transaction.atomic():
        review = _draft(actor, review)
        person = get_scoped(actor, Person, person.pk)
        if not User.objects.unscoped("whether a panel member can log in").filter(person=person,
                                                                                is_active=True).exists():
            raise ServiceError(_("%(p)s没有登录账号，不能在手机上评分") % {"p": person.name}, field="person")
        if PanelMember.objects.unscoped("the panel of a review in hand").filter(review=review, person=person).exists():
            raise ServiceError(_("%(p)s已是评委") % {"p": person.name}, field="person")
        member = PanelMember.objects.create(review=review, person=person)
        audit.record_change(actor=actor, obj=member, before=None, parent=review)
    return member


def review_open(*, actor, review: SiteReview) -> SiteReview:
    """筹备中 → 评分中: the standard is complete (weights sum to 100), and there are sites and a panel."""
    with transaction.atomic():
        review = _draft(actor, review)
        weights = ReviewCriterion.objects.unscoped("the criteria of a review in hand").filter(
            review=review).aggregate(w=Sum("weight"))["w"] or Decimal(0)
        if weights != HUNDRED:
            raise ServiceError(_("评分标准的权重之和应为 100（现为 %(w)s）") % {"w": points(weights)})
        if not ReviewSite.objects.unscoped("the sites of a review in hand").filter(review=review).exists():
            raise ServiceError(_("请先添加观摩点"))
        if not PanelMember.objects.unscoped("the panel of a review in hand").filter(review=review).exists():
            raise ServiceError(_("请先添加评委"))
        before = audit.snapshot(review)
        review.status = ReviewStatus.SCORING
        save_stepped(review, "status")
        audit.record_change(actor=actor, obj=review, before=before, message=_("开始评分"))
        members = list(User.objects.unscoped("the logins of a review's panel").filter(
            is_active=True, person__in=PanelMember.objects.unscoped("the panel").filter(review=review)
            .values("person_id")))
        notify(recipients=members, kind="site_review_open", obj=f"review:{review.pk}", title=_("观摩评比请评分"),
               body=_("%(t)s（%(d)s）已开始评分，请在每个观摩点用手机打分。") % {"t": review.title,
                                                              "d": review.date.isoformat()},
               link=reverse("assessment:review_detail", args=[review.pk]))
    return review


# ---- a panel member's form ----------------------------------------------------------------------

def seat_of(actor, review_id: int) -> PanelMember | None:
    """The reader's seat on a review's panel, if they have one."""
    if not getattr(actor, "person_id", None):
        return None
    return PanelMember.objects.visible_to(actor).filter(review_id=review_id, person_id=actor.person_id).first()


def criteria_of(review_id: int) -> list[ReviewCriterion]:
    return list(ReviewCriterion.objects.unscoped("the criteria of a review the reader may open").filter(
        review_id=review_id).order_by("position", "id"))


def sheet_save(*, actor, site: ReviewSite, marks: dict[int, Decimal], comment: str = "",
               version: int | None = None) -> ScoreSheet:
    """Save a panel member's form for a site: a mark within range for every criterion, and a comment.
    Saving it unchanged writes nothing; a form opened before someone else's save of it is refused."""
    with transaction.atomic():
        seat = seat_of(actor, site.review_id)
        if seat is None:
            raise OutOfScope()
        review = SiteReview.objects.unscoped("the review of the reader's seat").select_for_update().get(
            pk=site.review_id)
        if review.status != ReviewStatus.SCORING:
            raise ServiceError(_("该观摩评比当前不在评分中"))
        criteria = criteria_of(review.pk)
        clean: dict[int, Decimal] = {}
        for c in criteria:
            value = marks.get(c.pk)
            if value in (None, ""):
                raise ServiceError(_("请为“%(c)s”打分") % {"c": c.name}, field=f"c{c.pk}")
            value = Decimal(value)
            if not c.low <= value <= c.high:
                raise ServiceError(_("“%(c)s”的分数应在 %(l)s 至 %(h)s 之间") % {
                    "c": c.name, "l": points(c.low), "h": points(c.high)}, field=f"c{c.pk}")
            clean[c.pk] = points(value)
        total = sheet_total(clean, criteria)
        sheet = ScoreSheet.objects.unscoped("the reader's own sheet").filter(site=site, member=seat).first()
        comment = (comment or "").strip()
        if sheet is None:
            sheet = ScoreSheet.objects.create(site=site, member=seat, total=total, comment=comment)
            SheetMark.objects.bulk_create([SheetMark(sheet=sheet, criterion_id=k, score=v) for k, v in clean.items()])
            audit.record_change(actor=actor, obj=sheet, before=None, parent=review,
                                message=_("观摩评分：%(s)s %(t)s 分") % {"s": site.name, "t": total})
            return sheet
        old = marks_of(sheet)
        if old == clean and sheet.comment == comment:
            return sheet  # opening the form and saving it as it was changes nothing
        if version is not None and version != sheet.version:
            raise ServiceError(_("这张评分表在您打开之后已被保存过，请刷新后重新填写"))
        before = audit.snapshot(sheet) | {"marks": {str(k): str(v) for k, v in old.items()}}
        SheetMark.objects.unscoped("the reader's own marks").filter(sheet=sheet).delete()
        SheetMark.objects.bulk_create([SheetMark(sheet=sheet, criterion_id=k, score=v) for k, v in clean.items()])
        sheet.total, sheet.comment = total, comment
        save_stepped(sheet, "total", "comment", "submitted_at")
        audit.record_change(actor=actor, obj=sheet, before=before, parent=review,
                            message=_("修改观摩评分：%(s)s %(t)s 分") % {"s": site.name, "t": total})
    return sheet


def marks_of(sheet: ScoreSheet) -> dict[int, Decimal]:
    return {m.criterion_id: points(m.score) for m in SheetMark.objects.unscoped("the marks of a sheet in hand")
            .filter(sheet=sheet)}


# ---- freezing --------------------------------------------------------------------------------------

def review_freeze(*, actor, review: SiteReview) -> SiteReview:
    """评分中 → 已发布: each site's result computed from its sheets and written once; nothing changes after."""
    with transaction.atomic():
        review = _locked(actor, review, "freeze")
        if review.status != ReviewStatus.SCORING:
            raise ServiceError(_("只有评分中的观摩评比可以发布"))
        sites = list(ReviewSite.objects.unscoped("the sites of a review being frozen").filter(review=review)
                     .order_by("position", "id"))
        sheets: dict[int, list] = {}
        for sheet_id, site_id, total in ScoreSheet.objects.unscoped("the sheets of a review being frozen").filter(
                site__review=review).values_list("pk", "site_id", "total"):
            sheets.setdefault(site_id, []).append((sheet_id, total))
        empty = [s.name for s in sites if s.pk not in sheets]
        if empty:
            raise ServiceError(_("以下观摩点还没有评分：%(s)s") % {"s": "、".join(empty)})
        results = []
        for site in sites:
            value, kept, dropped = site_result(sheets[site.pk])
            results.append(SiteResult(site=site, unit_id=site.unit_id, review_date=review.date,
                                      sheets=len(sheets[site.pk]), dropped=bool(dropped), result=value, kept=kept,
                                      left_out=dropped))
        SiteResult.objects.bulk_create(results)
        before = audit.snapshot(review)
        review.status, review.frozen_by, review.frozen_at = ReviewStatus.FROZEN, actor, timezone.now()
        save_stepped(review, "status", "frozen_by", "frozen_at")
        audit.record_change(actor=actor, obj=review, before=before,
                            message=_("发布观摩结果（%(n)s 个观摩点）") % {"n": len(results)})
    return review

