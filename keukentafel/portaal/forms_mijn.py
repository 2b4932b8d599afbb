"""Forms of Mijn Keukentafel (sign-in, signing the plan, messages)."""

from __future__ import annotations

from django import forms

from keukentafel.forms import Form


class EmailForm(Form):
    email = forms.EmailField(
        label="E-mailadres",
        max_length=254,
        help_text="Het e-mailadres dat de gemeente van u heeft. U krijgt een code van 6 cijfers.",
        error_messages={"required": "Vul uw e-mailadres in.", "invalid": "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class CodeForm(Form):
    code = forms.CharField(
        label="Code",
        max_length=12,
        help_text="De code van 6 cijfers uit de e-mail.",
        error_messages={"required": "Vul de code uit de e-mail in."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class NamensForm(Form):
    namens = forms.ChoiceField(
        label="Voor wie wilt u verder?", widget=forms.RadioSelect, error_messages={"required": "Kies voor wie u verder wilt."}
    )

    def __init__(self, *args, keuzes: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["namens"].choices = keuzes


class OndertekenForm(Form):
    akkoord = forms.BooleanField(
        label="Ik ga akkoord met deze versie van het ondersteuningsplan",
        error_messages={"required": "Zet een vinkje als u akkoord gaat met het plan."},
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)


class BerichtForm(Form):
    tekst = forms.CharField(
        label="Uw bericht",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Uw regisseur leest het bericht en antwoordt hier. Schrijf geen BSN in het bericht.",
        error_messages={"required": "Schrijf uw bericht.", "max_length": "Uw bericht is te lang (maximaal 4000 tekens)."},
    )

    def clean_tekst(self) -> str:
        tekst = self.cleaned_data["tekst"].strip()
        if not tekst:
            raise forms.ValidationError("Schrijf uw bericht.")
        return tekst
