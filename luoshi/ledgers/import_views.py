"""The import pages: upload → detected table and column mapping (remembered per layout) →
preview of every row with its problems marked → commit, or the workbook with bad cells marked."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from luoshi.core.forms import StyledForm
from luoshi.core.htmx import render_page
from luoshi.core.models import JobRun, JobStatus
from luoshi.exchange import jobs
from luoshi.exchange.errorbook import annotated_error_workbook
from luoshi.exchange.errors import WorkbookError
from luoshi.exchange.importing import import_ledger
from luoshi.exchange.models import JobKind
from luoshi.exchange.safety import Limits, check_upload
from luoshi.exchange.workbook import layout_signature
from luoshi.ledgers import services
from luoshi.ledgers.views import XLSX, ledger_for

PREVIEW_PAGE = 100
SKIP = "-"


class UploadForm(StyledForm):
    file = forms.FileField(label=_("选择工作簿（.xlsx）"))


@require_http_methods(["GET", "POST"])
@login_required
def import_start(request, name: str):
    ledger = ledger_for(request, name, "import")
    if not ledger.importable:
        raise Http404()
    upload = UploadForm(request.POST or None, request.FILES or None)
    options = ledger.import_options(request.POST or None, actor=request.user) if ledger.import_options else None
    if request.method == "POST" and upload.is_valid() and (options is None or options.is_valid()):
        error = _refuse(upload.cleaned_data["file"])
        if error:
            upload.add_error("file", error)
        else:
            job = services.import_upload(actor=request.user, ledger=ledger, upload=upload.cleaned_data["file"])
            job.params = {"options": _ids(options.cleaned_data) if options else {}}
            JobRun.objects.unscoped("the job just created").filter(pk=job.pk).update(params=job.params)
            return redirect("ledgers:import_job", name=ledger.name, job=job.pk)
    context = {"ledger": ledger, "upload": upload, "options": options}
    return _render(request, "ledgers/import.html", context, status=400 if request.method == "POST" else 200)


def _render(request, template, context, status=200):

    return render_page(request, template, context, status=status)


def _refuse(upload) -> str | None:
    """Check a hostile or wrong file before it is stored (quick: bytes only, no parsing)."""
    if upload.size > Limits().max_bytes:
        return _("文件超过 20 MB，请拆分后再导入")
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        try:
            check_upload(handle.name)
        except WorkbookError as exc:
            return exc.message
    upload.seek(0)
    return None


def _ids(data: dict) -> dict:
    return {k: getattr(v, "pk", v) for k, v in data.items()}


def _job(request, ledger, pk) -> JobRun:
    job = jobs.my_job(actor=request.user, pk=pk)
    if job is None or job.ledger != ledger.name or jobs.kind_of(job) != JobKind.IMPORT or not job.source:
        raise Http404()
    return job


def _local(job: JobRun) -> Path:
    """A local copy of the upload, whatever the storage (object storage later)."""
    path = Path(tempfile.mkdtemp(prefix="luoshi-import-")) / "upload.xlsx"
    with job.source.open("rb") as src, open(path, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return path


def _options(request, ledger, job) -> dict:
    if not ledger.import_options:
        return {}
    form = ledger.import_options(job.params.get("options", {}), actor=request.user)
    if not form.is_valid():
        raise Http404()  # the plan chosen at upload is no longer the user's to change
    return form.cleaned_data


def _run(request, ledger, job, *, dry_run: bool):
    mapping = job.params.get("mapping")
    path = _local(job)
    try:
        outcome = import_ledger(actor=request.user, ledger=ledger, path=path, mapping=mapping,
                                options=_options(request, ledger, job), dry_run=dry_run)
        if mapping is None and outcome.read.tables:
            remembered = services.mapping_remembered(actor=request.user, ledger=ledger,
                                                     signature=layout_signature(outcome.read.tables[0]))
            if remembered:
                job.params["mapping"] = remembered
                outcome = import_ledger(actor=request.user, ledger=ledger, path=path, mapping=remembered,
                                        options=_options(request, ledger, job), dry_run=dry_run)
        return outcome, None, path
    except WorkbookError as exc:
        return None, exc.message, path


@require_http_methods(["GET", "POST"])
@login_required
def import_job(request, name: str, job: int):
    ledger = ledger_for(request, name, "import")
    job = _job(request, ledger, job)
    if request.method == "POST" and request.POST.get("action") == "map":
        job.params["mapping"] = _mapping_from(request.POST, ledger)
        _save_params(job)
        return redirect("ledgers:import_job", name=ledger.name, job=job.pk)
    commit = request.method == "POST" and request.POST.get("action") == "commit" and job.status != JobStatus.DONE
    outcome, error, _path = _run(request, ledger, job, dry_run=not commit)
    if outcome is not None and outcome.read.tables:
        _remember(request, ledger, job, outcome)
    if commit and outcome is not None and outcome.ok and outcome.created:
        JobRun.objects.unscoped("the owner's own job").filter(pk=job.pk).update(
            status=JobStatus.DONE, row_count=outcome.created, finished_at=timezone.now())
        messages.success(request, outcome.message())
        return redirect(ledger.list_url())
    return _render(request, "ledgers/import_preview.html", _preview_context(request, ledger, job, outcome, error),
                   status=400 if commit else 200)


def _remember(request, ledger, job, outcome) -> None:
    if job.params.get("mapping"):
        services.mapping_remember(actor=request.user, ledger=ledger,
                                  signature=layout_signature(outcome.read.tables[0]), mapping=job.params["mapping"])


def _save_params(job) -> None:
    JobRun.objects.unscoped("the owner's own job").filter(pk=job.pk).update(params=job.params)


def _mapping_from(post, ledger) -> dict:
    mapping = {}
    for field in ledger.spec.fields:
        value = (post.get(f"map_{field.name}") or "").strip().upper()
        if value == SKIP:
            mapping[field.name] = None
        elif value.isalpha() and len(value) <= 3:
            mapping[field.name] = value
    return mapping


def _preview_context(request, ledger, job, outcome, error) -> dict:
    context = {"ledger": ledger, "job": job, "error": error, "outcome": outcome}
    if outcome is None:
        return context
    by_row: dict = {}
    for item in outcome.errors:
        by_row.setdefault((item["sheet"], item["row"]), []).append(item)
    only_bad = request.GET.get("bad") == "1"
    rows = [r for r in outcome.rows if not only_bad or (r["sheet"], r["row"]) in by_row]
    page = Paginator(rows, PREVIEW_PAGE).get_page(request.GET.get("page"))
    fields = ledger.spec.fields
    labels = {f.name: _choice_labels(ledger, f) for f in fields if f.choices}
    table = outcome.read.tables[0] if outcome.read.tables else None
    context.update({
        "fields": fields, "table": table, "tables": outcome.read.tables, "page": page, "only_bad": only_bad,
        "preview": [{"row": r, "errors": by_row.get((r["sheet"], r["row"]), []),
                     "cells": [_cell(r.get(f.name), labels.get(f.name)) for f in fields]} for r in page.object_list],
        "mapping": [{"field": f, "current": (table.columns.get(f.name, SKIP) if table else SKIP)} for f in fields],
        "letters": sorted(table.headers.items(), key=lambda kv: (len(kv[0]), kv[0])) if table else [],
    })
    return context


def _choice_labels(ledger, field) -> dict:
    """Code → the word a person reads: the model's label ("rectifying" → "整改中"), else the first written word."""
    labels = {}
    for word, code in field.choices.items():
        labels.setdefault(code, word)
    with contextlib.suppress(FieldDoesNotExist):
        labels.update({code: str(label) for code, label in ledger.model._meta.get_field(field.name).flatchoices})
    return labels


def _cell(value, labels: dict | None = None) -> str:
    if isinstance(value, list):
        return "、".join(value)
    if labels and value in labels:
        return labels[value]
    return "" if value is None else str(value)


@login_required
def import_errors(request, name: str, job: int):
    """The uploaded workbook with bad cells highlighted and a reason column added."""
    ledger = ledger_for(request, name, "import")
    job = _job(request, ledger, job)
    outcome, error, path = _run(request, ledger, job, dry_run=True)
    if outcome is None or not outcome.errors:
        raise Http404()
    content = annotated_error_workbook(path, outcome.errors, tables=outcome.read.tables)
    response = HttpResponse(content, content_type=XLSX)
    filename = _("%(title)s_错误标注.xlsx") % {"title": ledger.title}
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + _quoted(filename)
    return response


def _quoted(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
