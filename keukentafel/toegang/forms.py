"""Forms of the access flow. They validate input; the services decide and change state."""

from __future__ import annotations

import re
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from keukentafel.accounts.models import Medewerker, Rol
from keukentafel.beleid.models import Leefgebied, Zelfredzaamheid
from keukentafel.forms import DateInput, DateTimeInput, Form
from keukentafel.inwoners.models import PERSOON_VELDEN, Geslacht, Huishouden, Persoon
from keukentafel.inwoners.validators import normalize_postcode, validate_bsn, validate_postcode

from .models import Gespreksplaats, Kanaal, MelderType, TriageUitkomst, Urgentie, Vindplaats, Voorliggend, Vraagtype


class _Voorbereiding(forms.Form):
    """Hook that runs right after Django built the fields: fields that depend on the object (querysets,
    one row per leefgebied) are set up in `voorbereiden`, before anything validates or renders."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.voorbereiden()

    def voorbereiden(self) -> None:
        pass


class ToegangForm(Form, _Voorbereiding):
    """Base of the forms in this app (keukentafel.forms.Form + the preparation hook).

    Required fields carry `aria-required` instead of the HTML `required` attribute: the forms are validated
    on the server (with Dutch messages), and `:invalid` styling would mark empty fields red before any input.
    """

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            if f.required and not isinstance(f.widget, forms.HiddenInput):
                f.widget.attrs["aria-required"] = "true"
            if isinstance(f.widget, forms.CheckboxSelectMultiple):
                f.widget.attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"
            elif isinstance(f.widget, forms.RadioSelect):
                f.widget.attrs["class"] = "utrecht-radio-button utrecht-radio-button--html-input"

    def zet_fouten(self, exc: ValidationError) -> None:
        """Put a service's ValidationError on the matching fields (others on the form as a whole)."""
        if hasattr(exc, "error_dict"):
            for veld, fouten in exc.error_dict.items():
                doel = veld if veld in self.fields else None
                for fout in fouten:
                    self.add_error(doel, fout)
        else:
            self.add_error(None, exc)


