"""Audit every login, logout, failure and lockout; track live sessions for the office."""

import time

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.context import client_ip
from luoshi.core.models import AuditAction
from luoshi.org.models import LoginSession

SESSION_LOGIN_AT = "luoshi_login_at"
SESSION_SEEN_AT = "luoshi_seen_at"


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    request.session[SESSION_LOGIN_AT] = request.session[SESSION_SEEN_AT] = int(time.time())
    if request.session.session_key is None:
        request.session.save()
    LoginSession.objects.unscoped("recording the caller's own login").update_or_create(
        session_key=request.session.session_key,
        defaults={"user": user, "ip": client_ip(request), "user_agent": request.headers.get("User-Agent", "")[:300],
                  "last_seen_at": timezone.now(), "ended_at": None},
    )
    audit.record(actor=user, action=AuditAction.LOGIN, target=audit.Target.of(user))


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is None or request is None:
        return
    key = getattr(request.session, "session_key", None)
    if key:
        LoginSession.objects.unscoped("closing the caller's own session").filter(session_key=key).update(
            ended_at=timezone.now()
        )
    audit.record(actor=user, action=AuditAction.LOGOUT, target=audit.Target.of(user))


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    if getattr(request, "luoshi_refused_while_locked", False):
        return  # on_locked_out files this attempt
    username = str((credentials or {}).get("username", ""))[:150]
    audit.record(actor=None, action=AuditAction.LOGIN_FAILED, actor_name=username, result="failed",
                 message=_("用户名或密码错误"), unit_path=_unit_path_of_username(username))


@receiver(user_locked_out)
def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    """django-axes signals both the lockout and every attempt made while locked; log them apart."""
    name = str(username or "")[:150]
    if getattr(request, "luoshi_refused_while_locked", False):
        audit.record(actor=None, action=AuditAction.LOGIN_FAILED, actor_name=name, result="locked",
                     message=_("账户锁定期间再次尝试登录"), unit_path=_unit_path_of_username(username))
        return
    audit.record(actor=None, action=AuditAction.LOCKOUT, actor_name=name, result="locked",
                 message=_("连续登录失败，账户已锁定"), unit_path=_unit_path_of_username(username))


def _unit_path_of_username(username) -> str:
    """Failures are filed under the login's unit, so its office sees them; unknown names under none."""
    from luoshi.org.models import User

    user = User.objects.unscoped("filing a failed login").select_related("person__unit").filter(
        username=username or ""
    ).first()
    return user.audit_unit_path() if user else ""
