"""Forms of the Participatiewet pages. They validate input; the rules live in services.py.

Forms that change a traject or instrument carry its `version` (optimistic locking).
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone

from keukentafel import forms as kt
from keukentafel.accounts.models import DOSSIER_ROLLEN, Gemeente, Medewerker
from keukentafel.besluiten.forms import EuroVeld
from keukentafel.financien.models import Begrotingspost, Domein, Postsoort

from .models import (
    Afsluitreden,
    Competentie,
    Instrument,
    Laddertrede,
    Plaatsing,
    SoortInstrument,
    Uitkering,
    Uitkomst,
    Werkgever,
    Werkgeverscontact,
)


class _Form(kt.Form):
    """Server-side validation only (novalidate forms); required fields marked with aria-required."""

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            if f.required and not isinstance(f.widget, forms.HiddenInput):
                f.widget.attrs["aria-required"] = "true"


def _vandaag():
    return timezone.localdate()


class MedewerkerKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Medewerker) -> str:
        return f"{obj} ({obj.team})" if obj.team_id else str(obj)


class TrajectStartForm(_Form):
    klantmanager = MedewerkerKeuze(queryset=Medewerker.objects.none(), label="Klantmanager / regisseur werk")
    uitkering = forms.ChoiceField(label="Grondslag uitkering", choices=Uitkering.choices, initial=Uitkering.BIJSTAND)
    uitkering_sinds = forms.DateField(label="Uitkering sinds", required=False, widget=kt.DateInput())
    verdiencapaciteit_procent = forms.IntegerField(
        label="Verdiencapaciteit (% van het wettelijk minimumloon)",
        min_value=0,
        max_value=100,
        help_text="Boven de grens uit het beleid (standaard 40%) start het Werkspoor, anders het Participatiespoor.",
    )
    startdatum = forms.DateField(label="Startdatum", initial=_vandaag, widget=kt.DateInput())
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, gemeente: Gemeente | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Medewerker.objects.filter(rol__in=DOSSIER_ROLLEN, is_active=True)
        if gemeente is not None:
            qs = qs.filter(Q(team__gebied__gemeente=gemeente) | Q(gemeente=gemeente))
        self.fields["klantmanager"].queryset = qs.select_related("team").order_by("last_name", "first_name")


class _Versie(_Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class FaseForm(_Versie):
    datum = forms.DateField(label="Datum van de volgende fase", initial=_vandaag, widget=kt.DateInput())
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class HerbeoordelingForm(_Versie):
    datum = forms.DateField(label="Datum herbeoordeling", initial=_vandaag, widget=kt.DateInput())
    verdiencapaciteit_procent = forms.IntegerField(label="Verdiencapaciteit nu (% van het minimumloon)", min_value=0, max_value=100)
    uitkomst = forms.CharField(label="Uitkomst", widget=forms.Textarea(attrs={"rows": 4}))
    volgende_herbeoordeling = forms.DateField(
        label="Volgende herbeoordeling",
        required=False,
        widget=kt.DateInput(),
        help_text="Leeg: na de termijn uit het beleid. Er is altijd een volgende herbeoordeling: we schrijven niemand af.",
    )


class AfsluitForm(_Versie):
    datum = forms.DateField(label="Datum", initial=_vandaag, widget=kt.DateInput())
    reden = forms.ChoiceField(label="Reden", choices=Afsluitreden.choices)
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class InstrumentForm(_Form):
    soort = forms.ChoiceField(label="Soort instrument", choices=SoortInstrument.choices)
    omschrijving = forms.CharField(label="Omschrijving", widget=forms.Textarea(attrs={"rows": 3}))
    uitvoerder = forms.CharField(label="Aanbieder of werkgever", max_length=200, required=False)
    werkgever = forms.ModelChoiceField(label="Werkgever uit de werkgeversbenadering", queryset=Werkgever.objects.none(), required=False)
    startdatum = forms.DateField(label="Startdatum", initial=_vandaag, widget=kt.DateInput())
    einddatum = forms.DateField(label="Einddatum", required=False, widget=kt.DateInput())
    kosten = EuroVeld(label="Kosten (€)", required=False)
    loonwaarde_procent = forms.IntegerField(
        label="Loonwaarde (%)", min_value=0, max_value=100, required=False, help_text="Alleen bij een loonwaardebepaling."
    )
    uren_per_week = forms.DecimalField(
        label="Contracturen per week", max_digits=4, decimal_places=1, required=False, help_text="Alleen bij een loonwaardebepaling."
    )

    begrotingspost = forms.ModelChoiceField(
        label="Begrotingspost",
        queryset=Begrotingspost.objects.none(),
        required=False,
        empty_label="Geen (kosten niet op een post)",
        help_text="De lastenpost Participatie waar de kosten op drukken; zo staat de actie in het plan op de goede post.",
    )

    def __init__(self, *args, gemeente_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["werkgever"].queryset = Werkgever.objects.filter(gemeente_id=gemeente_id)
        jaar = timezone.localdate().year
        self.fields["begrotingspost"].queryset = Begrotingspost.objects.filter(
            begroting__gemeente_id=gemeente_id, begroting__jaar__in=[jaar, jaar + 1], domein=Domein.PARTICIPATIE,
            soort=Postsoort.LASTEN, saldopost=False,
        ).select_related("begroting").order_by("begroting__jaar", "volgorde", "pk")
        self.fields["begrotingspost"].label_from_instance = lambda p: f"{p.naam} ({p.begroting.jaar})"


class UitkomstForm(_Versie):
    uitkomst = forms.ChoiceField(label="Uitkomst", choices=Uitkomst.choices)
    einddatum = forms.DateField(label="Einddatum", required=False, widget=kt.DateInput())
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TegenprestatieForm(_Form):
    inhoud = forms.CharField(label="Wat doet de inwoner", widget=forms.Textarea(attrs={"rows": 3}))
    organisatie = forms.CharField(label="Waar (organisatie)", max_length=200, required=False)
    uren_per_week = forms.DecimalField(label="Uren per week", max_digits=4, decimal_places=1)
    startdatum = forms.DateField(label="Startdatum", initial=_vandaag, widget=kt.DateInput())
    einddatum = forms.DateField(label="Einddatum", required=False, widget=kt.DateInput())
    naar_vermogen = forms.BooleanField(label="De tegenprestatie is naar vermogen: passend bij wat deze inwoner kan", required=False)
    naar_vermogen_toelichting = forms.CharField(label="Waarom past dit bij de inwoner", required=False)
    geen_verdringing = forms.BooleanField(label="De tegenprestatie verdringt geen betaald werk", required=False)
    geen_verdringing_toelichting = forms.CharField(label="Waarom is er geen verdringing", required=False)
    beperkt_in_tijd_en_omvang = forms.BooleanField(label="De tegenprestatie is beperkt in tijd en omvang", required=False)


class LadderForm(_Form):
    datum = forms.DateField(label="Datum", initial=_vandaag, widget=kt.DateInput())
    trede = forms.TypedChoiceField(label="Trede", choices=Laddertrede.choices, coerce=int, widget=forms.RadioSelect)
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CompetentiesForm(_Form):
    competenties = forms.ModelMultipleChoiceField(
        label="Competenties", queryset=Competentie.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )


class WerkgeverForm(_Form):
    naam = forms.CharField(label="Naam", max_length=200)
    kvk_nummer = forms.CharField(label="KvK-nummer", max_length=8, required=False)
    contactpersoon = forms.CharField(label="Contactpersoon", max_length=200, required=False)
    telefoon = forms.CharField(label="Telefoon", max_length=20, required=False)
    email = forms.EmailField(label="E-mail", required=False)


class ContactForm(_Form):
    datum = forms.DateField(label="Datum", initial=_vandaag, widget=kt.DateInput())
    soort = forms.ChoiceField(label="Soort contact", choices=Werkgeverscontact.Soort.choices)
    notities = forms.CharField(label="Notities", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class VacatureForm(_Form):
    titel = forms.CharField(label="Functie", max_length=200)
    uren_per_week = forms.DecimalField(label="Uren per week", max_digits=4, decimal_places=1)
    omschrijving = forms.CharField(label="Omschrijving", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    competenties = forms.ModelMultipleChoiceField(
        label="Gevraagde competenties", queryset=Competentie.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )


class PlaatsingForm(_Form):
    traject = forms.IntegerField(widget=forms.HiddenInput)
    startdatum = forms.DateField(label="Startdatum", initial=_vandaag, widget=kt.DateInput())
    loonkostensubsidie = forms.ModelChoiceField(label="Loonkostensubsidie", queryset=Instrument.objects.none(), required=False)


class PlaatsingsresultaatForm(_Versie):
    resultaat = forms.ChoiceField(label="Resultaat", choices=Plaatsing.Resultaat.choices)
    einddatum = forms.DateField(label="Einddatum", required=False, widget=kt.DateInput())
