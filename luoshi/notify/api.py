"""/api/v1/notifications/: the actor's own notices, and marking them read; /api/v1/deliveries/: the
office's delivery log (the page's filters and scope) and retrying a delivery that failed for good."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema

from luoshi.core.api import paged
from luoshi.core.errors import NotAllowed
from luoshi.core.listing import search
from luoshi.core.scope import get_scoped
from luoshi.notify import selectors, services
from luoshi.notify.models import Delivery, Notification

router = Router(tags=["notify"])


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    link: str
    read: bool
    resolved: bool  # what it asked is done (the task signed, a report in): it no longer counts as unread
    created_at: str


class NotificationPage(Schema):
    items: list[NotificationOut]
    count: int
    unread: int


def _out(n: Notification) -> dict:
    return {"id": n.pk, "kind": n.kind, "title": n.title, "body": n.body, "link": n.link,
            "read": n.read_at is not None, "resolved": n.resolved_at is not None,
            "created_at": n.created_at.isoformat()}


@router.get("/notifications/", response=NotificationPage, summary=gettext_lazy("我的通知"))
def notification_list(request, page: int = 1, page_size: int = 20, unread: bool = False):
    mine = selectors.my_notifications(actor=request.auth)
    if unread:
        mine = mine.filter(read_at__isnull=True)
    data = paged(mine, page, page_size)
    return {"items": [_out(n) for n in data["items"]], "count": data["count"],
            "unread": selectors.unread_count(actor=request.auth)}


@router.post("/notifications/{notification_id}/read/", response=NotificationOut, summary=gettext_lazy("标为已读"))
def notification_read(request, notification_id: int):
    notice = get_scoped(request.auth, Notification, notification_id)
    services.notification_read(actor=request.auth, notification=notice)
    notice.refresh_from_db()
    return _out(notice)


# -- the delivery log (外发记录) ---------------------------------------------------------------------
class DeliveryOut(Schema):
    id: int
    channel: str
    channel_label: str
    kind: str
    key: str
    recipient_id: int | None
    recipient: str
    address: str
    title: str
    status: str
    status_label: str
    attempts: int
    error: str
    created_at: dt.datetime
    sent_at: dt.datetime | None
    next_attempt_at: dt.datetime | None


class DeliveryPage(Schema):
    items: list[DeliveryOut]
    count: int


def _delivery_out(d: Delivery) -> dict:
    return {"id": d.pk, "channel": d.channel, "channel_label": d.get_channel_display(), "kind": d.kind, "key": d.key,
            "recipient_id": d.recipient_id, "recipient": d.recipient.display_name if d.recipient_id else _("群发"),
            "address": d.address, "title": d.title, "status": d.status, "status_label": d.get_status_display(),
            "attempts": d.attempts, "error": d.error, "created_at": d.created_at, "sent_at": d.sent_at,
            "next_attempt_at": d.next_attempt_at}


def _require(actor, action: str) -> None:
    if not Delivery.policy.allows(actor, action):
        raise NotAllowed()


@router.get("/deliveries/", response=DeliveryPage, summary=gettext_lazy("外发记录"),
            description=gettext_lazy("筛选同页面：channel（email、robot、wecom）、status（pending、sending、succeeded、failed）、"
                         "since、until（YYYY-MM-DD，含当天）、q（接收人姓名、账号或地址）；page、page_size（不超过 100）"))
def delivery_list(request, channel: str = "", status: str = "", since: str = "", until: str = "", q: str = "",
                  page: int = 1, page_size: int = 20):
    _require(request.auth, "view")
    params = {"channel": channel, "status": status, "since": since, "until": until}
    rows = search(selectors.deliveries(actor=request.auth, params=params), q, selectors.RECIPIENT_FIELDS)
    data = paged(rows, page, page_size)
    return {"items": [_delivery_out(d) for d in data["items"]], "count": data["count"]}


@router.post("/deliveries/{delivery_id}/retry/", response=DeliveryOut, summary=gettext_lazy("重发发送失败的外发消息"),
             description=gettext_lazy("只有状态为“失败”的记录可以重发；以相同的幂等键重新排队发送"))
def delivery_retry(request, delivery_id: int):
    _require(request.auth, "retry")
    delivery = get_scoped(request.auth, Delivery, delivery_id, action="retry")
    delivery = services.delivery_retry(actor=request.auth, delivery=delivery)
    return _delivery_out(get_scoped(request.auth, Delivery, delivery.pk, related=("recipient__person",)))
