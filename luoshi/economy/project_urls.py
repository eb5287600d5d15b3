from django.urls import path
from django.views.generic import RedirectView

from luoshi.economy import project_views

app_name = "projects"
urlpatterns = [
    # the list is the ledger's
    path("projects/", RedirectView.as_view(pattern_name="ledgers:list", permanent=False), {"name": "projects"},
         name="list"),
    path("projects/<int:pk>/", project_views.project_detail, name="detail"),
    path("projects/<int:pk>/<slug:action>/", project_views.project_act, name="act"),
]
