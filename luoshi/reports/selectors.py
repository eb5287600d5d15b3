"""Reads of the reports app."""

from luoshi.core.scope import get_scoped
from luoshi.plans.models import Plan, PlanStatus, WorkLine
from luoshi.reports.models import Bulletin, BulletinSchedule, ScreenLink


def bulletins(*, actor):
    return Bulletin.objects.visible_to(actor).select_related("plan", "line").order_by("-created_at", "-id")


def bulletin_get(*, actor, pk, action: str = "view") -> Bulletin:
    return get_scoped(actor, Bulletin, pk, action=action, related=("plan", "line", "township"))


def plans_to_report(*, actor):
    return list(Plan.objects.visible_to(actor).exclude(status=PlanStatus.DRAFT).order_by("-year", "-id"))


def lines_to_report(*, actor):
    return list(WorkLine.objects.visible_to(actor).exclude(plan__status=PlanStatus.DRAFT)
                .select_related("plan").order_by("-plan__year", "plan_id", "sort_order", "id"))


def schedules(*, actor):
    return BulletinSchedule.objects.visible_to(actor).select_related("plan", "line").order_by("plan", "kind", "id")


def screen_links(*, actor):
    return ScreenLink.objects.visible_to(actor).select_related("created_by__person", "revoked_by__person")
