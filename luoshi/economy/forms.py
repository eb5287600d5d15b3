"""Forms of the economy pages beyond the ledgers' own (which `ledgers.forms.form_for` builds): an
enterprise's status step and its demands. The API reads the same fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import ScopedForm, StyledForm
from luoshi.core.widgets import UNITS, PickerSelect
from luoshi.ledgers.forms import LookupChoiceField
from luoshi.org.models import Unit, UnitKind


class StepForm(StyledForm):
    """停产 / 复工 / 达产 on a day."""

    on = forms.DateField(label=_("日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                         help_text=_("不填则为今天"))
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class DemandForm(ScopedForm):
    """企业诉求 → a problem of the problems ledger, with the unit that is to answer it."""

    description = forms.CharField(label=_("企业诉求"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    category = forms.CharField(label=_("问题类别"), max_length=100, required=False,
                               help_text=_("如：用地、用电、用工、融资、审批"))
    lead_unit = LookupChoiceField(label=_("牵头单位"), queryset=Unit.objects.none(), widget=PickerSelect(**UNITS))
    measures = forms.CharField(label=_("解决措施"), max_length=5000, required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.DateField(label=_("办结时限"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def querysets(self) -> dict:
        units = Unit.objects.visible_to(self.actor).filter(is_active=True)
        return {"lead_unit": units.filter(kind__in=(UnitKind.DEPARTMENT, UnitKind.TOWNSHIP, UnitKind.VILLAGE))}
