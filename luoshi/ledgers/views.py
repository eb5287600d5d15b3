"""The generic pages of every ledger: list, detail with history, form, bulk actions, export,
template and job status. Thin functions: parse, call a selector or service, render."""

from __future__ import annotations

import hashlib
import html
import operator
import tempfile
from pathlib import Path
from urllib.parse import quote_plus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from luoshi.core.decorators import deny
from luoshi.core.errors import Conflict, NotAllowed, OutOfScope, ServiceError, add_to_form
from luoshi.core.htmx import render_page
from luoshi.core.listing import paginate
from luoshi.core.masking import full_number, mask_id_card, mask_phone
from luoshi.core.scope import get_scoped
from luoshi.core.selectors import object_history
from luoshi.exchange import jobs
from luoshi.ledgers import cells, selectors, services, toolbar
from luoshi.ledgers.registry import Ledger, all_ledgers, get_ledger

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ledger_for(request, name: str, action: str = "view") -> Ledger:
    """The ledger, if the user's roles allow `action` on it (unknown ledgers are 404)."""
    ledger = get_ledger(name)
    if ledger is None:
        raise Http404(_("没有这个台账"))
    if not ledger.allows(request.user, action):
        deny(request)
    return ledger


@login_required
def ledger_index(request):
    items = [ledger for ledger in all_ledgers() if ledger.allows(request.user, "view")]
    return render_page(request, "ledgers/index.html", {"ledgers": items})


SEARCHED = "ledger_searched"  # the session's whole numbers searched for, by token


def _state(request, ledger: Ledger):
    key = f"ledger_cols:{ledger.name}"
    chosen = request.GET.getlist("cols")
    if chosen:
        request.session[key] = chosen
    return selectors.parse_state(ledger, _searched(request), chosen=chosen or request.session.get(key))


def _searched(request):
    """The query parameters with a whole ID or phone number in `q` read back from its token.

    A search by a whole number matches it exactly and never shows it: the number is kept in the
    session under a token, and `request.GET` (which the page echoes into its links, its export and
    the address bar) carries the token instead; the box shows the number masked, and a masked number
    sent back is the one searched for."""
    query = (request.GET.get("q") or "").strip()
    kept = request.session.get(SEARCHED, {})
    number = kept.get(query) or next((n for n in kept.values() if _mask(n) == query), None) if query else None
    if number is None and full_number(query) is not None:
        number = full_number(query)[1]
        token = "~" + hashlib.sha256(f"{request.session.session_key}:{number}".encode()).hexdigest()[:10]
        request.session[SEARCHED] = dict(list(kept.items())[-19:]) | {token: number}
    if number is None:
        return request.GET
    token = next(t for t, n in request.session[SEARCHED].items() if n == number)
    shown = request.GET.copy()
    shown["q"] = token
    request.GET = shown  # what the page echoes
    params = shown.copy()
    params["q"] = number  # what the rows are read by
    return params


def _mask(number: str) -> str:
    found = full_number(number)
    return mask_id_card(found[1]) if found and found[0] == "id_card" else mask_phone(number)


@login_required
def ledger_list(request, name: str):
    ledger = ledger_for(request, name)
    if ledger.list_page:  # one list per record: the address it is known by
        query = request.GET.urlencode()
        return redirect(ledger.list_url() + (f"?{query}" if query else ""), permanent=True)
    return list_page(request, ledger)


