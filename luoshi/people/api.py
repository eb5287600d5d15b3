"""/api/v1/households/{id}/visits/: a visit sent by the phone app, often long after it was captured offline.
The fields are the visit form's (the page's own form validates them); photos come as `files`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from ninja import Header, Router, Schema, Status

from luoshi.core.errors import ServiceError
from luoshi.core.scope import get_scoped
from luoshi.people import visits
from luoshi.people.forms import VisitForm
from luoshi.people.models import Household
from luoshi.progress.api import captured_param

router = Router(tags=["people"])


class VisitOut(Schema):
    id: int
    household_id: int
    visited_on: str
    failed: int
    captured_at: str | None
    created_at: str
    report_id: int | None


@router.post("/households/{household_id}/visits/", response={200: VisitOut, 201: VisitOut},
             summary=gettext_lazy("登记走访"),
             description=gettext_lazy("multipart/form-data：走访表单的字段（各项 <项>_passed、<项>_note、<项>_problem，"
                                      "note、visited_on、report_on）、files（照片）、captured_at（离线采集时间，ISO 8601）。"
                                      "请求头 Idempotency-Key 相同的重复提交只登记一次。"))
def visit_create(request, household_id: int, idempotency_key: str = Header("", alias="Idempotency-Key")):
    actor = request.auth
    household = get_scoped(actor, Household, household_id, action="visit")
    form = VisitForm(request.POST, actor=actor)
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        label = form.fields[field].label if field in form.fields else ""
        raise ServiceError(f"{label}：{errors[0]}" if label else errors[0], field=field)
    data = form.cleaned_data
    visit = visits.visit_record(actor=actor, household=household, visited_on=data["visited_on"], note=data["note"],
                                checks=form.checks(), files=request.FILES.getlist("files"),
                                to_problem=form.to_problem(), report_on=data["report_on"],
                                captured_at=captured_param(request.POST.get("captured_at", "")),
                                idempotency_key=idempotency_key)
    out = VisitOut(id=visit.pk, household_id=household.pk, visited_on=visit.visited_on.isoformat(), failed=visit.failed,
                   captured_at=visit.captured_at.isoformat() if visit.captured_at else None,
                   created_at=visit.created_at.isoformat(), report_id=visit.report_id)
    return Status(200 if visit.replayed else 201, out)
