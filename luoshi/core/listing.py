"""The list page every office user knows: search, page sizes 10/20/50/100, "共 N 条"."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q

PAGE_SIZES = (10, 20, 50, 100)


@dataclass
class Listing:
    page: object
    total: int
    page_size: int
    query: str

    @property
    def items(self):
        return self.page.object_list


def page_size_of(request, default: int = 20) -> int:
    try:
        size = int(request.GET.get("page_size", default))
    except (TypeError, ValueError):
        return default
    return size if size in PAGE_SIZES else default


def search(queryset, text: str, fields: tuple[str, ...]):
    text = (text or "").strip()[:100]
    if not text or not fields:
        return queryset
    q = Q()
    for field in fields:
        q |= Q(**{f"{field}__icontains": text})
    return queryset.filter(q)


def paginate(request, queryset, *, search_fields: tuple[str, ...] = (), default_size: int = 20) -> Listing:
    query = request.GET.get("q", "")
    queryset = search(queryset, query, search_fields)
    size = page_size_of(request, default_size)
    paginator = Paginator(queryset, size)
    page = _first_page(paginator, request.GET.get("page"))
    if page is None:
        page = paginator.get_page(request.GET.get("page"))
    return Listing(page=page, total=paginator.count, page_size=size, query=query.strip())


def _first_page(paginator: Paginator, number) -> Page | None:
    """The first page read before the count, as the API's lists read theirs (core/api.py `paged`):
    most lists people open are the first page of a village's or a filter's few rows, and a short first
    page is the whole list, so its total needs no COUNT statement. A full first page is counted, and
    kept (not read again). None for any other page (Django's paginator reads it)."""
    try:
        wanted = int(number) if number not in (None, "") else 1
    except (TypeError, ValueError):
        wanted = 1  # what get_page answers for a page that is no whole number
    if wanted != 1:  # a later page, or one below 1 (get_page answers the last): after counting
        return None
    items = list(paginator.object_list[:paginator.per_page])
    if len(items) < paginator.per_page:
        paginator.count = len(items)  # the cached property, known without a statement
    return Page(items, 1, paginator)
