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
    line = forms.ChoiceField(label=_("工作专线"), required=False,
                             help_text=_("选了专线的项目计入该专线排名，数据自动计分的只计该专线的任务"))

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["formula"].choices = [("", "—"), *formula_choices()]
        self.fields["line"].choices = [("", "—"), *((line.pk, line.name) for line in lines)]
        self._lines = {str(line.pk): line for line in lines}

    def clean_line(self):
        return self._lines.get(self.cleaned_data.get("line") or "")


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


# ---- 观摩评比 --------------------------------------------------------------------------------------

class ReviewForm(forms.Form):
    title = forms.CharField(label=_("观摩名称"), max_length=200, help_text=_("如：2026年上半年重点工作观摩评比"))
    date = forms.DateField(label=_("观摩日期"), widget=DATE)
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("评分内容"), max_length=200)
    weight = forms.DecimalField(label=_("权重"), min_value=0, max_digits=6, decimal_places=2,
                                help_text=_("各项权重之和为 100"))
    low = forms.DecimalField(label=_("最低分"), min_value=0, max_digits=6, decimal_places=2, initial=0)
    high = forms.DecimalField(label=_("最高分"), min_value=0, max_digits=6, decimal_places=2, initial=10)


class SiteForm(forms.Form):
    unit = forms.ChoiceField(label=_("被观摩单位"))
    name = forms.CharField(label=_("观摩点"), max_length=200, required=False,
                           help_text=_("如：蔬菜大棚产业园；不填则用单位名称"))

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]


class MemberForm(forms.Form):
    person = forms.ChoiceField(label=_("评委"))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.pk, f"{p.name}（{p.unit.name}）" if p.unit_id else p.name)
                                         for p in people]


class SheetForm(forms.Form):
    """One panel member's form for one site: a number per criterion within its range, and a comment."""

    comment = forms.CharField(label=_("评语"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        marks = {}
        for c in criteria:
            marks[f"c{c.pk}"] = forms.DecimalField(
                label=_("%(name)s（权重 %(w)s，%(l)s–%(h)s 分）") % {
                    "name": c.name, "w": _plain(c.weight), "l": _plain(c.low), "h": _plain(c.high)},
                min_value=c.low, max_value=c.high, max_digits=6, decimal_places=2,
                widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any", "min": _plain(c.low),
                                                "max": _plain(c.high)}))
        self.fields = {**marks, **self.fields}


def _plain(value) -> str:
    """60.00 → "60", 7.50 → "7.5"."""
    return f"{value.normalize():f}"
