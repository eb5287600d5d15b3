"""How long a 10,000-row ledger import takes end to end: parse + validate + save, on SQLite.

Run by hand from the repository root (report the figures in benchmarks/RESULTS.md):

    .venv/bin/python benchmarks/ledger_import.py [--rows 10000] [--ledger problems|tasks]

It builds a throwaway SQLite database in a temporary directory (migrated, the test personas'
county loaded), writes a township-style workbook of `--rows` rows, and times
`import_ledger` as the office user: the reader, every row through the ledger's form, and every
row saved through the ledger's create service with its audit entry, in one transaction. The
target is under 10 s for 10,000 rows. Nothing here asserts a time: numbers are for people.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--ledger", choices=["problems", "tasks"], default="problems")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="luoshi-bench-"))
    os.environ["LUOSHI_SQLITE_PATH"] = str(tmp / "bench.sqlite3")
    os.environ.pop("LUOSHI_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "luoshi.config.settings.dev"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from luoshi.exchange.importing import import_ledger
    from luoshi.ledgers.registry import get_ledger
    from luoshi.ledgers.testing import PROBLEM_HEADER, TASK_HEADER, problem_row, task_row, workbook
    from luoshi.org.testing import build_world
    from luoshi.plans.tests.factories import township_plan as make_plan

    world = build_world()
    office = world.user("office")
    units = ["路村", "庙口村", "经济发展办公室"]
    if args.ledger == "problems":
        rows = [problem_row(n + 1, units[n % 3]) for n in range(args.rows)]
        path, options = workbook(tmp / "book.xlsx", PROBLEM_HEADER, rows), {}
    else:
        rows = [task_row(n + 1, units[n % 3], line=f"第{n % 11 + 1}专线") for n in range(args.rows)]
        path, options = workbook(tmp / "book.xlsx", TASK_HEADER, rows), {"plan": make_plan(world)}
    start = time.perf_counter()
    outcome = import_ledger(actor=office, ledger=get_ledger(args.ledger), path=path, options=options)
    elapsed = time.perf_counter() - start
    print(f"{args.ledger}: {args.rows} rows, {outcome.created} saved, {len(outcome.errors)} errors "
          f"in {elapsed:.2f} s ({args.rows / elapsed:,.0f} rows/s)")
    return 0 if outcome.created == args.rows else 1


if __name__ == "__main__":
    sys.exit(main())
