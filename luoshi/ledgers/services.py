"""Ledger-wide writes and files: export (audited, a job when large), the template download,
imports from the page and bulk actions. Row writes go through each ledger's own services."""

from __future__ import annotations

import datetime as dt
import functools
import operator
import tempfile
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from luoshi.core import audit, personal
from luoshi.core.errors import NotAllowed
from luoshi.core.masking import PERSONAL_DATA
from luoshi.core.models import AuditAction, JobRun
from luoshi.core.scope import get_scoped
from luoshi.exchange import jobs
from luoshi.exchange.exporting import Sheet, write_ledger
from luoshi.exchange.models import ColumnMapping, JobKind
from luoshi.exchange.templates import write_template
from luoshi.ledgers import selectors
from luoshi.ledgers.cells import plain_rows
from luoshi.ledgers.registry import Ledger, all_ledgers, get_ledger
from luoshi.ledgers.selectors import ListState

# Above this many rows an export runs as a job with a status row. A job costs its owner ≈ 1.1 s however small it
# is — the queue's hand-over (≤ 50 ms, benchmarks/ratios.py --only queue) and the job page's 2 s poll (1 s on
# average) — and a request ≈ 0.16 ms a row (a township's 5,000 tasks in ≈ 0.8 s, ratios.py --only export): up to
# ≈ 7,000 rows the file comes sooner in the request than a job's page could even say it is ready.
EXPORT_SYNC_LIMIT = 7000


def _require(actor, ledger: Ledger, action: str) -> None:
    if not ledger.allows(actor, action):
        raise NotAllowed()


def export_count(*, actor, ledger: Ledger, state: ListState) -> int:
    return selectors.rows(actor=actor, ledger=ledger, state=state).count()


def ledger_export(*, actor, ledger: Ledger, state: ListState, path: str | Path, unmasked: bool = False) -> int:
    """Write what the list shows (filters, scope, masking) to `path`; audited as an export. `unmasked`
    writes the personal columns in full, for a role the ledger's personal-data policy allows
    (`export_unmasked`), and the audit entry says so with the row count."""
    _require(actor, ledger, "export")
    unmasked = unmasked and bool(ledger.personal_columns)
    if unmasked and not ledger.personal_allows(actor, "export_unmasked"):
        raise NotAllowed()
    qs = selectors.rows(actor=actor, ledger=ledger, state=state)
    columns = [c for c in ledger.columns if c in state.columns or c.name in ledger.export_columns]
    now = timezone.localtime()
    name = getattr(actor, "display_name", "") or str(actor)
    sheet = Sheet(title=_("%(title)s（%(date)s）") % {"title": ledger.title, "date": now.strftime(_("%Y年%m月%d日"))},
                  footer=_("导出人：%(name)s　导出时间：%(time)s") % {"name": name, "time": f"{now:%Y-%m-%d %H:%M}"},
                  headers=[selectors.label_of(ledger, c) for c in columns], widths=[c.width for c in columns],
                  numbered=True)
    read: list = []
    cells = plain_rows(qs, ledger, columns, unmasked=unmasked)
    if cells is None:  # a column or the ledger's on_read needs the model's instances
        cells = model_rows(qs, ledger, columns, read, unmasked=unmasked)
    count = write_ledger(path, sheet, cells)
    ledger.read_by(actor, "export", read)
    words = {"title": ledger.title, "n": count, "filters": _describe(state)}
    if unmasked:
        fields = "、".join(selectors.label_of(ledger, c) for c in columns if c.personal)
        message = _("导出%(title)s %(n)s 条，含完整个人信息（%(fields)s）（%(filters)s）") % (words | {"fields": fields})
    else:
        message = _("导出%(title)s %(n)s 条（%(filters)s）") % words
    audit.record(actor=actor, action=AuditAction.EXPORT, target=audit.Target(type=ledger.model._meta.label_lower),
                 unit_path=ledger.audit_path(actor) if ledger.audit_path else None,
                 message=message, after={"rows": count, "unmasked": unmasked})
    return count


