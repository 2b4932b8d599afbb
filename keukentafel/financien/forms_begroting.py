"""Forms of the begroting screens: XLSX upload and a wijziging (per line a mutation, or an XLSX file)."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError

from keukentafel.forms import DateInput, Form

from .models import Begroting
from .xlsx_begroting import MAX_BYTES, euro_naar_cent

TE_GROOT = f"Het bestand is groter dan {MAX_BYTES // 2**20} MB."


class XlsxVeld(forms.FileField):
    def __init__(self, **kwargs) -> None:
        attrs = {"accept": ".xlsx", "class": "utrecht-textbox utrecht-textbox--html-input"}
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs=attrs))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        bestand = super().clean(data, initial)
        if bestand:
            if bestand.size > MAX_BYTES:
                raise ValidationError(TE_GROOT)
            if Path(bestand.name).suffix.lower() != ".xlsx":
                raise ValidationError("Kies een Excel-werkmap (.xlsx).")
        return bestand


class BegrotingImportForm(Form):
    bestand = XlsxVeld(
        label="Begroting (Excel-werkmap)", help_text=f"Een .xlsx in het formaat van de export; ten hoogste {MAX_BYTES // 2**20} MB."
    )


class WijzigingForm(Form):
    """Omschrijving, date and bron, then either an XLSX (code, mutatie) or a mutation per line in euros."""

    omschrijving = forms.CharField(label="Omschrijving", max_length=300)
    vastgesteld_op = forms.DateField(label="Vastgesteld op", widget=DateInput())
    bron = forms.CharField(label="Bron", max_length=300, help_text="Raadsbesluit of nota, bijvoorbeeld 'Voorjaarsnota 2026, raad 2 juni'.")
    bestand = XlsxVeld(
        label="Of: wijziging als Excel-werkmap", required=False,
        help_text="Kolommen code en mutatie (euro, + of −). Laat de bedragen hieronder dan leeg.",
    )

    def __init__(self, *args, begroting: Begroting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.posten = list(begroting.posten.filter(saldopost=False))
        for p in self.posten:
            self.fields[f"post_{p.pk}"] = forms.CharField(
                label=f"{p.naam} ({p.onderdeel}, {p.get_soort_display().lower()})", required=False, max_length=30,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "utrecht-textbox utrecht-textbox--html-input kt-bedrag"}),
            )

    def postvelden(self) -> list:
        return [self[f"post_{p.pk}"] for p in self.posten]

    def clean(self):
        data = super().clean()
        mutaties: dict[str, int] = {}
        for p in self.posten:
            naam = f"post_{p.pk}"
            try:
                cent = euro_naar_cent(data.get(naam))
            except ValueError as e:
                self.add_error(naam, f"{e}.")
                continue
            if cent:
                mutaties[p.code] = cent
        if data.get("bestand") and mutaties:
            raise ValidationError("Kies een bestand óf vul bedragen in, niet allebei.")
        if not data.get("bestand") and not mutaties and not self.errors:
            raise ValidationError("Vul ten minste één mutatie in, of kies een bestand.")
        data["mutaties"] = mutaties
        return data