def list_page(request, ledger: Ledger):
    """A ledger's list: at /ledgers/<name>/, or at the address its declaration names (`list_page`),
    whose view checks the right to see it first."""
    state = _state(request, ledger)
    listing = paginate(request, selectors.list_ids(actor=request.user, ledger=ledger, state=state))
    ids = list(listing.items)
    plain = cells.page_rows(ledger, state.columns, ids)  # None: a column needs the model's instances
    if plain is None:
        listing.page.object_list = selectors.in_order(selectors.page_rows(ledger=ledger, state=state, ids=ids), ids)
        ledger.read_by(request.user, "list", listing.items)
    else:
        plain = selectors.in_order(plain, ids, key=operator.itemgetter(0))
    headers = [{"name": c.name, "label": selectors.label_of(ledger, c), "sortable": bool(selectors.sort_path(ledger, c))}
               for c in state.columns]
    # Each cell with its column's label, escaped once, and whether it is the row's title: on a phone
    # the row is a card (site.css), its title first, then "label：value" lines.
    title = ledger.title_index(state.columns)
    language = get_language()
    # each cell's opening tag escaped once, kept as a plain str: joining SafeStrings costs a call a cell
    labelled = [(f'<td class="ls-cell" data-label="{html.escape(h["label"])}">', i == title, c,
                 None if c.html else selectors.value_reader(ledger.model, c, language))
                for i, (h, c) in enumerate(zip(headers, state.columns, strict=True))]
    pick, url, untitled = escape(_("选择")), ledger.detail_url_of(), _("（未填）")
    # each row from its model instance, or from its values when the page was read as values
    sources, cells_of = ([(obj.pk, obj) for obj in listing.items], _row_cells) if plain is None else (plain, _plain_cells)
    table = []
    for pk, source in sources:
        link = url(pk)
        table.append(_row(pk, cells_of(source, link, labelled, untitled), pick))
    context = {"ledger": ledger, "listing": listing, "table": table, "headers": headers, "state": state,
               "header_cells": _header_cells(request, headers, state.sort),
               "list_url": ledger.list_url(),
               "filters": _with_options(selectors.filter_choices(actor=request.user, ledger=ledger, state=state)),
               "all_columns": [(c.name, selectors.label_of(ledger, c), c in state.columns) for c in ledger.columns],
               "can": _abilities(request.user, ledger)}
    context |= {"filter_controls": toolbar.filter_controls(context["filters"]),
                "column_choices": toolbar.column_choices(request.GET, context["all_columns"])}
    response = render_page(request, "ledgers/list.html", context, partial="results")
    if state.query != state.query_shown and request.headers.get("HX-Request"):
        response["HX-Push-Url"] = f"{request.path}?{request.GET.urlencode()}"  # the token, not the number
    return response


def _header_cells(request, headers: list[dict], sort: str) -> str:
    """The header row's cells, a sortable column's label linking to the list sorted by it (▲ ▼ on the
    column sorted by, whose link turns the order round), the other filters kept and the page dropped:
    the template tag `query_with` a column, with the query string copied once."""
    params = request.GET.copy()
    params.pop("page", None)
    params["sort"] = "\x00"  # a slot no request holds (RejectNulMiddleware): the query encoded once, around it
    before, _slot, after = params.urlencode().partition("sort=%00")
    cells = []
    for h in headers:
        label, name = _escaped(h["label"]), h["name"]
        if not h["sortable"]:
            cells.append(f'<th scope="col">{label}</th>')
            continue
        value, mark = (f"-{name}", " ▲") if sort == name else (name, " ▼" if sort == f"-{name}" else "")
        query = html.escape(f"{before}sort={quote_plus(value)}{after}")
        cells.append(f'<th scope="col"><a href="?{query}">{label}{mark}</a></th>')
    return mark_safe("".join(cells))  # escaped: labels and addresses


def _row(pk, cells: str, pick: str) -> str:
    """A row as HTML: the box that picks it for a bulk action, then its cells."""
    box = (f'<td class="ls-card-pick"><input class="form-check-input" type="checkbox" name="ids" value="{int(pk)}" '
           f'form="bulk-form" aria-label="{pick}"></td>')
    return SafeString(f"<tr>\n    {box}\n    {cells}\n  </tr>")  # escaped: pick, cells (mark_safe's lazy check spared)


