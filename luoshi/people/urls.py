from django.urls import path

from luoshi.people import views

app_name = "people"
urlpatterns = [
    path("people/households/", views.household_list, name="households"),
    path("people/households/<int:pk>/", views.household_detail, name="household"),
    path("people/households/<int:pk>/visit/", views.visit_create, name="visit_create"),
    path("people/visits/<int:pk>/", views.visit_detail, name="visit"),
    path("people/checks/<int:pk>/problem/", views.check_problem, name="check_problem"),
]
