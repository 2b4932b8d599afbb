"""Forms of the inwoners pages: they validate input; state changes go through services.py."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from keukentafel import forms as kt

from .models import PERSOON_VELDEN, Huishouden, LidRol, Netwerklid, Persoon
from .validators import normalize_postcode, validate_bsn, validate_postcode
from .zoeknaam import normaliseer_naam

BSN_DUBBEL = "Er bestaat al een persoon met dit BSN."


def schoon_bsn(waarde: str) -> str:
    """'1234.56.782' or '1234 56 782' → '123456782'."""
    return "".join(c for c in (waarde or "") if c not in " .-")


class BsnVeld(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "BSN")
        kwargs.setdefault("max_length", 13)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"})

    def to_python(self, value):
        return schoon_bsn(super().to_python(value))


class PostcodeVeld(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Postcode")
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault("validators", [validate_postcode])
        kwargs.setdefault("help_text", "Bijvoorbeeld 2181 AB.")
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "postal-code"})

    def to_python(self, value):
        return normalize_postcode(super().to_python(value))


class VersieForm(kt.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


# --- Zoeken --------------------------------------------------------------------------------------


class ZoekForm(kt.Form):
    """One form, three ways: BSN, name or address. Posted, so a BSN never lands in a URL."""

    BSN, NAAM, POSTCODE = "bsn", "naam", "postcode"

    bsn = BsnVeld(required=False, help_text="9 cijfers.")
    geslachtsnaam = forms.CharField(
        label="Geslachtsnaam (begin)", required=False, max_length=200, help_text="Minstens 2 letters; 'de Vries' mag ook."
    )
    voornaam = forms.CharField(label="Voornaam (begin)", required=False, max_length=200)
    geboortedatum = forms.DateField(label="Geboortedatum", required=False, widget=kt.DateInput)
    postcode = PostcodeVeld(required=False, help_text="Bijvoorbeeld 2181 AB.")
    huisnummer = forms.IntegerField(label="Huisnummer", required=False, min_value=1)

    def clean_bsn(self) -> str:
        waarde = self.cleaned_data["bsn"]
        if waarde:
            validate_bsn(waarde)
        return waarde

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        naamvelden = data.get("geslachtsnaam") or data.get("voornaam") or data.get("geboortedatum")
        adresvelden = data.get("postcode") or data.get("huisnummer")
        wijzen = [w for w, gevuld in ((self.BSN, data.get("bsn")), (self.NAAM, naamvelden), (self.POSTCODE, adresvelden)) if gevuld]
        if not wijzen:
            raise ValidationError("Vul een BSN, een geslachtsnaam of een postcode in.")
        if len(wijzen) > 1:
            raise ValidationError("Zoek op één manier tegelijk: op BSN, op naam of op adres.")
        data["zoekwijze"] = wijzen[0]
        if data["zoekwijze"] == self.NAAM and len(normaliseer_naam(data.get("geslachtsnaam", ""))) < 2:
            self.add_error("geslachtsnaam", "Vul minstens de eerste 2 letters van de geslachtsnaam in.")
        if data["zoekwijze"] == self.POSTCODE and not data.get("postcode"):
            self.add_error("postcode", "Vul bij een huisnummer ook de postcode in.")
        return data


# --- Persoon ---------------------------------------------------------------------------------------



class _PersoonBasis(kt.ModelForm):
    postcode = PostcodeVeld(required=False)

    class Meta:
        model = Persoon
        fields = PERSOON_VELDEN
        widgets = {"geboortedatum": kt.DateInput}
        labels = {
            "voornamen": "Voornamen",
            "voorvoegsel": "Voorvoegsel",
            "geslachtsnaam": "Geslachtsnaam",
            "geboortedatum": "Geboortedatum",
            "geslacht": "Geslacht",
            "straat": "Straat",
            "huisnummer": "Huisnummer",
            "huisletter": "Huisletter",
            "toevoeging": "Huisnummertoevoeging",
            "woonplaats": "Woonplaats",
            "telefoon": "Telefoonnummer",
            "email": "E-mailadres",
        }
        help_texts = {"voorvoegsel": "Bijvoorbeeld 'van der'.", "woonplaats": "Leeg: wordt afgeleid uit de postcode."}

    def clean_geboortedatum(self) -> date:
        datum = self.cleaned_data["geboortedatum"]
        if datum and datum > timezone.localdate():
            raise ValidationError("De geboortedatum ligt in de toekomst.")
        return datum

    def service_velden(self) -> dict:
        return {k: self.cleaned_data[k] for k in self._meta.fields}


class PersoonForm(_PersoonBasis):
    """Register a person. Gemeente and gebied follow from the postcode (in the service)."""

    bsn = BsnVeld(help_text="9 cijfers; wordt gecontroleerd met de elfproef.", error_messages={"unique": BSN_DUBBEL})

    class Meta(_PersoonBasis.Meta):
        fields = ["bsn", *PERSOON_VELDEN]

    def clean_bsn(self) -> str:
        waarde = self.cleaned_data["bsn"]
        validate_bsn(waarde)
        return waarde


class PersoonWijzigForm(_PersoonBasis):
    """Change a person's data (not the BSN); the version travels with the form."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def service_velden(self) -> dict:
        return {k: self.cleaned_data[k] for k in PERSOON_VELDEN}


