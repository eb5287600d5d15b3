"""Duty shifts (值班值守): the check-in window, the shift's light and its one writer, the on-duty check-in
from a phone, and the urge of a missed shift.

| state of the shift                                   | light  |
|------------------------------------------------------|--------|
| not begun, or begun less than GRACE ago, no check-in | none   |
| begun more than GRACE ago, no check-in yet           | yellow |
| checked in, later than GRACE after the start         | yellow |
| checked in within GRACE of the start (or before it)  | green  |
| ended with no check-in (缺岗)                        | red    |

The window to check in opens EARLY before the start and closes at the end. The light depends on the
clock, so it is stored (lists filter and count by it) and refreshed by one owner, `shift_light_refresh`:
in the check-in's transaction, after a shift is written, and by the job `emergency.shift_lights` for the
shifts whose state the clock changed. `stale_shifts` lists stored lights that differ from a fresh one.
A red shift is urged (`shift_urge`) by a 督办单 of supervision's on the emergency's task, addressed to
the person who missed it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.scope import ensure_in_scope, get_scoped
from luoshi.emergency.models import Shift
from luoshi.plans.lights import counted_time
from luoshi.plans.models import Light
from luoshi.supervision.models import UrgeColour
from luoshi.supervision.urging import urge_issue

EARLY = dt.timedelta(minutes=30)  # a shift's check-in opens this long before it begins
GRACE = dt.timedelta(minutes=15)  # checking in later than this after the start is late


def window(shift: Shift) -> tuple[dt.datetime, dt.datetime]:
    """The shift's start and end as aware datetimes; a shift ending at or before its start time ends the next day."""
    start = timezone.make_aware(dt.datetime.combine(shift.day, shift.starts_at))
    end_day = shift.day + dt.timedelta(days=1) if shift.ends_at <= shift.starts_at else shift.day
    return start, timezone.make_aware(dt.datetime.combine(end_day, shift.ends_at))


def may_check_in(shift: Shift, now: dt.datetime) -> bool:
    start, end = window(shift)
    return start - EARLY <= now <= end


