from django.urls import path

from luoshi.emergency import views

app_name = "emergency"
urlpatterns = [
    path("emergency/", views.index, name="index"),
    path("emergency/<int:pk>/", views.detail, name="detail"),
    path("emergency/<int:pk>/reconcile/", views.reconcile, name="reconcile"),
    path("emergency/duty/", views.my_duty, name="my_duty"),
    path("emergency/shifts/<int:pk>/", views.shift, name="shift"),
    path("emergency/shifts/<int:pk>/check-in/", views.shift_check_in, name="shift_check_in"),
    path("emergency/shifts/<int:pk>/urge/", views.shift_urge, name="shift_urge"),
    path("emergency/isolations/check-in/", views.my_isolations, name="my_isolations"),
    path("emergency/isolations/<int:pk>/", views.isolation, name="isolation"),
    path("emergency/isolations/<int:pk>/check-in/", views.isolation_check_in, name="isolation_check_in"),
    path("emergency/disinfections/new/", views.disinfection_new, name="disinfection_new"),
    path("emergency/disinfections/<int:pk>/photo/", views.disinfection_photo, name="disinfection_photo"),
]
