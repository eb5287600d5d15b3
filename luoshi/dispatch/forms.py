"""The schedule form (new and edit): its choices are what the actor may see (selectors.form_choices)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import ScopedForm
from luoshi.core.widgets import PEOPLE, TASKS, PickerSelectMultiple
from luoshi.dispatch import selectors

WEEKDAYS = [(str(i), label) for i, label in enumerate(
    [_("周一"), _("周二"), _("周三"), _("周四"), _("周五"), _("周六"), _("周日")])]


class DispatchForm(ScopedForm):
    name = forms.CharField(label=_("名称"), max_length=100, initial=_("扶贫干部一三五点名"))
    unit = forms.ModelChoiceField(label=_("组织单位"), queryset=None)
    weekdays = forms.MultipleChoiceField(label=_("点名日"), choices=WEEKDAYS, initial=["0", "2", "4"],
                                         widget=forms.CheckboxSelectMultiple)
    time = forms.TimeField(label=_("点名时间"), initial="08:30", widget=forms.TimeInput(attrs={"type": "time"}))
    window_minutes = forms.IntegerField(label=_("上报时长（分钟）"), min_value=10, max_value=1440, initial=120)
    people = forms.ModelMultipleChoiceField(label=_("点名人员"), queryset=None, widget=PickerSelectMultiple(**PEOPLE))
    # The roll call's tasks are read whole (not titles only), so they can be grouped by lead unit.
    tasks = forms.ModelMultipleChoiceField(label=_("调度任务"), queryset=None, required=False,
                                           widget=PickerSelectMultiple(**TASKS | {"group_by": "lead_unit"}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)  # read with the page, for 409

    def __init__(self, *args, dispatch=None, **kwargs):
        self.dispatch = dispatch  # when editing: what it already names stays choosable
        super().__init__(*args, **kwargs)

    def querysets(self) -> dict:
        return selectors.form_choices(actor=self.actor, dispatch=self.dispatch)

    @classmethod
    def initial_of(cls, dispatch) -> dict:
        """The form's starting values for editing `dispatch`."""
        return {"name": dispatch.name, "unit": dispatch.unit_id, "weekdays": [str(d) for d in dispatch.weekday_list],
                "time": dispatch.time, "window_minutes": dispatch.window_minutes, "version": dispatch.version,
                "people": list(dispatch.people.through.objects.filter(dispatch=dispatch).values_list("person_id", flat=True)),
                "tasks": list(dispatch.tasks.through.objects.filter(dispatch=dispatch).values_list("task_id", flat=True))}

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "unit": data["unit"], "people": list(data["people"]), "tasks": list(data["tasks"]),
                "weekdays": [int(d) for d in data["weekdays"]], "time": data["time"],
                "window_minutes": data["window_minutes"]}
