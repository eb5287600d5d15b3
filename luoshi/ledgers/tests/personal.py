"""A sample row for any ledger with personal columns, for the personal-data matrix
(`test_personal_matrix.py`): the register's own sample when its app offers one
(`luoshi/<app>/tests/personal_samples.py`: `SAMPLES = {ledger name: function(world) → record}`),
otherwise one made by filling the ledger's own form as the first role allowed to add, with an ID-card
number and a phone in its personal fields and the persona's village where a unit is asked for; a
record it refers to (a household of a member) is made the same way first. A register merged later is
covered without a line here."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

from django import forms
from django.apps import apps
from django.db import transaction
from django.utils import timezone

from luoshi.core.roles import RoleCode
from luoshi.ledgers.registry import Ledger, all_ledgers
from luoshi.org.models import Person, Unit

SAMPLE_ID = "370830198005061234"
SAMPLE_PHONE = "13912345678"
ADDERS = ("office", "village", "department", "leader", "cadre", "discipline")
_ROLE_OF = {"office": RoleCode.OFFICE, "village": RoleCode.VILLAGE, "department": RoleCode.DEPARTMENT,
            "leader": RoleCode.LEADER, "cadre": RoleCode.CADRE, "discipline": RoleCode.DISCIPLINE}


def personal_ledgers() -> list[Ledger]:
    return [ledger for ledger in all_ledgers() if ledger.personal_columns]


def own_samples() -> dict:
    found = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("luoshi."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.personal_samples")
        except ModuleNotFoundError:
            continue
        found.update(getattr(module, "SAMPLES", {}))
    return found


def sample(world, ledger: Ledger):
    """One record of `ledger` holding personal data, made as a role allowed to add it."""
    made = own_samples().get(ledger.name)
    if made is not None:
        return made(world)
    return _by_form(world, ledger, depth=0)


def sample_every_ledger(world, *, but: str = "tasks") -> None:
    """A sample record of every registered ledger but `but` (whose rows a test makes itself); a register
    whose form needs more than a sample gives stays empty."""
    for ledger in all_ledgers():
        if ledger.name == but:
            continue
        try:
            with transaction.atomic():
                sample(world, ledger)
        except Exception:  # noqa: BLE001 - the register stays empty, as said above
            pass


def _by_form(world, ledger: Ledger, *, depth: int):
    if ledger.create is None:
        raise AssertionError(f"ledger {ledger.name!r}: no create service; offer a sample in its app's "
                             "tests/personal_samples.py")
    roles = ledger.model.policy.roles_for("add")
    errors = {}
    for key in ADDERS:
        if _ROLE_OF[key] not in roles:
            continue
        actor = world.user(key)
        form = ledger.form(actor=actor)
        data = {name: _value(world, ledger, form, name, field, actor, depth) for name, field in form.fields.items()}
        bound = ledger.form({k: v for k, v in data.items() if v is not None}, actor=actor)
        if bound.is_valid():
            try:
                return ledger.create(actor=actor, **bound.cleaned_data)
            except Exception as error:  # another role may fit the register's rules
                errors[key] = repr(error)
                continue
        errors[key] = bound.errors.as_text()
    raise AssertionError(f"ledger {ledger.name!r}: no sample could be made through its form ({errors}); offer one "
                         "in its app's tests/personal_samples.py")


def _value(world, ledger: Ledger, form, name: str, field, actor, depth: int):
    personal = ledger.own_personal_fields.get(name)
    if personal:
        return SAMPLE_ID if personal == "id_card" else SAMPLE_PHONE
    if isinstance(field, forms.ModelMultipleChoiceField):
        first = field.queryset.first()
        return [first.pk] if field.required and first is not None else []
    if isinstance(field, forms.ModelChoiceField):
        return _related(world, field, actor, depth)
    if isinstance(field, forms.BooleanField):
        return ""
    if isinstance(field, forms.ChoiceField):
        values = [v for v, _label in field.choices if v not in ("", None)]
        return values[0] if values and field.required else (values[0] if values else "")
    if isinstance(field, forms.DateTimeField):
        return timezone.localtime().strftime("%Y-%m-%d %H:%M")
    if isinstance(field, forms.DateField):
        return timezone.localdate().isoformat()
    if isinstance(field, forms.IntegerField):
        return 1 if field.required else ""
    if isinstance(field, forms.DecimalField | forms.FloatField):
        return Decimal("1") if field.required else ""
    if isinstance(field, forms.CharField):
        size = field.max_length or 20
        return "样例"[:size] if field.required else ""
    return ""


def _related(world, field, actor, depth: int):
    qs = field.queryset
    model = qs.model
    if model is Unit:
        for key in ("village", "township", "department"):
            unit = world.unit(key)
            if qs.filter(pk=unit.pk).exists():
                return unit.pk
    if model is Person:
        own = getattr(actor, "person", None)
        if own is not None and qs.filter(pk=own.pk).exists():
            return own.pk
    found = qs.first()
    if found is not None:
        return found.pk
    if not field.required:
        return ""
    target = next((ledger for ledger in all_ledgers() if ledger.model is model), None)
    if target is None or depth > 2:
        return ""
    return _by_form(world, target, depth=depth + 1).pk


def today() -> dt.date:
    return timezone.localdate()
