"""Forms of the eigen-bijdrage screens: a rule, new or changed (parameters validated per kind, with the visible
settings "beschikking" and the minimum-income exemption), and the choice of a period."""

from __future__ import annotations

import json
import re
from datetime import date

from django import forms

from keukentafel.forms import KtFormMixin

from .bijdrageregels import HUISHOUDSLEUTEL_LABELS, HUISHOUDSLEUTELS, valideer_parameters
from .models import Bijdrageregeling

#: Parameters with their own form field; the JSON field does not show them (one place to change each).
EIGEN_VELDEN = ("beschikking", "vrijstelling_tot_inkomen")
_BEDRAG = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)(,\d{1,2})?$")


def euro_naar_cent(tekst: str) -> int:
    """ "16.000", "16000", "16.000,50" or "€ 16000,5" → cents; ValueError with a Dutch message otherwise."""
    t = tekst.replace("€", "").replace(" ", "").strip()
    if not _BEDRAG.match(t):
        raise ValueError("Geef een bedrag in euro's, bijvoorbeeld 16.000 of 16.000,50.")
    heel, _, cent = t.replace(".", "").partition(",")
    return int(heel) * 100 + int(cent.ljust(2, "0") or 0)


def cent_naar_euro(cent: int) -> str:
    """Cents as the form shows them: 1600000 → "16.000", 1600050 → "16.000,50"."""
    heel = f"{cent // 100:,}".replace(",", ".")
    return heel + (f",{cent % 100:02d}" if cent % 100 else "")


class BijdrageregelingForm(KtFormMixin, forms.ModelForm):
    """A dated rule, new or changed. Parameters as JSON (amounts in cents, percentage as text), checked by
    `valideer_parameters`; whether the gemeente sends its own beschikking and the minimum-income exemption are
    fields of their own."""

    parameters_json = forms.CharField(
        label="Parameters (JSON)",
        widget=forms.Textarea(attrs={"rows": 12, "class": "utrecht-textarea"}),
        help_text='Bijvoorbeeld {"tarief_cent": 2100, "aow_leeftijd_maanden": 804, "vrijgestelde_huishoudens": '
        '["meerpersoons_onder_aow"]}. Bedragen in centen. De beschikking en de vrijstelling voor minimuminkomens '
        "stelt u hieronder in.",
    )
    vrijgesteld = forms.CharField(
        label="Vrijgestelde productsoorten",
        required=False,
        help_text='Sleutels gescheiden door komma\'s, bijvoorbeeld "wmo:15, wmo:16".',
    )
    beschikking = forms.BooleanField(
        label="De gemeente legt zelf een beschikking op",
        required=False,
        help_text="Aangevinkt: de gemeente stuurt per cliënt een beschikking eigen bijdrage (PDF bij de uitleg per "
        "huishouden). Niet aangevinkt: het CAK legt de bijdrage op en informeert de cliënt.",
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
        for sleutel in HUISHOUDSLEUTELS:
            self.fields[f"vrijstelling_{sleutel}"] = forms.CharField(
                label=f"Vrijstelling minimuminkomen: {HUISHOUDSLEUTEL_LABELS[sleutel]}",
                required=False,
                help_text="Een toetsingsinkomen (per jaar, in euro's) tot en met dit bedrag betaalt niets. Leeg: geen vrijstelling.",
            )
        if self.instance.pk:
            p = dict(self.instance.parameters)
            vrij = p.get("vrijstelling_tot_inkomen") or {}
            self.initial.update(
                parameters_json=json.dumps({k: v for k, v in p.items() if k not in EIGEN_VELDEN}, ensure_ascii=False, indent=2),
                vrijgesteld=", ".join(self.instance.vrijgestelde_categorieen),
                beschikking=bool(p.get("beschikking")),
                **{f"vrijstelling_{k}": cent_naar_euro(v) for k, v in vrij.items() if k in HUISHOUDSLEUTELS and isinstance(v, int)},
            )

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
        vrijstelling: dict[str, int] = {}
        for sleutel in HUISHOUDSLEUTELS:
            tekst = (data.get(f"vrijstelling_{sleutel}") or "").strip()
            if tekst:
                try:
                    vrijstelling[sleutel] = euro_naar_cent(tekst)
                except ValueError as e:
                    self.add_error(f"vrijstelling_{sleutel}", str(e))
        parameters = data.get("parameters_json")
        if isinstance(parameters, dict):
            parameters = {**parameters, "beschikking": bool(data.get("beschikking")), "vrijstelling_tot_inkomen": vrijstelling}
            data["parameters_json"] = parameters
        if "parameters_json" in data and data.get("soort"):
            for fout in valideer_parameters(data["soort"], data["parameters_json"], data.get("vrijgesteld", [])):
                self.add_error("parameters_json", fout)
        van, tot = data.get("geldig_vanaf"), data.get("geldig_tot")
        if van and tot and tot < van:
            self.add_error("geldig_tot", "De einddatum ligt vóór de ingangsdatum.")
        if van and Bijdrageregeling.objects.filter(gemeente=self.gemeente, geldig_vanaf=van).exclude(pk=self.instance.pk).exists():
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
