"""An enterprise's life beyond its register row: its 驻企联络员 (history kept), its production status
along a transition table with the day of each step, its demands on the problems ledger, and the
liaison's phone home."""

import datetime as dt

import pytest

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.models import AuditEntry
from luoshi.economy import demands, enterprise_flow
from luoshi.economy.models import Enterprise, EnterpriseDemand, LiaisonAssignment, StatusChange
from luoshi.economy.tests.books import book
from luoshi.economy.tests.test_enterprises import make_enterprise
from luoshi.exchange.importing import import_ledger
from luoshi.ledgers.registry import get_ledger
from luoshi.org import services as org
from luoshi.org.testing import ROLES, client_for
from luoshi.supervision import services as supervision
from luoshi.supervision.models import Problem

pytestmark = pytest.mark.django_db


def _latest_agree(firm: Enterprise) -> None:
    """The stored status and liaison are the latest rows of their history (one owner keeps both)."""
    firm = Enterprise.objects.unscoped("t").get(pk=firm.pk)
    last = StatusChange.objects.unscoped("t").filter(enterprise=firm).order_by("-id").first()
    assert (firm.status, firm.status_date) == (last.to_status, last.on)
    open_rows = list(LiaisonAssignment.objects.unscoped("t").filter(enterprise=firm, ended_on__isnull=True))
    assert [a.person_id for a in open_rows] == ([firm.liaison_id] if firm.liaison_id else [])


def _edit(world, firm, **fields):
    firm = Enterprise.objects.unscoped("t").get(pk=firm.pk)
    return get_ledger("enterprises").update(actor=world.user("office"), enterprise=firm, version=firm.version,
                                            **fields)


def test_each_new_liaison_closes_the_last_ones_time(world):
    firm = make_enterprise(world)
    other = org.person_create(actor=world.admin, unit=world.unit("department"), name="赵联络员", title="驻企联络员")
    _edit(world, firm, liaison=other)
    _latest_agree(firm)
    _edit(world, firm, liaison=None)
    rows = list(LiaisonAssignment.objects.unscoped("t").filter(enterprise=firm).order_by("id"))
    assert [(r.person.name, r.ended_on is not None) for r in rows] == [("cadre之人", True), ("赵联络员", True)]
    _latest_agree(firm)
    assert not Enterprise.objects.visible_to(world.user("cadre")).exists()  # no longer theirs


def test_the_liaison_steps_their_enterprise_along_the_table(world):
    firm = make_enterprise(world, status="stopped", status_date=dt.date(2024, 2, 1))
    cadre = world.user("cadre")
    assert [t.action for t in enterprise_flow.allowed_actions(cadre, firm)] == ["resume"]
    firm = enterprise_flow.enterprise_step(actor=cadre, enterprise=firm, action="resume", on=dt.date(2024, 3, 5),
                                           note="两条生产线复工")
    firm = enterprise_flow.enterprise_step(actor=cadre, enterprise=firm, action="reach", on=dt.date(2024, 4, 20))
    assert (firm.status, firm.status_date) == ("full", dt.date(2024, 4, 20))
    steps = list(StatusChange.objects.unscoped("t").filter(enterprise=firm).order_by("id")
                 .values_list("from_status", "to_status", "on"))
    assert steps == [("", "stopped", dt.date(2024, 2, 1)), ("stopped", "resumed", dt.date(2024, 3, 5)),
                     ("resumed", "full", dt.date(2024, 4, 20))]
    _latest_agree(firm)
    with pytest.raises(ServiceError, match="不能复工"):
        enterprise_flow.enterprise_step(actor=cadre, enterprise=firm, action="resume")
    with pytest.raises(ServiceError, match="不能晚于今天"):
        enterprise_flow.enterprise_step(actor=cadre, enterprise=firm, action="stop",
                                        on=dt.date.today() + dt.timedelta(days=3))
    with pytest.raises(NotAllowed):
        enterprise_flow.enterprise_step(actor=world.user("village"), enterprise=firm, action="stop")
    with pytest.raises(ServiceError, match="不能早于"):
        enterprise_flow.enterprise_step(actor=cadre, enterprise=firm, action="stop", on=dt.date(2024, 4, 1))
    audit = AuditEntry.objects.unscoped("t").filter(object_type="economy.enterprise").order_by("id")
    assert list(audit.values_list("message", flat=True))[1:] == ["复工（2024-03-05）：两条生产线复工", "达产（2024-04-20）"]


