"""A project's own page (招商引资): its stage, light, dates and evidence, the steps its reader may take,
its steps and its audit history; the steps' POSTs. Its list, form, import and export are the
projects ledger's (`project_ledger`)."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from luoshi.core.decorators import allowed, deny
from luoshi.core.errors import ServiceError
from luoshi.core.forms import StyledForm
from luoshi.core.htmx import render_page
from luoshi.core.scope import get_scoped
from luoshi.core.selectors import object_history
from luoshi.economy import project_flow
from luoshi.economy.models import InvestmentProject, ProjectStep


class StepForm(StyledForm):
    date = forms.DateField(label=gettext_lazy("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=gettext_lazy("情况及佐证材料"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2, "placeholder": gettext_lazy(
                               "如：签订投资协议，合同编号……；开工手续、现场照片存放于……")}))


def _project(actor, pk: int) -> InvestmentProject:
    return get_scoped(actor, InvestmentProject, pk, related=("unit", "lead_unit", "leader"))


@allowed(InvestmentProject.policy, "view")
def project_detail(request, pk: int):
    actor = request.user
    project = _project(actor, pk)
    light, reason = project_flow.project_light(project)
    today = timezone.localdate().isoformat()
    actions = [(t, StepForm(prefix=t.action, initial={"date": today})) for t in project_flow.allowed_actions(actor, project)]
    steps = ProjectStep.objects.visible_to(actor).filter(project=project).select_related("by").order_by("-date", "-id")
    context = {
        "project": project, "light": light, "light_reason": reason, "actions": actions,
        "steps": [(s, project_flow.ACTION_LABELS.get(s.action, s.action)) for s in steps],
        "dates": [(InvestmentProject._meta.get_field(name).verbose_name, getattr(project, name))
                  for name, _stage in project_flow.DATES],
        "can_edit": InvestmentProject.objects.editable_by(actor).filter(pk=project.pk).exists(),
        "history": object_history(actor=actor, obj=project),
    }
    return render_page(request, "economy/project_detail.html", context)


@allowed(InvestmentProject.policy, "view")
@require_POST
def project_act(request, pk: int, action: str):
    """One step of the project's life (or a follow-up); a refusal comes back as a message."""
    if action not in project_flow.TRANSITIONS and action != project_flow.FOLLOW_UP.action:
        raise Http404()
    project = _project(request.user, pk)
    if not InvestmentProject.policy.allows(request.user, action):
        deny(request)
    form = StepForm(request.POST, prefix=action)
    if not form.is_valid():
        messages.error(request, "；".join(f"{form.fields[f].label}：{e[0]}" for f, e in form.errors.items()))
        return redirect("projects:detail", pk=project.pk)
    try:
        project_flow.project_step(actor=request.user, project=project, action=action, **form.cleaned_data)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        label = project_flow.ACTION_LABELS[action]
        messages.success(request, _("已%(a)s。") % {"a": label})
    return redirect("projects:detail", pk=project.pk)
