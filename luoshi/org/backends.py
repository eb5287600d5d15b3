"""Authentication that finds logins outside any data scope, and only active ones."""

from django.contrib.auth.backends import ModelBackend

from luoshi.org.models import User


class LoginBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = User.objects.unscoped("the session's own login").select_related("person__unit").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
