"""纪律案件: 纪委 alone (and whom it names on a case) sees them, on every channel — page, HTMX part,
record page, form, API, export, search, menu, the ledgers' index and the audit log; every read is
audited; the year's review reads counts without names."""

import datetime as dt

import pytest

from luoshi.core.errors import NotAllowed
from luoshi.core.models import AuditEntry
from luoshi.ledgers.registry import get_ledger
from luoshi.org.testing import ROLES, client_for
from luoshi.party import selectors
from luoshi.party.models import DisciplineCase

pytestmark = pytest.mark.django_db
SECRET = "钱某违规发放补贴"
NAME = "钱某某"


def case(world, **fields):
    values = {"name": NAME, "unit": world.unit("village"), "post": "村委会委员", "is_cadre": True, "facts": SECRET,
              "source": "petition", "received_on": dt.date(2026, 2, 1), "filed_on": dt.date(2026, 2, 10),
              "sanction": "serious_warning", "decided_on": dt.date(2026, 4, 1), "decision_no": "河纪发〔2026〕3号",
              "status": "closed", "id_card": "370830198005061234", "phone": "13900001111"} | fields
    return get_ledger("discipline-cases").create(actor=world.user("discipline"), **values)


def _channels(pk):
    return [
        ("page", "/ledgers/discipline-cases/", {}),
        ("htmx", "/ledgers/discipline-cases/?q=钱", {"HTTP_HX_REQUEST": "true"}),
        ("search", f"/ledgers/discipline-cases/?q={NAME}", {}),
        ("record", f"/ledgers/discipline-cases/{pk}/", {}),
        ("form", f"/ledgers/discipline-cases/{pk}/edit/", {}),
        ("new", "/ledgers/discipline-cases/new/", {}),
        ("export", "/ledgers/discipline-cases/export.xlsx", {}),
        ("api-list", "/api/v1/discipline-cases/", {}),
        ("api-read", f"/api/v1/discipline-cases/{pk}/", {}),
        ("menu", "/party/discipline/", {}),
    ]


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("latin-1")
    return response.content.decode()


def test_the_cases_are_invisible_to_every_role_but_discipline_on_every_channel(world):
    row = case(world)
    for role in ROLES:
        client = client_for(world, role)
        for channel, url, headers in _channels(row.pk):
            response = client.get(url, follow=channel == "menu" and role != "anonymous", **headers)
            text = _text(response)
            if role == "discipline":
                assert response.status_code == 200, (channel, response.status_code)
                continue
            assert response.status_code in (302, 401, 403, 404), (role, channel, response.status_code)
            assert NAME not in text and SECRET not in text, (role, channel)
        for url in ("/", "/ledgers/", "/party/", "/core/audit/", f"/core/audit/?q={NAME}"):
            text = client.get(url, follow=True).content.decode()
            assert NAME not in text and SECRET not in text, (role, url)
            if role != "discipline":
                assert "/ledgers/discipline-cases/" not in text and "/party/discipline/" not in text, (role, url)


def test_not_even_a_superuser_without_the_role_lists_them(world):
    case(world)
    assert not DisciplineCase.objects.visible_to(world.admin).exists()
    assert not get_ledger("discipline-cases").allows(world.admin, "view")


def test_only_discipline_writes(world):
    for role in ("leader", "office", "village"):
        with pytest.raises(NotAllowed):
            get_ledger("discipline-cases").create(actor=world.user(role), name="x", unit=world.unit("village"),
                                                  facts="x", received_on=dt.date(2026, 1, 1))


def test_admonition_is_for_cadres_and_a_closed_case_has_its_outcome(world):
    from luoshi.core.errors import ServiceError

    with pytest.raises(ServiceError, match="诫勉、通报适用于干部"):
        case(world, is_cadre=False, sanction="admonition")
    with pytest.raises(ServiceError, match="结案须写明"):
        case(world, sanction="", decided_on=None)


def test_every_read_is_audited_under_no_office_path(world):
    row = case(world)
    client = client_for(world, "discipline")
    before = AuditEntry.objects.unscoped("t").filter(action="read_personal").count()
    for _channel, url, headers in _channels(row.pk):
        if _channel in ("new", "menu"):
            continue
        response = client.get(url, **headers)
        assert response.status_code == 200
        _text(response)
    reads = list(AuditEntry.objects.unscoped("t").filter(action="read_personal").order_by("id"))[before:]
    messages = [e.message for e in reads]
    assert len(reads) == 8, messages
    assert any("打开纪律案件编辑表单" in m for m in messages)
    assert sum("查看纪律案件列表" in m for m in messages) == 3
    assert any("查看纪律案件 1 条" in m for m in messages) and any("导出纪律案件" in m for m in messages)
    assert sum("通过接口读取纪律案件" in m for m in messages) == 2
    assert all(e.unit_path.startswith("discipline:") for e in reads)
    # the office reads the township's log, which holds none of it
    office_log = AuditEntry.objects.visible_to(world.user("office"))
    assert not office_log.filter(object_type="party.disciplinecase").exists()
    assert not office_log.filter(message__contains="纪律案件").exists()


