"""Jobs: each run is a row; a key makes a job idempotent; a failure is recorded and retried."""

import pytest

from luoshi.core.jobs import run_once
from luoshi.core.models import JobRun, JobStatus

pytestmark = pytest.mark.django_db


def test_a_job_runs_once_per_key_and_records_its_log():
    calls = []

    def job(log):
        calls.append(1)
        log("发送提醒 3 条")
        return {"sent": 3}

    first = run_once(name="reminders", key="reminders:2024-06-01", func=job)
    second = run_once(name="reminders", key="reminders:2024-06-01", func=job)
    assert calls == [1] and first.pk == second.pk
    assert first.status == JobStatus.DONE and first.result == {"sent": 3} and "发送提醒 3 条" in first.log


def test_a_failed_run_is_recorded_then_retried_to_success():
    attempts = []

    def flaky(log):
        attempts.append(1)
        if len(attempts) == 1:
            raise ConnectionError("SMTP 服务器无响应")
        return {"sent": 1}

    with pytest.raises(ConnectionError):
        run_once(name="mail", key="mail:1", func=flaky)
    failed = JobRun.objects.unscoped("test").get(key="mail:1")
    assert failed.status == JobStatus.FAILED and "SMTP" in failed.error
    run = run_once(name="mail", key="mail:1", func=flaky)
    assert run.status == JobStatus.DONE and run.attempts == 2 and len(attempts) == 2


def test_the_office_sees_the_job_list_and_others_do_not(client_as):
    run_once(name="lights", key="lights:1", func=lambda log: None)
    assert "lights:1" in client_as("office").get("/jobs/").content.decode()
    assert client_as("village").get("/jobs/").status_code == 403


def test_the_job_list_filters_by_the_statuses_a_run_can_have(client_as):
    run_once(name="lights", key="lights:1", func=lambda log: None)
    with pytest.raises(ValueError):
        run_once(name="mail", key="mail:2", func=lambda log: int("x"))
    office = client_as("office")
    done, failed = (office.get(f"/jobs/?status={s}").content.decode() for s in ("done", "failed"))
    assert "lights:1" in done and "mail:2" not in done and "mail:2" in failed and "lights:1" not in failed
    assert 'value="done"' in done and "text-bg-success" in done


def test_imports_and_exports_are_runs_like_any_other(world, client_as):
    """One job-row model: an import or export is a JobRun, read by its owner and listed for the office."""
    from luoshi.exchange import jobs

    job = jobs.job_create(actor=world.user("village"), kind="export", ledger="problems", params={"q": "甲"})
    assert JobRun.objects.unscoped("test").get() == job and job.name == "exchange.export"
    assert job.status == JobStatus.PENDING and jobs.kind_of(job).label == "导出"
    assert jobs.my_job(actor=world.user("village"), pk=job.pk) == job
    assert jobs.my_job(actor=world.user("office"), pk=job.pk) is None  # the owner's own business
    assert "exchange.export · problems" in client_as("office").get("/jobs/?status=pending").content.decode()
    assert client_as("village").get("/jobs/").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_imports_and_exports_move_into_the_runs_with_their_files():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from luoshi.org.models import User

    user = User._base_manager.create(username="moved")
    before = [("core", "0007_audit_keyed_chain"), ("exchange", "0001_initial")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    state = executor.loader.project_state(before).apps
    state.get_model("exchange", "ExchangeJob").objects.create(
        kind="export", ledger="tasks", owner_id=user.pk, status="done", result="exchange/out/2026/12/a.xlsx", row_count=7,
        error_text="", params={"q": "路"})
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    run = JobRun.objects.unscoped("test").get(name="exchange.export")
    assert (run.actor_id, run.ledger, run.output.name, run.row_count, run.params) == (
        user.pk, "tasks", "exchange/out/2026/12/a.xlsx", 7, {"q": "路"})


@pytest.mark.django_db(transaction=True)
def test_runs_finished_before_the_shared_status_read_done_after_it():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("core", "0005_tableversion")])
    old = executor.loader.project_state([("core", "0005_tableversion")]).apps.get_model("core", "JobRun")
    old.objects.create(name="lights.daily", key="lights.daily:2024-06-01", status="succeeded")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert JobRun.objects.unscoped("test").get(key="lights.daily:2024-06-01").status == JobStatus.DONE


def test_the_audit_purge_is_scheduled_daily():
    from luoshi.core.jobs import audit_purge_daily

    audit_purge_daily()
    assert JobRun.objects.unscoped("test").filter(name="audit.purge", status=JobStatus.DONE).count() == 1


def _redis_reachable() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis on 127.0.0.1:6379 (the default needs none)")
def test_jobs_use_redis_when_luoshi_redis_url_is_set(tmp_path):
    """The same job code queues on Redis when LUOSHI_REDIS_URL is set, with nothing else changed."""
    import os
    import subprocess
    import sys

    script = (
        "import django; django.setup()\n"
        "from huey.contrib.djhuey import HUEY\n"
        "from luoshi.core.jobs import audit_purge_daily\n"
        "assert type(HUEY).__name__ == 'RedisHuey', type(HUEY)\n"
        "HUEY.flush()\n"
        "audit_purge_daily.call_local  # the periodic task is registered\n"
        "from luoshi.plans.jobs import lights_daily\n"
        "print(HUEY.pending_count())\n"
        "HUEY.enqueue(lights_daily.s())\n"
        "print(HUEY.pending_count())\n"
        "HUEY.flush()\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("LUOSHI_")} | {
        "DJANGO_SETTINGS_MODULE": "luoshi.config.settings.dev", "LUOSHI_VAR_DIR": str(tmp_path),
        "LUOSHI_REDIS_URL": "redis://127.0.0.1:6379/15"}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "1"]


def test_the_sqlite_queue_is_polled_often_enough_for_a_job_to_start_within_50_ms(tmp_path):
    """Huey backs an idle consumer off to a poll every 10 s: a queued export would wait that long. The
    SQLite queue (the default: Redis's blocks until a job comes) is polled every LUOSHI_JOB_POLL_MS."""
    import os
    import subprocess
    import sys

    script = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from huey.contrib.djhuey import HUEY\n"
        "from huey.consumer_options import ConsumerConfig\n"
        "assert type(HUEY).__name__ == 'SqliteHuey', type(HUEY)\n"
        "config = ConsumerConfig(**settings.HUEY['consumer'])\n"
        "config.validate()\n"
        "print(config.initial_delay, config.backoff, config.max_delay)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("LUOSHI_")} | {
        "DJANGO_SETTINGS_MODULE": "luoshi.config.settings.dev", "LUOSHI_VAR_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0.02", "1.0", "0.02"]
