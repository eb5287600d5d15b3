"""The emergency registers' writes beyond the ledger engine's: an isolation's daily check-in, a
disinfection recorded from a phone with its photo, and the reconciliation of the returnees with a list
(不漏一人). The duty shifts' check-in, light and urge are in `duty.py`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.masking import mask_id_card
from luoshi.core.scope import ensure_in_scope, get_scoped
from luoshi.emergency.models import (
    Disinfection,
    DutyPlace,
    Emergency,
    HealthStatus,
    Isolation,
    IsolationCheck,
    Returnee,
)
from luoshi.emergency.specs import LIST_SPEC
from luoshi.exchange.errors import WorkbookError
from luoshi.exchange.workbook import read_workbook
from luoshi.ledgers.registry import get_ledger

_ID = re.compile(r"^\d{17}[\dX]$")


# -- 居家隔离打卡 -------------------------------------------------------------------------------------
@transaction.atomic
def isolation_check_in(*, actor, isolation: Isolation, status: str = HealthStatus.NORMAL,
                       temperature: Decimal | None = None, note: str = "", now: dt.datetime | None = None
                       ) -> IsolationCheck:
    """Today's check-in of an isolation, by its watcher (or the village keeping it); once a day."""
    now = now or timezone.now()
    current = get_scoped(actor, Isolation, isolation.pk, action="check_in")
    day = timezone.localdate(now)
    if day < current.starts_on or day > current.last_day:
        raise ServiceError(_("今天不在隔离期内（%(s)s 至 %(e)s），无需打卡") % {"s": current.starts_on, "e": current.last_day})
    if status not in HealthStatus.values:
        raise ServiceError(_("请选择状况"), field="status")
    if temperature is not None and not Decimal("34") <= temperature <= Decimal("43"):
        raise ServiceError(_("体温应在 34 至 43 ℃ 之间"), field="temperature")
    if IsolationCheck.objects.filter(isolation=current, day=day).exists():
        raise ServiceError(_("今天已经打过卡了"))
    check = IsolationCheck.objects.create(isolation=current, day=day, status=status, temperature=temperature,
                                          note=(note or "").strip()[:300], checked_by=actor, checked_at=now)
    audit.record_change(actor=actor, obj=check, before=None, parent=current,
                        message=_("隔离打卡：%(s)s") % {"s": HealthStatus(status).label})
    return check


def missing_days(isolation: Isolation, checked: set[dt.date], today: dt.date) -> list[dt.date]:
    """The days of the isolation before today (today is still open) with no check-in."""
    last = min(isolation.last_day, today - dt.timedelta(days=1))
    days = [isolation.starts_on + dt.timedelta(days=n) for n in range((last - isolation.starts_on).days + 1)]
    return [d for d in days if d not in checked]


# -- 消杀记录 ---------------------------------------------------------------------------------------
@transaction.atomic
def disinfection_record(*, actor, place: DutyPlace, done_by: str, agent: str, area: str = "", note: str = "",
                        done_at: dt.datetime | None = None, photo=None) -> Disinfection:
    """A disinfection recorded from a phone: the engine's create, then the photo checked by its content."""
    from luoshi.progress.uploads import prepare_upload  # the one check of an uploaded photo (emergency > progress)

    prepared = prepare_upload(photo) if photo else None
    if prepared and not prepared.mime.startswith("image/"):
        raise ServiceError(_("请上传现场照片（JPEG、PNG 或 HEIC）"), field="photo")
    ledger = get_ledger("disinfections")
    row = ledger.create(actor=actor, place=place, done_by=done_by, agent=agent, area=area, note=note,
                        done_at=done_at or timezone.now())
    if prepared:
        day = timezone.localdate()
        row.photo = default_storage.save(f"disinfections/{day:%Y/%m}/{prepared.name}", ContentFile(prepared.content))
        row.photo_mime = prepared.mime
        Disinfection.objects.unscoped("the row just written by this actor").filter(pk=row.pk).update(
            photo=row.photo, photo_mime=row.photo_mime)
    return row


