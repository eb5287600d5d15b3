"""Shared by benchmarks/run.py and benchmarks/http_bench.py: Django set-up against a database
made by `luoshi gen`, the benchmark personas (a village secretary and a township office of the
first generated township), their tokens and sessions, and the scenarios of issue 7.

Environment: LUOSHI_DATABASE_URL (PostgreSQL) or LUOSHI_SQLITE_PATH, as for `luoshi gen`."""

from __future__ import annotations

import os
import secrets
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def production_env(static_root: str = "/tmp/bench/static") -> dict:
    """Production settings (DEBUG off, manifest static files), minus TLS, on loopback."""
    env = {
        "DJANGO_SETTINGS_MODULE": "luoshi.config.settings.prod",
        "LUOSHI_SECRET_KEY": os.environ.get("LUOSHI_SECRET_KEY") or secrets.token_urlsafe(48),
        # the audit chain of a benchmark database made with another key would not verify: reuse the caller's
        "LUOSHI_AUDIT_KEY": os.environ.get("LUOSHI_AUDIT_KEY") or secrets.token_urlsafe(48),
        "LUOSHI_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "LUOSHI_SSL_REDIRECT": "0", "LUOSHI_SECURE_COOKIES": "0", "LUOSHI_HSTS_SECONDS": "0",
        "LUOSHI_STATIC_ROOT": static_root, "LUOSHI_LOG_LEVEL": "ERROR",
    }
    os.environ.update(env)
    return env


def django_setup() -> None:
    production_env()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    from luoshi.config.runtime import tune_gc

    tune_gc()  # as luoshi/config/wsgi.py does in each server worker


@dataclass
class Personas:
    village_user: object
    office_user: object
    village_id: int
    plan_id: int
    detail_task_id: int
    report_task_ids: list[int]
    vendor: str
    bound_indicator_id: int | None = None  # a target bound to a register (issue 14), when the data has one


def personas(township: str = "t01") -> Personas:
    from django.db import connection
    from django.db.models import Count

    from luoshi.org.models import User
    from luoshi.plans.models import Plan, Task, TaskStatus

    users = User.objects.unscoped("benchmark personas").select_related("person__unit")
    village_user = users.get(username=f"{township}.v01")
    office_user = users.get(username=f"{township}.office1")
    village = village_user.person.unit
    plan = Plan.objects.unscoped("the township's plan").get(unit_id=village.parent_id)
    tasks = Task.objects.unscoped("benchmark targets").filter(scope_path=village.path)
    detail = tasks.annotate(n=Count("reports")).order_by("-n", "id").values_list("id", flat=True).first()
    report_ids = list(tasks.filter(status=TaskStatus.SIGNED).order_by("id").values_list("id", flat=True)[:60])
    from luoshi.plans.models import Indicator

    bound = (Indicator.objects.unscoped("the township's target counted from the projects register")
             .filter(plan=plan, register_measure="projects.yi_signed").values_list("id", flat=True).first())
    return Personas(village_user, office_user, village.pk, plan.pk, detail, report_ids, connection.vendor, bound)


def scenarios(p: Personas) -> list[dict]:
    """(name, method, path, who) of each measured request; `who` picks the session or token."""
    flt = f"unit={p.village_id}&overdue=1&sort=deadline&page_size=50"
    api = f"unit={p.village_id}&overdue=true&sort=deadline&page_size=50"
    return [
        {"name": "task list page (village)", "path": f"/tasks/?{flt}", "who": "village"},
        {"name": "task list page (office)", "path": f"/tasks/?{flt}", "who": "office"},
        {"name": "task list API (village)", "path": f"/api/v1/tasks/?{api}", "who": "village",
         "api": True},
        {"name": "task list API (office)", "path": f"/api/v1/tasks/?{api}", "who": "office",
         "api": True},
        {"name": "task detail", "path": f"/tasks/{p.detail_task_id}/", "who": "village"},
        {"name": "report submit (API)", "path": "/api/v1/tasks/{task}/reports/", "who": "village", "api": True,
         "method": "POST"},
        {"name": "battle map (township)", "path": f"/plans/{p.plan_id}/battle-map/", "who": "office"},
        {"name": "problem list", "path": "/ledgers/problems/", "who": "office"},
        {"name": "plan page (counts line×light)", "path": f"/plans/{p.plan_id}/", "who": "office"},
        # issue 14: a register's list (200 projects, 350 income entries a township) and a bound target's rows
        {"name": "register list (projects)", "path": "/ledgers/projects/", "who": "office"},
        {"name": "register list (collective income)", "path": "/ledgers/collective-income/", "who": "office"},
        *([{"name": "bound target's rows", "path": f"/indicators/{p.bound_indicator_id}/rows/", "who": "office"}]
          if p.bound_indicator_id else []),
    ]


def tokens(p: Personas) -> dict[str, str]:
    from luoshi.org.services import token_create

    return {who: token_create(actor=user, name="benchmark")[1]
            for who, user in (("village", p.village_user), ("office", p.office_user))}


def sessions(p: Personas) -> dict[str, str]:
    from django.conf import settings
    from django.test import Client

    cookies = {}
    for who, user in (("village", p.village_user), ("office", p.office_user)):
        client = Client()
        client.force_login(user)
        cookies[who] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookies


class QueryCounter:
    """Counts SQL statements through `connection.execute_wrapper` (survives reconnects and the
    per-request reset of connection.queries that CaptureQueriesContext relies on)."""

    def __init__(self):
        self.n = 0
        self.timed: list[tuple[float, str]] = []  # (ms, statement) of each, in order

    def __call__(self, execute, sql, params, many, context):
        self.n += 1
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.timed.append(((time.perf_counter() - t0) * 1000, sql))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def summary(ms: list[float]) -> str:
    return f"p50 {pct(ms, .5):7.1f} ms  p95 {pct(ms, .95):7.1f} ms  mean {statistics.fmean(ms):7.1f} ms"


COUNTS_SQL = """
SELECT t.line_id, l.name, t.light, COUNT(*) FROM plans_task t LEFT JOIN plans_workline l ON l.id = t.line_id
WHERE t.plan_id = %s AND t.status <> 'draft' GROUP BY t.line_id, l.name, l.sort_order, t.light
ORDER BY l.sort_order, t.line_id
"""
