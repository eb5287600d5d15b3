"""Where one page's time goes: cProfile over N requests of a path as the benchmark personas, in
process, against a database made by `luoshi gen` (the same set-up as ratios.py). Prints the wall
time per request without the profiler first, then the profile's top functions.

    LUOSHI_CACHE_SECONDS=0 LUOSHI_DATABASE_URL=… LUOSHI_AUDIT_KEY=… \\
        .venv/bin/python benchmarks/profile_page.py /plans/{plan}/ [--who office] [--n 20] [--top 40]

`{plan}`, `{village}` and `{task}` in the path are the personas' plan, village and busiest task.
With --note the request is a progress note POSTed to the path (`/api/v1/tasks/{report}/reports/` with
--api --who village), `{report}` taking the village's signed tasks in turn: the notes stay in the database."""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time

from bench_common import QueryCounter, django_setup, pct, personas, sessions, tokens


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--who", default="office", choices=("office", "village"))
    parser.add_argument("--api", action="store_true", help="send the persona's token instead of its session")
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--callers", help="also print who calls the functions matching this (pstats pattern)")
    parser.add_argument("--note", action="store_true", help="POST a progress note instead of a GET")
    parser.add_argument("--sql", action="store_true", help="also print each statement's time (one request)")
    parser.add_argument("--by-module", action="store_true", help="also print the own time of each module's functions")
    args = parser.parse_args()
    django_setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    p = personas()
    path = args.path.format(plan=p.plan_id, village=p.village_id, task=p.detail_task_id, report="{report}")
    if args.api:
        client = Client(HTTP_AUTHORIZATION=f"Bearer {tokens(p)[args.who]}")
    else:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions(p)[args.who]
    sent = iter(range(10**9))

    def request():
        if not args.note:
            return client.get(path)
        i = next(sent)
        return client.post(path.format(report=p.report_task_ids[i % len(p.report_task_ids)]),
                           {"text": f"剖析上报第{i}次：已组织人员推进，本周完成入户走访。"})

    for _warm in range(3):
        assert request().status_code in (200, 201)
    wall, cpu = [], []
    for _round in range(args.n):
        t0, c0 = time.perf_counter(), time.process_time()
        response = request()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    counted = QueryCounter()
    with connection.execute_wrapper(counted):
        request()
    print(f"{path}: p50 {pct(wall, .5):.1f} ms wall, {pct(cpu, .5):.1f} ms CPU, {counted.n} statements, "
          f"{len(response.content) // 1024} KB")
    if args.sql:
        for ms, sql in counted.timed:
            print(f"{ms:7.2f} ms  {sql[:150]}")
    profiler = cProfile.Profile()
    profiler.enable()
    for _round in range(args.n):
        request()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats(args.sort).print_stats(args.top)
    if args.callers:
        stats.print_callers(args.callers)
    if args.by_module:
        _by_module(stats, args.n)
    print(out.getvalue())


def _by_module(stats: pstats.Stats, n: int) -> None:
    """Own time per module (a package's modules under Django and the site-packages summed by package):
    where a page's Python goes, however its calls nest."""
    own: dict[str, list] = {}
    for (filename, _line, _name), (_cc, calls, tottime, _cum, _callers) in stats.stats.items():
        name = filename.split("site-packages/")[-1].split("/work/main/")[-1]
        parts = name.split("/")
        if parts[0] == "django" and len(parts) > 2:
            name = "/".join(parts[:2])
        entry = own.setdefault(name, [0.0, 0])
        entry[0] += tottime
        entry[1] += calls
    total = sum(t for t, _c in own.values())
    for name, (tottime, calls) in sorted(own.items(), key=lambda item: -item[1][0])[:30]:
        print(f"{tottime / total:6.1%} {calls // n:7d} calls/request  {name}")


if __name__ == "__main__":
    main()
