from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "luoshi.plans"
    label = "plans"
    verbose_name = _("计划与任务")

    def ready(self):
        from luoshi.core import freshness
        from luoshi.plans import reminders

        # cached task lists read the tasks and, for scope, their co-units
        freshness.watch("plans_task", "plans_task_co_units", "plans_workline")
        reminders.connect()  # notify knows no domain: the daily job sends the reminders plans gives it