class NieuwLidForm(kt.Form):
    """Shown with the person form when a new person is registered straight into a household."""

    rol = forms.ChoiceField(label="Rol in het huishouden", choices=LidRol.choices, initial=LidRol.PARTNER)
    begindatum = forms.DateField(label="Lid vanaf", widget=kt.DateInput)


class NieuwHuishoudenForm(kt.Form):
    naam = forms.CharField(label="Naam van het huishouden", required=False, max_length=200, help_text="Leeg: 'Huishouden' + achternaam.")
    begindatum = forms.DateField(label="Vanaf", widget=kt.DateInput)


# --- Huishouden ------------------------------------------------------------------------------------


class LidToevoegenForm(kt.Form):
    """Add an existing person, found by BSN (posted, never in a URL)."""

    bsn = BsnVeld(help_text="Het BSN van de persoon die erbij komt. Nog niet bekend? Registreer de persoon dan eerst.")
    rol = forms.ChoiceField(label="Rol in het huishouden", choices=LidRol.choices, initial=LidRol.PARTNER)
    begindatum = forms.DateField(label="Lid vanaf", widget=kt.DateInput)

    def clean_bsn(self) -> str:
        waarde = self.cleaned_data["bsn"]
        validate_bsn(waarde)
        self.persoon = Persoon.objects.filter(bsn=waarde).first()
        if self.persoon is None:
            raise ValidationError("Er is geen persoon met dit BSN bekend. Registreer de persoon eerst.")
        return waarde


class LidBeeindigenForm(kt.Form):
    einddatum = forms.DateField(
        label="Geen lid meer vanaf", widget=kt.DateInput, help_text="De eerste dag dat de persoon niet meer bij het huishouden hoort."
    )


class NetwerklidForm(kt.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    class Meta:
        model = Netwerklid
        fields = ["naam", "rol", "relatie", "voor_persoon", "taken", "uren_per_week", "overbelast", "telefoon", "email", "actief"]
        labels = {
            "naam": "Naam",
            "rol": "Rol",
            "relatie": "Relatie",
            "voor_persoon": "Voor wie",
            "taken": "Wat doet deze persoon",
            "uren_per_week": "Uren per week",
            "overbelast": "Mantelzorger is overbelast",
            "telefoon": "Telefoonnummer",
            "email": "E-mailadres",
            "actief": "Actief in het netwerk",
        }
        widgets = {"taken": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, huishouden: Huishouden, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.huishouden = huishouden
        leden = Persoon.objects.filter(lidmaatschappen__huishouden=huishouden).distinct().order_by("geboortedatum")
        self.fields["voor_persoon"].queryset = leden
        self.fields["voor_persoon"].empty_label = "Het hele huishouden"
        self.fields["voor_persoon"].label_from_instance = lambda p: p.naam
        self.fields["uren_per_week"].widget.attrs.setdefault("step", "0.5")
        # A change carries the version it was based on (optimistic locking); a new member has none yet.
        self.fields["version"].required = self.instance.pk is not None


class NoodtoegangForm(kt.Form):
    reden = forms.CharField(
        label="Waarom moet u dit dossier inzien?",
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Minstens 10 tekens. De reden wordt vastgelegd en gerapporteerd aan uw teamleider en functioneel beheer.",
        error_messages={
            "required": "Geef de reden waarom u dit dossier moet inzien.",
            "min_length": "Geef een duidelijke reden (minstens 10 tekens) waarom u dit dossier moet inzien.",
        },
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False)
