"""Issue 21, in process: each page against its own JSON list for the same rows, and the Excel export
against its floor (one query and xlsxwriter in constant memory), measured interleaved — page, JSON,
page, JSON … — so that whatever else the machine does weighs on both alike. Prints the ratios the
issue's targets name; Redmine's figures are measured separately (benchmarks/RESULTS.md).

    LUOSHI_CACHE_SECONDS=0 LUOSHI_DATABASE_URL=… LUOSHI_AUDIT_KEY=… \\
        .venv/bin/python benchmarks/ratios.py [--n 40] [--runs 3] [--only pairs,pages,export,battlemap,queue] [--json out.json]

`LUOSHI_CACHE_SECONDS=0` measures the JSON lists cold, the honest case (every report clears them)."""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from bench_common import QueryCounter, django_setup, pct, personas, sessions, tokens

# (name, page path, JSON path, who): the same rows, as a person sees them and as the API returns them
PAIRS = [
    ("task list, a village", "/tasks/?{flt}", "/api/v1/tasks/?{api}", "village"),
    ("task list, the township", "/tasks/?{flt}", "/api/v1/tasks/?{api}", "office"),
    ("task list, the township, first page", "/tasks/?page_size=50", "/api/v1/tasks/?page_size=50", "office"),
    ("problem list, the township", "/ledgers/problems/", "/api/v1/problems/", "office"),
    ("register list: 招商引资", "/ledgers/projects/", "/api/v1/projects/", "office"),
]
# pages whose own target is a time (p50), beside the floor of a page that shows almost nothing
PAGES = [
    ("plan page (the township's lights by line)", "/plans/{plan}/", "office", 15.0),
    ("a page with next to nothing on it (floor)", "/plans/", "office", None),
]


def _clients(p):
    from django.conf import settings
    from django.test import Client

    cookies, keys = sessions(p), tokens(p)
    pages, apis = {}, {}
    for who in ("village", "office"):
        pages[who] = Client()
        pages[who].cookies[settings.SESSION_COOKIE_NAME] = cookies[who]
        apis[who] = Client(HTTP_AUTHORIZATION=f"Bearer {keys[who]}")
    return pages, apis


def _timed(client, path: str) -> float:
    t0 = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - t0) * 1000
    assert response.status_code == 200, (path, response.status_code, response.content[:200])
    return elapsed


def _queries(client, path: str) -> int:
    from django.db import connection

    counted = QueryCounter()
    with connection.execute_wrapper(counted):
        client.get(path)
    return counted.n


def measure_pairs(p, n: int) -> list[dict]:
    flt = f"unit={p.village_id}&overdue=1&sort=deadline&page_size=50"
    api = f"unit={p.village_id}&overdue=true&sort=deadline&page_size=50"
    pages, apis = _clients(p)
    out = []
    for name, page_path, api_path, who in PAIRS:
        page_path, api_path = page_path.format(flt=flt), api_path.format(api=api)
        for _warm in range(3):
            _timed(pages[who], page_path), _timed(apis[who], api_path)
        page_ms, api_ms = [], []
        for _round in range(n):
            page_ms.append(_timed(pages[who], page_path))
            api_ms.append(_timed(apis[who], api_path))
        row = {"name": name, "page_p50": pct(page_ms, .5), "json_p50": pct(api_ms, .5),
               "page_p95": pct(page_ms, .95), "page_queries": _queries(pages[who], page_path),
               "json_queries": _queries(apis[who], api_path)}
        row["ratio"] = row["page_p50"] / row["json_p50"]
        out.append(row)
        print(f"{name:<38} page p50 {row['page_p50']:6.1f} ms ({row['page_queries']:2d} q)   "
              f"JSON p50 {row['json_p50']:6.1f} ms ({row['json_queries']:2d} q)   page ÷ JSON {row['ratio']:4.1f}× "
              f"(target ≤ 3×)", flush=True)
    return out


