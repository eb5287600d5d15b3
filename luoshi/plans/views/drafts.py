"""Import a deployment document: upload or paste → side-by-side review → confirm into a Plan."""

import logging
import tempfile
import uuid
from pathlib import Path

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from luoshi.core.decorators import allowed
from luoshi.core.errors import OutOfScope, ServiceError, add_to_form
from luoshi.core.forms import ScopedForm
from luoshi.core.htmx import render_page
from luoshi.extraction import ExtractionError, read_document
from luoshi.plans import drafts, drafts_bulk, drafts_store, measures
from luoshi.plans.models import Plan, Recurrence, Strength

log = logging.getLogger(__name__)
ACCEPTED = (".docx", ".txt")


class DraftStartForm(ScopedForm):
    file = forms.FileField(label=gettext_lazy("讲话稿或工作要点文件（.docx 或 .txt，不超过 5 MB）"), required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}))
    text = forms.CharField(label=gettext_lazy("或者直接粘贴全文"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    unit = forms.ModelChoiceField(label=gettext_lazy("所属镇"), queryset=None)
    year = forms.IntegerField(label=gettext_lazy("年度"), required=False, min_value=2000, max_value=2100,
                              help_text=gettext_lazy("留空则取标题中的年份；标题中没有年份则为今年。"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.fields["unit"].queryset.count() == 1:
            self.fields["unit"].initial = self.fields["unit"].queryset.first().pk

    def querysets(self) -> dict:
        return {"unit": drafts.township_choices(self.actor)}

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if not upload and not text:
            raise forms.ValidationError(_("请上传文件或粘贴全文。"))
        data["source_name"], data["document"] = (upload.name, _read_upload(upload)) if upload else ("", text)
        return data


def _read_upload(upload) -> str:
    """The document's text of an uploaded file, or a ValidationError in Chinese (never a 500)."""
    if upload.size > drafts.MAX_UPLOAD_BYTES:
        raise forms.ValidationError(_("文件超过 5 MB，请确认上传的是讲话稿或工作要点。"))
    suffix = Path(upload.name).suffix.lower()
    try:
        with tempfile.NamedTemporaryFile(suffix=suffix or ".txt") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
            handle.flush()
            text = read_document(handle.name)
    except ExtractionError as error:
        raise forms.ValidationError(error.message) from None
    except Exception:  # a reader bug must not become a 500 for the office worker
        log.exception("reading upload %s failed", upload.name)
        raise forms.ValidationError(_("无法读取这个文件，请另存为 .docx 或 .txt 后再上传。")) from None
    if suffix not in ACCEPTED:
        raise forms.ValidationError(_("只支持 .docx 或 .txt 文件。"))
    return text


@allowed(Plan.policy, "add")
@require_http_methods(["GET", "POST"])
def draft_start(request):
    form = DraftStartForm(request.POST or None, request.FILES or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            draft = drafts.draft_propose(actor=request.user, unit=data["unit"], text=data["document"],
                                         source_name=data["source_name"], year=data["year"])
        except ExtractionError as error:
            form.add_error(None, error.message)
        except ServiceError as error:
            add_to_form(form, error)
        else:
            key = drafts_store.draft_store(actor=request.user, draft=draft)
            return redirect("plans:draft_review", key=uuid.UUID(key))
    return render_page(request, "plans/draft_start.html", {"form": form})


@allowed(Plan.policy, "add")
@require_http_methods(["GET", "POST"])
def draft_review(request, key: uuid.UUID):
    draft = drafts_store.draft_fetch(actor=request.user, key=key)
    errors, failed = [], ""
    if request.method == "POST":
        action = request.POST.get("action", "save")
        errors = _apply(request, draft)
        try:
            if action == "confirm" and not errors:
                plan = _confirm(request.user, draft)
                drafts_store.draft_discard(actor=request.user, key=key)
                messages.success(request, _("已生成工作计划“%(t)s”，任务为草稿状态，核对后即可部署。") % {"t": plan.title})
                return redirect("plans:plan_detail", pk=plan.pk)
            _act(request, draft, action, key.hex)
        except ServiceError as error:
            errors.append(error.message)
            failed = getattr(error, "item", "")
        drafts_store.draft_store(actor=request.user, draft=draft, key=key.hex)
        if not errors:
            return redirect("plans:draft_review", key=key)
    context = _context(request.user, draft, key, errors, failed)
    context["full_pickers"] = request.GET.get("pickers") == "all"  # the page without JavaScript
    return render_page(request, "plans/draft_review.html", context)


@allowed(Plan.policy, "add")
@require_POST
def draft_discard(request, key: uuid.UUID):
    drafts_store.draft_discard(actor=request.user, key=key)
    messages.info(request, _("已放弃这份草稿。"))
    return redirect("plans:draft_start")


def _confirm(actor, draft: dict) -> Plan:
    return drafts.plan_from_draft(
        actor=actor, unit=draft["unit"], year=draft["year"], title=draft["title"], source_name=draft["source_name"],
        source_text=draft["text"], lines=drafts.draft_lines_for_save(draft))


def _act(request, draft: dict, action: str, key: str) -> None:
    if action == "merge":
        drafts.draft_merge(draft, _picked(request.POST, draft))
        messages.success(request, _("已合并所选任务。"))
    elif action == "bulk":
        changes = {field: request.POST.get(f"bulk-{field}", "") for field in drafts_bulk.BULK_FIELDS}
        n = drafts_bulk.draft_items_change(actor=request.user, draft=draft, key=key, keys=_picked(request.POST, draft),
                                           changes=changes)
        messages.success(request, _("已批量修改 %(n)d 项。") % {"n": n})
    elif action.startswith("accept:"):
        kind = action.split(":", 1)[1]
        n = drafts_bulk.draft_accept_suggestions(actor=request.user, draft=draft, key=key, kind=kind)
        messages.success(request, _("已采纳 %(n)d 项建议的%(f)s。") % {"n": n, "f": drafts_bulk.field_label(kind)})
    elif action == "regroup":
        depth = _int(request.POST.get("depth"))
        if depth is None or not 1 <= depth <= draft["max_depth"]:
            raise ServiceError(_("请选择划分专线的层级"))
        drafts.draft_regroup(actor=request.user, draft=draft, depth=depth)
        messages.success(request, _("已按第 %(d)s 层重新划分专线。") % {"d": depth})
    elif action == "add_line":
        name = request.POST.get("new_line", "").strip()[:200]
        if not name:
            raise ServiceError(_("请填写新专线的名称"))
        draft["lines"].append({"key": f"n{uuid.uuid4().hex[:8]}", "number": "", "name": name, "offset": None,
                               "drop": False})
    else:
        messages.success(request, _("已保存修改。"))


# -- reading the review form -------------------------------------------------------------------


def _apply(request, draft: dict) -> list[str]:
    """Copy the posted edits into the draft; refuse (with a message) what is not allowed."""
    post, errors = request.POST, []
    if "title" in post:
        draft["title"] = post["title"].strip()[:200] or draft["title"]
        year = _int(post.get("year"))
        if year is None or not 2000 <= year <= 2100:
            errors.append(_("年度应为 2000 至 2100 之间的数字"))
        else:
            draft["year"] = year
    choices = drafts_bulk.Choices.of(request.user, draft)
    for line in draft["lines"]:
        if f"{line['key']}-name" in post:
            line["name"] = post[f"{line['key']}-name"].strip()[:200]
            line["number"] = post.get(f"{line['key']}-number", "").strip()[:20]
            line["drop"] = f"{line['key']}-drop" in post
    for item in draft["items"]:
        if f"{item['key']}-title" in post:
            errors += _apply_item(post, item, choices)
    return errors


def _apply_item(post, item: dict, choices) -> list[str]:
    key, errors = item["key"], []
    item["title"] = post[f"{key}-title"].strip()[:500]
    item["requirement"] = post.get(f"{key}-requirement", "").strip()
    item["drop"] = f"{key}-drop" in post
    if f"{key}-nosplit" in post:  # the reviewer keeps it one task instead of a part per village
        item["splits"] = []
    if post.get(f"{key}-line") in choices.lines:
        item["line"] = post[f"{key}-line"]
    # The same checks as a change of many rows at once (drafts_bulk): one door.
    for field in ("recurrence", "deadline", "lead_unit", "owner", "leader"):
        try:
            item[field] = drafts_bulk.clean_value(field, post.get(f"{key}-{field}"), choices)
        except ServiceError as error:
            errors.append(f"“{item['title'][:30]}”：{error.message}")
    for index, indicator in enumerate(item["indicators"]):
        prefix = f"{key}-i{index}"
        if f"{prefix}-name" in post:
            indicator.update(name=post[f"{prefix}-name"].strip()[:200], target=post.get(f"{prefix}-target", "").strip(),
                             measure=post.get(f"{prefix}-measure", "").strip()[:20],
                             qualifier=post.get(f"{prefix}-qualifier", "").strip()[:20],
                             drop=f"{prefix}-drop" in post)
            strength = post.get(f"{prefix}-strength")
            indicator["strength"] = strength if strength in Strength.values else indicator["strength"]
            bound = post.get(f"{prefix}-register_measure", "")
            indicator["register_measure"] = bound if bound == "" or measures.get(bound) else ""
    return errors


def _picked(post, draft: dict) -> list[str]:
    """The rows ticked, and every row of a line whose 全选 box is ticked (the page without
    JavaScript selects a whole line that way)."""
    lines = set(post.getlist("pick_line"))
    keys = set(post.getlist("pick")) | set(post.getlist("merge"))
    return [i["key"] for i in draft["items"] if i["key"] in keys or i["line"] in lines]


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# -- what the review page shows ----------------------------------------------------------------


def _context(actor, draft: dict, key, errors: list[str], failed: str) -> dict:
    try:
        units = list(drafts.township_units(actor, draft["unit"]))
        people = list(drafts.township_people(actor, draft["unit"]))
    except OutOfScope:
        units, people = [], []
    names = {u.pk: u.name for u in units}
    people_labels = {p.pk: person_label(p) for p in people}
    lines = []
    for line in draft["lines"]:
        items = [dict(i, flags=_flags(i), co_names=[names.get(pk, "") for pk in i["co_units"]],
                      mark_ids=" ".join(f"src-t{m}" for m in i["marks"]),
                      chosen=_chosen(i, people_labels, names), suggested=_suggested(i, names))
                 for i in draft["items"] if i["line"] == line["key"]]
        mark = f"src-s{line['key'][1:]}" if line["key"][1:].isdigit() else ""
        lines.append(dict(line, items=items, mark=mark))
    kept = [i for i in draft["items"] if not i["drop"]]
    return {
        "draft": draft, "key": key, "lines": lines, "errors": errors, "failed": failed,
        "source": source_html(draft), "units": list(names.items()), "people": list(people_labels.items()),
        "recurrences": Recurrence.choices, "strengths": Strength.choices, "register_measures": measures.choices(),
        "depths": range(1, draft["max_depth"] + 1), "township": names.get(draft["unit"]) or "",
        "blockers": drafts_bulk.draft_blockers(draft),
        "suggestions": [(kind, drafts_bulk.field_label(kind), n)
                        for kind, n in drafts_bulk.suggestion_counts(draft).items() if n],
        "counts": {"lines": sum(1 for line in lines if not line["drop"] and line["items"]), "tasks": len(kept),
                   "indicators": sum(len(i["indicators"]) for i in kept)},
    }


def person_label(person) -> str:
    """ "王立新（副镇长，河口镇）": the name, with the post and unit that tell namesakes apart."""
    where = "，".join(part for part in (person.title, person.unit.name) if part)
    return f"{person.name}（{where}）"


def _chosen(item: dict, people: dict[int, str], units: dict[int, str]) -> dict:
    """Each picker's chosen entry as (pk, label), the only option it starts with; None when
    nothing is chosen or the choice is no longer on offer (a person who left)."""
    def entry(pk, labels):
        return (pk, labels[pk]) if pk in labels else None

    return {"leader": entry(item.get("leader"), people), "owner": entry(item.get("owner"), people),
            "lead_unit": entry(item.get("lead_unit"), units)}


def _suggested(item: dict, units: dict[int, str]) -> list[tuple[str, str]]:
    """The suggestions not yet taken, as (what, value) for the row to show."""
    suggest, shown = item.get("suggest") or {}, []
    if suggest.get("lead_unit") in units and not item["lead_unit"]:
        shown.append((_("牵头单位"), units[suggest["lead_unit"]]))
    if suggest.get("deadline") and not item["deadline"]:
        shown.append((_("完成时限"), suggest["deadline"]))
    return shown


def _flags(item: dict) -> list[str]:
    flags = []
    if not item["lead_unit"] and not item["owner"] and not item.get("splits"):
        flags.append(_("牵头单位待定"))
    if item.get("leaders") and not item.get("leader"):
        flags.append(_("责任领导待选"))
    if item.get("owners") and not item.get("owner"):
        flags.append(_("责任人待选"))
    if not item["deadline"] and not item["recurrence"]:
        flags.append(_("时限待定"))
    if any(x["target"] in ("", None) for x in item["indicators"]):
        flags.append(_("目标值待填"))
    return flags


def source_html(draft: dict) -> str:
    """The document's text with each section heading and each target in a <mark> with an id."""
    text = draft["text"]
    spans = [(s["offset"], _heading_end(text, s["offset"]), f"src-s{i}", "ls-sec")
             for i, s in enumerate(draft["sections"])]
    spans += [(t["offset"], t["offset"] + len(t["text"]), f"src-t{i}", "ls-target")
              for i, t in enumerate(draft["targets"])]
    spans.sort(key=lambda s: (s[0], -s[1]))
    out, stack, position = [], [], 0
    for start, end, ident, css in spans:
        while stack and stack[-1] <= start:
            out.append(escape(text[position:stack[-1]]) + "</mark>")
            position = stack.pop()
        if start < position:
            continue  # overlaps a mark already open at the same level: skip rather than mis-nest
        end = min(end, stack[-1]) if stack else end
        out.append(escape(text[position:start]) + f'<mark id="{ident}" class="{css}">')
        stack.append(end)
        position = start
    while stack:
        out.append(escape(text[position:stack[-1]]) + "</mark>")
        position = stack.pop()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 — every piece of text above went through escape()


def _heading_end(text: str, start: int) -> int:
    ends = [i for i in (text.find(c, start) for c in "。；：\n") if i != -1]
    return min(ends) if ends else len(text)
