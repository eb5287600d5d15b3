"""Where a request came from, for the audit log: metadata only, never a data scope."""

import contextvars
import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestMeta:
    ip: str = ""
    request_id: str = ""
    user_agent: str = ""


_current: contextvars.ContextVar[RequestMeta | None] = contextvars.ContextVar("luoshi_request_meta", default=None)
_NO_REQUEST = RequestMeta()


def current_meta() -> RequestMeta:
    return _current.get() or _NO_REQUEST


def set_meta(meta: RequestMeta):
    return _current.set(meta)


def reset_meta(token) -> None:
    _current.reset(token)


def meta_from_request(request) -> RequestMeta:
    return RequestMeta(
        ip=client_ip(request),
        request_id=request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex,
        user_agent=request.headers.get("User-Agent", "")[:300],
    )


def client_ip(request) -> str:
    """The client address; behind nginx the proxy count decides how far to trust X-Forwarded-For."""
    from django.conf import settings

    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies][:45]
    return request.META.get("REMOTE_ADDR", "")[:45]