# -- 不漏一人: the returnees reconciled with a list ---------------------------------------------------
@dataclass
class ListedRow:
    """One row of the list: where it is in the workbook and who it names."""

    sheet: str
    row: int
    name: str
    id_card: str
    village: str = ""
    came_from: str = ""

    @property
    def masked_id(self) -> str:
        return mask_id_card(self.id_card)


@dataclass
class Reconciliation:
    """The differences both ways between the returnees registered (those the actor sees) and a list,
    matched by ID number: `unregistered` are on the list and not registered, `unlisted` registered and
    not on the list, `matched` both; `invalid` rows of the list with no valid ID number."""

    emergency: Emergency
    listed: int = 0
    matched: list[tuple[ListedRow, Returnee]] = field(default_factory=list)
    unregistered: list[ListedRow] = field(default_factory=list)
    unlisted: list[Returnee] = field(default_factory=list)
    invalid: list[ListedRow] = field(default_factory=list)
    duplicates: list[ListedRow] = field(default_factory=list)


def normal_id(value) -> str:
    return re.sub(r"\s", "", str(value or "")).upper()


def reconcile(*, actor, emergency: Emergency, rows: list[ListedRow], village=None) -> Reconciliation:
    """Match the list's rows to the emergency's returnees by ID number, both ways (a read: nothing is written)."""
    emergency = get_scoped(actor, Emergency, emergency.pk)
    registered = Returnee.objects.visible_to(actor).filter(emergency=emergency).select_related("village", "group")
    if village is not None:
        registered = registered.filter(scope_path__under=village.path)
    by_id: dict[str, Returnee] = {}
    for returnee in registered:
        if returnee.id_card:
            by_id.setdefault(normal_id(returnee.id_card), returnee)
    result, seen = Reconciliation(emergency=emergency, listed=len(rows)), set()
    for row in rows:
        key = normal_id(row.id_card)
        if not _ID.match(key):
            result.invalid.append(row)
        elif key in seen:
            result.duplicates.append(row)
        elif key in by_id:
            result.matched.append((row, by_id[key]))
        else:
            result.unregistered.append(row)
        seen.add(key)
    result.unlisted = [r for r in registered if normal_id(r.id_card) not in seen]
    return result


def read_list(path: str | Path) -> list[ListedRow]:
    """The rows of a list workbook (the county's list, a check-in sheet) through the one workbook reader."""
    try:
        read = read_workbook(path, LIST_SPEC)
    except WorkbookError as error:
        raise ServiceError(str(error), field="file") from error
    if not read.tables or all(t.missing for t in read.tables):
        reason = read.errors[0]["reason"] if read.errors else _("工作簿中没有找到含“身份证号”列的名单")
        raise ServiceError(reason, field="file")
    return [ListedRow(sheet=r.get("sheet", ""), row=r.get("row", 0), name=r.get("name") or "",
                      id_card=normal_id(r.get("id_card")), village=r.get("village") or "",
                      came_from=r.get("came_from") or "") for r in read.rows]


def reconcile_upload(*, actor, emergency: Emergency, path: str | Path, village=None) -> Reconciliation:
    if not Returnee.policy.allows(actor, "view"):
        raise NotAllowed()
    result = reconcile(actor=actor, emergency=emergency, rows=read_list(path), village=village)
    audit.record(actor=actor, action=audit.AuditAction.ACTION, target=audit.Target.of(result.emergency),
                 message=_("返乡人员比对：名单 %(n)d 人，未登记 %(u)d 人，名单外 %(o)d 人") % {
                     "n": result.listed, "u": len(result.unregistered), "o": len(result.unlisted)},
                 unit_path=result.emergency.scope_path)
    ensure_in_scope(actor, result.emergency, action="view")
    return result
