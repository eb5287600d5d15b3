"""The 招商引资 register: scope, derived fields, the life of a project (its transition table, dates and
evidence), stale leads lighting up, the project's page and API, each with the audit."""

import datetime as dt
import re

import pytest

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.models import AuditEntry
from luoshi.economy import project_flow
from luoshi.economy.models import InvestmentProject, ProjectStep
from luoshi.economy.tests.project_factories import fresh, make_project, step
from luoshi.ledgers.registry import get_ledger
from luoshi.org.testing import ROLES, client_for
from luoshi.plans.models import Light

pytestmark = pytest.mark.django_db


def test_a_village_sees_its_projects_a_department_those_it_follows_an_outsider_none(world, day):
    ours = make_project(world)
    elsewhere = make_project(world, unit="other_village_same_township", name="庙口村冷链物流", lead_unit=None)
    assert list(InvestmentProject.objects.visible_to(world.user("village"))) == [ours]
    assert list(InvestmentProject.objects.visible_to(world.user("department"))) == [ours]
    assert set(InvestmentProject.objects.visible_to(world.user("leader"))) == {ours, elsewhere}
    assert not InvestmentProject.objects.visible_to(world.user("outsider")).exists()
    with pytest.raises(NotAllowed):
        make_project(world, who="village")
    with pytest.raises(OutOfScope):
        make_project(world, who="outsider")
    with pytest.raises(OutOfScope):  # a department registers only what it follows
        make_project(world, who="department", lead_unit=None)


def test_the_yi_flag_the_paths_and_the_latest_date_are_derived_on_every_write(world, day):
    project = make_project(world, amount=9999)
    assert (project.yi_project, project.scope_path, project.lead_path, project.followed_on) == (
        False, world.unit("village").path, world.unit("department").path, dt.date(2026, 3, 1))
    get_ledger("projects").update(actor=world.user("office"), investmentproject=project, version=project.version,
                                  amount=10000)
    assert fresh(project).yi_project is True
    registered = ProjectStep.objects.unscoped("t").get(project=project)
    assert (registered.action, registered.stage, registered.date) == ("register", "lead", dt.date(2026, 3, 1))


def test_a_project_moves_only_by_its_table_each_step_dated_with_evidence_and_audited(world, day):
    project = make_project(world)
    with pytest.raises(ServiceError, match="不能开工"):
        step(world, project, "start", dt.date(2026, 4, 1))
    with pytest.raises(ServiceError, match="佐证"):
        step(world, project, "sign", dt.date(2026, 4, 1), note=" ")
    with pytest.raises(ServiceError, match="不能早于"):
        step(world, project, "sign", dt.date(2026, 2, 1))
    with pytest.raises(ServiceError, match="不能晚于今天"):
        step(world, project, "sign", dt.date(2026, 7, 1))
    step(world, project, "negotiate", dt.date(2026, 3, 20), note="赴青岛洽谈")
    step(world, project, "sign", dt.date(2026, 4, 2))
    step(world, project, "start", dt.date(2026, 5, 8), note="取得施工许可证，现场照片存经发办")
    project = fresh(project)
    assert (project.stage, project.talks_date, project.signed_date, project.started_date, project.version) == (
        "started", dt.date(2026, 3, 20), dt.date(2026, 4, 2), dt.date(2026, 5, 8), 4)
    actions = list(ProjectStep.objects.unscoped("t").filter(project=project).order_by("date").values_list(
        "action", flat=True))
    assert actions == ["register", "negotiate", "sign", "start"]
    messages = list(AuditEntry.objects.unscoped("t").filter(object_type="economy.investmentproject")
                    .order_by("id").values_list("message", flat=True))
    assert messages[-1] == "开工：取得施工许可证，现场照片存经发办"
    with pytest.raises(NotAllowed):
        step(world, project, "produce", dt.date(2026, 6, 1), who="village")
    with pytest.raises(OutOfScope):
        step(world, project, "produce", dt.date(2026, 6, 1), who="outsider")


def test_the_edit_form_and_the_api_cannot_move_a_stage_and_dates_follow_the_stage(world, day):
    project = make_project(world)
    ledger = get_ledger("projects")
    with pytest.raises(ServiceError, match="项目阶段"):
        ledger.update(actor=world.user("office"), investmentproject=project, version=1, stage="signed",
                      signed_date=dt.date(2026, 4, 1))
    form = ledger.form({"name": "x", "lead_date": "2026-03-01", "stage": "signed", "unit": world.unit("village").pk,
                        "source": "other"}, actor=world.user("office"))
    assert not form.is_valid() and "签约日期" in str(form.errors)
    form = ledger.form({"name": "x", "lead_date": "2026-03-01", "stage": "talking", "started_date": "2026-04-01",
                        "unit": world.unit("village").pk, "source": "other"}, actor=world.user("office"))
    assert not form.is_valid() and "尚未到“开工”阶段" in str(form.errors)
    assert "stage" not in ledger.form(actor=world.user("office"), instance=project).fields


