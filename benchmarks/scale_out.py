"""Issue 19, throughput of the scale-out deployment on this machine: 1, 2 and 4 app processes (`luoshi serve
--workers 1 --threads 2` each) behind nginx (deploy/nginx/luoshi.conf), sessions and cache in Redis, files in
moto's S3 server, PostgreSQL when LUOSHI_DATABASE_URL is set (a database of its own on that server), else one
SQLite file. wrk through nginx on the JSON task list (a token) and the task list page (a session), and, with
one process, straight at the app port to show what nginx costs.

    LUOSHI_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/x .venv/bin/python benchmarks/scale_out.py \\
        [--tasks 300] [--duration 20] [--connections 16] [--counts 1,2,4]

Needs wrk, nginx and Redis (as e2e/test_scale_out.py). Nothing here asserts a time."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("LUOSHI_SCALE_REDIS_URL", "redis://127.0.0.1:6379/12")  # not the test's database number

from e2e.test_scale_out import _drop_database, _login, _missing, start_cluster  # noqa: E402

SETUP = """
import datetime as dt
import json
import django

django.setup()
from django.utils import timezone
from luoshi.org.testing import build_world
from luoshi.plans import services as plans
from luoshi.progress.tests.factories import make_plan

world = build_world()
plan = make_plan(world, timezone.localdate().year)
today = timezone.localdate()
for n in range(%(tasks)d):
    task = plans.task_create(actor=world.user("office"), plan=plan, title=f"重点工作任务 {n:04d}", requirement="按时完成",
                             lead_unit=world.unit(("village", "department")[n %% 2]),
                             start_date=today - dt.timedelta(days=30), deadline=today + dt.timedelta(days=n %% 90 + 1))
    plans.task_deploy(actor=world.user("office"), task=task)
print(json.dumps({"tasks": %(tasks)d}))
"""


def wrk(url: str, headers: dict, duration: int, connections: int) -> dict:
    args = [a for k, v in headers.items() for a in ("-H", f"{k}: {v}")]
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", *args, url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": lat.get("50"), "p99": lat.get("99"), "non2xx": int(bad.group(1)) if bad else 0}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=300)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--counts", default="1,2,4")
    args = parser.parse_args()
    missing = _missing()
    if missing:
        print(missing)
        return 1
    rows = []
    for count in (int(c) for c in args.counts.split(",")):
        with tempfile.TemporaryDirectory(prefix="luoshi-scale-bench-") as tmp:
            cluster = start_cluster(Path(tmp), instances=count, workers=1, threads=2,
                                    setup=SETUP % {"tasks": args.tasks})
            try:
                front = f"http://127.0.0.1:{cluster.nginx_port}"
                office = _login(front, "office")
                cookie = {"Cookie": "; ".join(f"{k}={v}" for k, v in office.cookies.items())}
                made = office.post(f"{front}/api/v1/tokens/", json={"name": "bench", "days": 1},
                                   headers={"X-CSRFToken": office.cookies["csrftoken"], "Referer": f"{front}/"})
                token = {"Authorization": f"Bearer {made.json()['token']}"}
                targets = [("JSON task list", "/api/v1/tasks/?page_size=20", token),
                           ("task list page", "/tasks/", cookie)]
                for name, path, headers in targets:
                    for via, base in [("nginx", front)] + ([("direct", f"http://127.0.0.1:{cluster.app_ports[0]}")]
                                                          if count == 1 else []):
                        wrk(f"{base}{path}", headers, 3, args.connections)  # warm every process
                        result = wrk(f"{base}{path}", headers, args.duration, args.connections)
                        rows.append({"processes": count, "via": via, "what": name} | result)
                        print(f"{count} process(es) via {via:<6} {name:<16} {result['rps']:8.1f} req/s  "
                              f"p50 {result['p50']}  p99 {result['p99']}  non-2xx {result['non2xx']}", flush=True)
            finally:
                cluster.stop_all()
                _drop_database(cluster)
    print("| app processes | via | what | req/s | p50 | p99 | non-2xx |\n|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['processes']} | {r['via']} | {r['what']} | {r['rps']:.1f} | {r['p50']} | {r['p99']} | {r['non2xx']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
