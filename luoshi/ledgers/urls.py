from django.urls import path

from luoshi.ledgers import import_views, views

app_name = "ledgers"
urlpatterns = [
    path("ledgers/", views.ledger_index, name="index"),
    path("ledgers/jobs/<int:pk>/", views.job_detail, name="job"),
    path("ledgers/jobs/<int:pk>/download/", views.job_download, name="job_download"),
    path("ledgers/<slug:name>/", views.ledger_list, name="list"),
    path("ledgers/<slug:name>/new/", views.ledger_create, name="create"),
    path("ledgers/<slug:name>/<int:pk>/", views.ledger_detail, name="detail"),
    path("ledgers/<slug:name>/<int:pk>/edit/", views.ledger_edit, name="edit"),
    path("ledgers/<slug:name>/<int:pk>/reveal/<str:column>/", views.ledger_reveal, name="reveal"),
    path("ledgers/<slug:name>/bulk/", views.ledger_bulk, name="bulk"),
    path("ledgers/<slug:name>/export.xlsx", views.ledger_export, name="export"),
    path("ledgers/<slug:name>/template.xlsx", views.ledger_template, name="template"),
    path("ledgers/<slug:name>/import/", import_views.import_start, name="import"),
    path("ledgers/<slug:name>/import/<int:job>/", import_views.import_job, name="import_job"),
    path("ledgers/<slug:name>/import/<int:job>/errors.xlsx", import_views.import_errors, name="import_errors"),
]
