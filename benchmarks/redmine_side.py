"""Issue 21, side by side with the peer: each operation the issue names, timed over HTTP on Luoshi (gunicorn as
`luoshi serve` runs it: 4 workers × 2 threads, production settings) and on Redmine 5.0.4 (Debian's package under
puma, 2 workers × 5 threads, production) holding the same county data (`benchmarks/redmine_load.py`), one request
of each in turn — Luoshi, Redmine, Luoshi, … — so that whatever else the machine does weighs on both alike.
Prints each p50 and Redmine ÷ Luoshi.

    (. env with LUOSHI_DATABASE_URL, DJANGO_SETTINGS_MODULE=luoshi.config.settings.prod, …)
    .venv/bin/python benchmarks/redmine_side.py --redmine-url http://127.0.0.1:3000 \\
        --village-key K1 --office-key K2 [--password P] [--n 30] [--wrk 20] [--json out.json]

Luoshi runs as deployed (its cache holds a login; a page's own data is never cached) except that each JSON list
is timed cold: the tasks table's stamp is moved before each, as every report moves it. `LUOSHI_CACHE_SECONDS=0`
turns the login's cache off too. Redmine caches no query results. The same rows: the village
is `t01.v01`'s, the township `t01`; each Luoshi task is the Redmine issue of the same id."""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import re
import time
import urllib.parse

from bench_common import django_setup, pct, personas, sessions, tokens
from http_bench import start_server


class Redmine:
    """Redmine's two ways in: an API key for JSON, a session (logged in through its form) for pages."""

    def __init__(self, url: str, keys: dict[str, str], password: str):
        parsed = urllib.parse.urlsplit(url)
        self.host, self.port = parsed.hostname, parsed.port or 80
        self.keys = keys
        self.cookies = {who: self._login(login, password) for who, login in (("village", "t01.v01"),
                                                                             ("office", "t01.office1"))}

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=300)

    def _login(self, login: str, password: str) -> str:
        conn = self.connection()
        conn.request("GET", "/login")
        response = conn.getresponse()
        page = response.read().decode()
        cookie = _cookie(response)
        token = re.search(r'name="authenticity_token" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"username": login, "password": password, "authenticity_token": token,
                                       "back_url": "/"})
        conn.request("POST", "/login", body=body, headers={"Cookie": cookie,
                                                           "Content-Type": "application/x-www-form-urlencoded"})
        response = conn.getresponse()
        response.read()
        assert response.status == 302, f"Redmine login of {login}: HTTP {response.status}"
        return _cookie(response)

    def headers(self, who: str, api: bool) -> dict:
        return {"X-Redmine-API-Key": self.keys[who]} if api else {"Cookie": self.cookies[who]}


def _cookie(response) -> str:
    return "; ".join(h.split(";", 1)[0] for k, h in response.getheaders() if k.lower() == "set-cookie")


