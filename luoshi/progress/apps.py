from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "luoshi.progress"
    label = "progress"
    verbose_name = _("进展与红黄绿灯")

    def ready(self):
        from luoshi.progress import rollups

        # plans may not import this app: it tells indicators when a task is done or a share is made
        rollups.connect_hooks()
