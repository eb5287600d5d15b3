from django.urls import include, path

from luoshi.api import api
from luoshi.home import home

# The API first: its prefix is its own, and behind the pages' includes every API call tried each of them in turn
urlpatterns = [
    path("api/v1/", api.urls),
    path("", home, name="home"),
    path("", include("luoshi.org.urls")),
    path("", include("luoshi.core.urls")),
    path("", include("luoshi.ledgers.urls")),
    path("", include("luoshi.progress.urls")),
    path("", include("luoshi.plans.urls")),
    path("", include("luoshi.supervision.urls")),
    path("", include("luoshi.notify.urls")),
    path("", include("luoshi.dispatch.urls")),
    path("", include("luoshi.economy.project_urls")),
    path("", include("luoshi.economy.urls")),
    path("", include("luoshi.people.urls")),
    path("", include("luoshi.emergency.urls")),
    path("", include("luoshi.assessment.urls")),
    path("", include("luoshi.party.urls")),
    path("", include("luoshi.reports.urls")),
    path("", include("luoshi.field")),
]

handler400 = "luoshi.core.views.bad_request"
handler403 = "luoshi.core.views.permission_denied"
handler404 = "luoshi.core.views.page_not_found"
handler500 = "luoshi.core.views.server_error"
