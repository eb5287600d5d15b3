"""Issue 7: the proposed fixes, measured before/after in process WITHOUT editing the app: each
experiment monkeypatches one function in this process only, so the figures show what the
change would buy. Same database and personas as run.py.

    LUOSHI_DATABASE_URL=… .venv/bin/python benchmarks/fix_experiments.py [--n 30] [--only detail,map,scope]
"""

from __future__ import annotations

import argparse
import contextlib
import time

from bench_common import QueryCounter, django_setup, pct, personas, scenarios, sessions, tokens


def measure(client, path, n):
    from django.db import connection

    for _ in range(3):
        assert client.get(path).status_code == 200
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        client.get(path)
    ms = []
    for _ in range(n):
        t0 = time.perf_counter()
        client.get(path)
        ms.append((time.perf_counter() - t0) * 1000)
    return pct(ms, .5), pct(ms, .95), counter.n


@contextlib.contextmanager
def patched(obj, name, value):
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def show(label, result):
    p50, p95, q = result
    print(f"  {label:<58} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {q:3d} queries", flush=True)


def detail_experiment(client, path, n):
    """Task detail: the latest 20 reports (a link leads to the full /tasks/<id>/progress/), 20
    history entries, and the light explanation from the task's stored fields and prefetched
    milestones instead of three fresh queries."""
    from django.db.models import Prefetch
    from django.utils import timezone

    from luoshi.core import selectors as core_selectors
    from luoshi.plans.views import tasks as task_views
    from luoshi.progress import lights
    from luoshi.progress import selectors as progress_selectors
    from luoshi.progress.models import IndicatorValue, ProgressReport

    print("task detail")
    show("as is", measure(client, path, n))
    history = core_selectors.object_history
    explain = progress_selectors.light_explanation

    def latest_reports(*, actor, task):
        values = IndicatorValue.objects.unscoped("values").select_related("indicator")
        reports = list(ProgressReport.objects.visible_to(actor).filter(task=task).select_related("unit")
                       .prefetch_related(Prefetch("values", queryset=values, to_attr="value_list"))[:20])
        for r in reports:
            r.attachment_list = []  # the real fix keeps the one attachments query, on 20 ids
        return reports

    def stored_explanation(task, *, today=None):
        """As light_explanation, but last report and milestones from what task_get already read;
        only a recurring task still asks for its reported periods (one query)."""
        last = timezone.localdate(task.last_report_at) if task.last_report_at else None
        periods = lights.summaries_for([task.pk])[task.pk].periods if task.recurrence else frozenset()
        summary = lights.ReportsSummary(last_report_on=last, periods=periods)
        milestones = [lights.MilestoneState(m.title, m.due_date, m.done_at is not None) for m in task.milestones.all()]
        with patched(lights, "summaries_for", lambda ids: {task.pk: summary}), \
                patched(lights, "milestones_for", lambda ids: {task.pk: milestones}):
            return explain(task, today=today)

    with patched(progress_selectors, "reports_for_task", latest_reports):
        show("latest 20 reports only", measure(client, path, n))
        with patched(task_views, "object_history", lambda *, actor, obj: history(actor=actor, obj=obj, limit=20)):
            show("+ 20 history entries", measure(client, path, n))
            with patched(progress_selectors, "light_explanation", stored_explanation):
                show("+ light explanation from stored fields", measure(client, path, n))


