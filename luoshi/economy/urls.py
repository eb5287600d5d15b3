from django.urls import path

from luoshi.economy import views

app_name = "economy"
urlpatterns = [
    path("economy/", views.index, name="index"),
    path("economy/income/", views.income_current, name="income"),
    path("economy/income/<int:year>/", views.income_year, name="income_year"),
]
