"""The API under /api/v1/: each app's router, one auth, one error shape (Chinese)."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import SessionAuth

from luoshi.assessment.api import router as assessment_router
from luoshi.core.api import BearerTokenAuth
from luoshi.core.errors import ServiceError
from luoshi.dispatch.api import router as dispatch_router
from luoshi.economy.api import router as economy_router
from luoshi.economy.project_api import router as projects_router
from luoshi.ledgers.api import plural_router
from luoshi.ledgers.api import router as ledgers_router
from luoshi.notify.api import router as notify_router
from luoshi.org.api import router as org_router
from luoshi.org.api import user_for_token
from luoshi.plans.api import router as plans_router
from luoshi.progress.api import router as progress_router
from luoshi.supervision.api import router as supervision_router

api = NinjaAPI(
    title="落实 API",
    version="1",
    description="乡镇重点工作落实平台接口。认证：Authorization: Bearer <个人令牌>；页面自身的调用使用会话与 CSRF。",
    auth=[BearerTokenAuth(user_for_token), SessionAuth(csrf=True)],
    urls_namespace="api",
)
ROUTERS = [org_router, ledgers_router, plans_router, progress_router, supervision_router, notify_router,
           dispatch_router, projects_router, economy_router, assessment_router]
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
    return api.create_response(request, {"detail": "对象不存在或不在您的数据权限范围内", "errors": []}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": "未登录或令牌无效", "errors": []}, status=401)


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    errors = [{"field": _field(e.get("loc", ())), "reason": _reason(e)} for e in exc.errors]
    return api.create_response(request, {"detail": "输入的数据格式不正确", "errors": errors}, status=400)


def _field(loc) -> str:
    """The field as the client sent it: ("query", "page") → "page"; a JSON body's fields come under
    the view's parameter name, ("body", "payload", "unit_id") → "unit_id"."""
    parts = list(loc)[2:] if len(loc) > 2 and loc[0] == "body" else list(loc)[1:]
    return ".".join(str(p) for p in parts)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    detail = "CSRF 校验失败，请刷新页面后重试" if "CSRF" in str(exc) else str(exc)
    return api.create_response(request, {"detail": detail, "errors": []}, status=exc.status_code)


_REASONS = {
    "missing": "必填",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "string_type": "应为文本",
    "bool_parsing": "应为是或否",
    "json_invalid": "不是合法的 JSON",
    "model_attributes_type": "格式不正确",
}


def _reason(error: dict) -> str:
    return _REASONS.get(error.get("type", ""), "格式不正确")
