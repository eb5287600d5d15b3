"""Scale-out, real: two `luoshi serve` processes behind Debian's nginx (deploy/nginx/luoshi.conf), sessions and
the cache in Redis, files in an S3 server (moto's), jobs on a `luoshi worker` (issue 19).

A login made through one app process holds in the other, and so does its logout; a photo uploaded through one
is read back through the other from the bucket; an export job runs on the worker and its file is fetched through
an app; one app process is killed while clients post reports with idempotency keys, and every report is
stored exactly once, none lost beyond a retry.

Needs nginx, Redis at 127.0.0.1:6379 and moto's server; skipped with the reason when one is missing, unless
LUOSHI_REQUIRE_SCALE_OUT is set (CI), where a missing part fails. PostgreSQL when LUOSHI_DATABASE_URL is set (a
database of its own on that server), else one SQLite file both processes share."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SITE_FILE = ROOT / "deploy" / "nginx" / "luoshi.conf"
# `make test` runs on several workers, and each worker that draws one of these tests starts its own cluster, which
# empties its Redis database: one database number per worker (11-14; test_jobs.py has 15)
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
REDIS_URL = os.environ.get("LUOSHI_SCALE_REDIS_URL", f"redis://127.0.0.1:6379/{11 + _WORKER % 4}")
PASSWORD = "Persona#2024x"  # luoshi.org.testing.PASSWORD, the personas' password

pytestmark = pytest.mark.scale_out


def _missing() -> str:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        return "nginx is not installed (apt-get install nginx-light)"
    try:
        import boto3  # noqa: F401
        import django_redis  # noqa: F401
        import moto.server  # noqa: F401
        import storages  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} is not installed (pip install -e '.[dev]')"
    host, port = urlparse(REDIS_URL).hostname, urlparse(REDIS_URL).port or 6379
    try:
        with socket.create_connection((host, port), timeout=2) as conn:
            conn.sendall(b"PING\r\n")
            if not conn.recv(16).startswith(b"+PONG"):
                return f"Redis at {host}:{port} does not answer PING"
    except OSError:
        return f"Redis is not running at {host}:{port}"
    return ""


@pytest.fixture(scope="module")
def parts():
    missing = _missing()
    if missing and os.environ.get("LUOSHI_REQUIRE_SCALE_OUT"):
        pytest.fail(f"scale-out test cannot run: {missing}")
    if missing:
        pytest.skip(f"scale-out test needs nginx, Redis and moto: {missing}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, seconds: float = 90.0, process=None) -> None:
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"{url}: the process ended with {process.returncode}")
        try:
            requests.get(url, timeout=2, allow_redirects=False)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")


class Cluster:
    """The processes of one deployment, each in its own process group, with their logs in one folder."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.processes: dict[str, subprocess.Popen] = {}
        self.env = dict(os.environ)
        self.database = ""

    def start(self, name: str, argv: list[str], **kwargs) -> subprocess.Popen:
        log = open(self.tmp / f"{name}.log", "wb")  # noqa: SIM115 (kept open for the process's life)
        process = subprocess.Popen(argv, env=self.env, cwd=self.tmp, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True, **kwargs)
        self.processes[name] = process
        return process

    def run(self, argv: list[str], **kwargs) -> str:
        done = subprocess.run(argv, env=self.env, cwd=self.tmp, capture_output=True, text=True, timeout=300, **kwargs)
        assert done.returncode == 0, f"{argv}: {done.stdout[-2000:]} {done.stderr[-4000:]}"
        return done.stdout

    def kill(self, name: str, sig=signal.SIGKILL) -> None:
        process = self.processes[name]
        if process.poll() is None:
            os.killpg(process.pid, sig)
            process.wait(timeout=30)

    def stop_all(self) -> None:
        for name in reversed(list(self.processes)):
            process = self.processes[name]
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=15)

    def logs(self) -> str:
        return "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}" for log in self.tmp.glob("*.log"))


def _database(cluster: Cluster) -> None:
    url = os.environ.get("LUOSHI_DATABASE_URL")
    if not url:
        cluster.env["LUOSHI_SQLITE_PATH"] = str(cluster.tmp / "luoshi.sqlite3")
        return
    import psycopg

    parsed = urlparse(url)
    name = f"luoshi_scale_{os.getpid()}"
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    cluster.database = name
    cluster.env["LUOSHI_DATABASE_URL"] = parsed._replace(path=f"/{name}").geturl()


def _drop_database(cluster: Cluster) -> None:
    if not cluster.database:
        return
    import psycopg

    admin = urlparse(os.environ["LUOSHI_DATABASE_URL"])._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{cluster.database}" WITH (FORCE)')