def model_rows(qs, ledger: Ledger, columns, read: list, *, unmasked: bool = False):
    """The export's rows read from model instances, cell by cell (`selectors.value`); the instances
    are kept in `read` for the ledger's `on_read`."""
    language = get_language()
    for obj in _kept(qs.iterator(chunk_size=2000), read, ledger):
        yield [selectors.value(obj, c, language, unmasked=unmasked) for c in columns]


def _kept(objects, read: list, ledger: Ledger):
    """The rows as they go by, kept for `on_read` when the ledger declares one (nothing kept otherwise)."""
    for obj in objects:
        if ledger.on_read is not None:
            read.append(obj)
        yield obj


def _describe(state: ListState) -> str:
    parts = [f"{k}={v}" for k, v in state.filters.items()]
    if state.query:
        parts.append(f"q={state.query_shown}")  # a whole ID or phone number searched for stays masked
    if state.ids is not None:
        parts.append(_("所选 %(n)s 条") % {"n": len(state.ids)})
    return "，".join(parts) or _("全部")


def export_start(*, actor, ledger: Ledger, params: dict) -> JobRun:
    """A large export: the job row now, the file after the commit."""
    _require(actor, ledger, "export")
    job = jobs.job_create(actor=actor, kind=JobKind.EXPORT, ledger=ledger.name, params=params)
    jobs.job_enqueue(job, "ledger_export")
    return job


@jobs.runner("ledger_export")
def _run_export(job: JobRun):
    ledger = get_ledger(job.ledger)
    params = job.params
    state = selectors.parse_state(ledger, params, chosen=params.get("cols"))
    path = Path(tempfile.mkdtemp(prefix="luoshi-export-")) / "export.xlsx"
    count = ledger_export(actor=job.actor, ledger=ledger, state=state, path=path,
                          unmasked=params.get("unmasked") == "1")
    return path, export_filename(ledger), count


# -- personal data: one field revealed, and the records past their retention ----------------------------
def reveal(*, actor, ledger: Ledger, pk: int, column: str, reason: str) -> str:
    """The full value of one personal column of one record the actor sees, for a reason (audited by
    `core.personal.reveal`). An unknown column, or one that is not personal, is refused."""
    declared = ledger.column(column)
    if declared is None or not declared.personal:
        raise NotAllowed()
    if not ledger.personal_allows(actor, "reveal"):
        raise NotAllowed()
    obj = get_scoped(actor, ledger.model, pk)
    obj = selectors.rows(actor=actor, ledger=ledger, state=selectors.record_state(ledger)).get(pk=obj.pk)
    return personal.reveal(actor=actor, obj=obj, field=column, label=selectors.label_of(ledger, declared),
                           value=selectors.value(obj, declared, unmasked=True), reason=reason,
                           policy=ledger.personal_policy or PERSONAL_DATA)


def retention_due(ledger: Ledger, *, today: dt.date):
    """The records of a ledger with a retention period that closed more than its days before `today`
    and still hold personal data (the system's read: no actor, no scope)."""
    retention, fields = ledger.retention, ledger.own_personal_fields
    if retention is None or not fields:
        return ledger.model.objects.none()
    cutoff = today - dt.timedelta(days=retention.days)
    qs = ledger.model.objects.unscoped("the retention job redacts every township's expired records")
    qs = qs.filter(**{f"{retention.closed_on}__isnull": False, f"{retention.closed_on}__lt": cutoff})
    if retention.closed is not None:
        qs = qs.filter(retention.closed)
    held = functools.reduce(operator.or_, [~Q(**{name: ""}) & Q(**{f"{name}__isnull": False}) for name in fields])
    return qs.filter(held).order_by("pk")


