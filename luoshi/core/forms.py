"""Bootstrap classes on every widget, so forms look the same on every page."""

from django import forms

from luoshi.core.widgets import PickerMixin


class StyledForm(forms.Form):
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
