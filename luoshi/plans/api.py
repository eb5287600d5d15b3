"""/api/v1/ plans, lines, indicators, tasks and their actions — the pages' scope and audit."""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status

from luoshi.core.api import cached_rows
from luoshi.core.errors import ServiceError
from luoshi.core.scope import get_scoped
from luoshi.ledgers import api as ledger_api
from luoshi.ledgers import selectors as ledger_selectors
from luoshi.ledgers.registry import get_ledger
from luoshi.plans import light_style, selectors, services, task_flow
from luoshi.plans.models import Extension, Milestone, Task

router = Router(tags=["plans"])


class PlanOut(Schema):
    id: int
    title: str
    year: int
    unit_id: int
    status: str


class LineOut(Schema):
    id: int
    number: str
    name: str
    leader_id: int | None
    lead_unit_id: int | None


class IndicatorOut(Schema):
    id: int
    name: str
    unit_id: int
    line_id: int | None
    parent_id: int | None
    measure: str
    target: Decimal | None
    baseline: Decimal | None
    actual: Decimal | None
    strength: str
    register_measure: str  # the register measure that counts the actual ("" when reported): plans.measures
    source: str  # that measure's name
    light: str  # against 序时进度, from the stored actual (plans.lights.indicator_light)
    light_reason: str
    percent: int | None


class LightOut(Schema):
    value: str
    label: str
    short: str
    tone: str
    colour: str


class TaskOut(Schema):
    id: int
    plan_id: int
    line_id: int | None
    parent_id: int | None
    title: str
    requirement: str
    leader_id: int | None
    lead_unit_id: int | None
    owner_id: int | None
    start_date: dt.date | None
    deadline: dt.date | None
    recurrence: str
    status: str
    progress: int
    light: str
    light_reason: str
    close_note: str
    close_requested_at: dt.datetime | None
    completed_at: dt.datetime | None
    flow_reason: str
    version: int


class StepOut(Schema):
    action: str
    label: str


class NoteIn(Schema):
    note: str = ""


class MilestoneDoneIn(Schema):
    note: str = ""


class MilestoneCheckIn(Schema):
    accept: bool
    reason: str = ""


class MilestoneOut(Schema):
    id: int
    task_id: int
    title: str
    due_date: dt.date
    done_at: dt.datetime | None
    done_note: str
    checked_at: dt.datetime | None


# what a task list answer is read from: the tasks, their co-units (scope), the units (paths)
_TASK_FIELDS = tuple(TaskOut.model_fields)
TASK_LIST_TABLES = ("plans_task", "plans_task_co_units", "org_unit", "plans_workline")


class TaskPage(Schema):
    items: list[TaskOut]
    count: int


class TaskIn(Schema):
    plan_id: int | None = None
    title: str | None = None
    requirement: str | None = None
    line_id: int | None = None
    leader_id: int | None = None
    lead_unit_id: int | None = None
    owner_id: int | None = None
    co_unit_ids: list[int] | None = None
    start_date: dt.date | None = None
    deadline: dt.date | None = None
    recurrence: str | None = None
    version: int | None = None


class ReasonIn(Schema):
    reason: str


class ExtensionIn(Schema):
    new_deadline: dt.date
    reason: str


class DecisionIn(Schema):
    approve: bool
    note: str = ""


class ExtensionOut(Schema):
    id: int
    task_id: int
    old_deadline: dt.date
    new_deadline: dt.date
    reason: str
    status: str


class TaskQuery(Schema):
    """The task list's filters (plans/ledgers.py declares them for the page, the export and this)."""

    plan: int | None = None
    line: str = Field("", description=gettext_lazy("工作专线编号；none 为未分专线"))
    unit: int | None = Field(None, description=gettext_lazy("单位编号（含其下级）"))
    light: str = ""
    status: str = ""
    overdue: bool = False
    mine: bool = False
    whole: bool = Field(False, description=gettext_lazy("仅整项任务（分解到各村的任务只计一项）"))
    q: str = ""
    sort: str = Field("", description=gettext_lazy("排序列名，前加 - 为倒序，如 deadline、-deadline、light、title"))
    page: int = 1
    page_size: int = 20


