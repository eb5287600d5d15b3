"""纪委 supervises the supervisors: it reads the township's slips (and how they escalated), problems and
their 销号 records — lists, details, history, export — and every write stays refused, on the pages,
the API and imports. One line per role: the expected status of each endpoint, in the order listed."""

import pytest
from django.test import Client

from luoshi.exchange.importing import import_ledger
from luoshi.ledgers.registry import get_ledger
from luoshi.ledgers.testing import PROBLEM_HEADER, problem_row, workbook
from luoshi.progress import services as progress
from luoshi.supervision import jobs, services
from luoshi.supervision.models import Problem
from luoshi.supervision.tests.factories import make_task, person, problem_in

pytestmark = pytest.mark.django_db

READS = ["/supervision/", "/problems/{problem}/", "/urges/", "/urges/{urge}/", "/urges/{urge}/print/",
         "/ledgers/problems/", "/ledgers/problems/{problem}/", "/ledgers/problems/export.xlsx"]
# (/ledgers/problems/{problem}/ leads, 301, to the problem's own page: one detail page per record)
READ_MATRIX = {
    "anonymous":  [302, 302, 302, 302, 302, 302, 302, 302],
    "leader":     [200, 200, 200, 200, 200, 200, 301, 200],
    "office":     [200, 200, 200, 200, 200, 200, 301, 200],
    "department": [200, 404, 200, 200, 200, 200, 404, 200],
    "village":    [200, 200, 200, 404, 404, 200, 301, 200],
    "cadre":      [200, 404, 200, 200, 200, 200, 404, 200],
    "discipline": [200, 200, 200, 200, 200, 200, 301, 200],
    "outsider":   [200, 404, 200, 404, 404, 200, 404, 200],
}
# (method, url): each refused write leaves the records as they were.
WRITES = [("post", "/problems/{problem}/assign/"), ("post", "/problems/{problem}/close/"),
          ("post", "/problems/{problem}/send_back/"), ("post", "/problems/{problem}/reopen/"),
          ("post", "/urges/{urge}/answer/"), ("post", "/urges/{urge}/withdraw/"), ("post", "/tasks/{task}/urge/"),
          ("get", "/ledgers/problems/new/"), ("get", "/ledgers/problems/{problem}/edit/"),
          ("get", "/ledgers/problems/import/"), ("get", "/ledgers/problems/template.xlsx"),
          ("post", "/reports/{report}/problem/")]
