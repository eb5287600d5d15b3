"""实事承诺: the writes of a commitment (declared on the ledger engine in `ledgers.py`) and the
commitments board of a village.

A commitment is carried out as a task of its year's plan: recording it makes the task (what → the
title, the standard of done → 目标要求, by when → 完成时限, the village as 牵头单位) and deploys it
when the plan is deployed; an edit of what, standard, date or line is carried to the task. From there
the task's own life (签收, reports with photos, 申请办结 → 验收) is the commitment's: its state is read
from the task, never stored, and "done" means the task is 已办结."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.assessment.models import Commitment
from luoshi.core import audit
from luoshi.core.errors import ServiceError
from luoshi.ledgers.writes import Writes
from luoshi.org.models import UnitKind
from luoshi.plans import light_style, task_flow
from luoshi.plans import services as plans
from luoshi.plans.models import Light, Plan, PlanStatus, Task, TaskStatus
from luoshi.progress.models import Attachment, ProgressReport

FIELDS = ("village", "year", "title", "deadline", "standard", "promised_by", "promised_on", "line", "note")
CARRIED = {"title": "title", "standard": "requirement", "deadline": "deadline", "line_id": "line"}


def _plan_of(actor, commitment: Commitment) -> Plan:
    """The plan of the commitment's year for its township: the newest deployed one, else a draft."""
    if commitment.line_id:
        return commitment.line.plan
    plans_ = [p for p in Plan.objects.visible_to(actor).filter(year=commitment.year).select_related("unit")
              .order_by("-id") if commitment.village.is_within(p.unit)]
    plan = next((p for p in plans_ if p.status != PlanStatus.DRAFT), None) or next(iter(plans_), None)
    if plan is None:
        raise ServiceError(_("%(y)s年还没有工作计划：承诺实事要作为计划中的任务落实，请先建立计划") % {
            "y": commitment.year}, field="year")
    return plan


def _prepare(*, actor, obj: Commitment, before) -> None:
    if obj.village.kind != UnitKind.VILLAGE:
        raise ServiceError(_("“%(u)s”不是村，请选择一个村") % {"u": obj.village.name}, field="village")
    if before is not None and (before["village_id"] != obj.village_id or before["year"] != obj.year):
        raise ServiceError(_("承诺已登记，不能改到另一个村或另一年"), field="village")
    if obj.line_id and obj.line.plan.year != obj.year:
        raise ServiceError(_("所选工作专线不属于%(y)s年的计划") % {"y": obj.year}, field="line")
    if obj.deadline and obj.deadline.year not in (obj.year, obj.year + 1):
        raise ServiceError(_("承诺完成时限应在承诺年度内"), field="deadline")
    if not (obj.standard or "").strip():
        raise ServiceError(_("请填写完成标准：怎样算办成"), field="standard")
    obj.scope_path = obj.village.path


def _after(*, actor, obj: Commitment, before) -> None:
    """A new commitment becomes a task (deployed with a deployed plan); an edit is carried to it."""
    if before is None:
        plan = _plan_of(actor, obj)
        task = plans.task_create(actor=actor, plan=plan, line=obj.line, title=obj.title, requirement=obj.standard,
                                 lead_unit=obj.village, deadline=obj.deadline,
                                 start_date=min(obj.promised_on or timezone.localdate(), obj.deadline),
                                 deadline_text=_("承诺于 %(d)s 前完成") % {"d": obj.deadline.isoformat()},
                                 source_text=_("实事承诺（承诺人：%(p)s）") % {"p": obj.promised_by})
        if plan.status != PlanStatus.DRAFT:
            task = task_flow.task_deploy(actor=actor, task=task)
        Commitment.objects.unscoped("the commitment just written").filter(pk=obj.pk).update(task=task)
        obj.task = task
        return
    now = audit.snapshot(obj)
    changed = {task_field: getattr(obj, task_field if field == "line_id" else field)
               for field, task_field in CARRIED.items() if before.get(field) != now.get(field)}
    if changed and obj.task_id:
        task = Task.objects.editable_by(actor).get(pk=obj.task_id)
        plans.task_update(actor=actor, task=task, version=task.version, **changed)


