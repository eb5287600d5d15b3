"""Urge pages: issue from a task, the list, the slip with its answer box, and the printable slip."""

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
from luoshi.plans.models import Task
from luoshi.supervision import selectors, urging
from luoshi.supervision.flow_forms import AnswerForm, UrgeForm
from luoshi.supervision.models import Urge, UrgeColour, UrgeStatus


@allowed(Urge.policy, "view")
def urge_list(request):
    params = request.GET
    urges = selectors.urge_list(actor=request.user, status=params.get("status", ""),
                                colour=params.get("colour", ""), mine=params.get("mine") == "1",
                                escalated=params.get("escalated") == "1")
    context = {"listing": paginate(request, urges, search_fields=("task__title", "number", "reason")),
               "statuses": UrgeStatus.choices, "colours": UrgeColour.choices,
               "can_add": Urge.policy.allows(request.user, "add")}
    return render_page(request, "supervision/urge_list.html", context, partial="results")


@allowed(Urge.policy, "add")
@require_http_methods(["GET", "POST"])
def urge_create(request, pk: int):
    task = get_scoped(request.user, Task, pk, action="urge")
    proposed, reason = urging.urge_propose(task)
    form = UrgeForm(request.POST or None, initial={"colour": proposed})
    if request.method == "POST" and form.is_valid():
        try:
            urge = urging.urge_issue(actor=request.user, task=task, **form.cleaned_data)
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("督办单 %(n)s 已发出。") % {"n": urge.number})
            return redirect("supervision:urge_detail", pk=urge.pk)
    context = {"task": task, "form": form, "proposed": proposed, "reason": reason,
               "urges": selectors.task_urges(actor=request.user, task=task)}
    return render_page(request, "supervision/urge_form.html", context)


@allowed(Urge.policy, "view")
def urge_detail(request, pk: int):
    urge = selectors.urge_get(actor=request.user, pk=pk)
    context = {"urge": urge, "form": AnswerForm(), "can_answer": urging.may_answer(request.user, urge),
               "can_withdraw": urge.is_open and Urge.objects.restrict(request.user, "withdraw").filter(
                   pk=urge.pk).exists(),
               "history": object_history(actor=request.user, obj=urge)}
    return render_page(request, "supervision/urge_detail.html", context)


@allowed(Urge.policy, "answer")
@require_POST
def urge_answer(request, pk: int):
    urge = selectors.urge_get(actor=request.user, pk=pk)
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError(_("请填写办理情况"))
        urging.urge_answer(actor=request.user, urge=urge, answer=form.cleaned_data["answer"])
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已答复督办单。"))
    return redirect("supervision:urge_detail", pk=urge.pk)


@allowed(Urge.policy, "withdraw")
@require_POST
def urge_withdraw(request, pk: int):
    urge = get_scoped(request.user, Urge, pk, action="withdraw")
    try:
        urging.urge_withdraw(actor=request.user, urge=urge, reason=request.POST.get("reason", "")[:200])
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("督办单已撤回。"))
    return redirect("supervision:urge_detail", pk=urge.pk)


@allowed(Urge.policy, "view")
def urge_print(request, pk: int):
    """The slip laid out like the paper 督办单, to print or save as PDF from the browser."""
    urge = selectors.urge_get(actor=request.user, pk=pk)
    return render_page(request, "supervision/urge_print.html", {"urge": urge})
