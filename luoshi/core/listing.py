"""The list page every office user knows: search, page sizes 10/20/50/100, "共 N 条"."""

from dataclasses import dataclass

from django.core.paginator import Paginator
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
    page = paginator.get_page(request.GET.get("page"))
    return Listing(page=page, total=paginator.count, page_size=size, query=query.strip())
