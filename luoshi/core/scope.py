"""Data scope: the one mechanism every read and write of owner data goes through.

`Model.objects.visible_to(user)` and `editable_by(user)` narrow a queryset to the rows the
user's roles may see or change (NetBox `RestrictedQuerySet.restrict`). They fail closed: no
role, no rows. With `LUOSHI_ENFORCE_SCOPE` on (the test settings), evaluating a scoped
queryset that went through neither them nor an explicit, reasoned `unscoped(...)` raises, so
a forgotten filter cannot hide.
"""

from __future__ import annotations

import contextlib
import contextvars
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django.db.models import Q

from luoshi.core.prepared import Shape
from luoshi.core.roles import DataScope

_exempt = contextvars.ContextVar("luoshi_scope_exempt", default=False)


class ScopeNotApplied(RuntimeError):
    """A scoped queryset was evaluated without visible_to(), editable_by() or unscoped()."""


@dataclass(frozen=True)
class Grant:
    """What one role assignment of a user covers: resolved once per request."""

    role: str
    data_scope: str
    unit_id: int | None = None
    unit_path: str | None = None
    custom_paths: tuple[str, ...] = ()
    person_id: int | None = None


@dataclass(frozen=True)
class ScopeRule:
    """How a model's rows relate to units and people.

    `units` are lookups that end at a Unit ("lead_unit", "person__unit"; "" for Unit itself);
    `people` are lookups that end at a Person ("owner"; "" for Person itself);
    `paths` are denormalised unit-path columns ("unit_path"), which need no join;
    `unit_sets` are many-to-many fields to Unit ("co_units"), matched through a subquery so
    that a row never repeats.

    Whatever the level, a grant also covers the rows whose person is the user's own (仅本人 is
    the least anybody sees of their own work).
    """

    units: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    unit_sets: tuple[str, ...] = ()

    def q_for_grants(self, grants, model=None) -> Q | None:
        """The union of the rows each grant covers; None when they cover nothing (fail closed)."""
        parts = []
        for grant in grants:
            if grant.data_scope == DataScope.ALL:
                return Q()
            parts.append(self._grant_q(grant, model))
        return _any(parts)

    def _grant_q(self, grant: Grant, model) -> Q | None:
        own = _any(Q(**{_lookup(f, "pk"): grant.person_id}) for f in self.people) if grant.person_id else None
        if grant.data_scope == DataScope.SELF:
            return own
        sets = (self._set_q(model, f, grant) for f in self.unit_sets) if model is not None else ()
        return _any([own, *(self._unit_q(f, grant) for f in self.units), *(self._path_q(f, grant) for f in self.paths),
                     *sets])

    def _set_q(self, model, field: str, grant: Grant) -> Q | None:
        inner = self._unit_q(field, grant)
        if inner is None:
            return None
        return Q(pk__among=model._base_manager.filter(inner).order_by().values("pk"))

    def _unit_q(self, field: str, grant: Grant) -> Q | None:
        if grant.data_scope == DataScope.UNIT and grant.unit_id:
            return Q(**{_lookup(field, "pk"): grant.unit_id})
        if grant.data_scope == DataScope.UNIT_AND_BELOW and grant.unit_path:
            return Q(**{_lookup(field, "path__under"): grant.unit_path})
        if grant.data_scope == DataScope.CUSTOM and grant.custom_paths:
            return _any(Q(**{_lookup(field, "path__under"): p}) for p in grant.custom_paths)
        return None


    @staticmethod
    def _path_q(field: str, grant: Grant) -> Q | None:
        if grant.data_scope == DataScope.UNIT and grant.unit_path:
            return Q(**{field: grant.unit_path})
        if grant.data_scope == DataScope.UNIT_AND_BELOW and grant.unit_path:
            return Q(**{f"{field}__under": grant.unit_path})
        if grant.data_scope == DataScope.CUSTOM and grant.custom_paths:
            return _any(Q(**{f"{field}__under": p}) for p in grant.custom_paths)
        return None


