"""Form base that gives every widget the NL Design System (Utrecht) classes."""
from __future__ import annotations

from django import forms

_KLASSEN = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.CheckboxSelectMultiple: "kt-checkboxes",
    forms.RadioSelect: "kt-radios",
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class KtFormMixin:
    """Utrecht classes on widgets and aria-invalid/aria-describedby on fields with errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            klasse = next((k for t, k in _KLASSEN.items() if isinstance(field.widget, t)), None)
            if klasse is None:
                klasse = "utrecht-textbox utrecht-textbox--html-input"
            field.widget.attrs.setdefault("class", klasse)
            if self.is_bound and name in self.errors:
                field.widget.attrs["aria-invalid"] = "true"
                field.widget.attrs["aria-describedby"] = f"id_{name}_fout"


class Form(KtFormMixin, forms.Form):
    pass


class ModelForm(KtFormMixin, forms.ModelForm):
    pass
