"""外勤: the installable phone app for field work without signal.

`/field/` is the shell a village or cadre user opens from the home screen: their open tasks (each with
its report form), their duty shifts (check in), and 待发送, what the phone keeps until it has signal
(drawn by `static/luoshi/offline.js` from the phone's IndexedDB). `/sw.js` is the service worker
(`static/luoshi/sw.js`, served from the root so that it may control every page) and
`/manifest.webmanifest` the app's manifest. The pages work without JavaScript; with it, a form filled in
offline is kept on the phone and sent, in order and each with its idempotency key, when the network
returns (the reports' and check-ins' API paths, which record both the capture and the receipt time)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.db.models import Case, Value, When
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from luoshi.emergency import selectors as emergency_selectors
from luoshi.emergency.models import Shift
from luoshi.people.models import Household, HouseholdStatus
from luoshi.plans import selectors as plan_selectors
from luoshi.plans.models import Task

SW_SOURCE = Path(__file__).resolve().parent / "static" / "luoshi" / "sw.js"
FIELD_TASKS = 50
FIELD_HOUSEHOLDS = 50


@login_required
@never_cache
@require_GET
def field_home(request):
    actor = request.user
    context = {"refreshed_at": timezone.now(), "tasks": [], "shifts": [], "households": []}
    if Task.policy.allows(actor, "report"):
        context["tasks"] = list(plan_selectors.my_tasks(actor=actor)[:FIELD_TASKS])
    if Shift.policy.allows(actor, "check_in"):
        now = timezone.now()
        context["shifts"] = [card for card in emergency_selectors.my_shifts(actor=actor, now=now)
                             if not card.shift.checked_in_at and card.end >= now]
    if Household.policy.allows(actor, "visit"):
        own = Case(When(cadre_id=getattr(actor, "person_id", None), then=Value(0)), default=Value(1))
        context["households"] = list(Household.objects.editable_by(actor, "visit")
                                     .filter(status=HouseholdStatus.HELPED).select_related("village")
                                     .alias(own=own).order_by("own", "scope_path", "id")[:FIELD_HOUSEHOLDS])
    return TemplateResponse(request, "field/home.html", context)


@require_GET
def offline_fallback(request):
    """What the service worker shows for a page the phone has not kept: no user, no data."""
    return TemplateResponse(request, "field/offline.html", {})


@require_GET
def service_worker(request):
    response = HttpResponse(SW_SOURCE.read_bytes(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def manifest(request):
    data = {"name": _("落实 · 外勤"), "short_name": _("外勤"), "lang": "zh-CN", "start_url": "/field/", "scope": "/",
            "display": "standalone", "background_color": "#ffffff", "theme_color": "#b02a37",
            "icons": [{"src": static("luoshi/icon.svg"), "sizes": "any", "type": "image/svg+xml"}]}
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


urlpatterns = [
    path("field/", field_home, name="field"),
    path("field/offline/", offline_fallback, name="field_offline"),
    path("sw.js", service_worker, name="service_worker"),
    path("manifest.webmanifest", manifest, name="web_manifest"),
]
