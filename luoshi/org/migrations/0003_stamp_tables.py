"""Units, people, logins and tokens stamp core_tableversion on every change: a unit move changes
the paths every scope reads, a revoked token or a disabled login must stop working at once, so
the answers cached on them (core/freshness.py) must know."""

from django.db import migrations

from luoshi.core import freshness


class Migration(migrations.Migration):
    dependencies = [("org", "0002_user_grants_version"), ("core", "0005_tableversion")]
    operations = [freshness.watch(table) for table in ("org_unit", "org_person", "org_user", "org_apitoken")]
