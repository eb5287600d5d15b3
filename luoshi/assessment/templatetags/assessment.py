"""The assessment's home panel: each scheme's latest published ranking, for those who read runs."""

from django import template

from luoshi.assessment.models import ScoringRun
from luoshi.assessment.selectors import top_and_bottom

register = template.Library()


@register.simple_tag(takes_context=True)
def home_rankings(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not ScoringRun.policy.allows(user, "view"):
        return []
    return top_and_bottom(actor=user)
