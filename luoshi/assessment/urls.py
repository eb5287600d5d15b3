from django.urls import path

from luoshi.assessment import views

app_name = "assessment"
urlpatterns = [
    path("assessment/units/", views.unit_index, name="unit_index"),
    path("assessment/units/<int:pk>/", views.unit_stats, name="unit_stats"),
    path("assessment/units/<int:pk>/export.xlsx", views.unit_export, name="unit_export"),
    path("assessment/units/<int:pk>/rows/<slug:key>/", views.unit_rows, name="unit_rows"),
]
