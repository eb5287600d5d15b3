"""/api/v1/tasks/{id}/reports/ and /api/v1/attachments/{id}/: the same services and scope as the pages."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import File, Form, Header, Router, Schema, Status
from ninja.files import UploadedFile

from luoshi.core.api import page_params
from luoshi.core.errors import ServiceError
from luoshi.core.scope import get_scoped
from luoshi.plans.models import Task
from luoshi.progress import selectors, services
from luoshi.progress.models import Attachment, ProgressReport
from luoshi.progress.views import file_response

router = Router(tags=["progress"])


class AttachmentOut(Schema):
    id: int
    name: str
    mime: str
    size: int
    width: int | None
    height: int | None
    taken_at: str | None
    gps_lat: float | None
    gps_lon: float | None
    url: str


class ValueOut(Schema):
    indicator_id: int
    indicator: str
    value: str


class ReportOut(Schema):
    id: int
    task_id: int
    reporter: str
    unit: str | None
    period: str
    text: str
    percent: int | None
    difficulties: list[str]
    values: list[ValueOut]
    attachments: list[AttachmentOut]
    created_at: str
    captured_at: str | None = None
    counted_at: str


class ReportPage(Schema):
    items: list[ReportOut]
    count: int


def _attachment_out(a: Attachment) -> AttachmentOut:
    return AttachmentOut(id=a.pk, name=a.name, mime=a.mime, size=a.size, width=a.width, height=a.height,
                         taken_at=a.taken_at.isoformat() if a.taken_at else None,
                         gps_lat=float(a.gps_lat) if a.gps_lat is not None else None,
                         gps_lon=float(a.gps_lon) if a.gps_lon is not None else None,
                         url=f"/api/v1/attachments/{a.pk}/")


def _report_out(r: ProgressReport) -> ReportOut:
    return ReportOut(
        id=r.pk, task_id=r.task_id, reporter=r.reporter_name, unit=r.unit.name if r.unit else None, period=r.period,
        text=r.text, percent=r.percent, difficulties=r.difficulty_items,
        values=[ValueOut(indicator_id=v.indicator_id, indicator=v.indicator.name, value=str(v.value))
                for v in getattr(r, "value_list", [])],
        attachments=[_attachment_out(a) for a in getattr(r, "attachment_list", [])],
        created_at=r.created_at.isoformat(), captured_at=r.captured_at.isoformat() if r.captured_at else None,
        counted_at=r.counts_at.isoformat(),
    )


@router.get("/tasks/{task_id}/reports/", response=ReportPage, summary=gettext_lazy("任务的进展上报"))
def report_list(request, task_id: int, page: int = 1, page_size: int = 20):
    task = get_scoped(request.auth, Task, task_id)
    reports = selectors.reports_for_task(actor=request.auth, task=task)
    start, size = page_params(page, page_size)
    return {"items": [_report_out(r) for r in reports[start:start + size]], "count": len(reports)}


@router.post("/tasks/{task_id}/reports/", response={200: ReportOut, 201: ReportOut}, summary=gettext_lazy("上报进展"),
             description=gettext_lazy("multipart/form-data：text、percent、difficulties（每行一条）、values（JSON：{指标ID: 数值}）、"
                          "files（照片或文件，可多个）、captured_at（离线采集时间，ISO 8601，可留空）。"
                          "请求头 Idempotency-Key 相同的重复提交只生成一条上报。"))
def report_create(request, task_id: int, text: Form[str], percent: Form[int | None] = None,
                  difficulties: Form[str] = "", values: Form[str] = "", files: File[list[UploadedFile]] = None,
                  captured_at: Form[str] = "", idempotency_key: str = Header("", alias="Idempotency-Key")):
    # the service reads the task through the scope (not reportable: 403, not in scope: 404)
    report = services.report_submit(actor=request.auth, task=task_id, text=text, percent=percent,
                                    difficulties=difficulties, values=_values(values), files=files or [],
                                    idempotency_key=idempotency_key, captured_at=captured_param(captured_at))
    if report.replayed:  # an earlier request wrote it: read it back whole
        return Status(200, _report_out(selectors.report_get(actor=request.auth, report=report)))
    return Status(201, _report_out(report))


def captured_param(raw: str) -> dt.datetime | None:
    """The capture time a phone sent with work it kept while offline: ISO 8601 with its offset."""
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        stamp = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
        if timezone.is_naive(stamp):
            raise ServiceError(_("采集时间须带时区"), field="captured_at")
        return stamp.astimezone(dt.UTC)  # out of range (year 1 east of Greenwich) fails here, not in a comparison
    except (ValueError, OverflowError) as exc:
        raise ServiceError(_("采集时间格式不对，应为 ISO 8601"), field="captured_at") from exc


def _values(raw: str) -> dict:
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
        return {int(k): Decimal(str(v)) for k, v in data.items()}
    except (ValueError, TypeError, AttributeError, ArithmeticError) as exc:
        raise ServiceError(_("values 应为 JSON 对象：{指标ID: 数值}"), field="values") from exc


@router.get("/attachments/{attachment_id}/", summary=gettext_lazy("下载附件"), response={200: None})
def attachment_file(request, attachment_id: int, thumb: bool = False):
    attachment = selectors.attachment_get(actor=request.auth, pk=attachment_id)
    return file_response(attachment, thumbnail=thumb, download=True)
