"""Optimistic locking, the one way a record's `version` changes: an edit saved on a stale version
changes nothing and says so (409); a workflow step on a row the caller holds locked counts the
version up as well, so a form read before the step is refused when it is saved."""

from django.db import models
from django.db.models import signals
from django.utils import timezone

from luoshi.core.errors import Conflict


def save_versioned(obj: models.Model, version: int, *, message: str | None = None) -> None:
    """Write every field of `obj` (its version counted up to `version + 1`) only if its row still
    has `version`, the one the editor read; otherwise raise Conflict with `message`."""
    obj.version = version + 1
    model = type(obj)
    values = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields
              if f.name not in ("id", "created_at")}
    if "updated_at" in values:
        values["updated_at"] = timezone.now()
    # a versioned save is a save: the model's pre_save listeners (plans' archived-plan guard) hear it
    signals.pre_save.send(sender=model, instance=obj, raw=False, using=obj._state.db, update_fields=None)
    updated = model.objects.unscoped("the optimistic lock matches on id and version").filter(
        pk=obj.pk, version=version).update(**values)
    if not updated:
        raise Conflict(message)


def save_stepped(obj: models.Model, *fields: str) -> None:
    """Save a workflow step on a row the caller holds locked (select_for_update): the version
    counts up. Only `fields` (with version and updated_at) are written when given, else all."""
    obj.version += 1
    if not fields:
        obj.save()
        return
    stamps = ["version"] + (["updated_at"] if hasattr(obj, "updated_at") else [])
    obj.save(update_fields=list(dict.fromkeys([*fields, *stamps])))
