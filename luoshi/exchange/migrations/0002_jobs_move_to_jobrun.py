# Every import and export becomes a core.JobRun row (one job-row model); its files stay where they are.

from django.db import migrations


def move(apps, schema_editor):
    old = apps.get_model("exchange", "ExchangeJob")
    runs = apps.get_model("core", "JobRun")
    for job in old.objects.order_by("pk").iterator():
        name = f"exchange.{job.kind}"
        run = runs.objects.create(
            name=name, key=f"{name}:moved-{job.pk}", status=job.status, attempts=1, actor_id=job.owner_id,
            finished_at=job.finished_at, error=job.error_text, ledger=job.ledger, params=job.params,
            source=job.source.name, source_name=job.source_name, output=job.result.name, row_count=job.row_count)
        # auto_now_add stamped it now: keep when it was asked for.
        runs.objects.filter(pk=run.pk).update(created_at=job.created_at, started_at=job.created_at)


class Migration(migrations.Migration):

    dependencies = [
        ("exchange", "0001_initial"),
        ("core", "0008_jobrun_holds_imports_and_exports"),
    ]

    operations = [
        migrations.RunPython(move, migrations.RunPython.noop),
        migrations.DeleteModel(name="ExchangeJob"),
    ]
