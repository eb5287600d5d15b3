"""Plan and task pages as every persona, and constant query counts whatever the data size."""

import pytest

from luoshi.org.testing import ROLES, client_for
from luoshi.plans import services
from luoshi.plans.models import Task
from luoshi.plans.tests.factories import make_plan, make_task

MATRIX = {
    "/plans/":                      [302, 200, 200, 403, 403, 403, 200, 200],
    "/plans/{plan}/":               [302, 200, 200, 403, 403, 403, 200, 404],
    "/plans/{plan}/battle-map/":    [302, 200, 200, 403, 403, 403, 200, 404],
    "/plans/{plan}/battle-map.xlsx": [302, 200, 200, 403, 403, 403, 200, 404],
    "/plans/new/":                  [302, 403, 200, 403, 403, 403, 403, 200],
    "/tasks/":                      [302, 200, 200, 200, 200, 200, 200, 200],
    "/tasks/mine/":                 [302, 403, 200, 200, 200, 200, 403, 200],
    "/tasks/{task}/":               [302, 200, 200, 404, 200, 404, 200, 404],
    # the old addresses of the task form lead to the one form, the engine's (its rights are tested there)
    "/tasks/{task}/edit/":          [302, 301, 301, 301, 301, 301, 301, 301],
    "/tasks/new/?plan={plan}":      [302, 301, 301, 301, 301, 301, 301, 301],
}


@pytest.fixture
def ids(world):
    plan, line = make_plan(world)
    task = make_task(world, plan, line, deploy=True)
    return {"plan": plan.pk, "task": task.pk}


_client = client_for


@pytest.mark.parametrize("page", MATRIX)
def test_page_status_for_every_role(world, ids, page):
    url = page.format(**ids)
    assert [_client(world, role).get(url).status_code for role in ROLES] == MATRIX[page], url


def test_the_task_page_explains_what_is_missing(world):
    plan, line = make_plan(world)
    task = make_task(world, plan, line, requirement="")
    text = _client(world, "office").get(f"/tasks/{task.pk}/").content.decode()
    assert "要素不全，不能部署：缺少干到什么程度（目标要求）" in text


def test_a_stale_edit_is_refused_with_409_and_changes_nothing(world):
    plan, line = make_plan(world)
    task = make_task(world, plan, line)
    client = _client(world, "office")
    form = {"title": "改一", "requirement": "要求", "lead_unit": world.unit("village").pk, "deadline": "2024-12-31",
            "version": task.version, "plan": plan.pk}
    assert client.post(f"/ledgers/tasks/{task.pk}/edit/", form).status_code == 302
    response = client.post(f"/ledgers/tasks/{task.pk}/edit/", form | {"title": "改二"})
    assert response.status_code == 409 and "已被他人修改" in response.content.decode()


def test_the_village_signs_from_its_task_page(world):
    plan, line = make_plan(world)
    task = make_task(world, plan, line, deploy=True)
    client = _client(world, "village")
    assert "签收任务" in client.get(f"/tasks/{task.pk}/").content.decode()
    client.post(f"/tasks/{task.pk}/sign/")
    assert "办理中" in client.get(f"/tasks/{task.pk}/").content.decode()


def _many_tasks(world, plan, line, n):
    for i in range(n):
        make_task(world, plan, line, deploy=True, title=f"任务{i}", co_units=[world.unit("department")])


@pytest.mark.parametrize("url", ["/tasks/?light=&status=deployed", "/plans/{plan}/battle-map/", "/tasks/mine/",
                                 "/plans/{plan}/"])
def test_pages_run_a_constant_number_of_queries(world, url, django_assert_max_num_queries):
    plan, line = make_plan(world)
    client = _client(world, "office")
    _many_tasks(world, plan, line, 3)
    with django_assert_max_num_queries(12) as few:
        client.get(url.format(plan=plan.pk))
    _many_tasks(world, plan, line, 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url.format(plan=plan.pk)).status_code == 200


def test_the_task_detail_query_count_does_not_grow_with_milestones(world, django_assert_max_num_queries):
    import datetime as dt

    plan, line = make_plan(world)
    task = make_task(world, plan, line, deploy=True)
    client = _client(world, "office")
    with django_assert_max_num_queries(20) as few:
        client.get(f"/tasks/{task.pk}/")
    for i in range(10):
        services.milestone_add(actor=world.user("office"), task=task, title=f"节点{i}", due_date=dt.date(2024, 5, i + 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/tasks/{task.pk}/")


def test_the_battle_map_exports_an_a3_workbook(world):
    import io

    import openpyxl

    plan, line = make_plan(world)
    make_task(world, plan, line, deploy=True)
    response = _client(world, "office").get(f"/plans/{plan.pk}/battle-map.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "2024年重点工作作战图"
    assert sheet.page_setup.paperSize == 8 and sheet.page_setup.orientation == "landscape"
    assert sheet["C4"].value == "完成路村公共卫生厕所建设"


def test_a_split_task_is_one_row_of_the_battle_map_with_its_parts_lights(world):
    plan, line = make_plan(world)
    parent = make_task(world, plan, line, lead_unit=world.unit("township"), title="建设公共卫生厕所")
    for child in services.task_split(actor=world.user("office"), task=parent,
                                     units=[world.unit("village"), world.unit("other_village_same_township")]):
        services.task_deploy(actor=world.user("office"), task=child)
    services.task_deploy(actor=world.user("office"), task=parent)
    client = _client(world, "office")
    text = client.get(f"/plans/{plan.pk}/battle-map/?layout=cards").content.decode()  # the grid and the cards
    # one row of the month grid and one phone card, each with its parts' lights
    assert text.count("建设公共卫生厕所") == 2 and text.count("分解 2 个单位") == 2
    desk = client.get(f"/plans/{plan.pk}/battle-map/").content.decode()  # a desk gets the grid; HTMX the cards
    cards = client.get(f"/plans/{plan.pk}/battle-map/?layout=cards", HTTP_HX_REQUEST="true").content.decode()
    assert desk.count("建设公共卫生厕所") == 1 and 'hx-get="?layout=cards"' in desk
    assert cards.count("建设公共卫生厕所") == 1 and "<html" not in cards


def test_the_split_page_offers_each_village_as_a_box_and_splits_to_the_ticked_ones(world, client_as):
    plan, line = make_plan(world)
    task = make_task(world, plan, line, lead_unit=world.unit("department"))
    client = client_as("office")
    page = client.get(f"/tasks/{task.pk}/split/").content.decode()
    for key in ("village", "other_village_same_township", "department"):
        assert f'type="checkbox" name="units" value="{world.unit(key).pk}"' in page
    response = client.post(f"/tasks/{task.pk}/split/", {"units": [world.unit("village").pk]})
    assert response.status_code == 302
    children = Task.objects.visible_to(world.user("office")).filter(parent=task)
    assert [c.lead_unit for c in children] == [world.unit("village")]


def test_a_village_reads_its_share_of_a_split_task_without_links_it_may_not_follow(world, client_as):
    plan, line = make_plan(world)
    parent = make_task(world, plan, line, lead_unit=world.unit("department"))
    child = services.task_split(actor=world.user("office"), task=parent, units=[world.unit("village")])[0]
    services.task_deploy(actor=world.user("office"), task=child)
    page = client_as("village").get(f"/tasks/{child.pk}/").content.decode()
    assert f"/plans/{plan.pk}/" not in page and f"/tasks/{parent.pk}/" not in page
    assert plan.title in page and parent.title in page
