from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "luoshi.plans"
    label = "plans"
    verbose_name = _("计划与任务")

    def ready(self):
        from luoshi.core import freshness
        from luoshi.ledgers.writes import records_written
        from luoshi.plans import measures, reminders

        # cached task lists read the tasks and, for scope, their co-units
        freshness.watch("plans_task", "plans_task_co_units", "plans_workline")
        reminders.connect()  # notify knows no domain: the daily job sends the reminders plans gives it
        # a register written through the ledger engine recounts the targets bound to it
        records_written.register(measures.records_written)
