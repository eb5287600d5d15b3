from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "luoshi.org"
    label = "org"
    verbose_name = _("组织机构")

    def ready(self):
        from luoshi.core import freshness
        from luoshi.org import signals  # noqa: F401  (login auditing)

        # every scope reads unit paths; a token's login must stop at once when revoked or disabled
        freshness.watch("org_unit", "org_person", "org_user", "org_apitoken")
