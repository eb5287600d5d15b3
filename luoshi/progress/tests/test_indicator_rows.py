"""Every indicator number on the plan page links to the rows that make it (the reports whose
values count, the parts done), and those rows add up to the number shown."""

import re
from decimal import Decimal

import pytest

from luoshi.org.testing import ROLES, client_for
from luoshi.plans import services as plans
from luoshi.plans import task_flow
from luoshi.plans.models import Indicator, Task
from luoshi.plans.tests.factories import complete_task
from luoshi.progress import services
from luoshi.progress.tests.factories import make_plan, make_task, second_village_user

LINK = re.compile(r'<a href="(/indicators/(\d+)/rows/)"[^>]*data-ls-indicator="\d+">([\d.]+)</a>')
ACTUAL = re.compile(r'data-ls-actual="([\d.]+)"')
VALUE = re.compile(r'data-ls-value="([\d.]+)"')
SHARES = re.compile(r'hx-get="(/indicators/\d+/shares/)"')


@pytest.fixture
def numbers(world):
    """Toilets counted by villages done (路村 done, 庙口村 reported 0), cooperatives by reported
    values (two reports of 路村, its latest counts; one of 庙口村), and a target nobody reported."""
    office, village, village2 = world.user("office"), world.user("village"), second_village_user(world)
    plan = make_plan(world, 2026)
    toilets = plans.indicator_create(actor=office, plan=plan, name="村公共卫生厕所", unit=world.unit("township"),
                                     measure="村", target=Decimal(2))
    coops = plans.indicator_create(actor=office, plan=plan, name="新建合作社", unit=world.unit("township"),
                                   measure="家", target=Decimal(10))
    plans.indicator_create(actor=office, plan=plan, name="招引人才", unit=world.unit("township"), measure="人")
    whole = make_task(world, plan, unit="township", title="建设村公共卫生厕所和合作社", deploy=False,
                      indicators=[toilets, coops])
    plans.task_split(actor=office, task=whole, units=[world.unit("village"), world.unit("other_village_same_township")])
    plans.task_deploy(actor=office, task=whole)
    ours, theirs = (Task.objects.unscoped("test").get(parent=whole, lead_unit=world.unit(key))
                    for key in ("village", "other_village_same_township"))

    def share(task, indicator):
        return Indicator.objects.unscoped("test").get(tasks=task, parent=indicator)

    plans.task_sign(actor=village, task=ours)
    services.report_submit(actor=village, task=ours, text="2 家", values={share(ours, coops): 2})
    services.report_submit(actor=village, task=ours, text="累计 4 家", values={share(ours, coops): 4})
    services.report_submit(actor=village2, task=theirs, text="3 家，厕所未开工",
                           values={share(theirs, coops): 3, share(theirs, toilets): 0})
    complete_task(world, ours)
    return {"plan": plan, "toilets": toilets, "coops": coops, "share": share(ours, toilets)}


def _sum(page: str) -> Decimal:
    return sum((Decimal(v) for v in VALUE.findall(page)), Decimal(0))


@pytest.mark.parametrize("who", ["leader", "office"])
def test_each_indicator_number_on_the_plan_page_is_the_sum_of_the_rows_it_opens(world, numbers, client_as, who):
    client = client_as(who)
    page = client.get(f"/plans/{numbers['plan'].pk}/").content.decode()
    found = {int(pk): (href, Decimal(n)) for href, pk, n in LINK.findall(page)}
    for href in SHARES.findall(page):  # the shares open in place, each number linked as on the board
        found |= {int(pk): (rows, Decimal(n)) for rows, pk, n in LINK.findall(client.get(href).content.decode())}
    stored = dict(Indicator.objects.unscoped("test").filter(plan=numbers["plan"]).values_list("pk", "actual"))
    assert set(found) == set(stored)  # every number links, the shares' too
    assert found[numbers["toilets"].pk][1] == 1 and found[numbers["coops"].pk][1] == 7
    for pk, (href, number) in found.items():
        rows = client.get(href).content.decode()
        assert Decimal(ACTUAL.search(rows).group(1)) == number == (stored[pk] or 0), href
        assert _sum(rows) == number, href