def operations(p, village_project: str, township_project: str) -> list[dict]:
    """(name, Luoshi's request, Redmine's request): the same rows each side shows for the same question."""
    from django.utils import timezone

    # Luoshi's 逾期: due before today (its local date), and neither a draft, awaiting 验收 nor finished; in Redmine
    # 新建 or 进行中 (待验收 is 已解决 there) and due on yesterday or before
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    flt = f"unit={p.village_id}&overdue=1&sort=deadline&page_size=50"
    api = f"unit={p.village_id}&overdue=true&sort=deadline&page_size=50"
    rm_api = f"project_id={village_project}&status_id=1%7C2&due_date=%3C%3D{yesterday}&sort=due_date&limit=50"
    rm_page = (f"/projects/{village_project}/issues?set_filter=1&f[]=status_id&op[status_id]=%3D&v[status_id][]=1"
               f"&v[status_id][]=2&f[]=due_date"
               f"&op[due_date]=%3C%3D&v[due_date][]={yesterday}&sort=due_date&per_page=50")
    return [
        {"name": "JSON task list, a village (overdue, by deadline)", "who": "village", "api": True,
         "luoshi": f"/api/v1/tasks/?{api}", "redmine": f"/issues.json?{rm_api}"},
        {"name": "JSON task list, the township's office (same rows)", "who": "office", "api": True,
         "luoshi": f"/api/v1/tasks/?{api}", "redmine": f"/issues.json?{rm_api}"},
        {"name": "JSON task list, the township's first page", "who": "office", "api": True,
         "luoshi": "/api/v1/tasks/?page_size=50", "redmine": f"/issues.json?project_id={township_project}&status_id=*&limit=50"},
        {"name": "HTML task list, a village (overdue, by deadline)", "who": "village",
         "luoshi": f"/tasks/?{flt}", "redmine": rm_page},
        {"name": "HTML task list, the township's office (same rows)", "who": "office",
         "luoshi": f"/tasks/?{flt}", "redmine": rm_page},
        {"name": "HTML task list, the township's first page", "who": "office",
         "luoshi": "/tasks/?page_size=50", "redmine": f"/projects/{township_project}/issues?set_filter=1&f[]=status_id&op[status_id]=*&per_page=50"},
        {"name": "the township's status: plan page / issue report", "who": "office",
         "luoshi": f"/plans/{p.plan_id}/", "redmine": f"/projects/{township_project}/issues/report"},
        {"name": "a progress note / a journal (no file)", "who": "village", "api": True, "write": True,
         "luoshi": "/api/v1/tasks/{task}/reports/", "redmine": "/issues/{task}.json"},
        {"name": "export of the township's tasks: Excel / CSV", "who": "office", "export": True,
         "luoshi": "/ledgers/tasks/export.xlsx",
         "redmine": f"/projects/{township_project}/issues.csv?set_filter=1&f[]=status_id&op[status_id]=*"
                    "&c[]=project&c[]=tracker&c[]=status&c[]=subject&c[]=author&c[]=due_date&c[]=done_ratio"},
    ]


def _send(conn, method, path, headers, body=None) -> bytes:
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
    except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
        # gunicorn drops a kept-alive connection idle for 2 s (while the other side exports): connect again
        conn.close()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
    data = response.read()
    if response.status not in (200, 201, 204):
        raise RuntimeError(f"{method} {path}: HTTP {response.status} {data[:300]!r}")
    return data


def _luoshi_request(conn, op, headers, task, i):
    if op.get("write"):
        body = urllib.parse.urlencode({"text": f"基准测试上报第{i}次：已组织人员推进，本周完成入户走访。"})
        return _send(conn, "POST", op["luoshi"].format(task=task), headers
                     | {"Content-Type": "application/x-www-form-urlencoded"}, body)
    return _send(conn, "GET", op["luoshi"], headers)


def _redmine_request(conn, op, headers, task, i):
    if op.get("write"):
        body = json.dumps({"issue": {"notes": f"基准测试上报第{i}次：已组织人员推进，本周完成入户走访。"}})
        return _send(conn, "PUT", op["redmine"].format(task=task), headers | {"Content-Type": "application/json"},
                     body.encode())
    return _send(conn, "GET", op["redmine"], headers)


