"""Importing a ledger workbook: read → resolve names in the importer's scope → validate every
row with the ledger's own form (DESIGN habit 6) → save all rows or none.

One function, ``import_ledger``, serves ``luoshi import``, the import page and the jobs. Nothing
is saved when any row is bad; every bad row is reported with sheet, Excel row, column letter
and a Chinese reason, in the shape of ``luoshi import --json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.core.errors import ServiceError
from luoshi.exchange.names import NameIndex
from luoshi.exchange.workbook import DetectedTable, ReadResult, read_workbook


@dataclass
class ImportContext:
    """What every row of one import shares: the actor, the options chosen, the name lookups."""

    actor: object
    ledger: object
    options: dict
    lookups: dict[str, LazyRows] = field(default_factory=dict)
    names: dict[str, NameIndex] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    # The year the workbook names (its title, a sheet's name), for a ledger whose rows carry a year.
    year: int | None = None


@dataclass
class ImportOutcome:
    """The result of one import; `errors` and `rows` follow the `luoshi import --json` contract."""

    read: ReadResult
    errors: list[dict]
    cleaned: list[dict] = field(default_factory=list)
    created: int = 0
    dry_run: bool = False

    @property
    def rows(self) -> list[dict]:
        return self.read.rows

    @property
    def bad_rows(self) -> int:
        return len({(e["sheet"], e["row"]) for e in self.errors})

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.read.rows)

    def message(self) -> str:
        if self.errors:
            return _("很抱歉，导入失败！共 %(n)s 条数据格式不正确，请下载标注了错误的工作簿，修改后重新导入。") % {
                "n": self.bad_rows}
        if not self.read.rows:
            return _("工作簿中没有找到可导入的数据行。")
        if self.dry_run:
            return _("检查通过：共 %(n)s 条数据，可以导入。") % {"n": len(self.read.rows)}
        return _("导入成功：共导入 %(n)s 条数据。") % {"n": self.created}

    def as_json(self) -> dict:
        return {"rows": self.read.rows, "errors": self.errors}


class LazyRows(dict):
    """{pk: obj} of a queryset, read on first use (fields an import never sets cost nothing)."""

    def __init__(self, queryset):
        super().__init__()
        self.queryset, self.loaded = queryset, False

    def load(self) -> LazyRows:
        if not self.loaded:
            self.update({obj.pk: obj for obj in self.queryset})
            self.loaded = True
        return self

    def get(self, key, default=None):
        return self.load().__getitem__(key) if key in self.load() else default

    def objects(self) -> list:
        return list(self.load().values())


def import_ledger(*, actor, ledger, path: str | Path, mapping: dict | None = None, options: dict | None = None,
                  dry_run: bool = False) -> ImportOutcome:
    """Read, validate and (unless `dry_run` or any row is bad) save a ledger workbook.

    Raises WorkbookError for a file that is refused or holds no table of this ledger."""
    read = read_workbook(path, ledger.spec, mapping=mapping)
    outcome = ImportOutcome(read=read, errors=list(read.errors), dry_run=dry_run)
    if not read.rows:
        return outcome
    ctx = build_context(actor, ledger, options or {})
    ctx.year = read.year
    bad = {(e["sheet"], e["row"]) for e in read.errors}
    for row in read.rows:
        cleaned, errors = validate_row(row, ctx, _table_of(read.tables, row))
        outcome.errors.extend(errors)
        if cleaned is not None and (row["sheet"], row["row"]) not in bad:
            outcome.cleaned.append({"sheet": row["sheet"], "row": row["row"], "data": cleaned})
    outcome.errors.sort(key=lambda e: (_sheet_order(read, e["sheet"]), e["row"]))
    if outcome.errors or dry_run:
        return outcome
    _commit(ctx, outcome)
    return outcome


def build_context(actor, ledger, options: dict) -> ImportContext:
    ctx = ImportContext(actor=actor, ledger=ledger, options=options)
    sample = ledger.form(actor=actor)
    querysets = sample.lookup_querysets()
    ctx.lookups = {name: LazyRows(qs) for name, qs in querysets.items()}
    for spec_field in ledger.spec.field_names:
        name = ledger.import_renames.get(spec_field, spec_field)
        if name in querysets and spec_field not in ledger.import_by_hook:
            ctx.names[spec_field] = NameIndex(ctx.lookups[name].objects())
    return ctx


def validate_row(row: dict, ctx: ImportContext, table: DetectedTable | None) -> tuple[dict | None, list[dict]]:
    """The row as the form's cleaned data, or None, and the row's errors (contract shape)."""
    ledger, data, failed = ctx.ledger, {}, {}
    for spec_field in ledger.spec.field_names:
        if spec_field not in row:
            continue
        name = ledger.import_renames.get(spec_field, spec_field)
        value = row[spec_field]
        if spec_field in ctx.names:
            value, reason = ctx.names[spec_field].resolve(value)
            if reason:
                failed[spec_field] = f"{ledger.spec.field_spec(spec_field).label}{reason}"
        data[name] = "" if value is None else value
    for key in ("deadline_kind", "recurrence", "deadline_text"):
        if key in row:
            data[key] = row[key] or ""
    if ledger.import_row:
        for spec_field, reason in ledger.import_row(row, data, ctx):
            failed[spec_field] = reason
    if "form" not in ctx.extra:
        ctx.extra["form"] = ledger.form(actor=ctx.actor, lookups=ctx.lookups)
    form = ctx.extra["form"].rebind(data)
    valid = form.is_valid()
    errors = [_error(row, table, ledger, f, reason) for f, reason in failed.items()]
    if not valid:
        errors += _form_errors(row, table, ledger, form, set(failed))
    return (dict(form.cleaned_data) if valid and not failed else None), errors


def _form_errors(row, table, ledger, form: forms.Form, skip: set[str]) -> list[dict]:
    back = {form_name: spec for spec, form_name in ledger.import_renames.items()}
    out = []
    for name, messages in form.errors.items():
        spec_field = back.get(name, name)
        if spec_field in skip:
            continue
        label = form.fields[name].label if name in form.fields else ""
        reason = "；".join(str(m) for m in messages)
        out.append(_error(row, table, ledger, spec_field, f"{label}：{reason}" if label else reason))
    return out


def _error(row: dict, table: DetectedTable | None, ledger, spec_field: str, reason: str) -> dict:
    column = table.columns.get(spec_field) if table else None
    if column is None:
        names = ledger.spec.field_names
        column = ledger.spec.field_spec(spec_field).label if spec_field in names else ""
    return {"sheet": row["sheet"], "row": row["row"], "column": column, "reason": reason}


def _table_of(tables: list[DetectedTable], row: dict) -> DetectedTable | None:
    for table in tables:
        if table.sheet == row["sheet"] and (table.first_data_row or 0) <= row["row"] <= (table.last_data_row or 0):
            return table
    return next((t for t in tables if t.sheet == row["sheet"]), None)


def _sheet_order(read: ReadResult, sheet: str) -> int:
    names = list(dict.fromkeys(t.sheet for t in read.tables))
    return names.index(sheet) if sheet in names else len(names)


def _commit(ctx: ImportContext, outcome: ImportOutcome) -> None:
    """Every row through the ledger's create service in one transaction: all or none."""
    ledger, current = ctx.ledger, None
    try:
        with transaction.atomic():
            if ledger.before_commit:
                ledger.before_commit(ctx, outcome.cleaned)
            if ledger.create_many:
                ledger.create_many(actor=ctx.actor, rows=[item["data"] for item in outcome.cleaned])
            else:
                for current in outcome.cleaned:
                    ledger.create(actor=ctx.actor, **current["data"])
            outcome.created = len(outcome.cleaned)
    except ServiceError as error:
        row = current or {"sheet": outcome.read.rows[0]["sheet"], "row": outcome.read.rows[0]["row"]}
        field = (error.errors[0].get("field") if error.errors else None) or ""
        spec_field = {v: k for k, v in ledger.import_renames.items()}.get(field, field)
        table = _table_of(outcome.read.tables, row)
        outcome.errors.append(_error(row, table, ledger, spec_field, error.message))
        outcome.created = 0
