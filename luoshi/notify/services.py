"""Writes of notifications: `notify` (in-app notice + queued outbound deliveries, at most once
per key), `deliver` (send one queued delivery, exactly once as seen by the receiver),
`notification_read`, and `notifications_resolve` (what a notice asked for is done).

Exactly once, step by step. A delivery row is written, with a unique key, in the same
transaction as the event that caused it, before anything is sent; the send is queued after
commit. `deliver` first *claims* the row with one conditional UPDATE (pending, or sending with
an expired lease → sending, attempts + 1, lease_until = now + lease), so only one worker holds
it; then it sends, carrying the key; then it records the outcome only if it still holds the
claim (same attempt number). A worker killed between sending and recording leaves the row in
"sending"; once the lease expires, the sweeper (every minute, and at every worker start)
queues it again and the retry sends the same key. The transport is therefore at-least-once;
the receiver makes it exactly-once by dropping a key it already has (our X-Luoshi-Idempotency-Key
header, the e-mail Message-ID derived from the key, WeCom's enable_duplicate_check). A row that
succeeded is never claimed again, so a finished delivery is never repeated.

`delivery_retry` is the office's hand on a delivery that failed for good: it puts the row back
to pending (audited) and queues the send again, with the same key.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.masking import mask_id_card, mask_phone
from luoshi.core.scope import get_scoped
from luoshi.notify.channels import DeliveryResult, Message, channel_named, enabled_channels
from luoshi.notify.models import Delivery, DeliveryStatus, Notification

log = logging.getLogger(__name__)
_ID_CARD = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])|(?<!\d)\d{15}(?!\d)")
_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def scrub(text: str) -> str:
    """Mask ID-card and mobile numbers: an outbound message carries names, never those."""
    text = _ID_CARD.sub(lambda m: mask_id_card(m.group(0)), text or "")
    return _PHONE.sub(lambda m: mask_phone(m.group(0)), text)


def notify(*, recipients, kind: str, obj: str, title: str, body: str = "", link: str = "",
           day: dt.date | None = None, target: str = "", bodies: dict[int, str] | None = None) -> list[Notification]:
    """Tell `recipients` (users) about `obj` ("task:12"): one in-app notice each and one
    delivery per enabled outbound channel, each at most once per kind + object + date; the
    sends leave after commit. Returns the notices created now (none on a repeat).

    `target` is the object the notice asks about, by which `notifications_resolve` closes it;
    it is `obj` unless `obj` must be finer to tell two occasions of one day apart (a task
    deployed again after a return is a new request to sign it).

    `bodies` gives some recipients (by login id) their own text for their notice and their own
    messages; a channel that posts once for everybody (a group robot) says `body`."""
    base = f"{kind}:{obj}:{(day or timezone.localdate()).isoformat()}"
    title, body = scrub(title)[:200], scrub(body)
    users = {u.pk: u for u in recipients if u is not None and u.is_active}
    target = (target or obj)[:100]
    with transaction.atomic():
        own = {pk: scrub(text) for pk, text in (bodies or {}).items()}
        created = [n for n in (_notice(u, kind, base, title, own.get(u.pk, body), link, target)
                               for u in users.values()) if n]
        ids = _queue_deliveries(list(users.values()), kind, base, title, body, link, own)
        if ids:
            transaction.on_commit(lambda: _enqueue(ids))
    return created


def _notice(user, kind: str, key: str, title: str, body: str, link: str, target: str) -> Notification | None:
    try:
        with transaction.atomic():
            return Notification.objects.create(recipient=user, kind=kind, key=key, title=title, body=body, link=link,
                                               target=target)
    except IntegrityError:
        return None  # already told: the job ran twice, or a retry


def _queue_deliveries(users, kind: str, base: str, title: str, body: str, link: str,
                      own: dict[int, str]) -> list[int]:
    url = f"{settings.LUOSHI_SITE_URL.rstrip('/')}{link}" if link and settings.LUOSHI_SITE_URL else link
    channels = enabled_channels()
    paths = _unit_paths(users) if channels else {}
    ids = []
    for channel in channels:
        targets = [(u, channel.address_of(u)) for u in users] if channel.per_recipient else [(None, "")]
        for user, address in targets:
            if channel.per_recipient and not address:
                continue
            key = f"{base}:{channel.name}" + (f":{user.pk}" if user is not None else "")
            path = paths.get(user.pk, "") if user is not None else common_path(paths.values())
            text = own.get(user.pk, body) if user is not None else body
            row = _delivery(channel=channel.name, key=key, kind=kind, recipient=user, address=address,
                            unit_path=path, title=title, body=text, link=url)
            if row is not None:
                ids.append(row.pk)
    return ids


def _unit_paths(users) -> dict[int, str]:
    """Each recipient's unit path, in one query: a delivery belongs to the unit it concerns."""
    rows = get_user_model().objects.unscoped("the units of the people being told").filter(
        pk__in=[u.pk for u in users]).values_list("pk", "person__unit__path")
    return {pk: path or "" for pk, path in rows}


