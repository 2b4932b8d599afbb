"""Forms of the eigen-bijdrage screens: a new rule (parameters validated per kind) and the choice of a period."""

from __future__ import annotations

import json
from datetime import date

from django import forms

from keukentafel.forms import KtFormMixin

from .bijdrageregels import valideer_parameters
from .models import Bijdrageregeling


class BijdrageregelingForm(KtFormMixin, forms.ModelForm):
    """A new dated rule. Parameters as JSON (amounts in cents, percentage as text), checked by `valideer_parameters`."""

    parameters_json = forms.CharField(
        label="Parameters (JSON)",
        widget=forms.Textarea(attrs={"rows": 12, "class": "utrecht-textarea"}),
        help_text='Bijvoorbeeld {"tarief_cent": 2100, "aow_leeftijd_maanden": 804, "vrijgestelde_huishoudens": '
        '["meerpersoons_onder_aow"], "beschikking": false}. Bedragen in centen.',
    )
    vrijgesteld = forms.CharField(
        label="Vrijgestelde productsoorten",
        required=False,
        help_text='Sleutels gescheiden door komma\'s, bijvoorbeeld "wmo:15, wmo:16".',
    )

    class Meta:
        model = Bijdrageregeling
        fields = ["naam", "soort", "periodelengte", "geldig_vanaf", "geldig_tot", "bron"]
        widgets = {
            "geldig_vanaf": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "geldig_tot": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, gemeente, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.gemeente = gemeente

    def clean_parameters_json(self) -> dict:
        try:
            waarde = json.loads(self.cleaned_data["parameters_json"])
        except json.JSONDecodeError as e:
            raise forms.ValidationError(f"Geen geldige JSON (regel {e.lineno}, kolom {e.colno}): {e.msg}.") from e
        return waarde

    def clean_vrijgesteld(self) -> list[str]:
        return [s.strip() for s in self.cleaned_data.get("vrijgesteld", "").split(",") if s.strip()]

    def clean(self) -> dict:
        data = super().clean()
        if "parameters_json" in data and data.get("soort"):
            for fout in valideer_parameters(data["soort"], data["parameters_json"], data.get("vrijgesteld", [])):
                self.add_error("parameters_json", fout)
        van, tot = data.get("geldig_vanaf"), data.get("geldig_tot")
        if van and tot and tot < van:
            self.add_error("geldig_tot", "De einddatum ligt vóór de ingangsdatum.")
        if van and Bijdrageregeling.objects.filter(gemeente=self.gemeente, geldig_vanaf=van).exists():
            self.add_error("geldig_vanaf", "Er is al een regeling met deze ingangsdatum.")
        return data

    def save(self, commit: bool = True) -> Bijdrageregeling:
        regel = super().save(commit=False)
        regel.gemeente = self.gemeente
        regel.parameters = self.cleaned_data["parameters_json"]
        regel.vrijgestelde_categorieen = self.cleaned_data["vrijgesteld"]
        if commit:
            regel.save()
        return regel


class PeriodeForm(KtFormMixin, forms.Form):
    datum = forms.DateField(
        label="Een dag in de periode",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="De periode (vier weken of maand, volgens de regeling) die deze dag bevat.",
        initial=date.today,
    )
