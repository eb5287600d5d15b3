"""Issue 7, in process: server time (p50/p95) and SQL queries per request of each page and
API call, the counts-by-line×light aggregate against its raw SQL, Excel export of a township's
5,000 tasks and import of 10,000 problem rows. Production settings (DEBUG off).

Run by hand against a database made by `luoshi gen` (see benchmarks/README.md):

    LUOSHI_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/luoshi_bench_county \\
        .venv/bin/python benchmarks/run.py [--n 50] [--skip-import] [--json out.json]

Report submission and import write: submissions stay (they are real reports on the village's
tasks), the import is rolled back. Nothing here asserts a time: numbers are for people."""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from bench_common import (
    COUNTS_SQL,
    QueryCounter,
    django_setup,
    pct,
    personas,
    scenarios,
    sessions,
    summary,
    tokens,
)


def _client(who, api, cookies, keys):
    from django.conf import settings
    from django.test import Client

    if api:
        return Client(HTTP_AUTHORIZATION=f"Bearer {keys[who]}")
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = cookies[who]
    return client


def _request(client, sc, task_ids, i):
    if sc.get("method") == "POST":
        path = sc["path"].format(task=task_ids[i % len(task_ids)])
        return client.post(path, {"text": f"基准测试上报第{i}次：已组织人员推进，本周完成入户走访。"})
    return client.get(sc["path"])


def measure_requests(p, n: int, skip: tuple[str, ...] = ()) -> list[dict]:
    from django.db import connection

    cookies, keys = sessions(p), tokens(p)
    rows = []
    for sc in scenarios(p):
        if any(word in sc["name"] for word in skip):
            continue
        client = _client(sc["who"], sc.get("api"), cookies, keys)
        for i in range(5):
            response = _request(client, sc, p.report_task_ids, i)
            assert response.status_code in (200, 201), (sc["name"], response.status_code, response.content[:300])
        captured = QueryCounter()
        with connection.execute_wrapper(captured):
            _request(client, sc, p.report_task_ids, 5)
        ms = []
        for i in range(n):
            t0 = time.perf_counter()
            _request(client, sc, p.report_task_ids, 6 + i)
            ms.append((time.perf_counter() - t0) * 1000)
        rows.append({"name": sc["name"], "p50": pct(ms, .5), "p95": pct(ms, .95), "queries": captured.n,
                     "bytes": len(response.content)})
        print(f"{sc['name']:<32} {summary(ms)}  {captured.n:3d} queries", flush=True)
    return rows


def measure_counts(p, n: int) -> dict:
    from django.db import connection

    from luoshi.plans import selectors
    from luoshi.plans.models import Plan

    plan = Plan.objects.unscoped("benchmark").get(pk=p.plan_id)
    timings = {}
    for name, run in (("raw SQL", lambda: _raw(connection, p.plan_id)),
                      ("selector (ORM, scoped)", lambda: selectors.counts_by_line_and_light(actor=p.office_user,
                                                                                             plan=plan))):
        for _ in range(3):
            run()
        ms = []
        for _ in range(n):
            t0 = time.perf_counter()
            run()
            ms.append((time.perf_counter() - t0) * 1000)
        timings[name] = {"p50": pct(ms, .5), "p95": pct(ms, .95)}
        print(f"counts line×light {name:<24} {summary(ms)}", flush=True)
    ratio = timings["selector (ORM, scoped)"]["p50"] / timings["raw SQL"]["p50"]
    print(f"counts line×light selector / raw SQL (p50): {ratio:.2f}×")
    return timings | {"ratio": ratio}


def _raw(connection, plan_id):
    with connection.cursor() as cursor:
        cursor.execute(COUNTS_SQL, [plan_id])
        return cursor.fetchall()


def measure_export(p, runs: int = 3) -> dict:
    from django.db import connection
    from django.http import QueryDict

    from luoshi.ledgers import selectors, services
    from luoshi.ledgers.registry import get_ledger

    ledger = get_ledger("tasks")
    state = selectors.parse_state(ledger, QueryDict(""), chosen=None)
    out = Path(tempfile.mkdtemp(prefix="luoshi-bench-")) / "tasks.xlsx"
    ms, rows = [], 0
    for _run in range(runs):
        captured = QueryCounter()
        with connection.execute_wrapper(captured):
            t0 = time.perf_counter()
            rows = services.ledger_export(actor=p.office_user, ledger=ledger, state=state, path=out)
            ms.append((time.perf_counter() - t0) * 1000)
    print(f"export tasks ledger: {rows} rows, {summary(ms)}, {captured.n} queries, {out.stat().st_size} bytes")
    return {"rows": rows, "p50": pct(ms, .5), "max": max(ms), "queries": captured.n}


def measure_import(p, rows: int) -> dict:
    from django.db import connection, transaction

    from luoshi.exchange.importing import import_ledger
    from luoshi.ledgers.registry import get_ledger
    from luoshi.ledgers.testing import PROBLEM_HEADER, problem_row, workbook
    from luoshi.org.models import Unit

    villages = list(Unit.objects.unscoped("benchmark").filter(parent_id=p.village_user.person.unit.parent_id,
                                                              kind="village").values_list("name", flat=True))
    path = workbook(Path(tempfile.mkdtemp(prefix="luoshi-bench-")) / "problems.xlsx", PROBLEM_HEADER,
                    [problem_row(n + 1, villages[n % len(villages)]) for n in range(rows)])
    captured = QueryCounter()
    with transaction.atomic(), connection.execute_wrapper(captured):
        t0 = time.perf_counter()
        outcome = import_ledger(actor=p.office_user, ledger=get_ledger("problems"), path=path)
        elapsed = time.perf_counter() - t0
        transaction.set_rollback(True)
    print(f"import problems: {rows} rows, {outcome.created} saved, {len(outcome.errors)} errors, {elapsed:.2f} s, "
          f"{captured.n} queries (rolled back)")
    return {"rows": rows, "created": outcome.created, "seconds": elapsed, "queries": captured.n}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--only", default="", help="requests,counts,export,import (comma-separated)")
    parser.add_argument("--skip", default="", help="scenarios to skip, by words of their names: 'battle map,problem'")
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    django_setup()
    p = personas()
    only = set(filter(None, args.only.split(","))) or {"requests", "counts", "export", "import"}
    print(f"database: {p.vendor}; village {p.village_id}, plan {p.plan_id}, detail task {p.detail_task_id}")
    result = {"vendor": p.vendor}
    if "requests" in only:
        result["requests"] = measure_requests(p, args.n, tuple(filter(None, args.skip.split(","))))
    if "counts" in only:
        result["counts"] = measure_counts(p, args.n)
    if "export" in only:
        result["export"] = measure_export(p)
    if "import" in only and not args.skip_import:
        result["import"] = measure_import(p, args.import_rows)
    result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {result['maxrss_mb']:.0f} MB")
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
