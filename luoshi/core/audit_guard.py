"""The database's own guard of the audit log: triggers that refuse, whatever sends the SQL, to

- update an entry, or delete one that no purge record covers (core/migrations/0003);
- write a purge record outside the retention rule: it must name an existing entry older than the
  retention period by the database's own clock, with that entry's hash, beyond every earlier purge;
- update or delete a purge record, or the seal of the unkeyed chain (core_auditseal), while the log
  holds entries (an empty log may be cleared: a test database's flush).

The retention period is written into the triggers, so they are (re)installed after every migrate
(CoreConfig.ready), as the freshness triggers are: a change of LUOSHI_AUDIT_RETENTION_DAYS takes
effect at the next `migrate`, and SQLite, which rebuilds a table to alter it, cannot lose them.
A migration that alters core_auditpurge or core_auditseal must `remove()` the guards first: SQLite refuses
to rebuild a table that a trigger names (0007 shows how). Whoever owns the database can still drop a trigger; what they then do is found by `luoshi audit
verify` (core/audit_chain.py: a keyed chain, signed purges, anchors outside the database).
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection as default_connection

_APPEND_ONLY = "audit log is append-only"
_RULE = "audit purge outside the retention rule"

_SQLITE_TRIGGERS = ("core_auditentry_no_update", "core_auditentry_no_delete", "core_auditpurge_rule",
                    "core_auditpurge_no_update", "core_auditpurge_no_delete", "core_auditseal_no_update",
                    "core_auditseal_no_delete")


def _sqlite(days: int) -> list[str]:
    kept = [f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
                BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END"""
            for table in ("core_auditentry", "core_auditpurge", "core_auditseal")]
    kept += [f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
                 WHEN EXISTS (SELECT 1 FROM core_auditentry)
                 BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END"""
             for table in ("core_auditpurge", "core_auditseal")]
    return kept + [
        f"""CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry
            WHEN NOT EXISTS (SELECT 1 FROM core_auditpurge WHERE upto_id >= OLD.id)
            BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END""",
        # Django keeps a datetime in SQLite as UTC text, 'YYYY-MM-DD HH:MM:SS[.ffffff]', which sorts as time
        f"""CREATE TRIGGER core_auditpurge_rule BEFORE INSERT ON core_auditpurge
            WHEN NOT EXISTS (SELECT 1 FROM core_auditentry WHERE id = NEW.upto_id AND hash = NEW.anchor_hash
                             AND at < datetime('now', '-{days} days'))
              OR EXISTS (SELECT 1 FROM core_auditpurge WHERE upto_id >= NEW.upto_id)
            BEGIN SELECT RAISE(ABORT, '{_RULE}'); END""",
    ]


def _postgresql(days: int) -> list[str]:
    return [
        f"""CREATE OR REPLACE FUNCTION luoshi_audit_guard() RETURNS trigger AS $$
            BEGIN
              IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM core_auditpurge WHERE upto_id >= OLD.id) THEN
                RETURN OLD;
              END IF;
              RAISE EXCEPTION '{_APPEND_ONLY}';
            END; $$ LANGUAGE plpgsql""",
        f"""CREATE OR REPLACE FUNCTION luoshi_audit_truncate_guard() RETURNS trigger AS $$
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM core_auditentry) THEN
                RETURN NULL;
              END IF;
              RAISE EXCEPTION '{_APPEND_ONLY}';
            END; $$ LANGUAGE plpgsql""",
        f"""CREATE OR REPLACE FUNCTION luoshi_audit_kept_guard() RETURNS trigger AS $$
            BEGIN
              IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM core_auditentry) THEN
                RETURN OLD;
              END IF;
              RAISE EXCEPTION '{_APPEND_ONLY}';
            END; $$ LANGUAGE plpgsql""",
        f"""CREATE OR REPLACE FUNCTION luoshi_audit_purge_rule() RETURNS trigger AS $$
            BEGIN
              IF EXISTS (SELECT 1 FROM core_auditentry WHERE id = NEW.upto_id AND hash = NEW.anchor_hash
                         AND at < now() - interval '{days} days')
                 AND NOT EXISTS (SELECT 1 FROM core_auditpurge WHERE upto_id >= NEW.upto_id) THEN
                RETURN NEW;
              END IF;
              RAISE EXCEPTION '{_RULE}';
            END; $$ LANGUAGE plpgsql""",
        """CREATE OR REPLACE TRIGGER core_auditentry_guard BEFORE UPDATE OR DELETE ON core_auditentry
           FOR EACH ROW EXECUTE FUNCTION luoshi_audit_guard()""",
        """CREATE OR REPLACE TRIGGER core_auditentry_truncate_guard BEFORE TRUNCATE ON core_auditentry
           FOR EACH STATEMENT EXECUTE FUNCTION luoshi_audit_truncate_guard()""",
        """CREATE OR REPLACE TRIGGER core_auditpurge_rule BEFORE INSERT ON core_auditpurge
           FOR EACH ROW EXECUTE FUNCTION luoshi_audit_purge_rule()""",
        *[f"""CREATE OR REPLACE TRIGGER {table}_guard BEFORE UPDATE OR DELETE ON {table}
              FOR EACH ROW EXECUTE FUNCTION luoshi_audit_kept_guard()""" for table in ("core_auditpurge",
                                                                                       "core_auditseal")],
        *[f"""CREATE OR REPLACE TRIGGER {table}_truncate_guard BEFORE TRUNCATE ON {table}
              FOR EACH STATEMENT EXECUTE FUNCTION luoshi_audit_truncate_guard()""" for table in ("core_auditpurge",
                                                                                                  "core_auditseal")],
    ]


_PG_DROP = [f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, table in (
    ("core_auditentry_guard", "core_auditentry"), ("core_auditentry_truncate_guard", "core_auditentry"),
    ("core_auditpurge_rule", "core_auditpurge"), ("core_auditpurge_guard", "core_auditpurge"),
    ("core_auditpurge_truncate_guard", "core_auditpurge"), ("core_auditseal_guard", "core_auditseal"),
    ("core_auditseal_truncate_guard", "core_auditseal"))]


def remove(connection=None) -> None:
    """Drop every guard (a test database's teardown; what an attacker with the owner's rights can do)."""
    connection = connection or default_connection
    if connection.vendor == "sqlite":
        statements = [f"DROP TRIGGER IF EXISTS {name}" for name in _SQLITE_TRIGGERS]
    elif connection.vendor == "postgresql":
        statements = _PG_DROP
    else:
        return
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection=None, *, days: int | None = None) -> None:
    """(Re)create every guard with the retention period `days` (the setting by default)."""
    connection = connection or default_connection
    days = int(settings.LUOSHI_AUDIT_RETENTION_DAYS if days is None else days)
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    remove(connection)
    statements = _sqlite(days) if connection.vendor == "sqlite" else _postgresql(days)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install_after_migrate(using: str = "default", **_signal) -> None:
    """post_migrate: the guards, with the retention period as it is set now."""
    from django.db import connections

    connection = connections[using]
    if {"core_auditentry", "core_auditpurge", "core_auditseal"} <= set(connection.introspection.table_names()):
        install(connection)