WRITE_MATRIX = {
    "anonymous":  [302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302],
    "discipline": [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
    "outsider":   [404, 404, 404, 404, 404, 404, 404, 200, 404, 200, 200, 404],
}
API_READS = ["/api/v1/urges/", "/api/v1/urges/{urge}/", "/api/v1/problems/",
             "/api/v1/problems/{problem}/"]
API_READ_MATRIX = {
    "anonymous":  [401, 401, 401, 401],
    "leader":     [200, 200, 200, 200],
    "office":     [200, 200, 200, 200],
    "department": [200, 200, 200, 404],
    "village":    [200, 404, 200, 200],
    "cadre":      [200, 200, 200, 404],
    "discipline": [200, 200, 200, 200],
    "outsider":   [200, 404, 200, 404],
}
API_WRITES = [("post", "/api/v1/problems/{problem}/assign/", {"owner_id": "{owner}"}),
              ("post", "/api/v1/problems/{problem}/close/", None),
              ("post", "/api/v1/problems/{problem}/send_back/", {"reason": "不合格"}),
              ("post", "/api/v1/urges/{urge}/answer/", {"answer": "已办"}),
              ("post", "/api/v1/tasks/{task}/urges/", {}),
              ("post", "/api/v1/problems/", {"description": "新问题", "lead_unit": "{unit}"}),
              ("patch", "/api/v1/problems/{problem}/", {"measures": "改", "version": 99}),
              ("delete", "/api/v1/problems/{problem}/", None),
              ("post", "/api/v1/reports/{report}/problem/", None)]
API_WRITE_MATRIX = {
    "anonymous":  [401, 401, 401, 401, 401, 401, 401, 401, 401],
    "discipline": [403, 403, 403, 403, 403, 403, 403, 403, 403],
    "outsider":   [404, 404, 404, 404, 404, 400, 404, 404, 404],
}


@pytest.fixture
def ids(world, clock):
    """A village problem asked to close, a slip on the village's task escalated once (to the lead
    unit's head), and a report with a difficulty on the economic office's task."""
    task = make_task(world)
    urge = services.urge_issue(actor=world.user("office"), task=make_task(world, unit="department", owner="cadre"),
                               colour="red")
    clock.advance(hours=25)
    jobs.escalate_due()
    report = progress.report_submit(actor=world.user("village"), task=task, text="推进中", difficulties="资金不足")
    return {"task": task.pk, "problem": problem_in(world, "closing").pk, "urge": urge.pk, "report": report.pk,
            "owner": person(world, "village").pk, "unit": world.unit("village").pk}


def _client(world, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.user(role))
    return client


def _fill(value, ids):
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return int(value.format(**ids)) if isinstance(value, str) and value.startswith("{") else value


def _snapshot():
    return list(Problem.objects.unscoped("test").order_by("id").values_list("id", "status", "version"))


@pytest.mark.parametrize("role", READ_MATRIX)
def test_read_pages_for_every_role(world, ids, role):
    client = _client(world, role)
    assert [client.get(url.format(**ids)).status_code for url in READS] == READ_MATRIX[role]


@pytest.mark.parametrize("role", WRITE_MATRIX)
def test_write_pages_refused_to_readers(world, ids, role):
    client, before = _client(world, role), _snapshot()
    got = [getattr(client, method)(url.format(**ids)).status_code for method, url in WRITES]
    assert got == WRITE_MATRIX[role] and _snapshot() == before


@pytest.mark.parametrize("role", API_READ_MATRIX)
def test_api_reads_for_every_role(world, ids, role):
    client = _client(world, role)
    assert [client.get(url.format(**ids)).status_code for url in API_READS] == API_READ_MATRIX[role]


@pytest.mark.parametrize("role", API_WRITE_MATRIX)
def test_api_writes_refused_to_readers(world, ids, role):
    client, before = _client(world, role), _snapshot()
    got = [getattr(client, method)(url.format(**ids), _fill(body, ids) or {}, content_type="application/json")
           .status_code for method, url, body in API_WRITES]
    assert got == API_WRITE_MATRIX[role] and _snapshot() == before


def test_discipline_reads_the_whole_townships_slips_with_their_escalation(world, ids, client_as):
    listing = client_as("discipline").get("/api/v1/urges/").json()
    assert listing["count"] == 1 and listing["items"][0]["level"] == 1 and listing["items"][0]["head"]
    page = client_as("discipline").get(f"/urges/{ids['urge']}/").content.decode()
    assert "升级至牵头单位负责人" in page and "提交答复" not in page and "撤回" not in page


def test_discipline_reads_a_problems_close_record_and_history_but_is_offered_no_action(world, client_as):
    problem = problem_in(world, "closed")
    page = client_as("discipline").get(f"/problems/{problem.pk}/").content.decode()
    assert "核验销号" in page and "office之人" in page and "已清理" in page and "data-action=" not in page
    assert "申请销号" in page  # the history: who asked, who verified
    assert "/edit/" not in page


def test_discipline_exports_the_problem_ledger(world, ids, client_as):
    response = client_as("discipline").get("/ledgers/problems/export.xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_discipline_office_sees_no_other_township(world, client_as):
    other = services.problem_create(actor=world.user("outsider"), description="柳林村道路破损",
                                    lead_unit=world.unit("other_village"))
    assert client_as("discipline").get(f"/problems/{other.pk}/").status_code == 404


def test_discipline_cannot_import_problems(world, tmp_path):
    path = workbook(tmp_path / "p.xlsx", PROBLEM_HEADER, [problem_row(1)])
    outcome = import_ledger(actor=world.user("discipline"), ledger=get_ledger("problems"), path=path)
    assert outcome.created == 0 and "没有执行此操作的权限" in outcome.errors[0]["reason"]
    assert not Problem.objects.unscoped("test").exists()


def test_discipline_has_no_inspections_link_on_the_supervision_pages(world, client_as):
    assert "/inspections/" not in client_as("discipline").get("/supervision/").content.decode()
    assert "/inspections/" in client_as("office").get("/supervision/").content.decode()
