"""Optimistic locking: a save made on a stale version changes nothing and says so (409)."""

from django.db import models
from django.utils import timezone

from luoshi.core.errors import Conflict


def save_versioned(obj: models.Model, version: int, *, message: str) -> None:
    """Write every field of `obj` only if its row still has `version` (the caller has already
    set `obj.version = version + 1`); otherwise raise Conflict with `message`."""
    model = type(obj)
    values = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields
              if f.name not in ("id", "created_at")}
    if "updated_at" in values:
        values["updated_at"] = timezone.now()
    updated = model.objects.unscoped("the optimistic lock matches on id and version").filter(
        pk=obj.pk, version=version).update(**values)
    if not updated:
        raise Conflict(message)
