"""A cadre's visit (入户走访) on a phone: the check of 两不愁三保障 and 饮水安全 item by item, photos
(progress' attachments, owned by the visit), and a failed item turned into a problem of the problems
ledger in one step (`supervision.services.problem_found`: the cadre, who does not keep the list, is
the problem's owner; its lead unit is the household's village)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.models import AuditAction
from luoshi.core.scope import ensure_in_scope, get_scoped
from luoshi.people.models import CheckItem, Household, Visit, VisitCheck
from luoshi.plans.lights import counted_time
from luoshi.progress import services as progress
from luoshi.progress.models import Attachment
from luoshi.progress.uploads import prepare_upload
from luoshi.supervision import services as supervision
from luoshi.supervision.models import Problem

MAX_PHOTOS = 9


def visit_record(*, actor, household: Household, visited_on: dt.date | None = None, note: str = "",
                 checks: dict[str, tuple[bool, str]], files=(), to_problem=(), report_on=None,
                 captured_at: dt.datetime | None = None, idempotency_key: str = "") -> Visit:
    """Record a visit of `household` with each check item (达标 or 不达标 with a note) and its photos;
    the failed items named in `to_problem` become problems in the same step. Every item must be
    checked; a failed one needs a note saying what is wrong.

    `report_on`: a task the visitor reports on (their 帮扶走访 task): the visit is also a progress
    report on it, in the same transaction, so the Mon/Wed/Fri roll call that calls the cadres on that
    task counts it (dispatch reads reports; it knows nothing of households).

    A visit captured without signal (`captured_at`) is dated by its capture within the offline grace
    (`plans.lights.counted_time`), and so is its report; sent again with the same `idempotency_key`, the
    first visit is returned (`replayed`) and nothing is written."""
    if not Household.policy.allows(actor, "visit") or not Visit.policy.allows(actor, "add"):
        raise NotAllowed()
    person = getattr(actor, "person", None)
    if person is None:
        raise ServiceError(_("您的账号没有关联人员，不能登记走访"))
    key = (idempotency_key or "").strip()[:64]
    if key and (first := Visit.objects.visible_to(actor).filter(visitor=person, idempotency_key=key).first()):
        first.replayed = True
        return first
    counted = counted_time(captured_at=captured_at, received_at=timezone.now()) if captured_at else None
    missing = [str(label) for value, label in CheckItem.choices if value not in checks]
    if missing:
        raise ServiceError(_("请逐项检查：%(items)s") % {"items": "、".join(missing)}, field="checks")
    for item, (passed, text) in checks.items():
        if not passed and not (text or "").strip():
            raise ServiceError(_("“%(item)s”不达标，请写明情况") % {"item": CheckItem(item).label}, field=item)
    if len(files) > MAX_PHOTOS:
        raise ServiceError(_("一次最多上传 %(n)d 张照片") % {"n": MAX_PHOTOS}, field="photos")
    prepared = [prepare_upload(f) for f in files]  # outside the transaction: the heavy part
    with transaction.atomic():
        household = get_scoped(actor, Household, household.pk, action="visit")
        visit = Visit.objects.create(household=household, visited_on=visited_on or timezone.localdate(counted),
                                     visitor=person, note=(note or "").strip(), scope_path=household.scope_path,
                                     failed=sum(1 for passed, _text in checks.values() if not passed),
                                     captured_at=captured_at if counted else None, idempotency_key=key)
        rows = VisitCheck.objects.bulk_create([
            VisitCheck(visit=visit, item=value, passed=checks[value][0], note=(checks[value][1] or "").strip()[:300])
            for value, _label in CheckItem.choices])
        ensure_in_scope(actor, visit, action="add", written_now=True)
        audit.record_change(actor=actor, obj=visit, before=None, parent=household,
                            message=_("不达标 %(n)d 项") % {"n": visit.failed} if visit.failed else _("各项达标"))
        for upload in prepared:
            progress.attachment_add(actor=actor, owner=visit, upload=upload, scope_path=visit.scope_path)
        for row in rows:
            if not row.passed and row.item in to_problem:
                _to_problem(actor, household, visit, row)
        if report_on is not None:
            visit.report = progress.report_submit(actor=actor, task=report_on, text=summary(household, visit, rows),
                                                  difficulties="\n".join(_failed_lines(rows)),
                                                  captured_at=visit.captured_at,
                                                  idempotency_key=f"visit:{key}"[:64] if key else "")
            visit.save(update_fields=["report"])
    visit.replayed = False
    return visit


def summary(household: Household, visit: Visit, rows) -> str:
    """The visit as a report's text: "入户走访王德胜户（路村）：吃穿不愁、义务教育……达标；住房安全不达标。"."""
    passed = "、".join(row.get_item_display() for row in rows if row.passed)
    failed = "、".join(row.get_item_display() for row in rows if not row.passed)
    text = _("入户走访%(h)s（%(v)s）") % {"h": household, "v": household.village.name}
    parts = ([_("%(items)s达标") % {"items": passed}] if passed else []) + (
        [_("%(items)s不达标") % {"items": failed}] if failed else [])
    return text + "：" + "；".join(parts) + "。" + (visit.note or "")


def _failed_lines(rows) -> list[str]:
    return [f"{row.get_item_display()}：{row.note}" for row in rows if not row.passed]


def check_to_problem(*, actor, check: VisitCheck) -> Problem:
    """A failed item of a visit already recorded becomes a problem (once)."""
    with transaction.atomic():
        visit = get_scoped(actor, Visit, check.visit_id)
        row = VisitCheck.objects.select_for_update().get(pk=check.pk, visit=visit)
        household = get_scoped(actor, Household, visit.household_id, action="to_problem")
        return _to_problem(actor, household, visit, row)


def _to_problem(actor, household: Household, visit: Visit, row: VisitCheck) -> Problem:
    if not Household.policy.allows(actor, "to_problem"):
        raise NotAllowed()
    if row.passed:
        raise ServiceError(_("达标的检查项不需要转为问题"))
    if row.problem_id:
        raise ServiceError(_("“%(item)s”已转为问题 #%(n)d") % {"item": row.get_item_display(), "n": row.problem_id})
    label = row.get_item_display()
    description = _("%(household)s（%(village)s）%(item)s不达标：%(note)s（%(date)s 走访发现）") % {
        "household": household, "village": household.village.name, "item": label, "note": row.note,
        "date": f"{visit.visited_on:%Y-%m-%d}"}
    problem = supervision.problem_found(
        actor=actor, lead_unit=household.village, village=household.village, description=description,
        category=_("两不愁三保障"), title=_("%(household)s%(item)s不达标") % {"household": household, "item": label})
    row.problem = problem
    row.save(update_fields=["problem"])
    audit.record(actor=actor, action=AuditAction.ACTION, target=audit.Target.of(visit, household),
                 message=_("“%(item)s”不达标转为问题 #%(n)d") % {"item": label, "n": problem.pk},
                 unit_path=visit.scope_path)
    return problem


def photos_of(*, actor, visit: Visit):
    return Attachment.objects.visible_to(actor).filter(owner_type__model="visit", owner_type__app_label="people",
                                                       owner_id=visit.pk)


def visits_of(*, actor, household: Household):
    return Visit.objects.visible_to(actor).filter(household=household).select_related("visitor").prefetch_related(
        "checks")
