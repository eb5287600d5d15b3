"""Pages print a deadline of another year with its year: 我的任务 says "时限 2025年12月31日 已逾期",
not "12月31日", and the battle map's phone cards do the same."""

import datetime as dt

import pytest
from django.utils import timezone

from luoshi.plans import services
from luoshi.plans.models import Light, Task
from luoshi.progress.tests.factories import make_plan, make_task

TODAY = timezone.localdate()
LAST_YEAR = dt.date(TODAY.year - 1, 1, 1)  # a start before last year's deadline


@pytest.fixture
def plan(world):
    return make_plan(world, TODAY.year)


def test_my_tasks_show_a_past_years_deadline_with_its_year(world, plan, client_as):
    last_year = dt.date(TODAY.year - 1, 12, 31)
    services.task_sign(actor=world.user("village"), task=make_task(world, plan, title="去年的任务", start=LAST_YEAR,
                                                                           deadline=last_year))
    this_year = dt.date(TODAY.year, 12, 31)
    services.task_sign(actor=world.user("village"), task=make_task(world, plan, title="今年的任务", deadline=this_year))
    page = client_as("village").get("/tasks/mine/").content.decode()
    assert f"时限 {TODAY.year - 1}年12月31日" in page and "已逾期" in page
    assert "时限 12月31日" in page


def test_the_battle_map_cards_show_title_unit_light_deadline_and_progress(world, plan, client_as):
    task = make_task(world, plan, title="村内道路硬化", start=LAST_YEAR, deadline=dt.date(TODAY.year - 1, 12, 31))
    Task.objects.unscoped("test").filter(pk=task.pk).update(light=Light.RED, progress=35)
    page = client_as("leader").get(f"/plans/{plan.pk}/battle-map/?layout=cards").content.decode()
    card = page[page.index(f'data-map-card="{task.pk}"'):]
    card = card[:card.index("</article>")]
    for shown in ("村内道路硬化", world.unit("village").name, str(Light.RED.label), f"{TODAY.year - 1}年12月31日",
                  "进度 35%"):
        assert shown in card
    assert "ls-light-red" in page and "data-map-grid" in page
