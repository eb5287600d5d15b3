"""An entry keeps the round's tasks its person was called to report on, so their roll-call notice
closes once they have reported on each. Entries of rounds opened before have none (nothing says
which tasks were theirs then): their notices close with the round. The notices of rounds already
closed are closed now, as they would have been."""

from django.db import migrations, models
from django.db.models.functions import Coalesce, Now

BATCH = 1000


def close_notices_of_closed_rounds(apps, schema_editor):
    Notification = apps.get_model("notify", "Notification")
    Round = apps.get_model("dispatch", "DispatchRound")
    open_notices = Notification.objects.filter(kind="roll_call", resolved_at__isnull=True, target__startswith="round:")
    ids = {int(t.removeprefix("round:")) for t in open_notices.values_list("target", flat=True).distinct()
           if t.removeprefix("round:").isdigit()}
    ordered, still = sorted(ids), set()
    for start in range(0, len(ordered), BATCH):
        still |= set(Round.objects.filter(pk__in=ordered[start:start + BATCH]).exclude(status="closed")
                     .values_list("pk", flat=True))
    settled = [f"round:{pk}" for pk in ordered if pk not in still]  # closed, or deleted: it asks nothing now
    for start in range(0, len(settled), BATCH):
        open_notices.filter(target__in=settled[start:start + BATCH]).update(
            resolved_at=Now(), read_at=Coalesce("read_at", Now()))


class Migration(migrations.Migration):

    dependencies = [
        ("dispatch", "0003_round_skipped"),
        ("notify", "0003_notifications_close_when_done"),
    ]

    operations = [
        migrations.AddField(
            model_name="rollcallentry",
            name="task_ids",
            field=models.JSONField(blank=True, default=list, verbose_name="点名任务"),
        ),
        migrations.RunPython(close_notices_of_closed_rounds, migrations.RunPython.noop, elidable=True),
    ]
