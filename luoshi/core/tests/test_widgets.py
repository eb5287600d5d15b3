"""Pickers of long lists (core.widgets): grouped, labelled boxes that post exactly what a <select> did."""

import re

import pytest
from django import forms
from django.http import QueryDict

from luoshi.core.forms import StyledForm
from luoshi.core.widgets import PEOPLE, UNITS, PickerSelect, PickerSelectMultiple
from luoshi.org import services
from luoshi.org.models import Person, Unit, UnitKind
from luoshi.org.testing import people_of

BOX = re.compile(r'<input type="(checkbox|radio)" name="([^"]+)" value="([^"]*)"( checked)?')


class PeopleForm(StyledForm):
    people = forms.ModelMultipleChoiceField(label="点名人员", queryset=Person.objects.none(),
                                            widget=PickerSelectMultiple(**PEOPLE))
    owner = forms.ModelChoiceField(label="责任人", queryset=Person.objects.none(), required=False,
                                   widget=PickerSelect(**PEOPLE))
    lead_unit = forms.ModelChoiceField(label="牵头单位", queryset=Unit.objects.none(), widget=PickerSelect(**UNITS))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = self.fields["owner"].queryset = Person.objects.visible_to(actor)
        self.fields["lead_unit"].queryset = Unit.objects.visible_to(actor)


def _boxes(html: str) -> list[tuple[str, str, str, bool]]:
    return [(kind, name, value, bool(checked)) for kind, name, value, checked in BOX.findall(html)]


def _groups(html: str) -> dict[str, list[str]]:
    """legend → the labels of its boxes."""
    found = re.findall(r"<fieldset class=\"ls-picker-group\" data-ls-group><legend>(.*?)</legend>(.*?)</fieldset>",
                       html, re.S)
    return {legend: re.findall(r">([^<>]+)</label>", body) for legend, body in found}


@pytest.fixture
def people(world):
    return people_of(world)


@pytest.mark.django_db
def test_a_multiple_picker_renders_checkboxes_grouped_by_unit_with_the_chosen_ones_checked(world, people):
    chosen = [people["village"], people["department"]]
    html = str(PeopleForm(actor=world.user("office"), initial={"people": [p.pk for p in chosen]})["people"])
    groups = _groups(html)
    assert groups["路村"] == ["village之人", "路村人员"]
    assert "经济发展办公室人员" in groups["经济发展办公室"]
    assert "柳林村人员" not in html  # another township: outside the office's scope
    checked = {value for kind, name, value, on in _boxes(html) if on}
    assert checked == {str(p.pk) for p in chosen}
    assert all(kind == "checkbox" and name == "people" for kind, name, _value, _on in _boxes(html))
    # the chosen ones again as chips at the top, each a button that says what it removes
    assert f'data-ls-chip="{people["village"].pk}" aria-label="移除 路村人员"' in html


@pytest.mark.django_db
def test_the_field_label_names_the_filter_box_and_the_whole_list(world, people):
    field = PeopleForm(actor=world.user("office"))["people"]
    html = str(field)
    assert field.id_for_label == "id_people"
    assert '<input type="search" class="form-control ls-picker-filter" id="id_people"' in html
    assert '<legend class="visually-hidden">点名人员</legend>' in html
    assert 'name="people"' not in html.split('id="id_people"')[0]  # the filter box posts nothing


@pytest.mark.django_db
def test_a_picker_posts_the_same_values_as_the_select_it_replaces(world, people):
    office = world.user("office")
    data = QueryDict(mutable=True)
    data.setlist("people", [str(people["village"].pk), str(people["group"].pk)])
    data["lead_unit"] = str(world.unit("village").pk)
    for name, select in (("people", forms.SelectMultiple()), ("owner", forms.Select()), ("lead_unit", forms.Select())):
        widget = PeopleForm.base_fields[name].widget
        assert widget.value_from_datadict(data, {}, name) == select.value_from_datadict(data, {}, name)

    bound = PeopleForm(data, actor=office)
    assert bound.is_valid(), bound.errors
    # What the re-rendered page posts again (its checked boxes) validates to the same choices.
    html = "".join(str(bound[name]) for name in bound.fields)
    again = QueryDict(mutable=True)
    for _kind, name, value, on in _boxes(html):
        if on:
            again.appendlist(name, value)
    assert again.getlist("people") == data.getlist("people") and again["lead_unit"] == data["lead_unit"]
    assert again["owner"] == ""  # 不指定, as an empty <select> posted
    rebound = PeopleForm(again, actor=office)
    assert rebound.is_valid() and _plain(rebound.cleaned_data) == _plain(bound.cleaned_data)


