"""The audit hash unique by a constraint rather than the field's `unique=True`, which on PostgreSQL adds a
second index over the hash (varchar_pattern_ops, for LIKE) that no read uses and every write pays
(core/tests/test_write_indexes.py). SQLite rebuilds the table to alter the field and refuses to while the
guards name it: they come off for the change and go back on after it, as in 0007."""

from django.db import migrations, models


def install_guards(apps, schema_editor):
    from luoshi.core import audit_guard

    audit_guard.install(schema_editor.connection)


def remove_guards(apps, schema_editor):
    from luoshi.core import audit_guard

    audit_guard.remove(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0008_jobrun_holds_imports_and_exports"),
    ]

    operations = [
        migrations.RunPython(remove_guards, install_guards),
        migrations.AlterField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(max_length=64),
        ),
        migrations.AddConstraint(
            model_name="auditentry",
            constraint=models.UniqueConstraint(fields=("hash",), name="audit_hash_unique"),
        ),
        migrations.RunPython(install_guards, remove_guards),
    ]
