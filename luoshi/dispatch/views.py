"""Pages of the roll call: schedules (new, edit, stop and restart), the live board the office
watches (HTMX-polled), closing a round, and its bulletin (permission-checked download)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from luoshi.core import audit
from luoshi.core.decorators import allowed
from luoshi.core.errors import Conflict, NotAllowed, OutOfScope, ServiceError, add_to_form
from luoshi.core.htmx import render_page
from luoshi.core.models import AuditAction
from luoshi.dispatch import bulletin, selectors, services
from luoshi.dispatch.forms import DispatchForm
from luoshi.dispatch.models import Dispatch, DispatchRound, RoundStatus


@allowed(Dispatch.policy, "view")
@require_GET
def dispatch_list(request):
    items = list(selectors.dispatches(actor=request.user))
    return render_page(request, "dispatch/dispatch_list.html",
                       {"items": items, "can_add": Dispatch.policy.allows(request.user, "add")})


@allowed(Dispatch.policy, "add")
@require_http_methods(["GET", "POST"])
def dispatch_create(request):
    form = DispatchForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            dispatch = services.dispatch_create(actor=request.user, **form.service_fields())
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("调度点名已创建"))
            return redirect("dispatch:detail", pk=dispatch.pk)
    status = 400 if request.method == "POST" else 200
    return render_page(request, "dispatch/dispatch_form.html", {"form": form}, status=status)


@allowed(Dispatch.policy, "change")
@require_http_methods(["GET", "POST"])
def dispatch_edit(request, pk: int):
    dispatch = selectors.dispatch_get(actor=request.user, pk=pk, action="change")
    form = DispatchForm(request.POST or None, initial=DispatchForm.initial_of(dispatch), actor=request.user,
                        dispatch=dispatch)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.dispatch_update(actor=request.user, dispatch=dispatch, version=form.cleaned_data["version"] or 0,
                                     **form.service_fields())
        except (OutOfScope, NotAllowed):
            raise
        except Conflict as error:
            form.add_error(None, error.message)
            status = 409
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("调度点名已保存，此后的点名按新的安排进行"))
            return redirect("dispatch:detail", pk=dispatch.pk)
    return render_page(request, "dispatch/dispatch_form.html", {"form": form, "dispatch": dispatch}, status=status)


@allowed(Dispatch.policy, "change")
@require_POST
def dispatch_switch(request, pk: int, active: bool):
    """停用 / 启用 (one view behind two URLs, each naming what it does)."""
    dispatch = selectors.dispatch_get(actor=request.user, pk=pk, action="change")
    if active:
        services.dispatch_reactivate(actor=request.user, dispatch=dispatch)
        messages.success(request, _("调度点名已启用，将按安排开始点名"))
    else:
        services.dispatch_deactivate(actor=request.user, dispatch=dispatch)
        messages.success(request, _("调度点名已停用，不会再开始新的点名"))
    return redirect("dispatch:detail", pk=dispatch.pk)


@allowed(Dispatch.policy, "view")
@require_GET
def dispatch_detail(request, pk: int):
    dispatch = selectors.dispatch_get(actor=request.user, pk=pk)
    rounds = selectors.rounds_of(actor=request.user, dispatch=dispatch)[:50]
    can_change = selectors.can_change(actor=request.user, dispatch=dispatch)
    # only those who can fix it are told who the next round will skip (a few queries, however many are named)
    unable = [p.name for p in selectors.unable_to_report(dispatch)] if can_change and dispatch.active else []
    return render_page(request, "dispatch/dispatch_detail.html", {
        "dispatch": dispatch, "rounds": rounds, "can_run": Dispatch.policy.allows(request.user, "run"),
        "can_change": can_change, "unable": unable,
        "people": dispatch.people.through.objects.filter(dispatch=dispatch).count(),
        "tasks": dispatch.tasks.through.objects.filter(dispatch=dispatch).count()})


@allowed(Dispatch.policy, "run")
@require_POST
def round_open(request, pk: int):
    dispatch = selectors.dispatch_get(actor=request.user, pk=pk, action="run")
    try:
        round_ = services.round_open(actor=request.user, dispatch=dispatch)
    except (OutOfScope, NotAllowed):
        raise
    except ServiceError as error:  # e.g. the schedule is stopped
        messages.error(request, error.message)
        return redirect("dispatch:detail", pk=dispatch.pk)
    return redirect("dispatch:round", pk=round_.pk)


@allowed(DispatchRound.policy, "view")
@require_GET
def round_detail(request, pk: int):
    """The live board: polled every LUOSHI_DISPATCH_POLL_SECONDS while the round is open."""
    round_ = selectors.round_get(actor=request.user, pk=pk)
    rows = selectors.board(round_)
    context = {"round": round_, "rows": rows, "reported": sum(1 for r in rows if r.reported),
               "poll": settings.LUOSHI_DISPATCH_POLL_SECONDS, "is_open": round_.status == RoundStatus.OPEN,
               "can_run": DispatchRound.policy.allows(request.user, "run"),
               "skipped": [bulletin.person_label(s.get("name", ""), s.get("unit", "")) for s in round_.skipped or []]}
    return render_page(request, "dispatch/round_detail.html", context, partial="board")


@allowed(DispatchRound.policy, "run")
@require_POST
def round_close(request, pk: int):
    round_ = selectors.round_get(actor=request.user, pk=pk, action="run")
    try:
        services.round_close(actor=request.user, round_=round_)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("点名已结束，通报已生成"))
    return redirect("dispatch:round", pk=round_.pk)


@allowed(DispatchRound.policy, "download")
@require_GET
def round_bulletin(request, pk: int):
    round_ = selectors.round_get(actor=request.user, pk=pk, action="download")
    if not round_.bulletin:
        raise Http404
    audit.record(actor=request.user, action=AuditAction.EXPORT, target=audit.Target.of(round_, round_.dispatch),
                 message=_("下载调度点名通报"), unit_path=round_.dispatch.unit.path)
    name = f"{bulletin.title_of(round_.dispatch.name)}{round_.date:%Y%m%d}.docx"
    return FileResponse(round_.bulletin.open("rb"), as_attachment=True, filename=name,
                        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@allowed(DispatchRound.policy, "run")
@require_POST
def bulletin_rewrite(request, pk: int):
    """重新生成通报: a closed round's bulletin written again as bulletins are written now, same number."""
    round_ = selectors.round_get(actor=request.user, pk=pk, action="run")
    try:
        services.bulletin_rewrite(actor=request.user, round_=round_)
    except (OutOfScope, NotAllowed):
        raise
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("通报已重新生成，文号不变"))
    return redirect("dispatch:round", pk=round_.pk)