def test_someone_elses_enterprise_is_not_the_liaisons_to_step(world):
    firm = make_enterprise(world, liaison=None)
    with pytest.raises(OutOfScope):
        enterprise_flow.enterprise_step(actor=world.user("cadre"), enterprise=firm, action="stop")


def test_an_edit_moves_the_status_only_along_the_table(world):
    firm = make_enterprise(world, status="normal")
    with pytest.raises(ServiceError, match="不能从"):
        _edit(world, firm, status="full")
    _edit(world, firm, status="stopped")
    firm = Enterprise.objects.unscoped("t").get(pk=firm.pk)
    assert (firm.status, firm.status_date) == ("stopped", dt.date.today())
    _latest_agree(firm)


def test_a_demand_becomes_a_problem_the_liaison_follows_until_it_is_closed(world, client_as):
    firm = make_enterprise(world)
    problem = demands.demand_raise(actor=world.user("office"), enterprise=firm, description="用电增容审批慢，影响投产。",
                                   lead_unit=world.unit("department"), category="用电保障")
    assert (problem.source, problem.enterprise_name, problem.liaison, problem.village) == (
        "enterprise", firm.name, world.user("cadre").person, world.unit("village"))
    link = EnterpriseDemand.objects.unscoped("t").get()
    entry = AuditEntry.objects.unscoped("t").get(object_type="economy.enterprisedemand")
    assert (link.problem, entry.parent_type, entry.parent_id) == (problem, "economy.enterprise", str(firm.pk))
    home = client_as("cadre").get("/").content.decode()
    assert "我联络的企业（1）" in home and f'data-demand="{problem.pk}"' in home
    page = client_for(world, "leader").get(f"/economy/enterprises/{firm.pk}/").content.decode()
    assert f'data-demand="{problem.pk}"' in page
    office, leader = world.user("office"), world.user("leader")
    supervision.problem_assign(actor=office, problem=problem, owner=world.user("cadre").person)
    supervision.problem_start(actor=world.user("cadre"), problem=problem)
    supervision.problem_request_close(actor=world.user("cadre"), problem=problem, evidence="供电所已批复")
    supervision.problem_close(actor=leader, problem=problem)
    assert f'data-demand="{problem.pk}"' not in client_for(world, "cadre").get("/").content.decode()


def test_only_the_keepers_of_problems_raise_demands(world):
    firm = make_enterprise(world)
    for who in ("cadre", "leader", "discipline"):
        with pytest.raises(NotAllowed):
            demands.demand_raise(actor=world.user(who), enterprise=firm, description="x",
                                 lead_unit=world.unit("department"))
    with pytest.raises(OutOfScope):
        demands.demand_raise(actor=world.user("outsider"), enterprise=firm, description="x",
                             lead_unit=world.unit("other_township"))
    assert not Problem.objects.unscoped("t").exists()


def test_a_new_liaison_takes_over_the_open_demands(world):
    firm = make_enterprise(world)
    problem = demands.demand_raise(actor=world.user("office"), enterprise=firm, description="招工难",
                                   lead_unit=world.unit("department"))
    other = org.person_create(actor=world.admin, unit=world.unit("department"), name="赵联络员", title="驻企联络员")
    _edit(world, firm, liaison=other)
    assert Problem.objects.unscoped("t").get(pk=problem.pk).liaison == other


def test_the_enterprise_page_answers_every_role(world):
    firm = make_enterprise(world)
    got = [client_for(world, role).get(f"/economy/enterprises/{firm.pk}/").status_code for role in ROLES]
    assert got == [302, 200, 200, 404, 200, 200, 200, 404]
    assert client_for(world, "office").get(f"/ledgers/enterprises/{firm.pk}/").status_code == 301
    text = client_for(world, "cadre").get(f"/economy/enterprises/{firm.pk}/").content.decode()
    assert 'data-action="stop"' in text and "data-demand-form" not in text and "13812345678" not in text