@router.get("/lights/", response=list[LightOut], summary=gettext_lazy("红黄绿灯：名称、简称、Bootstrap 色调与颜色（任务和问题共用）"))
def light_list(request):
    """What a task's or a problem's `light` value means and how the pages show it (plans/light_style.py)."""
    return light_style.as_json()


@router.get("/plans/", response=list[PlanOut], summary=gettext_lazy("工作计划"))
def plan_list(request):
    return list(selectors.plan_list(actor=request.auth))


@router.get("/plans/{plan_id}/", response=PlanOut, summary=gettext_lazy("工作计划详情"))
def plan_detail(request, plan_id: int):
    return selectors.plan_get(actor=request.auth, pk=plan_id)


@router.get("/plans/{plan_id}/lines/", response=list[LineOut], summary=gettext_lazy("工作专线"))
def line_list(request, plan_id: int):
    return list(selectors.plan_lines(actor=request.auth, plan=selectors.plan_get(actor=request.auth, pk=plan_id)))


@router.get("/plans/{plan_id}/indicators/", response=list[IndicatorOut], summary=gettext_lazy("指标"))
def indicator_list(request, plan_id: int):
    plan = selectors.plan_get(actor=request.auth, pk=plan_id)
    return selectors.indicator_board(actor=request.auth, plan=plan)


@router.get("/tasks/", response=TaskPage, summary=gettext_lazy("任务列表（与页面相同的筛选）"))
def task_list(request, query: Query[TaskQuery]):
    """The rows of the one task list (the tasks ledger's filters and sort), as TaskOut values."""
    ledger = get_ledger("tasks")

    def build():
        return ledger_selectors.paged_values(actor=request.auth, ledger=ledger,
                                             state=ledger_selectors.parse_state(ledger, request.GET),
                                             fields=_TASK_FIELDS, page=query.page, page_size=query.page_size)

    return cached_rows(request, tables=TASK_LIST_TABLES, build=build)


@router.get("/tasks/{task_id}/", response=TaskOut, summary=gettext_lazy("任务详情"))
def task_detail(request, task_id: int):
    return get_scoped(request.auth, Task, task_id)


# TaskIn's names for the form's fields (the API names a relation by its id)
_FORM_FIELDS = {"plan_id": "plan", "line_id": "line", "leader_id": "leader", "lead_unit_id": "lead_unit",
                "owner_id": "owner", "co_unit_ids": "co_units"}


_API_FIELDS = {form: api for api, form in _FORM_FIELDS.items()}


def _through_form(write, payload: TaskIn, *args):
    """Write through the tasks ledger (the one task form and its service); errors name the fields
    as the client sent them."""
    data = {_FORM_FIELDS.get(key, key): value for key, value in payload.dict(exclude_unset=True).items()}
    try:
        return write(*args, data)
    except ServiceError as error:
        for entry in error.errors:
            entry["field"] = _API_FIELDS.get(entry.get("field"), entry.get("field"))
        raise


@router.post("/tasks/", response={201: TaskOut}, summary=gettext_lazy("新增任务（草稿；与页面表单相同的校验）"))
def task_create(request, payload: TaskIn):
    """Validated by the one task form (plans.forms.TaskForm), written by the tasks ledger's service."""
    return Status(201, _through_form(ledger_api.create_object, payload, request.auth, get_ledger("tasks")))


@router.patch("/tasks/{task_id}/", response=TaskOut, summary=gettext_lazy("修改任务（须带上读取时的 version）"))
def task_update(request, task_id: int, payload: TaskIn):
    return _through_form(ledger_api.update_object, payload, request.auth, get_ledger("tasks"), task_id)


@router.post("/tasks/{task_id}/deploy/", response=TaskOut, summary=gettext_lazy("部署任务"))
def task_deploy(request, task_id: int):
    return services.task_deploy(actor=request.auth, task=get_scoped(request.auth, Task, task_id, action="deploy"))


