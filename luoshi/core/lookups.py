"""Lookups the data scope is built from.

`path__under="/1/4/"`: "this unit and everything below it" on a materialised path.

On SQLite, LIKE is case-insensitive and so can never use an index; a materialised path only
holds digits and "/", so everything below "/1/4/" sorts in ["/1/4/", "/1/40") — a plain range
the index serves. PostgreSQL keeps LIKE, which its `*_like` (pattern_ops) index serves, and a
range would be unsafe under a non-C collation."""

from django.db.models import CharField, Field, Lookup


@CharField.register_lookup
class Under(Lookup):
    lookup_name = "under"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        prefix = str(self.rhs)
        if connection.vendor == "sqlite" and prefix.endswith("/"):
            return f"({lhs} >= %s AND {lhs} < %s)", [*lhs_params, prefix, *lhs_params, prefix[:-1] + "0"]
        if connection.vendor == "postgresql" and prefix.endswith("/"):
            return f"({lhs} ~>=~ %s AND {lhs} ~<~ %s)", [*lhs_params, prefix, *lhs_params, prefix[:-1] + "0"]
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"{lhs} LIKE %s", [*lhs_params, escaped + "%"]


@Field.register_lookup
class AmongRows(Lookup):
    """`pk__among=<queryset of one column>`: IN (subquery), written for PostgreSQL as
    `= ANY(ARRAY(subquery))`. A scope is an OR of conditions (own rows, a unit path, co-units
    through a subquery); PostgreSQL can combine the indexes of every arm of an OR (BitmapOr) only
    when none of them is an IN (subquery), so with IN it scans the whole table (29 ms for 50,000
    problems) and with ANY(ARRAY(...)) reads just the rows in scope (see benchmarks/RESULTS.md)."""

    lookup_name = "among"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(ARRAY{rhs})", [*lhs_params, *rhs_params]
        return f"{lhs} IN {rhs}", [*lhs_params, *rhs_params]
