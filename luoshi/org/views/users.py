"""Office pages for logins: create, disable, reset password, roles and live sessions."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from luoshi.core.decorators import allowed
from luoshi.core.errors import ServiceError, add_to_form
from luoshi.core.htmx import render_page
from luoshi.core.scope import get_scoped
from luoshi.core.selectors import object_history
from luoshi.org import selectors, services
from luoshi.org.forms import RoleAssignForm, UserCreateForm
from luoshi.org.models import LoginSession, RoleAssignment, User


@allowed(User.policy, "view")
def user_list(request):
    listing = selectors.user_list(actor=request.user, request=request, active=request.GET.get("active", ""))
    return render_page(request, "org/user_list.html", {"listing": listing}, partial="results")


@allowed(User.policy, "view")
def user_detail(request, pk: int):
    user = get_scoped(request.user, User, pk)
    context = {
        "subject": user, "roles": selectors.user_roles(actor=request.user, user=user),
        "sessions": selectors.session_list(actor=request.user, request=request, user=user).items,
        "tokens": selectors.tokens_in_scope(actor=request.user).filter(user=user),
        "history": object_history(actor=request.user, obj=user),
        "role_form": RoleAssignForm(actor=request.user, initial={"unit": user.person.unit_id if user.person else None}),
    }
    return render_page(request, "org/user_detail.html", context)


@allowed(User.policy, "add")
@require_http_methods(["GET", "POST"])
def user_create(request):
    form = UserCreateForm(request.POST or None, actor=request.user, initial={"person": request.GET.get("person")})
    if request.method == "POST" and form.is_valid():
        try:
            user, password = services.user_create(actor=request.user, **form.cleaned_data)
        except ServiceError as error:
            add_to_form(form, error)
        else:
            return _show_password(request, user, password, _("账号已创建"))
    return render_page(request, "org/form.html", {"form": form, "title": _("新增用户")})


def _show_password(request, user, password: str, heading: str, *, reset: bool = False):
    """The initial password is shown once, here, and never stored in clear."""
    response = TemplateResponse(request, "org/initial_password.html",
                                {"subject": user, "password": password, "heading": heading, "reset": reset})
    response["Cache-Control"] = "no-store"
    return response


@allowed(User.policy, "change")
@require_POST
def user_reset_password(request, pk: int):
    user = get_scoped(request.user, User, pk, action="change")
    password = services.user_reset_password(actor=request.user, user=user)
    return _show_password(request, user, password, _("密码已重置"), reset=True)


@allowed(User.policy, "change")
@require_POST
def user_set_active(request, pk: int):
    user = get_scoped(request.user, User, pk, action="change")
    active = request.POST.get("active") == "1"
    services.user_set_active(actor=request.user, user=user, active=active)
    messages.success(request, _("账号已启用。") if active else _("账号已停用，其登录会话已结束。"))
    return redirect("org:user_detail", pk=user.pk)


@allowed(RoleAssignment.policy, "add")
@require_POST
def role_assign(request, pk: int):
    user = get_scoped(request.user, User, pk, action="change")
    form = RoleAssignForm(request.POST, actor=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.role_assign(actor=request.user, user=user, role=data["role"], unit=data["unit"],
                                 data_scope=data["data_scope"] or None, custom_units=data["custom_units"])
        except ServiceError as error:
            add_to_form(form, error)
    if form.errors:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(request, _("已授予角色。"))
    return redirect("org:user_detail", pk=user.pk)


@allowed(RoleAssignment.policy, "delete")
@require_POST
def role_revoke(request, pk: int):
    assignment = get_scoped(request.user, RoleAssignment, pk, action="delete")
    services.role_revoke(actor=request.user, assignment=assignment)
    messages.success(request, _("已收回角色。"))
    return redirect("org:user_detail", pk=assignment.user_id)


@allowed(LoginSession.policy, "view")
def session_list(request):
    listing = selectors.session_list(actor=request.user, request=request)
    return render_page(request, "org/session_list.html", {"listing": listing}, partial="results")


@allowed(LoginSession.policy, "delete")
@require_POST
def session_end(request, pk: int):
    session = get_scoped(request.user, LoginSession, pk, action="delete")
    services.session_end(actor=request.user, session=session)
    messages.success(request, _("已强制下线。"))
    return redirect(request.POST.get("next") or "org:session_list")
