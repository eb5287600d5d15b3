"""A worker killed mid-send retries to exactly one delivery — with a real `luoshi worker`
process, a temporary SQLite database and Huey SQLite queue, and a real local HTTP receiver.

How "exactly one" comes about: the delivery row is written (unique key) before anything is
sent, and a worker claims it (status "sending", attempts + 1, a lease) before it sends. The
first worker's request reaches the receiver, which takes the message and is slow to answer;
the worker is SIGKILLed before it can record success, so the row stays "sending". Huey had
already taken the task off its queue, so the queue alone would lose it: the restarted worker's
start-up sweep finds the row with its lease expired and queues it again; the retry sends the
SAME idempotency key, the receiver recognises it and does not deliver it twice, and answers
OK; the row is recorded "succeeded" with 2 attempts. Two requests on the wire, one delivery.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from luoshi.notify.testing import HttpServer

ROOT = Path(__file__).resolve().parents[3]


def _env(tmp_path: Path, http: HttpServer) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LUOSHI_", "DJANGO_"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "luoshi.config.settings.prod", "LUOSHI_SECRET_KEY": "k" * 40,
        "LUOSHI_AUDIT_KEY": "a" * 40,
        "LUOSHI_ALLOWED_HOSTS": "127.0.0.1", "LUOSHI_VAR_DIR": str(tmp_path),
        "LUOSHI_SQLITE_PATH": str(tmp_path / "luoshi.sqlite3"), "LUOSHI_JOBS_PATH": str(tmp_path / "jobs.sqlite3"),
        "LUOSHI_NOTIFY_CHANNELS": "robot", "LUOSHI_ROBOT_URL": f"{http.url}/hook",
        "LUOSHI_NOTIFY_LEASE_SECONDS": "1", "LUOSHI_JOB_WORKERS": "1", "LUOSHI_LOG_LEVEL": "ERROR",
    }


QUEUE_ONE = """
import django; django.setup()
from luoshi.notify.services import notify
notify(recipients=[], kind="overdue", obj="task:1", title="任务已逾期", body="请尽快办结", link="/tasks/1/")
"""


def _delivery(db: Path):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT status, attempts, key FROM notify_delivery").fetchall()


def _wait(predicate, timeout: float, what: str):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _worker(env, tmp_path: Path, name: str):
    log = open(tmp_path / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
    return subprocess.Popen([sys.executable, "-m", "luoshi.cli", "worker"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT)


def test_a_worker_killed_mid_send_retries_to_exactly_one_delivery(tmp_path):
    with HttpServer() as http:
        http.delays = [8.0]  # the first answer is slow: the worker dies before it hears back
        env = _env(tmp_path, http)
        subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
        subprocess.run([sys.executable, "-c", QUEUE_ONE], cwd=ROOT, env=env, check=True)
        db = tmp_path / "luoshi.sqlite3"
        assert [row[:2] for row in _delivery(db)] == [("pending", 0)]

        first = _worker(env, tmp_path, "first")
        try:
            assert http.arrived.wait(60), (tmp_path / "first.log").read_text()
            first.send_signal(signal.SIGKILL)
        finally:
            first.wait(10)
        assert [row[:2] for row in _delivery(db)] == [("sending", 1)]  # sent, never recorded

        time.sleep(1.5)  # the dead worker's lease runs out
        second = _worker(env, tmp_path, "second")
        try:
            _wait(lambda: _delivery(db)[0][0] == "succeeded", 90, "the retried delivery")
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(20)
        (status, attempts, key), = _delivery(db)
        assert (status, attempts) == ("succeeded", 2)
        assert [r["key"] for r in http.posts("/hook")] == [key, key]  # at-least-once on the wire …
        assert len(http.delivered) == 1 and http.delivered[0]["key"] == key  # … exactly one delivery
        with sqlite3.connect(db) as conn:
            runs = conn.execute("SELECT status FROM core_jobrun WHERE name = 'notify.sweep'").fetchall()
        assert runs and {r[0] for r in runs} == {"done"}
