"""The hooks of reporting: a report announces itself to the apps above progress without progress
importing them, and finding whom it concerns stays one query however many listen."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from luoshi.notify.services import notify
from luoshi.notify.targets import target
from luoshi.progress import hooks, services
from luoshi.progress.hooks import ReportListener
from luoshi.progress.models import ProgressReport
from luoshi.progress.tests.factories import make_task


@pytest.fixture
def task(world):
    return make_task(world)


@pytest.fixture
def heard(monkeypatch):
    """Listen as an app above would, beside those registered: the reports each listener heard."""
    calls: dict[str, list[int]] = {"every": [], "visit": []}

    def listener(name):
        def hear(*, report):
            assert ProgressReport.objects.unscoped("inside the report's transaction").filter(pk=report.pk).exists()
            calls[name].append(report.pk)
        return hear

    extra = [ReportListener(heard=listener("every")), ReportListener(heard=listener("visit"), asks="visit")]
    monkeypatch.setattr(hooks.report_submitted, "_listeners", [*hooks.report_submitted.listeners, *extra])
    return calls


def test_a_listener_asking_nothing_hears_every_report(world, task, heard):
    report = services.report_submit(actor=world.user("village"), task=task, text="已开工")
    assert heard == {"every": [report.pk], "visit": []}


def test_a_listener_asking_about_a_kind_hears_only_a_reporter_asked_about_one(world, task, heard):
    village, office = world.user("village"), world.user("office")
    notify(recipients=[office], kind="visit_due", obj=target("visit", 4), title="入户走访")
    services.report_submit(actor=village, task=task, text="已开工")
    assert heard["visit"] == []  # someone else's notice
    notify(recipients=[village], kind="visit_due", obj=target("visit", 5), title="入户走访")
    report = services.report_submit(actor=village, task=task, text="已走访")
    assert heard["visit"] == [report.pk]


def test_more_listeners_cost_a_report_no_more_queries(world, task, monkeypatch):
    village = world.user("village")
    services.report_submit(actor=village, task=task, text="第一次")  # warm whatever a first report reads once

    def count(text):
        with CaptureQueriesContext(connection) as queries:
            services.report_submit(actor=village, task=task, text=text)
        return len(queries)

    alone = count("第二次")
    extra = [ReportListener(heard=lambda **kw: None, asks=kind) for kind in ("visit", "duty", "case")]
    monkeypatch.setattr(hooks.report_submitted, "_listeners", [*hooks.report_submitted.listeners, *extra])
    assert count("第三次") == alone


def test_dispatch_listens_to_reports_and_supervision_to_reports_missed():
    from luoshi.dispatch.services import roll_call_reported
    from luoshi.supervision.urging import urge_issue

    assert [(hook.heard, hook.asks) for hook in hooks.report_submitted] == [(roll_call_reported, "round")]
    assert hooks.report_missed.listeners == (urge_issue,)
