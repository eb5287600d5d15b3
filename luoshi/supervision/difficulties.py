"""Difficulties become problems (困难和问题 → 问题清单): the difficulties the field wrote on a
progress report go on the problem list in one step, by the office or the task's lead unit.

The problem is prefilled from the report: its text is the difficulty, its task the report's task,
its lead unit (and village, when that is a village) the task's, its source 进展反馈, and `report`
points at the report, so each report becomes at most one problem (a second attempt is told which
problem it already is). Created through `services.problem_create`: scoped, audited with the task
as parent, state 待交办.

The report's timeline shows the button through this app's template tag (`{% report_problem %}`,
in `supervision/_report_problem.html`, which progress's timeline includes as the task page
includes `supervision/_task_urges.html`): progress never imports supervision.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.scope import ScopeRule, get_scoped
from luoshi.org.models import Person
from luoshi.plans.models import Task
from luoshi.progress.models import ProgressReport
from luoshi.supervision.models import Problem, ProblemSource

ACTION = "from_report"
# The new problem's scope is its lead unit's path, which is the task's: who keeps problems there
# (Problem.policy "add") is who may turn the task's difficulties into one.
_LEAD_UNIT = ScopeRule(paths=("scope_path",))


class AlreadyConverted(ServiceError):
    """The report is already on the problem list; `problem_id` says where."""

    def __init__(self, problem_id: int):
        super().__init__(_("这次上报的困难和问题已转为问题 #%(n)d，不能重复转入") % {"n": problem_id})
        self.problem_id = problem_id


def may_convert(actor, task: Task) -> bool:
    """Whether `actor` may turn the difficulties reported on `task` into a problem: the office, or
    the task's lead unit (a role that keeps problems, whose scope covers the lead unit)."""
    if not Problem.policy.allows(actor, ACTION) or not task.scope_path:
        return False
    if actor.is_superuser:
        return True
    roles = Problem.policy.roles_for(ACTION)
    q = _LEAD_UNIT.q_for_grants([g for g in actor.role_grants() if g.role in roles], Task)
    return q is not None and Task.objects.unscoped("whether the task's lead unit is in the actor's keeping").filter(
        q, pk=task.pk).exists()


@transaction.atomic
def report_to_problem(*, actor, report: ProgressReport) -> Problem:
    """Put the difficulties of `report` on the problem list, once (see the module docstring)."""
    from luoshi.supervision.services import problem_create

    if not Problem.policy.allows(actor, ACTION):
        raise NotAllowed()
    report = get_scoped(actor, ProgressReport, report.pk)
    locked = ProgressReport.objects.unscoped("locking a report the actor may see").select_for_update().get(
        pk=report.pk)
    task = Task.objects.unscoped("the task of a report the actor may see").select_related(
        "lead_unit", "leader").get(pk=locked.task_id)
    if not may_convert(actor, task):
        raise NotAllowed(_("只有党政办或任务的牵头单位可以把进展中的困难和问题转为问题"))
    existing = Problem.objects.unscoped("whether a report is already on the problem list").filter(
        report_id=locked.pk).values_list("pk", flat=True).first()
    if existing:
        raise AlreadyConverted(existing)
    text = locked.difficulties.strip()
    if not text:
        raise ServiceError(_("这次上报没有填写困难和问题"))
    if task.lead_unit_id is None:
        raise ServiceError(_("任务没有牵头单位，不能转为问题"))
    village = task.lead_unit if task.lead_unit.kind == "village" else None
    # The task's leader is prefilled when the actor may name that person (a village sees its own people).
    leader = task.leader if task.leader_id and Person.objects.visible_to(actor).filter(
        pk=task.leader_id).exists() else None
    return problem_create(
        actor=actor, description=text[:5000], lead_unit=task.lead_unit, source=ProblemSource.REPORT,
        category=_("进展反馈"), task=task, report=locked, village=village, leader=leader,
        note=_("来自%(p)s %(d)s 上报的进展") % {"p": locked.reporter_name, "d": timezone.localdate(locked.created_at)})


def timeline_states(*, actor, task: Task) -> tuple[dict[int, int], bool]:
    """({report id: problem id}, may_convert) for the task's timeline in one query: each report with
    difficulties, the problem it became as far as the actor may see it, and whether the actor may
    turn difficulties into problems (`may_convert`, asked in the same statement)."""
    from django.db.models import Exists, OuterRef, Subquery, Value

    may = Value(False)
    if Problem.policy.allows(actor, ACTION) and task.scope_path:
        if actor.is_superuser:
            may = Value(True)
        else:
            roles = Problem.policy.roles_for(ACTION)
            q = _LEAD_UNIT.q_for_grants([g for g in actor.role_grants() if g.role in roles], Task)
            if q is not None:
                may = Exists(Task.objects.unscoped("whether the task's lead unit is in the actor's keeping").filter(
                    q, pk=task.pk))
    problems = Problem.objects.visible_to(actor).filter(report_id=OuterRef("pk")).values("pk")[:1]
    rows = list(ProgressReport.objects.unscoped("the difficulties on a visible task's timeline")
                .filter(task_id=task.pk).exclude(difficulties="").order_by()
                .annotate(problem=Subquery(problems), may=may).values_list("pk", "problem", "may"))
    return {pk: problem for pk, problem, _may in rows if problem}, any(m for _pk, _p, m in rows)


def report_problems(*, actor, task: Task) -> dict[int, int]:
    """{report id: problem id} of the task's reports already on the problem list, as far as the
    actor may see those problems (one query: the timeline's links)."""
    rows = Problem.objects.visible_to(actor).filter(report__task_id=task.pk).values_list("report_id", "pk")
    return dict(rows)
