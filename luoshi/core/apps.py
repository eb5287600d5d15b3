from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "luoshi.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self):
        from django.db.models.signals import post_migrate

        from luoshi.core import audit_guard, freshness, lookups  # noqa: F401  (lookups registers path__under)

        # after every app has migrated (and after each test flush): stamping triggers in place, and the
        # audit log's guards with the retention period as it is set now
        post_migrate.connect(freshness.install_triggers, sender=self, dispatch_uid="luoshi-stamping-triggers")
        post_migrate.connect(audit_guard.install_after_migrate, sender=self, dispatch_uid="luoshi-audit-guards")
