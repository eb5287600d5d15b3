"""Writes and reads of the year's review drafts (一年来): generate one for a plan's year, read its
figures again (重新生成), and its Word document. The office generates; leaders read. Audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.scope import ensure_in_scope, get_scoped
from luoshi.core.versioning import save_versioned
from luoshi.dispatch.issuing import township_of
from luoshi.plans.models import Plan, PlanStatus
from luoshi.reports import review, review_doc
from luoshi.reports.models_review import AnnualReview


def _require(actor, action: str) -> None:
    if not AnnualReview.policy.allows(actor, action):
        raise NotAllowed(_("您没有此操作的权限"))


def title_of(plan: Plan) -> str:
    return _("%(year)d年工作回顾（初稿）") % {"year": plan.year}


def review_generate(*, actor, plan: Plan) -> AnnualReview:
    """A new draft of `plan`'s year, its figures read now."""
    _require(actor, "add")
    plan = get_scoped(actor, Plan, plan.pk)
    if plan.status == PlanStatus.DRAFT:
        raise ServiceError(_("计划尚未部署，不能生成工作回顾"), field="plan")
    township = township_of(plan.unit)
    data = review.gather(actor=actor, plan=plan, township=township)
    with transaction.atomic():
        obj = AnnualReview.objects.create(plan=plan, township=township, year=plan.year, title=title_of(plan),
                                          figures=data, created_by=actor, refreshed_at=timezone.now())
        ensure_in_scope(actor, obj, action="add")
        audit.record_change(actor=actor, obj=obj, before=None, parent=plan, message=_("生成年度工作回顾"))
    return obj


def review_refresh(*, actor, obj: AnnualReview) -> AnnualReview:
    """重新生成: the same plan's figures read again from the data."""
    _require(actor, "change")
    obj = get_scoped(actor, AnnualReview, obj.pk, action="change")
    data = review.gather(actor=actor, plan=obj.plan, township=obj.township)
    with transaction.atomic():
        before = audit.snapshot(obj)
        obj.figures, obj.refreshed_at = data, timezone.now()
        save_versioned(obj, obj.version)
        audit.record_change(actor=actor, obj=obj, before=before, parent=obj.plan, message=_("重新生成年度工作回顾"))
    return obj


def document_of(obj: AnnualReview, *, base_url: str = "") -> bytes:
    return review_doc.build(title=obj.title, figures=obj.figures, base_url=base_url)


def reviews(*, actor):
    return AnnualReview.objects.visible_to(actor).select_related("plan", "created_by__person")


def review_get(*, actor, pk, action: str = "view") -> AnnualReview:
    return get_scoped(actor, AnnualReview, pk, action=action, related=("plan", "township"))
