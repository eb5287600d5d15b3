"""The demo's field side: signatures, reports and the lights they produce, so the demo's home
pages and battle map look like a township in late autumn rather than a blank plan."""

from __future__ import annotations

from django.utils import timezone

from luoshi.org.models import User
from luoshi.plans import lights, periods
from luoshi.plans import services as plan_services
from luoshi.plans.jobs import recompute_all_lights
from luoshi.plans.models import Task, TaskStatus
from luoshi.progress import services

# What the field says about a task, by where its deadline falls against today.
REPORTS = {
    "done": ("已全部完成，资料已归档。", 100),
    "late": ("主体工程完成，配套设施尚在施工。", 70),
    "ahead": ("按计划推进，已完成阶段性目标。", 60),
    "recurring": ("本期工作已按要求落实，台账已更新。", None),
}


def load_progress(*, plan) -> None:
    """Sign every task, then report on it as its unit would (once: skipped if reports exist)."""
    tasks = list(Task.objects.unscoped("the demo's own plan").filter(plan=plan).select_related("lead_unit"))
    if any(t.last_report_at for t in tasks):
        return
    logins = _logins()
    today = timezone.localdate()
    for index, task in enumerate(tasks):
        actor = _reporter_for(task, logins)
        if task.status == TaskStatus.DEPLOYED:
            plan_services.task_sign(actor=actor, task=task)
        _report(actor, task, today, index, logins)
    recompute_all_lights(actor_label="演示数据")


def _logins() -> dict[str, User]:
    names = ("office", "leader", "dept", "village", "cadre")
    return {u.username: u for u in User.objects.unscoped("demo logins").filter(username__in=names)}


def _reporter_for(task: Task, logins: dict[str, User]) -> User:
    """The login the task is assigned to, else the one whose unit leads it, else the office (which
    may act for any unit)."""
    for user in logins.values():
        if task.owner_id and user.person_id == task.owner_id:
            return user
    for username in ("village", "dept"):
        user = logins.get(username)
        if user and user.person and task.scope_path.startswith(user.person.unit.path):
            return user
    return logins["office"]


def _report(actor, task: Task, today, index: int, logins: dict[str, User]) -> None:
    if task.recurrence:
        _report_periods(actor, task, today, skip_last=index % 3 == 0)
        return
    kind = _kind(task, today, index)
    text, percent = REPORTS[kind]
    if kind == "ahead":  # most keep pace with the calendar; every fourth lags behind it
        percent = max(10, (lights.expected_percent(task, today) or 50) - (20 if index % 4 == 0 else 3))
    if kind == "done":  # 申请办结 with its closing report; two in three are accepted, the rest await 验收
        services.task_close_request(actor=actor, task=task, note=text, idempotency_key=f"demo-{task.pk}")
        if index % 3:
            checker = logins["leader" if actor == logins["office"] else "office"]
            plan_services.task_accept(actor=checker, task=task)
        return
    services.report_submit(actor=actor, task=task, text=text, percent=percent,
                           difficulties="施工用地协调进度慢" if kind == "late" else "",
                           idempotency_key=f"demo-{task.pk}")


def _kind(task: Task, today, index: int) -> str:
    if task.deadline and task.deadline < today:
        return "late" if index % 5 == 0 else "done"  # one overdue task in five, for the red lights
    return "ahead"


def _report_periods(actor, task: Task, today, *, skip_last: bool) -> None:
    """One report per period so far; some tasks miss the latest one (a yellow light)."""
    owed = [key for key, closed in periods.expected_periods(task, task.start_date, today) if closed]
    if skip_last and owed:
        owed = owed[:-1]
    text, _percent = REPORTS["recurring"]
    for key in owed:
        services.report_submit(actor=actor, task=task, text=text, period=key, idempotency_key=f"demo-{task.pk}-{key}")
