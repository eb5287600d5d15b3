"""The task filters shared by the pages, the API and exports: parsed once, applied once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from luoshi.plans.models import Light, TaskStatus

SORTS = {"deadline": ("deadline", "id"), "-deadline": ("-deadline", "-id"), "light": ("light", "deadline"),
         "updated": ("-updated_at",), "title": ("title",)}


@dataclass(frozen=True)
class TaskFilter:
    plan: int | None = None
    line: int | None = None
    unit: int | None = None
    light: str = ""
    status: str = ""
    overdue: bool = False
    mine: bool = False
    no_line: bool = False  # line=none: the tasks of no work line (the chart's 未分专线)
    whole: bool = False  # whole tasks only (a split task once, not its parts): what the leader's counts count
    q: str = ""
    sort: str = "deadline"

    @classmethod
    def from_params(cls, params) -> TaskFilter:
        return cls(
            plan=_int(params.get("plan")), line=_int(params.get("line")), unit=_int(params.get("unit")),
            light=params.get("light", "") if params.get("light") in Light.values else "",
            status=params.get("status", "") if params.get("status") in TaskStatus.values else "",
            overdue=params.get("overdue") in ("1", "true", "on"), mine=params.get("mine") in ("1", "true", "on"),
            whole=params.get("whole") in ("1", "true", "on"), no_line=params.get("line") == "none",
            q=(params.get("q") or "").strip()[:100], sort=params.get("sort") if params.get("sort") in SORTS else "deadline",
        )

    def apply(self, tasks, *, actor, unit_path: str | None = None, today: dt.date | None = None):
        for field in ("plan", "line"):
            if getattr(self, field):
                tasks = tasks.filter(**{f"{field}_id": getattr(self, field)})
        if self.unit:
            tasks = tasks.filter(scope_path__under=unit_path) if unit_path else tasks.none()
        if self.light:
            tasks = tasks.filter(light=self.light)
        if self.status:
            tasks = tasks.filter(status=self.status)
        if self.overdue:
            tasks = tasks.filter(deadline__lt=today or timezone.localdate()).exclude(
                status__in=[TaskStatus.COMPLETED, TaskStatus.CLOSING, TaskStatus.DRAFT])
        if self.no_line:
            tasks = tasks.filter(line__isnull=True)
        if self.whole:
            tasks = tasks.filter(parent__isnull=True)
        if self.mine:
            tasks = tasks.filter(owner_id=actor.person_id) if actor.person_id else tasks.none()
        if self.q:
            tasks = tasks.filter(Q(title__icontains=self.q) | Q(requirement__icontains=self.q))
        return tasks.order_by(*SORTS[self.sort])


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**62 else None
