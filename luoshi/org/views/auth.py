"""Login, logout, password change and the lockout page."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from luoshi.core.errors import ServiceError, add_to_form
from luoshi.org import services
from luoshi.org.forms import LoginForm, PasswordChangeForm


class LoginView(auth_views.LoginView):
    template_name = "org/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def locked_out(request, response=None, credentials=None, *args, **kwargs):
    """django-axes calls this once (username, IP) has failed too often."""
    minutes = int(_cooloff_minutes())
    return render(request, "org/locked_out.html", {"minutes": minutes}, status=429)


def _cooloff_minutes() -> float:
    from django.conf import settings

    return settings.AXES_COOLOFF_TIME.total_seconds() / 60


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request):
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_change(user=request.user, old_password=form.cleaned_data["old_password"],
                                     new_password=form.cleaned_data["new_password1"])
        except ServiceError as error:
            add_to_form(form, error)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("密码已修改。您此前创建的 API 令牌已全部吊销，如需调用接口请重新创建。"))
            return redirect("home")
    return TemplateResponse(request, "org/password_change.html", {"form": form, "forced": request.user.must_change_password})
