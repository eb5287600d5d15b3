"""A problem may come from the difficulties of a progress report (source 进展反馈): `report`
points at it, and one report becomes at most one problem."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('progress', '0002_attachment_thumbnail'),
        ('supervision', '0003_urge_notices_close_when_settled'),
    ]

    operations = [
        migrations.AddField(
            model_name='problem',
            name='report',
            field=models.ForeignKey(
                blank=True, help_text='由进展上报中的困难和问题转入时，指向那次上报', null=True,
                on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='progress.progressreport',
                verbose_name='来源进展'),
        ),
        migrations.AlterField(
            model_name='problem',
            name='source',
            field=models.CharField(
                choices=[('survey', '大排查'), ('inspection', '督查发现'), ('enterprise', '企业反映'),
                         ('public', '群众反映'), ('higher', '上级反馈'), ('report', '进展反馈')],
                default='survey', max_length=20, verbose_name='问题来源'),
        ),
        migrations.AddConstraint(
            model_name='problem',
            constraint=models.UniqueConstraint(condition=models.Q(('report__isnull', False)), fields=('report',),
                                               name='problem_once_per_report'),
        ),
    ]
