"""The schedule form's people and tasks are pickers (core.widgets): the page shows the schedule's
people ticked in their unit's group, and posting back what the page shows keeps them."""

import re

import pytest

from luoshi.core.widgets import PickerSelectMultiple
from luoshi.dispatch.forms import DispatchForm
from luoshi.dispatch.models import Dispatch
from luoshi.dispatch.tests.factories import make_roll_call
from luoshi.org.testing import client_for

pytestmark = pytest.mark.django_db


def _ticked(page: str, name: str) -> list[str]:
    return re.findall(rf'<input type="checkbox" name="{name}" value="(\d+)" checked>', page)


def _people(dispatch) -> set[int]:
    return set(Dispatch.people.through.objects.filter(dispatch=dispatch).values_list("person_id", flat=True))


def test_people_and_tasks_are_declared_as_pickers():
    assert isinstance(DispatchForm.base_fields["people"].widget, PickerSelectMultiple)
    assert isinstance(DispatchForm.base_fields["tasks"].widget, PickerSelectMultiple)


def test_the_edit_page_ticks_the_schedules_people_in_their_units_group_and_posting_them_back_keeps_them(world):
    rc = make_roll_call(world)
    office = client_for(world, "office")
    page = office.get(f"/dispatch/{rc.dispatch.pk}/edit/").content.decode()
    people = {rc.village.person.pk, rc.village2.person.pk, rc.cadre.person.pk}
    assert {int(pk) for pk in _ticked(page, "people")} == people
    assert re.search(r"<legend>路村</legend>\s*<div class=\"ls-picker-items\"><label><input type=\"checkbox\" "
                     rf"name=\"people\" value=\"{rc.village.person.pk}\" checked>village之人</label>", page)
    assert {int(pk) for pk in _ticked(page, "tasks")} == {t.pk for t in rc.tasks}

    dispatch = Dispatch.objects.unscoped("reading back in a test").get(pk=rc.dispatch.pk)
    response = office.post(f"/dispatch/{rc.dispatch.pk}/edit/", {
        "name": dispatch.name, "unit": dispatch.unit_id, "weekdays": ["0", "2", "4"], "time": "08:30",
        "window_minutes": 120, "version": dispatch.version,
        "people": _ticked(page, "people")[:2], "tasks": _ticked(page, "tasks")})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _people(rc.dispatch) == {int(pk) for pk in _ticked(page, "people")[:2]}
