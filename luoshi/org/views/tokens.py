"""A user's own personal API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from luoshi.core.errors import ServiceError, add_to_form
from luoshi.org import services
from luoshi.org.forms import TokenForm
from luoshi.org.models import ApiToken


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    form = TokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, raw = services.token_create(actor=request.user, name=form.cleaned_data["name"])
        except ServiceError as error:
            add_to_form(form, error)
    tokens = ApiToken.objects.filter(user=request.user)
    response = TemplateResponse(request, "org/token_list.html", {"form": form, "tokens": tokens, "raw": raw})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    services.token_revoke(actor=request.user, token_id=pk)
    messages.success(request, _("令牌已吊销。"))
    return redirect("org:token_list")
