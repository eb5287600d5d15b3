"""A task's life (部署 → 签收 → 办理 → 申请办结 → 验收): the transition table and its services.

| action        | from              | to        | roles (Task.policy)        | needs                                  |
|---------------|-------------------|-----------|----------------------------|----------------------------------------|
| deploy        | draft, returned   | deployed  | office                     | what, who, when, to what extent        |
| sign          | deployed          | signed    | office, department, village, cadre | the task is theirs (scope)     |
| return        | deployed          | returned  | the same                   | a reason                               |
| request_close | signed            | closing   | the same                   | a closing note (evidence: its report)  |
| accept        | closing           | completed | office, leader             | a user other than the requester        |
| accept        | signed (split)    | completed | office, leader             | a whole task whose parts are all done, |
|               |                   |           |                            | or a note saying why it is accepted    |
| send_back     | closing           | signed    | office, leader             | a reason                               |
| reopen        | completed         | signed    | office                     | a reason                               |

Two steps are the system's, audited under its name: a whole task is accepted when its last part
is (各分解任务均已办结), and a recurring task ends when its time does (`tasks_end_periods`).
A split task is deployed through its parts: they go to their units and the whole task is under
way (signed) without asking its own unit to sign it again.

Every step is one transaction: the row is locked, its state checked against the table, scope
checked, the change audited with the plan as parent, and the stored light refreshed
(`plans.light_store`). Pages, the API and imports call these services and nothing else.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core import audit
from luoshi.core.errors import ServiceError
from luoshi.core.flow import Transition, table
from luoshi.core.models import AuditAction
from luoshi.core.scope import get_scoped
from luoshi.core.versioning import save_stepped
from luoshi.plans.completeness import missing_elements
from luoshi.plans.light_store import light_refresh
from luoshi.plans.models import Milestone, Plan, PlanStatus, Recurrence, Task, TaskStatus
from luoshi.plans.notify import CLOSE_REQUESTED, DEPLOYED, RETURNED, notices_settled, notify_owners
from luoshi.plans.periods import RECURRING

S = TaskStatus


TRANSITIONS: dict[str, Transition] = table(
    Transition("deploy", frozenset({S.DRAFT, S.RETURNED}), S.DEPLOYED, gettext_lazy("部署任务")),
    Transition("sign", frozenset({S.DEPLOYED}), S.SIGNED, gettext_lazy("签收任务")),
    Transition("return", frozenset({S.DEPLOYED}), S.RETURNED, gettext_lazy("退回任务")),
    Transition("request_close", frozenset({S.SIGNED}), S.CLOSING, gettext_lazy("申请办结")),
    Transition("accept", frozenset({S.CLOSING, S.SIGNED}), S.COMPLETED, gettext_lazy("验收办结")),
    Transition("send_back", frozenset({S.CLOSING}), S.SIGNED, gettext_lazy("退回办理")),
    Transition("reopen", frozenset({S.COMPLETED}), S.SIGNED, gettext_lazy("重新办理")),
)
# The policy action that guards each transition (signing and returning are the receiver's one right).
POLICY_ACTION = {"return": "sign"}


def available_actions(actor, task: Task, *, has_parts: bool | None = None) -> list[Transition]:
    """The steps the page offers `actor` on a task they see: its state, the actor's roles and
    maker-checker (whoever asked to close it is not offered 验收). No query beyond `has_parts`:
    the service checks scope when the step is taken, and refuses out of scope with a 404."""
    found = []
    for t in TRANSITIONS.values():
        if task.status not in t.sources or not Task.policy.allows(actor, POLICY_ACTION.get(t.action, t.action)):
            continue
        if t.action == "accept" and not _acceptable_by(actor, task, has_parts):
            continue
        found.append(t)
    return found


def allowed_actions(actor, task: Task, *, has_parts: bool | None = None) -> list[Transition]:
    """The steps `actor` may take on `task` now, scope included (the API lists these)."""
    return [t for t in available_actions(actor, task, has_parts=has_parts)
            if Task.objects.restrict(actor, POLICY_ACTION.get(t.action, t.action)).filter(pk=task.pk).exists()]


def _acceptable_by(actor, task: Task, has_parts: bool | None) -> bool:
    if task.status == S.CLOSING:
        return task.close_requested_by_id != actor.pk
    if has_parts is None:
        has_parts = _parts(task).exists()
    return has_parts  # a whole task under way is accepted by the office through its parts


def _parts(task: Task):
    return Task.objects.unscoped("the parts of a task in scope").filter(parent_id=task.pk)


def _begin(actor, task: Task, action: str) -> tuple[Task, dict]:
    """Lock the row, check role, scope and state; the snapshot before the change."""
    get_scoped(actor, Task, task.pk, action=POLICY_ACTION.get(action, action))  # a role without the right: 404
    current = Task.objects.unscoped("locking a task the actor may act on").select_for_update().get(pk=task.pk)
    transition = TRANSITIONS[action]
    if current.status not in transition.sources:
        raise ServiceError(_("当前状态为“%(s)s”，不能%(a)s。") % {"s": current.get_status_display(),
                                                            "a": transition.label})
    return current, audit.snapshot(current)


def _finish(actor, task: Task, before: dict, action: str, message: str = "", fields=()) -> Task:
    task.status = TRANSITIONS[action].target
    save_stepped(task, "status", *fields)
    label = str(TRANSITIONS[action].label)
    audit.record_change(actor=actor, obj=task, before=before, parent=task.plan,
                        message=f"{label}：{message}" if message else label)
    light_refresh(task=task, current=True)
    return task


def _text(text: str, field: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ServiceError(message, field=field)
    return text


# -- deploy, sign, return ----------------------------------------------------------------------


@transaction.atomic
def task_deploy(*, actor, task: Task) -> Task:
    """Send a complete task to its people, who are notified; an incomplete one stays a draft.
    A split task goes out through its parts (`_deploy_parts`)."""
    current, before = _begin(actor, task, "deploy")
    if current.status == S.RETURNED:
        notices_settled(task_id=current.pk, kinds=[RETURNED])  # the office revised it and sends it again
    if _parts(current).exists():
        return _deploy_parts(actor, current, before)
    missing = missing_elements(current)
    if missing:
        raise ServiceError(_("任务要素不全，不能部署：缺少%(m)s") % {"m": "、".join(missing.values())},
                           errors=[{"field": f, "reason": _("缺少%(m)s") % {"m": m}} for f, m in missing.items()])
    current.deployed_at, current.return_reason = timezone.now(), ""
    _finish(actor, current, before, "deploy", fields=["deployed_at", "return_reason"])
    transaction.on_commit(lambda: notify_owners(task_id=current.pk, event="deployed"))
    return current


def _deploy_parts(actor, task: Task, before: dict) -> Task:
    """The parts in draft go to their units; the whole task is under way without a signature of
    its own (its unit had returned it to have it split, not to carry it whole)."""
    drafts = list(_parts(task).filter(status__in=[S.DRAFT, S.RETURNED]).select_related("lead_unit", "owner"))
    incomplete = [part for part in drafts if missing_elements(part)]
    if incomplete:
        names = "、".join(part.lead_unit.name if part.lead_unit else part.title for part in incomplete[:5])
        raise ServiceError(_("分解任务要素不全，不能部署：%(n)s") % {"n": names})
    for part in drafts:
        task_deploy(actor=actor, task=part)
    task.deployed_at, task.return_reason = task.deployed_at or timezone.now(), ""
    task.status = S.SIGNED
    save_stepped(task, "status", "deployed_at", "return_reason")
    audit.record_change(actor=actor, obj=task, before=before, parent=task.plan,
                        message=_("部署分解任务 %(n)d 项") % {"n": len(drafts)})
    light_refresh(task=task, current=True)
    return task


@transaction.atomic
def plan_deploy(*, actor, plan: Plan) -> dict[str, int]:
    """Deploy every complete draft of a plan; report how many went out and how many stay drafts."""
    plan = get_scoped(actor, Plan, plan.pk, action="deploy")
    drafts = Task.objects.editable_by(actor, "deploy").filter(plan=plan, status=S.DRAFT, parent__isnull=True)
    deployed = kept = 0
    for task in drafts.select_related("lead_unit", "owner"):
        try:
            with transaction.atomic():
                task_deploy(actor=actor, task=task)
        except ServiceError:
            kept += 1
        else:
            deployed += 1
    before = audit.snapshot(plan)
    plan.status, plan.deployed_at = PlanStatus.DEPLOYED, plan.deployed_at or timezone.now()
    plan.save(update_fields=["status", "deployed_at"])
    audit.record_change(actor=actor, obj=plan, before=before, message=_("部署计划"))
    return {"deployed": deployed, "drafts": kept}


@transaction.atomic
def task_sign(*, actor, task: Task) -> Task:
    """The owner's unit acknowledges the task (签收)."""
    current, before = _begin(actor, task, "sign")
    current.signed_at, current.signed_by = timezone.now(), actor
    _finish(actor, current, before, "sign", fields=["signed_at", "signed_by"])
    notices_settled(task_id=current.pk, kinds=[DEPLOYED])  # one signature answers the whole unit
    return current


