"""Bootstrap classes on every widget, so forms look the same on every page; and line breaks as
the rest of the product writes them."""

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
