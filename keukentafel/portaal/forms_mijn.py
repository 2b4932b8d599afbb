"""Forms of Mijn Keukentafel (sign-in, signing the plan, messages)."""

from __future__ import annotations

from django import forms

from keukentafel.beleid.models import Leefgebied
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


class OpmerkingForm(Form):
    opmerkingen = forms.CharField(
        label="Uw opmerkingen bij het verslag",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Klopt er iets niet, of wilt u iets toevoegen? Uw tekst komt ongewijzigd bij het verslag.",
        error_messages={"required": "Schrijf uw opmerkingen.", "max_length": "Uw tekst is te lang (maximaal 4000 tekens)."},
    )

    def clean_opmerkingen(self) -> str:
        tekst = self.cleaned_data["opmerkingen"].strip()
        if not tekst:
            raise forms.ValidationError("Schrijf uw opmerkingen.")
        return tekst


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


#: Allowed documents, recognised by their first bytes (the name and the browser's content type can lie).
SOORTEN = {"pdf": (b"%PDF-",), "png": (b"\x89PNG\r\n\x1a\n",), "jpg": (b"\xff\xd8\xff",)}
MAX_DOCUMENT_BYTES = 10 * 2**20


def herken_soort(kop: bytes) -> str | None:
    return next((soort for soort, handtekeningen in SOORTEN.items() if kop.startswith(handtekeningen)), None)


class DocumentForm(Form):
    omschrijving = forms.CharField(
        label="Wat is het voor document?",
        max_length=200,
        help_text="Bijvoorbeeld: brief van de huisarts, offerte traplift.",
        error_messages={"required": "Beschrijf kort wat voor document het is."},
    )
    bestand = forms.FileField(
        label="Bestand",
        help_text="Een PDF, JPG of PNG van ten hoogste 10 MB.",
        error_messages={"required": "Kies een bestand.", "empty": "Het bestand is leeg."},
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError("Het bestand is groter dan 10 MB. Kies een kleiner bestand.")
        kop = bestand.read(16)
        bestand.seek(0)
        soort = herken_soort(kop)
        if soort is None:
            raise forms.ValidationError("Dit soort bestand kunt u niet uploaden. Kies een PDF, JPG of PNG.")
        bestand.kt_soort = soort
        return bestand


class DoelvoorstelForm(Form):
    """The resident proposes an own goal for the plan, with an optional remark; the regisseur decides."""

    leefgebied = forms.ModelChoiceField(
        queryset=Leefgebied.objects.filter(actief=True),
        label="Waar gaat het doel over?",
        empty_label="Kies een onderwerp",
        error_messages={"required": "Kies waar het doel over gaat.", "invalid_choice": "Kies een onderwerp uit de lijst."},
    )
    omschrijving = forms.CharField(
        label="Uw doel",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Wat wilt u bereiken? Bijvoorbeeld: zelf weer naar de markt kunnen.",
        error_messages={"required": "Beschrijf uw doel.", "max_length": "Uw doel is te lang (maximaal 2000 tekens)."},
    )
    toelichting = forms.CharField(
        label="Opmerking (niet verplicht)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Wilt u er iets bij vertellen, bijvoorbeeld waarom dit belangrijk voor u is?",
        error_messages={"max_length": "Uw opmerking is te lang (maximaal 2000 tekens)."},
    )

    def clean_omschrijving(self) -> str:
        tekst = self.cleaned_data["omschrijving"].strip()
        if not tekst:
            raise forms.ValidationError("Beschrijf uw doel.")
        return tekst
