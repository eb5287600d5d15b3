"""Reads whose SQL is built once per shape, not on every request.

The ORM builds a statement anew each time a queryset runs: for the scoped read of one task that is
more work than PostgreSQL's part (the scope's OR, its joins and subquery compiled for 0.5 ms; the
row found by its key in 0.1 ms, its plan kept prepared by the connection, `config/env.py`). A read
that a request makes every time with only a few values changing — the task a progress note is for,
the reporter's person — is a *shape*: built once with markers in place of those values, its SQL
and compiler kept, and run with the values put where the markers were.

`Shape(build)` holds one read. `build(key, **markers)` returns the queryset, exactly as the caller
would write it; `shape.rows(key, **values)` runs it. `key` names what else the SQL depends on (the
model, its policy's action, the user's grants, the foreign keys read with it): a different key is
another statement. Only values that reach the SQL unchanged can be markers (an exact match on a key or a
text: `pk=`, `target=`), which is checked when the shape is built; anything a lookup transforms
(`__startswith`, `__under`) belongs in the key.

The rows come from Django's own iterables (model instances with their `select_related`, values,
values_list), so they are what the queryset would have returned; `core/tests/test_prepared.py`
compares them with the ORM's for each kind."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from contextlib import nullcontext
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

from luoshi.core.planning import planned_each_time

# One marker per value type and slot: values no request sends (negative keys, a text with brackets
# no target or name carries), so finding one among a statement's parameters finds the slot.
_INT_MARKER = -7_300_000_000_000_000
_LIMIT = 2048  # shapes × keys kept per process; past it the oldest half is dropped


@dataclass(frozen=True, slots=True)
class _Built:
    queryset: QuerySet
    compiler: object
    sql: str
    params: tuple
    slots: tuple[tuple[str, tuple[int, ...]], ...]  # (value name, its parameter positions)


class Shape:
    """One read, built once per key (see the module's text)."""

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self._built: dict[Hashable, _Built] = {}
        self._lock = threading.Lock()

    def rows(self, key: Hashable, **values) -> list:
        """The rows of `build(**values)` (a list), from the statement built for `key`."""
        built = self._built.get((key, *values)) or self._prepare((key, *values), values)
        if not built.sql:
            return []
        params = list(built.params)
        for name, positions in built.slots:
            for position in positions:
                params[position] = values[name]
        # copies of the built objects, each holding this run's parameters: the compiler answers with the
        # kept SQL, the query hands out that compiler, the queryset runs it through its own iterable
        compiler = _shallow(built.compiler, connection=connections[built.queryset.db])
        compiler.as_sql = lambda *args, **kwargs: (built.sql, params)
        query = _shallow(built.queryset.query)
        query.get_compiler = lambda *args, **kwargs: compiler
        queryset = _shallow(built.queryset, _query=query, _result_cache=None, _prefetch_done=False)
        return list(queryset)

    def _prepare(self, cache_key: Hashable, values: dict) -> _Built:
        markers = {name: _marker(name, value, n) for n, (name, value) in enumerate(values.items())}
        queryset = self.build(cache_key[0], **markers)
        check = getattr(queryset, "_check_scope", None)
        if check is not None:
            check()  # a shape is read through the scope (or an `unscoped` reason) like any queryset
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # a scope that covers nothing: no statement, no rows
            sql, params = "", ()
        slots = []
        for name, marker in markers.items():
            positions = tuple(i for i, param in enumerate(params) if type(param) is type(marker) and param == marker)
            if not positions and sql:
                raise ValueError(f"{name!r} does not reach the SQL unchanged: make it part of the key")
            slots.append((name, positions))
        built = _Built(queryset, compiler, sql, tuple(params), tuple(slots))
        _keep(self._built, self._lock, cache_key, built)
        return built


def _keep(kept: dict, lock: threading.Lock, key: Hashable, value) -> None:
    """Keep `value` under `key`; past _LIMIT entries the oldest half is dropped first."""
    with lock:
        if len(kept) >= _LIMIT:
            for old in list(kept)[:_LIMIT // 2]:
                kept.pop(old, None)
        kept[key] = value


def _shallow(obj, **changes):
    """A copy sharing `obj`'s attributes. Not `copy.copy`: a queryset's pickling hook, which it calls,
    runs the query."""
    clone = object.__new__(type(obj))
    clone.__dict__.update(obj.__dict__, **changes)
    return clone


def _marker(name: str, value, n: int):
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"{name!r}: only whole numbers and texts can be a shape's values, not {type(value).__name__}")
    return _INT_MARKER - n if isinstance(value, int) else f"⟦luoshi shape value {n}⟧"


class ByIds:
    """Rows read by their keys, a shape per number of keys: `build(key, ids)` returns the queryset
    for the list `ids` (markers while it is built), `by_ids.rows(key, ids)` runs it for those keys.
    A page's rows, after the page's ids were chosen through the scope and the list's filters, are
    such a read: the same statement for every page of the same size and columns. More keys than a
    page holds (an export's chunk of 2,000) are read through the ORM: a statement that long is built
    in less time than it is run, and would be kept for one chunk's size only."""

    most = 100  # a list page's largest

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self._shape = Shape(lambda key, **ids: build(key[0], [ids[f"id{i}"] for i in range(key[1])]))

    def rows(self, key: Hashable, ids: list[int]) -> list:
        if not ids:
            return []
        if len(ids) > self.most:
            return list(self.build(key, ids))
        return self._shape.rows((key, len(ids)), **{f"id{i}": pk for i, pk in enumerate(ids)})


class Kept:
    """Statements built once for their whole input: `key` names everything the queryset `build()`
    returns depends on (the user's grants, the list's filters, its sort, today), so its SQL and
    parameters, kept, are the statement the ORM would build again. A list opened again with the same
    filters is read without building its conditions: its ids, a page at a time, and its count. The rows
    are read afresh every time; only the statement is kept.

    A build that reads the database (a filter looking a unit's path up) would bake what it read into the
    kept statement: such a build is not kept, and runs every time."""

    def __init__(self):
        self._kept: dict[Hashable, tuple[str, str, tuple]] = {}
        self._lock = threading.Lock()

    def ids(self, key: Hashable, build: Callable[[], QuerySet], start: int, stop: int, *, planned=False) -> list:
        """The first column of `build()[start:stop]`'s rows (`planned`: see `KeptList`)."""
        db, sql, params = self._statement(("ids", key, start, stop), lambda: build()[start:stop])
        return [row[0] for row in _run(db, sql, params, planned)] if sql else []

    def count(self, key: Hashable, build: Callable[[], QuerySet], *, planned=False) -> int:
        """How many rows `build()` has."""
        db, sql, params = self._statement(("count", key), lambda: build().order_by())
        return _run(db, f"SELECT COUNT(*) FROM ({sql}) kept_count", params, planned)[0][0] if sql else 0

    def _statement(self, key: Hashable, build: Callable[[], QuerySet]) -> tuple[str, str, tuple]:
        kept = self._kept.get(key)
        if kept is not None:
            return kept
        ran: list[str] = []
        queryset = None

        def watch(execute, sql, params, many, context):
            ran.append(sql)
            return execute(sql, params, many, context)
        with connections["default"].execute_wrapper(watch):
            queryset = build()
            check = getattr(queryset, "_check_scope", None)
            if check is not None:
                check()
        try:
            sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
        except EmptyResultSet:
            sql, params = "", ()
        statement = (queryset.db, sql, tuple(params))
        if not ran:
            _keep(self._kept, self._lock, key, statement)
        return statement


def _run(db: str, sql: str, params: tuple, planned: bool = False) -> list:
    with connections[db].cursor() as cursor, planned_each_time(db) if planned else nullcontext():
        cursor.execute(sql, params)
        return cursor.fetchall()


class KeptList:
    """What Django's paginator pages (slices and a count) for a list read through `Kept`.

    `planned`: its statements are planned for their values each time (core/planning.py). A list narrowed
    by its filters needs that: PostgreSQL's generic plan, made without the values, guesses a unit's range
    of paths at 500 rows and "due before today" at a third of the table, and reads a village's overdue
    tasks by ANDing the county's 64,000 deadlines with the village's 232 tasks (2.5 ms; planned for the
    values, 0.7 ms in all). A whole list, the same rows for every request of a user, keeps its plan."""

    def __init__(self, kept: Kept, key: Hashable, build: Callable[[], QuerySet], *, planned: bool = False):
        self.kept, self.key, self.build, self.planned = kept, key, build, planned

    def count(self) -> int:
        return self.kept.count(self.key, self.build, planned=self.planned)

    def __getitem__(self, part: slice) -> list:
        if not isinstance(part, slice) or part.step is not None:
            raise TypeError("a kept list is read a page at a time")
        return self.kept.ids(self.key, self.build, part.start or 0, part.stop, planned=self.planned)
