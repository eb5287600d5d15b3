"""Each role's home page: what that person needs first, with real numbers only.

It composes the apps' selectors (org, plans, audit), so it lives beside the URL configuration
rather than inside any one app."""

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from luoshi.core.models import AuditEntry
from luoshi.core.permissions import user_roles
from luoshi.core.selectors import security_today
from luoshi.org import selectors as org_selectors
from luoshi.org.models import UnitKind
from luoshi.plans import selectors as plan_selectors
from luoshi.plans.models import Plan, Task
from luoshi.reports import figures

MY_TASKS_ON_HOME = 10  # the head of 我的任务; the page has the rest


@login_required
def home(request):
    actor = request.user
    counts = org_selectors.unit_counts(actor=actor)
    context = {
        "assignments": org_selectors.my_assignments(user=actor),
        "roles": user_roles(actor),
        "village_count": counts.get(UnitKind.VILLAGE, 0),
        "department_count": counts.get(UnitKind.DEPARTMENT, 0),
        "person_count": org_selectors.person_count(actor=actor),
    }
    if Task.policy.allows(actor, "report"):
        context["my_tasks"] = list(plan_selectors.my_tasks(actor=actor)[:MY_TASKS_ON_HOME])
    if Plan.policy.allows(actor, "view"):
        context.update(_overview(actor))
        if figures.may_read(actor):
            context.update(figures.dashboard(actor=actor, plan=context["plan"]))
    if AuditEntry.policy.allows(actor, "view"):
        context["security"] = security_today(actor=actor)
    return TemplateResponse(request, "home.html", context)


def _overview(actor) -> dict:
    plan = plan_selectors.current_plan(actor=actor)
    if plan is None:
        return {"plan": None}
    totals = plan_selectors.light_totals(actor=actor, plan=plan)
    # the headline: whole tasks by light, 已办结 counted apart from green (plans.selectors.light_totals)
    headline = figures.headline(totals)
    return {
        "plan": plan, "totals": totals, "headline": headline,
        "unsigned_count": plan_selectors.unsigned(actor=actor, plan=plan).count(),
        "pending_extensions": plan_selectors.pending_extensions(actor=actor)[:10],
    }