def nginx_config(tmp: Path, *, listen: int, upstreams: list[int], static_root: str) -> Path:
    """deploy/nginx/luoshi.conf with this run's ports, static folder and logs, inside an nginx.conf of its own
    (its pid, logs and temporary folders under `tmp`)."""
    site = SITE_FILE.read_text()
    servers = "".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;\n" for port in upstreams)
    site, count = re.subn(r"(    server 127\.0\.0\.1:\d+ [^\n]*\n)+", servers, site)
    for old, new in (("listen 80;", f"listen 127.0.0.1:{listen};"),
                     ("/srv/luoshi/var/static/", static_root.rstrip("/") + "/"),
                     ("/var/log/nginx/luoshi.access.log", str(tmp / "nginx-access.log")),
                     ("/var/log/nginx/luoshi.error.log", str(tmp / "nginx-error.log"))):
        assert old in site, f"{SITE_FILE} no longer has {old!r}"
        site = site.replace(old, new)
    assert count == 1, "the site file's upstream lists its app instances"
    (tmp / "site.conf").write_text(site)
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers read this run's private folders
    temp = "".join(f"    {kind}_temp_path {tmp / ('nginx-' + kind)};\n"
                   for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    config = tmp / "nginx.conf"
    config.write_text(
        f"{user}worker_processes 1;\npid {tmp / 'nginx.pid'};\nerror_log {tmp / 'nginx-error.log'} warn;\n"
        "events { worker_connections 1024; }\n"
        f"http {{\n    include /etc/nginx/mime.types;\n{temp}    include {tmp / 'site.conf'};\n}}\n")
    return config


def start_cluster(tmp: Path, *, instances: int = 2, workers: int = 2, threads: int = 2, setup: str = "") -> Cluster:
    """moto's S3 server, `instances` × `luoshi serve` (each `workers` × `threads`), a `luoshi worker` and nginx in
    front; the caller stops it (`stop_all`, `_drop_database`). Also used by benchmarks/scale_out.py."""
    import boto3
    import redis

    cluster = Cluster(tmp)
    s3_port, nginx_port = _free_port(), _free_port()
    app_ports = [_free_port() for _ in range(instances)]
    cluster.env.update({
        "DJANGO_SETTINGS_MODULE": "luoshi.config.settings.prod",
        "LUOSHI_SECRET_KEY": "scale-out-test-secret-key-" + "x" * 32,
        "LUOSHI_AUDIT_KEY": "scale-out-test-audit-key-" + "y" * 32,
        "LUOSHI_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LUOSHI_SSL_REDIRECT": "0", "LUOSHI_SECURE_COOKIES": "0",
        "LUOSHI_VAR_DIR": str(tmp / "var"), "LUOSHI_STATIC_ROOT": str(tmp / "var" / "static"),
        "LUOSHI_MEDIA_ROOT": str(tmp / "var" / "media"), "LUOSHI_BACKUP_DIR": str(tmp / "var" / "backups"),
        "LUOSHI_REDIS_URL": REDIS_URL, "LUOSHI_PROXY_COUNT": "1",
        "LUOSHI_S3_ENDPOINT": f"http://127.0.0.1:{s3_port}", "LUOSHI_S3_BUCKET": "luoshi-files",
        "LUOSHI_S3_ACCESS_KEY": "testing", "LUOSHI_S3_SECRET_KEY": "testing", "LUOSHI_S3_REGION": "us-east-1",
        "LUOSHI_LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1",
    })
    for name in ("LUOSHI_CONTROL_SOCKET", "RUNTIME_DIRECTORY", "LUOSHI_DEBUG"):
        cluster.env.pop(name, None)
    cluster.app_ports, cluster.nginx_port = app_ports, nginx_port
    _database(cluster)
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()  # this test's own database number: stale jobs, old sessions
        cluster.start("s3", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(s3_port)])
        _wait_http(f"http://127.0.0.1:{s3_port}/", process=cluster.processes["s3"])
        cluster.s3 = boto3.client("s3", endpoint_url=cluster.env["LUOSHI_S3_ENDPOINT"], aws_access_key_id="testing",
                                  aws_secret_access_key="testing", region_name="us-east-1")
        cluster.s3.create_bucket(Bucket="luoshi-files")
        cluster.run([str(BIN / "luoshi"), "prepare"])  # once, before the instances start together
        cluster.setup = json.loads(cluster.run([sys.executable, "-c", setup or SETUP]).strip().splitlines()[-1])
        for number, port in enumerate(app_ports, 1):
            cluster.start(f"app{number}", [str(BIN / "luoshi"), "serve", "--no-prepare", "--no-worker", "--bind",
                                           f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads)])
        cluster.start("worker", [str(BIN / "luoshi"), "worker"])
        config = nginx_config(tmp, listen=nginx_port, upstreams=app_ports, static_root=cluster.env["LUOSHI_STATIC_ROOT"])
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        cluster.run([nginx, "-t", "-q", "-c", str(config), "-p", str(tmp), "-e", str(tmp / "nginx-error.log")])
        cluster.start("nginx", [nginx, "-c", str(config), "-p", str(tmp), "-e", str(tmp / "nginx-error.log"),
                                "-g", "daemon off;"])
        for number, port in enumerate(app_ports, 1):
            _wait_http(f"http://127.0.0.1:{port}/accounts/login/", process=cluster.processes[f"app{number}"])
        _wait_http(f"http://127.0.0.1:{nginx_port}/accounts/login/", process=cluster.processes["nginx"])
    except BaseException:
        print(cluster.logs())
        cluster.stop_all()
        _drop_database(cluster)
        raise
    return cluster