def common_path(paths) -> str:
    """The deepest unit path every one of `paths` lies under ("/1/4/7/", "/1/4/9/" → "/1/4/");
    "" (nobody's unit: only an all-data role sees it) when there is none."""
    split = [[part for part in p.split("/") if part] for p in paths if p]
    if not split:
        return ""
    common = []
    for parts in zip(*split, strict=False):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    return f"/{'/'.join(common)}/" if common else ""


def _delivery(**fields) -> Delivery | None:
    try:
        with transaction.atomic():
            return Delivery.objects.create(**fields)
    except IntegrityError:
        return None


def _enqueue(ids: list[int]) -> None:
    from luoshi.notify.jobs import deliver_task

    for pk in ids:
        deliver_task(pk)


# -- sending --------------------------------------------------------------------------------------
def deliver(delivery_id: int) -> str | None:
    """Send one queued delivery if this worker can claim it; returns the final status, or None
    when another worker holds it or it is already done."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return None
    message = Message(key=delivery.key, title=delivery.title, body=delivery.body, link=delivery.link,
                      address=delivery.address,
                      recipient_name=delivery.recipient.display_name if delivery.recipient_id else "")
    try:
        result = channel_named(delivery.channel).send(message)
    except Exception as exc:  # a channel's bug must not leave the row stuck in "sending"
        log.exception("delivery %s raised", delivery_id)
        result = DeliveryResult(ok=False, retryable=True, error=repr(exc)[:500])
    return _record(delivery, result)


def _claim(delivery_id: int) -> Delivery | None:
    now = timezone.now()
    lease = dt.timedelta(seconds=settings.LUOSHI_NOTIFY_LEASE_SECONDS)
    claimable = Q(status=DeliveryStatus.PENDING) | Q(status=DeliveryStatus.SENDING, lease_until__lt=now)
    rows = Delivery.objects.unscoped("a worker sends the delivery it was handed")
    won = rows.filter(claimable, pk=delivery_id).update(
        status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, lease_until=now + lease)
    return rows.select_related("recipient__person").get(pk=delivery_id) if won else None


def _record(delivery: Delivery, result: DeliveryResult) -> str:
    now = timezone.now()
    if result.ok:
        status, fields = DeliveryStatus.SUCCEEDED, {"sent_at": now, "error": "", "next_attempt_at": None}
    elif result.retryable and delivery.attempts < settings.LUOSHI_NOTIFY_MAX_ATTEMPTS:
        delay = settings.LUOSHI_NOTIFY_RETRY_SECONDS * 2 ** (delivery.attempts - 1)
        status, fields = DeliveryStatus.PENDING, {"error": result.error[:2000],
                                                  "next_attempt_at": now + dt.timedelta(seconds=delay)}
    else:
        status, fields = DeliveryStatus.FAILED, {"error": result.error[:2000], "next_attempt_at": None}
    # Fenced by the attempt number: a worker whose lease ran out does not overwrite its successor.
    Delivery.objects.unscoped("recording the outcome of the send this worker holds").filter(
        pk=delivery.pk, status=DeliveryStatus.SENDING, attempts=delivery.attempts).update(
        status=status, lease_until=None, **fields)
    if status == DeliveryStatus.PENDING:
        transaction.on_commit(lambda: _enqueue_later(delivery.pk, fields["next_attempt_at"]))
    return status


def _enqueue_later(pk: int, eta) -> None:
    from luoshi.notify.jobs import deliver_task

    deliver_task.schedule(args=(pk,), eta=eta)


def deliveries_due(*, now=None) -> list[int]:
    """Deliveries to (re)queue: pending ones whose time has come, and sends whose worker died."""
    now = now or timezone.now()
    # A fresh row's task is already queued: only one older than a lease has lost it (say, a crash right after commit).
    stale = now - dt.timedelta(seconds=settings.LUOSHI_NOTIFY_LEASE_SECONDS)
    due = Q(status=DeliveryStatus.PENDING) & (Q(next_attempt_at__isnull=True, created_at__lt=stale)
                                              | Q(next_attempt_at__lte=now))
    dead = Q(status=DeliveryStatus.SENDING, lease_until__lt=now)
    rows = Delivery.objects.unscoped("the sweeper covers every delivery")
    return list(rows.filter(due | dead).order_by("id").values_list("pk", flat=True)[:1000])


def deliveries_recover(*, now=None) -> list[int]:
    ids = deliveries_due(now=now)
    if ids:
        _enqueue(ids)
    return ids


def delivery_retry(*, actor, delivery: Delivery) -> Delivery:
    """Send a delivery that failed for good once more, with the same key (so a receiver that did
    get it after all drops the repeat). Only a failed row can be retried, and only once at a time:
    the change from failed to pending is one conditional UPDATE. `attempts` keeps counting, since
    it fences the outcome of each send; a retry that fails again stays failed."""
    if not Delivery.policy.allows(actor, "retry"):
        raise NotAllowed()
    with transaction.atomic():
        current = get_scoped(actor, Delivery, delivery.pk, action="retry")
        if current.channel not in settings.LUOSHI_NOTIFY_CHANNELS:
            raise ServiceError(_("渠道“%(c)s”已停用，不能重发") % {"c": current.get_channel_display()})
        before = audit.snapshot(current)
        won = Delivery.objects.editable_by(actor, "retry").filter(pk=current.pk, status=DeliveryStatus.FAILED).update(
            status=DeliveryStatus.PENDING, next_attempt_at=None, lease_until=None)
        if not won:
            raise ServiceError(_("只有发送失败的记录可以重发（这条记录现在是“%(s)s”）")
                               % {"s": current.get_status_display()})
        current.refresh_from_db()
        audit.record_change(actor=actor, obj=current, before=before, message=_("重发外发消息"))
        transaction.on_commit(lambda: _enqueue([current.pk]))
    return current


# -- reading --------------------------------------------------------------------------------------
@transaction.atomic
def notification_read(*, actor, notification: Notification | None = None) -> int:
    """Mark one of the actor's notices read (all of them when `notification` is None)."""
    mine = Notification.objects.visible_to(actor).filter(recipient=actor, read_at__isnull=True)
    if notification is not None:
        mine = mine.filter(pk=notification.pk)
    return mine.update(read_at=timezone.now())


def notifications_resolve(*, targets: Iterable[str], kinds: Iterable[str] | None = None, recipients=None) -> int:
    """What the open notices about `targets` ("task:12") asked for is done (the task signed, a
    report in): those of `kinds` (every kind when None) are closed for everyone they asked, or
    only for `recipients` (users, or a queryset of them) when the object asked several people
    for something each does on their own (a roll call: each called person's own reports). They
    are marked 已办结 and stop counting as unread; the time a recipient did read one is kept.

    The service that did the deed calls this inside its own transaction, so a sign that rolls
    back leaves its notices open. Not audited: the deed is, and a notice is only its echo.
    Returns how many notices were closed."""
    targets = [t for t in targets if t]
    if not targets:
        return 0
    now = timezone.now()
    notices = Notification.objects.unscoped("closing the notices about an object a service just settled").filter(
        target__in=targets, resolved_at__isnull=True)
    if kinds is not None:
        notices = notices.filter(kind__in=list(kinds))
    if recipients is not None:
        notices = notices.filter(recipient__in=recipients)
    return notices.update(resolved_at=now, read_at=Coalesce("read_at", Value(now, output_field=DateTimeField())))
