"""API building blocks shared by every app's router: auth, pagination shape, Chinese errors."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from ninja import Schema
from ninja.security import HttpBearer

from luoshi.core.errors import ServiceError


class ErrorItem(Schema):
    field: str
    reason: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem] = []


def page_params(page: int, page_size: int) -> tuple[int, int]:
    page = max(page, 1)
    page_size = min(max(page_size, 1), 100)
    return (page - 1) * page_size, page_size


def paged(queryset, page: int, page_size: int) -> dict:
    start, size = page_params(page, page_size)
    return {"items": list(queryset[start:start + size]), "count": queryset.count()}


class BearerTokenAuth(HttpBearer):
    """A personal token; the lookup function comes from the app that owns tokens."""

    def __init__(self, lookup):
        super().__init__()
        self.lookup = lookup

    def authenticate(self, request, token):
        user = self.lookup(token)
        if user is None:
            return None
        request.user = user
        return user


def error_body(error: ServiceError) -> dict:
    return error.as_dict()


def now():
    return timezone.now() if settings.USE_TZ else timezone.localtime()
