"""Pages of the commitments board (实事承诺) and the on-site review (观摩评比): thin views over
`commitments` and `reviews`."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from luoshi.assessment import commitments, reviews, selectors
from luoshi.assessment.forms import CriterionForm, MemberForm, ReviewForm, SheetForm, SiteForm
from luoshi.assessment.models import (
    Commitment,
    PanelMember,
    ReviewSite,
    ReviewStatus,
    ScoreSheet,
    SiteResult,
    SiteReview,
)
from luoshi.core.decorators import allowed
from luoshi.core.errors import ServiceError, add_to_form
from luoshi.core.htmx import render_page
from luoshi.core.scope import get_scoped
from luoshi.org.models import Person, Unit, UnitKind


def _year(request) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year


# ---- 实事承诺 ---------------------------------------------------------------------------------------

@allowed(Commitment.policy, "view")
def commitment_index(request):
    year = _year(request)
    rows = commitments.township_board(actor=request.user, year=year)
    return render_page(request, "assessment/commitment_index.html", {
        "year": year, "rows": rows, "total": sum(r["total"] for r in rows), "done": sum(r["done"] for r in rows),
        "can_add": Commitment.policy.allows(request.user, "add"), "section": "commitments",
        "may_see_schemes": SiteReview.policy.allows(request.user, "view")})


@allowed(Commitment.policy, "view")
def commitment_board(request, pk: int):
    village = get_scoped(request.user, Unit, pk)
    if village.kind != UnitKind.VILLAGE:
        raise Http404
    year = _year(request)
    board = commitments.board(actor=request.user, village=village, year=year)
    return render_page(request, "assessment/commitment_board.html", {
        "village": village, "year": year, **board, "can_add": Commitment.policy.allows(request.user, "add"),
        "section": "commitments"})


# ---- 观摩评比 ---------------------------------------------------------------------------------------

def _seats(user):
    if not getattr(user, "person_id", None):
        return []
    return list(PanelMember.objects.visible_to(user).filter(person_id=user.person_id).select_related("review")
                .order_by("-review__date"))


def review_list(request):
    """The reviews the reader may manage or read, and those they sit on the panel of."""
    if not request.user.is_authenticated:
        return redirect(f"/accounts/login/?next={request.path}")
    judges = SiteReview.policy.allows(request.user, "view")
    seats = _seats(request.user)
    if not judges and not seats:
        raise Http404
    rows = list(SiteReview.objects.visible_to(request.user).select_related("unit")) if judges else []
    return render_page(request, "assessment/review_list.html", {
        "reviews": rows, "seats": seats, "can_add": SiteReview.policy.allows(request.user, "add"),
        "section": "reviews", "may_see_schemes": judges})


@allowed(SiteReview.policy, "add")
@require_http_methods(["GET", "POST"])
def review_create(request):
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        township = selectors.township_of(actor=request.user)
        try:
            if township is None:
                raise ServiceError(_("您不属于任何乡镇，不能组织观摩评比"))
            review = reviews.review_create(actor=request.user, unit=township, **form.cleaned_data)
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("观摩评比已创建，请添加评分标准、观摩点和评委。"))
            return redirect("assessment:review_detail", pk=review.pk)
    return render_page(request, "assessment/review_form.html", {"form": form, "section": "reviews"})


def _review_for(request, pk: int):
    """The review as a judge sees it (scope), or through the reader's seat on its panel."""
    if not request.user.is_authenticated:
        raise Http404
    seat = reviews.seat_of(request.user, pk)
    if SiteReview.policy.allows(request.user, "view"):
        found = SiteReview.objects.visible_to(request.user).filter(pk=pk).select_related("unit").first()
        if found is not None:
            return found, seat
    if seat is None:
        raise Http404
    return SiteReview.objects.unscoped("the review of the reader's seat").select_related("unit").get(pk=pk), seat


