"""Who helps a household (帮扶干部), and who did: each change of a household's cadre closes the open
assignment and opens the next, in the write's transaction, so the history is kept."""

from __future__ import annotations

from django.utils import timezone

from luoshi.core import audit
from luoshi.people.models import CadreAssignment, Household


def household_written(*, actor, obj: Household, before) -> None:
    """The engine's `after` hook of a household's create and update."""
    if before is not None and before.get("cadre_id") == obj.cadre_id:
        return
    today = timezone.localdate()
    rows = CadreAssignment.objects.unscoped("the assignments of a household being written")
    rows.filter(household=obj, ends_on__isnull=True).update(ends_on=today)
    if obj.cadre_id:
        row = CadreAssignment.objects.create(household=obj, cadre_id=obj.cadre_id, starts_on=today,
                                             assigned_by=actor, scope_path=obj.scope_path)
        audit.record_change(actor=actor, obj=row, before=None, parent=obj)


def history(*, actor, household: Household):
    """The household's cadres, latest first."""
    return CadreAssignment.objects.visible_to(actor).filter(household=household).select_related("cadre")
