"""Pages of the field side: report on a task from a phone, see why a task has its light and what
makes an indicator's number, and the permission-checked file view (attachments are never served
from MEDIA_URL). The list of tasks to report on is 我的任务 (plans:my_tasks)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from luoshi.core.decorators import allowed
from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError, add_to_form
from luoshi.core.htmx import render_page
from luoshi.core.scope import get_scoped
from luoshi.plans.models import Indicator, Plan, Task
from luoshi.progress import selectors, services
from luoshi.progress.forms import CloseRequestForm, ReportForm
from luoshi.progress.models import Attachment
from luoshi.progress.uploads import max_bytes


@allowed(Task.policy, "report")
@require_http_methods(["GET", "POST"])
def report_create(request, pk: int):
    task = selectors.report_task(actor=request.user, pk=pk)
    indicators = selectors.task_indicators(task=task)
    initial = {"percent": task.progress, "idempotency_key": uuid.uuid4().hex}
    form = ReportForm(request.POST or None, request.FILES or None, indicators=indicators, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_submit(actor=request.user, task=task, text=data["text"], percent=data["percent"],
                                   difficulties=data["difficulties"], values=form.values(),
                                   files=[*data["photos"], *data["files"]], idempotency_key=data["idempotency_key"])
        except (OutOfScope, NotAllowed):
            raise
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("进展已上报"))
            return redirect("progress:task_progress", pk=task.pk)
    status = 400 if request.method == "POST" else 200
    context = {"task": task, "form": form, "max_mb": max_bytes() // 1024 // 1024}
    return render_page(request, "progress/report_form.html", context, status=status)


@allowed(Task.policy, "request_close")
@require_http_methods(["GET", "POST"])
def task_close_request(request, pk: int):
    """申请办结 from a phone: the closing note, the progress reached and the evidence, in one step."""
    task = get_scoped(request.user, Task, pk, action="request_close", related=("plan", "lead_unit"))
    indicators = selectors.task_indicators(task=task)
    initial = {"percent": 100, "idempotency_key": uuid.uuid4().hex}
    form = CloseRequestForm(request.POST or None, request.FILES or None, indicators=indicators, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.task_close_request(actor=request.user, task=task, note=data["text"], percent=data["percent"],
                                        values=form.values(), files=[*data["photos"], *data["files"]],
                                        idempotency_key=data["idempotency_key"])
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("办结申请已提交，等待验收。"))
            return redirect("plans:task_detail", pk=task.pk)
    status = 400 if request.method == "POST" else 200
    context = {"task": task, "form": form, "closing": True, "max_mb": max_bytes() // 1024 // 1024}
    return render_page(request, "progress/report_form.html", context, status=status)


@allowed(Task.policy, "view")
@require_GET
def task_progress(request, pk: int):
    """The task's light with its reasons and its reports: what a leader opens to see why."""
    task = get_scoped(request.user, Task, pk)
    can_report = task.status in services.REPORTABLE and Task.policy.allows(request.user, "report") and \
        Task.objects.editable_by(request.user, "report").filter(pk=task.pk).exists()
    context = {"task": task, "can_report": can_report}
    return render_page(request, "progress/task_progress.html", context, partial="timeline")


@allowed(Indicator.policy, "view")
@require_GET
def indicator_rows(request, pk: int):
    """The rows behind an indicator's number: the reports and the parts done that make it."""
    indicator = get_scoped(request.user, Indicator, pk, related=("unit", "plan", "parent"))
    actor = request.user
    context = selectors.indicator_rows(actor=actor, indicator=indicator) | {
        "can_view_plan": Plan.policy.allows(actor, "view"),
        "parent_visible": bool(indicator.parent_id)
        and Indicator.objects.visible_to(actor).filter(pk=indicator.parent_id).exists()}
    return render_page(request, "progress/indicator_rows.html", context)


@allowed(Attachment.policy, "view")
@require_GET
def attachment_file(request, pk: int):
    return _file_response(request, selectors.attachment_get(actor=request.user, pk=pk), thumbnail=False)


@allowed(Attachment.policy, "view")
@require_GET
def attachment_thumbnail(request, pk: int):
    return _file_response(request, selectors.attachment_get(actor=request.user, pk=pk), thumbnail=True)


def _file_response(request, attachment: Attachment, *, thumbnail: bool) -> FileResponse:
    return file_response(attachment, thumbnail=thumbnail, download="download" in request.GET)


def file_response(attachment: Attachment, *, thumbnail: bool = False, download: bool = False) -> FileResponse:
    """The stored bytes with the original name; never sniffed or run by the browser."""
    use_thumbnail = bool(thumbnail and attachment.thumbnail)
    stored = attachment.thumbnail if use_thumbnail else attachment.file
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("文件不存在")) from exc
    response = FileResponse(handle, as_attachment=download or not attachment.is_image, filename=attachment.name,
                            content_type="image/jpeg" if use_thumbnail else attachment.mime)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response
