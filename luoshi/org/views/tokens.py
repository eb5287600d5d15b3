"""Personal API tokens: a login's own (make, revoke), and the office's page of every token in its scope."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from luoshi.core.decorators import allowed
from luoshi.core.errors import ServiceError, add_to_form
from luoshi.core.htmx import render_page
from luoshi.org import selectors, services
from luoshi.org.forms import TokenForm
from luoshi.org.models import ApiToken


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    limit = services.token_days_allowed()
    form = TokenForm(request.POST or None, initial={"days": limit})
    raw = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _token, raw = services.token_create(actor=request.user, name=data["name"], days=data["days"],
                                                read_only=data["read_only"])
        except ServiceError as error:
            add_to_form(form, error)
    tokens = ApiToken.objects.filter(user=request.user)
    response = TemplateResponse(request, "org/token_list.html",
                                {"form": form, "tokens": tokens, "raw": raw, "limit": limit})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    services.token_revoke(actor=request.user, token_id=pk)
    messages.success(request, _("令牌已吊销。"))
    return redirect("org:token_list")


@allowed(ApiToken.policy, "view")
def token_admin(request):
    """Every token of the logins the office administers: whose, what it may do, until when."""
    state = request.GET.get("state", "live")
    state = state if state in dict(selectors.TOKEN_STATES) else "live"
    listing = selectors.token_list(actor=request.user, request=request, state=state)
    context = {"listing": listing, "states": selectors.TOKEN_STATES, "state": state}
    return render_page(request, "org/token_admin.html", context, partial="results")


@allowed(ApiToken.policy, "delete")
@require_POST
def token_admin_revoke(request, pk: int):
    token = services.token_revoke_any(actor=request.user, token_id=pk)
    messages.success(request, _("已吊销 %(user)s 的令牌“%(name)s”。") % {"user": token.user.display_name,
                                                                  "name": token.name})
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("org:token_admin")