def test_the_page_posts_a_step_and_a_demand(world, client_as):
    firm = make_enterprise(world, status_date=dt.date(2024, 2, 1))
    client = client_as("office")
    assert client.post(f"/economy/enterprises/{firm.pk}/reach/", {"on": "2024-05-01"}).status_code == 302
    assert Enterprise.objects.unscoped("t").get(pk=firm.pk).status == "full"
    answer = client.post(f"/economy/enterprises/{firm.pk}/demands/", {
        "description": "希望协调融资担保", "lead_unit": world.unit("department").pk, "category": "融资"})
    assert answer.status_code == 302 and Problem.objects.unscoped("t").get().category == "融资"
    refused = client.post(f"/economy/enterprises/{firm.pk}/resume/", {"on": "2024-05-02"}, follow=True)
    assert "不能复工" in refused.content.decode()


def test_the_api_steps_reads_history_and_raises_demands(world, client_as):
    firm = make_enterprise(world, status_date=dt.date(2024, 2, 1))
    cadre = client_for(world, "cadre")
    done = cadre.post(f"/api/v1/enterprises/{firm.pk}/status/", {"action": "stop", "on": "2024-06-01"},
                      content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "停产"
    history = cadre.get(f"/api/v1/enterprises/{firm.pk}/history/").json()
    assert [s["to"] for s in history["statuses"]] == ["stopped", "resumed"]
    assert cadre.post(f"/api/v1/enterprises/{firm.pk}/demands/", {"description": "x"},
                      content_type="application/json").status_code == 403
    office = client_as("office")
    bad = office.post(f"/api/v1/enterprises/{firm.pk}/demands/", {"description": ""}, content_type="application/json")
    assert bad.status_code == 400 and {e["field"] for e in bad.json()["errors"]} == {"description", "lead_unit"}
    made = office.post(f"/api/v1/enterprises/{firm.pk}/demands/",
                       {"description": "道路破损影响运输", "lead_unit": world.unit("department").pk},
                       content_type="application/json")
    assert made.status_code == 201
    assert [d["title"] for d in office.get(f"/api/v1/enterprises/{firm.pk}/demands/").json()] == ["道路破损影响运输"]
    assert client_for(world, "outsider").get(f"/api/v1/enterprises/{firm.pk}/demands/").status_code == 404


def test_a_third_layout_with_two_header_rows_liaisons_and_chinese_dates(world, tmp_path):
    """招商服务中心's 复工复产 sheet: merged title, 两行表头, 序号, Chinese dates, liaisons by name, 合计."""
    path = book(tmp_path / "fg.xlsx", [
        ["河口镇企业复工复产情况统计表"], ["填报单位：招商服务中心", None, None, None, None, "截至2024年3月31日"],
        ["序号", "企业名称", "所在村", "复工情况", None, "驻企联络员", "职工人数"],
        [None, None, None, "状态", "复工时间", None, None],
        [1, "济宁爱丝制衣有限公司", "路村", "已复工", "2024年2月20日", "cadre之人", 120],
        [2, "汶上翼翔服饰有限公司", "庙口村", "停产", None, None, 80],
        ["合计", "2家", None, None, None, None, 200],
    ], merges=("A1:G1", "A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4", "G3:G4"))
    outcome = import_ledger(actor=world.user("office"), ledger=get_ledger("enterprises"), path=path)
    assert outcome.errors == [] and outcome.created == 2
    firm = Enterprise.objects.unscoped("t").get(name="济宁爱丝制衣有限公司")
    assert (firm.status, firm.status_date, firm.liaison, firm.employees) == (
        "resumed", dt.date(2024, 2, 20), world.user("cadre").person, 120)
    for each in Enterprise.objects.unscoped("t"):
        _latest_agree(each)
