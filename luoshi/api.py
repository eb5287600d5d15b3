"""The API under /api/v1/: each app's router, one auth, one error shape (Chinese)."""

import json
import logging

from django.core.exceptions import PermissionDenied
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from luoshi.assessment.api import router as assessment_router
from luoshi.core.api import BearerTokenAuth
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.dispatch.api import router as dispatch_router
from luoshi.economy.api import router as economy_router
from luoshi.economy.project_api import router as projects_router
from luoshi.emergency.api import router as emergency_router
from luoshi.ledgers.api import plural_router
from luoshi.ledgers.api import router as ledgers_router
from luoshi.notify.api import router as notify_router
from luoshi.org.api import LoginSessionAuth, docs_login, user_for_token
from luoshi.org.api import router as org_router
from luoshi.people.api import router as people_router
from luoshi.plans.api import router as plans_router
from luoshi.progress.api import router as progress_router
from luoshi.supervision.api import router as supervision_router

logger = logging.getLogger("luoshi.api")


class ObjectParser(Parser):
    """Every body this API takes is a JSON object: a string, number, list or null is refused (ninja
    would otherwise read the fields of any value as missing and take their defaults)."""

    def parse_body(self, request):
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return data


# The answers any operation may give besides its own (issue 19: the schema documents them), each in the
# one error shape. 409 is a stale `version`; 429, too many refused requests (core/middleware).
ERROR_ANSWERS = {
    "400": gettext_lazy("输入有误：detail 说明原因，errors 逐项列出字段"),
    "401": gettext_lazy("未登录或令牌无效"),
    "403": gettext_lazy("无此操作权限"),
    "404": gettext_lazy("对象不存在或不在您的数据权限范围内"),
    "409": gettext_lazy("数据已被他人修改（version 不一致），请重新读取后再提交"),
    "429": gettext_lazy("请求过于频繁，请稍后再试"),
}
ERROR_SHAPE = {
    "title": "Error", "type": "object", "required": ["detail", "errors"],
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {
            "type": "object", "required": ["field", "reason"],
            "properties": {"field": {"type": "string"}, "reason": {"type": "string"}}}},
    },
}


class LuoshiAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """ninja's schema, with the error answers every operation may give (ERROR_ANSWERS)."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SHAPE
        answer = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_ANSWERS.items():
                    responses.setdefault(status, {"description": description, **answer})
                if method in ("patch", "put"):
                    _version_required(operation, schema["components"]["schemas"])
        return schema


def _version_required(operation: dict, components: dict) -> None:
    """Every change is made on the `version` read (409 when stale): the schema says it is required,
    on the typed bodies and on the ledgers' (an object with the page form's fields)."""
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if body is None:
        return
    body = components.get(body.get("$ref", "").rsplit("/", 1)[-1], body)
    body.setdefault("properties", {}).setdefault("version", {"type": "integer", "title": "Version"})
    if "version" not in body.setdefault("required", []):
        body["required"].append("version")


api = LuoshiAPI(
    parser=ObjectParser(),
    title=gettext_lazy("落实 API"),
    version="1",
    description=gettext_lazy(
        "乡镇重点工作落实平台接口。认证：Authorization: Bearer <个人令牌>；页面自身的调用使用会话与 CSRF。"),
    auth=[BearerTokenAuth(user_for_token), LoginSessionAuth(csrf=True)],
    urls_namespace="api",
    docs_decorator=docs_login,
)
ROUTERS = [org_router, ledgers_router, plans_router, progress_router, supervision_router, notify_router,
           dispatch_router, projects_router, economy_router, assessment_router, emergency_router,
           people_router]
for _router in ROUTERS:
    api.add_router("/", _router)
# Each ledger at /api/v1/<plural>/, through the ledger engine's handlers. Mounted last, and
# without the ledgers whose plural path an app's router already serves: /api/v1/tasks/ is
# plans/api.py's (its typed schema and cached list, reading and writing through the tasks ledger).
api.add_router("/", plural_router(served=[path for r in ROUTERS for path in r.path_operations]))


@api.exception_handler(ServiceError)
def service_error(request, exc: ServiceError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("对象不存在或不在您的数据权限范围内"), "errors": []}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": str(NotAllowed().message), "errors": []}, status=403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": _("未登录或令牌无效"), "errors": []}, status=401)


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    errors = [{"field": _field(e.get("loc", ())), "reason": _reason(e)} for e in exc.errors]
    return api.create_response(request, {"detail": _("输入的数据格式不正确"), "errors": errors}, status=400)


def _field(loc) -> str:
    """The field as the client sent it: ("query", "page") → "page"; a JSON body's fields come under
    the view's parameter name, ("body", "payload", "unit_id") → "unit_id"."""
    parts = list(loc)[2:] if len(loc) > 2 and loc[0] == "body" else list(loc)[1:]
    return ".".join(str(p) for p in parts)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    detail = str(exc)
    if "CSRF" in detail:
        detail = _("CSRF 校验失败，请刷新页面后重试")
    elif detail.startswith("Cannot parse request body"):  # ninja's words for a body our parser refused
        detail = _("请求内容须是一个 JSON 对象（{…}）")
    return api.create_response(request, {"detail": detail, "errors": []}, status=exc.status_code)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def out_of_range(request, exc: Exception):
    """A number no column holds (an id of 2^80, in the path or the body): SQLite's driver refuses it
    before the query, PostgreSQL in it ("out of range"); either way the client's mistake, not ours."""
    if isinstance(exc, DataError) and "out of range" not in str(exc):
        return server_error(request, exc)
    return api.create_response(request, {"detail": _("数值超出范围：编号或数字过大"), "errors": []}, status=400)


@api.exception_handler(Exception)
def server_error(request, exc: Exception):
    """A bug is logged with its traceback and answered in the error shape, never as an HTML page."""
    logger.error("API error on %s %s", request.method, request.path, exc_info=exc)
    detail = _("服务器内部错误，请稍后重试；如仍出错，请联系管理员并告知请求编号 %(id)s。") % {
        "id": getattr(request, "request_id", "")}
    return api.create_response(request, {"detail": detail, "errors": []}, status=500)


_REASONS = {
    "missing": gettext_lazy("必填"),
    "int_parsing": gettext_lazy("应为整数"),
    "int_type": gettext_lazy("应为整数"),
    "string_type": gettext_lazy("应为文本"),
    "bool_parsing": gettext_lazy("应为是或否"),
    "json_invalid": gettext_lazy("不是合法的 JSON"),
    "model_attributes_type": gettext_lazy("格式不正确"),
}


def _reason(error: dict) -> str:
    return str(_REASONS.get(error.get("type", ""), gettext_lazy("格式不正确")))