@transaction.atomic
def task_return(*, actor, task: Task, reason: str) -> Task:
    """The owner sends the task back with a reason (退回); the office revises and redeploys."""
    reason = _text(reason, "reason", _("请填写退回理由"))
    current, before = _begin(actor, task, "return")
    current.return_reason = reason[:500]
    _finish(actor, current, before, "return", reason, fields=["return_reason"])
    notices_settled(task_id=current.pk, kinds=[DEPLOYED])  # answered, with a no
    transaction.on_commit(lambda: notify_owners(task_id=current.pk, event="returned"))
    return current


# -- 申请办结 → 验收 ------------------------------------------------------------------------------


@transaction.atomic
def task_request_close(*, actor, task: Task, note: str) -> Task:
    """申请办结: the owner or the lead unit says the work is done and how far it reached; the
    evidence (photos, files) comes with the closing report (progress.services)."""
    note = _text(note, "note", _("请填写办结说明：干到了什么程度、有哪些佐证"))
    current, before = _begin(actor, task, "request_close")
    current.close_requested_by, current.close_requested_at = actor, timezone.now()
    current.close_note, current.flow_reason = note[:5000], ""
    _finish(actor, current, before, "request_close", note[:200],
            fields=["close_requested_by", "close_requested_at", "close_note", "flow_reason"])
    transaction.on_commit(lambda: notify_owners(task_id=current.pk, event="close_requested"))
    return current


