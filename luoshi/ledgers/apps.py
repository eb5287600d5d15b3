from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class LedgersConfig(AppConfig):
    name = "luoshi.ledgers"
    label = "ledgers"
    verbose_name = _("台账")

    def ready(self):
        # Each app declares its ledgers in `<app>/ledgers.py`; the tasks ledger lives here until
        # plans/ takes it over (it only needs plans' public services).
        autodiscover_modules("ledgers")
