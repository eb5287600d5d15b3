"""Every nullable arm of a scope on a model's own column is indexed where set (core.scope.arm_indexes):
with its NULLs in a whole index, SQLite's statistics make the scope's OR scan the table."""

from django.apps import apps
from django.db import models

from luoshi.core.scope import ScopedModel


def _nullable_arms():
    for model in apps.get_models():
        if not issubclass(model, ScopedModel):
            continue
        rule = model.scope_rule
        for arm in (*rule.people, *rule.units):
            if not arm or "__" in arm:
                continue
            field = model._meta.get_field(arm)
            if field.null and not field.unique:  # a one-to-one's unique index is its constraint
                yield model, field


def test_each_nullable_arm_of_a_scope_is_indexed_where_set():
    arms = list(_nullable_arms())
    assert len(arms) >= 10  # the rules were read: owners, leaders, liaisons, lead units …
    for model, field in arms:
        label = f"{model._meta.label}.{field.name}"
        assert not field.db_index, f"{label}: a whole index of a mostly empty arm (declare db_index=False)"
        where_set = [index for index in model._meta.indexes if index.fields == [field.name]
                     and index.condition == models.Q(**{f"{field.name}__isnull": False})]
        assert where_set, f"{label}: no index where set (Meta.indexes += arm_indexes(…))"
