"""A task's whole life in the browser: the office deploys it, a village signs and reports from a
phone, asks to close it (申请办结), a leader sends it back, the village asks again and the office
accepts it (验收). After every step its light and the leader's counts agree on the home page, the
list the headline opens, the battle map, 我的任务 and the API."""

import datetime as dt
import re

from django.utils import timezone

from e2e.conftest import PHONE, login, new_page
from luoshi.org.testing import PASSWORD
from luoshi.plans import services
from luoshi.plans.light_store import stale_lights
from luoshi.plans.models import Task, TaskStatus
from luoshi.progress.tests.factories import make_plan

HEADLINE = re.compile(r'data-ls-count="(\w+)"\s+href="([^"]+)">\s*<div class="ls-stat[^"]*">(\d+)</div>')


def _task(pk) -> Task:
    return Task.objects.unscoped("the browser test reads what the pages did").get(pk=pk)


def _agree(leader, site: str, pk: int) -> str:
    """The task's stored light, checked against every place a leader reads it; returns the light."""
    task = _task(pk)
    assert stale_lights() == []
    api = leader.request.get(f"{site}/api/v1/tasks/{pk}/").json()
    assert (api["light"], api["status"]) == (task.light, task.status)
    leader.goto(f"{site}/")
    headline = {key: (href.replace("&amp;", "&"), int(n)) for key, href, n in HEADLINE.findall(leader.content())}
    assert headline[task.light][1] == 1 and sum(n for _href, n in headline.values()) == 1
    leader.goto(site + headline[task.light][0])
    assert "共 1 条" in leader.content() and leader.locator(f"a[href='/tasks/{pk}/']").count()
    leader.goto(f"{site}/plans/{task.plan_id}/battle-map/")
    assert leader.locator("[data-light]").first.get_attribute("data-light") == task.light
    leader.goto(f"{site}/tasks/{pk}/")
    assert leader.locator("h1 [data-light]").get_attribute("data-light") == task.light
    return task.light


def test_a_task_from_deployment_to_acceptance_with_a_refused_acceptance_between(browser, site, world):
    today = timezone.localdate()
    plan = make_plan(world, today.year)
    task = services.task_create(actor=world.user("office"), plan=plan, title="路村公共卫生厕所建设",
                                requirement="建成并投入使用", lead_unit=world.unit("village"),
                                start_date=today - dt.timedelta(days=30), deadline=today + dt.timedelta(days=30))
    services.plan_deploy(actor=world.user("office"), plan=plan)  # the plan is out; this task was complete
    office = new_page(browser)
    login(office, site, "office", PASSWORD)
    leader = new_page(browser)
    login(leader, site, "leader", PASSWORD)
    assert _agree(leader, site, task.pk) == "red"  # half its time gone, nothing reported

    phone = new_page(browser, PHONE)
    login(phone, site, "village", PASSWORD)
    phone.click(f"[data-sign-task='{task.pk}']")
    phone.click(f"[data-report-task='{task.pk}']")
    phone.fill("textarea[name=text]", "主体已完工，正在安装设施")
    phone.fill("input[name=percent]", "80")
    phone.click("main button[type=submit]")
    phone.wait_for_url(re.compile(rf"/tasks/{task.pk}/progress/$"))
    assert _agree(leader, site, task.pk) == "green"

    phone.goto(f"{site}/tasks/mine/")
    phone.click(f"[data-close-task='{task.pk}']")  # tap 1
    phone.fill("textarea[name=text]", "厕所已建成，水电已通，已投入使用")
    phone.click("main button[type=submit]")  # tap 2
    phone.wait_for_url(re.compile(rf"/tasks/{task.pk}/$"))
    assert "办结申请已提交" in phone.content() and "待验收" in phone.content()
    assert _task(task.pk).status == TaskStatus.CLOSING
    _agree(leader, site, task.pk)

    leader.goto(f"{site}/tasks/{task.pk}/")
    leader.fill("input[name=reason]", "缺少验收照片")
    leader.click("form[action$='/send-back/'] button")
    leader.wait_for_load_state()
    assert "已退回" in leader.content() and _task(task.pk).status == TaskStatus.SIGNED
    _agree(leader, site, task.pk)

    phone.goto(f"{site}/tasks/mine/")
    assert "办结申请被退回：缺少验收照片" in phone.content()
    phone.click(f"[data-close-task='{task.pk}']")
    phone.fill("textarea[name=text]", "已补充验收照片")
    phone.click("main button[type=submit]")
    phone.wait_for_url(re.compile(rf"/tasks/{task.pk}/$"))

    office.goto(f"{site}/tasks/{task.pk}/")
    office.click("form[action$='/accept/'] button")
    office.wait_for_load_state()
    assert "已验收" in office.content()
    done = _task(task.pk)
    assert (done.status, done.closed_by.username) == (TaskStatus.COMPLETED, "office")
    assert _agree(leader, site, task.pk) == "done"
    phone.goto(f"{site}/tasks/mine/")
    assert not phone.locator(f"[data-my-task='{task.pk}']").count()  # nothing more is asked of the village
