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
        for field in self.fields.values():
            klasse = next((k for t, k in _KLASSEN.items() if isinstance(field.widget, t)), None)
            if klasse is None:
                klasse = "utrecht-textbox utrecht-textbox--html-input"
            field.widget.attrs.setdefault("class", klasse)

    def add_error(self, field, error):
        # Mark invalid fields when an error is added (during validation or by a view after a service
        # refused), not in __init__: validating there would run before a subclass's __init__ sets its
        # querysets. The id includes the form's prefix.
        super().add_error(field, error)
        for name in self._errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"
                ids = [f"{self[name].auto_id}_fout"]
                if self.fields[name].help_text:  # _field.html gives the help text Django's own id
                    ids.insert(0, f"{self[name].auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)


class Form(KtFormMixin, forms.Form):
    pass


class ModelForm(KtFormMixin, forms.ModelForm):
    pass
