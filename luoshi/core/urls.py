from django.urls import path

from luoshi.core import views

app_name = "core"
urlpatterns = [
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/<int:pk>/", views.audit_detail, name="audit_detail"),
    path("jobs/", views.job_list, name="job_list"),
]
