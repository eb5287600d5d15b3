"""The office's operation log (操作日志)."""

from django.utils.translation import gettext as _

from luoshi.core import selectors
from luoshi.core.decorators import allowed
from luoshi.core.errors import api_error, is_api
from luoshi.core.htmx import render_page
from luoshi.core.models import AuditAction, AuditEntry, JobRun, JobStatus
from luoshi.core.scope import get_scoped


@allowed(AuditEntry.policy, "view")
def audit_list(request):
    context = {"listing": selectors.audit_list(actor=request.user, request=request),
               "actions": AuditAction.choices, "object_types": selectors.object_types(actor=request.user)}
    return render_page(request, "core/audit_list.html", context, partial="results")


@allowed(AuditEntry.policy, "view")
def audit_detail(request, pk: int):
    entry = get_scoped(request.user, AuditEntry, pk)
    return render_page(request, "core/audit_detail.html", {"entry": entry})


def _error(request, status: int, message: str):
    from django.template.response import TemplateResponse

    if is_api(request):
        return api_error(status, message)
    return TemplateResponse(request, "error.html", {"status": status, "message": message}, status=status).render()


def bad_request(request, exception=None):
    return _error(request, 400, _("请求的格式不正确。"))


def permission_denied(request, exception=None):
    from luoshi.core.decorators import TooManyDenials

    if isinstance(exception, TooManyDenials):
        return _error(request, 429, _("短时间内被拒绝的访问过多，请稍后再试。"))
    return _error(request, 403, _("您没有访问此页面的权限。"))


def page_not_found(request, exception=None):
    if is_api(request):
        return api_error(404, _("接口不存在，或对象不在您的数据权限范围内"))
    return _error(request, 404, _("页面不存在，或不在您的数据权限范围内。"))


def server_error(request):
    from django.http import HttpResponseServerError
    from django.template import loader

    if is_api(request):
        return api_error(500, _("服务器内部错误，请稍后重试；如仍出错，请联系管理员。"))
    return HttpResponseServerError(loader.get_template("500.html").render())


@allowed(JobRun.policy, "monitor")
def job_list(request):
    from luoshi.core.listing import paginate

    runs = JobRun.objects.unscoped("the office reads every run: scheduled runs have no owner").select_related("actor")
    if request.GET.get("status") in JobStatus.values:
        runs = runs.filter(status=request.GET["status"])
    listing = paginate(request, runs, search_fields=("name", "key", "ledger", "source_name"))
    statuses = JobStatus.choices
    return render_page(request, "core/job_list.html", {"listing": listing, "statuses": statuses}, partial="results")
