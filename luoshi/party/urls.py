from django.urls import path
from django.views.generic import RedirectView

from luoshi.party import views

app_name = "party"
urlpatterns = [
    path("party/", views.index, name="index"),
    path("party/paths/<int:pk>/", views.path_detail, name="path"),
    path("party/paths/<int:pk>/<slug:action>/", views.path_act, name="path_act"),
    path("party/honours/propose/", views.honour_propose, name="honour_propose"),
    path("party/honours/<int:pk>/", views.honour_detail, name="honour"),
    path("party/honours/<int:pk>/files/", views.honour_attach, name="honour_attach"),
    # the 纪检 menu's entry: the cases' list is the register's (which checks the role and audits the read)
    path("party/discipline/", RedirectView.as_view(pattern_name="ledgers:list", permanent=False),
         {"name": "discipline-cases"}, name="discipline"),
]
