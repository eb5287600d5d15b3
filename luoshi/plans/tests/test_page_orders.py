"""The plan page's lists keep the model's order where their reads write it out (issue 21: the
default ordering joined the plan twice for its year): drafts and the target board by line — those
without one first — then deadline and id, the same on SQLite and PostgreSQL."""

import datetime as dt

from luoshi.plans import selectors, services
from luoshi.plans.tests.factories import make_plan, make_task


def test_drafts_are_listed_by_line_those_without_one_first_then_deadline(world):
    office = world.user("office")
    plan, _line = make_plan(world)
    first = services.line_create(actor=office, plan=plan, name="产业发展专线", number="四", sort_order=5)
    second = services.line_create(actor=office, plan=plan, name="基础设施专线", number="五", sort_order=1)
    late_first = make_task(world, plan, first, title="甲", requirement="", deadline=dt.date(2024, 9, 30))
    early_first = make_task(world, plan, first, title="乙", requirement="", deadline=dt.date(2024, 3, 31))
    no_line = make_task(world, plan, None, title="丙", requirement="")
    on_second = make_task(world, plan, second, title="丁", requirement="")
    drafts = selectors.draft_summary(actor=office, plan=plan)["incomplete"]
    assert [task.pk for task, _missing in drafts] == [no_line.pk, on_second.pk, early_first.pk, late_first.pk]


def test_the_board_lists_targets_by_line_those_without_one_first(world):
    office = world.user("office")
    plan, _line = make_plan(world)
    first = services.line_create(actor=office, plan=plan, name="产业发展专线", number="四", sort_order=5)
    second = services.line_create(actor=office, plan=plan, name="基础设施专线", number="五", sort_order=1)
    township = world.unit("township")
    made = [services.indicator_create(actor=office, plan=plan, line=line, unit=township, name=name, measure="个",
                                      target=10)
            for line, name in ((first, "甲"), (None, "乙"), (second, "丙"), (first, "丁"))]
    board = selectors.indicator_board(actor=office, plan=plan, top=True)
    assert [ind.name for ind in board] == ["乙", "丙", "甲", "丁"]
    assert {ind.pk for ind in board} == {ind.pk for ind in made}