@router.post("/tasks/{task_id}/sign/", response=TaskOut, summary=gettext_lazy("签收任务"))
def task_sign(request, task_id: int):
    return services.task_sign(actor=request.auth, task=get_scoped(request.auth, Task, task_id, action="sign"))


@router.post("/tasks/{task_id}/return/", response=TaskOut, summary=gettext_lazy("退回任务"))
def task_return(request, task_id: int, payload: ReasonIn):
    task = get_scoped(request.auth, Task, task_id, action="sign")
    return services.task_return(actor=request.auth, task=task, reason=payload.reason)


@router.post("/tasks/{task_id}/extensions/", response={201: ExtensionOut}, summary=gettext_lazy("申请延期"))
def extension_request(request, task_id: int, payload: ExtensionIn):
    task = get_scoped(request.auth, Task, task_id, action="extend")
    return Status(201, services.extension_request(actor=request.auth, task=task, **payload.dict()))


@router.post("/extensions/{extension_id}/decide/", response=ExtensionOut, summary=gettext_lazy("审批延期申请"))
def extension_decide(request, extension_id: int, payload: DecisionIn):
    extension = get_scoped(request.auth, Extension, extension_id, action="decide")
    return services.extension_decide(actor=request.auth, extension=extension, **payload.dict())


# -- the end of a task's life (plans.task_flow): the same transitions as the page ------------------


@router.get("/tasks/{task_id}/actions/", response=list[StepOut], summary=gettext_lazy("当前可执行的任务操作"))
def task_actions(request, task_id: int):
    task = get_scoped(request.auth, Task, task_id)
    return [{"action": t.action, "label": str(t.label)} for t in task_flow.allowed_actions(request.auth, task)]


@router.post("/tasks/{task_id}/request_close/", response=TaskOut,
             summary=gettext_lazy("申请办结（佐证照片、文件先作为进展上报）"))
def task_request_close(request, task_id: int, payload: NoteIn):
    task = get_scoped(request.auth, Task, task_id, action="request_close")
    return task_flow.task_request_close(actor=request.auth, task=task, note=payload.note)


@router.post("/tasks/{task_id}/accept/", response=TaskOut, summary=gettext_lazy("验收办结（申请人以外的人员）"))
def task_accept(request, task_id: int, payload: NoteIn):
    task = get_scoped(request.auth, Task, task_id, action="accept")
    return task_flow.task_accept(actor=request.auth, task=task, note=payload.note)


@router.post("/tasks/{task_id}/send_back/", response=TaskOut, summary=gettext_lazy("退回办理（须说明理由）"))
def task_send_back(request, task_id: int, payload: ReasonIn):
    task = get_scoped(request.auth, Task, task_id, action="send_back")
    return task_flow.task_send_back(actor=request.auth, task=task, reason=payload.reason)


@router.post("/tasks/{task_id}/reopen/", response=TaskOut, summary=gettext_lazy("重新办理（须说明理由）"))
def task_reopen(request, task_id: int, payload: ReasonIn):
    task = get_scoped(request.auth, Task, task_id, action="reopen")
    return task_flow.task_reopen(actor=request.auth, task=task, reason=payload.reason)


@router.post("/milestones/{milestone_id}/done/", response=MilestoneOut, summary=gettext_lazy("填报时间节点完成"))
def milestone_done(request, milestone_id: int, payload: MilestoneDoneIn):
    milestone = get_scoped(request.auth, Milestone, milestone_id, action="report")
    return task_flow.milestone_done(actor=request.auth, milestone=milestone, note=payload.note)


@router.post("/milestones/{milestone_id}/check/", response=MilestoneOut, summary=gettext_lazy("核验时间节点"))
def milestone_check(request, milestone_id: int, payload: MilestoneCheckIn):
    milestone = get_scoped(request.auth, Milestone, milestone_id, action="check")
    return task_flow.milestone_check(actor=request.auth, milestone=milestone, accept=payload.accept,
                                     reason=payload.reason)
