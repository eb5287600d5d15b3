from django.urls import path

from luoshi.progress import views

app_name = "progress"
urlpatterns = [
    path("tasks/report/", views.my_tasks, name="my_tasks"),
    path("tasks/<int:pk>/report/", views.report_create, name="report_create"),
    path("tasks/<int:pk>/progress/", views.task_progress, name="task_progress"),
    path("attachments/<int:pk>/", views.attachment_file, name="attachment_file"),
    path("attachments/<int:pk>/thumb/", views.attachment_thumbnail, name="attachment_thumbnail"),
]
