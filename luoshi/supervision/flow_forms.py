"""Forms of the supervision pages (and API input): inspections, urges, the problem workflow."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import ScopedForm, StyledForm
from luoshi.core.widgets import PEOPLE, TASKS, UNITS, PickerSelect, PickerSelectMultiple
from luoshi.ledgers.forms import LookupChoiceField
from luoshi.org.models import Person, Unit
from luoshi.plans.models import Task
from luoshi.progress.forms import MultipleFileField, MultipleFileInput
from luoshi.supervision.models import InspectionRating, UrgeColour


class InspectionForm(ScopedForm):
    date = forms.DateField(label=_("检查日期"), widget=forms.DateInput(attrs={"type": "date"}))
    task = LookupChoiceField(label=_("检查任务"), queryset=Task.objects.none(), required=False,
                             widget=PickerSelect(**TASKS))
    unit = LookupChoiceField(label=_("被检查单位"), queryset=Unit.objects.none(), required=False,
                             help_text=_("检查任务时可不填，默认为任务的牵头单位"), widget=PickerSelect(**UNITS))
    place = forms.CharField(label=_("检查地点"), max_length=200, required=False)
    inspectors = forms.ModelMultipleChoiceField(label=_("检查人员"), queryset=Person.objects.none(), required=False,
                                                widget=PickerSelectMultiple(**PEOPLE))
    rating = forms.ChoiceField(label=_("评价"), choices=InspectionRating.choices, initial=InspectionRating.FAIR)
    summary = forms.CharField(label=_("检查情况"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    findings = forms.CharField(label=_("发现问题（每行一条）"), max_length=20000, required=False,
                               widget=forms.Textarea(attrs={"rows": 4}), help_text=_("每条发现可一键转为问题清单"))
    photos = MultipleFileField(label=_("现场照片"), widget=MultipleFileInput(attrs={"accept": "image/*"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()

    def querysets(self) -> dict:
        return {"task": Task.objects.visible_to(self.actor).exclude(status="draft").only("id", "title"),
                "unit": Unit.objects.visible_to(self.actor).filter(is_active=True),
                "inspectors": Person.objects.visible_to(self.actor).filter(is_active=True)}

    def clean(self):
        data = super().clean()
        if not data.get("task") and not data.get("unit"):
            self.add_error("unit", _("请选择检查任务或被检查单位"))
        return data


class UrgeForm(StyledForm):
    colour = forms.ChoiceField(label=_("督办等级"), choices=UrgeColour.choices, widget=forms.RadioSelect)
    message = forms.CharField(label=_("督办要求"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    due = forms.DateField(label=_("办结时限"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                          help_text=_("不填则按督办等级确定"))


class AnswerForm(StyledForm):
    answer = forms.CharField(label=_("办理情况"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class AssignForm(ScopedForm):
    owner = LookupChoiceField(label=_("责任人"), queryset=Person.objects.none(), widget=PickerSelect(**PEOPLE))
    deadline = forms.DateField(label=_("整改时限"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    measures = forms.CharField(label=_("整改措施"), max_length=5000, required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))

    def querysets(self) -> dict:
        return {"owner": Person.objects.visible_to(self.actor).filter(is_active=True)}


class EvidenceForm(StyledForm):
    evidence = forms.CharField(label=_("整改佐证材料"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(label=_("照片或文件"), widget=MultipleFileInput())


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("理由"), max_length=500)


FLOW_FORMS = {"assign": AssignForm, "request_close": EvidenceForm, "send_back": ReasonForm, "reopen": ReasonForm}
