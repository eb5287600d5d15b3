"""The org forms' long lists are pickers (core.widgets): 上级单位 / 所在单位 / 对应人员 as radios,
自定义单位 as checkboxes. Each page ticks what is saved, and posting back what it shows stores the
same unit or person: the boxes post the names and values the <select>s did."""

import importlib
import inspect
import re
from pathlib import Path

import pytest
from django import forms

from luoshi.core.roles import DataScope, RoleCode
from luoshi.core.widgets import PickerMixin, PickerSelect, PickerSelectMultiple
from luoshi.org import services
from luoshi.org.forms import PersonForm, RoleAssignForm, UnitForm, UserCreateForm
from luoshi.org.models import Person, RoleAssignment, Unit, User
from luoshi.org.testing import people_of
from luoshi.plans.forms import SplitTaskForm
from luoshi.supervision.forms import ProblemForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("form", "name", "widget"), [
    (UnitForm, "parent", PickerSelect), (PersonForm, "unit", PickerSelect), (UserCreateForm, "person", PickerSelect),
    (RoleAssignForm, "unit", PickerSelect), (RoleAssignForm, "custom_units", PickerSelectMultiple),
    # the last long lists of other apps' forms
    (ProblemForm, "village", PickerSelect), (SplitTaskForm, "units", PickerSelectMultiple),
])
def test_long_lists_are_declared_as_pickers(form, name, widget):
    assert type(form.base_fields[name].widget) is widget


# Model choices that stay plain <select>s, each a short list.
SHORT_LISTS = {
    "luoshi.plans.forms.PlanForm.unit": "the county and its townships",
    "luoshi.plans.forms.IndicatorForm.line": "a plan's work lines (the seed has eleven)",
    "luoshi.plans.forms.TaskForm.line": "a plan's work lines",
    "luoshi.plans.forms.TaskForm.plan": "the plans, one a year",
    "luoshi.plans.ledgers.TaskImportOptions.plan": "the plans, one a year",
    "luoshi.dispatch.forms.DispatchForm.unit": "the township and its departments, as organisers",
    "luoshi.emergency.ledgers.EmergencyImportOptions.emergency": "the township's emergencies, a few a year",
    "luoshi.emergency.ledgers.ShiftForm.emergency": "the township's emergencies, a few a year",
    "luoshi.emergency.ledgers.ShiftForm.place": "the checkpoints and key places the user keeps, a few dozen",
    "luoshi.emergency.ledgers.DisinfectionForm.place": "the key places the user keeps, a few dozen",
    "luoshi.emergency.forms.DisinfectionForm.place": "the key places the user keeps, a few dozen",
}


def test_no_form_of_any_app_lists_model_choices_in_a_plain_select():
    """A new long list of people, units or tasks gets a picker, or a line in SHORT_LISTS saying why not."""
    plain, apps = set(), Path(__file__).parents[2]
    for path in sorted([*apps.glob("*/*forms.py"), *apps.glob("*/ledgers.py")]):
        module = importlib.import_module(f"luoshi.{path.parent.name}.{path.stem}")
        for cls in vars(module).values():
            if inspect.isclass(cls) and issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                plain |= {f"{cls.__module__}.{cls.__name__}.{name}" for name, field in cls.base_fields.items()
                          if isinstance(field, forms.ModelChoiceField) and not isinstance(field.widget, PickerMixin)}
    assert plain == set(SHORT_LISTS)


def _ticked(page: str, name: str) -> list[str]:
    return re.findall(rf'<input type="(?:checkbox|radio)" name="{name}" value="(\d*)" checked', page)


def _boxes(page: str, name: str) -> list[str]:
    return re.findall(rf'<input type="(?:checkbox|radio)" name="{name}" value="(\d*)"', page)


def test_a_new_unit_takes_the_parent_the_page_ticks(world, client_as):
    office, village = client_as("office"), world.unit("village")
    page = office.get(f"/org/units/new/?parent={village.pk}").content.decode()
    assert _ticked(page, "parent") == [str(village.pk)]
    assert "<legend>河口镇</legend>" in page  # the township's villages and departments under it
    form = {"parent": _ticked(page, "parent"), "name": "第二村民小组", "kind": "group", "sort_order": "0"}
    response = office.post("/org/units/new/", form)
    assert response.status_code == 302
    assert Unit.objects.unscoped("reading back in a test").get(name="第二村民小组").parent == village


