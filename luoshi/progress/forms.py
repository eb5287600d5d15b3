"""The report form a village cadre fills in on a phone: text, percent, difficulties, photos, numbers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by its content in the service, not here."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ReportForm(forms.Form):
    text = forms.CharField(label=_("进展情况"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 4, "placeholder": _("做了什么、到了哪一步")}))
    percent = forms.IntegerField(label=_("完成进度（%）"), min_value=0, max_value=100, required=False,
                                 widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}))
    difficulties = forms.CharField(label=_("困难和问题"), required=False, max_length=5000,
                                   widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("每行一条，可留空")}))
    photos = MultipleFileField(label=_("现场照片"), widget=MultipleFileInput(
        attrs={"accept": "image/*", "capture": "environment"}))
    files = MultipleFileField(label=_("其他文件（PDF、Word、Excel）"), widget=MultipleFileInput(
        attrs={"accept": ".pdf,.docx,.xlsx,application/pdf"}))
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            label = f"{indicator.name}（{indicator.measure}）" if indicator.measure else indicator.name
            self.fields[f"value_{indicator.pk}"] = forms.DecimalField(
                label=label, required=False, max_digits=16, decimal_places=2,
                widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}))

    def indicator_fields(self):
        return [self[f"value_{i.pk}"] for i in self.indicators]

    def values(self) -> dict:
        return {i: self.cleaned_data[f"value_{i.pk}"] for i in self.indicators
                if self.cleaned_data.get(f"value_{i.pk}") is not None}


class CloseRequestForm(ReportForm):
    """申请办结: the closing report, saying how far the work reached, with its evidence."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["difficulties"]
        self.fields["text"].label = _("办结说明（干到了什么程度）")
