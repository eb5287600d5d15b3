from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "luoshi.supervision"
    label = "supervision"
    verbose_name = _("督查督办")

    def ready(self):
        from luoshi.progress.hooks import report_missed
        from luoshi.supervision.urging import urge_issue

        # dispatch, a sibling, may not import this app: a roll call's non-reporter is urged by a slip
        report_missed.register(urge_issue)