def test_a_dropped_project_may_resume_talks_and_forgets_the_stages_it_had_reached(world, day):
    project = make_project(world)
    step(world, project, "sign", dt.date(2026, 4, 2))
    step(world, project, "drop", dt.date(2026, 5, 2), note="投资方资金链断裂，终止")
    assert project_flow.project_light(fresh(project)) == (Light.NONE, "终止")
    step(world, project, "resume", dt.date(2026, 6, 1), note="投资方重新对接")
    project = fresh(project)
    assert (project.stage, project.signed_date, project.talks_date) == ("talking", None, dt.date(2026, 6, 1))


def test_a_lead_nobody_follows_up_turns_yellow_then_red_and_a_follow_up_turns_it_green(world, day, settings):
    settings.LUOSHI_PROJECT_STALE_DAYS = 20
    project = make_project(world, lead_date=dt.date(2026, 6, 1))
    assert project_flow.project_light(fresh(project))[0] == Light.GREEN
    day.move(days=25)
    assert project_flow.project_light(fresh(project)) == (Light.YELLOW, "已 39 天未跟进")
    day.move(days=20)
    assert project_flow.project_light(fresh(project))[0] == Light.RED
    step(world, project, "follow_up", day.today, note="电话回访，投资方下月来镇考察")
    project = fresh(project)
    assert (project.stage, project.followed_on, project_flow.project_light(project)[0]) == (
        "lead", day.today, Light.GREEN)


PAGES = [
    # anonymous, leader, office, department, village, cadre, discipline, outsider
    ("detail", [302, 200, 200, 200, 200, 404, 200, 404]),
    ("list", [302, 200, 200, 200, 200, 200, 200, 200]),
]


@pytest.mark.parametrize(("page", "expected"), PAGES)
def test_role_matrix_of_the_register_pages(world, day, page, expected):
    project = make_project(world)
    url = f"/projects/{project.pk}/" if page == "detail" else "/ledgers/projects/"
    got = [client_for(world, role).get(url).status_code for role in ROLES]
    assert got == expected


def test_the_page_offers_the_steps_of_the_stage_and_a_step_posted_moves_it(world, day, client_as):
    project = make_project(world)
    client = client_as("office")
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert 'data-action="negotiate"' in page and 'data-action="sign"' in page and 'data-action="start"' not in page
    response = client.post(f"/projects/{project.pk}/sign/", {"sign-date": "2026-04-02", "sign-note": "签订协议"})
    assert response.status_code == 302 and fresh(project).stage == "signed"
    refused = client.post(f"/projects/{project.pk}/sign/", {"sign-date": "2026-04-03", "sign-note": "再签"},
                          follow=True)
    assert "不能签约" in refused.content.decode() and fresh(project).version == 2
    assert client_as("village").post(f"/projects/{project.pk}/start/", {"start-date": "2026-05-01",
                                                                        "start-note": "开工"}).status_code == 403


def test_the_api_lists_the_register_and_takes_a_step_with_the_pages_rules(world, day, client_as):
    project = make_project(world)
    client = client_as("office")
    listed = client.get("/api/v1/projects/").json()
    assert listed["count"] == 1 and listed["items"][0]["stage"] == "线索"
    moved = client.post(f"/api/v1/projects/{project.pk}/steps/",
                        {"action": "sign", "date": "2026-04-02", "note": "签约"}, content_type="application/json")
    assert moved.status_code == 201 and moved.json()["stage"] == "signed"
    refused = client.post(f"/api/v1/projects/{project.pk}/steps/",
                          {"action": "produce", "date": "2026-04-03", "note": "投产"}, content_type="application/json")
    assert refused.status_code == 400 and "不能投产" in refused.json()["detail"]
    assert client_as("outsider").get(f"/api/v1/projects/{project.pk}/steps/").status_code == 404


def test_the_list_filters_yi_projects_by_yes_or_no(world, day, client_as):
    make_project(world)
    make_project(world, name="冷链仓储", amount=3000)
    client = client_as("office")
    page = client.get("/ledgers/projects/").content.decode()
    assert re.search(r'<option value="true"\s*>是</option>', page)
    yes = client.get("/ledgers/projects/?yi_project=true").content.decode()
    no = client.get("/ledgers/projects/?yi_project=false").content.decode()
    assert "青东智能装备产业园项目" in yes and "冷链仓储" not in yes
    assert "冷链仓储" in no and "青东智能装备产业园项目" not in no
