"""Table versions: the one way a cache here knows its answer is still current.

A watched table carries database triggers that stamp `core_tableversion` on every insert,
update or delete — whatever wrote it: a service, a bulk `.update()`, a job, raw SQL. A cached
answer is keyed by the stamps of the tables it was read from, read *before* the data, so a
write committed in between can make the cache hold newer data under an older key, never older
data under a newer one.

The app that owns a table watches it in its AppConfig.ready (`freshness.watch("plans_task")`).
The triggers are (re)installed after every migrate, not by a migration: SQLite rebuilds a table
to alter it, and the rebuilt table would have lost triggers a migration had put on it earlier.
"""

from __future__ import annotations

import hashlib
import re

import orjson
from django.conf import settings
from django.core.cache import cache
from django.db import connection

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

_PG_FUNCTION = """CREATE OR REPLACE FUNCTION luoshi_stamp_table() RETURNS trigger AS $$
    BEGIN
      INSERT INTO core_tableversion (name, version) VALUES (TG_TABLE_NAME, (random() * 9e18)::bigint)
        ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version;
      RETURN NULL;
    END; $$ LANGUAGE plpgsql"""


def _statements(vendor: str, table: str) -> list[str]:
    """The statements that (re)create `table`'s stamping triggers, idempotently."""
    if not _NAME.match(table):
        raise ValueError(f"not a table name: {table!r}")
    if vendor == "postgresql":
        # one stamp per statement: a bulk update of 100,000 rows writes it once
        return [_PG_FUNCTION,
                f"""CREATE OR REPLACE TRIGGER {table}_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
                    FOR EACH STATEMENT EXECUTE FUNCTION luoshi_stamp_table()"""]
    if vendor == "sqlite":
        stamp = f"INSERT OR REPLACE INTO core_tableversion (name, version) VALUES ('{table}', random());"
        return [f"CREATE TRIGGER IF NOT EXISTS {table}_stamp_{op.lower()} AFTER {op} ON {table} BEGIN {stamp} END"
                for op in ("INSERT", "UPDATE", "DELETE")]
    return []


WATCHED: set[str] = set()


def watch(*tables: str) -> None:
    """Stamp `tables` from now on (their triggers are installed after migrate)."""
    for table in tables:
        _statements("sqlite", table)  # refuses what is not a table name
        WATCHED.add(table)


def install_triggers(using: str = "default", **_signal) -> None:
    """Create each watched table's triggers where they are missing (post_migrate, and flush)."""
    from django.db import connections

    conn = connections[using]
    existing = set(conn.introspection.table_names())
    if "core_tableversion" not in existing:
        return
    with conn.cursor() as cursor:
        for table in sorted(WATCHED & existing):
            for statement in _statements(conn.vendor, table):
                cursor.execute(statement)


def versions(*tables: str) -> tuple[int, ...]:
    """The current stamps of `tables`, in that order (0 for a table not yet written), in one
    small statement that skips the ORM's query building: it runs before every cached answer."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, version FROM core_tableversion WHERE name IN ({', '.join(['%s'] * len(tables))})",
                       list(tables))
        found = dict(cursor.fetchall())
    return tuple(found.get(table, 0) for table in tables)


def remember(name: str, parts, *, tables: tuple[str, ...], build):
    """`build()`, cached under `parts` (JSON-able) and the current stamps of `tables` for up to
    LUOSHI_CACHE_SECONDS. `parts` must hold everything else the value depends on. None is never
    cached (a miss stays a miss: nobody fills the cache by guessing)."""
    unwatched = set(tables) - WATCHED
    if unwatched:  # its stamp would never change, and the cache would never let go
        raise ValueError(f"tables not watched: {sorted(unwatched)}")
    seconds = settings.LUOSHI_CACHE_SECONDS
    if not seconds:
        return build()
    stamps = versions(*tables)
    key = f"luoshi:{name}:" + hashlib.sha256(orjson.dumps([parts, stamps])).hexdigest()
    value = cache.get(key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(key, value, timeout=seconds)
    return value