def shift_light(shift: Shift, now: dt.datetime) -> tuple[str, str]:
    """(light, reason) of a shift at `now`: the table of the module's docstring."""
    start, end = window(shift)
    if shift.checked_in_at:
        late = shift.checked_in_at - start
        if late > GRACE:
            return Light.YELLOW, _("迟到 %(n)d 分钟签到") % {"n": late.total_seconds() // 60}
        return Light.GREEN, _("按时签到")
    if now >= end:
        return Light.RED, _("班次已结束，未签到（缺岗）")
    if now - start > GRACE:
        return Light.YELLOW, _("已开班 %(n)d 分钟，尚未签到") % {"n": (now - start).total_seconds() // 60}
    return Light.NONE, ""


def shift_light_refresh(shifts, *, now: dt.datetime | None = None) -> int:
    """Store each shift's light where it changed (the one writer of `Shift.light`); the number changed."""
    now = now or timezone.now()
    changed = 0
    for shift in shifts:
        light, reason = shift_light(shift, now)
        if (light, reason[:200]) != (shift.light, shift.light_reason):
            shift.light, shift.light_reason = light, reason[:200]
            Shift.objects.unscoped("the light's owner stores the light of a shift it was handed").filter(
                pk=shift.pk).update(light=light, light_reason=reason[:200])
            changed += 1
    return changed


def _moving(now: dt.datetime):
    """The shifts whose light the clock may still change: not checked in, not yet red, begun by now."""
    return Shift.objects.unscoped("the light job looks at every township's shifts").filter(
        checked_in_at__isnull=True, day__lte=timezone.localdate(now)).exclude(light=Light.RED)


def shifts_refresh(*, now: dt.datetime | None = None) -> int:
    """The job: refresh the lights the clock changed since the last run."""
    now = now or timezone.now()
    with transaction.atomic():
        return shift_light_refresh(list(_moving(now)), now=now)


def stale_shifts(queryset, *, now: dt.datetime) -> list[Shift]:
    """The shifts of `queryset` whose stored light differs from the light computed at `now`."""
    return [s for s in queryset if (s.light, s.light_reason) != tuple(x[:200] for x in shift_light(s, now))]


@transaction.atomic
def shift_check_in(*, actor, shift: Shift, now: dt.datetime | None = None, captured_at: dt.datetime | None = None,
                   idempotency_key: str = "") -> Shift:
    """The person on duty checks in from a phone, within the shift's window; once. A check-in captured
    without signal (`captured_at`) is judged at its capture time, within the offline grace
    (`plans.lights.counted_time`), and keeps its receipt time; sent again with the same key, it is
    answered with the first one (`replayed`)."""
    received = now or timezone.now()
    now = counted_time(captured_at=captured_at, received_at=received)
    key = (idempotency_key or "").strip()[:64]
    current = get_scoped(actor, Shift, shift.pk, action="check_in")
    if current.person_id != getattr(actor, "person_id", None):
        raise NotAllowed(_("只能本人签到自己的班次"))
    if current.checked_in_at:
        if key and current.check_in_key == key and current.checked_in_by_id == actor.pk:
            current.replayed = True
            return current
        raise ServiceError(_("该班次已于 %(t)s 签到") % {"t": timezone.localtime(current.checked_in_at).strftime("%H:%M")})
    start, end = window(current)
    if now < start - EARLY:
        raise ServiceError(_("班次 %(t)s 开始，开班前 %(m)d 分钟内才能签到") % {
            "t": timezone.localtime(start).strftime("%m-%d %H:%M"), "m": EARLY.seconds // 60})
    if now > end:
        raise ServiceError(_("班次已于 %(t)s 结束，不能再签到") % {"t": timezone.localtime(end).strftime("%m-%d %H:%M")})
    before = audit.snapshot(current)
    current.checked_in_at, current.checked_in_by, current.check_in_key = now, actor, key
    current.check_in_received_at = received if now != received else None
    current.save(update_fields=["checked_in_at", "checked_in_by", "check_in_key", "check_in_received_at"])
    shift_light_refresh([current], now=received)
    ensure_in_scope(actor, current, action="view")
    audit.record_change(actor=actor, obj=current, before=before, parent=current.emergency, message=_("值班签到"))
    current.replayed = False
    return current


@transaction.atomic
def shift_urge(*, actor, shift: Shift, message: str = "") -> Shift:
    """Urge a missed (red) shift: a red 督办单 on the emergency's task to the person who missed it; once."""
    if not Shift.policy.allows(actor, "urge"):
        raise NotAllowed()
    current = get_scoped(actor, Shift, shift.pk, action="urge")
    if current.light != Light.RED:
        raise ServiceError(_("只有已结束而未签到（缺岗）的班次需要督办"))
    if current.urge_id:
        raise ServiceError(_("该班次已督办"))
    if current.emergency.task_id is None:
        raise ServiceError(_("应急事件“%(e)s”没有对应的工作任务，无法发出督办单；请先在事件中选择对应任务") % {
            "e": current.emergency.name})
    start, end = window(current)
    reason = _("%(d)s %(f)s–%(t)s %(p)s值班未签到（缺岗）") % {
        "d": current.day.strftime("%m-%d"), "f": current.starts_at.strftime("%H:%M"),
        "t": current.ends_at.strftime("%H:%M"), "p": current.place.name}
    urge = urge_issue(actor=actor, task=current.emergency.task, colour=UrgeColour.RED, owner=current.person, reason=reason,
                      message=message or _("请说明缺岗原因，并落实值班值守责任。"), due=timezone.localdate() + dt.timedelta(days=1))
    before = audit.snapshot(current)
    current.urge = urge
    current.save(update_fields=["urge"])
    audit.record_change(actor=actor, obj=current, before=before, parent=current.emergency, message=_("督办缺岗"))
    return current
