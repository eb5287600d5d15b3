from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "luoshi.org"
    label = "org"
    verbose_name = "组织机构"

    def ready(self):
        from luoshi.org import signals  # noqa: F401  (login auditing)
