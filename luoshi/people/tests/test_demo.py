"""The demo's households: visits by the demo cadre, one failed item already a problem, numbers masked
on the pages, and the cadre's login finds only their households."""

import pytest

from luoshi.org.models import User
from luoshi.people.models import Household, Member, Visit, VisitCheck


@pytest.mark.django_db
def test_the_demo_has_households_with_visits_and_one_failed_item_turned_into_a_problem(tmp_path, monkeypatch, client):
    from luoshi import demo
    from luoshi.org import demo as org_demo

    monkeypatch.setattr(org_demo, "LOGINS_FILE", tmp_path / "logins.json")
    monkeypatch.setattr(org_demo, "VAR_DIR", tmp_path)
    demo.load_demo()
    users = {u.username: u for u in User.objects.unscoped("the demo logins").select_related("person")}
    office, cadre = users["office"], users["cadre"]
    households = Household.objects.visible_to(office)
    assert households.count() == 12 and Member.objects.visible_to(office).count() >= 12
    mine = Household.objects.visible_to(cadre)
    assert 0 < mine.count() < 12 and all(h.cadre_id == cadre.person_id for h in mine)
    assert Visit.objects.visible_to(cadre).count() == 4
    raised = VisitCheck.objects.filter(problem__isnull=False)
    assert raised.count() == 1 and raised.get().item == "housing"
    assert VisitCheck.objects.filter(passed=False, problem__isnull=True).count() == 1
    client.force_login(office)
    page = client.get("/people/households/?cols=head_name&cols=head_id_card").content.decode()
    assert all(h.head_id_card not in page for h in households) and "370830********" in page
    demo.load_demo()  # once
    assert Household.objects.visible_to(office).count() == 12
