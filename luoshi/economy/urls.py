from django.urls import path

from luoshi.economy import views

app_name = "economy"
urlpatterns = [
    path("economy/", views.index, name="index"),
    path("economy/income/", views.income_current, name="income"),
    path("economy/income/<int:year>/", views.income_year, name="income_year"),
    path("economy/operations/<int:pk>/", views.operation_detail, name="operation_detail"),
    path("economy/operations/<int:pk>/<slug:action>/", views.operation_act, name="operation_act"),
]
