"""The one owner of a task's stored light (`Task.light`, `Task.light_reason`).

Every page, list, count and the battle map reads the stored light; this module is the only
writer. Each step that changes what a light depends on (deploy, sign, return, report, 申请办结,
验收, reopen, a milestone, an extension, an edited deadline or recurrence, a split) calls
`light_refresh` inside its own transaction, and the nightly job (`plans.jobs`) calls
`refresh_all` because lights age with the calendar. The rules themselves stay the pure
`plans.lights.compute_light`; a split task's light is the worst of its parts' (`combine_parts`),
so a part's refresh refreshes its whole task too.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from luoshi.plans import lights
from luoshi.plans.models import PlanStatus, Task, TaskStatus

_CHUNK = 500


def light_refresh(*, task: Task, today: dt.date | None = None, current: bool = False) -> tuple[str, list[str]]:
    """Recompute and store `task`'s light (and its whole task's, for a part). With `current`, the
    task in hand is as stored; otherwise it is read again first."""
    if not current:
        task = Task.objects.unscoped("recomputing the light of a task already in hand").get(pk=task.pk)
    today = today or timezone.localdate()
    light, reasons = _light_of(task, today, milestones=lambda: lights.milestone_states(task))
    # a part's whole task is lit by its parts' stored lights: it changes only when this one did
    if _store(task, light, reasons) and task.parent_id:
        _refresh_whole(task.parent_id, today)
    return light, reasons


def update_with_light(*, task: Task, values: dict, today: dt.date | None = None) -> None:
    """Write `values` to the task in hand (already changed in hand to match) and its light
    recomputed from it, in one UPDATE: `light_refresh(current=True)` after the caller's own UPDATE,
    one statement fewer (a progress report's, `plans.services.task_apply_report`)."""
    today = today or timezone.localdate()
    light, reasons = _light_of(task, today, milestones=lambda: lights.milestone_states(task))
    reason = lights.join_reasons(reasons)
    changed = (light, reason) != (task.light, task.light_reason)
    Task.objects.unscoped("a task's own columns and its light").filter(pk=task.pk).update(
        **values, **({"light": light, "light_reason": reason} if changed else {}))
    if changed:
        task.light, task.light_reason = light, reason
        if task.parent_id:
            _refresh_whole(task.parent_id, today)


def _refresh_whole(parent_id: int, today: dt.date) -> None:
    """A part's light changed: its whole task's, read with its parts in one statement."""
    rows = list(Task.objects.unscoped("recomputing the light of a part's whole task")
                .filter(Q(pk=parent_id) | Q(parent_id=parent_id)).select_related("lead_unit").order_by())
    parent = next(row for row in rows if row.pk == parent_id)
    parts = [(row.light, row.light_reason, row.lead_unit.name if row.lead_unit else None)
             for row in rows if row.parent_id == parent_id]
    _store(parent, *_light_of(parent, today, milestones=lambda: lights.milestone_states(parent), parts=parts))


def _light_of(task: Task, today: dt.date, *, milestones, rules=None,
              parts: list | None = None) -> tuple[str, list[str]]:
    """The light of `task`: its parts' worst while it has lit parts, else its own by the rules.
    `milestones` is a list, or a function that reads them (only when they are needed)."""
    whole = not task.parent_id and task.status not in (TaskStatus.DRAFT, TaskStatus.RETURNED, TaskStatus.COMPLETED)
    if whole:  # a part is never split again; a task not under way is lit by its own state
        if parts is None:
            parts = list(Task.objects.unscoped("the lights of a task's parts").filter(parent_id=task.pk)
                         .order_by().values_list("light", "light_reason", "lead_unit__name"))
        combined = lights.combine_parts(parts)
        if combined is not None:
            return combined
    return lights.compute_light(task, today=today, summary=lights.summary_of(task),
                                milestones=milestones() if callable(milestones) else milestones, rules=rules)


def _store(task: Task, light: str, reasons: list[str]) -> bool:
    """Store the light if it changed; whether it did."""
    reason = lights.join_reasons(reasons)
    if (light, reason) == (task.light, task.light_reason):
        return False
    Task.objects.unscoped("storing a computed light").filter(pk=task.pk).update(light=light, light_reason=reason)
    task.light, task.light_reason = light, reason
    return True


def refresh_all(*, today: dt.date | None = None) -> dict[str, int]:
    """Recompute every deployed task's light as of `today`, parts before their whole tasks;
    store the changed ones. Returns how many were checked and changed."""
    today = today or timezone.localdate()
    rules = lights.LightRules.from_settings()
    # an archived plan's lights stay as they were when it was archived (plans.year_close)
    tasks = Task.objects.unscoped("the daily light job covers every task").exclude(status=TaskStatus.DRAFT).exclude(
        plan__status=PlanStatus.ARCHIVED)
    checked = changed = 0
    # parts first (parent set), then the others, whose split ones read their parts' new lights
    for having_parent in (True, False):
        last_id = 0
        while True:
            chunk = list(tasks.filter(id__gt=last_id, parent__isnull=not having_parent).order_by("id")[:_CHUNK])
            if not chunk:
                break
            ids = [t.pk for t in chunk]
            milestones = lights.milestones_for(ids)
            parts = {} if having_parent else _parts_of(ids)
            for task in chunk:
                found = _light_of(task, today, milestones=milestones.get(task.pk, []), rules=rules,
                                  parts=parts.get(task.pk, []))
                changed += _store(task, *found)
            checked += len(chunk)
            last_id = ids[-1]
    return {"checked": checked, "changed": changed}


def _parts_of(ids: list[int]) -> dict[int, list[tuple[str, str, str]]]:
    found: dict[int, list] = {}
    rows = (Task.objects.unscoped("the lights of split tasks' parts").filter(parent_id__in=ids).order_by()
            .values_list("parent_id", "light", "light_reason", "lead_unit__name"))
    for parent_id, *part in rows:
        found.setdefault(parent_id, []).append(tuple(part))
    return found


def stale_lights(*, today: dt.date | None = None, ids=None) -> list[tuple[int, str, str, str]]:
    """Tasks whose stored light differs from a fresh computation: (id, stored, fresh, fresh reason).
    Empty when the owner did its job; the property test and `luoshi` checks read it."""
    today = today or timezone.localdate()
    tasks = (Task.objects.unscoped("checking stored lights").exclude(status=TaskStatus.DRAFT)
             .exclude(plan__status=PlanStatus.ARCHIVED).order_by("id"))
    if ids is not None:
        tasks = tasks.filter(pk__in=list(ids))
    tasks = list(tasks)
    ids = [t.pk for t in tasks]
    milestones, parts = lights.milestones_for(ids), _parts_of(ids)
    wrong = []
    for task in tasks:
        light, reasons = _light_of(task, today, milestones=milestones.get(task.pk, []), parts=parts.get(task.pk, []))
        if (light, lights.join_reasons(reasons)) != (task.light, task.light_reason):
            wrong.append((task.pk, f"{task.light}:{task.light_reason}", light, lights.join_reasons(reasons)))
    return wrong


