"""API building blocks shared by every app's router: auth, pagination, cached list answers (errors:
core/errors.py, answered by luoshi/api.py)."""

from __future__ import annotations

import orjson
from django.http import HttpResponse
from django.utils import timezone
from ninja.security import HttpBearer

from luoshi.core import freshness

# No list holds this many rows; a page beyond it is past the end of every list. The offset must fit the
# databases' 64-bit integers (?page=2**63-1 was SQLite's "datatype mismatch" and PostgreSQL's
# "bigint out of range", a 500): past the cap the answer is the empty page past the end, as for any page
# past the last.
MAX_OFFSET = 2**31


def page_params(page: int, page_size: int) -> tuple[int, int]:
    """(offset, size) of the 1-based `page` of `page_size` rows (at most 100): every API list's paging."""
    page = max(page, 1)
    page_size = min(max(page_size, 1), 100)
    return min((page - 1) * page_size, MAX_OFFSET), page_size


def paged(queryset, page: int, page_size: int) -> dict:
    start, size = page_params(page, page_size)
    items = list(queryset[start:start + size])
    # a short page (but not an empty one past the end) is the last: the total needs no count query
    count = start + len(items) if 0 < len(items) < size or (start == 0 and not items) else queryset.count()
    return {"items": items, "count": count}


def cached_rows(request, *, tables: tuple[str, ...], build) -> HttpResponse:
    """A page of `.values()` rows (`build()`) read with exactly the response schema's fields,
    answered as JSON without building and validating a model per row (each such endpoint has a
    test holding its answer to the schema), and cached (core/freshness.py). What may change a
    list answer is exactly: the rows of `tables`, what the login may see (its grants version),
    whose it is ("mine"), today (overdue), and the query."""
    user = request.auth
    parts = [request.path, sorted(request.GET.lists()), user.pk, user.date_joined.timestamp(), user.grants_version,
             user.person_id, timezone.localdate().isoformat()]
    body = freshness.remember("rows", parts, tables=tables, build=lambda: orjson.dumps(build()))
    return HttpResponse(body, content_type="application/json")


class BearerTokenAuth(HttpBearer):
    """A personal token; the lookup function comes from the app that owns tokens. It answers the login
    behind the token for this request, None for no valid token (401), or raises a ServiceError to
    refuse the request (a read-only token on a write)."""

    def __init__(self, lookup):
        super().__init__()
        self.lookup = lookup

    def authenticate(self, request, token):
        user = self.lookup(token, request)
        if user is None:
            return None
        request.user = user
        return user
