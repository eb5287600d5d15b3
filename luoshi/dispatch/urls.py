from django.urls import path

from luoshi.dispatch import views

app_name = "dispatch"
urlpatterns = [
    path("dispatch/", views.dispatch_list, name="list"),
    path("dispatch/new/", views.dispatch_create, name="create"),
    path("dispatch/<int:pk>/", views.dispatch_detail, name="detail"),
    path("dispatch/<int:pk>/edit/", views.dispatch_edit, name="edit"),
    path("dispatch/<int:pk>/deactivate/", views.dispatch_switch, {"active": False}, name="deactivate"),
    path("dispatch/<int:pk>/reactivate/", views.dispatch_switch, {"active": True}, name="reactivate"),
    path("dispatch/<int:pk>/open/", views.round_open, name="open"),
    path("dispatch/rounds/<int:pk>/", views.round_detail, name="round"),
    path("dispatch/rounds/<int:pk>/close/", views.round_close, name="close"),
    path("dispatch/rounds/<int:pk>/bulletin/", views.round_bulletin, name="bulletin"),
    path("dispatch/rounds/<int:pk>/bulletin/rewrite/", views.bulletin_rewrite, name="bulletin_rewrite"),
]
