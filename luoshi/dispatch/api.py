"""/api/v1/dispatches/ and /api/v1/dispatch-rounds/: schedules, roll calls and their boards."""

from __future__ import annotations

from ninja import Router, Schema

from luoshi.core.api import paged
from luoshi.dispatch import selectors, services

router = Router(tags=["dispatch"])


class DispatchOut(Schema):
    id: int
    name: str
    unit: str
    weekdays: list[int]
    time: str
    window_minutes: int
    active: bool


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
    rows: list[RowOut]


def _dispatch_out(d) -> dict:
    return {"id": d.pk, "name": d.name, "unit": d.unit.name, "weekdays": d.weekday_list,
            "time": d.time.strftime("%H:%M"), "window_minutes": d.window_minutes, "active": d.active}


def _round_out(r) -> dict:
    rows = selectors.board(r)
    return {"id": r.pk, "dispatch_id": r.dispatch_id, "date": r.date.isoformat(), "status": r.status,
            "opened_at": r.opened_at.isoformat() if r.opened_at else None,
            "closed_at": r.closed_at.isoformat() if r.closed_at else None,
            "expected_count": r.expected_count if r.status == "closed" else len(rows),
            "reported_count": sum(1 for row in rows if row.reported), "red_count": r.red_count,
            "has_bulletin": bool(r.bulletin),
            "rows": [{"person_id": row.person_id, "name": row.name, "unit": row.unit, "reported": row.reported,
                      "reported_at": row.reported_at.isoformat() if row.reported_at else None, "text": row.text,
                      "difficulties": row.difficulties} for row in rows]}


@router.get("/dispatches/", response=DispatchPage, summary="调度点名列表")
def dispatch_list(request, page: int = 1, page_size: int = 20):
    data = paged(selectors.dispatches(actor=request.auth), page, page_size)
    return {"items": [_dispatch_out(d) for d in data["items"]], "count": data["count"]}


@router.post("/dispatches/{dispatch_id}/open/", response=RoundOut, summary="开始点名")
def dispatch_open(request, dispatch_id: int):
    dispatch = selectors.dispatch_get(actor=request.auth, pk=dispatch_id, action="run")
    return _round_out(services.round_open(actor=request.auth, dispatch=dispatch))


@router.get("/dispatch-rounds/{round_id}/", response=RoundOut, summary="点名情况")
def round_read(request, round_id: int):
    return _round_out(selectors.round_get(actor=request.auth, pk=round_id))


@router.post("/dispatch-rounds/{round_id}/close/", response=RoundOut, summary="结束点名并生成通报")
def round_close(request, round_id: int):
    round_ = selectors.round_get(actor=request.auth, pk=round_id, action="run")
    return _round_out(services.round_close(actor=request.auth, round_=round_))
