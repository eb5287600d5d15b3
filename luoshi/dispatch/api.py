"""/api/v1/dispatches/ and /api/v1/dispatch-rounds/: schedules (new, edit, stop, restart), roll
calls and their boards. A schedule is validated by the page's form and written by the page's
services, so its rules, scope, 409 on a stale `version` and audit entries are the page's."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status

from luoshi.core.api import paged
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.dispatch import selectors, services
from luoshi.dispatch.forms import DispatchForm
from luoshi.dispatch.models import Dispatch

router = Router(tags=["dispatch"])


class DispatchOut(Schema):
    id: int
    name: str
    unit: str
    unit_id: int
    weekdays: list[int]
    time: str
    window_minutes: int
    active: bool
    version: int


class DispatchDetail(DispatchOut):
    person_ids: list[int]
    task_ids: list[int]


class DispatchIn(Schema):
    """A new schedule, or the fields of one to change (each left out keeps its stored value)."""

    name: str | None = None
    unit_id: int | None = None
    weekdays: list[int] | None = None
    time: dt.time | None = None
    window_minutes: int | None = None
    person_ids: list[int] | None = None
    task_ids: list[int] | None = None


class DispatchPatch(DispatchIn):
    version: int | None = None


class DispatchPage(Schema):
    items: list[DispatchOut]
    count: int


class RowOut(Schema):
    person_id: int
    name: str
    unit: str
    reported: bool
    reported_at: str | None
    text: str
    difficulties: list[str]


class SkippedOut(Schema):
    """Someone the schedule names whom the round did not call: they could not report on any of its tasks."""

    person_id: int
    name: str
    unit: str


class RoundOut(Schema):
    id: int
    dispatch_id: int
    date: str
    status: str
    opened_at: str | None
    closed_at: str | None
    expected_count: int
    reported_count: int
    red_count: int
    has_bulletin: bool
    bulletin_number: str  # 〔2024〕3号, "" before the round's bulletin is written
    rows: list[RowOut]
    skipped: list[SkippedOut]


def _dispatch_out(d) -> dict:
    return {"id": d.pk, "name": d.name, "unit": d.unit.name, "unit_id": d.unit_id, "weekdays": d.weekday_list,
            "time": d.time.strftime("%H:%M"), "window_minutes": d.window_minutes, "active": d.active,
            "version": d.version}


def _dispatch_detail(actor, pk: int) -> dict:
    d = selectors.dispatch_get(actor=actor, pk=pk)
    initial = DispatchForm.initial_of(d)
    return _dispatch_out(d) | {"person_ids": initial["people"], "task_ids": initial["tasks"]}


def _require(actor, action: str) -> None:
    """The role check of the page's @allowed: a role the policy leaves out is 403 before any lookup."""
    if not Dispatch.policy.allows(actor, action):
        raise NotAllowed()


# the form's field → the API's field, for errors
_API_FIELDS = {"unit": "unit_id", "people": "person_ids", "tasks": "task_ids"}
# what the new-schedule page starts with (every Mon/Wed/Fri at 08:30, two hours to report)
_NEW = {name: DispatchForm.base_fields[name].initial for name in ("weekdays", "time", "window_minutes")}


def _form_data(payload: DispatchIn) -> dict:
    """The payload's fields under the form's names (None: not sent, keep what is stored)."""
    sent = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None and k != "version"}
    names = {v: k for k, v in _API_FIELDS.items()}
    data = {names.get(k, k): v for k, v in sent.items()}
    if "weekdays" in data:
        data["weekdays"] = [str(d) for d in data["weekdays"]]
    return data


def _validated(actor, data: dict, dispatch: Dispatch | None = None) -> dict:
    form = DispatchForm(data, actor=actor, dispatch=dispatch)
    if not form.is_valid():
        errors = [{"field": _API_FIELDS.get(f, f), "reason": "；".join(str(m) for m in msgs)}
                  for f, msgs in form.errors.items()]
        raise ServiceError(_("输入的数据格式不正确"), errors=errors)
    return form.service_fields()


def _saved(service, **kwargs):
    """Call a schedule service; a refusal naming a form field names the API's field instead."""
    try:
        return service(**kwargs)
    except ServiceError as error:
        for item in error.errors:
            item["field"] = _API_FIELDS.get(item.get("field"), item.get("field"))
        raise


