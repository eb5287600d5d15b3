"""A slip's notices (the owner's, and those of each escalation) all name the slip, "urge:<id>",
instead of the slip and its step ("urge:<id>:<level>"), so answering or withdrawing it closes them
all. Existing notices are renamed so, and those of slips already answered or withdrawn are closed
now, as they would have been."""

import re

from django.db import migrations
from django.db.models.functions import Coalesce, Now

BATCH = 1000
STEP = re.compile(r"^urge:(\d+):\d+$")


def name_the_slip(apps, schema_editor):
    Notification = apps.get_model("notify", "Notification")
    rows = Notification.objects.filter(kind="urge", target__regex=r"^urge:[0-9]+:[0-9]+$").only("pk", "target")
    batch = []
    for notice in rows.order_by("pk").iterator(chunk_size=BATCH):
        notice.target = f"urge:{STEP.match(notice.target).group(1)}"
        batch.append(notice)
        if len(batch) == BATCH:
            Notification.objects.bulk_update(batch, ["target"])
            batch = []
    Notification.objects.bulk_update(batch, ["target"])


def close_settled(apps, schema_editor):
    Notification = apps.get_model("notify", "Notification")
    Urge = apps.get_model("supervision", "Urge")
    open_notices = Notification.objects.filter(kind="urge", resolved_at__isnull=True, target__startswith="urge:")
    ids = sorted({int(t.removeprefix("urge:")) for t in open_notices.values_list("target", flat=True).distinct()
                  if t.removeprefix("urge:").isdigit()})
    still = set()
    for start in range(0, len(ids), BATCH):
        still |= set(Urge.objects.filter(pk__in=ids[start:start + BATCH], status="open").values_list("pk", flat=True))
    settled = [f"urge:{pk}" for pk in ids if pk not in still]  # answered, withdrawn or deleted: nothing to ask
    for start in range(0, len(settled), BATCH):
        open_notices.filter(target__in=settled[start:start + BATCH]).update(
            resolved_at=Now(), read_at=Coalesce("read_at", Now()))


class Migration(migrations.Migration):

    dependencies = [
        ("supervision", "0002_inspections_urges"),
        ("notify", "0003_notifications_close_when_done"),
    ]

    operations = [
        migrations.RunPython(name_the_slip, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(close_settled, migrations.RunPython.noop, elidable=True),
    ]
