"""The problem form: the page, the API and every imported row are validated by it (habit 6)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.widgets import PEOPLE, TASKS, UNITS, PickerSelect, PickerSelectMultiple
from luoshi.ledgers.forms import LedgerForm, LookupChoiceField, LookupMultipleField
from luoshi.org.models import Person, Unit, UnitKind
from luoshi.plans.models import Recurrence, Task
from luoshi.supervision.models import DeadlineKind, ProblemSource, ProblemStatus


class ProblemForm(LedgerForm):
    description = forms.CharField(label=_("问题描述"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    title = forms.CharField(label=_("问题概要"), max_length=200, required=False,
                            help_text=_("不填则取问题描述的第一句"))
    category = forms.CharField(label=_("问题类别"), max_length=100, required=False)
    source = forms.ChoiceField(label=_("问题来源"), choices=ProblemSource.choices, initial=ProblemSource.SURVEY)
    measures = forms.CharField(label=_("整改措施"), max_length=5000, required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    lead_unit = LookupChoiceField(label=_("牵头单位"), queryset=Unit.objects.none(), widget=PickerSelect(**UNITS))
    co_units = LookupMultipleField(label=_("配合单位"), queryset=Unit.objects.none(), required=False,
                                   widget=PickerSelectMultiple(**UNITS))
    village = LookupChoiceField(label=_("所在村"), queryset=Unit.objects.none(), required=False,
                                widget=PickerSelect(**UNITS))
    leader = LookupChoiceField(label=_("责任领导"), queryset=Person.objects.none(), required=False,
                               widget=PickerSelect(**PEOPLE))
    owner = LookupChoiceField(label=_("责任人"), queryset=Person.objects.none(), required=False,
                              widget=PickerSelect(**PEOPLE))
    task = LookupChoiceField(label=_("相关任务"), queryset=Task.objects.none(), required=False,
                             widget=PickerSelect(**TASKS))
    deadline = forms.DateField(label=_("整改时限"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    deadline_kind = forms.ChoiceField(label=_("时限类型"), choices=DeadlineKind.choices, required=False)
    recurrence = forms.ChoiceField(label=_("周期"), choices=Recurrence.choices, required=False)
    deadline_text = forms.CharField(label=_("时限原文"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("整改状态"), choices=ProblemStatus.choices, required=False)
    evidence = forms.CharField(label=_("佐证材料"), max_length=5000, required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    note = forms.CharField(label=_("备注"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    enterprise_name = forms.CharField(label=_("企业名称"), max_length=200, required=False,
                                      help_text=_("企业反映的问题填写"))
    liaison = LookupChoiceField(label=_("驻企联络员"), queryset=Person.objects.none(), required=False,
                                widget=PickerSelect(**PEOPLE))

    def querysets(self) -> dict:
        units = Unit.objects.visible_to(self.actor).filter(is_active=True)
        people = Person.objects.visible_to(self.actor).filter(is_active=True)
        return {"lead_unit": units, "co_units": units, "village": units.filter(kind=UnitKind.VILLAGE),
                "leader": people, "owner": people, "liaison": people, "task": Task.objects.visible_to(self.actor).only("id", "title")}

    def clean(self):
        data = super().clean()
        data["status"] = data.get("status") or ProblemStatus.FOUND
        if not data.get("deadline_kind"):
            data["deadline_kind"] = DeadlineKind.DATE if data.get("deadline") else DeadlineKind.NONE
        if data["deadline_kind"] == DeadlineKind.DATE and not data.get("deadline"):
            self.add_error("deadline", _("按日期的时限须填写整改时限"))
        return data
