"""Each role's home page: what that person needs first, with real numbers only."""

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from luoshi.core.models import AuditEntry
from luoshi.core.permissions import user_roles
from luoshi.core.selectors import security_today
from luoshi.org import selectors
from luoshi.org.models import UnitKind


@login_required
def home(request):
    actor = request.user
    counts = selectors.unit_counts(actor=actor)
    context = {
        "assignments": selectors.my_assignments(user=actor),
        "roles": user_roles(actor),
        "village_count": counts.get(UnitKind.VILLAGE, 0),
        "department_count": counts.get(UnitKind.DEPARTMENT, 0),
        "group_count": counts.get(UnitKind.GROUP, 0),
        "person_count": selectors.person_count(actor=actor),
    }
    if AuditEntry.policy.allows(actor, "view"):
        context["security"] = security_today(actor=actor)
    return TemplateResponse(request, "org/home.html", context)
