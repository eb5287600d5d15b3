"""党员发展全程纪实: the transition table, the statutory intervals (refused with the date a step may be
taken, written to the path's history), the reminders when a step falls due, scope, the form's round trip,
import and export, and the per-branch counts whose every number is the count of its list."""

import datetime as dt
import re

import openpyxl
import pytest

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.models import AuditEntry
from luoshi.exchange.importing import import_ledger
from luoshi.ledgers.registry import get_ledger
from luoshi.notify.models import Notification
from luoshi.notify.reminders import reminders_send
from luoshi.org.testing import ROLES, client_for
from luoshi.party import flow, selectors
from luoshi.party.models import PartyPath, PathStage, PathStep
from luoshi.party.tests.factories import ID, new_path, walk

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_path_goes_through_every_stage_in_order(world, villages, today):
    path = new_path(world, villages["路村"])
    assert path.stage == PathStage.APPLICANT
    path = walk(world, path, [("activist", D(2023, 6, 1)), ("candidate", D(2024, 6, 1)), ("admit", D(2024, 9, 1)),
                              ("confirm", D(2025, 9, 1))])
    assert path.stage == PathStage.MEMBER
    assert (path.activist_on, path.candidate_on, path.probationary_on, path.member_on) == (
        D(2023, 6, 1), D(2024, 6, 1), D(2024, 9, 1), D(2025, 9, 1))
    steps = list(PathStep.objects.unscoped("t").filter(path=path).values_list("action", flat=True))
    assert steps == ["register", "activist", "candidate", "admit", "confirm"]


def test_a_step_out_of_order_is_refused(world, villages, today):
    path = new_path(world, villages["路村"])
    with pytest.raises(ServiceError, match="当前为“入党申请人”，不能列为发展对象"):
        flow.path_step(actor=world.user("office"), path=path, action="candidate", date=D(2024, 6, 1), note="x")
    with pytest.raises(ServiceError, match="请写明依据"):
        flow.path_step(actor=world.user("office"), path=path, action="activist", date=D(2024, 6, 1), note=" ")
    with pytest.raises(ServiceError, match="不能早于上一步"):
        flow.path_step(actor=world.user("office"), path=path, action="activist", date=D(2023, 1, 1), note="x")
    with pytest.raises(ServiceError, match="不能晚于今天"):
        flow.path_step(actor=world.user("office"), path=path, action="activist", date=D(2026, 6, 2), note="x")


def test_a_candidate_too_early_is_refused_with_the_rule_and_the_first_day_and_kept_in_the_history(
        world, villages, today, client_as):
    path = walk(world, new_path(world, villages["路村"]), [("activist", D(2025, 9, 1))])
    with pytest.raises(ServiceError) as refused:
        flow.path_step(actor=world.user("office"), path=path, action="candidate", date=D(2026, 5, 1), note="支委会")
    message = refused.value.message
    assert "一年以上培养教育和考察" in message and "第十三条" in message and "2026-09-01" in message
    path.refresh_from_db()
    assert path.stage == PathStage.ACTIVIST and path.candidate_on is None
    entry = AuditEntry.objects.unscoped("t").filter(object_type="party.partypath", object_id=str(path.pk),
                                                    result=flow.REFUSED).get()
    assert "列为发展对象被拒绝" in entry.message
    page = client_as("office").get(f"/party/paths/{path.pk}/").content.decode()
    assert "列为发展对象被拒绝" in page and "2026-09-01 起可列为发展对象" in page
    # a year to the day is enough
    assert flow.rule_refusal(path, "candidate", D(2026, 9, 1)) is None


def test_the_probation_is_a_full_year(world, villages, today):
    path = walk(world, new_path(world, villages["路村"]),
                [("activist", D(2023, 6, 1)), ("candidate", D(2024, 6, 1)), ("admit", D(2025, 8, 1))])
    with pytest.raises(ServiceError, match="预备期为一年.*2026-08-01"):
        flow.path_step(actor=world.user("office"), path=path, action="confirm", date=D(2026, 6, 1), note="支部大会")


