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
    assert first.status == JobStatus.SUCCEEDED and first.result == {"sent": 3} and "发送提醒 3 条" in first.log


def test_a_failed_run_is_recorded_then_retried_to_success():
    attempts = []

    def flaky(log):
        attempts.append(1)
        if len(attempts) == 1:
            raise ConnectionError("SMTP 服务器无响应")
        return {"sent": 1}

    with pytest.raises(ConnectionError):
        run_once(name="mail", key="mail:1", func=flaky)
    failed = JobRun.objects.get(key="mail:1")
    assert failed.status == JobStatus.FAILED and "SMTP" in failed.error
    run = run_once(name="mail", key="mail:1", func=flaky)
    assert run.status == JobStatus.SUCCEEDED and run.attempts == 2 and len(attempts) == 2


def test_the_office_sees_the_job_list_and_others_do_not(client_as):
    run_once(name="lights", key="lights:1", func=lambda log: None)
    assert "lights:1" in client_as("office").get("/jobs/").content.decode()
    assert client_as("village").get("/jobs/").status_code == 403


def test_the_audit_purge_is_scheduled_daily():
    from luoshi.core.jobs import audit_purge_daily

    audit_purge_daily()
    assert JobRun.objects.filter(name="audit.purge", status=JobStatus.SUCCEEDED).count() == 1
