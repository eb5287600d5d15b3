"""/api/v1/projects/{id}/steps/: a project's steps (签约, 开工 … 跟进) through the API, with the page's
rules, scope and audit. The register's list, read, create, edit and delete are the ledger engine's
(/api/v1/projects/)."""

import datetime as dt

from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status

from luoshi.core.scope import get_scoped
from luoshi.economy import project_flow
from luoshi.economy.models import InvestmentProject, ProjectStep

router = Router(tags=["economy"])


class StepIn(Schema):
    action: str  # negotiate, sign, start, produce, drop, resume, follow_up
    date: dt.date
    note: str


class StepOut(Schema):
    id: int
    action: str
    stage: str
    date: dt.date
    note: str


class ProjectStateOut(Schema):
    id: int
    stage: str
    yi_project: bool
    followed_on: dt.date | None
    light: str
    light_reason: str
    steps: list[StepOut]


def _state(actor, project: InvestmentProject) -> dict:
    light, reason = project_flow.project_light(project)
    steps = ProjectStep.objects.visible_to(actor).filter(project=project).order_by("-date", "-id")
    return {"id": project.pk, "stage": project.stage, "yi_project": project.yi_project,
            "followed_on": project.followed_on, "light": light, "light_reason": reason, "steps": list(steps)}


@router.get("/projects/{project_id}/steps/", response=ProjectStateOut, summary=gettext_lazy("招商项目的阶段、跟进情况与推进记录"))
def project_steps(request, project_id: int):
    return _state(request.auth, get_scoped(request.auth, InvestmentProject, project_id))


@router.post("/projects/{project_id}/steps/", response={201: ProjectStateOut},
             summary=gettext_lazy("推进招商项目（签约、开工、投产、终止……）或记录一次跟进"))
def project_step(request, project_id: int, payload: StepIn):
    project = get_scoped(request.auth, InvestmentProject, project_id)
    project = project_flow.project_step(actor=request.auth, project=project, **payload.dict())
    return Status(201, _state(request.auth, project))
