from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "luoshi.core"
    label = "core"
    verbose_name = "基础"

    def ready(self):
        from luoshi.core import lookups  # noqa: F401  (registers path__under)
