"""Forms of the plan and task pages; choices come from what the acting user may see."""

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import ScopedForm, StyledForm
from luoshi.core.widgets import PEOPLE, UNITS, PickerSelect, PickerSelectMultiple
from luoshi.ledgers.forms import LedgerForm, LookupChoiceField, LookupMultipleField
from luoshi.org.models import Person, Unit, UnitKind
from luoshi.plans import measures
from luoshi.plans.models import Indicator, Plan, Recurrence, Strength, WorkLine

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
    register_measure = forms.ChoiceField(
        label=_("完成值来源"), required=False, choices=measures.choices,
        help_text=_("选择台账统计后，完成值由台账自动计算，不再填报"))

    def __init__(self, *args, plan, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)

    def querysets(self) -> dict:
        return {"unit": Unit.objects.visible_to(self.actor),
                "line": WorkLine.objects.visible_to(self.actor).filter(plan=self.plan)}


class IndicatorBindingForm(StyledForm):
    """Where an indicator's actual comes from: the field's reports, or a register measure."""

    register_measure = forms.ChoiceField(
        label=_("完成值来源"), required=False, choices=measures.choices,
        help_text=_("选择台账统计后，完成值（含分解到各单位的）由台账自动计算，不再填报；选“不绑定”恢复按上报数值"))


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


class TaskForm(LedgerForm):
    """The one form of a task: the page's new and edit (the engine's form pages), each imported row of
    a 任务分解表 and the API validate through it. The plan is chosen once and never changes."""

    plan = LookupChoiceField(label=_("工作计划"), queryset=Plan.objects.none())
    line = LookupChoiceField(label=_("工作专线"), queryset=WorkLine.objects.none(), required=False)
    title = forms.CharField(label=_("工作任务（办什么事）"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                            error_messages={"required": _("请填写工作任务（办什么事）")})
    requirement = forms.CharField(label=_("目标要求（干到什么程度）"), max_length=5000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    leader = LookupChoiceField(label=_("责任领导"), queryset=Person.objects.none(), required=False,
                               widget=PickerSelect(**PEOPLE))
    lead_unit = LookupChoiceField(label=_("牵头单位"), queryset=Unit.objects.none(), required=False,
                                  widget=PickerSelect(**UNITS))
    co_units = LookupMultipleField(label=_("配合单位"), queryset=Unit.objects.none(), required=False,
                                   widget=PickerSelectMultiple(**UNITS))
    owner = LookupChoiceField(label=_("责任人"), queryset=Person.objects.none(), required=False,
                              widget=PickerSelect(**PEOPLE))
    informed = LookupMultipleField(label=_("阅知领导"), queryset=Person.objects.none(), required=False,
                                   widget=PickerSelectMultiple(**PEOPLE))
    indicators = LookupMultipleField(label=_("相关指标"), queryset=Indicator.objects.none(), required=False,
                                     widget=PickerSelectMultiple(placeholder=_("输入指标名称筛选")))
    start_date = forms.DateField(label=_("开始日期"), required=False, widget=DATE)
    deadline = forms.DateField(label=_("完成时限（什么时间）"), required=False, widget=DATE)
    deadline_text = forms.CharField(label=_("时限原文"), max_length=100, required=False)
    recurrence = forms.ChoiceField(label=_("周期"), choices=Recurrence.choices, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            del self.fields["plan"]

    def querysets(self) -> dict:
        units = Unit.objects.visible_to(self.actor).filter(is_active=True)
        people = Person.objects.visible_to(self.actor).filter(is_active=True).select_related("unit")
        lines, indicators = WorkLine.objects.visible_to(self.actor), Indicator.objects.visible_to(self.actor)
        plan = self.instance.plan_id if self.instance is not None else self.initial.get("plan")
        if plan:  # a form for one plan offers that plan's lines and targets only
            lines, indicators = lines.filter(plan_id=plan), indicators.filter(plan_id=plan)
        return {"plan": Plan.objects.editable_by(self.actor), "line": lines, "lead_unit": units, "co_units": units,
                "leader": people, "owner": people, "informed": people, "indicators": indicators}

    def clean(self):
        data = super().clean()
        plan = data.get("plan") or (self.instance.plan if self.instance is not None else None)
        for name in ("line",):
            if data.get(name) and plan is not None and data[name].plan_id != plan.pk:
                self.add_error(name, _("工作专线不属于所选的工作计划"))
        if plan is not None and any(i.plan_id != plan.pk for i in data.get("indicators") or ()):
            self.add_error("indicators", _("指标不属于所选的工作计划"))
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
