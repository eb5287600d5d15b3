"""Deliveries belong to a unit, so the delivery log reads them through the data scope."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_unit_paths(apps, schema_editor):
    """A delivery to a person belongs to that person's unit; an older group post stays with nobody's
    unit (an all-data role still sees it), since its recipients were not kept."""
    Delivery = apps.get_model("notify", "Delivery")
    User = apps.get_model("org", "User")
    path = User.objects.filter(pk=OuterRef("recipient_id")).values("person__unit__path")[:1]
    Delivery.objects.filter(recipient__person__unit__isnull=False).update(unit_path=Subquery(path))


class Migration(migrations.Migration):

    dependencies = [
        ("notify", "0001_initial"),
        ("org", "0002_user_grants_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="delivery",
            name="unit_path",
            field=models.CharField(blank=True, db_index=True, max_length=255, verbose_name="所属单位路径"),
        ),
        migrations.AlterField(
            model_name="delivery",
            name="channel",
            field=models.CharField(choices=[("email", "电子邮件"), ("robot", "群机器人"), ("wecom", "企业微信")],
                                   max_length=20, verbose_name="渠道"),
        ),
        migrations.RunPython(fill_unit_paths, migrations.RunPython.noop),
    ]
