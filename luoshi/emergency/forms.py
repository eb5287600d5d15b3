"""The emergency's phone forms beyond the ledgers' own: an isolation's check-in, a disinfection with its
photo, and the list to reconcile the returnees with."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import StyledForm
from luoshi.core.widgets import UNITS, PickerSelect
from luoshi.emergency.models import DutyPlace, HealthStatus, PlaceKind
from luoshi.ledgers.forms import LedgerForm, LookupChoiceField
from luoshi.org.models import Unit, UnitKind


class CheckForm(StyledForm):
    status = forms.ChoiceField(label=_("状况"), choices=HealthStatus.choices, initial=HealthStatus.NORMAL)
    temperature = forms.DecimalField(label=_("体温（℃）"), required=False, max_digits=4, decimal_places=1,
                                     min_value=34, max_value=43,
                                     widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}))
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class DisinfectionForm(LedgerForm):
    place = LookupChoiceField(label=_("场所"), queryset=DutyPlace.objects.none())
    done_by = forms.CharField(label=_("消杀人员"), max_length=100)
    area = forms.CharField(label=_("消杀部位"), max_length=200, required=False)
    agent = forms.CharField(label=_("消毒剂和方式"), max_length=200)
    photo = forms.FileField(label=_("现场照片"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}))
    note = forms.CharField(label=_("备注"), max_length=300, required=False)

    def querysets(self) -> dict:
        return {"place": DutyPlace.objects.visible_to(self.actor).filter(kind=PlaceKind.KEY_PLACE)}


class ReconcileForm(LedgerForm):
    file = forms.FileField(label=_("名单（.xlsx，须有“身份证号”列）"))
    village = LookupChoiceField(label=_("只比对本村"), queryset=Unit.objects.none(), required=False,
                                widget=PickerSelect(**UNITS))

    def querysets(self) -> dict:
        return {"village": Unit.objects.visible_to(self.actor).filter(kind=UnitKind.VILLAGE)}
