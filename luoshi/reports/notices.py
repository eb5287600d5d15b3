"""公示: the public notice's life (one transition table: draft → published → withdrawn or expired), its
writes (create, publish, withdraw; the daily expiry), and the opening of its public address.

What a notice shows is read live when the page is opened (`notice_content.content`): a 公示 of
commitments exists to show their progress as it happens, so a snapshot would be stale the day after.
The office still knows what it publishes: the rows are fixed by the notice's scope (a township or one
village, one year; a plan or one line), the fields by a fixed public list, and the office's preview is
the very page the public gets. Nothing an anonymous visitor does writes to the database or the audit
log: the page holds no personal data, and a busy public page must not queue writes."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.assessment.selectors import township_of as township_in_scope
from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.flow import Transition, table
from luoshi.core.models import AuditAction
from luoshi.core.scope import ensure_in_scope, get_scoped
from luoshi.core.versioning import save_stepped, save_versioned
from luoshi.dispatch.issuing import issuer_of
from luoshi.org.models import Unit, UnitKind
from luoshi.plans.models import Plan, PlanStatus, WorkLine
from luoshi.reports.models_notices import NoticeKind, NoticeStatus, PublicNotice

LONGEST_DAYS = 366  # a notice is shown at most a year: 公示 has an end
OPEN, DRAFT, ENDED = "open", "draft", "ended"  # what an address answers: the page, nothing (404), 公示已结束 (410)

TRANSITIONS = table(
    Transition("publish", frozenset({NoticeStatus.DRAFT}), NoticeStatus.PUBLISHED, gettext_lazy("发布")),
    Transition("withdraw", frozenset({NoticeStatus.DRAFT, NoticeStatus.PUBLISHED}), NoticeStatus.WITHDRAWN,
               gettext_lazy("撤回")),
    Transition("expire", frozenset({NoticeStatus.PUBLISHED}), NoticeStatus.EXPIRED, gettext_lazy("到期")),
)


def allowed_actions(notice: PublicNotice, actor) -> list[Transition]:
    """The transitions the actor may take on the notice now (the page's buttons)."""
    return [t for t in TRANSITIONS.values()
            if t.action != "expire" and notice.status in t.sources and PublicNotice.policy.allows(actor, t.action)]


def _require(actor, action: str) -> None:
    if not PublicNotice.policy.allows(actor, action):
        raise NotAllowed(_("您没有此操作的权限"))


def _move(notice: PublicNotice, action: str) -> None:
    transition = TRANSITIONS[action]
    if notice.status not in transition.sources:
        raise ServiceError(_("公示当前状态为“%(s)s”，不能%(a)s") % {
            "s": notice.get_status_display(), "a": transition.label})
    notice.status = transition.target


def _subject(actor, township: Unit, *, kind, year, village, plan, line) -> dict:
    """The rows a notice will show, checked against the actor's scope and the township."""
    if kind == NoticeKind.COMMITMENTS:
        if village is not None:
            village = get_scoped(actor, Unit, village.pk)
            if village.kind != UnitKind.VILLAGE or not village.is_within(township):
                raise ServiceError(_("请选择本镇的一个村"), field="village")
        if not year:
            raise ServiceError(_("请填写年度"), field="year")
        return {"village": village, "year": year, "plan": None, "line": None}
    if kind != NoticeKind.TARGETS:
        raise ServiceError(_("请选择公示内容"), field="kind")
    if plan is None:
        raise ServiceError(_("请选择工作计划"), field="plan")
    plan = get_scoped(actor, Plan, plan.pk)
    if plan.status == PlanStatus.DRAFT or not plan.unit.is_within(township):
        raise ServiceError(_("只能公示本镇已部署的工作计划"), field="plan")
    if line is not None:
        line = get_scoped(actor, WorkLine, line.pk)
        if line.plan_id != plan.pk:
            raise ServiceError(_("工作专线不属于该计划"), field="line")
    return {"village": None, "year": plan.year, "plan": plan, "line": line}


def notice_create(*, actor, kind: str, title: str, expires_on: dt.date, year: int | None = None,
                  village: Unit | None = None, plan: Plan | None = None, line: WorkLine | None = None,
                  foreword: str = "", today: dt.date | None = None) -> PublicNotice:
    """A draft 公示 of the actor's township; the office previews it, then publishes it."""
    _require(actor, "add")
    today = today or timezone.localdate()
    township = township_in_scope(actor=actor)
    if township is None:
        raise ServiceError(_("您没有镇级数据范围，不能发布公示"))
    if not (title or "").strip():
        raise ServiceError(_("请填写标题"), field="title")
    _check_until(expires_on, today)
    subject = _subject(actor, township, kind=kind, year=year, village=village, plan=plan, line=line)
    with transaction.atomic():
        notice = PublicNotice.objects.create(
            kind=kind, township=township, title=title.strip()[:200], foreword=(foreword or "").strip(),
            expires_on=expires_on, issuer=issuer_of(township), slug=secrets.token_urlsafe(18), created_by=actor,
            **subject)
        ensure_in_scope(actor, notice, action="add")
        audit.record_change(actor=actor, obj=notice, before=None)
    return notice


def _check_until(expires_on: dt.date, today: dt.date) -> None:
    if expires_on < today or expires_on > today + dt.timedelta(days=LONGEST_DAYS):
        raise ServiceError(_("公示截止日期应在今天到一年之内"), field="expires_on")


EDITABLE = ("title", "foreword", "expires_on")


def notice_update(*, actor, notice: PublicNotice, version: int, today: dt.date | None = None,
                  **changes) -> PublicNotice:
    """Edit the title, foreword or last day of a draft, or of a notice being shown (延期 or 提前结束日期);
    an ended notice is kept as it ended. An unchanged save writes nothing."""
    _require(actor, "change")
    notice = get_scoped(actor, PublicNotice, notice.pk, action="change")
    if notice.status not in (NoticeStatus.DRAFT, NoticeStatus.PUBLISHED):
        raise ServiceError(_("公示已结束，不能再修改"))
    changes = {k: (v.strip() if isinstance(v, str) else v) for k, v in changes.items() if k in EDITABLE}
    changed = {k: v for k, v in changes.items() if getattr(notice, k) != v}
    if not changed:
        return notice
    if "title" in changed and not changed["title"]:
        raise ServiceError(_("请填写标题"), field="title")
    if "expires_on" in changed:
        _check_until(changed["expires_on"], today or timezone.localdate())
    with transaction.atomic():
        before = audit.snapshot(notice)
        for name, value in changed.items():
            setattr(notice, name, value)
        save_versioned(notice, version)
        audit.record_change(actor=actor, obj=notice, before=before)
    return notice


def _locked(actor, notice: PublicNotice, action: str) -> PublicNotice:
    _require(actor, action)
    found = PublicNotice.objects.restrict(actor, action).select_for_update().filter(pk=notice.pk).first()
    if found is None:
        get_scoped(actor, PublicNotice, notice.pk, action=action)  # 404 in the same words as elsewhere
    return found


def notice_publish(*, actor, notice: PublicNotice, today: dt.date | None = None) -> PublicNotice:
    """发布: from now until its date the notice opens without a login."""
    today = today or timezone.localdate()
    with transaction.atomic():
        notice = _locked(actor, notice, "publish")
        if notice.expires_on < today:
            raise ServiceError(_("公示截止日期已过，请重新起草"), field="expires_on")
        before = audit.snapshot(notice)
        _move(notice, "publish")
        notice.published_by, notice.published_at = actor, timezone.now()
        save_stepped(notice, "status", "published_by", "published_at")
        audit.record_change(actor=actor, obj=notice, before=before, message=_("发布公示"))
    return notice


def notice_withdraw(*, actor, notice: PublicNotice, reason: str = "") -> PublicNotice:
    """撤回: the address answers 公示已结束 at once; a draft withdrawn is simply never published."""
    with transaction.atomic():
        notice = _locked(actor, notice, "withdraw")
        before = audit.snapshot(notice)
        _move(notice, "withdraw")
        notice.ended_by, notice.ended_at = actor, timezone.now()
        notice.end_reason = " ".join((reason or "").split())[:200]
        save_stepped(notice, "status", "ended_by", "ended_at", "end_reason")
        audit.record_change(actor=actor, obj=notice, before=before, message=_("撤回公示"))
    return notice


def notices_expire(*, today: dt.date | None = None, log=print) -> list[int]:
    """The daily job: every published notice past its date becomes 已到期, audited as the system's act.
    (The public page never waits for it: past its date a notice is not shown, whatever its row says.)"""
    today = today or timezone.localdate()
    ended = []
    for pk in (PublicNotice.objects.unscoped("the daily expiry of every township's notices")
               .filter(status=NoticeStatus.PUBLISHED, expires_on__lt=today).values_list("pk", flat=True)):
        with transaction.atomic():
            # its own row only: PostgreSQL locks no nullable side of an outer join (the village)
            notice = (PublicNotice.objects.unscoped("the notice the expiry locks").select_for_update(of=("self",))
                      .select_related("township", "village").get(pk=pk))
            if notice.status != NoticeStatus.PUBLISHED:
                continue
            before = audit.snapshot(notice)
            _move(notice, "expire")
            notice.ended_at = timezone.now()
            save_stepped(notice, "status", "ended_at")
            audit.record(actor=None, actor_name=_("系统"), action=AuditAction.UPDATE, target=audit.Target.of(notice),
                         before=before, after=audit.snapshot(notice), message=_("公示到期"),
                         unit_path=notice.audit_unit_path())
        log(f"notice {pk}: expired")
        ended.append(pk)
    return ended


def is_showing(notice: PublicNotice, today: dt.date | None = None) -> bool:
    return notice.status == NoticeStatus.PUBLISHED and notice.expires_on >= (today or timezone.localdate())


def notice_open(*, slug: str, today: dt.date | None = None) -> tuple[str, PublicNotice | None]:
    """What a public address answers: (OPEN, notice) while published and not past its date; (ENDED,
    notice) once withdrawn or expired; (DRAFT, None) for a draft or an unknown address. Reads only."""
    notice = (PublicNotice.objects.unscoped("a public notice has no login: its address is its key")
              .select_related("township", "village", "plan", "line").filter(slug=slug or "").first())
    if notice is None or notice.published_at is None:  # a draft, or one withdrawn before it was ever shown
        return DRAFT, None
    return (OPEN if is_showing(notice, today) else ENDED), notice