def test_a_named_reader_reads_that_case_only_and_is_audited(world):
    named = case(world, readers=[world.user("leader").person])
    case(world, name="另一人")
    leader = world.user("leader")
    assert list(DisciplineCase.objects.visible_to(leader)) == [named]
    assert not DisciplineCase.objects.editable_by(leader).exists()
    client = client_for(world, "leader")
    assert client.get(f"/ledgers/discipline-cases/{named.pk}/").status_code == 200
    assert client.get(f"/ledgers/discipline-cases/{named.pk}/edit/").status_code == 403
    listed = client.get("/ledgers/discipline-cases/").content.decode()
    assert NAME in listed and "另一人" not in listed
    assert AuditEntry.objects.unscoped("t").filter(action="read_personal", actor=leader).count() == 2


def test_personal_data_is_masked_for_discipline_too(world):
    row = case(world)
    item = client_for(world, "discipline").get(f"/api/v1/discipline-cases/{row.pk}/").json()
    assert (item["id_card"], item["phone"]) == ("370830********1234", "139****1111")


def test_the_year_review_counts_without_names(world):
    case(world)
    case(world, name="孙某", sanction="warning", is_cadre=False, decided_on=dt.date(2026, 5, 1))
    case(world, name="去年", received_on=dt.date(2025, 3, 1), filed_on=None, decided_on=dt.date(2025, 4, 1))
    counts = selectors.discipline_counts(township=world.unit("township"), year=2026)
    assert counts["total"] == 2 and counts["cadres"] == 1 and counts["received"] == 2
    assert {r["sanction"]: r["n"] for r in counts["rows"] if r["n"]} == {"警告": 1, "严重警告": 1}
    assert NAME not in str(counts) and "孙某" not in str(counts)
    other = selectors.discipline_counts(township=world.unit("other_township"), year=2026)
    assert other["total"] == 0


def test_the_form_round_trips(world):
    row = case(world, readers=[world.user("leader").person])
    client = client_for(world, "discipline")
    form = client.get(f"/ledgers/discipline-cases/{row.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["version"] = row.version
    data["is_cadre"] = "on" if data.pop("is_cadre") else ""
    before = AuditEntry.objects.unscoped("t").exclude(action="read_personal").count()
    assert client.post(f"/ledgers/discipline-cases/{row.pk}/edit/", data).status_code == 302
    assert AuditEntry.objects.unscoped("t").exclude(action="read_personal").count() == before


def test_discipline_imports_the_county_case_list_and_only_discipline_may(world, tmp_path):
    from luoshi.economy.tests.books import book
    from luoshi.exchange.importing import import_ledger

    sheet = book(tmp_path / "cases.xlsx", [
        ["河口镇纪委2026年纪律审查案件台账"],
        ["序号", "被审查人", "所在单位", "职务", "是否村干部", "简要案情", "案件来源", "受理时间", "立案时间",
         "处分种类", "处分日期", "决定文号", "办理进度", "身份证号码"],
        [1, "赵某", "路村", "村会计", "是", "虚报冒领补贴", "信访", "2026-01-05", "2026-01-20", "党内严重警告",
         "2026-03-02", "河纪发〔2026〕1号", "结案", "370830198005061234"],
        [2, "李某", "庙口村", "党员", "否", "违规操办婚宴", "巡察", "2026年2月3日", None, None, None, None, "初核",
         None],
    ], merges=("A1:N1",))
    ledger = get_ledger("discipline-cases")
    outcome = import_ledger(actor=world.user("discipline"), ledger=ledger, path=sheet)
    assert not outcome.errors, outcome.errors
    rows = {c.name: c for c in DisciplineCase.objects.unscoped("t").all()}
    zhao, li = rows["赵某"], rows["李某"]
    assert (zhao.is_cadre, zhao.sanction, zhao.status, zhao.source) == (True, "serious_warning", "closed", "petition")
    assert (zhao.received_on, zhao.decided_on, zhao.id_card) == (dt.date(2026, 1, 5), dt.date(2026, 3, 2),
                                                                 "370830198005061234")
    assert (li.is_cadre, li.status, li.sanction, li.received_on) == (False, "verifying", "", dt.date(2026, 2, 3))
    assert zhao.unit == world.unit("village") and zhao.scope_path == world.unit("village").path
    discipline = client_for(world, "discipline")
    assert discipline.get("/ledgers/discipline-cases/template.xlsx").status_code == 200
    assert discipline.get("/ledgers/discipline-cases/import/").status_code == 200
    for role in ("leader", "office", "village"):
        client = client_for(world, role)
        for url in ("/ledgers/discipline-cases/template.xlsx", "/ledgers/discipline-cases/import/"):
            assert client.get(url).status_code in (403, 404), (role, url)
        refused = import_ledger(actor=world.user(role), ledger=ledger, path=sheet)
        assert refused.errors and DisciplineCase.objects.unscoped("t").count() == 2, role
