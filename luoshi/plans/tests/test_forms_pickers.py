"""The task form's long lists are pickers (core.widgets): 配合单位 and 阅知领导 as grouped
checkboxes, 牵头单位 / 责任领导 / 责任人 as radios; the edit page ticks what the task has, and
posting back what it shows stores the same units and people."""

import re

import pytest

from luoshi.core.widgets import PickerSelect, PickerSelectMultiple
from luoshi.org.testing import client_for, people_of
from luoshi.plans.forms import IndicatorForm, LineForm, TaskForm
from luoshi.plans.ledgers import TaskForm as TaskLedgerForm
from luoshi.plans.models import Task
from luoshi.plans.tests.factories import make_plan, make_task

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("form", "name", "widget"), [
    (TaskForm, "co_units", PickerSelectMultiple), (TaskForm, "informed", PickerSelectMultiple),
    (TaskForm, "indicators", PickerSelectMultiple), (TaskForm, "lead_unit", PickerSelect),
    (TaskForm, "leader", PickerSelect), (TaskForm, "owner", PickerSelect),
    (LineForm, "leader", PickerSelect), (LineForm, "lead_unit", PickerSelect), (IndicatorForm, "unit", PickerSelect),
    (TaskLedgerForm, "lead_unit", PickerSelect), (TaskLedgerForm, "co_units", PickerSelectMultiple),
    (TaskLedgerForm, "leader", PickerSelect), (TaskLedgerForm, "owner", PickerSelect),
])
def test_long_lists_are_declared_as_pickers(form, name, widget):
    assert type(form.base_fields[name].widget) is widget


def _ticked(page: str, name: str) -> list[str]:
    return re.findall(rf'<input type="(?:checkbox|radio)" name="{name}" value="(\d*)" checked', page)


def test_the_edit_page_ticks_the_tasks_units_and_people_and_posting_them_back_stores_them(world):
    people = people_of(world)
    plan, line = make_plan(world)
    task = make_task(world, plan, line, co_units=[world.unit("department"), world.unit("group")],
                     informed=[people["township"]], owner=people["village"])
    office = client_for(world, "office")
    page = office.get(f"/ledgers/tasks/{task.pk}/edit/").content.decode()
    assert sorted(_ticked(page, "co_units")) == sorted([str(world.unit("department").pk), str(world.unit("group").pk)])
    assert _ticked(page, "informed") == [str(people["township"].pk)]
    assert _ticked(page, "owner") == [str(people["village"].pk)] and _ticked(page, "leader") == [""]  # 不指定
    assert "<legend>路村</legend>" in page  # village groups listed under their village

    form = {"title": task.title, "requirement": task.requirement, "line": line.pk, "deadline": "2024-12-31",
            "version": task.version, "plan": plan.pk, "recurrence": ""}
    for name in ("lead_unit", "co_units", "leader", "owner", "informed"):
        form[name] = _ticked(page, name)
    form["informed"] = form["informed"] + [str(people["department"].pk)]
    assert office.post(f"/ledgers/tasks/{task.pk}/edit/", form).status_code == 302
    saved = Task.objects.unscoped("reading back in a test").get(pk=task.pk)
    assert _related(saved, "co_units") == {world.unit("department").pk, world.unit("group").pk}
    assert _related(saved, "informed") == {people["township"].pk, people["department"].pk}
    assert (saved.owner_id, saved.leader_id, saved.lead_unit_id) == (people["village"].pk, None, world.unit("village").pk)


def _related(task, name: str) -> set[int]:
    field = Task._meta.get_field(name)
    through = field.remote_field.through
    return set(through.objects.filter(**{field.m2m_field_name(): task.pk})
               .values_list(f"{field.m2m_reverse_field_name()}_id", flat=True))
