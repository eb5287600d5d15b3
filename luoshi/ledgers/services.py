"""Ledger-wide writes and files: export (audited, a job when large), the template download,
imports from the page and bulk actions. Row writes go through each ledger's own services."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.errors import NotAllowed
from luoshi.core.models import AuditAction
from luoshi.exchange import jobs
from luoshi.exchange.exporting import Sheet, write_ledger
from luoshi.exchange.models import ColumnMapping, ExchangeJob, JobKind
from luoshi.exchange.templates import write_template
from luoshi.ledgers import selectors
from luoshi.ledgers.registry import Ledger, get_ledger
from luoshi.ledgers.selectors import ListState

EXPORT_SYNC_LIMIT = 3000  # above this many rows an export runs as a job with a status row


def _require(actor, ledger: Ledger, action: str) -> None:
    if not ledger.allows(actor, action):
        raise NotAllowed()


def export_count(*, actor, ledger: Ledger, state: ListState) -> int:
    return selectors.rows(actor=actor, ledger=ledger, state=state).count()


def ledger_export(*, actor, ledger: Ledger, state: ListState, path: str | Path) -> int:
    """Write what the list shows (filters, scope, masking) to `path`; audited as an export."""
    _require(actor, ledger, "export")
    qs = selectors.rows(actor=actor, ledger=ledger, state=state)
    columns = [c for c in ledger.columns if c in state.columns or c.name in ledger.export_columns]
    now = timezone.localtime()
    name = getattr(actor, "display_name", "") or str(actor)
    sheet = Sheet(title=_("%(title)s（%(date)s）") % {"title": ledger.title, "date": now.strftime(_("%Y年%m月%d日"))},
                  footer=_("导出人：%(name)s　导出时间：%(time)s") % {"name": name, "time": f"{now:%Y-%m-%d %H:%M}"},
                  headers=[selectors.label_of(ledger, c) for c in columns], widths=[c.width for c in columns],
                  numbered=True)
    cells = ([selectors.value(obj, c) for c in columns] for obj in qs.iterator(chunk_size=2000))
    count = write_ledger(path, sheet, cells)
    audit.record(actor=actor, action=AuditAction.EXPORT, target=audit.Target(type=ledger.model._meta.label_lower),
                 message=_("导出%(title)s %(n)s 条（%(filters)s）") % {
                     "title": ledger.title, "n": count, "filters": _describe(state)})
    return count


def _describe(state: ListState) -> str:
    parts = [f"{k}={v}" for k, v in state.filters.items()]
    if state.query:
        parts.append(f"q={state.query}")
    if state.ids is not None:
        parts.append(_("所选 %(n)s 条") % {"n": len(state.ids)})
    return "，".join(parts) or _("全部")


def export_start(*, actor, ledger: Ledger, params: dict) -> ExchangeJob:
    """A large export: the job row now, the file after the commit."""
    _require(actor, ledger, "export")
    job = jobs.job_create(actor=actor, kind=JobKind.EXPORT, ledger=ledger.name, params=params)
    jobs.job_enqueue(job, "ledger_export")
    return job


@jobs.runner("ledger_export")
def _run_export(job: ExchangeJob):
    ledger = get_ledger(job.ledger)
    params = job.params
    state = selectors.parse_state(ledger, params, chosen=params.get("cols"))
    path = Path(tempfile.mkdtemp(prefix="luoshi-export-")) / "export.xlsx"
    count = ledger_export(actor=job.owner, ledger=ledger, state=state, path=path)
    return path, export_filename(ledger), count


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


def import_upload(*, actor, ledger: Ledger, upload) -> ExchangeJob:
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