class JaNeeOnbekend(forms.NullBooleanSelect):
    """Django's NullBooleanSelect with fixed Dutch labels (independent of the browser's language)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "Onbekend"), ("true", "Ja"), ("false", "Nee")]


def _medewerker_label(m: Medewerker) -> str:
    return f"{m} ({m.team})" if m.team_id else str(m)


class BehandelaarKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Medewerker) -> str:
        return _medewerker_label(obj)


def behandelaars(gemeente_id: int):
    """Generalists and team leaders of the gebiedsteams of one gemeente: who can take a melding."""
    return (
        Medewerker.objects.filter(is_active=True, rol__in=[Rol.GENERALIST, Rol.TEAMLEIDER], team__gebied__gemeente_id=gemeente_id)
        .select_related("team")
        .order_by("team__naam", "last_name", "first_name", "username")
    )


# ---------------------------------------------------------------------------------------------------
# Nieuwe melding
# ---------------------------------------------------------------------------------------------------



class MeldingForm(ToegangForm):
    ontvangen_op = forms.DateTimeField(
        label="Ontvangen op",
        widget=DateTimeInput,
        help_text="Datum en tijd waarop de vraag of het signaal binnenkwam. Hier begint de wettelijke termijn.",
    )
    kanaal = forms.ChoiceField(label="Kanaal", choices=Kanaal.choices)
    melder_type = forms.ChoiceField(label="Wie meldt?", choices=MelderType.choices, widget=forms.RadioSelect, initial=MelderType.INWONER)
    vindplaats = forms.ChoiceField(
        label="Vindplaats",
        choices=[("", "Geen / niet van toepassing")] + Vindplaats.choices,
        required=False,
        help_text="Waar het signaal vandaan komt, bijvoorbeeld de huisarts of de school.",
    )
    melder_naam = forms.CharField(label="Naam van de melder", max_length=200, required=False)
    melder_organisatie = forms.CharField(label="Organisatie van de melder", max_length=200, required=False)
    melder_contact = forms.CharField(label="Telefoon of e-mail van de melder", max_length=200, required=False)
    client_op_de_hoogte = forms.NullBooleanField(
        label="Is de inwoner op de hoogte van deze melding?",
        required=False,
        widget=JaNeeOnbekend,
    )

    bsn = forms.CharField(
        label="BSN van de inwoner",
        max_length=12,
        error_messages={"required": "Vul het BSN van de inwoner in. Zonder BSN kunt u alleen een anoniem signaal vastleggen."},
        help_text="Is dit BSN al bekend, dan wordt de melding aan die persoon en zijn of haar huishouden gekoppeld.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    voornamen = forms.CharField(label="Voornamen", max_length=200, required=False)
    voorvoegsel = forms.CharField(label="Voorvoegsel", max_length=10, required=False)
    geslachtsnaam = forms.CharField(label="Achternaam", max_length=200, required=False)
    geboortedatum = forms.DateField(label="Geboortedatum", widget=DateInput, required=False)
    geslacht = forms.ChoiceField(label="Geslacht", choices=Geslacht.choices, initial=Geslacht.ONBEKEND, required=False)
    straat = forms.CharField(label="Straat", max_length=80, required=False)
    huisnummer = forms.IntegerField(label="Huisnummer", min_value=1, required=False)
    huisletter = forms.CharField(label="Huisletter", max_length=1, required=False)
    toevoeging = forms.CharField(label="Toevoeging", max_length=4, required=False)
    postcode = forms.CharField(
        label="Postcode", max_length=7, required=False, widget=forms.TextInput(attrs={"autocomplete": "postal-code"})
    )
    woonplaats = forms.CharField(label="Woonplaats", max_length=80, required=False)
    telefoon = forms.CharField(label="Telefoon", max_length=20, required=False, widget=forms.TextInput(attrs={"type": "tel"}))
    email = forms.EmailField(label="E-mail", required=False)

    vraag = forms.CharField(label="Vraag of signaal", widget=forms.Textarea(attrs={"rows": 5}))
    leefgebieden = forms.ModelMultipleChoiceField(
        label="Welke leefgebieden raakt de vraag?",
        queryset=Leefgebied.objects.filter(actief=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    urgentie = forms.ChoiceField(label="Urgentie", choices=Urgentie.choices, initial=Urgentie.NORMAAL)
    vraagtype = forms.ChoiceField(label="Soort vraag", choices=[("", "Nog niet bepaald")] + Vraagtype.choices, required=False)

    bestaande_persoon: Persoon | None = None

    def voorbereiden(self) -> None:
        if self.is_bound and self.data.get(self.add_prefix("melder_type")) == MelderType.ANONIEM:
            self.fields["bsn"].required = False  # an anonymous signal has no person
        for naam, maat in (("huisnummer", "number"), ("huisletter", "letter"), ("toevoeging", "addition"), ("postcode", None)):
            extra = f"utrecht-textbox--house-{maat}-size" if maat else "utrecht-textbox--postal-code-nl-size"
            self.fields[naam].widget.attrs["class"] = f"utrecht-textbox utrecht-textbox--html-input {extra}"

    def clean_bsn(self) -> str:
        waarde = re.sub(r"[\s.]", "", self.cleaned_data.get("bsn") or "")
        if waarde:
            validate_bsn(waarde)
            self.bestaande_persoon = Persoon.objects.filter(bsn=waarde).first()
        return waarde

    def clean_postcode(self) -> str:
        waarde = normalize_postcode(self.cleaned_data.get("postcode") or "")
        if waarde:
            validate_postcode(waarde)
        return waarde

    def clean_ontvangen_op(self):
        waarde = self.cleaned_data["ontvangen_op"]
        if waarde > timezone.now() + timedelta(minutes=5):
            raise ValidationError("De ontvangstdatum kan niet in de toekomst liggen.")
        return waarde

    def clean_geboortedatum(self):
        waarde = self.cleaned_data.get("geboortedatum")
        if waarde and waarde > timezone.localdate():
            raise ValidationError("De geboortedatum kan niet in de toekomst liggen.")
        return waarde

    def clean(self):
        data = super().clean()
        melder_type = data.get("melder_type")
        if melder_type == MelderType.ANONIEM:
            if data.get("bsn") or self.errors.get("bsn") or any(data.get(v) for v in PERSOON_VELDEN if v != "geslacht"):
                self.add_error(
                    "bsn",
                    "Een anoniem signaal wordt niet aan een persoon gekoppeld. Laat het BSN en de persoonsgegevens leeg, "
                    "of kies wie er meldt.",
                )
            if data.get("melder_naam") or data.get("melder_contact"):
                self.add_error("melder_naam", "Bij een anoniem signaal worden geen naam- of contactgegevens van de melder vastgelegd.")
        elif melder_type:
            if not data.get("bsn") and "bsn" not in self.errors:
                self.add_error("bsn", "Vul het BSN van de inwoner in. Zonder BSN kunt u alleen een anoniem signaal vastleggen.")
            elif data.get("bsn") and self.bestaande_persoon is None:
                for veld, tekst in (
                    ("voornamen", "de voornamen"),
                    ("geslachtsnaam", "de achternaam"),
                    ("geboortedatum", "de geboortedatum"),
                ):
                    if not data.get(veld) and veld not in self.errors:
                        self.add_error(veld, f"Dit BSN is nog niet bekend: vul {tekst} in om de inwoner te registreren.")
            if melder_type in (MelderType.VERTEGENWOORDIGER, MelderType.PROFESSIONAL) and not data.get("melder_naam"):
                self.add_error("melder_naam", "Vul de naam van de melder in.")
            if melder_type == MelderType.PROFESSIONAL and not data.get("vindplaats"):
                self.add_error("vindplaats", "Kies de vindplaats van de professional die meldt.")
        if data.get("kanaal") == Kanaal.VINDPLAATS and not data.get("vindplaats") and "vindplaats" not in self.errors:
            self.add_error("vindplaats", "Kies de vindplaats waar het signaal vandaan komt.")
        return data

    def persoonsgegevens_ingevuld(self) -> bool:
        return any(self.cleaned_data.get(v) for v in PERSOON_VELDEN if v != "geslacht")

    def service_kwargs(self) -> dict:
        """Arguments for `services.registreer_melding_met_inwoner`."""
        d = self.cleaned_data
        anoniem = d["melder_type"] == MelderType.ANONIEM
        client_op_de_hoogte = d.get("client_op_de_hoogte")
        if d["melder_type"] == MelderType.INWONER:
            client_op_de_hoogte = True
        kwargs = {
            "ontvangen_op": d["ontvangen_op"],
            "kanaal": d["kanaal"],
            "melder_type": d["melder_type"],
            "vindplaats": d.get("vindplaats") or "",
            "melder_naam": d.get("melder_naam") or "",
            "melder_organisatie": d.get("melder_organisatie") or "",
            "melder_contact": d.get("melder_contact") or "",
            "client_op_de_hoogte": None if anoniem else client_op_de_hoogte,
            "vraag": d["vraag"],
            "leefgebieden": list(d.get("leefgebieden") or []),
            "urgentie": d["urgentie"],
            "vraagtype": d.get("vraagtype") or "",
        }
        if anoniem:
            return kwargs
        if self.bestaande_persoon is not None:
            kwargs["persoon"] = self.bestaande_persoon
        else:
            nieuw = {v: d.get(v) for v in PERSOON_VELDEN}
            nieuw = {k: ("" if v is None and k not in ("huisnummer", "geboortedatum") else v) for k, v in nieuw.items()}
            nieuw["geslacht"] = nieuw["geslacht"] or Geslacht.ONBEKEND
            nieuw["bsn"] = d["bsn"]
            kwargs["nieuwe_persoon"] = nieuw
        return kwargs


# ---------------------------------------------------------------------------------------------------
# Melding: triage, toewijzen, onderzoek starten, verwerken in casus
# ---------------------------------------------------------------------------------------------------


class _MeldingForm(ToegangForm):
    def __init__(self, *args, melding, **kwargs):
        self.melding = melding
        super().__init__(*args, **kwargs)


class TriageForm(_MeldingForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    uitkomst = forms.ChoiceField(label="Uitkomst van de triage", choices=TriageUitkomst.choices, widget=forms.RadioSelect)
    vraagtype = forms.ChoiceField(label="Soort vraag", choices=[("", "Nog niet bepaald")] + Vraagtype.choices, required=False)
    toelichting = forms.CharField(
        label="Toelichting",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Bij ‘direct beantwoord’ verplicht: welk advies of welke algemene voorziening is gegeven.",
    )
    toewijzen_aan = BehandelaarKeuze(
        label="Toewijzen aan",
        queryset=Medewerker.objects.none(),
        required=False,
        empty_label="Nog niet toewijzen",
        help_text="Bij ‘acuut’ verplicht: een generalist pakt de melding direct op.",
    )
    voorliggend = forms.ChoiceField(
        label="Voorliggende voorziening", choices=[("", "Niet van toepassing")] + Voorliggend.choices, required=False
    )
    doorverwezen_naar = forms.CharField(
        label="Doorverwezen naar",
        max_length=200,
        required=False,
        help_text="Bij ‘voorliggend elders’ verplicht, bijvoorbeeld de huisarts, het CIZ of de zorgverzekeraar.",
    )

    def voorbereiden(self) -> None:
        self.fields["toewijzen_aan"].queryset = behandelaars(self.melding.gemeente_id)
        if not self.is_bound:
            self.initial.setdefault("vraagtype", self.melding.vraagtype)


class ToewijzenForm(_MeldingForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    medewerker = BehandelaarKeuze(label="Toewijzen aan", queryset=Medewerker.objects.none(), empty_label="Kies een medewerker")

    def voorbereiden(self) -> None:
        self.fields["medewerker"].queryset = behandelaars(self.melding.gemeente_id)


class OnderzoekStartenForm(_MeldingForm):
    behandelaar = BehandelaarKeuze(
        label="Behandelaar van het onderzoek",
        queryset=Medewerker.objects.none(),
        required=False,
        empty_label="De toegewezen medewerker (of ikzelf)",
    )

    def voorbereiden(self) -> None:
        self.fields["behandelaar"].queryset = behandelaars(self.melding.gemeente_id)


class VerwerkenForm(_MeldingForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    toelichting = forms.CharField(
        label="Wat gebeurt er met deze melding in de lopende casus?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Leg vast wat er met deze melding in de lopende casus gebeurt."},
    )


# ---------------------------------------------------------------------------------------------------
# Onderzoek
# ---------------------------------------------------------------------------------------------------


class OpschortenForm(ToegangForm):
    reden = forms.CharField(
        label="Reden van de opschorting", max_length=300, error_messages={"required": "Geef de reden van de opschorting."}
    )
    van = forms.DateField(label="Opgeschort vanaf", widget=DateInput)


class OpschortingEindeForm(ToegangForm):
    tot = forms.DateField(label="Opschorting beëindigd per", widget=DateInput)


class GesprekPlannenForm(ToegangForm):
    gepland_op = forms.DateTimeField(label="Datum en tijd", widget=DateTimeInput)
    plaats = forms.ChoiceField(label="Plaats", choices=Gespreksplaats.choices, initial=Gespreksplaats.THUIS)
    plaats_toelichting = forms.CharField(label="Adres of toelichting bij de plaats", max_length=200, required=False)
    leden = forms.MultipleChoiceField(label="Deelnemers uit het huishouden", widget=forms.CheckboxSelectMultiple, required=False)
    netwerk = forms.MultipleChoiceField(label="Deelnemers uit het netwerk", widget=forms.CheckboxSelectMultiple, required=False)
    clientondersteuner_aanwezig = forms.BooleanField(label="Een onafhankelijke cliëntondersteuner is aanwezig", required=False)
    tolk_aanwezig = forms.BooleanField(label="Een tolk is aanwezig", required=False)
    overige_deelnemers = forms.CharField(
        label="Overige deelnemers", max_length=500, required=False, help_text="Bijvoorbeeld de naam van de cliëntondersteuner of tolk."
    )

    def __init__(self, *args, huishouden: Huishouden, **kwargs):
        self.huishouden = huishouden
        super().__init__(*args, **kwargs)

    def voorbereiden(self) -> None:
        self._leden = {str(lid.persoon_id): f"{lid.persoon.naam} ({lid.get_rol_display().lower()})" for lid in self.huishouden.leden_op()}
        self._netwerk = {
            str(n.pk): f"{n.naam} ({n.get_rol_display().lower()})" for n in self.huishouden.netwerk.filter(actief=True).order_by("naam")
        }
        self.fields["leden"].choices = list(self._leden.items())
        self.fields["netwerk"].choices = list(self._netwerk.items())
        if not self.is_bound:
            self.initial.setdefault("leden", list(self._leden))

    def clean_gepland_op(self):
        waarde = self.cleaned_data["gepland_op"]
        if waarde < timezone.now() - timedelta(days=365):
            raise ValidationError("Deze datum ligt meer dan een jaar terug; controleer de datum.")
        return waarde

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        namen = [self._leden[k] for k in d["leden"]] + [self._netwerk[k] for k in d["netwerk"]]
        if d.get("overige_deelnemers"):
            namen.append(d["overige_deelnemers"])
        return {
            "gepland_op": d["gepland_op"],
            "plaats": d["plaats"],
            "plaats_toelichting": d.get("plaats_toelichting") or "",
            "deelnemers": "; ".join(namen),
            "clientondersteuner_aanwezig": d["clientondersteuner_aanwezig"],
            "tolk_aanwezig": d["tolk_aanwezig"],
        }


class AfrondenForm(ToegangForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    conclusie = forms.CharField(
        label="Conclusie van het onderzoek",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Leg de conclusie van het onderzoek vast."},
    )


# ---------------------------------------------------------------------------------------------------
# Gesprek: verslag per leefgebied
# ---------------------------------------------------------------------------------------------------

SCOREKEUZES = [("", "Geen score")] + [(str(w), label) for w, label in Zelfredzaamheid.choices]


class GesprekVastleggenForm(ToegangForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    gehouden_op = forms.DateTimeField(label="Gehouden op", widget=DateTimeInput)
    deelnemers = forms.CharField(label="Deelnemers", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    clientondersteuner_aanwezig = forms.BooleanField(label="Een onafhankelijke cliëntondersteuner was aanwezig", required=False)
    tolk_aanwezig = forms.BooleanField(label="Een tolk was aanwezig", required=False)
    gewezen_op_clientondersteuning = forms.BooleanField(  # required by the service (the rule lives there)
        label="De inwoner is gewezen op het recht op gratis onafhankelijke cliëntondersteuning (verplicht)",
        required=False,
        widget=forms.CheckboxInput(attrs={"aria-required": "true"}),
    )
    samenvatting = forms.CharField(label="Samenvatting van het gesprek", widget=forms.Textarea(attrs={"rows": 5}), required=False)

    def __init__(self, *args, leefgebieden: list[Leefgebied], **kwargs):
        self.leefgebieden = leefgebieden
        super().__init__(*args, **kwargs)

    def voorbereiden(self) -> None:
        for lg in self.leefgebieden:
            self.fields[f"lg{lg.pk}_bevindingen"] = forms.CharField(
                label=f"Bevindingen {lg.naam.lower()}", widget=forms.Textarea(attrs={"rows": 2}), required=False
            )
            self.fields[f"lg{lg.pk}_score"] = forms.TypedChoiceField(
                label=f"Zelfredzaamheid {lg.naam.lower()}", choices=SCOREKEUZES, coerce=int, empty_value=None, required=False
            )

    def rijen(self):
        """(leefgebied, bevindingen-veld, score-veld) per active leefgebied, in order."""
        return [(lg, self[f"lg{lg.pk}_bevindingen"], self[f"lg{lg.pk}_score"]) for lg in self.leefgebieden]

    def bevindingen(self):
        from .services import Bevinding

        return [
            Bevinding(
                leefgebied=lg,
                bevindingen=self.cleaned_data.get(f"lg{lg.pk}_bevindingen") or "",
                score=self.cleaned_data.get(f"lg{lg.pk}_score"),
            )
            for lg in self.leefgebieden
        ]

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "verwachte_versie": d["version"],
            "gehouden_op": d["gehouden_op"],
            "bevindingen": self.bevindingen(),
            "deelnemers": d.get("deelnemers") or "",
            "clientondersteuner_aanwezig": d["clientondersteuner_aanwezig"],
            "tolk_aanwezig": d["tolk_aanwezig"],
            "gewezen_op_clientondersteuning": d["gewezen_op_clientondersteuning"],
            "samenvatting": d.get("samenvatting") or "",
        }


class OpmerkingInwonerForm(ToegangForm):
    opmerkingen = forms.CharField(
        label="Opmerkingen van de inwoner op het verslag",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Vul de opmerkingen van de inwoner in."},
        help_text="Letterlijk zoals de inwoner ze geeft; ze worden aan het verslag toegevoegd en niet overschreven.",
    )
