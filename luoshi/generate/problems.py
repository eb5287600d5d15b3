"""One township's problem list (问题清单) in every state, as the office records it.

`scope_path` is the lead unit's path, as `supervision.services` keeps it. Urges (督办单) and
roll calls (调度点名) have their own builders (urges.py, rollcalls.py, run through EXTENSIONS in
build.py); inspections have none yet: add one beside these when they are wanted."""

from __future__ import annotations

import datetime as dt

from luoshi.generate import names

_STATES = [("found", 8), ("assigned", 12), ("rectifying", 30), ("closing", 10), ("closed", 35), ("returned", 5)]
_SOURCES = [("survey", 40), ("inspection", 25), ("enterprise", 10), ("public", 15), ("higher", 10)]
_KINDS = [("date", 70), ("immediate", 10), ("ongoing", 8), ("recurring", 7), ("none", 5)]


def available() -> bool:
    from django.apps import apps

    return apps.is_installed("luoshi.supervision")


def build(ctx, org, work) -> int:
    from luoshi.supervision.models import Problem

    rng, anchor = ctx.rng, ctx.anchor
    states, state_w = zip(*_STATES, strict=True)
    sources, source_w = zip(*_SOURCES, strict=True)
    kinds, kind_w = zip(*_KINDS, strict=True)
    by_village: dict[int, list] = {}
    for task in work.children:
        by_village.setdefault(task.lead_unit_id, []).append(task)
    departments = list(org.departments.values())
    problems, co_units = [], []
    for n in range(ctx.scale.problems):
        village = org.villages[n % len(org.villages)]
        lead = village if rng.random() < 0.7 else rng.choice(departments)
        head = org.village_head[lead.pk] if lead is village else org.dept_head[lead.pk]
        title, description, measures = names.problem_text(rng, village.name)
        status = states[n % len(states)] if n < len(states) else rng.choices(states, state_w)[0]
        kind = rng.choices(kinds, kind_w)[0]
        created = ctx.stamp(ctx.day(10) + dt.timedelta(days=rng.randrange(0, max(1, (anchor - ctx.day(10)).days))))
        deadline = None
        if kind == "date":
            deadline = ctx.localdate(created) + dt.timedelta(days=rng.choice((15, 30, 30, 60, 90)))
        elif kind == "immediate":
            deadline = ctx.localdate(created) + dt.timedelta(days=3)
        tasks = by_village.get(village.pk, [])
        problem = Problem(
            category=rng.choice(names.PROBLEM_CATEGORIES), source=rng.choices(sources, source_w)[0], title=title,
            description=description, measures=measures, village=village, lead_unit=lead, owner=head._gen_person,
            leader=rng.choice(org.leaders), deadline=deadline, deadline_kind=kind,
            recurrence="monthly" if kind == "recurring" else "",
            deadline_text={"immediate": "立行立改", "ongoing": "长期坚持", "recurring": "每月"}.get(kind, ""),
            status=status, scope_path=lead.path, created_at=created,
            task=rng.choice(tasks) if tasks and rng.random() < 0.3 else None,
            evidence="整改前后照片、验收单已归档" if status in ("closing", "closed") else "",
        )
        problem.updated_at = created + dt.timedelta(days=rng.randrange(0, 20)) if status != "found" else created
        if problem.updated_at > ctx.stamp(anchor):
            problem.updated_at = created
        problem._gen_co = rng.choice(departments) if rng.random() < 0.2 else None
        problems.append(problem)
    problems.sort(key=lambda p: p.created_at)
    Problem.objects.bulk_create(problems, batch_size=2000)
    through = Problem.co_units.through
    co_units = [through(problem=p, unit=p._gen_co) for p in problems if p._gen_co and p._gen_co != p.lead_unit]
    through.objects.bulk_create(co_units, batch_size=5000)
    office = org.office[1 % len(org.office)]
    for p in problems:
        ctx.audit.create(at=p.created_at, actor=office, obj=p, unit_path=p.scope_path,
                         parent=p.task, after={"title": p.title, "status": "found", "lead_unit_id": p.lead_unit_id})
        if p.status != "found":
            ctx.audit.add(at=p.updated_at, actor=office, action="update", obj_type="supervision.problem", obj_id=p.pk,
                          repr_=str(p), unit_path=p.scope_path, message="问题状态变更",
                          after={"status": p.status})
    return len(problems)