def test_an_applicant_must_be_eighteen_and_two_introducers_are_needed_to_admit(world, villages, today):
    with pytest.raises(ServiceError, match="年满十八周岁"):
        new_path(world, villages["路村"], birth_date=D(2006, 3, 2), applied_on=D(2024, 3, 1))
    assert new_path(world, villages["路村"], birth_date=D(2006, 3, 1), applied_on=D(2024, 3, 1))
    path = walk(world, new_path(world, villages["路村"], introducers="王建华"),
                [("activist", D(2023, 6, 1)), ("candidate", D(2024, 6, 1))])
    with pytest.raises(ServiceError, match="两名正式党员作入党介绍人"):
        flow.path_step(actor=world.user("office"), path=path, action="admit", date=D(2024, 9, 1), note="支部大会")


def test_a_date_on_29_february_falls_due_on_28_february():
    assert flow.years_after(D(2024, 2, 29), 1) == D(2025, 2, 28)
    assert flow.age_on(D(2000, 6, 2), D(2018, 6, 1)) == 17


def test_who_keeps_and_who_sees_paths(world, villages, today, client_as):
    ours = new_path(world, villages["路村"], who="village")
    other = new_path(world, villages["庙口村"], name="刘芳")
    assert list(PartyPath.objects.visible_to(world.user("village"))) == [ours]
    with pytest.raises(OutOfScope):
        new_path(world, villages["庙口村"], who="village")
    with pytest.raises(NotAllowed):
        new_path(world, villages["路村"], who="department")
    with pytest.raises(OutOfScope):
        flow.path_step(actor=world.user("village"), path=other, action="activist", date=D(2024, 1, 1), note="x")
    with pytest.raises(NotAllowed):
        flow.path_step(actor=world.user("leader"), path=other, action="activist", date=D(2024, 1, 1), note="x")
    statuses = [client_for(world, role).get(f"/party/paths/{other.pk}/").status_code for role in ROLES]
    # anonymous, leader, office, department (its own unit only), village (its own), cadre, discipline, outsider
    assert statuses == [302, 200, 200, 404, 404, 403, 200, 404]