def _round_out(r) -> dict:
    rows = selectors.board(r)
    return {"id": r.pk, "dispatch_id": r.dispatch_id, "date": r.date.isoformat(), "status": r.status,
            "opened_at": r.opened_at.isoformat() if r.opened_at else None,
            "closed_at": r.closed_at.isoformat() if r.closed_at else None,
            "expected_count": r.expected_count if r.status == "closed" else len(rows),
            "reported_count": sum(1 for row in rows if row.reported), "red_count": r.red_count,
            "has_bulletin": bool(r.bulletin), "bulletin_number": r.bulletin_number, "skipped": r.skipped or [],
            "rows": [{"person_id": row.person_id, "name": row.name, "unit": row.unit, "reported": row.reported,
                      "reported_at": row.reported_at.isoformat() if row.reported_at else None, "text": row.text,
                      "difficulties": row.difficulties} for row in rows]}


@router.get("/dispatches/", response=DispatchPage, summary=gettext_lazy("调度点名列表"))
def dispatch_list(request, page: int = 1, page_size: int = 20):
    _require(request.auth, "view")
    data = paged(selectors.dispatches(actor=request.auth), page, page_size)
    return {"items": [_dispatch_out(d) for d in data["items"]], "count": data["count"]}


@router.post("/dispatches/", response={201: DispatchDetail}, summary=gettext_lazy("新建调度点名"),
             description=gettext_lazy("name、unit_id、weekdays（0=周一 … 6=周日）、time（HH:MM）、window_minutes、"
                                      "person_ids、task_ids"))
def dispatch_create(request, payload: DispatchIn):
    _require(request.auth, "add")
    fields = _validated(request.auth, _NEW | _form_data(payload))
    dispatch = _saved(services.dispatch_create, actor=request.auth, **fields)
    return Status(201, _dispatch_detail(request.auth, dispatch.pk))


@router.get("/dispatches/{dispatch_id}/", response=DispatchDetail, summary=gettext_lazy("调度点名详情"))
def dispatch_read(request, dispatch_id: int):
    _require(request.auth, "view")
    return _dispatch_detail(request.auth, dispatch_id)


@router.patch("/dispatches/{dispatch_id}/", response=DispatchDetail, summary=gettext_lazy("修改调度点名"),
              description=gettext_lazy("只改所发送的字段；须带上读取时的 version，被他人修改过则返回 409。此后的点名按新的安排进行"))
def dispatch_update(request, dispatch_id: int, payload: DispatchPatch):
    _require(request.auth, "change")
    dispatch = selectors.dispatch_get(actor=request.auth, pk=dispatch_id, action="change")
    if payload.version is None:
        raise ServiceError(_("请带上读取时的版本号 version"), field="version")
    fields = _validated(request.auth, DispatchForm.initial_of(dispatch) | _form_data(payload), dispatch)
    _saved(services.dispatch_update, actor=request.auth, dispatch=dispatch, version=payload.version, **fields)
    return _dispatch_detail(request.auth, dispatch_id)


@router.post("/dispatches/{dispatch_id}/deactivate/", response=DispatchDetail, summary=gettext_lazy("停用调度点名（不再开始新的点名）"))
def dispatch_deactivate(request, dispatch_id: int):
    return _switch(request, dispatch_id, services.dispatch_deactivate)


@router.post("/dispatches/{dispatch_id}/reactivate/", response=DispatchDetail, summary=gettext_lazy("启用调度点名"))
def dispatch_reactivate(request, dispatch_id: int):
    return _switch(request, dispatch_id, services.dispatch_reactivate)


def _switch(request, dispatch_id: int, service):
    _require(request.auth, "change")
    service(actor=request.auth, dispatch=selectors.dispatch_get(actor=request.auth, pk=dispatch_id, action="change"))
    return _dispatch_detail(request.auth, dispatch_id)


@router.post("/dispatches/{dispatch_id}/open/", response=RoundOut, summary=gettext_lazy("开始点名（已停用的调度点名不能开始）"))
def dispatch_open(request, dispatch_id: int):
    _require(request.auth, "run")
    dispatch = selectors.dispatch_get(actor=request.auth, pk=dispatch_id, action="run")
    return _round_out(services.round_open(actor=request.auth, dispatch=dispatch))


@router.get("/dispatch-rounds/{round_id}/", response=RoundOut, summary=gettext_lazy("点名情况"))
def round_read(request, round_id: int):
    return _round_out(selectors.round_get(actor=request.auth, pk=round_id))


@router.post("/dispatch-rounds/{round_id}/close/", response=RoundOut, summary=gettext_lazy("结束点名并生成通报"))
def round_close(request, round_id: int):
    round_ = selectors.round_get(actor=request.auth, pk=round_id, action="run")
    return _round_out(services.round_close(actor=request.auth, round_=round_))