@pytest.fixture(scope="module")
def cluster(parts, tmp_path_factory):
    cluster = start_cluster(tmp_path_factory.mktemp("scale"))
    try:
        yield cluster
    finally:
        cluster.stop_all()
        print(cluster.logs())  # shown by pytest when a test failed
        _drop_database(cluster)


# Run in a process of its own with the deployment's settings: the personas and a task for the village to report on.
SETUP = """
import json
import django

django.setup()
from luoshi.org.testing import build_world
from luoshi.progress.tests.factories import make_task

world = build_world()
task = make_task(world, title="规模化部署测试任务")
print(json.dumps({"task": task.pk}))
"""


def _login(base: str, username: str):
    import requests

    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = session.post(f"{base}/accounts/login/", timeout=30, allow_redirects=False,
                          data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD})
    assert answer.status_code == 302, answer.text[:500]
    return session


def _logged_in(session, base: str) -> bool:
    answer = session.get(f"{base}/", timeout=30, allow_redirects=False)
    return answer.status_code == 200


def _csrf(session, base: str) -> str:
    session.get(f"{base}/accounts/tokens/", timeout=30)
    return session.cookies.get("csrftoken")


def test_a_session_an_upload_and_a_job_cross_app_processes(cluster):
    import requests
    from PIL import Image

    one, two = (f"http://127.0.0.1:{port}" for port in cluster.app_ports)
    front = f"http://127.0.0.1:{cluster.nginx_port}"
    task = cluster.setup["task"]

    # logs in through one process, goes on through the other
    village = _login(one, "village")
    assert _logged_in(village, two), "a session made by one process is read by the other (Redis, cached_db)"
    made = village.post(f"{two}/api/v1/tokens/", json={"name": "规模化测试", "days": 1}, timeout=30,
                        headers={"X-CSRFToken": _csrf(village, two), "Referer": f"{two}/"})
    assert made.status_code == 201, made.text
    token = {"Authorization": f"Bearer {made.json()['token']}"}

    # a photo up through one, down through the other, kept in the bucket and not on either's disk
    import io

    picture = io.BytesIO()
    Image.new("RGB", (800, 600), "green").save(picture, "JPEG")
    sent = requests.post(f"{one}/api/v1/tasks/{task}/reports/", headers=token | {"Idempotency-Key": "photo-1"},
                         data={"text": "现场照片", "percent": "30"}, timeout=60,
                         files={"files": ("现场.jpg", picture.getvalue(), "image/jpeg")})
    assert sent.status_code == 201, sent.text
    attachment = sent.json()["attachments"][0]
    got = requests.get(f"{two}/api/v1/attachments/{attachment['id']}/", headers=token, timeout=30)
    assert got.status_code == 200 and got.content[:3] == b"\xff\xd8\xff"
    keys = [item["Key"] for item in cluster.s3.list_objects_v2(Bucket="luoshi-files").get("Contents", [])]
    stored = [key for key in keys if key.startswith("attachments/") and not key.endswith(".thumb.jpg")]
    assert len(stored) == 1
    assert cluster.s3.get_object(Bucket="luoshi-files", Key=stored[0])["Body"].read() == got.content
    media = Path(cluster.env["LUOSHI_MEDIA_ROOT"])
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
    thumb = requests.get(f"{front}/api/v1/attachments/{attachment['id']}/?thumb=true", headers=token, timeout=30)
    assert thumb.status_code == 200 and thumb.content[:3] == b"\xff\xd8\xff"

    # static files straight from nginx
    script = requests.get(f"{front}/static/luoshi/site.js", timeout=10)
    assert script.status_code == 200 and "immutable" in script.headers.get("Cache-Control", "")

    # a job: the export runs on the worker (queued in Redis), its file lands in the bucket, fetched through an app
    office = _login(two, "office")
    job = int(cluster.run([sys.executable, "-c", EXPORT]).strip().splitlines()[-1])
    deadline, status = time.monotonic() + 60, ""
    while time.monotonic() < deadline:
        status = office.get(f"{one}/ledgers/jobs/{job}/", timeout=30).text
        if f"/ledgers/jobs/{job}/download/" in status:
            break
        time.sleep(0.5)
    download = office.get(f"{one}/ledgers/jobs/{job}/download/", timeout=30)
    assert download.status_code == 200 and download.content[:2] == b"PK", cluster.logs()
    assert any(key.startswith("exchange/out/") for key in
               (item["Key"] for item in cluster.s3.list_objects_v2(Bucket="luoshi-files")["Contents"]))

    # a logout through one process holds in the other
    logout = village.post(f"{two}/accounts/logout/", timeout=30, allow_redirects=False,
                          data={"csrfmiddlewaretoken": _csrf(village, two)}, headers={"Referer": f"{two}/"})
    assert logout.status_code == 302
    assert not _logged_in(village, one), "logged out everywhere"