def arm_indexes(prefix: str, *fields: str) -> list[models.Index]:
    """The indexes of a rule's nullable arms on the model's own columns (an owner, a liaison, a lead
    unit), each only where set: declare the field with `db_index=False` and these in `Meta.indexes`.

    The scope is an OR of its arms, which SQLite reads through one index per arm or not at all. A whole
    index of a column that most rows leave empty holds every NULL, and SQLite's statistics then take
    `owner_id = ?` to match all the rows: the OR's plan lost to a scan of the table, and each list read
    the county's rows (a township's problems: 8 ms for the count, 0.5 ms with the index where set).
    `core.tests.test_scope_indexes` holds every model to it."""
    return [models.Index(fields=[name], condition=Q(**{f"{name}__isnull": False}), name=f"{prefix}_{name}_set")
            for name in fields]


def _covers(grant: Grant, path: str) -> bool:
    """Whether `grant` reaches every unit path under `path` (paths end with "/": a prefix is an ancestor)."""
    if grant.data_scope == DataScope.ALL:
        return True
    if grant.data_scope == DataScope.UNIT_AND_BELOW:
        return bool(grant.unit_path) and path.startswith(grant.unit_path)
    if grant.data_scope == DataScope.CUSTOM:
        return any(path.startswith(p) for p in grant.custom_paths)
    return False


def _lookup(field: str, suffix: str) -> str:
    return "__".join(part for part in (field, suffix) if part) or "pk"


def _any(qs) -> Q | None:
    qs = [q for q in qs if q is not None]
    return reduce(or_, qs) if qs else None


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows whether the data scope was applied to it."""

    _scope_applied = False

    def restrict(self, user, action: str = "view") -> ScopedQuerySet:
        """Rows `user` may `action`, by the model's policy and the user's grants (fail closed)."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.within(()).none()
        return self.within(None if user.is_superuser else _grants_for(user, self.model, action))

    def within(self, grants: tuple[Grant, ...] | None) -> ScopedQuerySet:
        """The rows `grants` cover (None: a superuser's, all): `restrict` for grants already chosen."""
        qs = self._chain()
        qs._scope_applied = True
        if grants is None:
            return qs
        q = self.model.scope_rule.q_for_grants(grants, self.model)
        return qs.none() if q is None else qs.filter(q)

    def visible_to(self, user) -> ScopedQuerySet:
        return self.restrict(user, "view")

    def visible_under(self, user, path: str, field: str = "scope_path") -> ScopedQuerySet:
        """`visible_to(user).filter(<field>__under=path)`, for `field` one of the rule's path columns.

        When one of the user's grants covers every path under `path` (all data; the unit and below at
        or above it; a custom unit at or above it), each row so filtered meets the rule's path part,
        so the scope's condition — an OR over people and units, joins and subqueries — is left out of
        the SQL: the same rows, read by the path's index alone (a unit's statistics read this way)."""
        if field not in self.model.scope_rule.paths:
            raise ValueError(f"{self.model.__name__}.{field} is not a path column of its scope rule")
        under = {f"{field}__under": path}
        if not (getattr(user, "is_authenticated", False) and user.is_active and path):
            return self.restrict(user, "view").filter(**under)
        roles = self.model.policy.roles_for("view")
        if user.is_superuser or any(_covers(g, path) for g in user.role_grants() if g.role in roles):
            qs = self.filter(**under)
            qs._scope_applied = True
            return qs
        return self.restrict(user, "view").filter(**under)

    def visible_in(self, user, field: str, owner: models.Model) -> ScopedQuerySet:
        """`visible_to(user).filter(<field>=owner)`, for `owner` a row with a unit (a plan) whose unit is
        an arm of the rule (`<field>__unit`: an indicator, a line).

        When one of the user's grants covers the owner's unit and everything below it, each row so
        filtered meets that arm, so the scope's condition — an OR over units, joined — is left out of
        the SQL, as `visible_under` leaves it out for a path (a plan page's board and lines)."""
        return self.within(read_key_in(user, self.model, field, owner)).filter(**{field: owner})

    def editable_by(self, user, action: str = "change") -> ScopedQuerySet:
        return self.restrict(user, action)

    def unscoped(self, reason: str) -> ScopedQuerySet:
        """All rows, on purpose: `reason` says why (a job's own bookkeeping, authentication …)."""
        if not reason or not reason.strip():
            raise ValueError("unscoped() needs a reason")
        qs = self._chain()
        qs._scope_applied = True
        return qs

    # -- enforcement ---------------------------------------------------------------------
    def _clone(self):
        clone = super()._clone()
        clone._scope_applied = self._scope_applied
        return clone

    def _check_scope(self):
        if self._scope_applied or _exempt.get() or not settings.LUOSHI_ENFORCE_SCOPE:
            return
        raise ScopeNotApplied(
            f"{self.model.__name__} queryset evaluated without visible_to()/editable_by()/unscoped()"
        )

    def _fetch_all(self):
        if self._result_cache is None:
            self._check_scope()
        super()._fetch_all()

    def count(self):
        self._check_scope()
        return super().count()

    def exists(self):
        self._check_scope()
        return super().exists()

    def aggregate(self, *args, **kwargs):
        self._check_scope()
        return super().aggregate(*args, **kwargs)

    def iterator(self, *args, **kwargs):
        self._check_scope()
        return super().iterator(*args, **kwargs)

    def update(self, **kwargs):
        self._check_scope()
        return super().update(**kwargs)

    def delete(self):
        self._check_scope()
        return super().delete()


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    """The default manager of every model with owner data."""

    def unscoped(self, reason: str) -> ScopedQuerySet:
        return self.get_queryset().unscoped(reason)


