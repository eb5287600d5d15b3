"""Assessment pages: the units, a unit's statistics, the rows behind each number, the workbook."""

import tempfile

from django.http import FileResponse, Http404
from django.utils import timezone

from luoshi.assessment import selectors, services, statistics
from luoshi.assessment.models import STATISTICS_POLICY
from luoshi.core.decorators import allowed
from luoshi.core.errors import ServiceError
from luoshi.core.htmx import render_page
from luoshi.core.listing import paginate
from luoshi.core.scope import get_scoped
from luoshi.org.models import Unit


def _period(request):
    """The page's period, or the default one and the reason the asked one was refused."""
    try:
        start, end = selectors.parse_period(request.GET.get("start"), request.GET.get("end"))
    except ServiceError as error:
        return statistics.period_of(actor=request.user), error.message
    return statistics.period_of(actor=request.user, start=start, end=end), ""


@allowed(STATISTICS_POLICY, "view")
def unit_index(request):
    units = list(selectors.assessed_units(actor=request.user))
    return render_page(request, "assessment/unit_index.html", {"units": units})


@allowed(STATISTICS_POLICY, "view")
def unit_stats(request, pk: int):
    unit = get_scoped(request.user, Unit, pk)
    period, error = _period(request)
    page = statistics.unit_statistics(actor=request.user, unit=unit, period=period)
    return render_page(request, "assessment/unit_stats.html",
                       {"unit": unit, "period": period, "error": error, **page})


@allowed(STATISTICS_POLICY, "view")
def unit_rows(request, pk: int, key: str):
    statistic = statistics.BY_KEY.get(key)
    if statistic is None:
        raise Http404
    unit = get_scoped(request.user, Unit, pk)
    period, error = _period(request)
    rows = statistics.rows_of(actor=request.user, unit=unit, period=period, key=key)
    listing = paginate(request, rows)
    source = statistics.SOURCES[statistic.source]
    items = [source.describe(row) for row in listing.items]
    return render_page(request, "assessment/unit_rows.html",
                       {"unit": unit, "period": period, "error": error, "statistic": statistic,
                        "listing": listing, "items": items}, partial="results")


@allowed(STATISTICS_POLICY, "view")
def unit_export(request, pk: int):
    unit = get_scoped(request.user, Unit, pk)
    period, _error = _period(request)
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    services.unit_statistics_export(actor=request.user, unit=unit, period=period, path=handle.name)
    handle.seek(0)
    name = f"{unit.name}-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(handle, as_attachment=True, filename=name)
