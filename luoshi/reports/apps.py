from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "luoshi.reports"
    label = "reports"
    verbose_name = _("领导看板与通报")
