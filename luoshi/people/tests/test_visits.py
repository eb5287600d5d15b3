"""A cadre's visit: every item of 两不愁三保障 and 饮水安全 checked, photos kept as evidence, a failed
item a problem of the problems ledger in one step (once), and the visit a report on the cadre's task,
which answers the Mon/Wed/Fri roll call that calls them."""

import re

import pytest

from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.dispatch import selectors as dispatch_selectors
from luoshi.dispatch import services as dispatch_services
from luoshi.dispatch.tests.factories import make_roll_call
from luoshi.notify.models import Notification
from luoshi.people import visits
from luoshi.people.models import CheckItem, Visit, VisitCheck
from luoshi.people.tests.factories import all_passed, household
from luoshi.progress.tests.factories import photo
from luoshi.supervision.models import Problem

pytestmark = pytest.mark.django_db


def test_a_visit_checks_every_item_keeps_its_photos_and_a_failed_item_becomes_a_problem(world):
    h = household(world)
    cadre = world.user("cadre")
    checks = all_passed(housing="东屋墙体开裂")
    visit = visits.visit_record(actor=cadre, household=h, note="入户走访", checks=checks,
                                files=[photo("院子.jpg"), photo("东屋.jpg")], to_problem={CheckItem.HOUSING})
    rows = {c.item: c for c in VisitCheck.objects.filter(visit=visit)}
    assert len(rows) == 5 and visit.failed == 1 and not rows["housing"].passed
    problem = rows["housing"].problem
    assert problem.lead_unit == world.unit("village") and problem.owner == cadre.person and problem.status == "found"
    assert "住房安全不达标" in problem.title and "东屋墙体开裂" in problem.description
    assert Problem.objects.visible_to(cadre).filter(pk=problem.pk).exists()  # on the cadre's own list
    assert Problem.objects.visible_to(world.user("village")).filter(pk=problem.pk).exists()
    assert visits.photos_of(actor=cadre, visit=visit).count() == 2
    with pytest.raises(ServiceError, match="已转为问题"):  # once
        visits.check_to_problem(actor=cadre, check=rows["housing"])


def test_a_failed_item_needs_a_note_and_every_item_is_checked(world):
    h = household(world)
    with pytest.raises(ServiceError, match="请写明情况"):
        visits.visit_record(actor=world.user("cadre"), household=h, checks=all_passed(water=""))
    checks = all_passed()
    del checks["water"]
    with pytest.raises(ServiceError, match="逐项检查"):
        visits.visit_record(actor=world.user("cadre"), household=h, checks=checks)
    assert not Visit.objects.unscoped("t").exists()


def test_only_those_who_see_the_household_visit_it(world):
    h = household(world, cadre=None)
    with pytest.raises(OutOfScope):
        visits.visit_record(actor=world.user("cadre"), household=h, checks=all_passed())
    with pytest.raises(NotAllowed):
        visits.visit_record(actor=world.user("leader"), household=h, checks=all_passed())


def test_a_failed_item_recorded_earlier_becomes_a_problem_from_the_visits_page(world, client_as):
    h = household(world)
    visit = visits.visit_record(actor=world.user("cadre"), household=h, checks=all_passed(water="水压不足"))
    check = VisitCheck.objects.get(visit=visit, item="water")
    client = client_as("cadre")
    page = client.get(f"/people/visits/{visit.pk}/").content.decode()
    assert f"/people/checks/{check.pk}/problem/" in page
    assert client.post(f"/people/checks/{check.pk}/problem/").status_code == 302
    check.refresh_from_db()
    assert check.problem_id and f"/problems/{check.problem_id}/" in client.get(f"/people/visits/{visit.pk}/").content.decode()
    assert client_as("outsider").post(f"/people/checks/{check.pk}/problem/").status_code == 404


def test_the_visit_form_on_the_page(world, client_as):
    h = household(world)
    data = {f"{item}_passed": "1" for item in CheckItem.values} | {"housing_passed": "0", "housing_note": "屋顶漏雨",
                                                                   "housing_problem": "on", "note": "走访"}
    response = client_as("cadre").post(f"/people/households/{h.pk}/visit/", data | {"photos": [photo()]})
    assert response.status_code == 302
    visit = Visit.objects.unscoped("t").get()
    assert VisitCheck.objects.get(visit=visit, item="housing").problem_id
    bad = client_as("cadre").post(f"/people/households/{h.pk}/visit/", data | {"housing_note": ""})
    assert bad.status_code == 400 and "请写明情况" in bad.content.decode()


def test_the_visit_page_sent_twice_with_the_field_apps_key_is_one_visit(world, client_as):
    h = household(world)
    data = {f"{item}_passed": "1" for item in CheckItem.values} | {"note": "走访", "idempotency_key": "k" * 32}
    client = client_as("cadre")
    first = client.post(f"/people/households/{h.pk}/visit/", data)
    again = client.post(f"/people/households/{h.pk}/visit/", data)  # the first answer was lost on one bar
    assert first.status_code == again.status_code == 302 and first["Location"] == again["Location"]
    assert Visit.objects.unscoped("t").count() == 1


def test_the_roll_call_counts_a_visit_reported_on_the_cadres_task(world):
    rc = make_roll_call(world)
    round_ = dispatch_services.round_open(actor=world.user("office"), dispatch=rc.dispatch)
    cadre_row = lambda: next(r for r in dispatch_selectors.board(round_) if r.person_id == rc.cadre.person_id)  # noqa: E731
    assert not cadre_row().reported
    h = household(world)
    visits.visit_record(actor=rc.cadre, household=h, checks=all_passed(water="水压不足"), report_on=rc.tasks[2])
    row = cadre_row()
    assert row.reported and "入户走访王德胜户（路村）" in row.text and row.difficulties == ["饮水安全：水压不足"]
    assert not Notification.objects.unscoped("t").filter(kind="roll_call", recipient=rc.cadre, resolved_at=None).exists()


def test_the_visit_form_offers_the_cadres_visit_task_first(world, client_as):
    rc = make_roll_call(world)
    h = household(world)
    page = client_as("cadre").get(f"/people/households/{h.pk}/visit/").content.decode()
    assert re.findall(r'<input type="radio" name="report_on" value="(\d*)" checked', page) == [str(rc.tasks[2].pk)]
