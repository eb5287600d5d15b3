"""Where one page's time goes: cProfile over N requests of a path as the benchmark personas, in
process, against a database made by `luoshi gen` (the same set-up as ratios.py). Prints the wall
time per request without the profiler first, then the profile's top functions.

    LUOSHI_CACHE_SECONDS=0 LUOSHI_DATABASE_URL=… LUOSHI_AUDIT_KEY=… \\
        .venv/bin/python benchmarks/profile_page.py /plans/{plan}/ [--who office] [--n 20] [--top 40]

`{plan}`, `{village}` and `{task}` in the path are the personas' plan, village and busiest task."""

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
    args = parser.parse_args()
    django_setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    p = personas()
    path = args.path.format(plan=p.plan_id, village=p.village_id, task=p.detail_task_id)
    if args.api:
        client = Client(HTTP_AUTHORIZATION=f"Bearer {tokens(p)[args.who]}")
    else:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions(p)[args.who]
    for _warm in range(3):
        assert client.get(path).status_code == 200
    wall, cpu = [], []
    for _round in range(args.n):
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.get(path)
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    counted = QueryCounter()
    with connection.execute_wrapper(counted):
        client.get(path)
    print(f"{path}: p50 {pct(wall, .5):.1f} ms wall, {pct(cpu, .5):.1f} ms CPU, {counted.n} statements, "
          f"{len(response.content) // 1024} KB")
    profiler = cProfile.Profile()
    profiler.enable()
    for _round in range(args.n):
        client.get(path)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())


if __name__ == "__main__":
    main()
