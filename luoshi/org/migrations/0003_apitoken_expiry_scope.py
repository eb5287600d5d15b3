"""API tokens carry an expiry, an optional read-only scope and why they were revoked (issue 19).
Tokens made before this migration expire LUOSHI_API_TOKEN_DAYS after they were made, as a new one would."""

import datetime as dt

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def expire_existing(apps, schema_editor):
    ApiToken = apps.get_model("org", "ApiToken")
    days = dt.timedelta(days=settings.LUOSHI_API_TOKEN_DAYS)
    for token in ApiToken.objects.filter(expires_at__isnull=True).only("pk", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(expires_at=token.created_at + days)


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0002_user_grants_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="read_only",
            field=models.BooleanField(default=False, verbose_name="只读"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="有效期至"),
        ),
        migrations.RunPython(expire_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="有效期至"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="revoked_by",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="吊销人"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="revoke_reason",
            field=models.CharField(blank=True, choices=[("owner", "本人吊销"), ("office", "管理员吊销"),
                                                        ("password_changed", "修改密码"),
                                                        ("password_reset", "重置密码")],
                                   max_length=20, verbose_name="吊销原因"),
        ),
    ]
