"""Reads of the assessment app."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from luoshi.core.errors import ServiceError
from luoshi.org.models import Unit, UnitKind

ASSESSED_KINDS = (UnitKind.VILLAGE, UnitKind.DEPARTMENT)


def assessed_units(*, actor):
    """The villages and departments the reader sees, villages first."""
    return Unit.objects.visible_to(actor).filter(kind__in=ASSESSED_KINDS, is_active=True).order_by(
        "-kind", "path")


def parse_period(start: str | None, end: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The page's ?start=&end= (YYYY-MM-DD, either may be empty); a clear Chinese error otherwise."""
    try:
        first = dt.date.fromisoformat(start) if start else None
        last = dt.date.fromisoformat(end) if end else None
    except ValueError as exc:
        raise ServiceError(_("日期格式应为 年-月-日，例如 2026-01-01")) from exc
    if first and last and last < first:
        raise ServiceError(_("结束日期不能早于开始日期"))
    if first and last and (last - first).days > 366 * 2:
        raise ServiceError(_("统计期间最长两年"))
    return first, last
