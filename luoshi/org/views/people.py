"""Office pages for people; phone and ID numbers stay masked unless revealed (audited)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from luoshi.core import audit, personal
from luoshi.core.decorators import allowed, deny
from luoshi.core.errors import ServiceError, add_to_form
from luoshi.core.htmx import render_page
from luoshi.core.masking import PERSONAL_DATA
from luoshi.core.models import AuditAction
from luoshi.core.scope import get_scoped
from luoshi.core.selectors import object_history
from luoshi.org import selectors, services
from luoshi.org.forms import PersonForm
from luoshi.org.models import Person, Unit


@allowed(Person.policy, "view")
def person_list(request):
    listing = selectors.person_list(actor=request.user, request=request, unit_id=request.GET.get("unit", ""))
    context = {"listing": listing, "can_add": Person.policy.allows(request.user, "add")}
    return render_page(request, "org/person_list.html", context, partial="results")


@allowed(Person.policy, "view")
def person_detail(request, pk: int):
    person = get_scoped(request.user, Person, pk)
    context = {"person": person, "history": object_history(actor=request.user, obj=person),
               "can_change": Person.policy.allows(request.user, "change"),
               "can_reveal": PERSONAL_DATA.allows(request.user, "reveal"),
               # An aid cadre sees their own record but not their department's page: no link into a 404.
               "unit_visible": Unit.objects.visible_to(request.user).filter(pk=person.unit_id).exists()}
    return render_page(request, "org/person_detail.html", context)


@allowed(PERSONAL_DATA, "reveal")
@require_POST
def person_reveal(request, pk: int, field: str):
    """Show one full number once, for a reason; who looked, at what, when and why goes to the audit log
    (`core.personal.reveal`, as for every register's record)."""
    if field not in ("phone", "id_card"):
        deny(request)
    person = get_scoped(request.user, Person, pk)
    label = _("手机号码") if field == "phone" else _("身份证号")
    try:
        value = personal.reveal(actor=request.user, obj=person, field=field, label=label,
                                value=getattr(person, field), reason=request.POST.get("reason", ""))
    except ServiceError as error:
        return TemplateResponse(request, "core/_reveal.html#refused", {"message": error.message}, status=400)
    return TemplateResponse(request, "core/_reveal.html#revealed", {"value": value})


def _person_form_save(request, form, person=None):
    data = form.cleaned_data
    if person is None:
        return services.person_create(actor=request.user, **data)
    return services.person_update(actor=request.user, person=person, **data)


@allowed(Person.policy, "add")
@require_http_methods(["GET", "POST"])
def person_create(request):
    return _person_form(request, None)


@allowed(Person.policy, "change")
@require_http_methods(["GET", "POST"])
def person_edit(request, pk: int):
    return _person_form(request, get_scoped(request.user, Person, pk, action="change"))


def _person_form(request, person):
    initial = {"unit": request.GET.get("unit")}
    if person is not None:
        initial = {f: getattr(person, f) for f in ("name", "title", "phone", "id_card")} | {"unit": person.unit_id}
        if request.method == "GET" and (person.phone or person.id_card):
            audit.record(actor=request.user, action=AuditAction.READ_PERSONAL, target=audit.Target.of(person),
                         message=_("打开编辑表单"), unit_path=person.audit_unit_path())
    form = PersonForm(request.POST or None, actor=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            person = _person_form_save(request, form, person)
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("已保存人员“%(name)s”。") % {"name": person.name})
            return redirect("org:person_detail", pk=person.pk)
    title = _("编辑人员") if person else _("新增人员")
    return render_page(request, "org/form.html", {"form": form, "title": title})
