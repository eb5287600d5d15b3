"""Session rules (30 min idle via cookie age, 12 h absolute) and the forced password change."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.errors import is_api
from luoshi.org.models import LoginSession
from luoshi.org.signals import SESSION_LOGIN_AT, SESSION_SEEN_AT

_OPEN_PREFIXES = ("/static/", "/accounts/password/", "/accounts/logout/", "/api/")
_SEEN_EVERY = 60  # seconds between updates of a session's last activity


def _unwrapped(user):
    wrapped = getattr(user, "_wrapped", None)  # a SimpleLazyObject, set up by the read before
    return user if wrapped is None or not hasattr(wrapped, "is_authenticated") else wrapped


class SessionPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            # read now in any case: the views get the user itself, not Django's lazy wrapper, through which each
            # attribute read (the menu's policies alone ask some fifty a page) costs two more Python calls
            request.user = user = _unwrapped(user)
            if self._expired(request):
                logout(request)
                if is_api(request):  # the API answers for itself: 401 in its JSON shape
                    return self.get_response(request)
                messages.info(request, _("登录已超过 12 小时，请重新登录。"))
                return redirect(settings.LOGIN_URL)
            self._touch(request)
            if user.must_change_password and not request.path.startswith(_OPEN_PREFIXES):
                return redirect(reverse("org:password_change"))
        return self.get_response(request)

    @staticmethod
    def _expired(request) -> bool:
        login_at = request.session.get(SESSION_LOGIN_AT)
        return login_at is None or time.time() - login_at > settings.LUOSHI_SESSION_ABSOLUTE_SECONDS

    @staticmethod
    def _touch(request) -> None:
        now = int(time.time())
        if now - request.session.get(SESSION_SEEN_AT, 0) < _SEEN_EVERY:
            return
        request.session[SESSION_SEEN_AT] = now
        LoginSession.objects.unscoped("recording the caller's own activity").filter(
            session_key=request.session.session_key
        ).update(last_seen_at=timezone.now())
