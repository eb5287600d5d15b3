from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "luoshi.plans"
    label = "plans"
    verbose_name = _("计划与任务")

    def ready(self):
        from django.db.models.signals import pre_save

        from luoshi.core import freshness
        from luoshi.ledgers.writes import records_written
        from luoshi.plans import measures, reminders, year_close
        from luoshi.plans.models import Indicator, Milestone, Plan, Task, WorkLine

        # cached task lists read the tasks and, for scope, their co-units
        freshness.watch("plans_task", "plans_task_co_units", "plans_workline")
        reminders.connect()  # notify knows no domain: the daily job sends the reminders plans gives it
        # a register written through the ledger engine recounts the targets bound to it
        records_written.register(measures.records_written)
        # an archived plan is read-only, whoever writes (year_close)
        for model in (Plan, WorkLine, Indicator, Task, Milestone):
            pre_save.connect(year_close.refuse_archived, sender=model, dispatch_uid=f"archived-{model.__name__}")
