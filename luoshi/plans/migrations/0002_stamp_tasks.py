"""Task rows and their co-units stamp core_tableversion on every change: cached task lists
(the JSON list) know when they are stale."""

from django.db import migrations

from luoshi.core import freshness


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial"), ("core", "0005_tableversion")]
    operations = [freshness.watch("plans_task"), freshness.watch("plans_task_co_units")]
