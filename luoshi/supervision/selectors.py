"""Reads of supervision records: every one starts from `visible_to(actor)`."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, F, IntegerField, Q, Value, When

from luoshi.core.scope import get_scoped
from luoshi.org.models import Person
from luoshi.progress.models import Attachment
from luoshi.supervision.models import (
    Finding,
    Inspection,
    Problem,
    ProblemSource,
    ProblemStatus,
    Urge,
    UrgeLevel,
    UrgeStatus,
)

OPEN_PROBLEM = ~Q(status=ProblemStatus.CLOSED)


def my_open_urges(*, actor, limit: int = 20) -> list[Urge]:
    """The open slips addressed to the actor: as owner, or escalated to them (home page)."""
    person_id = getattr(actor, "person_id", None)
    if not person_id:
        return []
    mine = Q(owner_id=person_id) | Q(head_id=person_id) | Q(leader_id=person_id)
    return list(_ranked(Urge.objects.visible_to(actor).filter(mine, status=UrgeStatus.OPEN))[:limit])


FIXING = (ProblemStatus.ASSIGNED, ProblemStatus.RECTIFYING, ProblemStatus.RETURNED)


def my_problems(*, actor, limit: int = 10) -> dict[str, list[Problem]]:
    """The home page's problems: those assigned to the actor still to rectify (交办给我), and those
    asked to close that the actor may verify, never the actor's own request (待我核验)."""
    person_id = getattr(actor, "person_id", None)
    fix = []
    if person_id and Problem.policy.allows(actor, "request_close"):
        fix = list(Problem.objects.visible_to(actor).filter(owner_id=person_id, status__in=FIXING)
                   .order_by(F("deadline").asc(nulls_last=True), "id")[:limit])
    check = []
    if Problem.policy.allows(actor, "close"):
        check = list(Problem.objects.restrict(actor, "close").filter(status=ProblemStatus.CLOSING)
                     .exclude(closing_requested_by=actor).select_related("lead_unit")
                     .order_by("closing_requested_at", "id")[:limit])
    return {"fix": fix, "check": check}


def _ranked(urges):
    """Red first, then yellow, then blue; the oldest first within a colour."""
    rank = Case(When(colour="red", then=Value(0)), When(colour="yellow", then=Value(1)), default=Value(2),
                output_field=IntegerField())
    return urges.select_related("task", "issued_by__person").annotate(rank=rank).order_by("rank", "issued_at")


def urge_list(*, actor, status: str = "", colour: str = "", mine: bool = False, escalated: bool = False):
    urges = Urge.objects.visible_to(actor).select_related("task", "owner", "issued_by__person")
    if escalated:  # climbed past the owner (urges.escalate): the leader's dashboard links here
        urges = urges.filter(level__gt=UrgeLevel.OWNER)
    if status in UrgeStatus.values:
        urges = urges.filter(status=status)
    if colour in ("red", "yellow", "blue"):
        urges = urges.filter(colour=colour)
    if mine:
        person_id = getattr(actor, "person_id", None) or 0
        urges = urges.filter(Q(owner_id=person_id) | Q(head_id=person_id) | Q(leader_id=person_id) |
                             Q(issued_by=actor))
    return urges.order_by("-issued_at", "-id")


def urge_get(*, actor, pk) -> Urge:
    urge = get_scoped(actor, Urge, pk)
    return Urge.objects.visible_to(actor).select_related(
        "task__lead_unit", "task__leader", "owner", "head", "leader", "issued_by__person", "answered_by__person",
    ).get(pk=urge.pk)


def task_urges(*, actor, task) -> list[Urge]:
    return list(Urge.objects.visible_to(actor).filter(task=task).select_related("owner").order_by("-issued_at"))


def problem_get(*, actor, pk) -> Problem:
    problem = get_scoped(actor, Problem, pk)
    return Problem.objects.visible_to(actor).select_related(
        "lead_unit", "village", "leader", "owner", "liaison", "task", "closing_requested_by__person",
        "closed_by__person").get(pk=problem.pk)


def attachments_of(*, actor, obj) -> list:
    """The files attached to an object the caller already may see (evidence, inspection photos)."""

    return list(Attachment.objects.unscoped("the attachments of an object the caller may see").filter(
        owner_type=ContentType.objects.get_for_model(obj), owner_id=obj.pk).order_by("id"))


def problem_groups(*, actor) -> dict[str, list[dict]]:
    """The list grouped (问题清单分门别类): by category and by source, open and closed counts each."""
    problems = Problem.objects.visible_to(actor)
    counts = {"total": Count("id"), "open": Count("id", filter=OPEN_PROBLEM),
              "closed": Count("id", filter=Q(status=ProblemStatus.CLOSED))}
    by_category = list(problems.values("category").annotate(**counts).order_by("-total", "category"))
    labels = dict(ProblemSource.choices)
    by_source = [row | {"label": labels.get(row["source"], row["source"])}
                 for row in problems.values("source").annotate(**counts).order_by("-total", "source")]
    by_status = dict(problems.values_list("status").annotate(n=Count("id")).order_by())
    return {"by_category": by_category, "by_source": by_source,
            "by_status": [(value, label, by_status.get(value, 0)) for value, label in ProblemStatus.choices]}


def overdue_problems(*, actor, today, limit: int = 20) -> list[Problem]:
    return list(Problem.objects.visible_to(actor).filter(OPEN_PROBLEM, deadline__lt=today)
                .select_related("lead_unit").order_by("deadline")[:limit])


def inspection_list(*, actor):
    return Inspection.objects.visible_to(actor).select_related("unit", "task").annotate(
        finding_count=Count("findings")).order_by("-date", "-id")


def inspection_get(*, actor, pk) -> Inspection:
    inspection = get_scoped(actor, Inspection, pk)
    return Inspection.objects.visible_to(actor).select_related("unit", "task", "created_by__person").get(
        pk=inspection.pk)


def inspection_findings(*, actor, inspection) -> list[Finding]:
    return list(Finding.objects.visible_to(actor).filter(inspection=inspection).select_related("problem"))


def inspection_people(*, actor, inspection) -> list:
    """The inspectors, read through the join table of an inspection the caller may see."""

    ids = Inspection.inspectors.through.objects.filter(inspection=inspection).values_list("person_id", flat=True)
    return list(Person.objects.unscoped("the inspectors of an inspection the caller may see").filter(
        pk__in=list(ids)).order_by("id"))