def measure(port: int, redmine: Redmine, p, n: int, only: str | None) -> list[dict]:
    cookies, keys = sessions(p), tokens(p)
    rows = []
    for op in operations(p, f"u{p.village_id}", f"u{_township_of(p)}"):
        if only and only not in op["name"]:
            continue
        who, api = op["who"], op.get("api", False)
        lh = {"Authorization": f"Bearer {keys[who]}"} if api else {"Cookie": f"sessionid={cookies[who]}"}
        rh = redmine.headers(who, api)
        lconn, rconn = http.client.HTTPConnection("127.0.0.1", port, timeout=300), redmine.connection()
        rounds = max(5, n // 5) if op.get("export") else n
        warm = 2 if op.get("export") else 10
        sizes, counts = {}, ""
        for i in range(warm):
            task = p.report_task_ids[i % len(p.report_task_ids)]
            mine, theirs = _luoshi_request(lconn, op, lh, task, i), _redmine_request(rconn, op, rh, task, i)
            sizes = {"luoshi": len(mine), "redmine": len(theirs)}
        if api and not op.get("write"):  # the same rows on both sides, or the comparison says nothing
            counts = f"; rows {json.loads(mine)['count']} / {json.loads(theirs)['total_count']}"
        lms, rms = [], []
        for i in range(rounds):
            task = p.report_task_ids[(i + warm) % len(p.report_task_ids)]
            if api and not op.get("write"):
                _stale_lists()
            t0 = time.perf_counter()
            _luoshi_request(lconn, op, lh, task, 100 + i)
            lms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            _redmine_request(rconn, op, rh, task, 100 + i)
            rms.append((time.perf_counter() - t0) * 1000)
        lconn.close(), rconn.close()
        row = {"name": op["name"], "luoshi_p50": pct(lms, .5), "redmine_p50": pct(rms, .5), "rounds": rounds,
               "bytes": sizes, "rows": counts}
        row["ratio"] = row["redmine_p50"] / row["luoshi_p50"]
        rows.append(row)
        print(f"{op['name']:<52} Luoshi {row['luoshi_p50']:8.1f} ms  Redmine {row['redmine_p50']:8.1f} ms"
              f"  Redmine ÷ Luoshi {row['ratio']:5.1f}×   ({rounds} each; bytes {sizes}{counts})", flush=True)
    return rows


def throughput(port: int, redmine: Redmine, p, seconds: int) -> list[dict]:
    """Requests per second with 8 connections on the village's JSON list (wrk, Debian's package), each side
    alone in turn."""
    from http_bench import wrk

    keys = tokens(p)
    op = operations(p, f"u{p.village_id}", f"u{_township_of(p)}")[0]
    rows = []
    for side, target, headers in (("Luoshi", port, {"Authorization": f"Bearer {keys['village']}"}),
                                  ("Redmine", redmine.port, redmine.headers("village", True))):
        path = op["luoshi"] if side == "Luoshi" else op["redmine"]
        rows.append({"side": side} | wrk(target, {"name": f"{side}: {op['name']}", "path": path}, headers, seconds))
    print(f"throughput, 8 connections: Luoshi ÷ Redmine in requests/s {rows[0]['rps'] / rows[1]['rps']:.1f}×",
          flush=True)
    return rows


def _stale_lists() -> None:
    """What every report does to the cached JSON lists (`core.freshness`): the tasks table's stamp moves, so the
    next list is read from the database. Done between requests, outside the time, so a JSON list is timed cold
    while the login stays cached as deployed."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_tableversion SET version = version + 1 WHERE name = 'plans_task'")


def _township_of(p) -> int:
    from luoshi.org.models import Unit

    return Unit.objects.unscoped("the village's township").values_list("parent_id", flat=True).get(pk=p.village_id)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--redmine-url", default="http://127.0.0.1:3000")
    parser.add_argument("--village-key", required=True)
    parser.add_argument("--office-key", required=True)
    parser.add_argument("--password", default="bench-pass-2026")
    parser.add_argument("--port", type=int, default=8131)
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--only", help="only the operations whose name contains this")
    parser.add_argument("--wrk", type=int, default=0, help="seconds of wrk on each side's JSON list (0: none)")
    parser.add_argument("--json")
    args = parser.parse_args()
    django_setup()
    from django.conf import settings

    if args.wrk and settings.LUOSHI_CACHE_SECONDS:
        parser.error("--wrk needs LUOSHI_CACHE_SECONDS=0: wrk cannot move the tasks' stamp between its requests, and "
                     "a cached list is not the honest case")
    p = personas()
    redmine = Redmine(args.redmine_url, {"village": args.village_key, "office": args.office_key}, args.password)
    server = start_server(args.port, 4, 2)
    try:
        rows = measure(args.port, redmine, p, args.n, args.only)
        if args.wrk:
            rows += throughput(args.port, redmine, p, args.wrk)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.json:
        with open(args.json, "w") as out:
            json.dump(rows, out, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
