"""The leader's home chart (ECharts, static/luoshi/home.js) draws each light under its model name in
the colour the server gives it (plans/light_style.py, in the page's JSON), and a segment opens its list."""

from e2e.conftest import login, new_page
from luoshi.org.testing import PASSWORD
from luoshi.plans import light_style, services
from luoshi.plans.models import Light, Task
from luoshi.progress.tests.factories import make_plan, make_task


def test_the_chart_draws_the_lights_in_the_servers_colours(browser, site, world):
    plan = make_plan(world)
    line = services.line_create(actor=world.user("office"), plan=plan, name="乡村振兴")
    task = make_task(world, plan, title="亮红灯的任务", line=line)
    services.plan_deploy(actor=world.user("office"), plan=plan)
    Task.objects.unscoped("test").filter(pk=task.pk).update(light=Light.RED)
    page = new_page(browser)
    login(page, site, "leader", PASSWORD)
    page.goto(f"{site}/")
    chart = page.locator("#ls-lines-chart svg")
    chart.wait_for()
    for light in light_style.SHOWN:
        assert chart.get_by_text(light.label, exact=True).count() == 1  # the legend
    bar = f"#ls-lines-chart svg path[fill='{light_style.RED.colour}']"  # the first is the bar, then the legend's
    # a function, not an expression: Playwright evals an expression in the page, which the CSP refuses
    page.wait_for_function(f"() => document.querySelector(\"{bar}\").getBBox().width > 100")  # grown in full
    page.locator(bar).first.click()
    page.wait_for_url(f"**/tasks/?plan={plan.pk}&line={line.pk}&whole=1&light=red")
    assert "亮红灯的任务" in page.content()
