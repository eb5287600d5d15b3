"""Reads of the party app: a path's page, the per-branch development counts (each number a link to its
rows in the register's list), the discipline counts without names for the year's review, and the
honours proposed from the assessment's latest published ranking."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from luoshi.core.scope import get_scoped
from luoshi.org.models import Unit, UnitKind
from luoshi.party import flow
from luoshi.party.models import DisciplineCase, Honour, HonourKind, PartyPath, PathStage, PathStep, Sanction

IDLE_YEARS = 3  # a branch that has admitted no 预备党员 for three years is listed


def path_get(*, actor, pk) -> PartyPath:
    path = get_scoped(actor, PartyPath, pk)
    return PartyPath.objects.visible_to(actor).select_related("branch").get(pk=path.pk)


def path_steps(*, actor, path: PartyPath) -> list[PathStep]:
    """The path's steps, oldest first, each with its files (`step.files`)."""
    # party sits above progress, whose attachments hold the steps' files
    from luoshi.progress.models import Attachment

    steps = list(PathStep.objects.visible_to(actor).filter(path=path).select_related("by__person"))
    files = {}
    for attachment in Attachment.objects.unscoped("the files of steps the caller may see").filter(
            owner_type=ContentType.objects.get_for_model(PathStep), owner_id__in=[s.pk for s in steps]).order_by("id"):
        files.setdefault(attachment.owner_id, []).append(attachment)
    for step in steps:
        step.files = files.get(step.pk, [])
    return steps


def list_link(**params) -> str:
    return reverse("ledgers:list", args=["party-paths"]) + "?" + urlencode({k: v for k, v in params.items() if v})


def development_counts(*, actor, today: dt.date | None = None) -> dict:
    """Per branch the reader sees (every village, and a department with a path): how many paths are at
    each stage and how many were admitted (预备党员) in the last three years, each with the link to its
    rows; the totals; and the villages that admitted nobody in three years."""
    today = today or timezone.localdate()
    since = flow.years_after(today, -IDLE_YEARS)
    stages = [s for s in PathStage]
    counts = {s.value: Count("id", filter=Q(stage=s.value)) for s in stages}
    counts["recent"] = Count("id", filter=Q(probationary_on__gte=since))
    by_branch = {row["branch"]: row for row in PartyPath.objects.visible_to(actor).values("branch").annotate(**counts)
                 .order_by()}
    units = Unit.objects.visible_to(actor).filter(Q(kind=UnitKind.VILLAGE) | Q(pk__in=list(by_branch)),
                                                  is_active=True).order_by("path")
    rows, totals = [], {key: 0 for key in counts}
    for unit in units:
        found = by_branch.get(unit.pk, {})
        cells = [{"stage": s, "n": found.get(s.value, 0), "url": list_link(branch=unit.pk, stage=s.value)}
                 for s in stages]
        recent = {"n": found.get("recent", 0), "url": list_link(branch=unit.pk, admitted_since=since.isoformat())}
        rows.append({"unit": unit, "cells": cells, "recent": recent})
        for key in counts:
            totals[key] += found.get(key, 0)
    total_cells = [{"stage": s, "n": totals[s.value], "url": list_link(stage=s.value)} for s in stages]
    idle = [row for row in rows if row["unit"].kind == UnitKind.VILLAGE and row["recent"]["n"] == 0]
    return {"rows": rows, "totals": total_cells, "since": since,
            "recent_total": {"n": totals["recent"], "url": list_link(admitted_since=since.isoformat())},
            "idle": idle, "due": {"n": _due_count(actor, today), "url": list_link(due="1")}}


def _due_count(actor, today: dt.date) -> int:
    year_ago = flow.years_after(today, -1)
    return PartyPath.objects.visible_to(actor).filter(
        Q(stage=PathStage.ACTIVIST, activist_on__lte=year_ago)
        | Q(stage=PathStage.PROBATIONARY, probationary_on__lte=year_ago)).count()


def discipline_counts(*, township: Unit, year: int) -> dict:
    """For the year's review: the cases of `township` decided in `year`, counted by 处分 and by kind of
    person, without a name, a unit or an id (safe to show to whoever reads the review)."""
    decided = DisciplineCase.objects.unscoped("counts without names for the year's review").filter(
        scope_path__under=township.path, decided_on__year=year).exclude(sanction="")
    by_sanction = dict(decided.values_list("sanction").annotate(n=Count("id")).order_by())
    rows = [{"sanction": label, "n": by_sanction.get(value, 0)} for value, label in Sanction.choices]
    cadres = decided.filter(is_cadre=True).count()
    received = DisciplineCase.objects.unscoped("counts without names for the year's review").filter(
        scope_path__under=township.path, received_on__year=year).count()
    return {"year": year, "rows": rows, "total": sum(by_sanction.values()), "cadres": cadres, "received": received}


def honours(*, actor, year: int | None = None):
    qs = Honour.objects.visible_to(actor).select_related("unit")
    return qs.filter(year=year) if year else qs


def decision_files(*, actor, honour: Honour) -> tuple[list, int]:
    """The decision document's files and how many honours it awards: one 表彰决定 names many honours,
    so a file attached to any visible honour of the same year and 文号 belongs to them all."""
    # party sits above progress, whose attachments hold the decision's files
    from luoshi.progress.models import Attachment

    same = Honour.objects.visible_to(actor).filter(pk=honour.pk)
    if honour.decision_no:
        same = Honour.objects.visible_to(actor).filter(year=honour.year, decision_no=honour.decision_no)
    ids = list(same.values_list("pk", flat=True))
    files = Attachment.objects.visible_to(actor).filter(
        owner_type=ContentType.objects.get_for_model(Honour), owner_id__in=ids).order_by("id")
    return list(files), len(ids)


def honours_latest_year(*, actor) -> int | None:
    """The latest year with an honour the reader sees (last year's are decided early this year)."""
    return Honour.objects.visible_to(actor).order_by("-year").values_list("year", flat=True).first()


def honour_proposals(*, actor, top: int = 3) -> list[dict]:
    """Per assessment scheme, its latest published ranking's first `top` units (not vetoed), each
    with whether the year already holds a 先进集体 for it: what the office may propose."""
    # party sits above assessment: the year's ranking proposes the 先进集体
    from luoshi.assessment.selectors import top_and_bottom

    out = []
    for item in top_and_bottom(actor=actor, count=top + 2):
        run = item["run"]
        year = run.scheme.year
        held = set(Honour.objects.visible_to(actor).filter(year=year, kind=HonourKind.COLLECTIVE)
                   .values_list("unit_id", flat=True))
        units = [r for r in item["top"] if not r.vetoed][:top]
        out.append({"run": run, "year": year, "rows": [{"ranking": r, "held": r.unit_id in held} for r in units]})
    return out
