"""办什么事、由谁来办、什么时间干到什么程度: what a task needs before it may be deployed."""

from django.utils.translation import gettext as _

from luoshi.plans.models import Task


def missing_elements(task: Task) -> dict[str, str]:
    """Field → the element the page names, for each of the four that is missing."""
    missing = {}
    if not (task.title or "").strip():
        missing["title"] = _("办什么事（工作任务）")
    if not task.lead_unit_id and not task.owner_id:
        missing["lead_unit"] = _("由谁来办（牵头单位或责任人）")
    if not task.deadline and not task.recurrence:
        missing["deadline"] = _("什么时间（完成时限或周期）")
    if not (task.requirement or "").strip():
        missing["requirement"] = _("干到什么程度（目标要求）")
    return missing
