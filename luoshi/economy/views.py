"""The economy registers' own pages: the hub, a year of collective income, a co-operative's
实质化运营 and an enterprise (its life, history and demands). Lists, forms, imports
and exports are the ledger engine's (`economy/ledgers*.py`)."""

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
from luoshi.economy import demands, enterprise_flow, operation_flow, selectors
from luoshi.economy.forms import DemandForm, StepForm
from luoshi.economy.models import Enterprise
from luoshi.economy.models_enterprises import EnterpriseDemand
from luoshi.economy.models_farms import CoopOperation
from luoshi.economy.models_income import CollectiveIncome, IncomeSource
from luoshi.ledgers.registry import get_ledger
from luoshi.ledgers.views import record_fields

REGISTERS = ("projects", "enterprises", "collective-income", "farms", "coop-operations", "talent-engagements", "talents",
             "training-classes", "income-thresholds")


@allowed(CollectiveIncome.policy, "view")
def index(request):
    """The registers the user may read, and the way into the year's collective income."""
    ledgers = [ledger for name in REGISTERS if (ledger := get_ledger(name)) and ledger.allows(request.user, "view")]
    year = timezone.localdate().year
    years = sorted(set(selectors.income_years(actor=request.user)) | {year}, reverse=True)
    context = {"ledgers": ledgers, "years": years, "year": year,
               "operations": selectors.operation_counts(actor=request.user, year=year)}
    return render_page(request, "economy/index.html", context)


@allowed(CollectiveIncome.policy, "view")
def income_current(request):
    return redirect("economy:income_year", year=timezone.localdate().year)


@allowed(CollectiveIncome.policy, "view")
def income_year(request, year: int):
    if not 2000 <= year <= 2100:
        raise Http404()
    threshold = _int(request.GET.get("threshold"))
    crossed = request.GET.get("crossed") == "1"
    data = selectors.income_year(actor=request.user, year=year, threshold=threshold, crossed=crossed)
    order = request.GET.get("sort", "")
    if order in ("total", "-total", "rate", "-rate"):
        key = order.lstrip("-")
        data.villages.sort(key=lambda r: (getattr(r, key) is not None, getattr(r, key) or 0),
                           reverse=order.startswith("-"))
    context = {"data": data, "year": year, "sources": IncomeSource.choices, "threshold": threshold,
               "crossed": crossed, "sort_total": "total" if order == "-total" else "-total",
               "sort_rate": "rate" if order == "-rate" else "-rate", "chosen": next(
                   (c.threshold for c in data.thresholds if c.threshold.pk == threshold), None)}
    return render_page(request, "economy/income_year.html", context)


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**62 else None


# -- 村合作社实质化运营: the record's page and its steps ----------------------------------------------
def ledger_fields(actor, name: str, obj) -> list[dict]:
    """A record's columns as its ledger shows them (labels, choice names, personal data masked, each
    revealable by a role allowed to: `ledgers/_fields.html`)."""
    return record_fields(actor, get_ledger(name), obj)


@allowed(CoopOperation.policy, "view")
def operation_detail(request, pk: int):
    actor = request.user
    operation = get_scoped(actor, CoopOperation, pk)
    context = {"operation": operation, "fields": ledger_fields(actor, "coop-operations", operation),
               "actions": operation_flow.allowed_actions(actor, operation),
               "needs_reason": operation_flow.NEEDS_REASON,
               "can_edit": CoopOperation.objects.editable_by(actor).filter(pk=operation.pk).exists(),
               "own_declaration": operation.status == "declared" and operation.declared_by_id == actor.pk,
               "history": object_history(actor=actor, obj=operation)}
    return render_page(request, "economy/operation_detail.html", context)


@allowed(CoopOperation.policy, "view")
@require_POST
def operation_act(request, pk: int, action: str):
    if action not in operation_flow.TRANSITIONS:
        raise Http404()
    operation = get_scoped(request.user, CoopOperation, pk)
    if not CoopOperation.policy.allows(request.user, action):
        deny(request)
    try:
        operation_flow.operation_step(actor=request.user, operation=operation, action=action,
                                      reason=request.POST.get("reason", ""), evidence=request.POST.get("evidence", ""))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已%(a)s。") % {"a": operation_flow.TRANSITIONS[action].label})
    return redirect("economy:operation_detail", pk=operation.pk)


# -- 企业: the record's page, its status steps and its demands ----------------------------------------
@allowed(Enterprise.policy, "view")
def enterprise_detail(request, pk: int):
    actor = request.user
    firm = get_scoped(actor, Enterprise, pk)
    context = {"firm": firm, "fields": ledger_fields(actor, "enterprises", firm),
               "actions": enterprise_flow.allowed_actions(actor, firm), "step_form": StepForm(),
               "history_rows": selectors.enterprise_history(enterprise=firm),
               "demands": list(demands.demands_of(actor=actor, enterprise=firm)),
               "demand_form": DemandForm(actor=actor) if EnterpriseDemand.policy.allows(actor, "add") else None,
               "can_edit": Enterprise.objects.editable_by(actor).filter(pk=firm.pk).exists(),
               "history": object_history(actor=actor, obj=firm)}
    return render_page(request, "economy/enterprise_detail.html", context)


@allowed(Enterprise.policy, "view")
@require_POST
def enterprise_act(request, pk: int, action: str):
    if action not in enterprise_flow.TRANSITIONS:
        raise Http404()
    firm = get_scoped(request.user, Enterprise, pk)
    if not Enterprise.policy.allows(request.user, action):
        deny(request)
    form = StepForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError("；".join(str(m) for msgs in form.errors.values() for m in msgs))
        enterprise_flow.enterprise_step(actor=request.user, enterprise=firm, action=action, **form.cleaned_data)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已登记%(a)s。") % {"a": enterprise_flow.TRANSITIONS[action].label})
    return redirect("economy:enterprise_detail", pk=firm.pk)


@allowed(EnterpriseDemand.policy, "add")
@require_POST
def demand_create(request, pk: int):
    firm = get_scoped(request.user, Enterprise, pk)
    form = DemandForm(request.POST, actor=request.user)
    if form.is_valid():
        try:
            demands.demand_raise(actor=request.user, enterprise=firm, **form.cleaned_data)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("已登记企业诉求，并列入问题清单。"))
    else:
        messages.error(request, "；".join(f"{form.fields[f].label}：{m[0]}" for f, m in form.errors.items()))
    return redirect("economy:enterprise_detail", pk=firm.pk)