def measure_pages(p, n: int) -> list[dict]:
    pages, _apis = _clients(p)
    out = []
    for name, path, who, target in PAGES:
        path = path.format(plan=p.plan_id)
        for _warm in range(3):
            _timed(pages[who], path)
        ms = [_timed(pages[who], path) for _round in range(n)]
        row = {"name": name, "p50": pct(ms, .5), "p95": pct(ms, .95), "queries": _queries(pages[who], path),
               "target_p50": target}
        out.append(row)
        aim = f"(target p50 ≤ {target:.0f} ms)" if target else ""
        print(f"{name:<44} p50 {row['p50']:6.1f} ms  p95 {row['p95']:6.1f} ms  {row['queries']:2d} q  {aim}",
              flush=True)
    return out


def measure_export(p, runs: int) -> dict:
    """The township's tasks to Excel through the engine, against the floor: the same columns read
    in one query and written by xlsxwriter in constant memory."""
    import xlsxwriter
    from django.http import QueryDict

    from luoshi.ledgers import selectors, services
    from luoshi.ledgers.registry import get_ledger
    from luoshi.plans.models import Task

    ledger = get_ledger("tasks")
    state = selectors.parse_state(ledger, QueryDict(""), chosen=None)
    folder = Path(tempfile.mkdtemp(prefix="luoshi-ratios-"))
    fields = ("id", "title", "line__name", "lead_unit__name", "owner__name", "deadline", "deadline_text",
              "status", "progress", "light")
    engine, floor, rows = [], [], 0
    for run in range(runs):
        t0 = time.perf_counter()
        rows = services.ledger_export(actor=p.office_user, ledger=ledger, state=state, path=folder / f"e{run}.xlsx")
        engine.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        values = Task.objects.visible_to(p.office_user).order_by("id").values_list(*fields)
        book = xlsxwriter.Workbook(str(folder / f"f{run}.xlsx"), {"constant_memory": True})
        sheet = book.add_worksheet()
        sheet.write_row(0, 0, fields)
        count = 0
        for count, row in enumerate(values.iterator(chunk_size=2000), start=1):
            sheet.write_row(count, 0, [str(v) if v is not None else "" for v in row])
        book.close()
        floor.append((time.perf_counter() - t0) * 1000)
    pages, _apis = _clients(p)
    request = []
    for _run in range(runs):  # the whole request as the office sends it: the count, then the file or a job
        t0 = time.perf_counter()
        response = pages["office"].get("/ledgers/tasks/export.xlsx")
        assert response.status_code == 200, (response.status_code, response.get("Location"))  # not queued
        b"".join(response.streaming_content)
        request.append((time.perf_counter() - t0) * 1000)
    result = {"rows": rows, "floor_rows": count, "engine_p50": pct(engine, .5), "floor_p50": pct(floor, .5),
              "request_p50": pct(request, .5)}
    result["ratio"] = result["engine_p50"] / result["floor_p50"]
    print(f"Excel export of the township's tasks: {rows} rows in {result['engine_p50']:.0f} ms; the floor "
          f"({count} rows, one query + xlsxwriter) {result['floor_p50']:.0f} ms: {result['ratio']:.1f}× "
          f"(target ≤ 2×, ≤ 500 ms); the request /ledgers/tasks/export.xlsx {result['request_p50']:.0f} ms",
          flush=True)
    return result


def measure_battle_map_xlsx(p, runs: int) -> dict:
    """The battle map's workbook of the township's plan, as the office downloads it (the whole request)."""
    pages, _apis = _clients(p)
    path = f"/plans/{p.plan_id}/battle-map.xlsx"
    _timed(pages["office"], path)
    ms = [_timed(pages["office"], path) for _run in range(runs)]
    result = {"p50": pct(ms, .5), "queries": _queries(pages["office"], path)}
    print(f"battle map workbook of the township's plan: p50 {result['p50']:.0f} ms, {result['queries']} q "
          f"(target ≤ 300 ms)", flush=True)
    return result


