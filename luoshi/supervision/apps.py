from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "luoshi.supervision"
    label = "supervision"
    verbose_name = _("督查督办")

    def ready(self):
        from luoshi.core.panels import Panel
        from luoshi.plans.hooks import task_page
        from luoshi.progress.hooks import report_card, report_missed
        from luoshi.supervision.urging import urge_issue

        # dispatch, a sibling, may not import this app: a roll call's non-reporter is urged by a slip
        report_missed.register(urge_issue)
        # the task page lists the task's urges; a report's difficulties offer 转为问题
        task_page.register(Panel("supervision/_task_urges.html", region="body", order=10))
        report_card.register(Panel("supervision/_report_problem.html", region="difficulty"))