def _row_cells(obj, url: str, labelled, untitled: str) -> str:
    """A row's cells as HTML, built here rather than by the template's loop (50 rows × 11 columns
    through template tags cost more than the query): the title links the row, a column with `html`
    shows its own markup, every other cell its text, read by the column's `value_reader` (its path
    looked up once a page, not once a cell)."""
    cells = []
    text = selectors.text
    for opening, is_title, column, read in labelled:
        if is_title:
            shown = text(read(obj)) or untitled
            cells.append(f'<td class="ls-cell ls-card-title"><a href="{_escaped(url)}">{_escaped(_cut(shown, 80))}</a></td>')
        elif read is None:
            cells.append(opening + conditional_escape(column.html(obj)) + "</td>")
        else:  # a cell's text is a plain str: the standard library's escape, as Django's escape does it
            cells.append(opening + html.escape(_cut(text(read(obj)) or "—", 120)) + "</td>")
    return SafeString("\n    ".join(cells))  # every part escaped above


def _plain_cells(values: list, url: str, labelled, untitled: str) -> str:
    """`_row_cells` from a row read as values (`cells.page_rows`): each cell its column's value, or the
    markup of a column with its own (`html`)."""
    cells = []
    text = selectors.text
    for (opening, is_title, column, _read), value in zip(labelled, values, strict=True):
        if is_title:
            shown = text(value) or untitled
            cells.append(f'<td class="ls-cell ls-card-title"><a href="{_escaped(url)}">{_escaped(_cut(shown, 80))}</a></td>')
        elif column.html is not None:
            cells.append(opening + conditional_escape(value) + "</td>")
        else:
            cells.append(opening + html.escape(_cut(text(value) or "—", 120)) + "</td>")
    return SafeString("\n    ".join(cells))  # every part escaped above


def _with_options(filters: list[dict]) -> list[dict]:
    """Each filter's choices as the <option>s of its <select>, built here rather than by the template's
    loop (a township's unit filter alone has a hundred choices)."""
    for flt in filters:
        selected = flt["selected"]
        flt["options"] = mark_safe("".join(  # escaped: value and label
            f'<option value="{_escaped(value)}"\n        {" selected" if selected == value else ""}>'
            f"{_escaped(label)}</option>"
            for value, label in flt["choices"]))
    return filters


def _escaped(text) -> str:
    """`conditional_escape` for many plain strings: a str escaped directly (Django's escape is the
    standard library's, behind a check for lazy arguments that costs more than the escaping)."""
    return html.escape(text) if type(text) is str else conditional_escape(text)


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else Truncator(text).chars(size)


def _abilities(user, ledger: Ledger) -> dict:
    return {"add": bool(ledger.create) and ledger.allows(user, "add"),
            "change": bool(ledger.update) and ledger.allows(user, "change"),
            "delete": bool(ledger.delete) and ledger.allows(user, "delete"),
            "import": ledger.importable and ledger.allows(user, "import"),
            "export": ledger.allows(user, "export"),
            "bulk": [b for b in ledger.bulk_actions if ledger.allows(user, b.action)],
            "reveal": bool(ledger.personal_columns) and ledger.personal_allows(user, "reveal"),
            "export_unmasked": bool(ledger.personal_columns) and ledger.personal_allows(user, "export_unmasked")}


def record_fields(actor, ledger: Ledger, obj) -> list[dict]:
    """A record's columns as its ledger shows them (labels, choice names, personal data masked), each
    with what revealing it takes: the reveal address when the column is personal, holds a value and the
    actor's role may reveal it. A register's own record page shows the same (`ledgers/_fields.html`)."""
    obj = selectors.rows(actor=actor, ledger=ledger, state=selectors.record_state(ledger)).get(pk=obj.pk)
    may_reveal = bool(ledger.personal_columns) and ledger.personal_allows(actor, "reveal")
    fields = []
    for column in ledger.columns:
        shown = selectors.text(selectors.value(obj, column))
        url = (reverse("ledgers:reveal", args=[ledger.name, obj.pk, column.name])
               if column.personal and shown and may_reveal else "")
        fields.append({"name": column.name, "label": selectors.label_of(ledger, column), "value": shown,
                       "personal": bool(column.personal), "reveal_url": url})
    return fields


