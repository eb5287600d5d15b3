"""The economy registers' own pages: the hub, a year of collective income. Lists, forms, imports
and exports are the ledger engine's (`economy/ledgers*.py`)."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone

from luoshi.core.decorators import allowed
from luoshi.core.htmx import render_page
from luoshi.economy import selectors
from luoshi.economy.models_income import CollectiveIncome, IncomeSource
from luoshi.ledgers.registry import get_ledger

REGISTERS = ("enterprises", "collective-income", "farms", "coop-operations", "talent-engagements", "talents",
             "training-classes", "income-thresholds")


@allowed(CollectiveIncome.policy, "view")
def index(request):
    """The registers the user may read, and the way into the year's collective income."""
    ledgers = [ledger for name in REGISTERS if (ledger := get_ledger(name)) and ledger.allows(request.user, "view")]
    years = selectors.income_years(actor=request.user)
    return render_page(request, "economy/index.html", {"ledgers": ledgers, "years": years})


@allowed(CollectiveIncome.policy, "view")
def income_current(request):
    return redirect("economy:income_year", year=timezone.localdate().year)


@allowed(CollectiveIncome.policy, "view")
def income_year(request, year: int):
    if not 2000 <= year <= 2100:
        raise Http404()
    threshold = _int(request.GET.get("threshold"))
    crossed = request.GET.get("crossed") == "1"
    data = selectors.income_year(actor=request.user, year=year, threshold=threshold, crossed=crossed)
    order = request.GET.get("sort", "")
    if order in ("total", "-total", "rate", "-rate"):
        key = order.lstrip("-")
        data.villages.sort(key=lambda r: (getattr(r, key) is not None, getattr(r, key) or 0),
                           reverse=order.startswith("-"))
    context = {"data": data, "year": year, "sources": IncomeSource.choices, "threshold": threshold,
               "crossed": crossed, "sort_total": "total" if order == "-total" else "-total",
               "sort_rate": "rate" if order == "-rate" else "-rate", "chosen": next(
                   (c.threshold for c in data.thresholds if c.threshold.pk == threshold), None)}
    return render_page(request, "economy/income_year.html", context)


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**62 else None