def measure_queue(p, runs: int, gap: float) -> dict:
    """Enqueue to start of an export job: a worker started as deployed (`luoshi worker`, without the
    periodic jobs) on this database's queue (Redis with LUOSHI_REDIS_URL, else the SQLite file beside
    the database), `runs` jobs each after about `gap` seconds of an idle queue (½ to 1½ times, at random,
    so as not to fall in step with the worker's polls). A job is a small export (the village's tasks, as
    the office): its JobRun row and file stay in the database, like its audit entry."""
    import os
    import subprocess
    import sys

    from luoshi.core.models import JobRun
    from luoshi.ledgers import services
    from luoshi.ledgers.registry import get_ledger

    ledger = get_ledger("tasks")
    env = dict(os.environ, LUOSHI_JOB_PERIODIC="0")
    worker = subprocess.Popen([sys.executable, "-m", "luoshi.cli", "worker"], env=env, cwd=Path(__file__).parents[1],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    jobs = JobRun.objects.unscoped("the benchmark reads the jobs it queued")
    handoff, latency, total = [], [], []
    rng = random.Random(21)
    try:
        time.sleep(5)  # the worker's start-up
        for _run in range(runs):
            time.sleep(gap * rng.uniform(0.5, 1.5))  # not in step with the worker's polls
            t0 = time.time()
            job = services.export_start(actor=p.office_user, ledger=ledger,
                                        params={"unit": str(p.village_id), "cols": [], "q": ""})
            queued = time.time()  # the job's row written and the task enqueued (on the commit)
            while (row := jobs.filter(pk=job.pk).values("started_at", "finished_at").get())["finished_at"] is None:
                if time.time() - t0 > 60:
                    raise RuntimeError("the job did not finish within a minute")
                time.sleep(0.002)
            handoff.append((queued - t0) * 1000)
            latency.append((row["started_at"].timestamp() - queued) * 1000)
            total.append((row["finished_at"].timestamp() - t0) * 1000)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    result = {"runs": runs, "gap_s": gap, "handoff_p50": pct(handoff, .5), "latency_p50": pct(latency, .5),
              "latency_max": max(latency), "done_p50": pct(total, .5), "latency_ms": [round(x, 1) for x in latency]}
    print(f"queue: the job's row and enqueue {result['handoff_p50']:.0f} ms; enqueue → start p50 "
          f"{result['latency_p50']:.0f} ms, max {result['latency_max']:.0f} ms after {gap:.0f} s idle ({runs} jobs; "
          f"target ≤ 50 ms); request → done p50 {result['done_p50']:.0f} ms; each start {result['latency_ms']}",
          flush=True)
    return result


PARTS = ("pairs", "pages", "export", "battlemap", "queue")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="interleaved rounds per pair")
    parser.add_argument("--runs", type=int, default=3, help="export runs")
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"comma-separated parts to run, of {','.join(PARTS)}")
    parser.add_argument("--queue-runs", type=int, default=5, help="jobs queued (part queue)")
    parser.add_argument("--queue-gap", type=float, default=2.0, help="seconds the queue is idle before each job")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    only = set(args.only.split(","))
    django_setup()
    from django.conf import settings
    from django.db import connection

    p = personas()
    print(f"database: {connection.vendor}; cache seconds {settings.LUOSHI_CACHE_SECONDS}; n {args.n}", flush=True)
    result = {}
    if "pairs" in only:
        result["pairs"] = measure_pairs(p, args.n)
    if "pages" in only:
        result["pages"] = measure_pages(p, args.n)
    if "export" in only:
        result["export"] = measure_export(p, args.runs)
    if "battlemap" in only:
        result["battlemap"] = measure_battle_map_xlsx(p, args.runs)
    if "queue" in only:
        result["queue"] = measure_queue(p, args.queue_runs, args.queue_gap)
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