@contextlib.contextmanager
def framework_exempt():
    """Let Django's own machinery (unique checks, cascades) read rows it must see."""
    token = _exempt.set(True)
    try:
        yield
    finally:
        _exempt.reset(token)


class ScopedModel(models.Model):
    """Base for models with owner data; subclasses declare `scope_rule` and `policy`."""

    scope_rule: ScopeRule = ScopeRule()
    objects = ScopedManager()

    class Meta:
        abstract = True

    def _perform_unique_checks(self, unique_checks):
        with framework_exempt():
            return super()._perform_unique_checks(unique_checks)

    def delete(self, *args, **kwargs):
        with framework_exempt():
            return super().delete(*args, **kwargs)


def get_scoped(actor, model: type[models.Model], pk, *, action: str = "view", related: tuple[str, ...] = ()):
    """The object if `actor` may `action` it; otherwise OutOfScope (404), whether or not it exists.
    `related` names foreign keys to read in the same query."""
    from luoshi.core.errors import OutOfScope

    if (type(pk) is int and 0 < pk < 2**63 and getattr(actor, "is_authenticated", False) and actor.is_active
            and model.objects._queryset_class.restrict is ScopedQuerySet.restrict):
        # the usual case, a row by its key for a signed-in user: the statement built once per shape (a model
        # with its own `restrict`, discipline cases with their named readers, is read as it says)
        grants = None if actor.is_superuser else _grants_for(actor, model, action)
        found = _SCOPED_ROW.rows((model, grants, related), pk=pk)
        if not found:
            raise OutOfScope()
        obj = found[0]
    else:
        try:
            rows = model.objects.restrict(actor, action)
            obj = (rows.select_related(*related) if related else rows).get(pk=pk)
        except (model.DoesNotExist, ValueError, TypeError) as exc:
            raise OutOfScope() from exc
    obj._scope_checked = (getattr(actor, "pk", None), action)
    return obj


def _scoped_row(key, *, pk):
    model, grants, related = key
    rows = model.objects.get_queryset().within(grants)
    return (rows.select_related(*related) if related else rows).filter(pk=pk).order_by()[:2]


_SCOPED_ROW = Shape(_scoped_row)


