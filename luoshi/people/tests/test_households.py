"""帮扶户 on the ledger engine: who sees which households (the cadre theirs, the village its own, the
扶贫办 the township's), the form round-trips with the numbers masked, the cadre's history is kept,
imports and exports, exact search by an ID number, and the retention of a closed household's numbers."""

import datetime as dt
import re

import openpyxl
import pytest

from luoshi.core.errors import NotAllowed, OutOfScope
from luoshi.core.models import AuditAction, AuditEntry
from luoshi.exchange.importing import import_ledger
from luoshi.ledgers import services as ledger_services
from luoshi.ledgers.registry import get_ledger
from luoshi.ledgers.selectors import parse_state
from luoshi.ledgers.testing import workbook
from luoshi.org import services as org_services
from luoshi.org.models import Person
from luoshi.org.testing import ROLES, client_for
from luoshi.people.models import CadreAssignment, Household, Member
from luoshi.people.tests.factories import HEAD_ID, MEMBER_ID, PHONE, household, member

pytestmark = pytest.mark.django_db


def _visible(world, role, model=Household):
    return list(model.objects.visible_to(world.user(role)))


def test_the_cadre_sees_their_households_the_village_its_own_and_the_aid_office_the_townships(world):
    ours = household(world)
    neighbour = household(world, head_name="李桂兰", village=world.unit("other_village_same_township"),
                          head_id_card="", cadre=None)
    member(world, ours)
    assert _visible(world, "cadre") == [ours]
    assert _visible(world, "village") == [ours]
    assert set(_visible(world, "department")) == {ours, neighbour}  # the 扶贫办 named on both
    assert set(_visible(world, "office")) == set(_visible(world, "leader")) == {ours, neighbour}
    assert _visible(world, "discipline") == [] and _visible(world, "outsider") == []
    assert [m.household for m in _visible(world, "cadre", Member)] == [ours]
    with pytest.raises(OutOfScope):  # a village keeps only its own
        household(world, who="village", village=world.unit("other_village_same_township"))
    with pytest.raises(NotAllowed):
        household(world, who="cadre")


PAGES = {  # GET → status for ROLES (anonymous, leader, office, department, village, cadre, discipline, outsider)
    "/people/households/":           [302, 200, 200, 200, 200, 200, 403, 200],
    "/people/households/{h}/":        [302, 200, 200, 200, 200, 200, 403, 404],
    "/people/households/{h}/visit/":  [302, 403, 200, 200, 200, 200, 403, 404],
    "/ledgers/households/{h}/edit/":  [302, 403, 200, 200, 200, 403, 403, 404],
}


@pytest.mark.parametrize("page", PAGES)
def test_pages_for_every_role(world, page):
    h = household(world)
    url = page.format(h=h.pk)
    assert [client_for(world, role).get(url).status_code for role in ROLES] == PAGES[page], url


def test_the_edit_form_shows_the_numbers_masked_and_saving_it_unchanged_changes_nothing(world, client_as):
    h = household(world)
    client = client_as("office")
    page = client.get(f"/ledgers/households/{h.pk}/edit/").content.decode()
    assert HEAD_ID not in page and PHONE not in page and "370830********1235" in page
    form = get_ledger("households").form(actor=world.user("office"), instance=h)
    from luoshi.ledgers.views import initial_from

    data = {k: ("" if v is None else v) for k, v in form.personal_initial(initial_from(h, form)).items()}
    before = AuditEntry.objects.unscoped("t").count()
    response = client.post(f"/ledgers/households/{h.pk}/edit/", data | {"version": h.version})
    assert response.status_code == 302
    h.refresh_from_db()
    assert (h.head_id_card, h.phone, h.version) == (HEAD_ID, PHONE, 1)
    assert AuditEntry.objects.unscoped("t").count() == before
    # a new number typed in replaces the stored one
    client.post(f"/ledgers/households/{h.pk}/edit/", data | {"version": 1, "phone": "13700001111"})
    h.refresh_from_db()
    assert (h.head_id_card, h.phone, h.version) == (HEAD_ID, "13700001111", 2)


def test_a_change_of_cadre_keeps_the_history(world):
    h = household(world)
    other = org_services.person_create(actor=world.admin, unit=world.unit("department"), name="赵干部")
    get_ledger("households").update(actor=world.user("office"), household=h, version=1, cadre=other)
    rows = list(CadreAssignment.objects.unscoped("t").filter(household=h).order_by("id"))
    assert [(r.cadre_id, r.ends_on is None) for r in rows] == [(world.user("cadre").person_id, False), (other.pk, True)]
    assert _visible(world, "cadre") == []  # no longer theirs


