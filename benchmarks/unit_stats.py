"""Issue 16, in process: server time (p50/p95) and SQL queries of a unit's statistics page
(/assessment/units/<id>/) for a village (as its secretary and as the township office) and for a
department (as the office), and the time of one scoring run over the township's villages (rolled
back). Production settings (DEBUG off). Run by hand against a database made by `luoshi gen`:

    LUOSHI_SQLITE_PATH=/tmp/bench/township.sqlite3 .venv/bin/python benchmarks/unit_stats.py [--n 50]

Nothing here asserts a time: numbers are for people."""

from __future__ import annotations

import argparse
import time

from bench_common import QueryCounter, django_setup, personas, sessions, summary


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=50)
    args = parser.parse_args()
    django_setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client

    from luoshi.assessment import services
    from luoshi.org.models import Unit

    p = personas()
    cookies = sessions(p)
    village = Unit.objects.unscoped("the benchmark village").get(pk=p.village_id)
    department = Unit.objects.unscoped("a department of the township").filter(
        parent_id=village.parent_id, kind="department").order_by("id").first()
    print(f"{connection.vendor}: village {village.name}, department {department.name}")
    for who, unit in (("village", village), ("office", village), ("office", department)):
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = cookies[who]
        url = f"/assessment/units/{unit.pk}/"
        assert client.get(url).status_code == 200
        ms, counter = [], QueryCounter()
        with connection.execute_wrapper(counter):
            for _ in range(args.n):
                start = time.perf_counter()
                client.get(url)
                ms.append(1000 * (time.perf_counter() - start))
        print(f"{unit.kind:10} as {who:7}  {summary(ms)}  queries {counter.n / args.n:.0f}")
    township = Unit.objects.unscoped("the benchmark township").get(pk=village.parent_id)
    with transaction.atomic():
        scheme = services.scheme_create(actor=p.office_user, unit=township, year=2026, assessed_kind="village",
                                        title="benchmark")
        for formula in ("on_time_rate", "red_tasks", "urges", "problems_on_time", "attendance", "indicators",
                        "income_growth"):
            services.item_add(actor=p.office_user, scheme=scheme, name=formula, kind="computed", formula=formula,
                              weight=10, step=1)
        services.scheme_activate(actor=p.office_user, scheme=scheme)
        counter, start = QueryCounter(), time.perf_counter()
        with connection.execute_wrapper(counter):
            run = services.run_compute(actor=p.office_user, scheme=scheme)
        took = time.perf_counter() - start
        units = run.rankings.model.objects.unscoped("the benchmark run").filter(run=run).count()
        print(f"scoring run: {units} villages × 7 items in {took:.2f} s, {counter.n} queries")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
