"""Notices name the object they ask about (`target`) and are closed (`resolved_at`) when what
they asked is done. Existing notices get their target from their key (kind:object:date), and
the requests to sign a task that has been signed, returned or finished since (and the office's
notices of a return already deployed again) are closed now, as they would have been."""

from django.db import migrations, models
from django.db.models.functions import Coalesce, Now

BATCH = 1000
# kind → the task statuses in which the notice still asks for something
STILL_ASKING = {"task_deployed": ("deployed",), "task_returned": ("returned",)}


def _target(key: str, kind: str) -> str:
    rest = key[len(kind) + 1:] if key.startswith(f"{kind}:") else key
    return rest.rsplit(":", 1)[0][:100]


def fill_targets(apps, schema_editor):
    Notification = apps.get_model("notify", "Notification")
    rows = Notification.objects.filter(target="").only("pk", "key", "kind").order_by("pk")
    batch = []
    for notice in rows.iterator(chunk_size=BATCH):
        notice.target = _target(notice.key, notice.kind)
        batch.append(notice)
        if len(batch) == BATCH:
            Notification.objects.bulk_update(batch, ["target"])
            batch = []
    Notification.objects.bulk_update(batch, ["target"])


def close_settled(apps, schema_editor):
    Notification = apps.get_model("notify", "Notification")
    Task = apps.get_model("plans", "Task")
    for kind, asking in STILL_ASKING.items():
        open_notices = Notification.objects.filter(kind=kind, resolved_at__isnull=True, target__startswith="task:")
        ids = {int(t.removeprefix("task:")) for t in open_notices.values_list("target", flat=True).distinct()
               if t.removeprefix("task:").isdigit()}
        still = set(Task.objects.filter(pk__in=ids, status__in=asking).values_list("pk", flat=True))
        settled = [f"task:{pk}" for pk in ids - still]
        for start in range(0, len(settled), BATCH):
            open_notices.filter(target__in=settled[start:start + BATCH]).update(
                resolved_at=Now(), read_at=Coalesce("read_at", Now()))


class Migration(migrations.Migration):

    dependencies = [
        ("notify", "0002_delivery_unit_path"),
        ("plans", "0002_task_reported_periods"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="target",
            field=models.CharField(blank=True, max_length=100, verbose_name="关于"),
        ),
        migrations.AddField(
            model_name="notification",
            name="resolved_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="办结时间"),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(fields=["target", "kind"], name="notification_target"),
        ),
        migrations.RunPython(fill_targets, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(close_settled, migrations.RunPython.noop, elidable=True),
    ]