def test_the_rows_say_which_report_or_part_each_number_comes_from(world, numbers, client_as):
    page = client_as("leader").get(f"/indicators/{numbers['coops'].pk}/rows/").content.decode()
    assert "构成（2 条）" in page and "按上报数值" in page  # 路村's latest (4) and 庙口村's 3: not the first 2
    assert VALUE.findall(page) == ["4.00", "3.00"]
    toilets = client_as("leader").get(f"/indicators/{numbers['toilets'].pk}/rows/").content.decode()
    assert "已办结" in toilets and "按办结计数" in toilets and VALUE.findall(toilets) == ["1", "0.00"]


def test_a_village_sees_the_rows_of_its_own_share(world, numbers):
    page = client_for(world, "village").get(f"/indicators/{numbers['share'].pk}/rows/").content.decode()
    assert VALUE.findall(page) == ["1"] and "按办结计数" in page


MATRIX = {  # anonymous, leader, office, department, village, cadre, discipline, outsider
    "toilets": [302, 200, 200, 404, 404, 404, 200, 404],
    "share": [302, 200, 200, 404, 200, 404, 200, 404],
}


@pytest.mark.parametrize("key", MATRIX)
def test_rows_page_status_for_every_role(world, numbers, key):
    url = f"/indicators/{numbers[key].pk}/rows/"
    assert [client_for(world, role).get(url).status_code for role in ROLES] == MATRIX[key], key


def test_the_rows_page_runs_a_constant_number_of_queries(world, numbers, client_as, django_assert_max_num_queries):
    client = client_as("office")
    url = f"/indicators/{numbers['coops'].pk}/rows/"
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    village = world.user("village")
    task = Task.objects.unscoped("test").get(indicators__parent=numbers["coops"], lead_unit=world.unit("village"))
    task_flow.task_reopen(actor=world.user("office"), task=task, reason="复查不合格")
    share = Indicator.objects.unscoped("test").get(tasks=task, parent=numbers["coops"])
    for n in range(5):
        services.report_submit(actor=village, task=task, text=f"{n}", values={share: n + 5})
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200



SUMMARY = re.compile(r'data-ls-shares="(\d+)"[^>]*><summary>分解到 (\d+) 个单位：(.*?)</summary>', re.S)
LIGHT = re.compile(r'data-ls-indicator-light="(\w+)"')


def test_the_plan_page_counts_each_target_s_shares_by_light_as_its_shares_list_them(world, numbers, client_as):
    """The board shows a township's targets; each says how many shares it has and their lights, and
    the list it opens holds exactly those shares with those lights."""
    client = client_as("office")
    page = client.get(f"/plans/{numbers['plan'].pk}/").content.decode()
    summaries = SUMMARY.findall(page)
    assert {int(pk) for pk, _n, _lights in summaries} == {numbers["toilets"].pk, numbers["coops"].pk}
    names = {"green": "绿", "yellow": "黄", "red": "红"}
    for pk, count, lights in summaries:
        listed = client.get(f"/indicators/{pk}/shares/").content.decode()
        shown = LIGHT.findall(listed)
        assert int(count) == listed.count("data-ls-indicator=") == 2
        for light, word in names.items():
            assert f"{word} {shown.count(light)}<" in lights, (pk, light)
    assert f"data-ls-indicator=\"{numbers['share'].pk}\"" not in page  # shares open on demand, not on the board
    partial = client.get(f"/indicators/{numbers['toilets'].pk}/shares/", HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<ul class="list-group ls-shares">') and "<html" not in partial


def test_the_shares_page_answers_each_role_as_the_target_s_rows_do(world, numbers):
    url = f"/indicators/{numbers['toilets'].pk}/shares/"
    assert [client_for(world, role).get(url).status_code for role in ROLES] == MATRIX["toilets"]
