"""Forms of the ondersteuningsplan pages. They validate input; the rules of the plan live in services.py.

Every form that changes a plan carries the plan's `version` (optimistic locking): the service
refuses the change when someone else saved in between, and the view re-renders the form with the
user's input and the new version, so a second click saves after reading what changed.
"""

from __future__ import annotations

from itertools import groupby

from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils import timezone

from keukentafel import forms as kt
from keukentafel.aanbod.catalogus import algemene_voorzieningen_voor
from keukentafel.aanbod.models import AlgemeneVoorziening, Product
from keukentafel.accounts.models import Medewerker, Rol
from keukentafel.beleid.models import Leefgebied, Zelfredzaamheid
from keukentafel.codelijsten import Wet
from keukentafel.financien.models import Begrotingspost, Postsoort
from keukentafel.inwoners.models import VERTEGENWOORDIGENDE_ROLLEN, Huishouden, Netwerklid, Persoon
from keukentafel.toegang.models import Onderzoek

from .models import METHODEN_VOOR_MEDEWERKER, ActieWet, EvaluatieBesluit, OndertekenaarRol, Ondertekenmethode, Trede


class MedewerkerKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Medewerker) -> str:
        return f"{obj} ({obj.team})" if obj.team_id else str(obj)


class NetwerklidKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Netwerklid) -> str:
        tekst = f"{obj.naam} – {obj.get_rol_display().lower()}"
        if obj.relatie:
            tekst += f" ({obj.relatie})"
        if obj.overbelast:
            tekst += " – mantelzorger overbelast"
        return tekst


class _PerWet(ModelChoiceIterator):
    """The products in one <optgroup> per law (Wmo 2015, Jeugdwet)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for wet, producten in groupby(self.queryset.order_by("wet", "naam", "productcode"), key=lambda p: p.wet):
            yield (Wet(wet).label, [self.choice(p) for p in producten])


class ProductKeuze(forms.ModelChoiceField):
    iterator = _PerWet

    def label_from_instance(self, obj: Product) -> str:
        return f"{obj.naam} ({obj.productcategorie} {obj.productcode})"


class AlgemeneVoorzieningKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: AlgemeneVoorziening) -> str:
        return f"{obj.naam} ({obj.uitvoerder})" if obj.uitvoerder else obj.naam


class PersoonKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Persoon) -> str:
        return obj.naam


def regisseur_kandidaten(huishouden: Huishouden, gebruiker: Medewerker, huidige: Medewerker | None = None):
    """Generalists of the household's gebied team, plus the current user (if generalist or teamleider) and the current regisseur."""
    voorwaarde = Q(pk__in=[])
    if huishouden.gebied_id is not None:
        voorwaarde |= Q(rol=Rol.GENERALIST, team__gebied_id=huishouden.gebied_id)
    if getattr(gebruiker, "rol", None) in (Rol.GENERALIST, Rol.TEAMLEIDER):
        voorwaarde |= Q(pk=gebruiker.pk)
    if huidige is not None:
        voorwaarde |= Q(pk=huidige.pk)
    return Medewerker.objects.filter(voorwaarde, is_active=True).select_related("team").order_by("last_name", "first_name", "username")


def huidige_leden(huishouden: Huishouden):
    return Persoon.objects.filter(pk__in=huishouden.leden_op().values("persoon_id")).order_by("geboortedatum")


