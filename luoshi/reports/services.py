"""Writes of the reports app: bulletins (draft, edit, refresh, issue), their schedule, and the
meeting room's screen links (make, revoke, open). Each checks the role and the scope, and audits."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.assessment.selectors import township_of as township_in_scope
from luoshi.core import audit
from luoshi.core.audit import Target
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.models import AuditAction
from luoshi.core.scope import ensure_in_scope, get_scoped
from luoshi.core.versioning import save_versioned
from luoshi.dispatch.issuing import issuer_of, township_of
from luoshi.plans.models import Plan, PlanStatus, WorkLine
from luoshi.reports import bulletins, figures
from luoshi.reports.models import Bulletin, BulletinKind, BulletinSchedule, BulletinStatus, ScreenLink

SCREEN_DAYS = 180  # a screen link's life unless revoked first
EDITABLE = ("title", "summary", "remarks")


def _require(actor, model, action: str) -> None:
    if not model.policy.allows(actor, action):
        raise NotAllowed(_("您没有此操作的权限"))


def bulletin_draft(*, actor, plan: Plan, line: WorkLine | None = None, kind: str = BulletinKind.WEEKLY,
                   start: dt.date | None = None, end: dt.date | None = None) -> Bulletin:
    """A new draft with the figures read now and a summary written from them."""
    _require(actor, Bulletin, "add")
    plan = get_scoped(actor, Plan, plan.pk)
    if plan.status == PlanStatus.DRAFT:
        raise ServiceError(_("计划尚未部署，不能起草通报"))
    if line is not None and line.plan_id != plan.pk:
        raise ServiceError(_("工作专线不属于该计划"))
    if start is None or end is None:
        start, end = bulletins.period_of(kind, timezone.localdate())
    if end < start:
        raise ServiceError(_("截止日期不能早于起始日期"))
    data = bulletins.gather(actor=actor, plan=plan, line=line, start=start, end=end)
    township = township_of(plan.unit)
    with transaction.atomic():
        bulletin = Bulletin.objects.create(
            plan=plan, line=line, kind=kind, start=start, end=end, township=township, year=end.year,
            title=bulletins.title_of(plan=plan, line=line, kind=kind, start=start, end=end),
            summary=bulletins.default_summary(data), figures=data, created_by=actor)
        ensure_in_scope(actor, bulletin, action="add")
        audit.record_change(actor=actor, obj=bulletin, before=None, parent=plan)
    return bulletin


def bulletin_update(*, actor, bulletin: Bulletin, version: int, **changes) -> Bulletin:
    """Edit a draft's title and texts; an unchanged save writes nothing; an issued bulletin is kept as issued."""
    _require(actor, Bulletin, "change")
    bulletin = get_scoped(actor, Bulletin, bulletin.pk, action="change")
    if bulletin.status != BulletinStatus.DRAFT:
        raise ServiceError(_("通报已印发，不能再修改"))
    changed = {k: v for k, v in changes.items() if k in EDITABLE and getattr(bulletin, k) != v}
    if not changed:
        return bulletin
    with transaction.atomic():
        before = audit.snapshot(bulletin)
        for name, value in changed.items():
            setattr(bulletin, name, value)
        save_versioned(bulletin, version)
        audit.record_change(actor=actor, obj=bulletin, before=before, parent=bulletin.plan)
    return bulletin


def bulletin_refresh(*, actor, bulletin: Bulletin) -> Bulletin:
    """重新生成: read the draft's figures again (the texts the office wrote stay)."""
    _require(actor, Bulletin, "change")
    bulletin = get_scoped(actor, Bulletin, bulletin.pk, action="change")
    if bulletin.status != BulletinStatus.DRAFT:
        raise ServiceError(_("通报已印发，不能再修改"))
    data = bulletins.gather(actor=actor, plan=bulletin.plan, line=bulletin.line, start=bulletin.start,
                            end=bulletin.end)
    with transaction.atomic():
        before = audit.snapshot(bulletin)
        bulletin.figures = data
        save_versioned(bulletin, bulletin.version)
        audit.record_change(actor=actor, obj=bulletin, before=before, parent=bulletin.plan,
                            message=_("重新生成通报数据"))
    return bulletin


def bulletin_issue(*, actor, bulletin: Bulletin, today: dt.date | None = None) -> Bulletin:
    """印发: the township's next number of the year, the document written once and kept."""
    _require(actor, Bulletin, "issue")
    today = today or timezone.localdate()
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return _issue(actor, bulletin, today)
        except IntegrityError:  # two bulletins numbered at once: take the next number
            continue
    raise ServiceError(_("编号冲突，请重试"))


def _issue(actor, bulletin: Bulletin, today: dt.date) -> Bulletin:
    bulletin = Bulletin.objects.restrict(actor, "issue").select_for_update().filter(pk=bulletin.pk).first()
    if bulletin is None:
        raise ServiceError(_("通报不存在或无权印发"))
    if bulletin.status != BulletinStatus.DRAFT:
        raise ServiceError(_("通报已印发"))
    before = audit.snapshot(bulletin)
    year = today.year
    last = (Bulletin.objects.unscoped("the township's count of bulletins, for the next number")
            .filter(township=bulletin.township, year=year).aggregate(n=Max("serial"))["n"]) or 0
    bulletin.year, bulletin.serial = year, last + 1
    bulletin.issuer = issuer_of(bulletin.plan.unit)
    bulletin.status, bulletin.issued_by, bulletin.issued_at = BulletinStatus.ISSUED, actor, timezone.now()
    content = bulletins.build(title=bulletin.title, summary=bulletin.summary, remarks=bulletin.remarks,
                              figures=bulletin.figures, issuer=bulletin.issuer, number=bulletin.number, written=today)
    bulletin.document.save(f"bulletin-{bulletin.township_id}-{year}-{bulletin.serial}.docx", ContentFile(content),
                           save=False)
    save_versioned(bulletin, bulletin.version)
    audit.record_change(actor=actor, obj=bulletin, before=before, parent=bulletin.plan,
                        message=_("印发通报 %(n)s") % {"n": bulletin.number})
    return bulletin


