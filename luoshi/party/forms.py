"""The forms of the party pages that are not a register's (the register's form is the engine's)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import StyledForm
from luoshi.progress.forms import MultipleFileField, MultipleFileInput


class StepForm(StyledForm):
    date = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("依据"), max_length=2000, widget=forms.Textarea(attrs={
        "rows": 2, "placeholder": _("如：支部委员会研究同意，会议记录第×页；上级党委审批意见")}))
    files = MultipleFileField(label=_("材料（照片、PDF、Word）"), widget=MultipleFileInput(
        attrs={"accept": "image/*,.pdf,.docx,.xlsx,application/pdf"}))



class DecisionFileForm(StyledForm):
    files = MultipleFileField(label=_("表彰决定文件（PDF、Word 或扫描件）"), widget=MultipleFileInput(
        attrs={"accept": "image/*,.pdf,.docx,application/pdf"}))
