"""The people registers' own pages: a household (its fields with the reveal, members, cadres, visits,
measures), the visit form on a phone, a visit with its checks and photos, and a failed item to a
problem. Lists, forms, imports, exports and the API are the ledger engine's (`people/ledgers.py`)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from luoshi.core.decorators import allowed
from luoshi.core.errors import ServiceError, add_to_form
from luoshi.core.htmx import render_page
from luoshi.core.scope import get_scoped
from luoshi.core.selectors import object_history
from luoshi.ledgers.registry import get_ledger
from luoshi.ledgers.views import list_page, record_fields
from luoshi.people import cadres, visits
from luoshi.people.forms import VisitForm
from luoshi.people.models import Benefit, Household, Member, Visit, VisitCheck


@allowed(Household.policy, "view")
def household_list(request):
    """The 帮扶户台账: the engine's list at the address the menu names."""
    return list_page(request, get_ledger("households"))


@allowed(Household.policy, "view")
def household_detail(request, pk: int):
    actor = request.user
    household = get_scoped(actor, Household, pk)
    ledger = get_ledger("households")
    members = get_ledger("household-members")
    context = {"household": household, "ledger": ledger, "fields": record_fields(actor, ledger, household),
               "retention": ledger.retention,
               "members": [(m, record_fields(actor, members, m)) for m in
                           Member.objects.visible_to(actor).filter(household=household).order_by("id")],
               "cadres": cadres.history(actor=actor, household=household),
               "visits": visits.visits_of(actor=actor, household=household)[:20],
               "benefits": Benefit.objects.visible_to(actor).filter(household=household).order_by("-received_on"),
               "can_edit": Household.objects.editable_by(actor).filter(pk=household.pk).exists(),
               "can_visit": Household.objects.editable_by(actor, "visit").filter(pk=household.pk).exists(),
               "history": object_history(actor=actor, obj=household)}
    return render_page(request, "people/household.html", context)


@allowed(Household.policy, "visit")
@require_http_methods(["GET", "POST"])
def visit_create(request, pk: int):
    household = get_scoped(request.user, Household, pk, action="visit")
    form = VisitForm(request.POST or None, request.FILES or None, actor=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                visit = visits.visit_record(actor=request.user, household=household,
                                            visited_on=form.cleaned_data["visited_on"], note=form.cleaned_data["note"],
                                            checks=form.checks(), files=request.FILES.getlist("photos"),
                                            to_problem=form.to_problem(),
                                            report_on=form.cleaned_data["report_on"],
                                            # the field app's key: a send that timed out and is sent again
                                            idempotency_key=request.POST.get("idempotency_key", ""))
            except ServiceError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("走访已登记。"))
                return redirect("people:visit", pk=visit.pk)
        status = 400
    return render_page(request, "people/visit_form.html", {"household": household, "form": form}, status=status)


@allowed(Visit.policy, "view")
def visit_detail(request, pk: int):
    actor = request.user
    visit = get_scoped(actor, Visit, pk, related=("household", "visitor"))
    household = visit.household
    context = {"visit": visit, "household": household, "checks": visit.checks.select_related("problem"),
               "photos": visits.photos_of(actor=actor, visit=visit),
               "can_raise": Household.objects.editable_by(actor, "to_problem").filter(pk=household.pk).exists(),
               "history": object_history(actor=actor, obj=visit)}
    return render_page(request, "people/visit.html", context)


@allowed(Household.policy, "to_problem")
@require_POST
def check_problem(request, pk: int):
    visit_id = VisitCheck.objects.filter(pk=pk).values_list("visit_id", flat=True).first()
    check = get_scoped(request.user, Visit, visit_id or 0).checks.get(pk=pk)  # 404 before 403: outside the scope
    try:
        problem = visits.check_to_problem(actor=request.user, check=check)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("people:visit", pk=check.visit_id)
    messages.success(request, _("已转为问题 #%(n)d。") % {"n": problem.pk})
    return redirect("people:visit", pk=check.visit_id)
