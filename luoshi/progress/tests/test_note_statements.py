"""What a progress note (a report without photo) costs in statements (issue 21): the task read, the
report, its audit entry (chain head and entry; PostgreSQL locks the chain first), one UPDATE of the task carrying its new light,
the task's steps for that light, the whole task read with its parts when a share's light moved and
its UPDATE, the open notices it may answer. Savepoints are the test's own transaction's."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from luoshi.plans import services as plans
from luoshi.plans.models import Task
from luoshi.progress import services
from luoshi.progress.tests.factories import make_plan, make_task


def _statements(queries) -> list[str]:
    return [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]


def test_a_note_on_a_share_writes_its_light_and_its_whole_tasks_in_nine_statements(world):
    village, office = world.user("village"), world.user("office")
    plan = make_plan(world, timezone.localdate().year)
    whole = make_task(world, plan, unit="township", title="建设村公共卫生厕所", deploy=False,
                      start=timezone.localdate() - dt.timedelta(days=60))
    plans.task_split(actor=office, task=whole, units=[world.unit("village")])
    plans.task_deploy(actor=office, task=whole)
    part = Task.objects.unscoped("test").get(parent=whole)
    plans.task_sign(actor=village, task=part)
    services.report_submit(actor=village, task=part.pk, text="第一次", percent=0)  # behind: red or yellow
    before = Task.objects.unscoped("test").get(pk=whole.pk).light
    with CaptureQueriesContext(connection) as queries:
        services.report_submit(actor=village, task=part.pk, text="已全部建成", percent=100)
    statements = _statements(queries)
    assert Task.objects.unscoped("test").get(pk=part.pk).light == "green"
    assert Task.objects.unscoped("test").get(pk=whole.pk).light == "green" != before
    updates = [s for s in statements if s.startswith('UPDATE "plans_task"')]
    assert len(updates) == 2, updates  # the share's columns with its light in one; the whole task's light
    lock = 1 if connection.vendor == "postgresql" else 0  # the audit chain's advisory lock (core.audit_chain)
    assert len(statements) == 9 + lock, "\n".join(statements)  # 11 + lock before issue 21
