from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "luoshi.progress"
    label = "progress"
    verbose_name = _("进展与红黄绿灯")

    def ready(self):
        from luoshi.core.panels import Panel
        from luoshi.plans.hooks import task_page
        from luoshi.progress import rollups

        # plans may not import this app: it tells indicators when a task is done or a share is made
        rollups.connect_hooks()
        # the task page shows why its light is what it is, and the reports' timeline
        task_page.register(Panel("progress/_light.html", region="head", order=10))
        task_page.register(Panel("progress/_timeline.html", region="foot", order=10, extra={"timeline_limit": 10}))
