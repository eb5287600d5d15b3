"""The assessment forms: a scheme, an item, a 加减分 entry, a run's date."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luoshi.assessment.formulas import choices as formula_choices
from luoshi.assessment.models import AssessedKind, ItemKind, VetoEffect

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SchemeForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    assessed_kind = forms.ChoiceField(label=_("考核对象"), choices=AssessedKind.choices)
    title = forms.CharField(label=_("方案名称"), max_length=200)
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ItemForm(forms.Form):
    name = forms.CharField(label=_("考核项目"), max_length=200)
    kind = forms.ChoiceField(label=_("计分方式"), choices=ItemKind.choices)
    formula = forms.ChoiceField(label=_("计算公式"), required=False)
    weight = forms.DecimalField(label=_("分值"), min_value=0, max_digits=7, decimal_places=2, initial=0)
    step = forms.DecimalField(label=_("每次扣（加）分"), min_value=0, max_digits=7, decimal_places=2, initial=0,
                              required=False)
    veto_effect = forms.ChoiceField(label=_("否决方式"), required=False,
                                    choices=[("", "—"), *VetoEffect.choices])
    cap = forms.DecimalField(label=_("封顶分"), required=False, max_digits=7, decimal_places=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["formula"].choices = [("", "—"), *formula_choices()]


class AdjustmentForm(forms.Form):
    item = forms.ChoiceField(label=_("考核项目"))
    unit = forms.ChoiceField(label=_("被考核单位"))
    date = forms.DateField(label=_("发生日期"), widget=DATE)
    points = forms.DecimalField(label=_("分值"), min_value=0, max_digits=7, decimal_places=2, initial=0)
    reason = forms.CharField(label=_("事由"), max_length=500)
    evidence = forms.CharField(label=_("依据材料"), max_length=500,
                               help_text=_("文件名称、文号或通报名称，审核人据此核对"))

    def __init__(self, *args, items=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(i.pk, i.name) for i in items]
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        self.fields["date"].initial = timezone.localdate()


class RunForm(forms.Form):
    as_of = forms.DateField(label=_("计分截止日期"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["as_of"].initial = timezone.localdate()
