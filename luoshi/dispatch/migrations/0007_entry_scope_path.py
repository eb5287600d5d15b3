"""Roll-call entries keep their schedule's unit path for scope (see RollCallEntry.scope_path)."""

from django.db import migrations, models


def fill(apps, schema_editor):
    Dispatch = apps.get_model("dispatch", "Dispatch")
    RollCallEntry = apps.get_model("dispatch", "RollCallEntry")
    for dispatch_id, path in Dispatch.objects.values_list("pk", "unit__path"):  # a township has a handful
        RollCallEntry.objects.filter(round__dispatch_id=dispatch_id).update(scope_path=path)


class Migration(migrations.Migration):

    dependencies = [
        ("dispatch", "0006_bulletin_number"),
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="rollcallentry",
            name="scope_path",
            field=models.CharField(db_index=True, default="", editable=False, max_length=255),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
