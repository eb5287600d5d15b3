"""/api/v1/notifications/: the actor's own notices, and marking them read."""

from __future__ import annotations

from ninja import Router, Schema

from luoshi.core.api import paged
from luoshi.core.scope import get_scoped
from luoshi.notify import selectors, services
from luoshi.notify.models import Notification

router = Router(tags=["notify"])


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    link: str
    read: bool
    created_at: str


class NotificationPage(Schema):
    items: list[NotificationOut]
    count: int
    unread: int


def _out(n: Notification) -> dict:
    return {"id": n.pk, "kind": n.kind, "title": n.title, "body": n.body, "link": n.link,
            "read": n.read_at is not None, "created_at": n.created_at.isoformat()}


@router.get("/notifications/", response=NotificationPage, summary="我的通知")
def notification_list(request, page: int = 1, page_size: int = 20, unread: bool = False):
    mine = selectors.my_notifications(actor=request.auth)
    if unread:
        mine = mine.filter(read_at__isnull=True)
    data = paged(mine, page, page_size)
    return {"items": [_out(n) for n in data["items"]], "count": data["count"],
            "unread": selectors.unread_count(actor=request.auth)}


@router.post("/notifications/{notification_id}/read/", response=NotificationOut, summary="标为已读")
def notification_read(request, notification_id: int):
    notice = get_scoped(request.auth, Notification, notification_id)
    services.notification_read(actor=request.auth, notification=notice)
    notice.refresh_from_db()
    return _out(notice)
