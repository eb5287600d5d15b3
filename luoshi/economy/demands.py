"""企业诉求: an enterprise's demands are problems of the problems ledger (source 企业反映, listed,
assigned and closed there one by one: 销号), raised here with the enterprise's name and its
liaison, and linked to the enterprise (`EnterpriseDemand`) so its page and its liaison's home list
them. Supervision knows nothing of enterprises: economy sits above it and calls its services."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.core import audit
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.scope import ensure_in_scope, get_scoped
from luoshi.economy.models import Enterprise
from luoshi.economy.models_enterprises import EnterpriseDemand
from luoshi.org.models import Person, UnitKind
from luoshi.supervision import services as supervision
from luoshi.supervision.models import Problem, ProblemSource, ProblemStatus


@transaction.atomic
def demand_raise(*, actor, enterprise: Enterprise, description: str, lead_unit, category: str = "",
                 measures: str = "", deadline: dt.date | None = None) -> Problem:
    """A demand of `enterprise` onto the problems ledger, for `lead_unit` to answer; its liaison
    follows it (the problem names them, so it is in their scope and on their home page)."""
    if not EnterpriseDemand.policy.allows(actor, "add"):
        raise NotAllowed()
    firm = get_scoped(actor, Enterprise, enterprise.pk, related=("unit", "liaison"))
    if firm.liaison_id and not Person.objects.visible_to(actor).filter(pk=firm.liaison_id).exists():
        raise ServiceError(_("该企业的驻企联络员不在您的数据权限范围内，请由党政办登记这条诉求"))
    problem = supervision.problem_create(
        actor=actor, source=ProblemSource.ENTERPRISE, description=description, category=category, measures=measures,
        lead_unit=lead_unit, deadline=deadline, deadline_kind="date" if deadline else "none",
        enterprise_name=firm.name, liaison=firm.liaison,
        village=firm.unit if firm.unit.kind == UnitKind.VILLAGE else None)
    _link(actor, firm, problem)
    return problem


def liaison_moved(*, actor, enterprise: Enterprise) -> None:
    """A new liaison takes over the enterprise's open demands (in the edit's transaction)."""
    links = EnterpriseDemand.objects.unscoped("the demands of an enterprise the actor is editing")
    open_ids = links.filter(enterprise=enterprise).exclude(problem__status=ProblemStatus.CLOSED).values("problem_id")
    for problem in Problem.objects.unscoped("re-read through the update service's scope").filter(pk__in=open_ids):
        supervision.problem_update(actor=actor, problem=problem, version=problem.version, liaison=enterprise.liaison)


def demands_of(*, actor, enterprise: Enterprise):
    """The enterprise's demands the actor may see on the problems ledger, newest first."""
    ids = EnterpriseDemand.objects.visible_to(actor).filter(enterprise=enterprise).values("problem_id")
    return Problem.objects.visible_to(actor).filter(pk__in=ids).select_related("lead_unit", "owner").order_by("-id")


@transaction.atomic
def demand_link(*, actor, enterprise: Enterprise, problem: Problem) -> EnterpriseDemand:
    """Link a problem already on the list (raised as 企业反映, say on an imported 问题整改台账) to its enterprise."""
    if not EnterpriseDemand.policy.allows(actor, "add"):
        raise NotAllowed()
    firm = get_scoped(actor, Enterprise, enterprise.pk)
    problem = get_scoped(actor, Problem, problem.pk)
    if problem.source != ProblemSource.ENTERPRISE:
        raise ServiceError(_("只有来源为“企业反映”的问题才是企业诉求"))
    if EnterpriseDemand.objects.unscoped("a problem is one enterprise's demand at most").filter(problem=problem).exists():
        raise ServiceError(_("这个问题已是一家企业的诉求"))
    return _link(actor, firm, problem)


def _link(actor, firm: Enterprise, problem: Problem) -> EnterpriseDemand:
    link = EnterpriseDemand.objects.create(enterprise=firm, problem=problem, scope_path=firm.scope_path)
    ensure_in_scope(actor, link, action="add")
    audit.record_change(actor=actor, obj=link, before=None, parent=firm, message=problem.title)
    return link
