"""表彰: 先进集体 and 先进个人 by year and title with the decision that awards them; proposed from the
assessment's latest published ranking; the form's round trip; import and export."""

import datetime as dt

import openpyxl
import pytest
from django.utils import timezone

from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.models import AuditEntry
from luoshi.exchange.importing import import_ledger
from luoshi.ledgers.registry import get_ledger
from luoshi.org.testing import ROLES, client_for
from luoshi.party import selectors, services
from luoshi.party.models import Honour

pytestmark = pytest.mark.django_db


def honour(world, who="office", **fields):
    values = {"year": 2025, "kind": "individual", "title": "优秀共产党员", "unit": world.unit("village"),
              "person_name": "王建华", "status": "awarded", "decision_no": "河发〔2026〕5号",
              "decided_on": dt.date(2026, 2, 1), "decision_title": "关于表彰2025年度先进集体和先进个人的决定"} | fields
    return get_ledger("honours").create(actor=world.user(who), **values)


def test_an_honour_names_its_person_and_its_decision(world, today):
    with pytest.raises(ServiceError, match="先进个人须填写姓名"):
        honour(world, person_name="")
    with pytest.raises(ServiceError, match="决定文号和决定日期"):
        honour(world, decision_no="")
    collective = honour(world, kind="collective", title="先进基层党组织")
    assert collective.person_name == ""
    with pytest.raises(NotAllowed):
        honour(world, who="village")
    statuses = [client_for(world, role).get(f"/party/honours/{collective.pk}/").status_code for role in ROLES]
    assert statuses == [302, 200, 200, 404, 200, 404, 200, 404]
    # the engine's record address leads to the honour's own page
    assert client_for(world, "office").get(f"/ledgers/honours/{collective.pk}/")["Location"] == (
        f"/party/honours/{collective.pk}/")


def test_the_form_round_trips(world, today):
    row = honour(world)
    client = client_for(world, "office")
    form = client.get(f"/ledgers/honours/{row.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None} | {"version": row.version}
    before = AuditEntry.objects.unscoped("t").count()
    assert client.post(f"/ledgers/honours/{row.pk}/edit/", data).status_code == 302
    assert AuditEntry.objects.unscoped("t").count() == before


def test_a_list_of_honours_imports_and_exports(world, today, tmp_path):
    from luoshi.economy.tests.books import book

    sheet = book(tmp_path / "h.xlsx", [
        ["河口镇2025年度先进集体和先进个人名单"],
        ["序号", "年度", "表彰类别", "荣誉称号", "所在单位", "姓名", "职务", "状态", "文号", "表彰日期"],
        [1, 2025, "先进集体", "先进基层党组织", "路村", None, None, "已表彰", "河发〔2026〕5号", "2026-02-01"],
        [2, 2025, "个人", "优秀共产党员", "庙口村", "刘芳", "村党支部书记", "已表彰", "河发〔2026〕5号", "2026年2月1日"],
    ], merges=("A1:J1",))
    outcome = import_ledger(actor=world.user("office"), ledger=get_ledger("honours"), path=sheet)
    assert not outcome.errors, outcome.errors
    rows = {h.title: h for h in Honour.objects.unscoped("t").all()}
    assert rows["优秀共产党员"].person_name == "刘芳" and rows["先进基层党组织"].kind == "collective"
    response = client_for(world, "leader").get("/ledgers/honours/export.xlsx?cols=title&cols=person_name&cols=unit")
    out = tmp_path / "e.xlsx"
    out.write_bytes(b"".join(response.streaming_content))
    cells = [c for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for c in row]
    assert {"优秀共产党员", "刘芳", "庙口村", "先进基层党组织"} <= set(cells)


def test_collectives_are_proposed_from_the_latest_published_ranking(world):
    from luoshi.assessment import services as assessment
    from luoshi.assessment.tests.factories import village_scheme

    scheme, _items = village_scheme(world)
    run = assessment.run_compute(actor=world.user("office"), scheme=scheme)
    assert selectors.honour_proposals(actor=world.user("office")) == []  # not published yet
    run = assessment.run_act(actor=world.user("office"), run=run, action="review")
    run = assessment.run_act(actor=world.user("leader"), run=run, action="freeze")
    proposals = selectors.honour_proposals(actor=world.user("office"))
    assert [p["run"] for p in proposals] == [run]
    units = [r["ranking"].unit_id for r in proposals[0]["rows"]]
    assert units and not any(r["held"] for r in proposals[0]["rows"])
    client = client_for(world, "office")
    page = client.get("/party/").content.decode()
    assert f'data-proposal="{run.pk}"' in page
    response = client.post("/party/honours/propose/", {"run": run.pk, "units": units[:1], "title": "先进集体"})
    assert response.status_code == 302
    made = Honour.objects.unscoped("t").get()
    assert (made.year, made.kind, made.status, made.unit_id) == (scheme.year, "collective", "proposed", units[0])
    assert made.proposed_rank is not None and scheme.title in made.proposed_from
    assert selectors.honour_proposals(actor=world.user("office"))[0]["rows"][0]["held"]
    assert services.honour_propose(actor=world.user("office"), run_id=run.pk, unit_ids=units[:1], title="先进集体") == []
    with pytest.raises(NotAllowed):
        services.honour_propose(actor=world.user("leader"), run_id=run.pk, unit_ids=units, title="先进集体")
    assert client_for(world, "leader").post("/party/honours/propose/", {"run": run.pk}).status_code == 403
    assert timezone.localdate().year == scheme.year


def test_the_decision_document_is_uploaded_once_for_every_honour_it_awards(world, today):
    from django.core.files.uploadedfile import SimpleUploadedFile

    first, second = honour(world), honour(world, person_name="刘芳", title="优秀党务工作者")
    other = honour(world, person_name="张强", decision_no="河发〔2026〕9号")
    office = client_for(world, "office")
    pdf = SimpleUploadedFile("表彰决定.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF", "application/pdf")
    response = office.post(f"/party/honours/{first.pk}/files/", {"files": [pdf]})
    assert response.status_code == 302
    page = office.get(f"/party/honours/{second.pk}/").content.decode()
    assert "表彰决定.pdf" in page and "共 2 项表彰" in page
    assert "表彰决定.pdf" not in office.get(f"/party/honours/{other.pk}/").content.decode()
    link = page[page.index("/attachments/"):].split('"')[0]
    leader = client_for(world, "leader")
    download = leader.get(link)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert AuditEntry.objects.unscoped("t").filter(object_type="progress.attachment", action="create").count() == 1
    # a village reads the honour but may not attach; a script's file is refused by its bytes
    village = client_for(world, "village")
    assert village.post(f"/party/honours/{first.pk}/files/", {"files": [pdf]}).status_code == 403
    with pytest.raises(NotAllowed):
        services.honour_attach(actor=world.user("village"), honour=first, files=[pdf])
    fake = SimpleUploadedFile("决定.pdf", b"<script>alert(1)</script>", "application/pdf")
    office.post(f"/party/honours/{first.pk}/files/", {"files": [fake]}, follow=True)
    files, awarded = selectors.decision_files(actor=world.user("office"), honour=first)
    assert [f.name for f in files] == ["表彰决定.pdf"] and awarded == 2
