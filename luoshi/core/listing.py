"""The list page every office user knows: search, page sizes 10/20/50/100, "共 N 条"."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from luoshi.core.markup import escape

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


def pager_markup(request, listing: Listing) -> SafeString:
    """The foot of a list (core/_pagination.html): "共 N 条", the page size, and the page links with the
    other parameters kept. Built here rather than by template tags: on every list page its loops, block
    translations and links cost as many calls as the rest of the page's frame."""
    params = request.GET
    kept = "".join(f'<input type="hidden" name="{escape(key)}" value="{escape(value)}">'
                   for key, value in params.items() if key not in ("page_size", "page"))
    rows_of = _("%(size)s 条")  # not inside the f-string: xgettext would not find it there
    sizes = "".join(f'<option value="{size}"{" selected" if size == listing.page_size else ""}>'
                    f'{escape(rows_of % {"size": size})}</option>' for size in PAGE_SIZES)
    total, per_page = _("共 %(total)s 条") % {"total": listing.total}, _("每页")
    out = ['<div class="d-flex flex-wrap justify-content-between align-items-center gap-2 mt-2">\n'
           f'  <div class="text-secondary">{escape(total)}</div>\n'
           '  <form method="get" class="d-flex align-items-center gap-1" hx-get="" hx-target="#results" '
           'hx-push-url="true" hx-trigger="change">\n'
           f'    {kept}\n'
           f'    <label class="text-secondary small" for="page-size">{escape(per_page)}</label>\n'
           '    <select id="page-size" name="page_size" class="form-select form-select-sm w-auto" data-autosubmit>\n'
           f'      {sizes}\n    </select>\n  </form>\n']
    page = listing.page
    if page.paginator.num_pages > 1:
        def link(number: int, label: str) -> str:
            query = params.copy()
            query["page"] = number
            return (f'<li class="page-item"><a class="page-link" href="?{escape(query.urlencode())}">'
                    f'{escape(label)}</a></li>')
        where = _("第 %(number)s / %(num_pages)s 页") % {"number": page.number, "num_pages": page.paginator.num_pages}
        paging = _("分页")
        out.append(f'  <nav aria-label="{escape(paging)}"><ul class="pagination pagination-sm mb-0">\n    '
                   + (link(page.previous_page_number(), _("上一页")) if page.has_previous() else "")
                   + f'\n    <li class="page-item disabled"><span class="page-link">{escape(where)}</span></li>\n    '
                   + (link(page.next_page_number(), _("下一页")) if page.has_next() else "")
                   + "\n  </ul></nav>\n")
    out.append("</div>")
    return mark_safe("".join(out))  # every part escaped
