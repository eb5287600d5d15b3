"""The emergency's part of the home page (`{% my_duty as mine %}`): today's shifts of the viewer and the
isolations they still have to check in today."""

from django import template
from django.utils import timezone

register = template.Library()


@register.simple_tag(takes_context=True)
def my_duty(context) -> dict:
    from luoshi.emergency.models import Isolation, Shift
    from luoshi.emergency.selectors import my_isolations, my_shifts

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(user, "person_id", None):
        return {}
    today = timezone.localdate()
    cards = [c for c in my_shifts(actor=user) if c.shift.day == today or c.open] if Shift.policy.allows(
        user, "check_in") else []
    pending = 0
    if Isolation.policy.allows(user, "check_in"):
        pending = sum(1 for c in my_isolations(actor=user, today=today)
                      if c.checked_today is None and c.isolation.watcher_id == user.person_id)
    return {"cards": cards, "isolations": pending}
