"""A round remembers who it skipped when it opened; and a round open at the time of this migration,
whose people were not yet recorded when it opened, gets them now, as the roll call was then: everyone
the schedule names."""

from django.db import migrations, models


def call_the_open_rounds(apps, schema_editor):
    Round = apps.get_model("dispatch", "DispatchRound")
    Entry = apps.get_model("dispatch", "RollCallEntry")
    Person = apps.get_model("org", "Person")
    through = apps.get_model("dispatch", "Dispatch").people.through
    for round_ in Round.objects.filter(status="open").exclude(pk__in=Entry.objects.values("round_id")):
        people = Person.objects.filter(pk__in=through.objects.filter(dispatch_id=round_.dispatch_id)
                                       .values("person_id")).select_related("unit")
        Entry.objects.bulk_create([Entry(round=round_, person=p, person_name=p.name[:50], unit_name=p.unit.name[:100])
                                   for p in people])


class Migration(migrations.Migration):

    dependencies = [
        ("dispatch", "0002_dispatch_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="dispatchround",
            name="skipped",
            field=models.JSONField(blank=True, default=list, verbose_name="未点名人员"),
        ),
        migrations.RunPython(call_the_open_rounds, migrations.RunPython.noop),
    ]
