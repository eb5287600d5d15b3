"""The visit form a cadre fills in on a phone: each item of 两不愁三保障 and 饮水安全 达标 / 不达标 with a
note, a failed one ticked to become a problem, and photos."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import ScopedForm
from luoshi.core.widgets import TASKS, PickerSelect
from luoshi.people.models import CheckItem
from luoshi.plans.models import Task
from luoshi.progress.selectors import reportable_tasks

# words in the title of a task of household visits, as plans write them (the visit form offers it first)
VISIT_WORDS = ("走访", "入户", "回头看")  # i18n: input


def _item_fields() -> dict:
    fields = {}
    for value, label in CheckItem.choices:
        fields[f"{value}_passed"] = forms.TypedChoiceField(
            label=label, choices=[("1", _("达标")), ("0", _("不达标"))], coerce=lambda v: v == "1",
            widget=forms.RadioSelect, initial="1")
        fields[f"{value}_note"] = forms.CharField(label=_("情况说明"), max_length=300, required=False)
        fields[f"{value}_problem"] = forms.BooleanField(label=_("转为问题"), required=False)
    return fields


class _VisitForm(ScopedForm):
    visited_on = forms.DateField(label=_("走访日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text=_("不填则为今天"))
    note = forms.CharField(label=_("走访情况"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    report_on = forms.ModelChoiceField(label=_("同时上报到任务"), queryset=Task.objects.none(), required=False,
                                       widget=PickerSelect(**TASKS),
                                       help_text=_("选择后，本次走访即为该任务的进展上报（回应一三五调度点名）"))

    def querysets(self) -> dict:
        return {"report_on": reportable_tasks(actor=self.actor)}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, actor=actor, **kwargs)
        tasks = self.fields["report_on"].queryset
        if not self.is_bound:  # the cadre's 帮扶走访 (入户回头看) task, when they have one
            self.initial["report_on"] = next((t.pk for t in tasks if any(w in t.title for w in VISIT_WORDS)), None)

    def items(self):
        """(label, passed field, note field, problem field) per check item, for the template."""
        return [(label, self[f"{value}_passed"], self[f"{value}_note"], self[f"{value}_problem"])
                for value, label in CheckItem.choices]

    def checks(self) -> dict[str, tuple[bool, str]]:
        data = self.cleaned_data
        return {value: (data[f"{value}_passed"], data[f"{value}_note"]) for value, _label in CheckItem.choices}

    def to_problem(self) -> set[str]:
        return {value for value, _label in CheckItem.choices if self.cleaned_data.get(f"{value}_problem")}


VisitForm = type("VisitForm", (_VisitForm,), _item_fields())
