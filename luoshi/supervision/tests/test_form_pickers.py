"""The supervision forms' long lists are pickers (core.widgets), declared on the fields."""

import re

import pytest

from luoshi.core.widgets import PickerSelect, PickerSelectMultiple
from luoshi.org.testing import client_for
from luoshi.supervision.flow_forms import AssignForm, InspectionForm
from luoshi.supervision.forms import ProblemForm


@pytest.mark.parametrize(("form", "name", "widget"), [
    (InspectionForm, "inspectors", PickerSelectMultiple), (InspectionForm, "unit", PickerSelect),
    (InspectionForm, "task", PickerSelect), (AssignForm, "owner", PickerSelect),
    (ProblemForm, "lead_unit", PickerSelect), (ProblemForm, "co_units", PickerSelectMultiple),
    (ProblemForm, "leader", PickerSelect), (ProblemForm, "owner", PickerSelect), (ProblemForm, "liaison", PickerSelect),
    (ProblemForm, "task", PickerSelect),
])
def test_long_lists_are_declared_as_pickers(form, name, widget):
    assert type(form.base_fields[name].widget) is widget


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/inspections/new/", "/ledgers/problems/new/"])
def test_the_forms_show_the_people_as_labelled_boxes_grouped_by_unit(world, url):
    page = client_for(world, "office").get(url).content.decode()
    assert '<legend>党政办公室</legend>' in page and '<label><input type="' in page
    assert not re.search(r"<select[^>]* multiple", page)
