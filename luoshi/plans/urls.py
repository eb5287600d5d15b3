from django.urls import path

from luoshi.plans.views import drafts, plans, tasks

app_name = "plans"
urlpatterns = [
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/deploy/", plans.plan_deploy, name="plan_deploy"),
    path("plans/<int:pk>/lines/new/", plans.line_create, name="line_create"),
    path("plans/<int:pk>/indicators/new/", plans.indicator_create, name="indicator_create"),
    path("plans/<int:pk>/battle-map/", plans.battle_map, name="battle_map"),
    path("plans/<int:pk>/battle-map.xlsx", plans.battle_map_xlsx, name="battle_map_xlsx"),
    path("indicators/<int:pk>/split/", plans.indicator_split, name="indicator_split"),
    path("indicators/<int:pk>/binding/", plans.indicator_edit_binding, name="indicator_edit_binding"),
    path("tasks/", tasks.task_list, name="task_list"),
    path("tasks/mine/", tasks.my_tasks, name="my_tasks"),
    path("tasks/new/", tasks.task_create, name="task_create"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", tasks.task_edit, name="task_edit"),
    path("tasks/<int:pk>/history/", tasks.task_history, name="task_history"),
    path("tasks/<int:pk>/deploy/", tasks.task_deploy, name="task_deploy"),
    path("tasks/<int:pk>/sign/", tasks.task_sign, name="task_sign"),
    path("tasks/<int:pk>/return/", tasks.task_return, name="task_return"),
    path("tasks/<int:pk>/split/", tasks.task_split, name="task_split"),
    path("tasks/<int:pk>/accept/", tasks.task_step, {"action": "accept"}, name="task_accept"),
    path("tasks/<int:pk>/send-back/", tasks.task_step, {"action": "send_back"}, name="task_send_back"),
    path("tasks/<int:pk>/reopen/", tasks.task_step, {"action": "reopen"}, name="task_reopen"),
    path("milestones/<int:pk>/done/", tasks.milestone_step, {"action": "done"}, name="milestone_done"),
    path("milestones/<int:pk>/check/", tasks.milestone_step, {"action": "check"}, name="milestone_check"),
    path("tasks/<int:pk>/milestones/", tasks.milestone_add, name="milestone_add"),
    path("tasks/<int:pk>/extension/", tasks.extension_request, name="extension_request"),
    path("extensions/<int:pk>/decide/", tasks.extension_decide, name="extension_decide"),
    path("plans/import/", drafts.draft_start, name="draft_start"),
    path("plans/import/<uuid:key>/", drafts.draft_review, name="draft_review"),
    path("plans/import/<uuid:key>/discard/", drafts.draft_discard, name="draft_discard"),
]
