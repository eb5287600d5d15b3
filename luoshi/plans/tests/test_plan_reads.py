"""The plan page's reads built once per grants (selectors._plan_read, core.prepared): for every reader,
the rows the ORM's own queryset gives. A leak or a loss here would be silent."""

import datetime as dt

import pytest
from django.db.models import Count, F

from luoshi.org.testing import every_reader
from luoshi.plans import selectors, services
from luoshi.plans.models import Light, Task, TaskStatus
from luoshi.plans.tests.factories import township_plan

pytestmark = pytest.mark.django_db


def _plan(world):
    """A township plan with drafts, unsigned and signed tasks of several units, on two lines."""
    plan, admin = township_plan(world), world.admin
    lines = [services.line_create(actor=admin, plan=plan, name=name, number=n)
             for n, name in (("一", "乡村振兴专线"), ("二", "项目建设专线"))]
    for i, unit in enumerate(("village", "department", "township", "other_village", "village", "group")):
        for state in ("draft", "deployed", "signed"):
            task = services.task_create(actor=admin, plan=plan, line=lines[i % 2], title=f"{unit}{state}任务{i}",
                                        requirement="年底前完成" if i % 3 else "", lead_unit=world.unit(unit),
                                        deadline=dt.date(2024, 12, 31))
            if state != "draft" and i % 3:
                task = services.task_deploy(actor=admin, task=task)
                if state == "signed":
                    Task.objects.unscoped("the test signs in place").filter(pk=task.pk).update(
                        status=TaskStatus.SIGNED)
    return plan


def test_the_plan_page_reads_what_the_orm_reads_for_every_reader(world):
    plan, seen = _plan(world), 0
    for reader in every_reader(world):
        visible = Task.objects.visible_to(reader).filter(plan=plan)
        counts = list(visible.filter(parent__isnull=True).exclude(status=TaskStatus.DRAFT)
                      .values("line_id", "line__name", "light").annotate(n=Count("id"))
                      .order_by("line__sort_order", "line_id"))
        assert [(r["line_id"], sum(r[light] for light in Light.values))
                for r in selectors.counts_by_line_and_light(actor=reader, plan=plan)] == _by_line(counts), reader
        unsigned = list(selectors.unsigned(actor=reader, plan=plan).values("id", "title", "lead_unit__name",
                                                                           "deployed_at")[:50])
        assert selectors.unsigned_rows(reader, plan) == unsigned, reader
        drafts = list(visible.filter(status=TaskStatus.DRAFT)
                      .order_by(F("line__sort_order").asc(nulls_first=True), "line_id", "deadline", "id")
                      .values_list("id", "title"))
        summary = selectors.draft_summary(actor=reader, plan=plan)
        assert summary["total"] == len(drafts), reader
        assert [row.pk for row, _missing in summary["incomplete"]] == [
            pk for pk, title in drafts if pk in {row.pk for row, _m in summary["incomplete"]}]
        seen += len(unsigned) + len(drafts) + len(counts)
    assert seen > 30  # rows are seen, not only empty lists compared


def _by_line(rows) -> list[tuple]:
    totals: dict = {}
    for row in rows:
        totals[row["line_id"]] = totals.get(row["line_id"], 0) + row["n"]
    return list(totals.items())


def test_a_plans_lines_and_board_read_what_the_orm_reads_for_every_reader(world):
    from luoshi.plans.models import Indicator, WorkLine
    from luoshi.plans.tests.test_visible_in import _plans

    seen, readers = 0, every_reader(world)
    for plan in _plans(world):
        for reader in readers:
            lines = list(WorkLine.objects.visible_to(reader).filter(plan=plan).order_by("sort_order", "id")
                         .values("pk", "number", "name", "leader__name", "lead_unit__name"))
            assert selectors.plan_line_rows(reader, plan) == lines, (plan.title, reader)
            board = list(Indicator.objects.visible_to(reader).filter(plan=plan)
                         .order_by(F("line__sort_order").asc(nulls_first=True), "line_id", "id")
                         .values_list(*selectors.BoardTarget.COLUMNS))
            assert selectors._board_rows(reader, plan) == board, (plan.title, reader)
            seen += len(lines) + len(board)
    assert seen > 30  # rows are seen, not only empty lists compared


def test_the_plans_a_filter_offers_are_what_the_orm_reads_for_every_reader(world):
    from luoshi.plans.models import Plan
    from luoshi.plans.tests.test_visible_in import _plans

    plans, seen = _plans(world), 0
    for reader in every_reader(world):
        expected = list(Plan.objects.visible_to(reader).order_by("-year", "-id").values_list("id", "title", "year"))
        assert [(p.pk, p.title, p.year) for p in selectors.plan_choices(actor=reader)] == expected, reader
        seen += len(expected)
    assert seen > len(plans)  # rows are seen, not only empty lists compared
