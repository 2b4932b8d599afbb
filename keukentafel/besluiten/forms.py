"""Forms of the generalist's besluiten pages. They parse and check input; `besluitvorming`, `services`,
`regels` and `rechtsbescherming` decide. A refused grant (Regelovertreding) comes back on the form with
each rule's Dutch text next to the field it is about, so the error summary links to it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from keukentafel import forms as kt
from keukentafel.aanbod.models import Aanbieder, Product
from keukentafel.codelijsten import REDEN_WIJZIGING_VERVALLEN, Eenheid, Frequentie, RedenWijziging, redenen_beeindiging
from keukentafel.inwoners.models import Persoon
from keukentafel.plannen.models import Actie

from .models import (
    Aanvraag,
    Beschikking,
    Besluit,
    BezwaarRoute,
    BezwaarUitkomst,
    KlachtOver,
    Leveringsvorm,
    Verwijzing,
)
from .regels import Pgbgegevens, Pvbgegevens, Toekenningsverzoek, euro

#: Rule code (regels.py) → the form field the rule is about; other rules go to the top of the form.
REGEL_VELDEN = {
    "leveringsvorm": "leveringsvorm",
    "omvang": "omvang",
    "maximale_omvang": "omvang",
    "frequentie": "frequentie",
    "periode": "einddatum",
    "einddatum_verplicht": "einddatum",
    "aanbieder_verplicht": "aanbieder",
    "aanbieder_inactief": "aanbieder",
    "kwaliteitsbewijs_verlopen": "aanbieder",
    "geen_contract": "aanbieder",
    "pgb_zonder_aanbieder": "aanbieder",
    "pvb_regie": "regievaardig",
    "pgb_niet_voor_product": "leveringsvorm",
    "pgb_jeugdmaatregel": "leveringsvorm",
    "pgb_persoonlijk_plan": "persoonlijk_plan",
    "pgb_motivering": "motivering_geen_zin",
    "pgb_budgetvaardig": "budgetvaardig",
    "pgb_sociaal_netwerk": "uitzondering_sociaal_netwerk",
    "pgb_tarief": "pgb_tarief",
    "pgb_boven_maximum": "pgb_tarief",
}


def zet_fouten(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's refusal on the form: per field where the form has it, else at the top."""
    if hasattr(exc, "error_dict"):
        for veld, fouten in exc.error_dict.items():
            for fout in fouten:
                form.add_error(veld if veld in form.fields else None, fout)
        return
    for fout in exc.error_list:
        veld = REGEL_VELDEN.get(fout.code or "")
        form.add_error(veld if veld in form.fields else None, fout)


def cent_als_tekst(cent: int | None) -> str:
    """5250 → "52,50": how an amount in cents is put back in a euro text field."""
    return "" if cent is None else f"{cent / 100:.2f}".replace(".", ",")


class EuroVeld(forms.CharField):
    """An amount in euro as people type it ("52,50", "€ 1.052,50", "52.50"); cleaned to integer cents."""

    default_error_messages = {"ongeldig": "Vul een bedrag in euro in, bijvoorbeeld 52,50."}

    def to_python(self, value) -> int | None:
        tekst = (super().to_python(value) or "").replace("€", "").replace(" ", "").replace("\u00a0", "")
        if not tekst:
            return None
        if "," in tekst:
            tekst = tekst.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"\d{1,3}(\.\d{3})+", tekst):
            tekst = tekst.replace(".", "")
        if not re.fullmatch(r"\d+(\.\d{1,2})?", tekst):
            raise ValidationError(self.error_messages["ongeldig"], code="ongeldig")
        return int(Decimal(tekst) * 100)


class PersoonKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Persoon) -> str:
        return obj.naam


class BesluitenForm(kt.Form):
    """Base: server-side validation only (novalidate forms), required fields marked with aria-required."""

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            if f.required and not isinstance(f.widget, forms.HiddenInput):
                f.widget.attrs["aria-required"] = "true"
            if isinstance(f.widget, forms.RadioSelect):
                f.widget.attrs["class"] = "utrecht-radio-button utrecht-radio-button--html-input"