def test_a_search_by_the_whole_id_number_finds_the_household_without_showing_the_number(world, client_as):
    h = household(world)
    household(world, head_name="李桂兰", head_id_card="370830196001011111")
    client = client_as("village")
    found = client.get("/people/households/", {"q": HEAD_ID}).content.decode()
    assert f'href="/people/households/{h.pk}/"' in found and len(re.findall(r"/people/households/\d+/", found)) == 1
    assert HEAD_ID not in found and 'value="370830********1235"' in found
    # the token carried by the page's links finds it again, and so does the masked number in the box
    token = client.session["ledger_searched"]
    assert list(token.values()) == [HEAD_ID]
    again = client.get("/people/households/", {"q": next(iter(token))}).content.decode()
    assert f'href="/people/households/{h.pk}/"' in again
    masked = client.get("/people/households/", {"q": "370830********1235"}).content.decode()
    assert f'href="/people/households/{h.pk}/"' in masked
    assert not re.findall(r"/people/households/\d+/", client.get("/people/households/", {"q": HEAD_ID[:12]}).content.decode())
    # a member's number finds the member
    m = member(world, h)
    assert f"/ledgers/household-members/{m.pk}/" in client.get("/ledgers/household-members/", {"q": MEMBER_ID}).content.decode()


def test_households_and_members_import_and_export(world, tmp_path):
    office = world.user("office")
    path = workbook(tmp_path / "households.xlsx", ["序号", "户主姓名", "身份证号码", "联系电话", "村别", "户类别", "人口数", "帮扶责任人"],
                    [[1, "张长青", "370830195001011234", "13811112222", "路村", "边缘户", 4, "cadre之人"],
                     [2, "刘玉兰", "37083019520202222x", "", "路村", "脱贫户", 2, ""]], title="路村帮扶户台账")
    result = import_ledger(actor=office, ledger=get_ledger("households"), path=path)
    assert not result.errors and result.created == 2, result.errors
    rows = {h.head_name: h for h in Household.objects.visible_to(office)}
    assert rows["刘玉兰"].head_id_card == "37083019520202222X" and rows["张长青"].cadre.name == "cadre之人"
    members = workbook(tmp_path / "members.xlsx", ["户主", "成员姓名", "与户主关系", "身份证号"],
                       [["张长青", "张小华", "子女", "370830200001011234"]])
    assert not import_ledger(actor=office, ledger=get_ledger("household-members"), path=members).errors
    out = tmp_path / "out.xlsx"
    ledger = get_ledger("households")
    count = ledger_services.ledger_export(actor=office, ledger=ledger, state=parse_state(ledger, {}), path=out)
    cells = [c for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for c in row]
    assert count == 2 and "370830********1234" in cells and "370830195001011234" not in cells
    full = ledger_services.ledger_export(actor=office, ledger=ledger, state=parse_state(ledger, {}), path=out,
                                         unmasked=True)
    cells = [c for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for c in row]
    assert full == 2 and "370830195001011234" in cells
    entry = AuditEntry.objects.unscoped("t").filter(action=AuditAction.EXPORT).latest("id")
    assert entry.after == {"rows": 2, "unmasked": True} and "含完整个人信息" in entry.message
    with pytest.raises(NotAllowed):
        ledger_services.ledger_export(actor=world.user("village"), ledger=ledger, state=parse_state(ledger, {}),
                                      path=out, unmasked=True)


def test_a_closed_household_loses_its_numbers_after_the_retention_period_and_the_audit_says_so(world):
    today = dt.date(2031, 6, 1)
    old = household(world, status="closed", closed_on=dt.date(2025, 1, 1))
    member(world, old)
    recent = household(world, head_name="李桂兰", head_id_card="370830196001011111", status="closed",
                       closed_on=dt.date(2030, 1, 1))
    helped = household(world, head_name="张长青", head_id_card="370830196001012222")
    done = ledger_services.retention_run(today=today)
    assert done["households"] == 1 and done["household-members"] == 1
    old.refresh_from_db()
    assert (old.head_id_card, old.phone, old.version, old.head_name) == ("", "", 2, "王德胜")
    assert Member.objects.unscoped("t").get(household=old).id_card == ""
    assert Household.objects.unscoped("t").get(pk=recent.pk).head_id_card and Household.objects.unscoped("t").get(
        pk=helped.pk).head_id_card
    entry = AuditEntry.objects.unscoped("t").filter(object_type="people.household", object_id=str(old.pk)).latest("id")
    assert "按保存期限清除个人信息" in entry.message and entry.before["head_id_card"] == "370830********1235"
    assert entry.actor_name == "系统" and HEAD_ID not in str(entry.before)
    assert ledger_services.retention_run(today=today)["households"] == 0  # nothing twice


def test_the_retention_job_runs_once_a_day(world):
    from luoshi.core.models import JobRun
    from luoshi.ledgers.jobs import retention_daily

    retention_daily.call_local()
    retention_daily.call_local()
    assert JobRun.objects.unscoped("test").filter(name="ledgers.retention").count() == 1


def test_the_person_picker_is_the_actors_scope(world):
    assert Person.objects.visible_to(world.user("office")).filter(pk=world.user("cadre").person_id).exists()