def document_of(bulletin: Bulletin) -> bytes:
    """An issued bulletin's kept document; a draft's preview, written now, without a number."""
    if bulletin.status == BulletinStatus.ISSUED and bulletin.document:
        with bulletin.document.open("rb") as f:
            return f.read()
    return bulletins.build(title=bulletin.title, summary=bulletin.summary, remarks=bulletin.remarks,
                           figures=bulletin.figures, issuer=issuer_of(bulletin.plan.unit),
                           number=_("〔%(year)d〕 号") % {"year": bulletin.year}, written=timezone.localdate())


def schedule_create(*, actor, plan: Plan, line: WorkLine | None, kind: str) -> BulletinSchedule:
    _require(actor, BulletinSchedule, "add")
    plan = get_scoped(actor, Plan, plan.pk)
    if line is not None and line.plan_id != plan.pk:
        raise ServiceError(_("工作专线不属于该计划"))
    with transaction.atomic():
        schedule = BulletinSchedule.objects.create(plan=plan, line=line, kind=kind, township=township_of(plan.unit),
                                                   created_by=actor)
        ensure_in_scope(actor, schedule, action="add")
        audit.record_change(actor=actor, obj=schedule, before=None, parent=plan)
    return schedule


def schedule_switch(*, actor, schedule: BulletinSchedule, active: bool) -> BulletinSchedule:
    _require(actor, BulletinSchedule, "change")
    schedule = get_scoped(actor, BulletinSchedule, schedule.pk, action="change")
    with transaction.atomic():
        before = audit.snapshot(schedule)
        schedule.active = active
        schedule.save(update_fields=["active"])
        audit.record_change(actor=actor, obj=schedule, before=before, parent=schedule.plan)
    return schedule


def scheduled_drafts(*, kind: str, today: dt.date, log=print) -> list[int]:
    """The job's work: each active schedule of `kind` drafts its bulletin for the period just ended,
    as the office member who made the schedule (their scope), once per period."""
    start, end = bulletins.period_of(kind, today)
    made = []
    for schedule in (BulletinSchedule.objects.unscoped("the job runs every township's schedules")
                     .filter(kind=kind, active=True).select_related("plan", "line", "created_by")):
        actor = schedule.created_by
        if actor is None or not actor.is_active:
            log(f"schedule {schedule.pk}: no active maker, skipped")
            continue
        exists = Bulletin.objects.unscoped("one draft per schedule and period").filter(
            plan=schedule.plan, line=schedule.line, kind=kind, start=start, end=end).exists()
        if exists:
            continue
        bulletin = bulletin_draft(actor=actor, plan=schedule.plan, line=schedule.line, kind=kind, start=start, end=end)
        log(f"schedule {schedule.pk}: draft {bulletin.pk}")
        made.append(bulletin.pk)
    return made


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def screen_link_create(*, actor, name: str, days: int = SCREEN_DAYS) -> tuple[ScreenLink, str]:
    """A new screen link; the token is returned once (only its hash is kept). It shows what `actor` sees."""
    _require(actor, ScreenLink, "add")
    township = township_in_scope(actor=actor)
    if township is None:
        raise ServiceError(_("您没有镇级数据范围，不能创建大屏链接"))
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        link = ScreenLink.objects.create(name=name.strip()[:100] or _("会议室大屏"), township=township,
                                         token_hash=_hash(token), created_by=actor,
                                         expires_at=timezone.now() + dt.timedelta(days=days))
        ensure_in_scope(actor, link, action="add")
        audit.record_change(actor=actor, obj=link, before=None)
    return link, token


def screen_link_revoke(*, actor, link: ScreenLink) -> ScreenLink:
    _require(actor, ScreenLink, "revoke")
    link = get_scoped(actor, ScreenLink, link.pk, action="revoke")
    if link.revoked_at is None:
        with transaction.atomic():
            before = audit.snapshot(link)
            link.revoked_at, link.revoked_by = timezone.now(), actor
            link.save(update_fields=["revoked_at", "revoked_by"])
            audit.record_change(actor=actor, obj=link, before=before, message=_("撤销大屏链接"))
    return link


def screen_link_open(*, token: str) -> ScreenLink | None:
    """The live link a token opens, or None (unknown, expired, revoked, or its maker may no longer
    read the dashboard). The first opening of a day is audited, with the maker as the one shown."""
    link = (ScreenLink.objects.unscoped("a screen has no login: the token is the key")
            .select_related("created_by", "township").filter(token_hash=_hash(token or "")).first())
    now = timezone.now()
    if link is None or link.revoked_at or link.expires_at <= now:
        return None
    maker = link.created_by
    if not maker.is_active or not ScreenLink.policy.allows(maker, "view") or not figures.may_read(maker):
        return None
    today = timezone.localdate()
    if link.last_seen_on != today:
        with transaction.atomic():
            ScreenLink.objects.unscoped("stamping the day a screen was opened").filter(pk=link.pk).update(
                last_seen_on=today)
            audit.record(actor=None, action=AuditAction.ACTION, target=Target.of(link),
                         actor_name=_("大屏：%(name)s") % {"name": link.name}, unit_path=link.township.path,
                         message=_("打开大屏"))
    return link
