"""Writes of the field side: progress reports with numbers and photos, and attachments.

`report_submit` is what a village cadre's phone calls; a flaky network may send it three
times with the same idempotency key, which yields one report and one set of attachments.
`attachment_add` is public: inspections and problems attach their photos through it too.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.models import AuditAction
from luoshi.core.scope import ensure_in_scope, scoped
from luoshi.notify.selectors import open_asks
from luoshi.notify.services import notifications_resolve
from luoshi.notify.targets import Target
from luoshi.plans.lights import counted_time
from luoshi.plans.models import Indicator, Task, TaskStatus
from luoshi.plans.periods import period_key
from luoshi.plans.reminders import STALE, task_target
from luoshi.plans.services import task_apply_report
from luoshi.plans.task_flow import task_request_close
from luoshi.plans.year_close import ensure_open
from luoshi.progress import hooks, rollups
from luoshi.progress.models import Attachment, IndicatorValue, ProgressReport
from luoshi.progress.uploads import PreparedUpload, prepare_upload

logger = logging.getLogger(__name__)

REPORTABLE = (TaskStatus.DEPLOYED, TaskStatus.SIGNED)
MAX_TEXT = 5000
MAX_FILES = 20


def report_submit(*, actor, task: Task | int, text: str, percent: int | None = None, difficulties: str = "",
                  values: dict[Indicator, Decimal] | None = None, files=(), idempotency_key: str = "",
                  period: str | None = None, captured_at: dt.datetime | None = None) -> ProgressReport:
    """Record a report on `task`, move its progress and indicators, and recompute its light.

    The returned report has `replayed` = True when the key had already been used (nothing new
    was written). Files are checked before anything is written, so a refused photo leaves no
    report behind. `captured_at`: when the report was written on a phone without signal; the lights
    count it then, within the offline grace (`plans.lights.counted_time`)."""
    if not Task.policy.allows(actor, "report") or not ProgressReport.policy.allows(actor, "add"):
        raise NotAllowed(_("您的角色不能上报进展"))
    key = (idempotency_key or "").strip()[:64]
    existing = _replay(actor, key)
    if existing is not None:
        if existing.task_id != getattr(task, "pk", task):
            raise ServiceError(_("该幂等键已用于另一项任务的上报"), field="idempotency_key")
        return existing
    task = scoped(actor, Task, task, action="report", related=("plan",))
    clean = _clean_input(task, text=text, percent=percent, difficulties=difficulties, files=files)
    prepared = [prepare_upload(f) for f in files]  # heavy work, outside the write transaction
    written: list = []
    try:
        with transaction.atomic():
            return _write_report(actor, task, clean, values or {}, prepared, key, period, written,
                                 captured_at=captured_at)
    except Exception:
        _discard(written)  # the rows were rolled back; their files must not linger
        raise


def task_close_request(*, actor, task: Task | int, note: str, percent: int | None = 100, files=(),
                       values: dict | None = None, idempotency_key: str = "") -> ProgressReport:
    """申请办结 from the field in one step: a closing report carries the note and the evidence
    (photos, files, the progress reached), then the task waits for 验收 (plans.task_flow).
    Both are written or neither."""
    existing = _replay(actor, (idempotency_key or "").strip()[:64])
    if existing is not None:  # the phone sent it twice: the first one stands
        return existing
    task = scoped(actor, Task, task, action="request_close")
    if task.status != TaskStatus.SIGNED:
        raise ServiceError(_("当前状态为“%(s)s”，不能申请办结。") % {"s": task.get_status_display()})
    if not (note or "").strip():
        raise ServiceError(_("请填写办结说明：干到了什么程度、有哪些佐证"), field="note")
    with transaction.atomic():
        report = report_submit(actor=actor, task=task, text=_("【申请办结】%(n)s") % {"n": note.strip()},
                               percent=percent, values=values, files=files, idempotency_key=idempotency_key)
        if not getattr(report, "replayed", False):
            task_request_close(actor=actor, task=task, note=note)
    return report


def _discard(files) -> None:
    for stored in files:
        try:
            stored.storage.delete(stored.name)
        except OSError:  # pragma: no cover - a leftover file is harmless, a second error is not
            logger.warning("could not remove %s after a rolled-back report", stored.name)


def _replay(actor, key: str) -> ProgressReport | None:
    if not key:
        return None
    report = ProgressReport.objects.unscoped("replaying the reporter's own request").filter(
        reporter=actor, idempotency_key=key).first()
    if report is not None:
        report.replayed = True
    return report


def _clean_input(task: Task, *, text, percent, difficulties, files) -> dict:
    if task.status not in REPORTABLE:
        message = {TaskStatus.COMPLETED: _("任务已办结，无需再上报"),
                   TaskStatus.CLOSING: _("任务已申请办结，正在验收，无需再上报")}.get(task.status,
                                                                                _("任务尚未部署，不能上报"))
        raise ServiceError(message)
    ensure_open(task.plan if Task.plan.is_cached(task) else task.plan_id)  # an archived plan takes no more reports
    text = (text or "").strip()
    if not text:
        raise ServiceError(_("请填写进展情况"), field="text")
    if len(text) > MAX_TEXT or len(difficulties or "") > MAX_TEXT:
        raise ServiceError(_("内容过长，请控制在 %(n)d 字以内") % {"n": MAX_TEXT}, field="text")
    if percent is not None and (not isinstance(percent, int) or not 0 <= percent <= 100):
        raise ServiceError(_("完成进度应为 0 到 100 之间的整数"), field="percent")
    if len(files) > MAX_FILES:
        raise ServiceError(_("一次最多上传 %(n)d 个文件") % {"n": MAX_FILES}, field="files")
    return {"text": text, "percent": percent, "difficulties": _difficulty_lines(difficulties)}


def _difficulty_lines(text: str) -> str:
    """One difficulty per line (each can become a problem later); blank lines dropped."""
    return "\n".join(line.strip() for line in (text or "").replace("\r", "\n").split("\n") if line.strip())


def _write_report(actor, task: Task, clean: dict, values: dict, prepared: list[PreparedUpload], key: str,
                  period: str | None, written: list, *, captured_at: dt.datetime | None = None) -> ProgressReport:
    unit = _unit_of(actor)
    resolved = rollups.resolve_values(task=task, unit=unit, values=values)
    received = timezone.now()
    counted = counted_time(captured_at=captured_at, received_at=received) if captured_at else None
    report = ProgressReport(
        task=task, reporter=actor, reporter_name=_name_of(actor)[:50], unit=unit, text=clean["text"],
        percent=clean["percent"], difficulties=clean["difficulties"], idempotency_key=key,
        period=(period if period is not None else period_key(task.recurrence,
                                                              timezone.localdate(counted or received)))[:20],
        scope_path=task.scope_path, captured_at=captured_at if counted else None,
        counted_at=counted,
    )
    try:
        with transaction.atomic(savepoint=bool(key)):  # only a key can collide with an earlier report
            report.save(force_insert=True)
    except IntegrityError:
        existing = _replay(actor, key)
        if existing is None:
            raise
        return existing
    IndicatorValue.objects.bulk_create([IndicatorValue(report=report, indicator=i, value=v)
                                        for i, v in resolved.items()])
    stored = [_store(actor, report, item, task.scope_path) for item in prepared]
    written.extend(f for a in stored for f in (a.file, a.thumbnail) if f)
    ensure_in_scope(actor, report, action="view", written_now=True)
    audit.record(actor=actor, action=AuditAction.CREATE, target=audit.Target.of(report, task), before=None,
                 after=audit.snapshot(report) | {"values": {str(i.pk): str(v) for i, v in resolved.items()},
                                                 "attachments": [a.pk for a in stored]},
                 unit_path=report.scope_path)
    task_apply_report(task=task, percent=clean["percent"], reported_at=report.counts_at, period=report.period)
    _answer_notices(actor, report)
    for indicator in resolved:
        rollups.indicator_refresh(indicator=indicator)
    report.value_list = [IndicatorValue(report=report, indicator=i, value=v) for i, v in resolved.items()]
    report.attachment_list = stored
    report.replayed = False
    transaction.on_commit(lambda: logger.info("task %s reported (report %s)", task.pk, report.pk))
    return report


def _answer_notices(actor, report: ProgressReport) -> None:
    """Close, in the report's transaction, the notices it answers: the reminder that the task had
    gone quiet (for everyone it went to), and announce the report to the listeners of
    `hooks.report_submitted` (dispatch closes a roll call's notice or urge to the reporter once they
    have reported on all they were called for). One read finds the open notices of either, so the
    usual report, which answers none, pays one query."""
    target, listeners = task_target(report.task_id), hooks.report_submitted.listeners
    asks = open_asks(about=target, kinds=[STALE], recipient=actor,
                     target_kinds=[listener.asks for listener in listeners if listener.asks])
    if any(kind == STALE for kind, _target in asks):
        notifications_resolve(targets=[target], kinds=[STALE])
    asked = {parsed.kind for _kind, about in asks if (parsed := Target.parse(about))}
    for listener in listeners:
        if listener.asks is None or listener.asks in asked:
            listener.heard(report=report)


def _unit_of(actor):
    person = getattr(actor, "person", None)
    return person.unit if person is not None and person.unit_id else None


def _name_of(actor) -> str:
    person = getattr(actor, "person", None)
    return person.name if person is not None else actor.get_username()


# -- attachments --------------------------------------------------------------------------------


@transaction.atomic
def attachment_add(*, actor, owner: models.Model, upload, scope_path: str) -> Attachment:
    """Check `upload` by its content, strip a photo's metadata, store it, and attach it to `owner`
    (a report, an inspection, a problem …) within `scope_path`; audited with the owner as parent.
    `upload` is an uploaded file, or a `PreparedUpload` already checked by `prepare_upload`."""
    if not Attachment.policy.allows(actor, "add"):
        raise NotAllowed()
    prepared = upload if isinstance(upload, PreparedUpload) else prepare_upload(upload)
    return _store(actor, owner, prepared, scope_path)


def _store(actor, owner: models.Model, prepared: PreparedUpload, scope_path: str) -> Attachment:
    stem = uuid.uuid4().hex
    attachment = Attachment(
        owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk, name=prepared.name,
        mime=prepared.mime, size=len(prepared.content), width=prepared.width, height=prepared.height,
        taken_at=prepared.taken_at, gps_lat=prepared.gps_lat, gps_lon=prepared.gps_lon, sha256=prepared.sha256,
        uploaded_by=actor, scope_path=scope_path,
    )
    attachment.file.save(f"{stem}{prepared.extension}", ContentFile(prepared.content), save=False)
    if prepared.thumbnail:
        attachment.thumbnail.save(f"{stem}.thumb.jpg", ContentFile(prepared.thumbnail), save=False)
    attachment.save(force_insert=True)
    after = audit.snapshot(attachment, exclude=("file", "thumbnail")) | {"file": attachment.file.name}
    audit.record(actor=actor, action=AuditAction.CREATE, target=audit.Target.of(attachment, owner), after=after,
                 unit_path=scope_path)
    return attachment
