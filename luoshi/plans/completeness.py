"""办什么事、由谁来办、什么时间干到什么程度: what a task needs before it may be deployed."""

from django.utils.translation import gettext as _

from luoshi.plans.models import Task


def missing_of(*, title: str, has_doer: bool, has_time: bool, requirement: str) -> dict[str, str]:
    """Field → the element the page names, for each of the four that is missing; the one rule
    for a saved task and for a draft's item (drafts_bulk.draft_blockers)."""
    missing = {}
    if not (title or "").strip():
        missing["title"] = _("办什么事（工作任务）")
    if not has_doer:
        missing["lead_unit"] = _("由谁来办（牵头单位或责任人）")
    if not has_time:
        missing["deadline"] = _("什么时间（完成时限或周期）")
    if not (requirement or "").strip():
        missing["requirement"] = _("干到什么程度（目标要求）")
    return missing


def missing_elements(task: Task) -> dict[str, str]:
    """Field → the element the page names, for each of the four that is missing."""
    return missing_of(title=task.title, has_doer=bool(task.lead_unit_id or task.owner_id),
                      has_time=bool(task.deadline or task.recurrence), requirement=task.requirement)
