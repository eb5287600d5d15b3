"""我的任务: one page (and the head of the home page) for what a village secretary or a cadre must
do: sign the tasks sent to them, then carry out and report on their open ones, the urgent first."""

import datetime as dt

import pytest
from django.utils import timezone

from luoshi.plans import selectors, services
from luoshi.plans.models import Task, TaskStatus
from luoshi.plans.tests.factories import complete_task
from luoshi.progress.tests.factories import make_plan, make_task

TODAY = timezone.localdate()


def _days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def _mine(world, key: str = "village") -> list[str]:
    return [t.title for t in selectors.my_tasks(actor=world.user(key))]


@pytest.fixture
def plan(world):
    return make_plan(world, TODAY.year)


def _signed(world, plan, title: str, *, light: str = "", **fields) -> Task:
    task = services.task_sign(actor=world.user("village"), task=make_task(world, plan, title=title, **fields))
    if light:
        Task.objects.unscoped("a light set by the test").filter(pk=task.pk).update(light=light, light_reason="测试")
    return task


def test_tasks_to_sign_come_first_then_overdue_or_red_then_yellow_then_the_rest(world, plan):
    _signed(world, plan, "绿灯任务", light="green", deadline=_days(5))
    _signed(world, plan, "每月任务", light="green", recurrence="monthly")
    _signed(world, plan, "黄灯任务", light="yellow", deadline=_days(30))
    _signed(world, plan, "红灯任务", light="red", deadline=_days(60))
    _signed(world, plan, "昨天到期的任务", light="green", deadline=_days(-1))  # its light not recomputed yet
    make_task(world, plan, title="待签收任务", deadline=_days(90))
    assert _mine(world) == ["待签收任务", "昨天到期的任务", "红灯任务", "黄灯任务", "绿灯任务", "每月任务"]


def test_only_the_actors_own_tasks_that_wait_on_them_are_listed(world, plan):
    village = world.user("village")
    make_task(world, plan, title="草稿", deploy=False)
    services.task_return(actor=village, task=make_task(world, plan, title="已退回"), reason="不属于本村职责")
    complete_task(world, _signed(world, plan, "已办结"))
    make_task(world, plan, title="庙口村的任务", unit="other_village_same_township")
    make_task(world, plan, title="本村的任务")
    assert _mine(world) == ["本村的任务"]
    assert _mine(world, "office") == [] and _mine(world, "leader") == []  # the office's own unit leads none


def test_signing_and_reporting_are_granted_to_the_same_roles():
    # my_tasks reads one scope for both of its buttons
    assert Task.policy.roles_for("sign") == Task.policy.roles_for("report")


def test_the_counts_say_how_many_wait_for_a_signature_and_how_many_are_late(world, plan):
    make_task(world, plan, title="待签收任务")
    _signed(world, plan, "红灯任务", light="red")
    _signed(world, plan, "逾期任务", deadline=_days(-3))
    _signed(world, plan, "绿灯任务", light="green")
    assert selectors.my_task_counts(actor=world.user("village")) == {"awaiting": 1, "late": 2}


def test_a_task_to_sign_has_a_sign_button_and_an_open_one_a_report_button(world, plan, client_as):
    to_sign = make_task(world, plan, title="待签收任务")
    under_way = _signed(world, plan, "办理中任务", light="red")
    page = client_as("village").get("/tasks/mine/").content.decode()
    assert f'action="/tasks/{to_sign.pk}/sign/"' in page and f'href="/tasks/{under_way.pk}/report/"' in page
    assert f'href="/tasks/{to_sign.pk}/report/"' not in page and f'action="/tasks/{under_way.pk}/sign/"' not in page
    assert page.index("待签收任务") < page.index("办理中任务")
    assert "待签收 <strong>1</strong> 项" in page and "逾期或红灯 <strong>1</strong> 项" in page


def test_signing_from_the_list_comes_back_to_the_list_with_the_task_ready_to_report(world, plan, client_as):
    task = make_task(world, plan, title="待签收任务")
    client = client_as("village")
    response = client.post(f"/tasks/{task.pk}/sign/", {"next": "/tasks/mine/?page=1"})
    assert response.status_code == 302 and response["Location"] == "/tasks/mine/?page=1"
    assert Task.objects.unscoped("test").get(pk=task.pk).status == TaskStatus.SIGNED
    page = client.get(response["Location"]).content.decode()
    assert "已签收" in page and f'href="/tasks/{task.pk}/report/"' in page


def test_an_address_off_the_site_is_not_followed_after_signing(world, plan, client_as):
    task = make_task(world, plan)
    response = client_as("village").post(f"/tasks/{task.pk}/sign/", {"next": "https://example.com/"})
    assert response["Location"] == f"/tasks/{task.pk}/"


def test_with_nothing_to_do_the_page_says_what_comes_next(world, client_as):
    page = client_as("village").get("/tasks/mine/").content.decode()
    assert "目前没有需要您签收或上报的任务" in page and "党政办把任务部署给您或本单位后" in page
    assert 'href="/tasks/">查看全部任务' in page and "共 0 条" not in page


def test_the_list_comes_a_page_at_a_time(world, plan, client_as):
    for n in range(23):
        make_task(world, plan, title=f"任务{n}")
    client = client_as("village")
    first, second = (client.get(f"/tasks/mine/?page={n}").content.decode() for n in (1, 2))
    assert first.count("data-my-task=") == 20 and second.count("data-my-task=") == 3 and "共 23 条" in first


def _both_kinds(world, plan, n: int) -> None:
    for i in range(n):
        make_task(world, plan, title=f"待签收{i}")
        _signed(world, plan, f"办理中{i}", light="red" if i % 2 else "yellow", deadline=_days(i - 3))


def test_the_page_costs_at_most_twelve_queries_however_many_tasks(world, plan, client_as,
                                                                  django_assert_max_num_queries):
    client = client_as("village")
    _both_kinds(world, plan, 2)
    client.get("/tasks/mine/")  # the first request of a session may write it
    with django_assert_max_num_queries(12) as few:
        assert client.get("/tasks/mine/").status_code == 200
    _both_kinds(world, plan, 12)
    # a full first page adds its COUNT (a short one is the whole list: core.listing), and nothing else
    with django_assert_max_num_queries(len(few.captured_queries) + 1) as many:
        assert client.get("/tasks/mine/").content.decode().count("data-my-task=") == 20
    def counts(queries):
        return sum("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
    assert len(many.captured_queries) <= 12
    assert len(many.captured_queries) - len(few.captured_queries) == counts(many) - counts(few) <= 1


def test_the_home_page_opens_with_the_head_of_the_list_and_the_menu_leads_to_the_rest(world, plan, client_as):
    to_sign, under_way = make_task(world, plan, title="待签收任务"), _signed(world, plan, "办理中任务")
    page = client_as("village").get("/").content.decode()
    assert "我的任务</h2>" in page and page.count('href="/tasks/mine/"') == 2  # the menu, and 查看全部
    assert f'action="/tasks/{to_sign.pk}/sign/"' in page and f'href="/tasks/{under_way.pk}/report/"' in page
    assert '<input type="hidden" name="next" value="/">' in page  # signing on the home page stays there


def test_the_home_page_tells_someone_with_nothing_to_do_what_comes_next(world, client_as):
    assert "目前没有需要您签收或上报的任务" in client_as("cadre").get("/").content.decode()


def test_on_my_tasks_the_menu_lights_that_entry_and_not_the_task_list(world, client_as):
    items = client_as("village").get("/tasks/mine/").context["nav_items"]
    assert [item["label"] for item in items if item["active"]] == ["我的任务"]
