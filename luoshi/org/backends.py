"""Authentication that finds logins outside any data scope, and only active ones."""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth.backends import ModelBackend

from luoshi.org.models import User


class LoginBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = User.objects.unscoped("the session's own login").select_related("person__unit").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class LockoutBackend(AxesStandaloneBackend):
    """django-axes, marking the attempts it refuses because the login is already locked, so the
    audit log tells the lockout itself apart from the tries made during it."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except AxesBackendPermissionDenied:
            request.luoshi_refused_while_locked = True
            raise
