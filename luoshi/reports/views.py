"""Pages of the reports app: bulletins (list, draft, edit, issue, download), their schedule, the
meeting room's screen links and the screen itself (no login: the link's token is its key)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from luoshi.core import audit
from luoshi.core.decorators import allowed
from luoshi.core.errors import ServiceError, add_to_form
from luoshi.core.htmx import render_page
from luoshi.core.models import AuditAction
from luoshi.core.scope import get_scoped
from luoshi.plans import selectors as plan_selectors
from luoshi.plans.models import Plan, WorkLine
from luoshi.reports import figures, selectors, services
from luoshi.reports.editing import edit_in_place, regenerated
from luoshi.reports.forms import DraftForm, EditForm, ScheduleForm, ScreenForm
from luoshi.reports.models import Bulletin, BulletinSchedule, BulletinStatus, ScreenLink

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SCREEN_REFRESH = 300  # seconds between the screen's reloads


def _choices(actor) -> dict:
    return {"plans": selectors.plans_to_report(actor=actor), "lines": selectors.lines_to_report(actor=actor)}


def _line(actor, pk):
    return get_scoped(actor, WorkLine, pk) if pk else None


@allowed(Bulletin.policy, "view")
@require_http_methods(["GET"])
def bulletin_list(request):
    actor = request.user
    context = {"bulletins": selectors.bulletins(actor=actor)[:100],
               "can_add": Bulletin.policy.allows(actor, "add")}
    if context["can_add"]:
        context["form"] = DraftForm(**_choices(actor))
    return render_page(request, "reports/bulletin_list.html", context)


@allowed(Bulletin.policy, "add")
@require_POST
def bulletin_create(request):
    actor = request.user
    form = DraftForm(request.POST, **_choices(actor))
    if form.is_valid():
        data = form.cleaned_data
        try:
            bulletin = services.bulletin_draft(
                actor=actor, plan=get_scoped(actor, Plan, data["plan"]), line=_line(actor, data["line"]),
                kind=data["kind"], start=data["start"], end=data["end"])
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("已起草通报，请核对修改后印发。"))
            return redirect("reports:bulletin_detail", pk=bulletin.pk)
    context = {"bulletins": selectors.bulletins(actor=actor)[:100], "can_add": True, "form": form}
    return render_page(request, "reports/bulletin_list.html", context, status=400)


@allowed(Bulletin.policy, "view")
@require_http_methods(["GET", "POST"])
def bulletin_detail(request, pk: int):
    actor = request.user
    bulletin = selectors.bulletin_get(actor=actor, pk=pk)
    editable = bulletin.status == BulletinStatus.DRAFT and Bulletin.policy.allows(actor, "change")
    form = None
    if editable:
        initial = {"title": bulletin.title, "summary": bulletin.summary, "remarks": bulletin.remarks,
                   "version": bulletin.version}
        form, saved = edit_in_place(
            request, EditForm, initial=initial, to="reports:bulletin_detail", pk=bulletin.pk,
            save=lambda **fields: services.bulletin_update(actor=actor, bulletin=bulletin, **fields))
        if saved:
            return saved
    elif request.method == "POST":
        raise Http404
    context = {"bulletin": bulletin, "form": form, "f": bulletin.figures,
               "can_issue": editable and Bulletin.policy.allows(actor, "issue")}
    return render_page(request, "reports/bulletin_detail.html", context, status=400 if form and form.errors else 200)


@allowed(Bulletin.policy, "change")
@require_POST
def bulletin_refresh(request, pk: int):
    bulletin = selectors.bulletin_get(actor=request.user, pk=pk, action="change")
    return regenerated(request, lambda: services.bulletin_refresh(actor=request.user, bulletin=bulletin),
                       to="reports:bulletin_detail", pk=pk)


@allowed(Bulletin.policy, "issue")
@require_POST
def bulletin_issue(request, pk: int):
    bulletin = selectors.bulletin_get(actor=request.user, pk=pk, action="issue")
    try:
        bulletin = services.bulletin_issue(actor=request.user, bulletin=bulletin)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("通报 %(n)s 已印发。") % {"n": bulletin.number})
    return redirect("reports:bulletin_detail", pk=pk)


@allowed(Bulletin.policy, "view")
def bulletin_download(request, pk: int):
    bulletin = selectors.bulletin_get(actor=request.user, pk=pk)
    content = services.document_of(bulletin)
    audit.record(actor=request.user, action=AuditAction.EXPORT, target=audit.Target.of(bulletin, bulletin.plan),
                 message=_("下载通报"), unit_path=bulletin.township.path)
    response = HttpResponse(content, content_type=DOCX)
    draft = "" if bulletin.serial else _("（草稿）")
    name = f"{bulletin.title}{draft}.docx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@allowed(BulletinSchedule.policy, "view")
@require_http_methods(["GET", "POST"])
def schedule_list(request):
    actor = request.user
    can_add = BulletinSchedule.policy.allows(actor, "add")
    form = ScheduleForm(request.POST or None, **_choices(actor)) if can_add else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.schedule_create(actor=actor, plan=get_scoped(actor, Plan, data["plan"]),
                                         line=_line(actor, data["line"]), kind=data["kind"])
            except ServiceError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("已添加通报计划：每周一（或每月1日）自动起草，核对后印发。"))
                return redirect("reports:schedule_list")
    context = {"schedules": selectors.schedules(actor=actor), "form": form,
               "can_change": BulletinSchedule.policy.allows(actor, "change")}
    return render_page(request, "reports/schedule_list.html", context, status=400 if form and form.errors else 200)


@allowed(BulletinSchedule.policy, "change")
@require_POST
def schedule_switch(request, pk: int):
    schedule = get_scoped(request.user, BulletinSchedule, pk, action="change")
    services.schedule_switch(actor=request.user, schedule=schedule, active=request.POST.get("active") == "1")
    return redirect("reports:schedule_list")


@allowed(ScreenLink.policy, "view")
@require_http_methods(["GET", "POST"])
def screen_links(request):
    actor = request.user
    form = ScreenForm(request.POST or None)
    made = None
    if request.method == "POST":
        if not ScreenLink.policy.allows(actor, "add"):
            raise Http404
        if form.is_valid():
            try:
                link, token = services.screen_link_create(actor=actor, name=form.cleaned_data["name"])
            except ServiceError as error:
                add_to_form(form, error)
            else:
                made = request.build_absolute_uri(f"/screen/s/{token}/")
                form = ScreenForm()
    context = {"links": selectors.screen_links(actor=actor), "form": form, "made": made}
    response = render_page(request, "reports/screen_links.html", context)
    response["Cache-Control"] = "no-store"
    return response


@allowed(ScreenLink.policy, "revoke")
@require_POST
def screen_revoke(request, pk: int):
    link = get_scoped(request.user, ScreenLink, pk, action="revoke")
    services.screen_link_revoke(actor=request.user, link=link)
    messages.success(request, _("已撤销，该大屏将在下次刷新时停止显示。"))
    return redirect("reports:screen_links")


@require_http_methods(["GET"])
def screen(request, token: str):
    """The meeting room's screen: the dashboard as the link's maker sees it, dark, refreshed every
    five minutes, with no links (nothing behind it opens without a login)."""
    link = services.screen_link_open(token=token)
    if link is None:
        response = TemplateResponse(request, "reports/screen_gone.html", {}, status=404)
    else:
        actor = link.created_by
        plan = plan_selectors.current_plan(actor=actor)
        context = {"link": link, "plan": plan, "screen": True, "refresh": SCREEN_REFRESH,
                   **figures.dashboard(actor=actor, plan=plan)}
        if plan is not None:
            context["headline"] = figures.headline(plan_selectors.light_totals(actor=actor, plan=plan))
        response = TemplateResponse(request, "reports/screen.html", context)
    # the token is in the address: never sent on as a referrer, cached, or indexed
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