def test_the_step_page_takes_a_step_with_its_document(world, villages, today, client_as, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = str(tmp_path)
    path = new_path(world, villages["路村"])
    client = client_as("village")
    pdf = SimpleUploadedFile("申请书.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")
    response = client.post(f"/party/paths/{path.pk}/activist/", {
        "activist-date": "2023-06-01", "activist-note": "支部委员会研究确定", "activist-files": pdf})
    assert response.status_code == 302
    page = client.get(f"/party/paths/{path.pk}/").content.decode()
    assert "确定为入党积极分子" in page and "申请书.pdf" in page and 'data-stage="activist"' in page
    # too early from the page: the refusal is the message
    response = client.post(f"/party/paths/{path.pk}/candidate/", {
        "candidate-date": "2024-05-31", "candidate-note": "支委会"}, follow=True)
    assert "2024-06-01" in response.content.decode()
    assert PartyPath.objects.unscoped("t").get(pk=path.pk).stage == PathStage.ACTIVIST


def test_the_form_round_trips_and_personal_data_is_masked(world, villages, today, client_as, tmp_path):
    path = new_path(world, villages["路村"])
    client = client_as("office")
    form = client.get(f"/ledgers/party-paths/{path.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["version"] = path.version
    before = AuditEntry.objects.unscoped("t").count()
    assert client.post(f"/ledgers/party-paths/{path.pk}/edit/", data).status_code == 302
    assert AuditEntry.objects.unscoped("t").count() == before
    assert PartyPath.objects.unscoped("t").get(pk=path.pk).version == path.version
    item = client.get(f"/api/v1/party-paths/{path.pk}/").json()
    assert (item["id_card"], item["phone"]) == ("370830********1234", "139****5678")
    response = client.get("/ledgers/party-paths/export.xlsx?cols=name&cols=id_card&cols=phone&cols=stage")
    out = tmp_path / "e.xlsx"
    out.write_bytes(b"".join(response.streaming_content))
    cells = [c for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for c in row]
    assert "张晓明" in cells and "入党申请人" in cells and ID not in cells and "13912345678" not in cells


def test_a_branch_roster_imports_as_applicants(world, villages, today, tmp_path):
    from luoshi.economy.tests.books import book

    sheet = book(tmp_path / "r.xlsx", [
        ["路村党支部入党申请人登记表"],
        ["序号", "姓名", "性别", "出生年月", "所在党支部", "递交入党申请书时间", "联系电话"],
        [1, "赵磊", "男", "1998-04-02", "路村", "2025-03-10", "13800001111"],
        [2, "孙倩", "女", "2001-11-20", "庙口村", "2025年5月6日", None],
    ], merges=("A1:G1",))
    outcome = import_ledger(actor=world.user("office"), ledger=get_ledger("party-paths"), path=sheet)
    assert not outcome.errors, outcome.errors
    rows = {p.name: p for p in PartyPath.objects.unscoped("t").all()}
    assert rows["赵磊"].stage == PathStage.APPLICANT and rows["孙倩"].applied_on == D(2025, 5, 6)
    assert rows["孙倩"].branch == villages["庙口村"]
    assert PathStep.objects.unscoped("t").filter(path__in=rows.values(), action="register").count() == 2
    young = book(tmp_path / "y.xlsx", [["姓名", "出生日期", "所在党支部", "申请日期"],
                                        ["钱多多", "2010-01-01", "路村", "2025-01-01"]])
    outcome = import_ledger(actor=world.user("office"), ledger=get_ledger("party-paths"), path=young)
    assert outcome.errors and "十八周岁" in str(outcome.errors)


def _count_of(client, url: str) -> int:
    page = client.get(url).content.decode()
    return len(re.findall(r'<tr[^>]*data-pk|class="ls-card-title"', page))


def test_every_development_number_is_the_count_of_its_list(world, villages, today, client_as):
    walk(world, new_path(world, villages["路村"], name="甲"), [("activist", D(2023, 6, 1)), ("candidate", D(2024, 6, 1)),
                                                         ("admit", D(2024, 9, 1))])
    walk(world, new_path(world, villages["路村"], name="乙"), [("activist", D(2025, 9, 1))])
    new_path(world, villages["庙口村"], name="丙")
    counts = selectors.development_counts(actor=world.user("office"), today=today)
    client = client_as("office")
    seen = 0
    for row in counts["rows"]:
        for cell in [*row["cells"], row["recent"]]:
            rows = client.get(cell["url"]).context["listing"]
            assert rows.total == cell["n"], cell["url"]
            seen += cell["n"]
    for cell in counts["totals"]:
        assert client.get(cell["url"]).context["listing"].total == cell["n"]
    assert client.get(counts["due"]["url"]).context["listing"].total == counts["due"]["n"] == 1  # 甲: 预备期满
    assert [r["unit"] for r in counts["idle"]] == [villages["庙口村"]]
    assert {r["unit"].name: r["recent"]["n"] for r in counts["rows"]}["路村"] == 1
    page = client.get("/party/").content.decode()
    assert "近三年未发展党员的村" in page and "庙口村" in page


def test_reminders_go_a_month_before_and_on_the_day_a_step_falls_due(world, villages, today):
    path = walk(world, new_path(world, villages["路村"]), [("activist", D(2025, 7, 1))])
    assert flow.due_on(path) == ("candidate", D(2026, 7, 1))
    assert reminders_send(today=D(2026, 6, 1))["party_due_soon"] == 2  # the village secretary and the office
    assert reminders_send(today=D(2026, 6, 1))["party_due_soon"] == 0  # once
    assert reminders_send(today=D(2026, 7, 1))["party_due"] == 2
    notices = Notification.objects.unscoped("t").filter(kind="party_due")
    assert {n.recipient.username for n in notices} == {"village", "office"}
    assert all(f"/party/paths/{path.pk}/" == n.link for n in notices)
