from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DispatchConfig(AppConfig):
    name = "luoshi.dispatch"
    label = "dispatch"
    verbose_name = _("调度点名")

    def ready(self):
        from luoshi.dispatch.notices import ROUND
        from luoshi.dispatch.services import roll_call_reported
        from luoshi.progress.hooks import ReportListener, report_submitted

        # progress may not import this app: a report tells the roll calls asking its reporter
        report_submitted.register(ReportListener(heard=roll_call_reported, asks=ROUND))