WRITES = Writes(model=Commitment, fields=FIELDS, prepare=_prepare, after=_after)


# ---- the board -----------------------------------------------------------------------------------

class State:
    """A commitment's state as its board shows it, read from its task."""

    DONE, CLOSING, OVERDUE, RED, YELLOW, GREEN, NOT_STARTED = (
        "done", "closing", "overdue", "red", "yellow", "green", "not_started")
    # a red or yellow one is shown as its task's light (plans.light_style: the light's one look)
    LABELS = {DONE: gettext_lazy("已兑现"), CLOSING: gettext_lazy("待验收"), OVERDUE: gettext_lazy("已逾期"),
              RED: light_style.RED.light.label, YELLOW: light_style.YELLOW.light.label, GREEN: gettext_lazy("推进中"),
              NOT_STARTED: gettext_lazy("未部署")}
    TONES = {DONE: "success", CLOSING: "info", OVERDUE: "danger", RED: light_style.RED.tone,
             YELLOW: light_style.YELLOW.tone, GREEN: "success", NOT_STARTED: "secondary"}


def state_of(task: Task | None, today: dt.date) -> str:
    if task is None or task.status in (TaskStatus.DRAFT, TaskStatus.RETURNED):
        return State.NOT_STARTED
    if task.status == TaskStatus.COMPLETED:
        return State.DONE
    if task.status == TaskStatus.CLOSING:
        return State.CLOSING
    if task.deadline and task.deadline < today:
        return State.OVERDUE
    return {Light.RED: State.RED, Light.YELLOW: State.YELLOW}.get(task.light, State.GREEN)


def commitments_of(*, actor, year: int, village=None):
    rows = Commitment.objects.visible_to(actor).filter(year=year).select_related("village", "task", "line")
    if village is not None:
        rows = rows.filter(scope_path__under=village.path)
    return rows.order_by("scope_path", "deadline", "id")


def board(*, actor, village, year: int, today: dt.date | None = None) -> dict:
    """A village's commitments of a year: each with its state, its task, and the evidence (reports and
    the photos or files attached to them), counted in two queries whatever the number."""
    today = today or timezone.localdate()
    rows = list(commitments_of(actor=actor, year=year, village=village))
    task_ids = [c.task_id for c in rows if c.task_id]
    reports = dict(ProgressReport.objects.visible_to(actor).filter(task_id__in=task_ids).order_by()
                   .values("task_id").annotate(n=Count("pk")).values_list("task_id", "n"))
    report_task = dict(ProgressReport.objects.visible_to(actor).filter(task_id__in=task_ids)
                       .values_list("pk", "task_id"))
    files: dict[int, int] = {}
    for owner_id in Attachment.objects.visible_to(actor).filter(
            owner_type=ContentType.objects.get_for_model(ProgressReport),
            owner_id__in=list(report_task)).values_list("owner_id", flat=True):
        files[report_task[owner_id]] = files.get(report_task[owner_id], 0) + 1
    items = []
    for c in rows:
        state = state_of(c.task, today)
        items.append({"commitment": c, "state": state, "state_label": State.LABELS[state],
                      "tone": State.TONES[state], "reports": reports.get(c.task_id, 0),
                      "files": files.get(c.task_id, 0),
                      "done_at": c.task.completed_at if state == State.DONE else None})
    done = sum(1 for i in items if i["state"] == State.DONE)
    return {"items": items, "total": len(items), "done": done}


def township_board(*, actor, year: int, today: dt.date | None = None) -> list[dict]:
    """Per village the reader sees: commitments made and done this year (the township's overview)."""
    today = today or timezone.localdate()
    out: dict[int, dict] = {}
    for c in commitments_of(actor=actor, year=year):
        row = out.setdefault(c.village_id, {"village": c.village, "total": 0, "done": 0, "overdue": 0})
        state = state_of(c.task, today)
        row["total"] += 1
        row["done"] += state == State.DONE
        row["overdue"] += state == State.OVERDUE
    return sorted(out.values(), key=lambda r: r["village"].path)
