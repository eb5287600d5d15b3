"""The base of every ledger form: choices from the actor's scope, and — for imports — the
visible rows read once, so validating ten thousand rows costs no query per cell."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.masking import masked
from luoshi.core.widgets import PEOPLE, UNITS, PickerSelect, PickerSelectMultiple
from luoshi.org.forms import ScopedForm
from luoshi.org.models import Person, Unit


class CachedChoiceMixin:
    """A model choice field that looks its value up in `cache` ({pk: obj}) when one is set."""

    cache: dict | None = None

    def _lookup(self, value):
        try:
            obj = self.cache.get(int(value))
        except (TypeError, ValueError):
            obj = None
        if obj is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                        params={"value": value})
        return obj


class LookupChoiceField(CachedChoiceMixin, forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": _("“%(value)s”不存在或不在您的数据权限范围内")}

    def to_python(self, value):
        if self.cache is None or value in self.empty_values:
            return super().to_python(value)
        return self._lookup(value)


class LookupMultipleField(CachedChoiceMixin, forms.ModelMultipleChoiceField):
    default_error_messages = {"invalid_choice": _("“%(value)s”不存在或不在您的数据权限范围内"),
                              "invalid_pk_value": _("“%(pk)s”不是有效的选项")}

    def clean(self, value):
        if self.cache is None:
            return super().clean(value)
        if value in self.empty_values:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        return [self._lookup(v) for v in value]


class LedgerForm(ScopedForm):
    """Pass `lookups` ({field: {pk: obj}}) to validate without a query per choice field, and
    `instance` when editing (a form may drop fields that cannot change after creation).

    Subclasses give their choice fields' querysets in `querysets()`, read from the actor's scope;
    an import builds them once for all its rows instead of once per row."""

    def __init__(self, *args, actor, lookups: dict | None = None, instance=None, **kwargs):
        self.instance = instance
        super().__init__(*args, actor=actor, **kwargs)
        self._keep_personal()
        if lookups is None:
            for name, queryset in self.querysets().items():
                if name in self.fields:
                    self.fields[name].queryset = queryset
        for name, cache in (lookups or {}).items():
            if name in self.fields:
                self.fields[name].cache = cache

    def querysets(self) -> dict:
        return {}

    def personal_initial(self, initial: dict) -> dict:
        """An edit form's initial values with the record's personal numbers masked: the form is a page
        too, and opening it shows no more than the record's page does."""
        for name, kind in self._personal().items():
            if initial.get(name):
                initial[name] = masked(kind, initial[name])
        return initial

    def _personal(self) -> dict[str, str]:
        personal = getattr(type(self.instance), "personal_fields", {}) if self.instance is not None else {}
        return {name: kind for name, kind in personal.items() if name in self.fields}

    def _keep_personal(self) -> None:
        """A personal number sent back as the form showed it (masked) keeps the stored number, so an
        edit form opened and saved unchanged changes nothing."""
        personal = self._personal()
        if not self.is_bound or not personal:
            return
        data = self.data.copy()
        for name, kind in personal.items():
            stored = getattr(self.instance, name) or ""
            if stored and data.get(name) == masked(kind, stored):
                data[name] = stored
        self.data = data

    def rebind(self, data: dict) -> LedgerForm:
        """The same form validating another row: an import of ten thousand rows builds one form,
        not ten thousand copies of its fields."""
        self.data, self.is_bound, self._errors = data, True, None
        self._bound_fields_cache = {}
        self.__dict__.pop("cleaned_data", None)
        return self

    def lookup_querysets(self) -> dict:
        """Each model choice field's visible rows, as the import's name lookups read them."""
        return {name: qs for name, qs in self.querysets().items() if name in self.fields}


def form_for(model, fields: tuple[str, ...], *, labels: dict | None = None) -> type[LedgerForm]:
    """A ledger form made from the model's own fields (their labels, choices, lengths and help),
    for a register with no rule a field cannot say: foreign keys and many-to-many become lookups
    of the rows the actor sees, people and units with the picker, dates the browser's date input; the
    validators a model field declares run on the form."""
    from django.forms.models import fields_for_model


    pickers = {Person: PEOPLE, Unit: UNITS}
    built, querysets = fields_for_model(model, fields=fields, labels=labels), {}
    for name in fields:
        model_field = model._meta.get_field(name)
        if model_field.is_relation:
            related, required = model_field.related_model, not model_field.blank
            picker = pickers.get(related)
            if model_field.many_to_many:
                widget = PickerSelectMultiple(**picker) if picker else None
                built[name] = LookupMultipleField(label=model_field.verbose_name, queryset=related.objects.none(),
                                                  required=required, widget=widget)
            else:
                widget = PickerSelect(**picker) if picker else None
                built[name] = LookupChoiceField(label=model_field.verbose_name, queryset=related.objects.none(),
                                                required=required, widget=widget)
            querysets[name] = related
        else:
            if isinstance(model_field, models.DateField):
                built[name].widget = forms.DateInput(attrs={"type": "date"})
            # the validators the model declares (an ID number's pattern, a range) run on the form too
            built[name].validators = [*built[name].validators, *model_field._validators]

    def scoped_querysets(self) -> dict:
        return {name: related.objects.visible_to(self.actor) for name, related in querysets.items()}

    return type(f"{model.__name__}Form", (LedgerForm,), {**built, "querysets": scoped_querysets})
