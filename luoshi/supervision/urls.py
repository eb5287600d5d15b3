from django.urls import path

from luoshi.supervision.views import inspections, problems, urges

app_name = "supervision"
urlpatterns = [
    path("supervision/", problems.supervision_index, name="index"),
    path("problems/<int:pk>/", problems.problem_detail, name="problem_detail"),
    path("problems/<int:pk>/<slug:action>/", problems.problem_act, name="problem_act"),
    path("reports/<int:pk>/problem/", problems.report_problem, name="report_problem"),
    path("inspections/", inspections.inspection_list, name="inspection_list"),
    path("inspections/new/", inspections.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/problems/", inspections.inspection_problems, name="inspection_problems"),
    path("findings/<int:pk>/problem/", inspections.finding_problem, name="finding_problem"),
    path("urges/", urges.urge_list, name="urge_list"),
    path("tasks/<int:pk>/urge/", urges.urge_create, name="urge_create"),
    path("urges/<int:pk>/", urges.urge_detail, name="urge_detail"),
    path("urges/<int:pk>/answer/", urges.urge_answer, name="urge_answer"),
    path("urges/<int:pk>/withdraw/", urges.urge_withdraw, name="urge_withdraw"),
    path("urges/<int:pk>/print/", urges.urge_print, name="urge_print"),
]
