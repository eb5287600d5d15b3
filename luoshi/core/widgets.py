"""Pickers for long lists (the township's 300 people, its 200 units and village groups).

A `<select>` of that length is unusable on a phone, so a picker renders the same choices as a
list of labelled checkboxes (`PickerSelectMultiple`) or radios (`PickerSelect`), grouped by
unit in fieldsets, under a filter box and the chosen entries as removable chips
(static/luoshi/pickers.js). Without JavaScript the filter and chips stay hidden and the plain
boxes still work. Each box posts the field's name and the choice's value, exactly what the
`<select>` posted, so forms, services and the API read the same data.

Declare one on a field: `widget=PickerSelectMultiple(group_by="unit")`. `group_by` names a
foreign key of the listed rows (a person's unit, a unit's parent); the picker reads it in the
same query as the rows, with whatever `group_related` the heading needs (a village group's
village, for "路村 · 第一村民小组").
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from django import forms
from django.utils.translation import gettext_lazy as _


class PickerMixin:
    """What both pickers share: the grouped list, its template, the filter box as the labelled control."""

    template_name = "core/widgets/picker.html"
    # StyledForm sets the field's label here: the list's legend (a widget is never told it otherwise).
    legend = ""

    def __init__(self, attrs=None, choices=(), *, group_by: str | None = None,
                 group_label: Callable[[object], str] = str, group_related: tuple[str, ...] = (),
                 placeholder=None, wide: bool = False):
        super().__init__(attrs, choices)
        self.group_by = group_by
        # The heading of a group row, and the relations of that row it reads (joined, never a query each).
        self.group_label, self.group_related = group_label, group_related
        self.placeholder = placeholder or _("输入名称筛选")
        self.wide = wide  # one entry a line, for long labels such as task titles

    def id_for_label(self, id_, index=None):
        # The field's <label> names the filter box: the one control that stands for the whole list.
        return id_

    def get_context(self, name, value, attrs):
        # Widget's context, not ChoiceWidget's: that one builds a flat option list we do not use,
        # reading every row a second time.
        context = forms.Widget.get_context(self, name, value, attrs)
        widget = context["widget"]
        empty, groups = self._groups(widget["value"])
        if widget["attrs"].get("disabled"):
            empty, groups = self._chosen_only(empty, groups)
        chosen = [option for group in groups for option in group["options"] if option["selected"]]
        widget.update(
            empty=empty, groups=groups, chosen=chosen, legend=self.legend, placeholder=self.placeholder,
            total=sum(len(group["options"]) for group in groups), wide=self.wide,
            type=self.input_type, multiple=self.allow_multiple_selected,
            required=widget["attrs"].get("required", False), disabled=widget["attrs"].get("disabled", False),
            invalid=widget["attrs"].get("aria-invalid") == "true")
        return context

    def _groups(self, value: list[str]) -> tuple[dict | None, list[dict]]:
        """The empty choice ("不指定", or None) and the others grouped in their rows' order."""
        empty, groups, taken = None, {}, False
        for choice, label, row in self._entries():
            selected = choice in value and (self.allow_multiple_selected or not taken)
            taken |= selected
            if choice == "":
                empty = {"selected": selected}
                continue
            group = getattr(row, self.group_by) if self.group_by and row is not None else None
            key = group.pk if group is not None else None
            if key not in groups:
                groups[key] = {"legend": self.group_label(group) if group is not None else "", "options": []}
            groups[key]["options"].append({"value": choice, "label": label, "selected": selected})
        if empty is None and not self.allow_multiple_selected and not self.is_required:
            # A model field gives radios no empty choice, yet an optional one must be clearable.
            empty = {"selected": False}
        if empty is not None and not taken:
            empty["selected"] = True
        return empty, self._ungrouped_last(groups)

    @staticmethod
    def _chosen_only(empty: dict | None, groups: list[dict]) -> tuple[dict | None, list[dict]]:
        # A locked choice (a unit's parent once it exists) shows what is chosen: 200 greyed boxes
        # around it would only bury it, on a phone several screens deep.
        kept = [{**group, "options": [o for o in group["options"] if o["selected"]]} for group in groups]
        return (empty if empty and empty["selected"] else None), [group for group in kept if group["options"]]

    def _ungrouped_last(self, groups: dict) -> list[dict]:
        rest = groups.pop(None, None)
        if rest is not None and groups:
            rest["legend"] = str(_("其他"))
        return [*groups.values(), *([rest] if rest else [])]

    def _entries(self):
        """(value, label, row) of each choice; a model field's rows come with their group row."""
        choices = self.choices
        queryset = getattr(choices, "queryset", None)
        if self.group_by and queryset is not None:
            choices = copy.copy(choices)
            choices.queryset = queryset.select_related(
                self.group_by, *(f"{self.group_by}__{name}" for name in self.group_related))
        for choice, label in choices:
            yield str(choice), str(label), getattr(choice, "instance", None)


def unit_path(unit) -> str:
    """A unit's heading that tells it apart: "路村 · 第一村民小组", since every village has a
    第一村民小组; other units by their own name (their parent would only repeat on every heading)."""
    # "group" is org's UnitKind.GROUP spelt out: core imports no other app.
    if unit.kind == "group" and unit.parent is not None:
        return f"{unit.parent} · {unit}"
    return str(unit)


# The usual lists, as keyword arguments: `PickerSelect(**PEOPLE)`. Tasks stay one flat list of
# titles: their pickers read titles only, without the lead unit to group by. A unit list groups
# by parent, which is never a village group, so its headings need no path.
PEOPLE = {"group_by": "unit", "group_label": unit_path, "group_related": ("parent",),
          "placeholder": _("输入姓名或单位筛选")}
UNITS = {"group_by": "parent", "placeholder": _("输入单位名称筛选")}
TASKS = {"placeholder": _("输入任务名称筛选"), "wide": True}


class PickerSelect(PickerMixin, forms.RadioSelect):
    """One choice from a long list: radios (with "不指定" when the field is optional)."""


class PickerSelectMultiple(PickerMixin, forms.CheckboxSelectMultiple):
    """Any number of choices from a long list: checkboxes."""
