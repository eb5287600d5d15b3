"""Authentication that finds logins outside any data scope, and only active ones."""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth.backends import ModelBackend

from luoshi.core import freshness
from luoshi.org.models import User

# what a session's login is read from; any change to them is seen on the next request
LOGIN_TABLES = ("org_user", "org_person", "org_unit")


class LoginBackend(ModelBackend):
    def get_user(self, user_id):
        """The session's login with its person and unit, read once per change of those tables
        (core/freshness.py) rather than once per request."""
        user = freshness.remember("login", str(user_id), tables=LOGIN_TABLES, build=lambda: User.objects.unscoped(
            "the session's own login").select_related("person__unit").filter(pk=user_id).first())
        return user if user is not None and self.user_can_authenticate(user) else None


class LockoutBackend(AxesStandaloneBackend):
    """django-axes, marking the attempts it refuses because the login is already locked, so the
    audit log tells the lockout itself apart from the tries made during it."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except AxesBackendPermissionDenied:
            request.luoshi_refused_while_locked = True
            raise