class VersieForm(BesluitenForm):
    """Optimistic locking: the version the user saw travels with the form."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def _leden(huishouden, op: date):
    return Persoon.objects.filter(pk__in=huishouden.leden_op(op).values("persoon_id")).order_by("geboortedatum")


def _standaard_persoon(actie: Actie, leden) -> int | None:
    if actie.doel.persoon_id and leden.filter(pk=actie.doel.persoon_id).exists():
        return actie.doel.persoon_id
    eerste = leden.first()
    return eerste.pk if eerste else None


def _standaard_einde(actie: Actie, begin: date) -> date:
    """The action's end, or a year: maatwerk is granted for a period and re-assessed (seed Nijmegen)."""
    if actie.tot and actie.tot >= begin:
        return actie.tot
    return begin + timedelta(days=364)


class AanbiederKeuze(forms.ModelChoiceField):
    """Contracted providers, each with its tariff per unit, so the choice shows what it costs."""

    def __init__(self, *args, tarieven: dict[Aanbieder, int] | None = None, eenheid: str = "", **kwargs):
        self.tarieven = tarieven or {}
        self.eenheid = eenheid
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Aanbieder) -> str:
        tarief = self.tarieven.get(obj)
        return f"{obj.naam} ({euro(tarief)} per {self.eenheid})" if tarief is not None else obj.naam


def _aanbieder_veld(tarieven: dict[Aanbieder, int], product: Product, **kwargs) -> AanbiederKeuze:
    return AanbiederKeuze(
        queryset=Aanbieder.objects.filter(pk__in=[a.pk for a in tarieven]).order_by("naam"),
        tarieven=tarieven,
        eenheid=product.get_eenheid_display().lower(),
        label="Aanbieder",
        help_text="Alleen aanbieders met een geldig contract en tarief voor dit product in deze gemeente.",
        **kwargs,
    )


# --- route: verwijzing or aanvraag -------------------------------------------------------------------