def _plain(cleaned: dict) -> dict:
    return {name: list(value) if name == "people" else value for name, value in cleaned.items()}


@pytest.mark.django_db
def test_a_single_picker_offers_no_choice_only_when_the_field_is_optional(world, people):
    form = PeopleForm(actor=world.user("office"), initial={"lead_unit": world.unit("department").pk})
    owner, lead_unit = str(form["owner"]), str(form["lead_unit"])
    assert '<input type="radio" name="owner" value="" checked>不指定' in owner
    assert 'value=""' not in lead_unit
    assert [value for _k, _n, value, on in _boxes(lead_unit) if on] == [str(world.unit("department").pk)]
    assert all(kind == "radio" for kind, *_rest in _boxes(lead_unit))
    assert 'required' in lead_unit and '<span class="ls-chip">经济发展办公室</span>' in lead_unit  # kept, not removable


@pytest.mark.django_db
def test_units_are_grouped_under_their_parent(world):
    groups = _groups(str(PeopleForm(actor=world.user("office"))["lead_unit"]))
    assert groups["河口镇"] == ["路村", "党政办公室", "经济发展办公室", "镇纪委", "庙口村"]
    assert groups["路村"] == ["第一村民小组"]


@pytest.mark.django_db
def test_a_village_groups_heading_names_its_village(world, people):
    groups = _groups(str(PeopleForm(actor=world.user("office"))["people"]))
    assert groups["路村 · 第一村民小组"] == ["第一村民小组人员"]
    assert "第一村民小组" not in groups and "河口镇 · 路村" not in groups  # only a group needs its village


@pytest.mark.django_db
def test_a_picker_reads_its_rows_their_groups_and_the_groups_villages_in_one_query(
        world, people, django_assert_num_queries):
    # Every village has a 第一村民小组: two more groups, each with a person, cost no query of their own.
    for village, name in (("other_village_same_township", "第一村民小组"), ("village", "第二村民小组")):
        parent = world.unit(village)
        group = services.unit_create(actor=world.admin, parent=parent, name=name, kind=UnitKind.GROUP)
        services.person_create(actor=world.admin, unit=group, name=f"{parent.name}{name}人员")
    form = PeopleForm(actor=world.user("office"))
    str(form["lead_unit"])  # resolves the actor's grants once
    with django_assert_num_queries(1):
        html = str(form["people"])
    groups = _groups(html)
    assert groups["庙口村 · 第一村民小组"] == ["庙口村第一村民小组人员"]
    assert groups["路村 · 第二村民小组"] == ["路村第二村民小组人员"]


def test_a_plain_choice_list_renders_ungrouped():
    class Colours(StyledForm):
        colour = forms.MultipleChoiceField(label="颜色", choices=[("r", "红"), ("g", "绿")],
                                           widget=PickerSelectMultiple())

    html = str(Colours(initial={"colour": ["g"]})["colour"])
    assert "<legend>" not in html and "共 2 项" in html
    assert _boxes(html) == [("checkbox", "colour", "r", False), ("checkbox", "colour", "g", True)]


def test_a_disabled_picker_shows_only_its_choice_and_disables_it():
    class Colours(StyledForm):
        colour = forms.ChoiceField(label="颜色", choices=[("r", "红"), ("g", "绿")], widget=PickerSelect(),
                                   disabled=True)
        shade = forms.ChoiceField(label="色调", choices=[("l", "浅")], widget=PickerSelect(), disabled=True,
                                  required=False)

    form = Colours(initial={"colour": "g"})
    assert '<fieldset class="ls-picker" data-ls-picker' in (html := str(form["colour"]))
    assert 'data-ls-found="找到 {n} 项" disabled>' in html  # the fieldset disables every box in it
    # Nothing else can be chosen: the one choice, not the whole list greyed out around it.
    assert _boxes(html) == [("radio", "colour", "g", True)] and "共 1 项" in html
    assert _boxes(str(form["shade"])) == [("radio", "shade", "", True)]  # 不指定
