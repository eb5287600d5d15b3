from django.urls import path

from luoshi.assessment import review_views, views

app_name = "assessment"
urlpatterns = [
    path("assessment/", views.scheme_list, name="scheme_list"),
    path("assessment/schemes/new/", views.scheme_create, name="scheme_create"),
    path("assessment/schemes/<int:pk>/", views.scheme_detail, name="scheme_detail"),
    path("assessment/adjustments/<int:pk>/<slug:decision>/", views.adjustment_decide, name="adjustment_decide"),
    path("assessment/runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("assessment/runs/<int:pk>/do/<slug:action>/", views.run_act, name="run_act"),
    path("assessment/runs/<int:pk>/units/<int:unit_pk>/", views.run_unit, name="run_unit"),
    path("assessment/scores/<int:pk>/rows/<slug:key>/", views.score_rows, name="score_rows"),
    path("assessment/units/", views.unit_index, name="unit_index"),
    path("assessment/units/<int:pk>/", views.unit_stats, name="unit_stats"),
    path("assessment/units/<int:pk>/export.xlsx", views.unit_export, name="unit_export"),
    path("assessment/units/<int:pk>/rows/<slug:key>/", views.unit_rows, name="unit_rows"),
    path("assessment/commitments/", review_views.commitment_index, name="commitment_index"),
    path("assessment/commitments/<int:pk>/", review_views.commitment_board, name="commitment_board"),
    path("assessment/reviews/", review_views.review_list, name="review_list"),
    path("assessment/reviews/new/", review_views.review_create, name="review_create"),
    path("assessment/reviews/<int:pk>/", review_views.review_detail, name="review_detail"),
    path("assessment/reviews/<int:pk>/do/<slug:action>/", review_views.review_act, name="review_act"),
    path("assessment/reviews/sites/<int:pk>/score/", review_views.site_score, name="site_score"),
    path("assessment/reviews/results/<int:pk>/", review_views.site_result_rows, name="site_result"),
]
