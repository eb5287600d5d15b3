"""Pages of 公示: the office's list, new notice, preview (the public page itself, framed), publish and
withdraw; and the public page at /gs/<slug>/, which needs no login, no session and no CSRF token."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from luoshi.core.decorators import allowed
from luoshi.core.errors import ServiceError, add_to_form
from luoshi.core.htmx import render_page
from luoshi.core.scope import get_scoped
from luoshi.org.models import Unit, UnitKind
from luoshi.plans.models import Plan, WorkLine
from luoshi.reports import notice_content, notices
from luoshi.reports import selectors as report_selectors
from luoshi.reports.editing import edit_in_place
from luoshi.reports.models_notices import NoticeStatus, PublicNotice
from luoshi.reports.notice_forms import NoticeEditForm, NoticeForm

PUBLIC_MAX_AGE = 60  # seconds a shared cache may keep the public page: a withdrawal holds within a minute


def _choices(actor) -> dict:
    villages = Unit.objects.visible_to(actor).filter(kind=UnitKind.VILLAGE).order_by("path")
    return {"villages": list(villages), "plans": report_selectors.plans_to_report(actor=actor),
            "lines": report_selectors.lines_to_report(actor=actor)}


def _scoped(actor, model, pk):
    return get_scoped(actor, model, pk) if pk else None


def public_url(request, notice: PublicNotice) -> str:
    return request.build_absolute_uri(reverse("reports:notice_public", args=[notice.slug]))


@allowed(PublicNotice.policy, "view")
@require_http_methods(["GET", "POST"])
def notice_list(request):
    actor = request.user
    can_add = PublicNotice.policy.allows(actor, "add")
    form = NoticeForm(request.POST or None, **_choices(actor)) if can_add else None
    if request.method == "POST":
        if form is None:
            return redirect("reports:notice_list")
        if form.is_valid():
            data = form.cleaned_data
            try:
                notice = notices.notice_create(
                    actor=actor, kind=data["kind"], title=data["title"], expires_on=data["expires_on"],
                    year=data["year"], village=_scoped(actor, Unit, data["village"]),
                    plan=_scoped(actor, Plan, data["plan"]), line=_scoped(actor, WorkLine, data["line"]),
                    foreword=data["foreword"])
            except ServiceError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("已起草公示，请预览核对后发布。"))
                return redirect("reports:notice_detail", pk=notice.pk)
    rows = (PublicNotice.objects.visible_to(actor).select_related("village", "plan", "line")
            .order_by("-created_at", "-id")[:100])
    context = {"notices": [(n, notices.is_showing(n), public_url(request, n)) for n in rows], "form": form}
    return render_page(request, "reports/notice_list.html", context, status=400 if form and form.errors else 200)


@allowed(PublicNotice.policy, "view")
@require_http_methods(["GET", "POST"])
def notice_detail(request, pk: int):
    """The office's preview: the public page's own body, the address, the buttons of its life, and the
    form for the title, foreword and last day while the notice is a draft or being shown."""
    actor = request.user
    notice = get_scoped(actor, PublicNotice, pk, related=("township", "village", "plan", "line"))
    editable = notice.status in (NoticeStatus.DRAFT, NoticeStatus.PUBLISHED) and PublicNotice.policy.allows(
        actor, "change")
    form = None
    if editable:
        initial = {"title": notice.title, "foreword": notice.foreword, "expires_on": notice.expires_on,
                   "version": notice.version}
        form, saved = edit_in_place(
            request, NoticeEditForm, initial=initial, to="reports:notice_detail", pk=notice.pk,
            save=lambda **fields: notices.notice_update(actor=actor, notice=notice, **fields))
        if saved:
            return saved
    elif request.method == "POST":
        return redirect("reports:notice_detail", pk=notice.pk)
    context = {"notice": notice, "c": notice_content.content(notice), "showing": notices.is_showing(notice),
               "url": public_url(request, notice), "actions": notices.allowed_actions(notice, actor), "form": form}
    return render_page(request, "reports/notice_detail.html", context, status=400 if form and form.errors else 200)


@allowed(PublicNotice.policy, "publish")
@require_POST
def notice_publish(request, pk: int):
    notice = get_scoped(request.user, PublicNotice, pk, action="publish")
    try:
        notices.notice_publish(actor=request.user, notice=notice)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("公示已发布，任何人打开公示地址即可查看，无需登录。"))
    return redirect("reports:notice_detail", pk=pk)


@allowed(PublicNotice.policy, "withdraw")
@require_POST
def notice_withdraw(request, pk: int):
    notice = get_scoped(request.user, PublicNotice, pk, action="withdraw")
    try:
        notices.notice_withdraw(actor=request.user, notice=notice, reason=request.POST.get("reason", ""))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("公示已撤回，公示地址将显示“公示已结束”。"))
    return redirect("reports:notice_detail", pk=pk)


@require_http_methods(["GET", "HEAD"])
def notice_public(request, slug: str):
    """The public page. Rendered without the request (no session, no user, no menu, no CSRF token): the
    same bytes for everyone, which a shared cache may keep for a minute. Unknown or draft: 404; withdrawn
    or expired: 410 with 公示已结束 and never the data."""
    state, notice = notices.notice_open(slug=slug)
    if state == notices.OPEN:
        body = render_to_string("reports/notice_public.html", {"notice": notice, "c": notice_content.content(notice)})
        response = HttpResponse(body)
    else:
        body = render_to_string("reports/notice_ended.html", {"notice": notice})
        response = HttpResponse(body, status=410 if state == notices.ENDED else 404)
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
