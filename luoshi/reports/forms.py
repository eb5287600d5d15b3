from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import StyledForm
from luoshi.reports.models import BulletinKind


class DraftForm(StyledForm):
    """What a new bulletin covers; the period defaults to the week (or month) just ended."""

    plan = forms.TypedChoiceField(label=_("工作计划"), coerce=int)
    line = forms.TypedChoiceField(label=_("工作专线"), coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(label=_("类型"), choices=BulletinKind.choices)
    start = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, plans=(), lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [(p.pk, p.title) for p in plans]
        self.fields["line"].choices = [("", _("全部专线"))] + [(w.pk, f"{w.plan.year} {w.name}") for w in lines]


class EditForm(StyledForm):
    title = forms.CharField(label=_("标题"), max_length=200)
    summary = forms.CharField(label=_("总体进展"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    remarks = forms.CharField(label=_("下步要求"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ScheduleForm(StyledForm):
    plan = forms.TypedChoiceField(label=_("工作计划"), coerce=int)
    line = forms.TypedChoiceField(label=_("工作专线"), coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(label=_("类型"), choices=BulletinKind.choices)

    def __init__(self, *args, plans=(), lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [(p.pk, p.title) for p in plans]
        self.fields["line"].choices = [("", _("全部专线"))] + [(w.pk, f"{w.plan.year} {w.name}") for w in lines]


class ScreenForm(StyledForm):
    name = forms.CharField(label=_("名称"), max_length=100, initial=_("会议室大屏"))
