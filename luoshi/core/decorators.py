"""View guards: login, then the resource's policy; a refusal is audited and answered 403."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from luoshi.core import audit
from luoshi.core.models import AuditAction
from luoshi.core.permissions import Policy


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
    audit.record(actor=request.user, action=AuditAction.DENIED, result="denied",
                 message=(message or f"{request.method} {request.path}")[:500])
    raise PermissionDenied
