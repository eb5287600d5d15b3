"""The party pages: 党建 (per-branch development counts, each a link to its rows; what is due; the
year's discipline counts without names; honours and their proposals from the assessment ranking), a
path's own page (its 纪实: dates, steps with files, history with refusals, the next step) and the
steps' POSTs; an honour's page with its decision's files. Lists, forms, imports and exports are the
registers' (`ledgers.py`)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.core.decorators import allowed, deny
from luoshi.core.errors import ServiceError
from luoshi.core.htmx import render_page
from luoshi.core.scope import get_scoped
from luoshi.core.selectors import object_history
from luoshi.ledgers.views import record_fields
from luoshi.org.models import Unit, UnitKind
from luoshi.party import flow, selectors, services
from luoshi.party.forms import DecisionFileForm, StepForm
from luoshi.party.ledgers import HONOURS
from luoshi.party.models import DisciplineCase, Honour, PartyPath


@allowed(PartyPath.policy, "view")
def index(request):
    actor = request.user
    today = timezone.localdate()
    township = Unit.objects.visible_to(actor).filter(kind=UnitKind.TOWNSHIP).order_by("path").first()
    year = selectors.honours_latest_year(actor=actor)
    context = {
        "counts": selectors.development_counts(actor=actor, today=today),
        "discipline": selectors.discipline_counts(township=township, year=today.year) if township else None,
        "discipline_rows": DisciplineCase.policy.allows(actor, "view"),
        "honours": list(selectors.honours(actor=actor, year=year)[:20]) if year else [],
        "proposals": selectors.honour_proposals(actor=actor) if Honour.policy.allows(actor, "add") else [],
        "year": year,
    }
    return render_page(request, "party/index.html", context)


@allowed(PartyPath.policy, "view")
def path_detail(request, pk: int):
    actor = request.user
    path = selectors.path_get(actor=actor, pk=pk)
    today = timezone.localdate().isoformat()
    actions = [(t, StepForm(prefix=t.action, initial={"date": today})) for t in flow.allowed_actions(actor, path)]
    due = flow.due_on(path)
    context = {
        "path": path, "actions": actions,
        "due": (flow.TRANSITIONS[due[0]].label, due[1]) if due else None,
        "steps": [(s, flow.ACTION_LABELS.get(s.action, s.action)) for s in selectors.path_steps(actor=actor, path=path)],
        "dates": [(PartyPath._meta.get_field(name).verbose_name, getattr(path, name))
                  for name in flow.STAGE_DATE.values()],
        "can_edit": PartyPath.objects.editable_by(actor).filter(pk=path.pk).exists(),
        "history": object_history(actor=actor, obj=path),
    }
    return render_page(request, "party/path_detail.html", context)


@allowed(PartyPath.policy, "view")
@require_POST
def path_act(request, pk: int, action: str):
    """One step of the path; a refusal (too early, wrong order) comes back as a message."""
    if action not in flow.TRANSITIONS:
        raise Http404()
    path = selectors.path_get(actor=request.user, pk=pk)
    if not PartyPath.policy.allows(request.user, "step"):
        deny(request)
    form = StepForm(request.POST, request.FILES, prefix=action)
    if not form.is_valid():
        messages.error(request, "；".join(f"{form.fields[f].label}：{e[0]}" for f, e in form.errors.items()))
        return redirect("party:path", pk=path.pk)
    try:
        flow.path_step(actor=request.user, path=path, action=action, **form.cleaned_data)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已%(a)s。") % {"a": flow.ACTION_LABELS[action]})
    return redirect("party:path", pk=path.pk)


@allowed(Honour.policy, "add")
@require_POST
def honour_propose(request):
    try:
        run_id = int(request.POST.get("run", ""))
        units = [int(v) for v in request.POST.getlist("units") if v.isdigit() and len(v) < 18]
        made = services.honour_propose(actor=request.user, run_id=run_id, unit_ids=units,
                                       title=request.POST.get("title", ""))
    except ValueError:
        messages.error(request, _("请从已发布的考核排名中选择单位"))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已提名 %(n)s 个先进集体（拟表彰）。") % {"n": len(made)})
    return redirect("party:index")


@allowed(Honour.policy, "view")
def honour_detail(request, pk: int):
    actor = request.user
    honour = get_scoped(actor, Honour, pk)
    files, awarded = selectors.decision_files(actor=actor, honour=honour)
    can_edit = Honour.objects.editable_by(actor).filter(pk=honour.pk).exists()
    context = {"honour": honour, "fields": record_fields(actor, HONOURS, honour), "files": files, "awarded": awarded,
               "can_edit": can_edit, "file_form": DecisionFileForm() if can_edit else None,
               "history": object_history(actor=actor, obj=honour)}
    return render_page(request, "party/honour_detail.html", context)


@allowed(Honour.policy, "change")
@require_POST
def honour_attach(request, pk: int):
    honour = get_scoped(request.user, Honour, pk)
    form = DecisionFileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "；".join(e[0] for e in form.errors.values()))
        return redirect("party:honour", pk=honour.pk)
    try:
        stored = services.honour_attach(actor=request.user, honour=honour, files=form.cleaned_data["files"])
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已上传表彰决定文件 %(n)s 个。") % {"n": len(stored)})
    return redirect("party:honour", pk=honour.pk)
