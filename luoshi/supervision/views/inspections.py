"""Inspection pages (一线督导): the list, the record form (prefilled from a task or a unit), the
detail with its photos and findings, and a finding → problem in one POST."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from luoshi.core.decorators import allowed
from luoshi.core.errors import ServiceError, add_to_form
from luoshi.core.htmx import render_page
from luoshi.core.listing import paginate
from luoshi.core.scope import get_scoped
from luoshi.core.selectors import object_history
from luoshi.supervision import inspecting, selectors
from luoshi.supervision.flow_forms import InspectionForm
from luoshi.supervision.models import Finding, Inspection


@allowed(Inspection.policy, "view")
def inspection_list(request):
    listing = paginate(request, selectors.inspection_list(actor=request.user),
                       search_fields=("place", "summary", "unit__name", "task__title"))
    context = {"listing": listing, "can_add": Inspection.policy.allows(request.user, "add")}
    return render_page(request, "supervision/inspection_list.html", context, partial="results")


@allowed(Inspection.policy, "add")
@require_http_methods(["GET", "POST"])
def inspection_create(request):
    initial = {key: request.GET[key] for key in ("task", "unit") if request.GET.get(key, "").isdigit()}
    form = InspectionForm(request.POST or None, request.FILES or None, actor=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["photos"] = data.pop("photos") or []
        try:
            inspection = inspecting.inspection_create(actor=request.user, **data)
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("督查记录已保存。"))
            return redirect("supervision:inspection_detail", pk=inspection.pk)
    return render_page(request, "supervision/inspection_form.html", {"form": form})


@allowed(Inspection.policy, "view")
def inspection_detail(request, pk: int):
    actor = request.user
    inspection = selectors.inspection_get(actor=actor, pk=pk)
    context = {"inspection": inspection, "findings": selectors.inspection_findings(actor=actor, inspection=inspection),
               "inspectors": selectors.inspection_people(actor=actor, inspection=inspection),
               "photos": selectors.attachments_of(actor=actor, obj=inspection),
               "can_problem": Inspection.policy.allows(actor, "problem"),
               "history": object_history(actor=actor, obj=inspection)}
    return render_page(request, "supervision/inspection_detail.html", context)


@allowed(Inspection.policy, "problem")
@require_POST
def finding_problem(request, pk: int):
    finding = get_scoped(request.user, Finding, pk, action="problem")
    try:
        problem = inspecting.finding_to_problem(actor=request.user, finding=finding)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("supervision:inspection_detail", pk=finding.inspection_id)
    messages.success(request, _("已转为问题清单第 %(n)d 号。") % {"n": problem.pk})
    return redirect("supervision:inspection_detail", pk=finding.inspection_id)


@allowed(Inspection.policy, "problem")
@require_POST
def inspection_problems(request, pk: int):
    inspection = get_scoped(request.user, Inspection, pk, action="problem")
    try:
        problems = inspecting.inspection_findings_to_problems(actor=request.user, inspection=inspection)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已将 %(n)d 条发现转为问题。") % {"n": len(problems)})
    return redirect("supervision:inspection_detail", pk=inspection.pk)
