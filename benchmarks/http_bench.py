"""Issue 7, over HTTP: a production-like server (gunicorn, 4 workers × 2 threads as `luoshi serve`
runs it, DEBUG off) on loopback; latency p50/p95 of each scenario measured from the client,
peak RSS of each worker (VmHWM in /proc), and throughput with 8 connections for 30 s (wrk)
on the JSON task list, the task list page and the task page.

    LUOSHI_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/luoshi_bench_county \\
        .venv/bin/python benchmarks/http_bench.py [--n 50] [--duration 30] [--workers N --threads N] [--json out.json]

Needs `wrk` (Debian: apt-get install -y wrk). Nothing here asserts a time."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from bench_common import ROOT, django_setup, pct, personas, scenarios, sessions, summary, tokens


def start_server(port: int, workers: int, threads: int, app: str = "luoshi.config.wsgi:application") -> subprocess.Popen:
    cmd = [sys.executable, "-m", "gunicorn", app, "--chdir", str(ROOT / "benchmarks"), "--bind", f"127.0.0.1:{port}",
           "--workers", str(workers), "--threads", str(threads), "--graceful-timeout", "5", "--log-level", "warning"]
    server = subprocess.Popen(cmd, cwd=ROOT, env=dict(os.environ))
    for _ in range(100):
        time.sleep(0.3)
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/accounts/login/")
            conn.getresponse().read()
            return server
        except OSError:
            continue
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def workers_of(master: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if re.search(rf"^PPid:\s+{master}$", status, re.M):
                pids.append(int(entry.name))
    return pids


def rss(pid: int) -> tuple[float, float]:
    status = Path(f"/proc/{pid}/status").read_text()
    kb = {k: int(v) for k, v in re.findall(r"^(VmHWM|VmRSS):\s+(\d+) kB", status, re.M)}
    return kb.get("VmRSS", 0) / 1024, kb.get("VmHWM", 0) / 1024


def headers_for(sc, cookies, keys) -> dict:
    if sc.get("api"):
        return {"Authorization": f"Bearer {keys[sc['who']]}"}
    return {"Cookie": f"sessionid={cookies[sc['who']]}"}


def request(conn, sc, headers, task_ids, i):
    if sc.get("method") == "POST":
        body = urllib.parse.urlencode({"text": f"基准测试上报第{i}次：已组织人员推进，本周完成入户走访。"})
        path = sc["path"].format(task=task_ids[i % len(task_ids)])
        conn.request("POST", path, body=body, headers=headers | {"Content-Type": "application/x-www-form-urlencoded"})
    else:
        conn.request("GET", sc["path"], headers=headers)
    response = conn.getresponse()
    data = response.read()
    if response.status not in (200, 201):
        raise RuntimeError(f"{sc['name']}: HTTP {response.status} {data[:200]!r}")
    return data


WARM_UP = 20


def latency(port, p, cookies, keys, n, skip=()) -> list[dict]:
    rows = []
    for sc in scenarios(p):
        if any(word in sc["name"] for word in skip):
            continue
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        headers = headers_for(sc, cookies, keys)
        # Warm-up: the worker's threads each hold a database connection, and PostgreSQL plans a
        # prepared statement afresh for its first executions on a connection (psycopg prepares
        # on the 2nd, the server tries 5 custom plans before its generic one).
        for i in range(WARM_UP):
            request(conn, sc, headers, p.report_task_ids, 1000 + i)
        ms = []
        for i in range(n):
            t0 = time.perf_counter()
            request(conn, sc, headers, p.report_task_ids, 1100 + i)
            ms.append((time.perf_counter() - t0) * 1000)
        conn.close()
        rows.append({"name": sc["name"], "p50": pct(ms, .5), "p95": pct(ms, .95)})
        print(f"{sc['name']:<32} {summary(ms)}", flush=True)
    return rows


def wrk(port, sc, headers, duration, connections=8) -> dict:
    header_args = [a for k, v in headers.items() for a in ("-H", f"{k}: {v}")]
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", *header_args,
           f"http://127.0.0.1:{port}{sc['path']}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    print(f"wrk {sc['name']:<28} {rps:8.1f} req/s  p50 {lat.get('50')}  p99 {lat.get('99')}"
          f"{'  non-2xx ' + errors.group(1) if errors else ''}", flush=True)
    return {"name": sc["name"], "rps": rps, "p50": lat.get("50"), "p99": lat.get("99"),
            "non2xx": int(errors.group(1)) if errors else 0}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--app", default="luoshi.config.wsgi:application", help="another WSGI entry (module:callable), e.g. to measure a proposed fix")
    parser.add_argument("--skip", default="", help="scenarios to skip, by words of their names")
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    django_setup()
    p = personas()
    cookies, keys = sessions(p), tokens(p)
    from django.db import connections

    connections.close_all()
    server = start_server(args.port, args.workers, args.threads, args.app)
    try:
        print(f"database: {p.vendor}; gunicorn {args.workers} workers × {args.threads} threads; "
              f"load {os.getloadavg()[0]:.2f}", flush=True)
        result = {"vendor": p.vendor, "latency": latency(args.port, p, cookies, keys, args.n,
                                                             tuple(filter(None, args.skip.split(","))))}
        by_name = {sc["name"]: sc for sc in scenarios(p)}
        result["throughput"] = [wrk(args.port, by_name[name], headers_for(by_name[name], cookies, keys), args.duration)
                                for name in ("task list API (village)", "task list page (village)", "task detail")]
        result["workers_rss_mb"] = {pid: rss(pid) for pid in workers_of(server.pid)}
        for pid, (now, peak) in result["workers_rss_mb"].items():
            print(f"worker {pid}: RSS {now:.0f} MB, peak {peak:.0f} MB")
        result["load_after"] = os.getloadavg()[0]
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