@login_required
def ledger_detail(request, name: str, pk: int):
    ledger = ledger_for(request, name)
    obj = get_scoped(request.user, ledger.model, pk)
    if ledger.page:  # one detail page per record: its own
        return redirect(ledger.detail_url(obj.pk), permanent=True)
    ledger.read_by(request.user, "detail", [obj])
    context = {"ledger": ledger, "obj": obj, "fields": record_fields(request.user, ledger, obj),
               "retention": ledger.retention, "can": _abilities(request.user, ledger),
               "history": object_history(actor=request.user, obj=obj)}
    return render_page(request, "ledgers/detail.html", context)


@require_POST
@login_required
def ledger_reveal(request, name: str, pk: int, column: str):
    """One personal field of one record in full, for a reason: the fragment that replaces the masked
    value (HTMX), or the record's page with it (a plain POST). Audited by the service."""
    ledger = ledger_for(request, name)
    if not ledger.personal_allows(request.user, "reveal"):
        deny(request)
    try:
        value = services.reveal(actor=request.user, ledger=ledger, pk=pk, column=column,
                                reason=request.POST.get("reason", ""))
    except NotAllowed:
        deny(request)
    except OutOfScope:
        raise Http404() from None
    except ServiceError as error:
        return render_page(request, "core/_reveal.html#refused", {"message": error.message}, status=400)
    return render_page(request, "core/_reveal.html#revealed", {"value": value})


@require_http_methods(["GET", "POST"])
@login_required
def ledger_create(request, name: str):
    ledger = ledger_for(request, name, "add")
    if ledger.create is None:
        raise Http404()
    return _form_page(request, ledger, None)


@require_http_methods(["GET", "POST"])
@login_required
def ledger_edit(request, name: str, pk: int):
    ledger = ledger_for(request, name, "change")
    if ledger.update is None:
        raise Http404()
    return _form_page(request, ledger, get_scoped(request.user, ledger.model, pk, action="change"))


def initial_from(obj, form) -> dict:
    """A form's initial values from an object: ids for relations, values otherwise."""
    initial = {}
    for name in form.fields:
        try:
            field = obj._meta.get_field(name)
        except Exception:  # a form-only field
            continue
        if field.many_to_many:
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            initial[name] = list(through.objects.filter(**{source: obj.pk}).values_list(f"{target}_id", flat=True))
        else:
            initial[name] = getattr(obj, field.attname)
    return initial


def _form_page(request, ledger: Ledger, obj):
    # a new record opened from somewhere (a plan's 新增任务: ?plan=3&line=5) starts from there
    start = {} if obj is not None else {k: v for k, v in request.GET.items() if k in ledger.form.base_fields}
    form = ledger.form(actor=request.user, instance=obj, initial=start)
    if obj is not None:
        form.initial = form.personal_initial(initial_from(obj, form))
        if request.method == "GET":  # an edit form shows the record as its page does
            ledger.read_by(request.user, "form", [obj])
    status = 200
    if request.method == "POST":
        form = ledger.form(request.POST, actor=request.user, instance=obj, initial=start)
        if form.is_valid():
            try:
                obj = _save(request, ledger, obj, form.cleaned_data)
            except ServiceError as error:
                add_to_form(form, error)
                status = 409 if isinstance(error, Conflict) else 400
            else:
                messages.success(request, _("已保存。"))
                return redirect(ledger.detail_url(obj.pk))
    title = (_("编辑") if obj else _("新增")) + str(ledger.title)
    context = {"ledger": ledger, "form": form, "obj": obj, "title": title,
               "cancel_url": ledger.detail_url(obj.pk) if obj else ledger.list_url(),
               "version": request.POST.get("version") or getattr(obj, "version", "")}
    return render_page(request, "ledgers/form.html", context, status=status)


