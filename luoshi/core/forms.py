"""The bases of every form: Bootstrap classes on every widget, so forms look the same on every page,
and line breaks as the rest of the product writes them (StyledForm); choices from what the acting
user may see (ScopedForm)."""

from django import forms

from luoshi.core.widgets import PickerMixin


class LineBreakBoundField(forms.BoundField):
    """A field's posted value with "\\n" line breaks: a browser posts a textarea's lines with
    "\\r\\n", so a text saved unchanged would change (and count one more character a line)."""

    @property
    def data(self):
        value = super().data
        if isinstance(value, str) and "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value


class StyledForm(forms.Form):
    bound_field_class = LineBreakBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, PickerMixin):  # a widget is never told its label; a picker's list needs it
                widget.legend = field.label
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if field.required:
                widget.attrs.setdefault("required", True)


class ScopedForm(StyledForm):
    """A form built for an `actor`, whose choices are what that actor may see: `querysets()` names
    each choice field's rows (read through `visible_to` / `editable_by`), set when the form is built,
    so a choice posted from outside the actor's scope is refused like any unknown choice."""

    def __init__(self, *args, actor, **kwargs):
        self.actor = actor
        super().__init__(*args, **kwargs)
        for name, queryset in self.querysets().items():
            if name in self.fields:
                self.fields[name].queryset = queryset

    def querysets(self) -> dict:
        """{field name: the rows it offers}, from `self.actor`'s scope; a name the form lacks is skipped."""
        return {}
