"""/api/v1/shifts/{id}/check-in/: the on-duty check-in, from the page's phone app when it was kept offline."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from ninja import Form, Header, Router, Schema, Status

from luoshi.emergency import duty, selectors
from luoshi.progress.api import captured_param

router = Router(tags=["emergency"])


class CheckInOut(Schema):
    id: int
    checked_in_at: str
    received_at: str | None
    light: str
    light_reason: str


@router.post("/shifts/{shift_id}/check-in/", response={200: CheckInOut, 201: CheckInOut},
             summary=gettext_lazy("值班签到"),
             description=gettext_lazy("multipart/form-data：captured_at（离线采集时间，ISO 8601，可留空）。"
                                      "请求头 Idempotency-Key 相同的重复提交只签到一次。"))
def shift_check_in(request, shift_id: int, captured_at: Form[str] = "",
                   idempotency_key: str = Header("", alias="Idempotency-Key")):
    shift = selectors.shift_get(actor=request.auth, pk=shift_id)
    done = duty.shift_check_in(actor=request.auth, shift=shift, captured_at=captured_param(captured_at),
                               idempotency_key=idempotency_key)
    out = CheckInOut(id=done.pk, checked_in_at=done.checked_in_at.isoformat(),
                     received_at=done.check_in_received_at.isoformat() if done.check_in_received_at else None,
                     light=done.light, light_reason=done.light_reason)
    return Status(200 if done.replayed else 201, out)
