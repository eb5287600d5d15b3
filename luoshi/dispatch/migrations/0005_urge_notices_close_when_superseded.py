"""An urge notice a closed round sent instead of a slip (kind "urge", target "round:<id>") now
closes when its person reports after all, or when the schedule's next round closes. Those sent
before stayed open for good: the ones of a round a later round of its schedule has closed since
(or of a round deleted since) are closed now, as they would have been."""

from django.db import migrations
from django.db.models import Max
from django.db.models.functions import Coalesce, Now

BATCH = 1000


def close_superseded_urges(apps, schema_editor):
    Notification = apps.get_model("notify", "Notification")
    Round = apps.get_model("dispatch", "DispatchRound")
    open_urges = Notification.objects.filter(kind="urge", resolved_at__isnull=True, target__startswith="round:")
    ids = sorted({int(t.removeprefix("round:")) for t in open_urges.values_list("target", flat=True).distinct()
                  if t.removeprefix("round:").isdigit()})
    rounds = {}
    for start in range(0, len(ids), BATCH):
        rounds |= {pk: (dispatch, date) for pk, dispatch, date in Round.objects.filter(
            pk__in=ids[start:start + BATCH]).values_list("pk", "dispatch_id", "date")}
    latest = dict(Round.objects.filter(status="closed", dispatch_id__in={d for d, _day in rounds.values()})
                  .values("dispatch_id").annotate(last=Max("date")).values_list("dispatch_id", "last"))
    settled = [f"round:{pk}" for pk in ids
               if pk not in rounds or rounds[pk][1] < latest.get(rounds[pk][0], rounds[pk][1])]
    for start in range(0, len(settled), BATCH):
        open_urges.filter(target__in=settled[start:start + BATCH]).update(
            resolved_at=Now(), read_at=Coalesce("read_at", Now()))


class Migration(migrations.Migration):

    dependencies = [
        ("dispatch", "0004_roll_call_notices_close_when_answered"),
    ]

    operations = [
        migrations.RunPython(close_superseded_urges, migrations.RunPython.noop, elidable=True),
    ]
