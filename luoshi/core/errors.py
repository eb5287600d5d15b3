"""Errors a service raises for a person to read: always Chinese, never a 500, never half-committed."""

from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _


class ServiceError(Exception):
    """Bad input or a refused rule: the page shows it on the form, the API answers 400."""

    status = 400

    def __init__(self, message, *, field: str | None = None, errors: list[dict] | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.errors = errors or ([{"field": field, "reason": self.message}] if field else [])

    def as_dict(self) -> dict:
        return {"detail": self.message, "errors": [{"field": e.get("field") or "", "reason": str(e["reason"])}
                                                   for e in self.errors]}


class OutOfScope(ServiceError):
    """The object is missing or outside the actor's data scope; both look the same (404)."""

    status = 404

    def __init__(self, message=None, **kwargs):
        super().__init__(message or _("对象不存在或不在您的数据权限范围内"), **kwargs)


class NotAllowed(ServiceError):
    """The actor's roles do not allow this action at all (403)."""

    status = 403

    def __init__(self, message=None, **kwargs):
        super().__init__(message or _("您没有执行此操作的权限"), **kwargs)


class Conflict(ServiceError):
    """Someone else saved the object since it was read (optimistic locking, 409)."""

    status = 409

    def __init__(self, message=None, **kwargs):
        super().__init__(message or _("已被他人修改，请刷新后重试"), **kwargs)


def add_to_form(form, error: ServiceError) -> None:
    """Show a service's refusal on the form that sent the input."""
    if not error.errors:
        form.add_error(None, error.message)
    for item in error.errors:
        field = item.get("field")
        form.add_error(field if field in form.fields else None, str(item["reason"]))


# -- the API's error answers outside its own handlers (luoshi/api.py has those) -----------------------

API_PREFIX = "/api/"


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def api_error(status: int, detail) -> JsonResponse:
    """The API's error shape, for an answer Django gives before or after the API's own handlers (an
    unknown path, a refused request, a crash outside a view)."""
    return JsonResponse({"detail": str(detail), "errors": []}, status=status, json_dumps_params={"ensure_ascii": False})