# The office's export of the tasks' register, queued as a job (a small one would be answered at once).
EXPORT = """
import django

django.setup()
from django.db import transaction
from luoshi.ledgers import services
from luoshi.ledgers.registry import get_ledger
from luoshi.org.models import User

with transaction.atomic():
    office = User.objects.unscoped("the test's actor").get(username="office")
    job = services.export_start(actor=office, ledger=get_ledger("tasks"), params={})
print(job.pk)
"""

CLIENTS = 4
REPORTS_PER_CLIENT = 40
MAX_TRIES = 5


def test_killing_an_app_process_under_load_loses_no_report_and_stores_none_twice(cluster):
    """Four clients post reports through nginx with an idempotency key each, resending a failed one with the
    same key; one app process is killed (SIGKILL, its whole process group) part way."""
    import requests

    front = f"http://127.0.0.1:{cluster.nginx_port}"
    task = cluster.setup["task"]
    village = _login(front, "village")
    made = village.post(f"{front}/api/v1/tokens/", json={"name": "负载", "days": 1}, timeout=30,
                        headers={"X-CSRFToken": _csrf(village, front), "Referer": f"{front}/"})
    token = {"Authorization": f"Bearer {made.json()['token']}"}
    run = uuid.uuid4().hex[:8]
    outcomes: dict[str, list[int | str]] = {}
    lock = threading.Lock()
    half = threading.Event()

    def client(number: int) -> None:
        http = requests.Session()
        for index in range(REPORTS_PER_CLIENT):
            key = f"{run}-{number}-{index}"
            tries: list[int | str] = []
            for _attempt in range(MAX_TRIES):
                try:
                    answer = http.post(f"{front}/api/v1/tasks/{task}/reports/", timeout=30,
                                       headers=token | {"Idempotency-Key": key},
                                       data={"text": f"负载上报 {key}"})
                    tries.append(answer.status_code)
                    if answer.status_code in (200, 201):
                        break
                except requests.RequestException as exc:
                    tries.append(type(exc).__name__)
                time.sleep(0.2)
            with lock:
                outcomes[key] = tries
                if len(outcomes) >= CLIENTS * REPORTS_PER_CLIENT // 3:
                    half.set()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    assert half.wait(120), "the clients got a third of the way"
    cluster.kill("app1")  # the whole instance: its master and its workers, mid-request
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads)

    assert len(outcomes) == CLIENTS * REPORTS_PER_CLIENT
    failed = {key: tries for key, tries in outcomes.items() if tries[-1] not in (200, 201)}
    assert not failed, f"reports that never got through: {failed}"
    retried = {key: tries for key, tries in outcomes.items() if len(tries) > 1}
    print(f"{len(outcomes)} reports, {len(retried)} resent after a failure: {retried}")
    assert all(len(tries) <= 2 for tries in retried.values()), "none needed more than one resend"

    reports, page = [], 1
    while True:  # every report exactly once, read through the surviving instance
        listed = requests.get(f"{front}/api/v1/tasks/{task}/reports/", params={"page": page, "page_size": 100},
                              headers=token, timeout=30).json()
        reports.extend(listed["items"])
        if not listed["items"] or len(reports) >= listed["count"]:
            break
        page += 1
    texts = [r["text"] for r in reports if r["text"].startswith(f"负载上报 {run}-")]
    assert len(texts) == len(set(texts)) == CLIENTS * REPORTS_PER_CLIENT
