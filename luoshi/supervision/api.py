"""/api/v1/ urges, problem transitions and inspections: the same services and scope as the pages."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from luoshi.core.api import page_params
from luoshi.core.errors import NotAllowed
from luoshi.core.scope import get_scoped
from luoshi.org.models import Person, Unit
from luoshi.plans.models import Task
from luoshi.progress.models import ProgressReport
from luoshi.supervision import difficulties, inspecting, problem_flow, selectors, urging
from luoshi.supervision.models import Inspection, Problem, Urge

router = Router(tags=["supervision"])


class UrgeIn(Schema):
    colour: str | None = None
    message: str = ""
    due: dt.date | None = None


class UrgeOut(Schema):
    id: int
    number: str
    task_id: int
    task: str
    colour: str
    proposed_colour: str
    reason: str
    message: str
    due: dt.date | None
    source: str
    status: str
    level: int
    owner: str
    head: str | None
    leader: str | None
    issued_by: str
    issued_at: dt.datetime
    answer: str
    answered_at: dt.datetime | None


class UrgePage(Schema):
    items: list[UrgeOut]
    count: int


class AnswerIn(Schema):
    answer: str


def _urge_out(u: Urge) -> UrgeOut:
    return UrgeOut(id=u.pk, number=u.number, task_id=u.task_id, task=u.task.title, colour=u.colour,
                   proposed_colour=u.proposed_colour, reason=u.reason, message=u.message, due=u.due, source=u.source,
                   status=u.status, level=u.level, owner=u.owner.name, head=u.head.name if u.head_id else None,
                   leader=u.leader.name if u.leader_id else None, issued_by=u.issued_by.display_name,
                   issued_at=u.issued_at, answer=u.answer, answered_at=u.answered_at)


@router.post("/tasks/{task_id}/urges/", response={201: UrgeOut}, summary=gettext_lazy("下发督办单（不填 colour 则按任务状态建议）"))
def urge_create(request, task_id: int, payload: UrgeIn):
    task = get_scoped(request.auth, Task, task_id)
    urge = urging.urge_issue(actor=request.auth, task=task, **payload.dict())
    return Status(201, _urge_out(selectors.urge_get(actor=request.auth, pk=urge.pk)))


@router.get("/urges/", response=UrgePage, summary=gettext_lazy("督办单（mine=true：发给我或我发出的）"))
def urge_list(request, status: str = "", colour: str = "", mine: bool = False, page: int = 1, page_size: int = 20):
    urges = selectors.urge_list(actor=request.auth, status=status, colour=colour, mine=mine).select_related(
        "head", "leader")
    start, size = page_params(page, page_size)
    return {"items": [_urge_out(u) for u in urges[start:start + size]], "count": urges.count()}


@router.get("/urges/{urge_id}/", response=UrgeOut, summary=gettext_lazy("督办单详情"))
def urge_detail(request, urge_id: int):
    return _urge_out(selectors.urge_get(actor=request.auth, pk=urge_id))


@router.post("/urges/{urge_id}/answer/", response=UrgeOut, summary=gettext_lazy("答复督办单"))
def urge_answer(request, urge_id: int, payload: AnswerIn):
    urge = selectors.urge_get(actor=request.auth, pk=urge_id)
    urging.urge_answer(actor=request.auth, urge=urge, answer=payload.answer)
    return _urge_out(selectors.urge_get(actor=request.auth, pk=urge_id))


# -- problems: one endpoint per transition ---------------------------------------------------------
class ProblemOut(Schema):
    id: int
    title: str
    status: str
    owner_id: int | None
    deadline: dt.date | None
    evidence: str
    light: str
    light_reason: str
    closing_requested_by: str | None
    closed_by: str | None
    version: int


class AssignIn(Schema):
    owner_id: int
    deadline: dt.date | None = None
    measures: str = ""


class ReasonIn(Schema):
    reason: str


def _problem_out(actor, pk: int) -> ProblemOut:
    p = selectors.problem_get(actor=actor, pk=pk)
    light, reason = problem_flow.problem_light(p)
    return ProblemOut(id=p.pk, title=p.title, status=p.status, owner_id=p.owner_id, deadline=p.deadline,
                      evidence=p.evidence, light=light, light_reason=reason, version=p.version,
                      closing_requested_by=p.closing_requested_by.display_name if p.closing_requested_by else None,
                      closed_by=p.closed_by.display_name if p.closed_by else None)


def _problem(request, problem_id: int) -> Problem:
    return get_scoped(request.auth, Problem, problem_id)


class StepOut(Schema):
    action: str
    label: str


@router.get("/problems/{problem_id}/actions/", response=list[StepOut], summary=gettext_lazy("当前可执行的问题操作"))
def problem_actions(request, problem_id: int):
    """The workflow steps the caller may take now (state, role, scope, maker-checker), as the page offers them."""
    problem = _problem(request, problem_id)
    return [{"action": t.action, "label": str(t.label)} for t in problem_flow.allowed_actions(request.auth, problem)]


@router.post("/problems/{problem_id}/assign/", response=ProblemOut, summary=gettext_lazy("交办问题"))
def problem_assign(request, problem_id: int, payload: AssignIn):
    owner = get_scoped(request.auth, Person, payload.owner_id)
    problem_flow.problem_assign(actor=request.auth, problem=_problem(request, problem_id), owner=owner,
                                deadline=payload.deadline, measures=payload.measures)
    return _problem_out(request.auth, problem_id)


@router.post("/problems/{problem_id}/start/", response=ProblemOut, summary=gettext_lazy("开始整改"))
def problem_start(request, problem_id: int):
    problem_flow.problem_start(actor=request.auth, problem=_problem(request, problem_id))
    return _problem_out(request.auth, problem_id)


@router.post("/problems/{problem_id}/request_close/", response=ProblemOut, summary=gettext_lazy("申请销号"),
             description=gettext_lazy("multipart/form-data：evidence（整改佐证，必填）、files（照片或文件，可多个）"))
def problem_request_close(request, problem_id: int, evidence: Form[str] = "",
                          files: File[list[UploadedFile]] = None):
    problem_flow.problem_request_close(actor=request.auth, problem=_problem(request, problem_id), evidence=evidence,
                                       files=files or [])
    return _problem_out(request.auth, problem_id)


@router.post("/problems/{problem_id}/close/", response=ProblemOut, summary=gettext_lazy("核验销号（须由申请人以外的人员）"))
def problem_close(request, problem_id: int):
    problem_flow.problem_close(actor=request.auth, problem=_problem(request, problem_id))
    return _problem_out(request.auth, problem_id)


@router.post("/problems/{problem_id}/send_back/", response=ProblemOut, summary=gettext_lazy("退回整改"))
def problem_send_back(request, problem_id: int, payload: ReasonIn):
    problem_flow.problem_send_back(actor=request.auth, problem=_problem(request, problem_id), reason=payload.reason)
    return _problem_out(request.auth, problem_id)


@router.post("/problems/{problem_id}/reopen/", response=ProblemOut, summary=gettext_lazy("重新整改"))
def problem_reopen(request, problem_id: int, payload: ReasonIn):
    problem_flow.problem_reopen(actor=request.auth, problem=_problem(request, problem_id), reason=payload.reason)
    return _problem_out(request.auth, problem_id)


@router.post("/reports/{report_id}/problem/", response={201: ProblemOut},
             summary=gettext_lazy("进展上报中的困难和问题转为问题（党政办或任务牵头单位；每次上报只能转一次）"))
def report_problem(request, report_id: int):
    report = get_scoped(request.auth, ProgressReport, report_id)
    problem = difficulties.report_to_problem(actor=request.auth, report=report)
    return Status(201, _problem_out(request.auth, problem.pk))


# -- inspections --------------------------------------------------------------------------------------
class FindingOut(Schema):
    id: int
    text: str
    problem_id: int | None


class InspectionOut(Schema):
    id: int
    date: dt.date
    unit_id: int
    task_id: int | None
    place: str
    rating: str
    summary: str
    findings: list[FindingOut]


class InspectionPage(Schema):
    items: list[InspectionOut]
    count: int


class InspectionIn(Schema):
    date: dt.date
    unit_id: int | None = None
    task_id: int | None = None
    place: str = ""
    inspector_ids: list[int] = []
    findings: list[str] = []
    rating: str = "fair"
    summary: str = ""


def _inspection_out(actor, i: Inspection) -> InspectionOut:
    findings = selectors.inspection_findings(actor=actor, inspection=i)
    return InspectionOut(id=i.pk, date=i.date, unit_id=i.unit_id, task_id=i.task_id, place=i.place, rating=i.rating,
                         summary=i.summary, findings=[FindingOut(id=f.pk, text=f.text, problem_id=f.problem_id)
                                                      for f in findings])


@router.get("/inspections/", response=InspectionPage, summary=gettext_lazy("一线督导记录"))
def inspection_list(request, page: int = 1, page_size: int = 20):
    if not Inspection.policy.allows(request.auth, "view"):
        raise NotAllowed()
    inspections = selectors.inspection_list(actor=request.auth)
    start, size = page_params(page, page_size)
    return {"items": [_inspection_out(request.auth, i) for i in inspections[start:start + size]],
            "count": inspections.count()}


@router.post("/inspections/", response={201: InspectionOut}, summary=gettext_lazy("记录一线督导（findings 每项一条发现）"))
def inspection_create(request, payload: InspectionIn):
    actor = request.auth
    unit = get_scoped(actor, Unit, payload.unit_id) if payload.unit_id else None
    task = get_scoped(actor, Task, payload.task_id) if payload.task_id else None
    inspectors = [get_scoped(actor, Person, pk) for pk in payload.inspector_ids]
    inspection = inspecting.inspection_create(actor=actor, date=payload.date, unit=unit, task=task,
                                              place=payload.place, inspectors=inspectors, findings=payload.findings,
                                              rating=payload.rating, summary=payload.summary)
    return Status(201, _inspection_out(actor, selectors.inspection_get(actor=actor, pk=inspection.pk)))


@router.post("/findings/{finding_id}/problem/", response={201: ProblemOut}, summary=gettext_lazy("督查发现转为问题"))
def finding_problem(request, finding_id: int):
    from luoshi.supervision.models import Finding

    finding = get_scoped(request.auth, Finding, finding_id)
    problem = inspecting.finding_to_problem(actor=request.auth, finding=finding)
    return Status(201, _problem_out(request.auth, problem.pk))
