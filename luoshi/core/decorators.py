"""View guards: login, then the resource's policy; a refusal is audited and answered 403.

Refusals are counted per login and address in a window (LUOSHI_DENIALS_WINDOW_MINUTES): the first
LUOSHI_DENIALS_AUDITED are audited one by one, then one entry at 10, 20, 50, 100, 200 … refusals, so a
scan of thousands of refused requests writes a handful of rows; beyond LUOSHI_DENIALS_LIMIT the refusal
is answered 429 (too many). The count lives in the cache (per process unless the cache is shared)."""

import math
import time
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.context import current_meta
from luoshi.core.models import AuditAction
from luoshi.core.permissions import Policy


class TooManyDenials(PermissionDenied):
    """Refused so often in a short time that it looks like a scan: answered 429 (core.views)."""


def allowed(policy: Policy, action: str = "view"):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not policy.allows(request.user, action):
                deny(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def deny(request, message: str = ""):
    message = message or f"{request.method} {request.path}"
    count = _count(request.user)
    if count <= settings.LUOSHI_DENIALS_AUDITED:
        audit.record(actor=request.user, action=AuditAction.DENIED, result="denied", message=message[:500])
    elif _milestone(count):
        summary = _("%(minutes)d 分钟内第 %(count)d 次被拒绝（其间的拒绝合并记录）：%(message)s") % {
            "minutes": settings.LUOSHI_DENIALS_WINDOW_MINUTES, "count": count, "message": message}
        audit.record(actor=request.user, action=AuditAction.DENIED, result="denied", message=summary[:500])
    if count > settings.LUOSHI_DENIALS_LIMIT:
        raise TooManyDenials
    raise PermissionDenied


def _count(user) -> int:
    """This refusal's number in its window, for this login from this address."""
    window = settings.LUOSHI_DENIALS_WINDOW_MINUTES * 60
    joined = user.date_joined.timestamp() if getattr(user, "date_joined", None) else 0
    key = f"luoshi:denials:{user.pk}:{joined}:{current_meta().ip}:{int(time.time() // window)}"
    cache.add(key, 0, timeout=window * 2)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window * 2)
        return 1


def _milestone(count: int) -> bool:
    """10, 20, 50, 100, 200, 500, 1000 …"""
    if count < 10:
        return False
    scale = 10 ** int(math.log10(count))
    return count % scale == 0 and count // scale in (1, 2, 5)
