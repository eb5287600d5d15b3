"""Problem pages: the grouped overview (分门别类), the detail with its allowed actions, the
workflow's POSTs, and a report's difficulties → a problem. The list, form, import and export are
the problems ledger's."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.core.decorators import allowed, deny
from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.htmx import render_page
from luoshi.core.scope import get_scoped
from luoshi.core.selectors import object_history
from luoshi.progress.models import ProgressReport
from luoshi.supervision import difficulties, problem_flow, selectors
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
    if not Problem.policy.allows(request.user, action):
        deny(request)  # a reader (纪委, a cadre closing) is refused outright, after the 404 of out of scope
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


@allowed(Problem.policy, difficulties.ACTION)
@require_POST
def report_problem(request, pk: int):
    """转为问题: the report's difficulties become a problem, whose page opens; a report already
    converted opens its problem instead."""
    report = get_scoped(request.user, ProgressReport, pk)
    try:
        problem = difficulties.report_to_problem(actor=request.user, report=report)
    except difficulties.AlreadyConverted as done:
        if Problem.objects.visible_to(request.user).filter(pk=done.problem_id).exists():
            messages.info(request, done.message)
            return redirect("supervision:problem_detail", pk=done.problem_id)
        messages.error(request, done.message)
    except OutOfScope:
        raise
    except NotAllowed as refused:
        deny(request, refused.message)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已将困难和问题转为问题 #%(n)d，请交办。") % {"n": problem.pk})
        return redirect("supervision:problem_detail", pk=problem.pk)
    return redirect("progress:task_progress", pk=report.task_id)


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
