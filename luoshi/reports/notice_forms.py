"""The office's form for a new 公示."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import StyledForm
from luoshi.reports.models_notices import NoticeKind

DEFAULT_DAYS = 30


class NoticeForm(StyledForm):
    kind = forms.ChoiceField(label=_("公示内容"), choices=NoticeKind.choices)
    title = forms.CharField(label=_("标题"), max_length=200)
    village = forms.TypedChoiceField(label=_("村"), coerce=int, required=False, empty_value=None,
                                     help_text=_("公示实事承诺时选择；不选则公示全镇各村"))
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, required=False)
    plan = forms.TypedChoiceField(label=_("工作计划"), coerce=int, required=False, empty_value=None,
                                  help_text=_("公示目标任务时选择"))
    line = forms.TypedChoiceField(label=_("工作专线"), coerce=int, required=False, empty_value=None)
    expires_on = forms.DateField(label=_("公示截止日期"), widget=forms.DateInput(attrs={"type": "date"}))
    foreword = forms.CharField(label=_("公示说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("显示在正文之前：公示期限、意见反映方式等。手机号码和身份证号码不会公示。"))

    def __init__(self, *args, villages=(), plans=(), lines=(), **kwargs):
        today = timezone.localdate()
        kwargs.setdefault("initial", {"year": today.year, "expires_on": today + dt.timedelta(days=DEFAULT_DAYS),
                                      "title": _("%(y)s年为民实事承诺公示") % {"y": today.year}})
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [("", _("全镇各村"))] + [(v.pk, v.name) for v in villages]
        self.fields["plan"].choices = [("", "—")] + [(p.pk, p.title) for p in plans]
        self.fields["line"].choices = [("", _("全部专线"))] + [(w.pk, f"{w.plan.year} {w.name}") for w in lines]


class NoticeEditForm(StyledForm):
    title = forms.CharField(label=_("标题"), max_length=200)
    expires_on = forms.DateField(label=_("公示截止日期"), widget=forms.DateInput(attrs={"type": "date"}))
    foreword = forms.CharField(label=_("公示说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)