class VersieForm(kt.Form):
    """Base for every form that changes a plan: the plan's version travels with the form."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PlanNieuwForm(kt.Form):
    regisseur = MedewerkerKeuze(queryset=Medewerker.objects.none(), label="Regisseur", help_text="De generalist die de regie houdt.")
    onderzoek = forms.ModelChoiceField(
        queryset=Onderzoek.objects.none(),
        required=False,
        label="Onderzoek (keukentafelgesprek) waarop het plan berust",
        empty_label="Geen onderzoek koppelen",
    )
    toelichting = forms.CharField(label="Situatie en afspraken in het kort", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, huishouden: Huishouden, gebruiker: Medewerker, **kwargs):
        super().__init__(*args, **kwargs)
        kandidaten = regisseur_kandidaten(huishouden, gebruiker)
        self.fields["regisseur"].queryset = kandidaten
        if kandidaten.filter(pk=gebruiker.pk).exists():
            self.fields["regisseur"].initial = gebruiker.pk
        onderzoeken = Onderzoek.objects.filter(huishouden=huishouden).order_by("-startdatum", "-pk")
        self.fields["onderzoek"].queryset = onderzoeken
        self.fields["onderzoek"].label_from_instance = lambda o: (
            f"Onderzoek gestart {o.startdatum:%d-%m-%Y} ({o.get_status_display().lower()})"
        )
        laatste = onderzoeken.first()
        if laatste is not None:
            self.fields["onderzoek"].initial = laatste.pk


class PlanWijzigForm(VersieForm):
    toelichting = forms.CharField(label="Situatie en afspraken in het kort", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    evaluatiedatum = forms.DateField(
        label="Evaluatiedatum",
        required=False,
        widget=kt.DateInput,
        help_text="Leeg laten: bij het ondertekenen wordt de standaardtermijn uit het beleid gebruikt.",
    )
    regisseur = MedewerkerKeuze(queryset=Medewerker.objects.none(), label="Regisseur")

    def __init__(self, *args, plan, gebruiker: Medewerker, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "toelichting": plan.toelichting,
                "evaluatiedatum": plan.evaluatiedatum,
                "regisseur": plan.regisseur_id,
                "version": plan.version,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["regisseur"].queryset = regisseur_kandidaten(plan.huishouden, gebruiker, plan.regisseur)

    def gewijzigde_velden(self, plan) -> dict:
        """Only what differs from the plan as it is now, so an unchanged field is not 'changed' in the audit trail."""
        huidig = {"toelichting": plan.toelichting, "evaluatiedatum": plan.evaluatiedatum, "regisseur": plan.regisseur}
        return {k: v for k, v in self.cleaned_data.items() if k in huidig and v != huidig[k]}


class DoelForm(VersieForm):
    leefgebied = forms.ModelChoiceField(queryset=Leefgebied.objects.filter(actief=True), label="Leefgebied")
    persoon = PersoonKeuze(queryset=Persoon.objects.none(), required=False, label="Voor wie", empty_label="Het hele huishouden")
    omschrijving = forms.CharField(label="Doel", widget=forms.Textarea(attrs={"rows": 2}))
    beoogd_resultaat = forms.CharField(
        label="Beoogd resultaat",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Wat is er bereikt als het doel gehaald is?",
    )

    def __init__(self, *args, plan, **kwargs):
        kwargs.setdefault("initial", {"version": plan.version})
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = huidige_leden(plan.huishouden)


class ActieForm(VersieForm):
    trede = forms.ChoiceField(choices=[("", "Kies een trede")] + list(Trede.choices), label="Trede op de afwegingsladder")
    omschrijving = forms.CharField(label="Wat gebeurt er", widget=forms.Textarea(attrs={"rows": 2}))
    netwerklid = NetwerklidKeuze(
        queryset=Netwerklid.objects.none(), required=False, label="Iemand uit het netwerk", empty_label="Niemand uit het netwerk"
    )
    uitvoerder = forms.CharField(
        label="Wie doet het",
        required=False,
        max_length=200,
        help_text="Bijvoorbeeld de inwoner zelf, een vrijwilliger of een aanbieder. Leeg laten als u iemand uit het netwerk kiest.",
    )
    algemene_voorziening = AlgemeneVoorzieningKeuze(
        queryset=AlgemeneVoorziening.objects.none(),
        required=False,
        label="Algemene voorziening",
        help_text="Alleen bij de trede algemene voorziening: een voorziening uit de sociale kaart.",
    )
    product = ProductKeuze(
        queryset=Product.objects.none(),
        required=False,
        label="Maatwerkproduct",
        help_text="Alleen bij de trede maatwerkvoorziening.",
    )
    wet = forms.ChoiceField(
        choices=ActieWet.choices,
        required=False,
        label="Wet",
        help_text="Bij een maatwerkproduct volgt de wet uit het product.",
    )
    begrotingspost = forms.ModelChoiceField(
        queryset=Begrotingspost.objects.none(),
        required=False,
        label="Begrotingspost",
        empty_label="Geen of vanzelf (bij een product: de post die het product dekt)",
        help_text="De lastenpost van de begroting van dit jaar waar de actie op drukt.",
    )
    van = forms.DateField(label="Vanaf", widget=kt.DateInput)
    tot = forms.DateField(label="Tot en met", required=False, widget=kt.DateInput)
    evaluatiedatum = forms.DateField(
        label="Evaluatiedatum",
        required=False,
        widget=kt.DateInput,
        help_text="Leeg laten: de termijn uit het beleid (bij een langdurig traject jaarlijks), of de einddatum als die eerder is.",
    )

    def __init__(self, *args, plan, **kwargs):
        kwargs.setdefault("initial", {"version": plan.version, "van": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["netwerklid"].queryset = plan.huishouden.netwerk.filter(actief=True)
        gemeente = plan.huishouden.gemeente
        self.fields["algemene_voorziening"].queryset = algemene_voorzieningen_voor(gemeente)
        if gemeente is not None:
            self.fields[
                "algemene_voorziening"
            ].help_text = f"Alleen bij de trede algemene voorziening: een voorziening uit de sociale kaart voor {gemeente}."
        self.fields["product"].queryset = Product.objects.filter(actief=True)
        self.fields["begrotingspost"].queryset = Begrotingspost.objects.filter(
            begroting__gemeente=gemeente, begroting__jaar__in=_jaren(self.data, self.add_prefix("van")),
            soort=Postsoort.LASTEN, saldopost=False,
        ).select_related("begroting").order_by("begroting__jaar", "domein", "volgorde", "pk")
        self.fields["begrotingspost"].label_from_instance = lambda p: f"{p.get_domein_display()}: {p.naam} ({p.begroting.jaar})"

    def clean(self):
        data = super().clean()
        netwerklid = data.get("netwerklid")
        if not (data.get("uitvoerder") or "").strip():
            if netwerklid is not None:
                data["uitvoerder"] = netwerklid.naam
            elif "uitvoerder" not in self.errors:
                self.add_error("uitvoerder", "Vul in wie dit doet of kies iemand uit het netwerk.")
        return data


def _jaren(data, veld: str) -> list[int]:
    """Budget years to offer: this year and the next, plus the year of a submitted start date."""
    jaar = timezone.localdate().year
    jaren = [jaar, jaar + 1]
    waarde = (data or {}).get(veld) or ""
    if len(waarde) >= 4 and waarde[:4].isdigit():
        jaren.append(int(waarde[:4]))
    elif len(waarde) >= 10 and waarde[-4:].isdigit():
        jaren.append(int(waarde[-4:]))
    return jaren


class VerwijderForm(VersieForm):
    pk = forms.IntegerField(widget=forms.HiddenInput)


class VersieVastleggenForm(VersieForm):
    toelichting = forms.CharField(
        label="Wat is er veranderd",
        max_length=300,
        required=False,
        help_text="In één zin, voor de inwoner. Bij de eerste versie mag dit leeg blijven.",
    )

    def __init__(self, *args, plan, heeft_vorige: bool, **kwargs):
        kwargs.setdefault("initial", {"version": plan.version})
        super().__init__(*args, **kwargs)
        self.heeft_vorige = heeft_vorige
        if heeft_vorige:
            self.fields["toelichting"].required = True
            self.fields["toelichting"].help_text = "In één zin, voor de inwoner."

    def clean_toelichting(self):
        tekst = self.cleaned_data["toelichting"].strip()
        return tekst or ("" if self.heeft_vorige else "Eerste versie")


class OndertekenForm(kt.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    rol = forms.ChoiceField(choices=OndertekenaarRol.choices, widget=forms.RadioSelect, label="Wie tekent")
    persoon = PersoonKeuze(queryset=Persoon.objects.none(), required=False, label="Inwoner die tekent", empty_label="Kies de inwoner")
    netwerklid = NetwerklidKeuze(
        queryset=Netwerklid.objects.none(),
        required=False,
        label="Vertegenwoordiger die tekent",
        empty_label="Kies de vertegenwoordiger",
        help_text="Alleen een vastgelegde wettelijk vertegenwoordiger, curator, bewindvoerder of mentor.",
    )
    datum = forms.DateField(label="Datum van ondertekening", widget=kt.DateInput)
    methode = forms.ChoiceField(
        choices=[(m.value, m.label) for m in METHODEN_VOOR_MEDEWERKER], widget=forms.RadioSelect, label="Manier van ondertekenen"
    )

    def __init__(self, *args, plan, versie, gebruiker: Medewerker, **kwargs):
        kwargs.setdefault("initial", {"versie": versie.nummer, "datum": timezone.localdate(), "methode": Ondertekenmethode.DIGITAAL})
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = huidige_leden(plan.huishouden)
        self.fields["netwerklid"].queryset = plan.huishouden.netwerk.filter(actief=True, rol__in=VERTEGENWOORDIGENDE_ROLLEN)
        self.fields["rol"].choices = [
            (OndertekenaarRol.INWONER, "De inwoner"),
            (OndertekenaarRol.VERTEGENWOORDIGER, "Een vertegenwoordiger van de inwoner"),
            (OndertekenaarRol.PROFESSIONAL, f"Ik, als professional ({gebruiker})"),
        ]

    def clean(self):
        data = super().clean()
        rol = data.get("rol")
        if rol == OndertekenaarRol.INWONER and not data.get("persoon") and "persoon" not in self.errors:
            self.add_error("persoon", "Kies de inwoner die tekent.")
        if rol == OndertekenaarRol.VERTEGENWOORDIGER and not data.get("netwerklid") and "netwerklid" not in self.errors:
            self.add_error("netwerklid", "Kies de vertegenwoordiger die tekent.")
        datum = data.get("datum")
        if datum and datum > timezone.localdate():
            self.add_error("datum", "Een ondertekening kan niet in de toekomst liggen.")
        return data


class EvaluatieForm(VersieForm):
    datum = forms.DateField(label="Datum van de evaluatie", widget=kt.DateInput)
    besluit = forms.ChoiceField(choices=EvaluatieBesluit.choices, widget=forms.RadioSelect, label="Besluit")
    toelichting = forms.CharField(
        label="Toelichting",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht bij bijstellen of afsluiten.",
    )

    SCORE_KEUZES = [("", "Geen nieuwe score")] + [(str(v), label) for v, label in Zelfredzaamheid.choices]

    def __init__(self, *args, plan, leefgebieden, laatste_scores: dict[int, int], **kwargs):
        initial = {"version": plan.version, "datum": timezone.localdate(), "besluit": EvaluatieBesluit.VOORTZETTEN}
        initial |= {f"score_{lg_pk}": str(score) for lg_pk, score in laatste_scores.items()}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.leefgebieden = list(leefgebieden)
        for lg in self.leefgebieden:
            self.fields[f"score_{lg.pk}"] = forms.TypedChoiceField(
                label=f"Nieuwe score {lg.naam.lower()}",
                choices=self.SCORE_KEUZES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
            )

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError("Een evaluatie kan niet in de toekomst liggen.")
        return datum

    def scores(self) -> dict:
        return {lg: self.cleaned_data.get(f"score_{lg.pk}") for lg in self.leefgebieden if self.cleaned_data.get(f"score_{lg.pk}")}


class InkomensvraagForm(kt.Form):
    datum = forms.DateField(label="Datum", widget=kt.DateInput)
    omschrijving = forms.CharField(label="Inkomensvraag", widget=forms.Textarea(attrs={"rows": 3}))
    doorgezet_naar = forms.CharField(
        label="Doorgezet naar", required=False, max_length=200, help_text="Bijvoorbeeld Werk & Inkomen of schuldhulpverlening."
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"datum": timezone.localdate()})
        super().__init__(*args, **kwargs)


class VergelijkForm(kt.Form):
    """GET form: compare two versions (`?a=1&b=2`)."""

    a = forms.TypedChoiceField(label="Vergelijk versie", coerce=int, choices=())
    b = forms.TypedChoiceField(label="met versie", coerce=int, choices=())

    def __init__(self, *args, nummers: list[int], **kwargs):
        oplopend = sorted(nummers)
        kwargs.setdefault("initial", {"a": oplopend[-2] if len(oplopend) > 1 else None, "b": oplopend[-1] if oplopend else None})
        super().__init__(*args, **kwargs)
        keuzes = [(n, f"Versie {n}") for n in oplopend]
        self.fields["a"].choices = keuzes
        self.fields["b"].choices = keuzes

    def clean(self):
        data = super().clean()
        if data.get("a") is not None and data.get("a") == data.get("b"):
            raise forms.ValidationError("Kies twee verschillende versies.")
        return data
