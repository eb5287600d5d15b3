"""Pages of the year's review drafts (一年来): the list with the form that generates one for a plan,
a draft's page (its paragraphs, each number linked to its source, and the 数据来源 table), 重新生成,
and the Word download. The office generates; leaders read; anyone else gets 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from luoshi.core import audit
from luoshi.core.decorators import allowed
from luoshi.core.errors import ServiceError, add_to_form
from luoshi.core.forms import StyledForm
from luoshi.core.htmx import render_page
from luoshi.core.models import AuditAction
from luoshi.core.scope import get_scoped
from luoshi.plans.models import Plan
from luoshi.reports import review_doc, review_services, selectors
from luoshi.reports.editing import regenerated
from luoshi.reports.models_review import AnnualReview

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class GenerateForm(StyledForm):
    plan = forms.TypedChoiceField(label=gettext_lazy("工作计划"), coerce=int)

    def __init__(self, *args, plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [(p.pk, f"{p.title}") for p in plans]


def _list_page(request, form, status=200):
    actor = request.user
    context = {"reviews": review_services.reviews(actor=actor)[:100], "form": form,
               "can_add": AnnualReview.policy.allows(actor, "add")}
    return render_page(request, "reports/review_list.html", context, status=status)


@allowed(AnnualReview.policy, "view")
@require_http_methods(["GET"])
def review_list(request):
    can_add = AnnualReview.policy.allows(request.user, "add")
    form = GenerateForm(plans=selectors.plans_to_report(actor=request.user)) if can_add else None
    return _list_page(request, form)


@allowed(AnnualReview.policy, "add")
@require_POST
def review_create(request):
    actor = request.user
    form = GenerateForm(request.POST, plans=selectors.plans_to_report(actor=actor))
    if form.is_valid():
        try:
            obj = review_services.review_generate(actor=actor, plan=get_scoped(actor, Plan, form.cleaned_data["plan"]))
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("已根据系统数据生成工作回顾初稿，每个数字都可点开核对。"))
            return redirect("reports:review_detail", pk=obj.pk)
    return _list_page(request, form, status=400)


def _segments(text: str, by_n: dict) -> list[dict]:
    """A paragraph as pieces the page shows: text, and each number with its source."""
    out, at = [], 0
    for match in review_doc.MARK.finditer(text):
        out.append({"text": text[at:match.start()]})
        out.append({"source": by_n[int(match.group(1))]})
        at = match.end()
    out.append({"text": text[at:]})
    return out


@allowed(AnnualReview.policy, "view")
@require_http_methods(["GET"])
def review_detail(request, pk: int):
    obj = review_services.review_get(actor=request.user, pk=pk)
    sources = obj.figures.get("sources", [])
    by_n = {s["n"]: s for s in sources}
    sections = [{"heading": s["heading"], "paragraphs": [_segments(p, by_n) for p in s["paragraphs"]]}
                for s in obj.figures.get("sections", [])]
    for source in sources:
        source["rows"] = review_doc.rows_text(source)
    context = {"review": obj, "sections": sections, "sources": sources,
               "can_change": AnnualReview.policy.allows(request.user, "change")}
    return render_page(request, "reports/review_detail.html", context)


@allowed(AnnualReview.policy, "change")
@require_POST
def review_refresh(request, pk: int):
    obj = review_services.review_get(actor=request.user, pk=pk, action="change")
    return regenerated(request, lambda: review_services.review_refresh(actor=request.user, obj=obj),
                       to="reports:review_detail", pk=pk)


@allowed(AnnualReview.policy, "view")
def review_download(request, pk: int):
    obj = review_services.review_get(actor=request.user, pk=pk)
    content = review_services.document_of(obj, base_url=request.build_absolute_uri("/").rstrip("/"))
    audit.record(actor=request.user, action=AuditAction.EXPORT, target=audit.Target.of(obj, obj.plan),
                 message=_("下载年度工作回顾"), unit_path=obj.township.path)
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, f"{obj.title}.docx")
    return response
