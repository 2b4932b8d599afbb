"""Forms of the public portal pages and of the etalage editing screens."""

from __future__ import annotations

import re

from django import forms

from keukentafel import forms as kt
from keukentafel.aanbod.models import Categorie, Doelgroep
from keukentafel.accounts.models import Gebied, Gemeente, Postcodegebied
from keukentafel.beleid.models import Leefgebied

from .models import Etalagepagina

POSTCODE = re.compile(r"^\s*([1-9]\d{3})\s*([A-Za-z]{2})?\s*$")
POSTCODE_FOUT = "Vul een postcode in zoals 2161 AB of alleen de vier cijfers."
ONBEKENDE_POSTCODE = "Deze postcode hoort niet bij een gemeente in onze regio. Kies uw gemeente uit de lijst."


def pc4(tekst: str) -> str | None:
    """The four digits of a Dutch postcode ("2161 ab" → "2161"), None when it is no postcode."""
    gevonden = POSTCODE.match(tekst or "")
    return gevonden.group(1) if gevonden else None


def gebied_bij_postcode(tekst: str) -> Gebied | None:
    cijfers = pc4(tekst)
    if cijfers is None:
        return None
    rij = Postcodegebied.objects.select_related("gebied__gemeente").filter(pc4=cijfers).first()
    return rij.gebied if rij else None


class GemeenteKeuzeForm(kt.Form):
    """Home page: pick the gemeente, or type a postcode (which also gives the gebied)."""

    gemeente = forms.ModelChoiceField(queryset=Gemeente.objects.order_by("naam"), required=False, label="Uw gemeente")
    postcode = forms.CharField(
        required=False,
        max_length=7,
        label="Of uw postcode",
        help_text="Bijvoorbeeld 2161 AB. Wij gebruiken alleen de vier cijfers.",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "text", "size": 8}),
    )

    def clean(self):
        data = super().clean()
        gemeente, postcode = data.get("gemeente"), (data.get("postcode") or "").strip()
        data["gebied"] = None
        if postcode:
            if pc4(postcode) is None:
                self.add_error("postcode", POSTCODE_FOUT)
                return data
            gebied = gebied_bij_postcode(postcode)
            if gebied is None:
                self.add_error("postcode", ONBEKENDE_POSTCODE)
                return data
            data["gebied"], data["gemeente"] = gebied, gebied.gemeente
        elif gemeente is None:
            self.add_error("gemeente", "Kies uw gemeente of vul uw postcode in.")
        return data


class KostenKeuze:
    ALLE = ""
    GRATIS = "gratis"
    MET_KOSTEN = "met_kosten"
    CHOICES = [(ALLE, "Gratis en met kosten"), (GRATIS, "Alleen gratis"), (MET_KOSTEN, "Alleen met kosten")]


class SocialeKaartZoekForm(kt.Form):
    """The public search of the sociale kaart (GET: no personal data, so the query may be in the URL)."""

    q = forms.CharField(
        required=False, max_length=100, label="Waar zoekt u hulp bij?", help_text="Bijvoorbeeld: maaltijd, mantelzorg, schulden."
    )
    gemeente = forms.ModelChoiceField(
        queryset=Gemeente.objects.order_by("naam"), required=False, label="Gemeente", empty_label="Hele regio"
    )
    gebied = forms.ModelChoiceField(
        queryset=Gebied.objects.select_related("gemeente").order_by("gemeente__naam", "naam"),
        required=False,
        label="Wijk of dorp",
        empty_label="Alle wijken en dorpen",
    )
    postcode = forms.CharField(
        required=False, max_length=7, label="Of uw postcode", widget=forms.TextInput(attrs={"autocomplete": "postal-code", "size": 8})
    )
    leefgebied = forms.ModelChoiceField(
        queryset=Leefgebied.objects.filter(actief=True), required=False, label="Onderwerp", empty_label="Alle onderwerpen"
    )
    categorie = forms.ChoiceField(choices=[("", "Alle soorten"), *Categorie.choices], required=False, label="Soort hulp")
    doelgroep = forms.ChoiceField(choices=[("", "Iedereen"), *Doelgroep.choices], required=False, label="Voor wie")
    kosten = forms.ChoiceField(choices=KostenKeuze.CHOICES, required=False, label="Kosten")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gebied"].label_from_instance = lambda g: f"{g.naam} ({g.gemeente.naam})"

    def clean(self):
        data = super().clean()
        postcode = (data.get("postcode") or "").strip()
        if postcode:
            if pc4(postcode) is None:
                self.add_error("postcode", POSTCODE_FOUT)
            else:
                gebied = gebied_bij_postcode(postcode)
                if gebied is None:
                    self.add_error("postcode", ONBEKENDE_POSTCODE)
                else:
                    data["gebied"] = gebied
        gebied = data.get("gebied")
        if gebied is not None:
            data["gemeente"] = gebied.gemeente
        return data


class ZelftestForm(kt.Form):
    """One yes/no radio group per question of a leefgebied; built from the Zelftestvraag rows."""

    KEUZES = [("ja", "Ja"), ("nee", "Nee")]

    def __init__(self, *args, vragen, **kwargs):
        super().__init__(*args, **kwargs)
        self.vragen = list(vragen)
        for vraag in self.vragen:
            self.fields[f"vraag_{vraag.pk}"] = forms.ChoiceField(
                choices=self.KEUZES,
                widget=forms.RadioSelect,
                label=vraag.tekst,
                help_text=vraag.toelichting,
                error_messages={"required": "Kies ja of nee."},
            )

    def ja_vragen(self) -> list:
        return [v for v in self.vragen if self.cleaned_data.get(f"vraag_{v.pk}") == "ja"]


class EtalagepaginaForm(kt.ModelForm):
    class Meta:
        model = Etalagepagina
        fields = ["gemeente", "thema", "titel", "tekst", "links", "volgorde", "gepubliceerd"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 10}), "links": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
