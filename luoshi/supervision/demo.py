"""The demo's supervision: a problem list from the 大排查 and an enterprise's demand, a
verified 销号, and a red slip on the overdue task — so 督查 shows a township mid-year."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from luoshi.org.models import Person, Unit, User
from luoshi.plans.models import Task
from luoshi.supervision import services
from luoshi.supervision.models import Problem

# (category, source, description, measures, village, days to deadline)
PROBLEMS = [
    ("饮水安全", "survey", "部分脱贫户自来水供水不稳定，夏季高峰时段水压不足", "协调水务站更换增压泵，逐户回访", "路村", 20),
    ("住房安全", "survey", "一户脱贫户厨房墙体有裂缝，尚未纳入危房改造", "组织鉴定并申报危房改造", "庙口村", -5),
    ("两不愁三保障", "inspection", "帮扶手册信息与实际收入不一致", "帮扶干部入户核实并更新台账", "大屯村", 10),
]


def load_supervision() -> None:
    """Once: skipped when the township already has problems on its list."""
    office = User.objects.unscoped("the demo's office login").get(username="office")
    if Problem.objects.visible_to(office).exists():
        return
    units = {u.name: u for u in Unit.objects.visible_to(office)}
    today = timezone.localdate()
    for category, source, text, measures, village, days in PROBLEMS:
        services.problem_create(actor=office, description=text, category=category, source=source, measures=measures,
                                lead_unit=units["乡村振兴办公室"], village=units[village],
                                deadline=today + dt.timedelta(days=days))
    _enterprise_problem(office, units, today)
    _red_slip(office, today)


def _enterprise_problem(office, units, today) -> None:
    liaison = Person.objects.visible_to(office).filter(title="驻企联络员").order_by("id").first()
    services.problem_create(actor=office, description="园区企业反映用电增容审批时间长，影响新生产线投产",
                            category="用电保障", source="enterprise", enterprise_name="青东智能科技有限公司",
                            liaison=liaison, measures="联系供电所开辟绿色通道，一周内答复企业",
                            lead_unit=units["招商服务中心"], deadline=today + dt.timedelta(days=7))


def _red_slip(office, today) -> None:
    """A red 督办单 on a red task past its deadline, which its owner has yet to answer (a slip goes to the
    task's owner: a village's part of a split task has none); without one, a yellow slip on a red task
    behind schedule."""
    red = Task.objects.visible_to(office).filter(light="red", status="signed", owner__isnull=False)
    task = red.filter(deadline__lt=today).order_by("deadline", "id").first()
    if task is not None:
        services.urge_issue(actor=office, task=task, colour="red", message="请说明逾期原因并明确完成时间")
    elif (task := red.order_by("id").first()) is not None:
        services.urge_issue(actor=office, task=task, colour="yellow", message="请说明进度滞后原因并提出赶进度措施")
