from django.urls import path

from luoshi.economy import views

app_name = "economy"
urlpatterns = [
    path("economy/", views.index, name="index"),
    path("economy/income/", views.income_current, name="income"),
    path("economy/income/<int:year>/", views.income_year, name="income_year"),
    path("economy/operations/<int:pk>/", views.operation_detail, name="operation_detail"),
    path("economy/operations/<int:pk>/<slug:action>/", views.operation_act, name="operation_act"),
    path("economy/enterprises/<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("economy/enterprises/<int:pk>/demands/", views.demand_create, name="demand_create"),
    path("economy/enterprises/<int:pk>/<slug:action>/", views.enterprise_act, name="enterprise_act"),
]
