from django.urls import path
from django.views.generic import RedirectView

from luoshi.progress import views

app_name = "progress"
urlpatterns = [
    # The list of tasks to report on was merged into 我的任务; notices already sent and bookmarks
    # still carry this address. Unnamed, so nothing new links here.
    path("tasks/report/", RedirectView.as_view(pattern_name="plans:my_tasks", permanent=True, query_string=True)),
    path("tasks/<int:pk>/report/", views.report_create, name="report_create"),
    path("tasks/<int:pk>/progress/", views.task_progress, name="task_progress"),
    path("tasks/<int:pk>/close/", views.task_close_request, name="task_close_request"),
    path("indicators/<int:pk>/rows/", views.indicator_rows, name="indicator_rows"),
    path("attachments/<int:pk>/", views.attachment_file, name="attachment_file"),
    path("attachments/<int:pk>/thumb/", views.attachment_thumbnail, name="attachment_thumbnail"),
]
