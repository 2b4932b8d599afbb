"""Forms of the hulpknop: a question with contact details, and an anonymous question."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

from keukentafel.accounts.models import Gebied, Gemeente
from keukentafel.beleid.models import Leefgebied
from keukentafel.forms import Form

from .hulp import TOESTEMMINGSTEKST, gebied_bij_postcode, normaliseer_postcode
from .misbruik import MisbruikFormMixin
from .models import BesteTijd, Contactvoorkeur

_TELEFOON = re.compile(r"^\+?[\d\s\-()]{10,20}$")


class _GebiedKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Gebied) -> str:
        return f"{obj.naam} ({obj.gemeente.naam})"


def _gemeenteveld() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Uw gemeente",
        queryset=Gemeente.objects.order_by("naam"),
        error_messages={"required": "Kies uw gemeente.", "invalid_choice": "Kies een gemeente uit de lijst."},
    )


def _leefgebiedveld() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Waar gaat uw vraag vooral over?",
        queryset=Leefgebied.objects.filter(actief=True).order_by("volgorde", "naam"),
        to_field_name="code",
        required=False,
        empty_label="Weet ik niet / kies een onderwerp",
        error_messages={"invalid_choice": "Kies een onderwerp uit de lijst."},
    )


def _vraagveld(help_text: str) -> forms.CharField:
    return forms.CharField(
        label="Wat is uw vraag?",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=help_text,
        error_messages={"required": "Beschrijf uw vraag.", "max_length": "Uw vraag is te lang: gebruik hoogstens 4000 tekens."},
    )


def naamveld() -> forms.CharField:
    return forms.CharField(
        label="Uw naam",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Vul uw naam in."},
    )


def telefoonveld(help_text: str) -> forms.CharField:
    return forms.CharField(
        label="Telefoonnummer",
        required=False,
        max_length=20,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )


def emailveld(max_length: int, help_text: str = "") -> forms.EmailField:
    return forms.EmailField(
        label="E-mailadres",
        required=False,
        max_length=max_length,
        help_text=help_text,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."},
    )


class HulpForm(MisbruikFormMixin, Form):
    soort = "hulp"

    gemeente = _gemeenteveld()
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=7,
        help_text="Bijvoorbeeld 6543 AB. Dan komt uw vraag direct bij het team in uw wijk.",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "text", "size": 8}),
    )
    naam = naamveld()
    contactvoorkeur = forms.ChoiceField(
        label="Hoe wilt u dat wij contact met u opnemen?",
        choices=Contactvoorkeur.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies hoe wij contact met u opnemen."},
    )
    telefoon = telefoonveld("Nodig als wij u mogen bellen.")
    email = emailveld(80, "Nodig als wij u mogen e-mailen.")
    adres = forms.CharField(
        label="Straat en huisnummer",
        required=False,
        max_length=64,
        help_text="Nodig voor een brief of een bezoek; vul dan ook uw postcode in.",
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    beste_tijd = forms.ChoiceField(
        label="Wanneer bent u het best bereikbaar?",
        choices=BesteTijd.choices,
        initial=BesteTijd.MAAKT_NIET_UIT,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies wanneer u het best bereikbaar bent."},
    )
    leefgebied = _leefgebiedveld()
    vraag = _vraagveld("Vertel in uw eigen woorden waar u hulp bij zoekt. U hoeft geen burgerservicenummer te geven.")
    toestemming = forms.BooleanField(
        label=TOESTEMMINGSTEKST,
        error_messages={"required": "Geef toestemming, anders kunnen we geen contact met u opnemen."},
    )

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data.get("postcode", "")
        return normaliseer_postcode(postcode) if postcode.strip() else ""

    def clean_telefoon(self) -> str:
        telefoon = self.cleaned_data.get("telefoon", "").strip()
        if telefoon and (not _TELEFOON.match(telefoon) or sum(c.isdigit() for c in telefoon) < 10):
            raise ValidationError("Vul een telefoonnummer in van minstens 10 cijfers, zoals 06 12345678.")
        return telefoon

    def clean(self):
        data = super().clean()
        voorkeur = data.get("contactvoorkeur")
        if voorkeur == Contactvoorkeur.TELEFOON and not data.get("telefoon") and "telefoon" not in self.errors:
            self.add_error("telefoon", "Vul uw telefoonnummer in, want u wilt dat wij u bellen.")
        if voorkeur == Contactvoorkeur.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "Vul uw e-mailadres in, want u wilt een e-mail van ons.")
        if voorkeur in (Contactvoorkeur.BRIEF, Contactvoorkeur.LANGSKOMEN):
            if not data.get("adres"):
                self.add_error("adres", "Vul uw straat en huisnummer in, zodat wij u kunnen schrijven of bezoeken.")
            if not data.get("postcode") and "postcode" not in self.errors:
                self.add_error("postcode", "Vul uw postcode in, zodat wij u kunnen schrijven of bezoeken.")
        gemeente, postcode = data.get("gemeente"), data.get("postcode")
        if gemeente and postcode:
            gebied = gebied_bij_postcode(postcode)
            if gebied is not None and gebied.gemeente_id != gemeente.pk:
                self.add_error(
                    "postcode", f"Deze postcode hoort bij de gemeente {gebied.gemeente.naam}. Kies die gemeente of controleer uw postcode."
                )
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        tekst = ("naam", "contactvoorkeur", "beste_tijd", "vraag", "telefoon", "email", "adres", "postcode")
        return {k: d.get(k) or "" for k in tekst} | {
            "gemeente": d["gemeente"],
            "leefgebied": d.get("leefgebied"),
            "toestemming": bool(d.get("toestemming")),
        }


class AnoniemForm(MisbruikFormMixin, Form):
    soort = "anoniem"

    gemeente = _gemeenteveld()
    gebied = _GebiedKeuze(
        label="In welke wijk of kern gaat het om?",
        queryset=Gebied.objects.select_related("gemeente").order_by("gemeente__naam", "naam"),
        required=False,
        empty_label="Weet ik niet / zeg ik liever niet",
        help_text="Dan komt uw vraag bij het team van die wijk.",
        error_messages={"invalid_choice": "Kies een wijk uit de lijst."},
    )
    leefgebied = _leefgebiedveld()
    vraag = _vraagveld(
        "Schrijf geen naam, adres, telefoonnummer of e-mailadres op als u anoniem wilt blijven. "
        "Wij kunnen u niet antwoorden: wilt u antwoord, gebruik dan het formulier met contactgegevens."
    )

    def clean(self):
        data = super().clean()
        gemeente, gebied = data.get("gemeente"), data.get("gebied")
        if gemeente and gebied and gebied.gemeente_id != gemeente.pk:
            self.add_error("gebied", f"{gebied.naam} hoort niet bij de gemeente {gemeente.naam}. Kies een wijk van uw gemeente.")
        return data