@require_http_methods(["GET", "POST"])
def review_detail(request, pk: int):
    if not request.user.is_authenticated:
        return redirect(f"/accounts/login/?next={request.path}")
    review, seat = _review_for(request, pk)
    can_change = review.status == ReviewStatus.DRAFT and SiteReview.policy.allows(request.user, "change")
    forms = {"criterion": CriterionForm(), "site": SiteForm(units=_site_units(request.user, review)),
             "member": MemberForm(people=_people(request.user, review))}
    if request.method == "POST":
        step = request.POST.get("do")
        if not can_change or step not in forms:
            raise Http404
        form = forms[step] = type(forms[step])(request.POST, **_choices(step, request.user, review))
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                if step == "criterion":
                    reviews.criterion_add(actor=request.user, review=review, **data)
                elif step == "site":
                    reviews.site_add(actor=request.user, review=review,
                                     unit=Unit.objects.visible_to(request.user).get(pk=data.pop("unit")), **data)
                else:
                    reviews.member_add(actor=request.user, review=review,
                                       person=Person.objects.visible_to(request.user).get(pk=data["person"]))
            except ServiceError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("已添加。"))
                return redirect("assessment:review_detail", pk=pk)
    context = selectors.review_page(actor=request.user, review=review, seat=seat)
    return render_page(request, "assessment/review_detail.html", {
        **context, "review": review, "seat": seat, "can_change": can_change, "forms": forms,
        "can_freeze": review.status == ReviewStatus.SCORING and SiteReview.policy.allows(request.user, "freeze"),
        "formula": reviews.result_text(), "section": "reviews"})


def _site_units(user, review):
    return list(Unit.objects.visible_to(user).filter(path__under=review.unit.path, is_active=True,
                                                     kind__in=(UnitKind.VILLAGE, UnitKind.DEPARTMENT))
                .order_by("-kind", "path"))


def _people(user, review):
    return list(Person.objects.visible_to(user).filter(unit__path__under=review.unit.path, user__is_active=True)
                .select_related("unit").order_by("unit__path", "name"))


def _choices(step, user, review) -> dict:
    if step == "site":
        return {"units": _site_units(user, review)}
    if step == "member":
        return {"people": _people(user, review)}
    return {}


@allowed(SiteReview.policy, "view")
@require_POST
def review_act(request, pk: int, action: str):
    review = get_scoped(request.user, SiteReview, pk)
    step = {"open": reviews.review_open, "freeze": reviews.review_freeze}.get(action)
    if step is None:
        raise Http404
    try:
        step(actor=request.user, review=review)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已开始评分，评委可以在手机上打分。") if action == "open" else _("观摩结果已发布。"))
    return redirect("assessment:review_detail", pk=pk)


@require_http_methods(["GET", "POST"])
def site_score(request, pk: int):
    """A panel member's form for one site, on their phone: a score per criterion and a comment."""
    if not request.user.is_authenticated:
        return redirect(f"/accounts/login/?next={request.path}")
    site = ReviewSite.objects.unscoped("a site, opened only through the reader's seat").filter(pk=pk).select_related(
        "review", "unit").first()
    seat = reviews.seat_of(request.user, site.review_id) if site else None
    if seat is None:
        raise Http404
    criteria = reviews.criteria_of(site.review_id)
    sheet = ScoreSheet.objects.visible_to(request.user).filter(site=site, member=seat).first()
    initial = {"comment": sheet.comment, "version": sheet.version} | {
        f"c{k}": v for k, v in reviews.marks_of(sheet).items()} if sheet else {}
    form = SheetForm(request.POST or None, criteria=criteria, initial=initial)
    scoring = site.review.status == ReviewStatus.SCORING
    if request.method == "POST" and scoring and form.is_valid():
        data = form.cleaned_data
        try:
            reviews.sheet_save(actor=request.user, site=site, comment=data["comment"], version=data.get("version"),
                               marks={c.pk: data[f"c{c.pk}"] for c in criteria})
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("%(s)s的评分已保存。") % {"s": site.name})
            following = ReviewSite.objects.unscoped("the next site of the reader's review").filter(
                review_id=site.review_id, position__gt=site.position).order_by("position", "id").first()
            if following is not None and not ScoreSheet.objects.visible_to(request.user).filter(
                    site=following, member=seat).exists():
                return redirect("assessment:site_score", pk=following.pk)
            return redirect("assessment:review_detail", pk=site.review_id)
    return render_page(request, "assessment/site_score.html", {
        "site": site, "review": site.review, "form": form, "sheet": sheet, "scoring": scoring,
        "criteria": criteria, "section": "reviews"})


@allowed(SiteResult.policy, "view")
def site_result_rows(request, pk: int):
    """The sheets behind a site's frozen result: kept and dropped, each with its marks and comment."""
    result = get_scoped(request.user, SiteResult, pk, related=("site__review", "unit"))
    return render_page(request, "assessment/site_result.html", {
        "result": result, **selectors.result_sheets(actor=request.user, result=result), "section": "reviews"})
