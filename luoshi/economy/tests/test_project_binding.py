"""Registers feed targets: an indicator bound to the 招商引资 register counts its projects, per unit,
in the plan's year; it changes when a project moves, on the plan page, the battle map and the API; its
rows page lists the projects that make the number (as many as the number says); nobody types it;
and a speech's "亿元项目" proposes the binding."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from luoshi.core.errors import ServiceError
from luoshi.economy.tests.project_factories import bound_target, fresh, make_project, step
from luoshi.plans import drafts, measures
from luoshi.plans import services as plans
from luoshi.plans.models import Indicator, Light
from luoshi.progress import services as progress
from luoshi.progress.tests.factories import make_task

pytestmark = pytest.mark.django_db


def _number(html: str, marker: str) -> Decimal:
    return Decimal(re.search(marker + r'="([0-9.]+)"', html).group(1))


def test_a_bound_target_counts_yi_projects_signed_in_its_year_and_moves_with_a_stage(world, day):
    plan, target = bound_target(world)
    project = make_project(world)
    make_project(world, name="千万元项目", amount=3000)  # not a 亿元 project
    assert fresh(target).actual == 0
    step(world, project, "sign", dt.date(2026, 4, 2))
    assert fresh(target).actual == 1
    step(world, project, "start", dt.date(2026, 5, 2))  # still counts once signed
    assert fresh(target).actual == 1
    _, last_year = bound_target(world, year=2025)
    assert fresh(last_year).actual == 0  # signed in 2026: not 2025's
    step(world, project, "produce", dt.date(2026, 6, 1))
    assert measures.stale_counts() == []


def test_the_plan_page_shows_the_new_number_and_light_after_a_project_is_signed(world, day, client_as):
    plan, target = bound_target(world, target=2)
    project = make_project(world)
    client = client_as("leader")
    before = client.get(f"/plans/{plan.pk}/").content.decode()
    assert f'data-ls-indicator="{target.pk}">0</a>' in before and 'data-ls-indicator-light="red"' in before
    assert "按台账统计：当年签约亿元项目数" in before
    step(world, project, "sign", dt.date(2026, 4, 2))
    after = client.get(f"/plans/{plan.pk}/").content.decode()
    assert f'data-ls-indicator="{target.pk}">1</a>' in after and 'data-ls-indicator-light="green"' in after


def test_the_battle_map_shows_the_new_number_after_a_project_is_signed(world, day, client_as):
    plan, target = bound_target(world)
    project = make_project(world)
    client = client_as("leader")
    assert _number(client.get(f"/plans/{plan.pk}/battle-map/").content.decode(), "data-map-actual") == 0
    step(world, project, "sign", dt.date(2026, 4, 2))
    page = client.get(f"/plans/{plan.pk}/battle-map/").content.decode()
    assert _number(page, "data-map-actual") == 1 and f'data-map-indicator="{target.pk}"' in page


def test_the_api_shows_the_new_number_and_light_after_a_project_is_signed_through_the_api(world, day, client_as):
    plan, target = bound_target(world, target=2)
    project = make_project(world)
    client = client_as("office")
    row = client.get(f"/api/v1/plans/{plan.pk}/indicators/").json()[0]
    assert (row["actual"], row["light"], row["register_measure"]) == ("0.00", Light.RED, "projects.yi_signed")
    moved = client.post(f"/api/v1/projects/{project.pk}/steps/", {"action": "sign", "date": "2026-04-02",
                                                                  "note": "签约"}, content_type="application/json")
    assert moved.status_code == 201
    row = client.get(f"/api/v1/plans/{plan.pk}/indicators/").json()[0]
    assert (row["actual"], row["light"]) == ("1.00", Light.GREEN)


def test_the_rows_page_lists_the_projects_that_make_the_number_and_counts_the_hidden_ones(world, day, client_as):
    plan, target = bound_target(world)
    ours = make_project(world)
    theirs = make_project(world, unit="other_village_same_township", name="庙口村光伏", lead_unit=None)
    for project in (ours, theirs):
        step(world, project, "sign", dt.date(2026, 4, 2))
    page = client_as("leader").get(f"/indicators/{target.pk}/rows/").content.decode()
    rows = re.findall(r'data-ls-register-row="(\d+)"', page)
    assert len(rows) == fresh(target).actual == 2 and f"/projects/{ours.pk}/" in page
    share = plans.indicator_split(actor=world.user("office"), indicator=target, shares={world.unit("village"): 2,
                                                                                   world.unit("department"): 1})[0]
    village_view = client_as("village").get(f"/indicators/{share.pk}/rows/").content.decode()
    assert re.findall(r'data-ls-register-row="(\d+)"', village_view) == [str(ours.pk)] and fresh(share).actual == 1
    # a reader who may see the number but not every row behind it: those rows are counted apart, never dropped
    seen = measures.rows_of(actor=world.user("village"), indicator=fresh(target))
    assert ([r.obj for r in seen["rows"]], seen["hidden"], seen["total"]) == ([ours], 1, 2)


def test_a_split_target_counts_each_unit_its_own_projects_and_the_township_each_project_once(world, day):
    plan, target = bound_target(world, target=3)
    shares = {s.unit_id: s for s in plans.indicator_split(actor=world.user("office"), indicator=target, shares={
        world.unit("village"): 1, world.unit("other_village_same_township"): 1, world.unit("department"): 1})}
    assert all(s.register_measure == "projects.yi_signed" for s in shares.values())
    step(world, make_project(world), "sign", dt.date(2026, 4, 2))  # 路村, followed by 经济发展办公室
    step(world, make_project(world, unit="other_village_same_township", lead_unit=None), "sign", dt.date(2026, 4, 3))
    counts = {unit_id: fresh(s).actual for unit_id, s in shares.items()}
    assert counts == {world.unit("village").pk: 1, world.unit("other_village_same_township").pk: 1,
                      world.unit("department").pk: 1}
    assert fresh(target).actual == 2  # not 3: the first project is 路村's and the department's
    assert measures.stale_counts() == []


def test_nobody_types_a_bound_number_not_on_the_report_form_nor_through_the_api(world, day, client_as):
    plan, target = bound_target(world)
    task = make_task(world, plan, unit="village", indicators=[target])
    form = client_as("village").get(f"/tasks/{task.pk}/report/").content.decode()
    assert f"value_{target.pk}" not in form
    with pytest.raises(ServiceError, match="由台账自动统计"):
        progress.report_submit(actor=world.user("village"), task=task, text="签约1个", values={target: 5})
    assert fresh(target).actual == 0


def test_binding_a_reported_target_counts_its_projects_and_unbinding_brings_the_reports_back(world, day, client_as):
    plan, _ = bound_target(world)
    target = plans.indicator_create(actor=world.user("office"), plan=plan, name="新上千万元以上项目",
                                    unit=world.unit("village"), measure="个", target=4)
    task = make_task(world, plan, unit="village", indicators=[target])
    progress.report_submit(actor=world.user("village"), task=task, text="签约3个", values={target: 3})
    step(world, make_project(world, amount=2000), "sign", dt.date(2026, 4, 2))
    client = client_as("office")
    page = client.get(f"/indicators/{target.pk}/binding/")
    assert page.status_code == 200 and "当年签约千万元以上项目数" in page.content.decode()
    assert client.post(f"/indicators/{target.pk}/binding/",
                       {"register_measure": "projects.qianwan_signed"}).status_code == 302
    assert (fresh(target).register_measure, fresh(target).actual) == ("projects.qianwan_signed", 1)
    client.post(f"/indicators/{target.pk}/binding/", {"register_measure": ""})
    assert (fresh(target).register_measure, fresh(target).actual) == ("", 3)
    refused = client.post(f"/indicators/{target.pk}/binding/", {"register_measure": "projects.nothing"})
    assert refused.status_code == 400 and fresh(target).register_measure == ""
    assert client_as("village").get(f"/indicators/{target.pk}/binding/").status_code == 403


def test_a_speech_target_naming_yi_projects_proposes_the_binding_and_the_plan_keeps_it(world, day):
    text = ("2026年河口镇工作要点\n一、发展经济\n（一）抓好招商引资。确保新上亿元项目3个，新上千万元以上项目6个。\n"
            "（二）壮大集体经济。确保村级集体收入达到50万元以上。\n")
    actor = world.user("office")
    step(world, make_project(world), "sign", dt.date(2026, 4, 2))
    draft = drafts.draft_propose(actor=actor, unit=world.unit("township"), text=text, source_name="讲话.txt")
    proposed = {x["name"]: x["register_measure"] for item in draft["items"] for x in item["indicators"]}
    assert proposed == {"新上亿元项目": "projects.yi_signed", "新上千万元以上项目": "projects.qianwan_signed",
                        "村级集体收入": "income.total"}  # the collective income register
    plan = drafts.plan_from_draft(actor=actor, unit=draft["unit"], year=draft["year"], title=draft["title"],
                                  lines=drafts.draft_lines_for_save(draft))
    yi = Indicator.objects.unscoped("t").get(plan=plan, name="新上亿元项目")
    assert (yi.register_measure, yi.actual) == ("projects.yi_signed", 1)


def test_the_review_page_offers_the_proposed_binding_and_keeps_the_reviewers_choice(world, day, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from luoshi.core.tests.test_forms_round_trip import browser_post_data

    client = client_as("office")
    text = "2026年河口镇工作要点\n一、发展经济\n（一）抓好招商引资。确保新上亿元项目3个。\n"
    response = client.post("/plans/import/", {"file": SimpleUploadedFile("讲话.txt", text.encode()),
                                              "unit": world.unit("township").pk})
    review = client.get(response.url).content.decode()
    assert '<option value="projects.yi_signed" selected>当年签约亿元项目数</option>' in review
    key = re.search(r'name="(t\d+)-i0-register_measure"', review).group(1)
    posted = browser_post_data(review, response.url) | {f"{key}-i0-register_measure": [""], "action": ["save"]}
    client.post(response.url, posted)
    select = re.search(r'name="t\d+-i0-register_measure".*?</select>', client.get(response.url).content.decode(),
                       re.S).group(0)
    assert '<option value="" selected>' in select and "projects.yi_signed\" selected" not in select
