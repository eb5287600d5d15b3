from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartyConfig(AppConfig):
    name = "luoshi.party"
    label = "party"
    verbose_name = _("党建")

    def ready(self):
        from luoshi.party import reminders

        # notify knows no domain: the party register tells it which steps fall due
        reminders.connect()