def read_key(user, model, action: str = "view") -> tuple[Grant, ...] | None:
    """What a read of `model` through `restrict(user, action)` depends on of the user, for a shape
    (core.prepared) whose build starts from `within(key)`: their grants for the action; () for no one
    signed in (no rows); None for a superuser (all rows)."""
    if model.objects._queryset_class.restrict is not ScopedQuerySet.restrict:
        raise ValueError(f"{model.__name__} has its own restrict: read it through the ORM")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    return None if user.is_superuser else _grants_for(user, model, action)


def read_key_in(user, model, field: str, owner: models.Model) -> tuple[Grant, ...] | None:
    """`read_key` for `visible_in(user, field, owner)`: None (no condition) when a grant covers the
    owner's unit and all below it."""
    if f"{field}__unit" not in model.scope_rule.units:
        raise ValueError(f"{model.__name__}.{field}__unit is not a unit of its scope rule")
    key = read_key(user, model)
    if key and any(_covers(g, owner.unit.path) for g in key):
        return None
    return key


def _grants_for(user, model, action: str) -> tuple[Grant, ...]:
    roles = model.policy.roles_for(action)
    return tuple(g for g in user.role_grants() if g.role in roles)


def scoped(actor, model: type[models.Model], obj_or_pk, *, action: str = "view", related: tuple[str, ...] = ()):
    """`obj_or_pk` as `actor` may `action` it. An instance `get_scoped` has just read for this
    actor and action is taken as it is, so a view and the service it calls read the row once;
    anything else (a pk, an instance from elsewhere) is read again through the scope, with the
    foreign keys `related` names in the same query."""
    if isinstance(obj_or_pk, model) and getattr(obj_or_pk, "_scope_checked", None) == (
            getattr(actor, "pk", None), action):
        return obj_or_pk
    return get_scoped(actor, model, getattr(obj_or_pk, "pk", obj_or_pk), action=action, related=related)


def ensure_in_scope(actor, obj: models.Model, *, action: str = "change", written_now: bool = False) -> None:
    """Re-check, inside the writing transaction, that `obj` is still within the actor's scope.

    `written_now`: the caller inserted `obj` in this transaction, so the columns in hand are the
    row's. A row whose person is the actor's own (a report by its reporter) is then in scope by
    every rule's own arm, and is known to be without asking the database."""
    from luoshi.core.errors import OutOfScope

    if obj is not None and written_now and _own_row(actor, obj, action):
        return
    if obj is None or not type(obj).objects.restrict(actor, action).filter(pk=obj.pk).exists():
        raise OutOfScope()


def _own_row(actor, obj: models.Model, action: str) -> bool:
    """Whether a grant of `actor` for `action` covers `obj` through its own arm, judged from the
    relations already in hand (never a query: an unloaded relation answers no)."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active or not actor.person_id:
        return False
    roles = type(obj).policy.roles_for(action)
    if not any(g.role in roles and g.person_id == actor.person_id for g in actor.role_grants()):
        return False
    return any(_person_in_hand(obj, path) == actor.person_id for path in type(obj).scope_rule.people)


def _person_in_hand(obj: models.Model, path: str):
    """The person id at the end of `path` ("reporter__person", "owner", "" for a Person), if every
    hop before the last is loaded; None otherwise."""
    if not path:
        return obj.pk
    *hops, last = path.split("__")
    for hop in hops:
        field = obj._meta.get_field(hop)
        if not field.is_cached(obj):
            return None
        obj = getattr(obj, hop)
        if obj is None:
            return None
    return getattr(obj, obj._meta.get_field(last).attname, None)


class VisibleRows:
    """The rows of some models an actor may see, read once: bulk writes (imports) check every
    referenced unit, person or task against them instead of querying once per row."""

    def __init__(self, actor, action: str = "view"):
        self.actor, self.action, self.rows = actor, action, {}

    def get(self, model, pk):
        from luoshi.core.errors import OutOfScope

        if model not in self.rows:
            self.rows[model] = {o.pk: o for o in model.objects.restrict(self.actor, self.action)}
        obj = self.rows[model].get(pk)
        if obj is None:
            raise OutOfScope()
        return obj
