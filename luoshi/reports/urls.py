from django.urls import path

from luoshi.reports import views, views_notices, views_review

app_name = "reports"

urlpatterns = [
    path("screen/", views.screen_links, name="screen_links"),
    path("screen/<int:pk>/revoke/", views.screen_revoke, name="screen_revoke"),
    path("screen/s/<str:token>/", views.screen, name="screen"),
    path("bulletins/", views.bulletin_list, name="bulletin_list"),
    path("bulletins/new/", views.bulletin_create, name="bulletin_create"),
    path("bulletins/<int:pk>/", views.bulletin_detail, name="bulletin_detail"),
    path("bulletins/<int:pk>/issue/", views.bulletin_issue, name="bulletin_issue"),
    path("bulletins/<int:pk>/refresh/", views.bulletin_refresh, name="bulletin_refresh"),
    path("bulletins/<int:pk>/download/", views.bulletin_download, name="bulletin_download"),
    path("bulletins/schedules/", views.schedule_list, name="schedule_list"),
    path("bulletins/schedules/<int:pk>/switch/", views.schedule_switch, name="schedule_switch"),
    path("notices/", views_notices.notice_list, name="notice_list"),
    path("notices/<int:pk>/", views_notices.notice_detail, name="notice_detail"),
    path("notices/<int:pk>/publish/", views_notices.notice_publish, name="notice_publish"),
    path("notices/<int:pk>/withdraw/", views_notices.notice_withdraw, name="notice_withdraw"),
    path("gs/<str:slug>/", views_notices.notice_public, name="notice_public"),  # 公示: public, no login
    path("bulletins/reviews/", views_review.review_list, name="review_list"),
    path("bulletins/reviews/new/", views_review.review_create, name="review_create"),
    path("bulletins/reviews/<int:pk>/", views_review.review_detail, name="review_detail"),
    path("bulletins/reviews/<int:pk>/refresh/", views_review.review_refresh, name="review_refresh"),
    path("bulletins/reviews/<int:pk>/download/", views_review.review_download, name="review_download"),
]