def test_a_units_edit_page_shows_its_fixed_parent_alone_and_saving_keeps_it(world, client_as):
    office, group = client_as("office"), world.unit("group")
    page = office.get(f"/org/units/{group.pk}/edit/").content.decode()
    # The parent cannot change once the unit exists: its one box, not every unit greyed out.
    assert _boxes(page, "parent") == _ticked(page, "parent") == [str(world.unit("village").pk)]
    assert re.search(r'<fieldset class="ls-picker" data-ls-picker [^>]*disabled>', page)
    form = {"parent": _ticked(page, "parent"), "name": "第一组", "kind": "group", "sort_order": "3", "is_active": "on"}
    assert office.post(f"/org/units/{group.pk}/edit/", form).status_code == 302
    saved = Unit.objects.unscoped("reading back in a test").get(pk=group.pk)
    assert (saved.name, saved.parent_id, saved.sort_order) == ("第一组", world.unit("village").pk, 3)


def test_a_persons_edit_page_ticks_their_unit_and_posting_another_moves_them(world, client_as):
    office = client_as("office")
    person = services.person_create(actor=world.admin, unit=world.unit("group"), name="王五", phone="13800001111")
    page = office.get(f"/org/people/{person.pk}/edit/").content.decode()
    assert _ticked(page, "unit") == [str(world.unit("group").pk)]
    assert str(world.unit("other_village").pk) not in _boxes(page, "unit")  # another township: out of scope
    form = {"name": "王五", "title": "", "phone": "13800001111", "id_card": "", "unit": _ticked(page, "unit")}
    assert office.post(f"/org/people/{person.pk}/edit/", form).status_code == 302
    assert Person.objects.unscoped("reading back in a test").get(pk=person.pk).unit == world.unit("group")
    form["unit"] = str(world.unit("department").pk)
    assert office.post(f"/org/people/{person.pk}/edit/", form).status_code == 302
    assert Person.objects.unscoped("reading back in a test").get(pk=person.pk).unit == world.unit("department")


def test_a_new_login_is_made_for_the_person_the_page_ticks(world, client_as):
    office, person = client_as("office"), people_of(world)["group"]
    page = office.get(f"/org/users/new/?person={person.pk}").content.decode()
    assert _ticked(page, "person") == [str(person.pk)]
    assert "<legend>路村 · 第一村民小组</legend>" in page  # a village group named with its village
    response = office.post("/org/users/new/", {"username": "wang5", "person": _ticked(page, "person")})
    assert response.status_code == 200 and "wang5" in response.content.decode()  # the one-time password page
    assert User.objects.unscoped("reading back in a test").get(username="wang5").person == person


def test_the_role_form_ticks_the_logins_unit_and_stores_the_custom_units_posted(world, client_as):
    office, subject = client_as("office"), world.user("cadre")
    page = office.get(f"/org/users/{subject.pk}/").content.decode()
    assert _ticked(page, "unit") == [str(world.unit("department").pk)]  # the person's own unit
    assert _ticked(page, "custom_units") == []
    chosen = [str(world.unit("village").pk), str(world.unit("group").pk)]
    form = {"role": RoleCode.LEADER, "unit": _ticked(page, "unit"), "data_scope": DataScope.CUSTOM,
            "custom_units": chosen}
    assert office.post(f"/org/users/{subject.pk}/roles/", form).status_code == 302
    assignment = RoleAssignment.objects.unscoped("reading back in a test").get(user=subject, role=RoleCode.LEADER)
    assert assignment.unit == world.unit("department") and assignment.data_scope == DataScope.CUSTOM
    through = RoleAssignment.custom_units.through.objects.filter(roleassignment=assignment)
    assert sorted(str(pk) for pk in through.values_list("unit_id", flat=True)) == sorted(chosen)
