"""The audit chain gets its key (issue 19): purge records are signed and append-only, a seal vouches
for the entries chained before the key, and the database refuses a purge outside the retention rule.

Upgrade path: existing entries keep their unkeyed SHA-256 hashes (rewriting the log would destroy the
evidence it is). The seal (core.AuditSeal) records the last of them and its hash, signed with the key,
so `luoshi audit verify` checks them with SHA-256 up to the seal and every later entry with the key;
the purge records already made are signed as they stand. The guards are (re)installed after every
migrate as well (core/audit_guard.py)."""

from django.db import migrations, models


def key_the_chain(apps, schema_editor):
    from luoshi.core.audit_chain import purge_signature, seal_signature

    entry = apps.get_model("core", "AuditEntry")
    purge = apps.get_model("core", "AuditPurge")
    seal = apps.get_model("core", "AuditSeal")
    head = entry.objects.order_by("-id").values("id", "hash").first()
    if head is not None and not seal.objects.exists():
        seal.objects.create(legacy_upto_id=head["id"], legacy_head=head["hash"],
                            signature=seal_signature(head["id"], head["hash"]))
    for row in purge.objects.filter(signature=""):
        row.signature = purge_signature(row.upto_id, row.anchor_hash, row.cutoff, row.deleted)
        row.save(update_fields=["signature"])


def unkey_the_chain(apps, schema_editor):
    apps.get_model("core", "AuditSeal").objects.all().delete()


def install_guards(apps, schema_editor):
    from luoshi.core import audit_guard

    audit_guard.install(schema_editor.connection)


def remove_guards(apps, schema_editor):
    """SQLite rebuilds core_auditpurge to alter it, and refuses to while a trigger names it: the guards
    come off for the schema change and go back on after it."""
    from luoshi.core import audit_guard

    audit_guard.remove(schema_editor.connection)


def install_0003_guards(apps, schema_editor):
    import importlib

    importlib.import_module("luoshi.core.migrations.0003_audit_append_only").install(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0006_jobrun_status_shared"),
    ]

    operations = [
        migrations.RunPython(remove_guards, install_0003_guards),
        migrations.AddField(
            model_name="auditpurge",
            name="cutoff",
            field=models.DateTimeField(blank=True, null=True, verbose_name="清理截止时间"),
        ),
        migrations.AddField(
            model_name="auditpurge",
            name="signature",
            field=models.CharField(blank=True, db_default="", max_length=64),
        ),
        migrations.CreateModel(
            name="AuditSeal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(auto_now_add=True, verbose_name="时间")),
                ("legacy_upto_id", models.BigIntegerField()),
                ("legacy_head", models.CharField(max_length=64)),
                ("signature", models.CharField(max_length=64)),
            ],
            options={"verbose_name": "日志链密钥启用记录", "ordering": ["id"]},
        ),
        migrations.RunPython(key_the_chain, unkey_the_chain),
        migrations.RunPython(install_guards, remove_guards),
    ]