def retention_run(*, today: dt.date | None = None, log=None) -> dict[str, int]:
    """Clear the personal columns of every ledger's records kept past their retention period; each
    record's history says so, and so does a summary entry per ledger. Returns {ledger: records}."""
    today = today or timezone.localdate()
    done = {}
    for ledger in all_ledgers():
        if ledger.retention is None:
            continue
        fields, count = ledger.own_personal_fields, 0
        labels = "、".join(selectors.label_of(ledger, ledger.column(name)) for name in fields)
        message = _("%(title)s记录%(closed)s已满 %(days)s 天，按保存期限清除个人信息（%(fields)s）") % {
            "title": ledger.title, "closed": ledger.retention.label or _("办结"), "days": ledger.retention.days,
            "fields": labels}
        for obj in retention_due(ledger, today=today).iterator(chunk_size=500):
            count += personal.redact(obj=obj, fields=fields, message=message)
        if count:
            audit.record(actor=None, actor_name=_("系统"), action=AuditAction.UPDATE,
                         target=audit.Target(type=ledger.model._meta.label_lower), after={"records": count},
                         message=_("按保存期限清除%(title)s %(n)s 条记录的个人信息") % {"title": ledger.title, "n": count})
            if log:
                log(_("%(title)s：清除 %(n)s 条") % {"title": ledger.title, "n": count})
        done[ledger.name] = count
    return done


def export_filename(ledger: Ledger) -> str:
    return f"{ledger.title}_{timezone.localtime():%Y%m%d%H%M}.xlsx"


def template_options(*, actor, ledger: Ledger) -> dict[str, list[str]]:
    """The names the user may write in each unit or person column (their own scope)."""
    form = ledger.form(actor=actor)
    querysets = form.lookup_querysets()
    options = {}
    for spec_field in ledger.spec.field_names:
        name = ledger.import_renames.get(spec_field, spec_field)
        if name in querysets:
            options[spec_field] = list(dict.fromkeys(str(o) for o in querysets[name][:1000]))
    return options


def ledger_template(*, actor, ledger: Ledger, path: str | Path) -> None:
    _require(actor, ledger, "template")
    write_template(path, title=_("%(title)s（导入模板）") % {"title": ledger.title}, spec=ledger.spec,
                   options=template_options(actor=actor, ledger=ledger))


# -- imports from the page -------------------------------------------------------------------


def import_upload(*, actor, ledger: Ledger, upload) -> JobRun:
    _require(actor, ledger, "import")
    return jobs.job_create(actor=actor, kind=JobKind.IMPORT, ledger=ledger.name, source=upload,
                           source_name=getattr(upload, "name", "") or "upload.xlsx")


def mapping_remembered(*, actor, ledger: Ledger, signature: str) -> dict | None:
    row = ColumnMapping.objects.visible_to(actor).filter(owner=actor, ledger=ledger.name, signature=signature).first()
    return row.mapping if row else None


@transaction.atomic
def mapping_remember(*, actor, ledger: Ledger, signature: str, mapping: dict) -> None:
    ColumnMapping.objects.unscoped("a user's own mapping, keyed by owner").update_or_create(
        owner=actor, ledger=ledger.name, signature=signature, defaults={"mapping": mapping})


@transaction.atomic
def bulk_run(*, actor, ledger: Ledger, action: str, ids: list[int]) -> int:
    """Run a declared bulk action (or delete) on the selected rows the actor may change."""
    if action == "delete" and ledger.delete:
        _require(actor, ledger, "delete")
        objects = list(ledger.model.objects.editable_by(actor, "delete").filter(pk__in=ids))
        for obj in objects:
            ledger.delete(actor=actor, **{ledger.object_arg: obj})
        return len(objects)
    declared = next((b for b in ledger.bulk_actions if b.name == action), None)
    if declared is None:
        raise NotAllowed()
    _require(actor, ledger, declared.action)
    objects = list(ledger.model.objects.editable_by(actor, declared.action).filter(pk__in=ids))
    declared.run(actor=actor, objects=objects)
    return len(objects)
