"""Problem pages: the grouped overview (分门别类), the detail with its allowed actions, and the
workflow's POSTs. The list, form, import and export are the problems ledger's."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.core.decorators import allowed
from luoshi.core.errors import ServiceError
from luoshi.core.htmx import render_page
from luoshi.core.selectors import object_history
from luoshi.supervision import problem_flow, selectors
from luoshi.supervision.flow_forms import FLOW_FORMS
from luoshi.supervision.models import Problem


@allowed(Problem.policy, "view")
def problem_detail(request, pk: int):
    actor = request.user
    problem = selectors.problem_get(actor=actor, pk=pk)
    actions = problem_flow.allowed_actions(actor, problem)
    light, reason = problem_flow.problem_light(problem)
    context = {
        "problem": problem, "light": light, "light_reason": reason,
        "actions": [(t, FLOW_FORMS[t.action](**_form_kwargs(t.action, actor)) if t.action in FLOW_FORMS else None)
                    for t in actions],
        "can_edit": Problem.objects.editable_by(actor).filter(pk=problem.pk).exists(),
        "maker_checker": problem.status == "closing" and problem.closing_requested_by_id == actor.pk,
        "evidence_files": selectors.attachments_of(actor=actor, obj=problem),
        "history": object_history(actor=actor, obj=problem),
    }
    return render_page(request, "supervision/problem_detail.html", context)


def _form_kwargs(action: str, actor, data=None, files=None) -> dict:
    kwargs = {"data": data, "files": files, "prefix": action}
    if action == "assign":
        kwargs["actor"] = actor
    return kwargs


@allowed(Problem.policy, "view")
@require_POST
def problem_act(request, pk: int, action: str):
    """One workflow step; a refusal (state, maker-checker, missing reason) comes back as a message."""
    if action not in problem_flow.TRANSITIONS:
        raise Http404()
    problem = selectors.problem_get(actor=request.user, pk=pk)
    fields = {}
    if action in FLOW_FORMS:
        form = FLOW_FORMS[action](**_form_kwargs(action, request.user, request.POST, request.FILES))
        if not form.is_valid():
            messages.error(request, "；".join(f"{form.fields[f].label if f in form.fields else ''}：{e[0]}"
                                             for f, e in form.errors.items()))
            return redirect("supervision:problem_detail", pk=problem.pk)
        fields = {k: v for k, v in form.cleaned_data.items() if k != "files"}
        if action == "request_close":
            fields["files"] = form.cleaned_data.get("files") or []
    try:
        problem_flow.SERVICES[action](actor=request.user, problem=problem, **fields)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已%(a)s。") % {"a": problem_flow.TRANSITIONS[action].label})
    return redirect("supervision:problem_detail", pk=problem.pk)


@allowed(Problem.policy, "view")
def supervision_index(request):
    """督查 overview: my open urges, the problem list by status, category and source, overdue
    problems, recent inspections."""
    actor = request.user
    context = {"groups": selectors.problem_groups(actor=actor),
               "overdue": selectors.overdue_problems(actor=actor, today=timezone.localdate()),
               "inspections": list(selectors.inspection_list(actor=actor)[:5]),
               "urges": list(selectors.urge_list(actor=actor, status="open")[:10])}
    return render_page(request, "supervision/index.html", context)
