"""Office pages for the organisation tree."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from luoshi.core.decorators import allowed
from luoshi.core.errors import ServiceError, add_to_form
from luoshi.core.htmx import render_page
from luoshi.core.selectors import object_history
from luoshi.org import selectors, services
from luoshi.org.forms import UnitForm
from luoshi.org.models import Unit, UnitKind


@allowed(Unit.policy, "view")
def unit_list(request):
    kind = request.GET.get("kind", "")
    listing = selectors.unit_list(actor=request.user, request=request, kind=kind)
    context = {"listing": listing, "kinds": UnitKind.choices, "kind": kind,
               "can_add": Unit.policy.allows(request.user, "add")}
    return render_page(request, "org/unit_list.html", context, partial="results")


@allowed(Unit.policy, "view")
def unit_detail(request, pk: int):
    unit = selectors.unit_get(actor=request.user, pk=pk)
    context = {"unit": unit, "children": selectors.unit_children(actor=request.user, unit=unit),
               "history": object_history(actor=request.user, obj=unit),
               "can_change": Unit.policy.allows(request.user, "change")}
    return render_page(request, "org/unit_detail.html", context)


@allowed(Unit.policy, "add")
@require_http_methods(["GET", "POST"])
def unit_create(request):
    form = UnitForm(request.POST or None, actor=request.user, initial={"parent": request.GET.get("parent")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = services.unit_create(actor=request.user, parent=data["parent"], name=data["name"], kind=data["kind"],
                                        code=data["code"], sort_order=data["sort_order"] or 0)
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("已新增单位“%(name)s”。") % {"name": unit.name})
            return redirect("org:unit_detail", pk=unit.pk)
    return render_page(request, "org/form.html", {"form": form, "title": _("新增单位")})


@allowed(Unit.policy, "change")
@require_http_methods(["GET", "POST"])
def unit_edit(request, pk: int):
    unit = selectors.unit_get(actor=request.user, pk=pk)
    initial = {"parent": unit.parent_id, "name": unit.name, "kind": unit.kind, "code": unit.code,
               "sort_order": unit.sort_order, "is_active": unit.is_active}
    form = UnitForm(request.POST or None, actor=request.user, initial=initial)
    form.fields["parent"].disabled = form.fields["kind"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.unit_update(actor=request.user, unit=unit, name=data["name"], code=data["code"],
                                 sort_order=data["sort_order"] or 0, is_active=data["is_active"])
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect("org:unit_detail", pk=unit.pk)
    return render_page(request, "org/form.html", {"form": form, "title": _("编辑单位：%(name)s") % {"name": unit.name}})
