"""Forms of the pgb screens."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from keukentafel.forms import Form


class PgbImportForm(Form):
    bestand = forms.FileField(
        label="Uitgavenbestand (CSV)",
        help_text=(
            "CSV in UTF-8, gescheiden door ; of , met een kopregel: kenmerk;toewijzingnummer;periode_begin;periode_eind;"
            f"betaaldatum;bedrag;zorgverlener. Ten hoogste {settings.MAX_UPLOAD_BYTES // 2**20} MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt", "class": "utrecht-textbox utrecht-textbox--html-input"}),
    )
    alles_of_niets = forms.BooleanField(
        label="Alles of niets: lees niets in als één regel wordt afgewezen",
        required=False,
        help_text="Zonder dit vinkje worden de goedgekeurde regels ingelezen en de afgewezen regels gemeld.",
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > settings.MAX_UPLOAD_BYTES:
            raise ValidationError(f"Het bestand is groter dan {settings.MAX_UPLOAD_BYTES // 2**20} MB. Splits het in kleinere bestanden.")
        if Path(bestand.name).suffix.lower() not in {".csv", ".txt"}:
            raise ValidationError("Kies een CSV-bestand (.csv).")
        return bestand


class JaarForm(forms.Form):
    jaar = forms.IntegerField(min_value=2015, max_value=2100, required=False)
