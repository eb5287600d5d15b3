"""Forms of the plan and task pages; choices come from what the acting user may see."""

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import ScopedForm, StyledForm
from luoshi.core.widgets import PEOPLE, UNITS, PickerSelect, PickerSelectMultiple
from luoshi.org.models import Person, Unit, UnitKind
from luoshi.plans.models import Indicator, Recurrence, Strength, WorkLine

DATE = forms.DateInput(attrs={"type": "date"})  # rendered ISO by the zh-hans input formats (config/formats)


class PlanForm(ScopedForm):
    unit = forms.ModelChoiceField(label=_("所属单位"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("名称"), max_length=200)

    def querysets(self) -> dict:
        return {"unit": Unit.objects.visible_to(self.actor).filter(kind__in=[UnitKind.TOWNSHIP, UnitKind.COUNTY])}


class LineForm(ScopedForm):
    number = forms.CharField(label=_("序号"), max_length=20, required=False)
    name = forms.CharField(label=_("专线名称"), max_length=200)
    leader = forms.ModelChoiceField(label=_("分管领导"), queryset=Person.objects.none(), required=False,
                                    widget=PickerSelect(**PEOPLE))
    lead_unit = forms.ModelChoiceField(label=_("牵头单位"), queryset=Unit.objects.none(), required=False,
                                       widget=PickerSelect(**UNITS))
    sort_order = forms.IntegerField(label=_("排序"), min_value=0, required=False)

    def querysets(self) -> dict:
        return {"leader": Person.objects.visible_to(self.actor).select_related("unit"),
                "lead_unit": Unit.objects.visible_to(self.actor)}


class IndicatorForm(ScopedForm):
    name = forms.CharField(label=_("指标名称"), max_length=200)
    unit = forms.ModelChoiceField(label=_("责任单位"), queryset=Unit.objects.none(), widget=PickerSelect(**UNITS))
    line = forms.ModelChoiceField(label=_("工作专线"), queryset=WorkLine.objects.none(), required=False)
    measure = forms.CharField(label=_("计量单位"), max_length=20, required=False, help_text=_("如：个、家、万元、%"))
    target = forms.DecimalField(label=_("目标值"), max_digits=16, decimal_places=2, required=False,
                                help_text=_("暂不确定可留空，以后补填"))
    baseline = forms.DecimalField(label=_("基数"), max_digits=16, decimal_places=2, required=False)
    strength = forms.ChoiceField(label=_("要求"), choices=Strength.choices)

    def __init__(self, *args, plan, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)

    def querysets(self) -> dict:
        return {"unit": Unit.objects.visible_to(self.actor),
                "line": WorkLine.objects.visible_to(self.actor).filter(plan=self.plan)}


class SplitIndicatorForm(StyledForm):
    """One decimal per chosen unit; the service checks the sum against the target."""

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        for unit in units:
            self.fields[f"unit_{unit.pk}"] = forms.DecimalField(  # added after StyledForm styled the rest
                label=unit.name, max_digits=16, decimal_places=2, required=False, min_value=0,
                widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "decimal"}))
        self.units = {f"unit_{u.pk}": u for u in units}

    def shares(self) -> dict:
        return {self.units[k]: v for k, v in self.cleaned_data.items() if v is not None}


class TaskForm(ScopedForm):
    title = forms.CharField(label=_("工作任务（办什么事）"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    requirement = forms.CharField(label=_("目标要求（干到什么程度）"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    line = forms.ModelChoiceField(label=_("工作专线"), queryset=WorkLine.objects.none(), required=False)
    leader = forms.ModelChoiceField(label=_("责任领导"), queryset=Person.objects.none(), required=False,
                                    widget=PickerSelect(**PEOPLE))
    lead_unit = forms.ModelChoiceField(label=_("牵头单位"), queryset=Unit.objects.none(), required=False,
                                       widget=PickerSelect(**UNITS))
    co_units = forms.ModelMultipleChoiceField(label=_("配合单位"), queryset=Unit.objects.none(), required=False,
                                              widget=PickerSelectMultiple(**UNITS))
    owner = forms.ModelChoiceField(label=_("责任人"), queryset=Person.objects.none(), required=False,
                                   widget=PickerSelect(**PEOPLE))
    informed = forms.ModelMultipleChoiceField(label=_("阅知领导"), queryset=Person.objects.none(), required=False,
                                              widget=PickerSelectMultiple(**PEOPLE))
    indicators = forms.ModelMultipleChoiceField(label=_("相关指标"), queryset=Indicator.objects.none(), required=False,
                                                widget=PickerSelectMultiple(placeholder=_("输入指标名称筛选")))
    start_date = forms.DateField(label=_("开始日期"), required=False, widget=DATE)
    deadline = forms.DateField(label=_("完成时限（什么时间）"), required=False, widget=DATE)
    recurrence = forms.ChoiceField(label=_("周期"), choices=Recurrence.choices, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    RELATIONS = ("co_units", "informed", "indicators")

    def __init__(self, *args, plan, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)

    def querysets(self) -> dict:
        people = Person.objects.visible_to(self.actor).select_related("unit")
        units = Unit.objects.visible_to(self.actor)
        return {"leader": people, "owner": people, "informed": people, "lead_unit": units, "co_units": units,
                "line": WorkLine.objects.visible_to(self.actor).filter(plan=self.plan),
                "indicators": Indicator.objects.visible_to(self.actor).filter(plan=self.plan)}

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class ReturnForm(StyledForm):
    reason = forms.CharField(label=_("退回理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class SplitTaskForm(ScopedForm):
    units = forms.ModelMultipleChoiceField(label=_("分解到"), queryset=Unit.objects.none(),
                                           widget=PickerSelectMultiple(**UNITS))

    def querysets(self) -> dict:
        return {"units": Unit.objects.visible_to(self.actor).filter(
            kind__in=[UnitKind.VILLAGE, UnitKind.DEPARTMENT]).order_by("kind", "sort_order", "path")}


class MilestoneForm(StyledForm):
    title = forms.CharField(label=_("节点"), max_length=200)
    due_date = forms.DateField(label=_("时限"), widget=DATE)


class ExtensionForm(StyledForm):
    new_deadline = forms.DateField(label=_("申请延至"), widget=DATE)
    reason = forms.CharField(label=_("延期理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(StyledForm):
    approve = forms.TypedChoiceField(label=_("审批"), choices=[("1", _("同意")), ("0", _("不同意"))],
                                     coerce=lambda v: v == "1")
    note = forms.CharField(label=_("意见"), max_length=500, required=False)
