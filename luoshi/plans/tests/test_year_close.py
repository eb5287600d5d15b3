"""The year's close: an archived plan refuses every edit and report but stays listed, searchable and
exportable; unfinished tasks carry into next year's plan with links both ways, once; a plan's
structure copies as next year's draft."""

import pytest
from django.utils import timezone

from luoshi.core.errors import ServiceError
from luoshi.plans import services, year_close
from luoshi.plans.light_store import stale_lights
from luoshi.plans.models import Indicator, Plan, PlanStatus, Task, WorkLine
from luoshi.plans.tests.factories import complete_task
from luoshi.progress import services as progress
from luoshi.progress.tests.factories import make_plan, make_task


@pytest.fixture
def year(world):
    office = world.user("office")
    plan = make_plan(world, timezone.localdate().year)
    line = services.line_create(actor=office, plan=plan, name="乡村振兴")
    open_task = make_task(world, plan, title="修路", line=line)
    complete_task(world, make_task(world, plan, title="已办结的", line=line))
    services.indicator_create(actor=office, plan=plan, line=line, unit=world.unit("township"), name="新修道路",
                              measure="公里", target=12)
    services.plan_deploy(actor=office, plan=plan)
    return plan, line, open_task


def test_an_archived_plan_refuses_edits_and_reports_but_stays_readable(world, year, client_as):
    plan, line, task = year
    office = world.user("office")
    year_close.plan_archive(actor=office, plan=plan)
    assert Plan.objects.visible_to(office).get(pk=plan.pk).status == PlanStatus.ARCHIVED
    with pytest.raises(ServiceError):
        services.line_create(actor=office, plan=plan, name="新专线")
    with pytest.raises(ServiceError):
        progress.report_submit(actor=world.user("village"), task=task, text="推进", percent=50)
    task = Task.objects.visible_to(office).get(pk=task.pk)
    task.title = "改了"
    with pytest.raises(ServiceError):
        task.save()
    with pytest.raises(ServiceError):  # the engine's versioned update meets the same guard
        services.task_update(actor=office, task=task, version=task.version, title="改了")
    assert Task.objects.visible_to(office).get(pk=task.pk).title == "修路"
    with pytest.raises(ServiceError):
        year_close.plan_archive(actor=office, plan=plan)
    client = client_as("office")
    assert "修路" in client.get(f"/tasks/?plan={plan.pk}&q=修路").content.decode()
    assert client.get(f"/ledgers/tasks/export.xlsx?plan={plan.pk}").status_code == 200
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert 'id="ls-archived"' in page and 'id="ls-archive"' not in page
    assert stale_lights() == []


def test_unfinished_tasks_carry_into_next_year_once_with_links_both_ways(world, year, client_as):
    plan, line, task = year
    office = world.user("office")
    client = client_as("office")
    response = client.post(f"/plans/{plan.pk}/year/copy/", {"year": plan.year + 1})
    following = Plan.objects.visible_to(office).get(year=plan.year + 1)
    assert response.status_code == 302 and following.status == PlanStatus.DRAFT
    assert list(WorkLine.objects.visible_to(office).filter(plan=following).values_list("name", flat=True)) == [
        "乡村振兴"]
    assert Indicator.objects.visible_to(office).filter(plan=following).count() == Indicator.objects.visible_to(
        office).filter(plan=plan).count()
    client.post(f"/plans/{plan.pk}/year/carry/", {"into": following.pk})
    client.post(f"/plans/{plan.pk}/year/carry/", {"into": following.pk})  # twice: nothing twice
    carried = list(Task.objects.visible_to(office).filter(plan=following))
    assert [(t.title, t.carried_from_id, t.status, t.line.name) for t in carried] == [
        ("修路", task.pk, "draft", "乡村振兴")]
    assert f'href="/tasks/{task.pk}/" data-carried-from' in client.get(f"/tasks/{carried[0].pk}/").content.decode()
    assert f'href="/tasks/{carried[0].pk}/" data-carried-to' in client.get(f"/tasks/{task.pk}/").content.decode()
    year_close.plan_archive(actor=office, plan=plan)  # carried first, then archived: the links stay
    assert Task.objects.visible_to(office).get(pk=carried[0].pk).carried_from_id == task.pk
    with pytest.raises(ServiceError):
        year_close.plan_carry_over(actor=office, plan=following, into=plan)  # only into a later year


def test_only_the_office_closes_the_year(world, year, client_as):
    plan, _line, _task = year
    for who, status in (("leader", 403), ("village", 403), ("outsider", 404)):  # the other township: not found
        assert client_as(who).post(f"/plans/{plan.pk}/year/archive/").status_code == status, who
    assert client_as("office").post(f"/plans/{plan.pk}/year/archive/").status_code == 302


def test_the_plan_page_counts_unfinished_and_carried_tasks_once_each(world, year, client_as):
    """The 年终 line counts the unfinished whole tasks and those of them carried on, a task carried
    into two later plans once (as the DISTINCT count it replaced did)."""
    plan, line, task = year
    client = client_as("office")
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "未完成任务 1 项，已结转 0 项" in page
    office = world.user("office")
    for later in (1, 2):
        client.post(f"/plans/{plan.pk}/year/copy/", {"year": plan.year + later})
        following = Plan.objects.visible_to(office).get(year=plan.year + later)
        client.post(f"/plans/{plan.pk}/year/carry/", {"into": following.pk})
    assert Task.objects.visible_to(office).filter(carried_from=task).count() == 2
    old_way = year_close.unfinished(plan).filter(carried_to__isnull=False).distinct().count()
    assert year_close.unfinished_counts(plan) == {"unfinished": year_close.unfinished(plan).count(), "carried": old_way}
    assert old_way == 1
    assert "未完成任务 1 项，已结转 1 项" in client.get(f"/plans/{plan.pk}/").content.decode()