def map_experiment(office, plan_id, n):
    """Battle map: the same selector and template, on all 5,000 tasks vs the 200 top-level tasks
    (village children folded into their parent row, opened on demand)."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from luoshi.plans import selectors
    from luoshi.plans.models import Plan, Task

    plan = Plan.objects.unscoped("benchmark").get(pk=plan_id)
    request = RequestFactory().get(f"/plans/{plan_id}/battle-map/")
    request.user = office
    print("battle map (selector + template render, in process)")
    for label, only_top in (("all tasks", False), ("top-level tasks only", True)):
        original = Task.objects.visible_to

        def visible(user, _o=original, _top=only_top):
            qs = _o(user)
            return qs.filter(parent__isnull=True) if _top else qs

        ms = []
        with patched(Task.objects, "visible_to", visible):
            for _ in range(max(3, n // 10)):
                t0 = time.perf_counter()
                data = selectors.battle_map(actor=office, plan=plan)
                html = render_to_string("plans/battle_map.html", {"plan": plan, **data}, request=request)
                ms.append((time.perf_counter() - t0) * 1000)
        rows = sum(len(u["rows"]) for g in data["groups"] for u in g["units"])
        print(f"  {label:<26} {rows:5d} rows  p50 {pct(ms, .5):8.1f} ms  {len(html) // 1024} KiB", flush=True)


def scope_experiment(clients, paths, n):
    """Scope rule: the co-unit arm as `pk IN (<ids>)` (one small query first) instead of
    `pk IN (SELECT …)`, so PostgreSQL can OR index scans (BitmapOr) instead of scanning the table."""
    from django.db.models import Q

    from luoshi.core import scope

    def set_q(self, model, field, grant):
        inner = self._unit_q(field, grant)
        if inner is None:
            return None
        ids = list(model._base_manager.filter(inner).values_list("pk", flat=True).distinct())
        return Q(pk__in=ids)

    print("scope rule: co-unit arm as a list of ids")
    for label, client, path in zip(("problem list (office)", "task list API (office, unit filter)",
                                    "task list page (office, no filter)"), clients, paths, strict=True):
        show(f"{label} as is", measure(client, path, n))
        with patched(scope.ScopeRule, "_set_q", set_q):
            show(f"{label} ids list", measure(client, path, n))


def sqlite_like_experiment(clients, paths, n):
    """SQLite: LIKE is case-insensitive, so `scope_path LIKE '/1/3/15/%'` cannot use an index and
    the planner walks the deadline index over every overdue task of the county instead. Paths are
    digits and slashes, so a case-sensitive LIKE (or a >= / < range) finds the same rows through
    task_unit_status_deadline. Measured with PRAGMA case_sensitive_like = ON on this connection."""
    from django.db import connection

    if connection.vendor != "sqlite":
        print("sqlite LIKE experiment: not SQLite, skipped")
        return
    print("SQLite: scope_path prefix through an index")
    for (label, client), path in zip(clients, paths, strict=True):
        show(f"{label} as is", measure(client, path, n))
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA case_sensitive_like = ON")
        try:
            show(f"{label} case-sensitive LIKE", measure(client, path, n))
        finally:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA case_sensitive_like = OFF")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--only", default="detail,map,scope,like")
    args = parser.parse_args()
    django_setup()
    from django.conf import settings
    from django.test import Client

    p = personas()
    cookies, keys = sessions(p), tokens(p)
    only = set(args.only.split(","))

    def session_client(who):
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = cookies[who]
        return client

    by_name = {sc["name"]: sc for sc in scenarios(p)}
    if "detail" in only:
        detail_experiment(session_client("village"), by_name["task detail"]["path"], args.n)
    if "map" in only:
        map_experiment(p.office_user, p.plan_id, args.n)
    if "scope" in only:
        api = Client(HTTP_AUTHORIZATION=f"Bearer {keys['office']}")
        scope_experiment([session_client("office"), api, session_client("office")],
                         ["/ledgers/problems/", by_name["task list API (office)"]["path"], "/tasks/?page_size=50"],
                         args.n)
    if "like" in only:
        api = Client(HTTP_AUTHORIZATION=f"Bearer {keys['village']}")
        sqlite_like_experiment(
            [("task list page (village)", session_client("village")), ("task list API (village)", api),
             ("task list API (office)", Client(HTTP_AUTHORIZATION=f"Bearer {keys['office']}")),
             ("problem list (office)", session_client("office")), ("task detail", session_client("village"))],
            [by_name["task list page (village)"]["path"], by_name["task list API (village)"]["path"],
             by_name["task list API (office)"]["path"], "/ledgers/problems/", by_name["task detail"]["path"]], args.n)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