@transaction.atomic
def task_accept(*, actor, task: Task, note: str = "") -> Task:
    """验收: by the office or a leader, never by whoever asked to close it (maker-checker). A whole
    task under way is accepted through its parts, or explicitly with a note that says why."""
    current, before = _begin(actor, task, "accept")
    if current.status == S.CLOSING and current.close_requested_by_id == actor.pk:
        raise ServiceError(_("验收须由申请人以外的人员进行：您提交了本次办结申请，不能自己验收。"))
    if current.status == S.SIGNED:
        if not _parts(current).exists():
            raise ServiceError(_("任务尚未申请办结，不能验收"))
        note = _text(note, "note", _("分解任务尚未全部办结：直接验收整项任务须写明理由"))
    return _complete(actor, current, before, message=note.strip()[:200])


def _complete(actor, task: Task, before: dict, *, message: str = "", actor_name: str = "") -> Task:
    task.completed_at, task.closed_by, task.progress, task.flow_reason = timezone.now(), actor, 100, ""
    if actor is None:
        _system_finish(task, before, "accept", message, actor_name,
                       fields=["completed_at", "closed_by", "progress", "flow_reason"])
    else:
        _finish(actor, task, before, "accept", message,
                fields=["completed_at", "closed_by", "progress", "flow_reason"])
    # A finished task asks nobody for anything more: not to sign it, report on it, nor meet its dates.
    milestones = Milestone.objects.unscoped("the steps of a task just finished").filter(task=task)
    notices_settled(task_id=task.pk, milestone_ids=milestones.values_list("pk", flat=True))
    if task.parent_id:
        _accept_whole_when_parts_done(task.parent_id)
    return task


def _accept_whole_when_parts_done(parent_id: int) -> None:
    """The whole task is accepted, by the system, when its last part is."""
    if _parts(Task(pk=parent_id)).exclude(status=S.COMPLETED).exists():
        return
    parent = Task.objects.unscoped("a whole task whose parts are done").select_for_update().get(pk=parent_id)
    if parent.status in (S.SIGNED, S.CLOSING):
        _complete(None, parent, audit.snapshot(parent), message=_("各分解任务均已验收办结"),
                  actor_name=_("系统"))


def _system_finish(task: Task, before: dict, action: str, message: str, actor_name: str, fields=(),
                   refresh: bool = True) -> None:
    """A step the system takes; `refresh=False` when the caller recomputes every light right after
    (the nightly job, which at the year's end ends thousands of recurring tasks at once)."""
    task.status = TRANSITIONS[action].target if action != "end" else S.COMPLETED
    save_stepped(task, "status", *fields)
    audit.record(actor=None, actor_name=actor_name, action=AuditAction.UPDATE,
                 target=audit.Target.of(task, task.plan), before=before, after=audit.snapshot(task),
                 message=message, unit_path=task.scope_path)
    if refresh:
        light_refresh(task=task, current=True)


@transaction.atomic
def task_send_back(*, actor, task: Task, reason: str) -> Task:
    """退回办理: the checker finds the work not done; the reason goes back to the requester."""
    reason = _text(reason, "reason", _("请填写退回理由"))
    current, before = _begin(actor, task, "send_back")
    current.flow_reason = reason[:500]
    _finish(actor, current, before, "send_back", reason, fields=["flow_reason"])
    notices_settled(task_id=current.pk, kinds=[CLOSE_REQUESTED])
    transaction.on_commit(lambda: notify_owners(task_id=current.pk, event="sent_back"))
    return current