def _save(request, ledger: Ledger, obj, data: dict):
    if obj is None:
        return ledger.create(actor=request.user, **data)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError as exc:
        raise ServiceError(_("缺少版本号，请刷新后重试")) from exc
    return ledger.update(actor=request.user, version=version, **{ledger.object_arg: obj}, **data)


@require_POST
@login_required
def ledger_bulk(request, name: str):
    ledger = ledger_for(request, name)
    ids = [int(v) for v in request.POST.getlist("ids") if v.isdigit() and len(v) < 18]
    action = request.POST.get("action", "")
    back = ledger.list_url()
    if not ids:
        messages.warning(request, _("请先勾选要操作的记录。"))
        return redirect(back)
    if action == "export":
        state = _state(request, ledger)
        state.ids = ids
        return _export_response(request, ledger, state)
    count = services.bulk_run(actor=request.user, ledger=ledger, action=action, ids=ids)
    messages.success(request, _("已处理 %(n)s 条记录。") % {"n": count})
    return redirect(back)


@login_required
def ledger_export(request, name: str):
    ledger = ledger_for(request, name, "export")
    state = _state(request, ledger)
    # the full numbers are an explicit option, for a role the ledger's personal-data policy allows
    unmasked = request.GET.get("unmasked") == "1"
    if unmasked and not ledger.personal_allows(request.user, "export_unmasked"):
        deny(request)
    # a search by a whole number (a few rows) is never kept on a job's row
    whole = state.query != state.query_shown
    if not whole and services.export_count(actor=request.user, ledger=ledger, state=state) > services.EXPORT_SYNC_LIMIT:
        params = {k: request.GET.get(k) for k in request.GET if k not in ("cols", "q")} | {
            "cols": [c.name for c in state.columns], "q": state.query}
        job = services.export_start(actor=request.user, ledger=ledger, params=params)
        messages.info(request, _("导出的数据较多，正在后台生成，完成后可在此下载。"))
        return redirect("ledgers:job", pk=job.pk)
    return _export_response(request, ledger, state, unmasked=unmasked)


def _export_response(request, ledger, state, *, unmasked: bool = False):
    path = Path(tempfile.mkdtemp(prefix="luoshi-export-")) / "export.xlsx"
    services.ledger_export(actor=request.user, ledger=ledger, state=state, path=path, unmasked=unmasked)
    return FileResponse(open(path, "rb"), as_attachment=True, filename=services.export_filename(ledger),
                        content_type=XLSX)


@login_required
def ledger_template(request, name: str):
    ledger = ledger_for(request, name, "template")
    if not ledger.importable:
        raise Http404()
    path = Path(tempfile.mkdtemp(prefix="luoshi-template-")) / "template.xlsx"
    services.ledger_template(actor=request.user, ledger=ledger, path=path)
    filename = _("%(title)s_导入模板.xlsx") % {"title": ledger.title}
    return FileResponse(open(path, "rb"), as_attachment=True, filename=filename,
                        content_type=XLSX)


@login_required
def job_detail(request, pk: int):
    job = jobs.my_job(actor=request.user, pk=pk)
    if job is None:
        raise Http404()
    context = {"job": job, "kind": jobs.kind_of(job), "ledger": get_ledger(job.ledger)}
    return render_page(request, "ledgers/job.html", context, partial="status")


@login_required
def job_download(request, pk: int):
    job = jobs.my_job(actor=request.user, pk=pk)
    if job is None or not job.output:
        raise Http404()
    ledger = get_ledger(job.ledger)
    name = services.export_filename(ledger) if ledger else "export.xlsx"
    return FileResponse(job.output.open("rb"), as_attachment=True, filename=name, content_type=XLSX)
