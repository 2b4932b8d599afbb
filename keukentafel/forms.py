"""Form base that gives every widget the NL Design System (Utrecht) classes."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models.fields import BLANK_CHOICE_DASH

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


def keuzelabel(label) -> str:
    """The empty option of a select in Dutch: "Leefgebied" → "Kies een leefgebied".

    The label's first letter is lowered unless the label starts with an abbreviation ("BSN …").
    """
    tekst = str(label or "").strip().rstrip(":?")
    if not tekst:
        return "Maak een keuze"
    if not (len(tekst) > 1 and tekst[1].isupper()):
        tekst = tekst[0].lower() + tekst[1:]
    return f"Kies een {tekst}"


def _zet_keuzelabel(field: forms.Field) -> None:
    """Replace Django's "---------" empty option by a Dutch one, unless the form chose its own."""
    if isinstance(field, forms.ModelChoiceField):  # ModelMultipleChoiceField has no empty option
        if field.empty_label == BLANK_CHOICE_DASH[0][1]:
            field.empty_label = keuzelabel(field.label)
    elif isinstance(field, forms.ChoiceField) and not isinstance(field.widget, (forms.RadioSelect, forms.SelectMultiple)):
        keuzes = list(field.choices)
        if keuzes and tuple(keuzes[0]) == BLANK_CHOICE_DASH[0]:
            field.choices = [("", keuzelabel(field.label)), *keuzes[1:]]


class KtFormMixin:
    """Utrecht classes on widgets, Dutch empty options in selects, and aria-invalid/aria-describedby on fields with errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            klasse = next((k for t, k in _KLASSEN.items() if isinstance(field.widget, t)), None)
            if klasse is None:
                klasse = "utrecht-textbox utrecht-textbox--html-input"
            field.widget.attrs.setdefault("class", klasse)
            _zet_keuzelabel(field)

    def foutoverzicht(self) -> list[dict]:
        """The field errors for the error summary in _form_errors.html, in the order of the fields.

        Each: `anker` (the id of the control to link to; empty for a hidden field), `label`, `fout` and `tekst`
        (label and message together, the text of the link).
        A group of radio buttons or checkboxes has no id of its own: the link goes to its first option.
        """
        regels = []
        for naam in self.fields:
            if naam not in self.errors:
                continue
            veld = self[naam]
            anker = "" if veld.is_hidden else (veld.id_for_label or (f"{veld.auto_id}_0" if veld.auto_id else ""))
            label = str(veld.label or "").strip()
            for fout in self.errors[naam]:
                tekst = f"{label} {fout}" if label.endswith(("?", ":")) else (f"{label}: {fout}" if label else str(fout))
                regels.append({"anker": anker, "label": label, "fout": fout, "tekst": tekst})
        return regels

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


def zet_fouten(form: forms.Form, exc: ValidationError, hernoem: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError on the form: per field where the form has that field (after renaming a
    service's field name to the form's via `hernoem`), else at the top."""
    if not hasattr(exc, "error_dict"):
        for fout in exc.error_list:
            form.add_error(None, fout)
        return
    for veld, fouten in exc.error_dict.items():
        veld = (hernoem or {}).get(veld, veld)
        for fout in fouten:
            form.add_error(veld if veld in form.fields else None, fout)