@transaction.atomic
def task_reopen(*, actor, task: Task, reason: str) -> Task:
    """重新办理: a finished task came back (上级复查不合格, 反弹); its whole task reopens with it."""
    reason = _text(reason, "reason", _("请填写重新办理的理由"))
    current, before = _begin(actor, task, "reopen")
    current.flow_reason, current.completed_at, current.closed_by = reason[:500], None, None
    _finish(actor, current, before, "reopen", reason, fields=["flow_reason", "completed_at", "closed_by"])
    if current.parent_id:
        parent = Task.objects.unscoped("the whole task of a reopened part").select_for_update().get(
            pk=current.parent_id)
        if parent.status == S.COMPLETED:
            parent_before = audit.snapshot(parent)
            parent.completed_at = parent.closed_by = None
            parent.status = S.SIGNED
            save_stepped(parent, "status", "completed_at", "closed_by")
            audit.record_change(actor=actor, obj=parent, before=parent_before, parent=parent.plan,
                                message=_("分解任务“%(t)s”重新办理") % {"t": current.title[:60]})
            light_refresh(task=parent, current=True)
    return current


# -- recurring tasks end with their time -------------------------------------------------------


def period_end(task: Task) -> dt.date | None:
    """When a recurring task's time is over: its deadline, else the end of its plan's year;
    长期坚持 without a deadline never ends."""
    if task.deadline:
        return task.deadline
    if task.recurrence == Recurrence.ONGOING:
        return None
    return dt.date(task.plan.year, 12, 31)


def tasks_end_periods(*, today: dt.date, actor_label: str = "") -> int:
    """End every recurring task whose time is over (the nightly job, which then refreshes every
    light in the same transaction); it is judged on the periods it missed (its light's reason says
    how many). Returns how many ended."""
    ended = 0
    actor_label = actor_label or _("系统")
    tasks = (Task.objects.unscoped("recurring tasks whose time may be over")
             .filter(recurrence__in=RECURRING, status__in=[S.DEPLOYED, S.SIGNED]).select_related("plan"))
    for task in tasks:
        end = period_end(task)
        if end is None or end >= today:
            continue
        before = audit.snapshot(task)
        task.completed_at = timezone.make_aware(dt.datetime.combine(end, dt.time(23, 59)))
        _system_finish(task, before, "end", _("周期任务已于 %(d)s 结束") % {"d": end.isoformat()}, actor_label,
                       fields=["completed_at"], refresh=False)  # plans.jobs refreshes every light next
        ended += 1
    return ended


# -- milestones: done with evidence by the task's people, checked by the office ----------------


@transaction.atomic
def milestone_done(*, actor, milestone: Milestone, note: str = "") -> Milestone:
    """The task's people mark a step done, saying what was done; the office checks it."""
    milestone = get_scoped(actor, Milestone, milestone.pk, action="report")
    if milestone.checked_at:
        raise ServiceError(_("该节点已核验"))
    before = audit.snapshot(milestone)
    milestone.done_at, milestone.done_by, milestone.done_note = timezone.now(), actor, (note or "").strip()[:2000]
    milestone.save(update_fields=["done_at", "done_by", "done_note"])
    audit.record_change(actor=actor, obj=milestone, before=before, parent=milestone.task, message=_("节点完成"))
    notices_settled(milestone_ids=[milestone.pk])  # the reminders of this date, not of the task
    light_refresh(task=milestone.task)
    return milestone


@transaction.atomic
def milestone_check(*, actor, milestone: Milestone, accept: bool, reason: str = "") -> Milestone:
    """核验: the office or a leader confirms a step marked done, or sends it back (it is open
    again, and lights the task by its date); nobody checks their own."""
    milestone = get_scoped(actor, Milestone, milestone.pk, action="check")
    if milestone.done_at is None or milestone.checked_at:
        raise ServiceError(_("只有已填报完成、尚未核验的节点可以核验"))
    if milestone.done_by_id == actor.pk:
        raise ServiceError(_("节点须由填报人以外的人员核验"))
    before = audit.snapshot(milestone)
    if accept:
        milestone.checked_at, milestone.checked_by = timezone.now(), actor
        message = _("节点核验通过")
    else:
        reason = _text(reason, "reason", _("请填写退回理由"))
        milestone.done_at = milestone.done_by = None
        message = _("节点退回：%(r)s") % {"r": reason}
    milestone.save(update_fields=["done_at", "done_by", "checked_at", "checked_by"])
    audit.record_change(actor=actor, obj=milestone, before=before, parent=milestone.task, message=message)
    light_refresh(task=milestone.task)
    return milestone


SERVICES = {"deploy": task_deploy, "sign": task_sign, "return": task_return, "request_close": task_request_close,
            "accept": task_accept, "send_back": task_send_back, "reopen": task_reopen}