class VerwijzingForm(BesluitenForm):
    persoon = PersoonKeuze(queryset=Persoon.objects.none(), label="Voor wie")
    aanbieder = AanbiederKeuze(queryset=Aanbieder.objects.none())
    omvang = forms.IntegerField(label="Omvang", min_value=1)
    eenheid = forms.ChoiceField(label="Eenheid", choices=Eenheid.choices)
    frequentie = forms.ChoiceField(label="Frequentie", choices=Frequentie.choices)
    begindatum = forms.DateField(label="Begindatum", widget=kt.DateInput)
    einddatum = forms.DateField(label="Einddatum", widget=kt.DateInput)
    hulpvraag = forms.CharField(
        label="Hulpvraag en afspraken",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="De verwijsbrief is ook de intake voor de aanbieder: wat is de vraag, wat is afgesproken.",
    )

    def __init__(self, *args, actie: Actie, huishouden, tarieven: dict[Aanbieder, int], op: date, **kwargs):
        product = actie.product
        leden = _leden(huishouden, op)
        begin = max(op, actie.van)
        kwargs.setdefault(
            "initial",
            {
                "persoon": _standaard_persoon(actie, leden),
                "eenheid": product.eenheid,
                "frequentie": product.frequentie,
                "begindatum": begin,
                "einddatum": _standaard_einde(actie, begin),
                "hulpvraag": actie.omschrijving,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = leden
        self.fields["aanbieder"] = _aanbieder_veld(tarieven, product)
        self.fields["aanbieder"].widget.attrs["class"] = "utrecht-select utrecht-select--html-select"
        self.fields["aanbieder"].widget.attrs["aria-required"] = "true"
        self.fields["aanbieder"].empty_label = "Kies een aanbieder"
        self.order_fields(["persoon", "aanbieder", "omvang", "eenheid", "frequentie", "begindatum", "einddatum", "hulpvraag"])


class AanvraagForm(BesluitenForm):
    persoon = PersoonKeuze(queryset=Persoon.objects.none(), label="Voor wie")
    leveringsvorm = forms.ChoiceField(label="Gevraagde leveringsvorm", choices=Leveringsvorm.choices, initial=Leveringsvorm.ZIN)
    omvang = forms.IntegerField(label="Gevraagde omvang", min_value=1)
    frequentie = forms.ChoiceField(label="Frequentie", choices=Frequentie.choices)
    ontvangen_op = forms.DateField(label="Datum aanvraag", widget=kt.DateInput, help_text="De beslistermijn loopt vanaf deze datum.")
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    op_verzoek_bij_verschil_van_mening = forms.BooleanField(
        label="Beschikking op verzoek van de inwoner bij verschil van mening",
        required=False,
        help_text="Aanvinken als een verwijzing mogelijk is, maar de inwoner een beschikking wil omdat u het niet eens wordt.",
    )

    def __init__(self, *args, actie: Actie, huishouden, op: date, **kwargs):
        leden = _leden(huishouden, op)
        kwargs.setdefault(
            "initial", {"persoon": _standaard_persoon(actie, leden), "frequentie": actie.product.frequentie, "ontvangen_op": op}
        )
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = leden
        eenheid = actie.product.get_eenheid_display().lower()
        self.fields["omvang"].help_text = f"In de eenheid van het product: {eenheid}."


# --- besluit on an aanvraag --------------------------------------------------------------------------

TOEKENNEN = (Besluit.TOEKENNING, Besluit.GEDEELTELIJKE_TOEKENNING)


class BesluitForm(VersieForm):
    besluit = forms.ChoiceField(label="Besluit", choices=Besluit.choices, widget=forms.RadioSelect)
    motivering = forms.CharField(
        label="Motivering",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Waarom dit besluit: de situatie, wat het onderzoek uitwees en waarom dit passend is. Komt in de beschikking.",
    )
    grondslag = forms.CharField(label="Grondslag", required=False, max_length=300)
    leveringsvorm = forms.ChoiceField(label="Leveringsvorm", choices=Leveringsvorm.choices, required=False, widget=forms.RadioSelect)
    aanbieder = AanbiederKeuze(queryset=Aanbieder.objects.none(), required=False)
    omvang = forms.IntegerField(label="Omvang", min_value=1, required=False)
    frequentie = forms.ChoiceField(label="Frequentie", choices=[("", "Kies een frequentie"), *Frequentie.choices], required=False)
    begindatum = forms.DateField(label="Begindatum", widget=kt.DateInput, required=False)
    einddatum = forms.DateField(label="Einddatum", widget=kt.DateInput, required=False, help_text="Leeg: voor onbepaalde tijd.")
    persoonlijk_plan = forms.CharField(
        label="Persoonlijk plan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Wat koopt de inwoner met het budget in, en bij wie.",
    )
    motivering_geen_zin = forms.CharField(
        label="Waarom zorg in natura niet passend is", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    budgetvaardig = forms.BooleanField(label="De inwoner is budgetvaardig (uitkomst van de toets)", required=False)
    budgetbeheerder = forms.CharField(
        label="Budgetbeheerder",
        required=False,
        max_length=200,
        help_text="Vertegenwoordiger die het budget beheert als de inwoner dat niet zelf kan.",
    )
    pgb_tarief = EuroVeld(
        label="Pgb-tarief in euro", required=False, widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    )
    sociaal_netwerk_betaald = forms.BooleanField(label="Het sociaal netwerk of een mantelzorger wordt uit het pgb betaald", required=False)
    uitzondering_sociaal_netwerk = forms.CharField(
        label="Reden van de uitzondering",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Uitgangspunt is dat mantelzorg niet uit het pgb wordt betaald; leg vast waarom het hier wel mag.",
    )
    regievaardig = forms.BooleanField(label="De inwoner kan zelf de regie voeren (uitkomst van de toets)", required=False)
    vertegenwoordiger = forms.CharField(label="Vertegenwoordiger die de regie voert", required=False, max_length=200)
    vertegenwoordiger_is_organisatie = forms.BooleanField(label="De vertegenwoordiger is een professionele organisatie", required=False)

    def __init__(self, *args, aanvraag: Aanvraag, tarieven: dict[Aanbieder, int], op: date, standaard_grondslag: str = "", **kwargs):
        self.aanvraag = aanvraag
        product = aanvraag.product
        begin = max(op, aanvraag.ontvangen_op)
        kwargs.setdefault(
            "initial",
            {
                "version": aanvraag.version,
                "leveringsvorm": aanvraag.leveringsvorm,
                "omvang": aanvraag.omvang,
                "frequentie": aanvraag.frequentie,
                "begindatum": begin,
                "einddatum": _standaard_einde(aanvraag.actie, begin) if aanvraag.actie else None,
            },
        )
        super().__init__(*args, **kwargs)
        eenheid = product.get_eenheid_display().lower()
        self.fields["aanbieder"] = _aanbieder_veld(tarieven, product, required=False)
        self.fields["aanbieder"].empty_label = "Kies een aanbieder"
        self.fields["aanbieder"].widget.attrs["class"] = "utrecht-select utrecht-select--html-select"
        self.fields[
            "omvang"
        ].help_text = f"Aantal × {eenheid}; gevraagd: {aanvraag.omvang} {eenheid} {aanvraag.get_frequentie_display().lower()}."
        self.fields["pgb_tarief"].label = f"Pgb-tarief per {eenheid} in euro"
        if standaard_grondslag:
            self.fields["grondslag"].help_text = f"Leeg laten: {standaard_grondslag}."
        for naam in self.VOORWAARDELIJK:
            self.fields[naam].voorwaardelijk = True  # besluiten/_veld.html: no "(niet verplicht)" on these
        self.order_fields(list(self.declared_fields))

    #: Needed for a (partial) grant, or for one leveringsvorm: `clean` and the grant rules ask for them when they apply.
    VOORWAARDELIJK = (
        "leveringsvorm",
        "aanbieder",
        "omvang",
        "frequentie",
        "begindatum",
        "persoonlijk_plan",
        "motivering_geen_zin",
        "pgb_tarief",
        "uitzondering_sociaal_netwerk",
    )

    def clean(self):
        data = super().clean()
        if data.get("besluit") not in TOEKENNEN:
            return data
        for veld, tekst in (
            ("leveringsvorm", "Kies de leveringsvorm van wat wordt toegekend."),
            ("omvang", "Vul de omvang in die wordt toegekend."),
            ("frequentie", "Kies de frequentie."),
            ("begindatum", "Vul de begindatum in."),
        ):
            if data.get(veld) in (None, "") and veld not in self.errors:
                self.add_error(veld, tekst)
        if (
            data.get("leveringsvorm") in (Leveringsvorm.ZIN, Leveringsvorm.PVB)
            and data.get("aanbieder") is None
            and "aanbieder" not in self.errors
        ):
            self.add_error("aanbieder", "Kies een gecontracteerde aanbieder.")
        return data

    def verzoek(self) -> Toekenningsverzoek | None:
        """What to grant, from a valid form; None for a refusal (afwijzing)."""
        d = self.cleaned_data
        if d["besluit"] not in TOEKENNEN:
            return None
        vorm = d["leveringsvorm"]
        a = self.aanvraag
        verzoek = Toekenningsverzoek(
            persoon=a.persoon,
            product=a.product,
            leveringsvorm=vorm,
            omvang=d["omvang"],
            eenheid=a.eenheid,
            frequentie=d["frequentie"],
            begindatum=d["begindatum"],
            einddatum=d["einddatum"],
            aanbieder=None if vorm == Leveringsvorm.PGB else d["aanbieder"],
        )
        if vorm == Leveringsvorm.PGB:
            verzoek.pgb = Pgbgegevens(
                persoonlijk_plan=d["persoonlijk_plan"],
                motivering_geen_zin=d["motivering_geen_zin"],
                budgetvaardig=d["budgetvaardig"],
                pgb_tarief_cent=d["pgb_tarief"] or 0,
                budgetbeheerder=d["budgetbeheerder"],
                sociaal_netwerk_betaald=d["sociaal_netwerk_betaald"],
                uitzondering_sociaal_netwerk=d["uitzondering_sociaal_netwerk"],
            )
        elif vorm == Leveringsvorm.PVB:
            verzoek.pvb = Pvbgegevens(
                regievaardig=d["regievaardig"],
                vertegenwoordiger=d["vertegenwoordiger"],
                vertegenwoordiger_is_organisatie=d["vertegenwoordiger_is_organisatie"],
            )
        return verzoek


class AanvraagIntrekkenForm(VersieForm):
    reden = forms.CharField(label="Reden van intrekking", widget=forms.Textarea(attrs={"rows": 2}))


# --- verwijzing: signatures --------------------------------------------------------------------------


class OndertekeningForm(BesluitenForm):
    """Only the parties that have not signed yet get fields; a signature once given does not change."""

    inwoner_op = forms.DateField(label="Inwoner tekende op", required=False, widget=kt.DateInput)
    inwoner_door = forms.CharField(label="Naam inwoner of wettelijk vertegenwoordiger", required=False, max_length=200)
    generalist_op = forms.DateField(label="Generalist tekende op", required=False, widget=kt.DateInput)
    aanbieder_op = forms.DateField(label="Aanbieder tekende op", required=False, widget=kt.DateInput)
    aanbieder_door = forms.CharField(label="Naam namens de aanbieder", required=False, max_length=200)

    def __init__(self, *args, verwijzing: Verwijzing, **kwargs):
        super().__init__(*args, **kwargs)
        if verwijzing.getekend_inwoner_op:
            del self.fields["inwoner_op"], self.fields["inwoner_door"]
        else:
            self.fields["inwoner_door"].initial = verwijzing.persoon.naam
        if verwijzing.getekend_generalist_op:
            del self.fields["generalist_op"]
        if verwijzing.getekend_aanbieder_op:
            del self.fields["aanbieder_op"], self.fields["aanbieder_door"]

    def service_velden(self) -> dict:
        """Keyword arguments for `onderteken_verwijzing`: the parties without a field keep their default (None)."""
        return dict(self.cleaned_data)


class VerwijzingIntrekkenForm(BesluitenForm):
    reden = forms.CharField(label="Waarom wordt de verwijzing ingetrokken?", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


# --- grant lifecycle ---------------------------------------------------------------------------------


def _reden_wijziging_keuzes() -> list[tuple[str, str]]:
    return [("", "Kies een reden"), *((c, f"{c} {label}") for c, label in RedenWijziging.choices if c not in REDEN_WIJZIGING_VERVALLEN)]


class WijzigForm(VersieForm):
    omvang = forms.IntegerField(label="Omvang", min_value=1)
    einddatum = forms.DateField(label="Einddatum", required=False, widget=kt.DateInput)
    reden_wijziging = forms.ChoiceField(label="Reden wijziging", choices=())
    toelichting = forms.CharField(label="Toelichting", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reden_wijziging"].choices = _reden_wijziging_keuzes()


class IntrekForm(VersieForm):
    reden_wijziging = forms.ChoiceField(label="Reden wijziging", choices=())
    per = forms.DateField(label="Ingetrokken per", widget=kt.DateInput)
    toelichting = forms.CharField(label="Reden van de intrekking", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reden_wijziging"].choices = _reden_wijziging_keuzes()


class BeeindigForm(VersieForm):
    reden_beeindiging = forms.ChoiceField(label="Reden beëindiging", choices=())
    per = forms.DateField(label="Beëindigd per", widget=kt.DateInput)
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, wet: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reden_beeindiging"].choices = [
            ("", "Kies een reden"),
            *((c, f"{c} {label}") for c, label in redenen_beeindiging(wet).choices),
        ]


# --- rechtsbescherming --------------------------------------------------------------------------------


class BeschikkingKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Beschikking) -> str:
        return f"{obj.kenmerk}: {obj.get_besluit_display().lower()} {obj.aanvraag.product.naam} ({obj.datum_afgifte:%d-%m-%Y})"


class BezwaarForm(BesluitenForm):
    """With `beschikkingen` the user picks the beschikking; on a beschikking's own page it is fixed."""

    beschikking = BeschikkingKeuze(queryset=Beschikking.objects.none(), label="Beschikking")
    ontvangen_op = forms.DateField(label="Bezwaar ontvangen op", widget=kt.DateInput)
    gronden = forms.CharField(label="Gronden van het bezwaar", widget=forms.Textarea(attrs={"rows": 3}))
    route = forms.ChoiceField(label="Route", choices=BezwaarRoute.choices, initial=BezwaarRoute.INFORMEEL)
    verschoonbaar = forms.BooleanField(
        label="Te laat, maar verschoonbaar (Awb art. 6:11)",
        required=False,
        help_text="Alleen van belang als het bezwaar na de termijn binnenkwam.",
    )

    def __init__(self, *args, beschikkingen=None, **kwargs):
        super().__init__(*args, **kwargs)
        if beschikkingen is None:
            del self.fields["beschikking"]
        else:
            self.fields["beschikking"].queryset = beschikkingen
            self.fields["beschikking"].widget.attrs["aria-required"] = "true"


class BezwaarAfrondenForm(VersieForm):
    uitkomst = forms.ChoiceField(
        label="Uitkomst", choices=[(c, label) for c, label in BezwaarUitkomst.choices if c != BezwaarUitkomst.OPEN]
    )
    beslist_op = forms.DateField(label="Beslist op", widget=kt.DateInput)
    route = forms.ChoiceField(label="Route", choices=BezwaarRoute.choices)
    toelichting = forms.CharField(label="Toelichting op de uitkomst", widget=forms.Textarea(attrs={"rows": 2}))


class KlachtForm(BesluitenForm):
    persoon = PersoonKeuze(queryset=Persoon.objects.none(), label="Van wie")
    over = forms.ChoiceField(label="Klacht over", choices=KlachtOver.choices, widget=forms.RadioSelect)
    aanbieder = forms.ModelChoiceField(queryset=Aanbieder.objects.none(), label="Aanbieder", required=False)
    ontvangen_op = forms.DateField(label="Ontvangen op", widget=kt.DateInput)
    omschrijving = forms.CharField(label="Omschrijving van de klacht", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, personen, aanbieders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = personen
        self.fields["aanbieder"].queryset = aanbieders
        self.fields["aanbieder"].voorwaardelijk = True  # needed for a complaint about a provider

    def clean(self):
        data = super().clean()
        if data.get("over") == KlachtOver.GEMEENTE:
            data["aanbieder"] = None  # the provider select is hidden then; a value left in it does not count
        return data


class KlachtAfhandelenForm(BesluitenForm):
    afgehandeld_op = forms.DateField(label="Afgehandeld op", widget=kt.DateInput)
    afhandeling = forms.CharField(label="Afhandeling", widget=forms.Textarea(attrs={"rows": 2}))


class SecondOpinionForm(BesluitenForm):
    persoon = PersoonKeuze(queryset=Persoon.objects.none(), label="Voor wie")
    beschikking = BeschikkingKeuze(
        queryset=Beschikking.objects.none(), label="Over beschikking", required=False, empty_label="Geen beschikking"
    )
    aangevraagd_op = forms.DateField(label="Aangevraagd op", widget=kt.DateInput)
    vraag = forms.CharField(label="Vraag", widget=forms.Textarea(attrs={"rows": 3}))
    uitgevoerd_door = forms.CharField(
        label="Uitgevoerd door",
        max_length=200,
        help_text="Een andere consulent of een onafhankelijk adviseur, niet wie de beschikking afgaf.",
    )

    def __init__(self, *args, personen, beschikkingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = personen
        self.fields["beschikking"].queryset = beschikkingen


class SecondOpinionAfrondenForm(BesluitenForm):
    afgerond_op = forms.DateField(label="Afgerond op", widget=kt.DateInput)
    uitkomst = forms.CharField(label="Uitkomst", widget=forms.Textarea(attrs={"rows": 2}))
