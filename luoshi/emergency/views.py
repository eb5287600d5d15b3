"""The emergency's own pages: the emergencies and one emergency's numbers, the reconciliation of its
returnees with a list (不漏一人), a field user's shifts and isolations to check in from a phone, a shift's
and an isolation's page, and a disinfection with its photo. Lists, forms, imports and exports are the
ledger engine's (`emergency/ledgers.py`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from luoshi.core.decorators import allowed
from luoshi.core.errors import NotAllowed, ServiceError, add_to_form
from luoshi.core.htmx import render_page
from luoshi.core.selectors import object_history
from luoshi.emergency import duty, selectors, services
from luoshi.emergency.forms import CheckForm, DisinfectionForm, ReconcileForm
from luoshi.emergency.models import Disinfection, Emergency, Isolation, Returnee, Shift
from luoshi.ledgers.registry import get_ledger
from luoshi.plans import light_style
from luoshi.plans.models import Light

REGISTERS = ("emergencies", "returnees", "isolations", "duty-places", "shifts", "disinfections")


def _back(request, default: str):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


@allowed(Emergency.policy, "view")
def index(request):
    actor = request.user
    ledgers = [ledger for name in REGISTERS if (ledger := get_ledger(name)) and ledger.allows(actor, "view")]
    context = {"emergencies": list(selectors.emergency_list(actor=actor)), "ledgers": ledgers,
               "can_check_in": Shift.policy.allows(actor, "check_in"),
               "can_disinfect": Disinfection.policy.allows(actor, "add")}
    return render_page(request, "emergency/index.html", context)


@allowed(Emergency.policy, "view")
def detail(request, pk: int):
    actor = request.user
    emergency = selectors.emergency_get(actor=actor, pk=pk)
    context = {"emergency": emergency, "numbers": selectors.emergency_numbers(actor=actor, emergency=emergency),
               "ledgers": [get_ledger(n) for n in REGISTERS[1:] if get_ledger(n).allows(actor, "view")],
               "can_edit": Emergency.objects.editable_by(actor).filter(pk=emergency.pk).exists(),
               "can_reconcile": Returnee.policy.allows(actor, "view"),
               "history": object_history(actor=actor, obj=emergency)}
    return render_page(request, "emergency/detail.html", context)


@allowed(Returnee.policy, "view")
def reconcile(request, pk: int):
    """不漏一人: a list uploaded (the county's, a check-in sheet) and matched with the returnees by ID number."""
    actor = request.user
    emergency = selectors.emergency_get(actor=actor, pk=pk)
    form = ReconcileForm(request.POST or None, request.FILES or None, actor=actor)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "list.xlsx"
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            try:
                result = services.reconcile_upload(actor=actor, emergency=emergency, path=path,
                                                   village=form.cleaned_data.get("village"))
            except ServiceError as error:
                add_to_form(form, error)
    status = 400 if request.method == "POST" and result is None else 200
    return render_page(request, "emergency/reconcile.html", {"emergency": emergency, "form": form, "result": result},
                       status=status)


# -- 值班签到 ---------------------------------------------------------------------------------------
@allowed(Shift.policy, "check_in")
def my_duty(request):
    return render_page(request, "emergency/my_duty.html", {"cards": selectors.my_shifts(actor=request.user)})


@allowed(Shift.policy, "view")
def shift(request, pk: int):
    actor = request.user
    row = selectors.shift_get(actor=actor, pk=pk)
    start, end = duty.window(row)
    context = {"shift": row, "start": start, "end": end, "tone": light_style.style(row.light).tone,
               "can_check_in": row.person_id == getattr(actor, "person_id", None) and not row.checked_in_at
               and duty.may_check_in(row, timezone.now()),
               "can_urge": Shift.policy.allows(actor, "urge") and row.light == Light.RED and not row.urge_id,
               "can_edit": Shift.objects.editable_by(actor).filter(pk=row.pk).exists(),
               "history": object_history(actor=actor, obj=row)}
    return render_page(request, "emergency/shift.html", context)


@allowed(Shift.policy, "check_in")
@require_POST
def shift_check_in(request, pk: int):
    row = selectors.shift_get(actor=request.user, pk=pk)
    try:
        # the field app's key: a check-in whose answer was lost and is sent again is the same check-in
        duty.shift_check_in(actor=request.user, shift=row, idempotency_key=request.POST.get("idempotency_key", ""))
    except (ServiceError, NotAllowed) as error:
        messages.error(request, getattr(error, "message", str(error)))
    else:
        messages.success(request, _("已签到：%(p)s") % {"p": row.place.name})
    return _back(request, "emergency:my_duty")


@allowed(Shift.policy, "urge")
@require_POST
def shift_urge(request, pk: int):
    row = selectors.shift_get(actor=request.user, pk=pk)
    try:
        duty.shift_urge(actor=request.user, shift=row, message=request.POST.get("message", "")[:2000])
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已发出督办单。"))
    return redirect("emergency:shift", pk=row.pk)


# -- 隔离打卡 ---------------------------------------------------------------------------------------
@allowed(Isolation.policy, "check_in")
def my_isolations(request):
    return render_page(request, "emergency/my_isolations.html",
                       {"cards": selectors.my_isolations(actor=request.user), "form": CheckForm()})


@allowed(Isolation.policy, "view")
def isolation(request, pk: int):
    actor = request.user
    card, checks = selectors.isolation_get(actor=actor, pk=pk)
    ledger = get_ledger("isolations")
    context = {"card": card, "isolation": card.isolation, "checks": checks, "form": CheckForm(),
               "can_check_in": Isolation.objects.restrict(actor, "check_in").filter(pk=pk).exists(),
               "can_edit": ledger.allows(actor, "change")
               and Isolation.objects.editable_by(actor).filter(pk=pk).exists(),
               "history": object_history(actor=actor, obj=card.isolation)}
    return render_page(request, "emergency/isolation.html", context)


@allowed(Isolation.policy, "check_in")
@require_POST
def isolation_check_in(request, pk: int):
    card, _checks = selectors.isolation_get(actor=request.user, pk=pk)
    form = CheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(f"{form.fields[f].label}：{m[0]}" for f, m in form.errors.items()))
        return _back(request, "emergency:my_isolations")
    try:
        services.isolation_check_in(actor=request.user, isolation=card.isolation, **form.cleaned_data)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已打卡：%(n)s") % {"n": card.isolation.name})
    return _back(request, "emergency:my_isolations")


# -- 消杀记录 ---------------------------------------------------------------------------------------
@allowed(Disinfection.policy, "add")
def disinfection_new(request):
    form = DisinfectionForm(request.POST or None, request.FILES or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.disinfection_record(actor=request.user, **form.cleaned_data)
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("已记录消杀。"))
            return redirect("ledgers:list", "disinfections")
    status = 400 if request.method == "POST" else 200
    return render_page(request, "emergency/disinfection_new.html", {"form": form}, status=status)


@allowed(Disinfection.policy, "view")
@require_GET
def disinfection_photo(request, pk: int):
    row = selectors.disinfection_get(actor=request.user, pk=pk)
    if not row.photo:
        raise Http404()
    try:
        handle = default_storage.open(row.photo, "rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("文件不存在")) from exc
    response = FileResponse(handle, content_type=row.photo_mime or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
