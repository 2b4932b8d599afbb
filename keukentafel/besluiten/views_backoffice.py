"""The backoffice's rechtmatigheidstoets pages: the review queue with the selection form, and one toets with its outcome.

Backoffice acts; a teamleider may look (read-only); every other role gets 403. The queue lists grants by number
and product only (no personal data); opening a toets is a dossier read and passes the dossier gate of the grant's
household (`open_dossier` via `open_persoon`), so it is in the audit trail. The domain work is in `rechtmatigheid`.
"""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from keukentafel import forms as kt
from keukentafel.accounts.models import Gemeente, Rol
from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import geldende_waarde
from keukentafel.codelijsten import REDEN_WIJZIGING_VERVALLEN, RedenWijziging
from keukentafel.inwoners.persoontoegang import eis_persoon_wijziging, open_persoon
from keukentafel.inwoners.services import GelijktijdigGewijzigd, huidig_huishouden

from . import rechtmatigheid, services
from .models import Leveringsvorm, Rechtmatigheidstoets, ToegewezenVoorziening, ToetsSelectie, ToetsUitkomst
from .regels import euro

GEEN_TOEGANG = "Alleen de backoffice voert rechtmatigheidstoetsen uit; een teamleider kan ze inzien."
ALLEEN_BACKOFFICE = "Alleen de backoffice legt de uitkomst van een rechtmatigheidstoets vast."
PER_PAGINA = 50


def _werkgemeente(request: HttpRequest, *, schrijven: bool = False) -> Gemeente:
    rol = request.user.rol
    if rol != Rol.BACKOFFICE and (schrijven or rol != Rol.TEAMLEIDER):
        raise PermissionDenied(ALLEEN_BACKOFFICE if schrijven and rol == Rol.TEAMLEIDER else GEEN_TOEGANG)
    gemeente = request.user.werkgemeente
    if gemeente is None:
        raise PermissionDenied("U werkt niet voor een gemeente; een rechtmatigheidstoets hoort bij een gemeente.")
    return gemeente


# ---------------------------------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------------------------------


class SelectieForm(kt.Form):
    soort = forms.ChoiceField(
        label="Soort controle", choices=ToetsSelectie.choices, widget=forms.RadioSelect, initial=ToetsSelectie.STEEKPROEF
    )
    van = forms.DateField(label="Toegekend vanaf", widget=kt.DateInput)
    tot = forms.DateField(label="Toegekend tot en met", widget=kt.DateInput)
    procent = forms.IntegerField(label="Percentage van de toekenningen", min_value=1, max_value=100, required=False)
    seed = forms.CharField(
        label="Startwaarde van de steekproef",
        max_length=40,
        required=False,
        help_text="Dezelfde startwaarde over dezelfde toekenningen geeft dezelfde steekproef, zodat bijvoorbeeld de accountant de "
        "trekking kan narekenen. Laat u het veld leeg, dan kiest Keukentafel er een; die staat in de audittrail.",
    )

    def __init__(self, *args, standaard_procent: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if standaard_procent is not None:
            self.fields["procent"].help_text = (
                f"Alleen bij een steekproef. Leeg: het percentage uit het beleid van uw gemeente ({standaard_procent}%)."
            )

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", "De einddatum van de periode ligt vóór de begindatum.")
        return data


class BeoordelingForm(kt.Form):
    uitkomst = forms.ChoiceField(
        label="Uitkomst", widget=forms.RadioSelect, choices=[(c, label) for c, label in ToetsUitkomst.choices if c != ToetsUitkomst.OPEN]
    )
    bevinding = forms.CharField(
        label="Bevinding",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Verplicht als de toewijzing niet rechtmatig was: wat klopte er niet. De tekst komt in de historie van de toewijzing.",
    )
    reden_wijziging = forms.ChoiceField(
        label="Reden wijziging",
        required=False,
        initial=RedenWijziging.CORRECTIE,
        choices=[(c, f"{c} {label}") for c, label in RedenWijziging.choices if c not in REDEN_WIJZIGING_VERVALLEN],
        help_text="Bij correctie of intrekking. 13 Verwijderd trekt de toewijzing in vanaf de begindatum (zij heeft nooit gegolden).",
    )
    omvang = forms.IntegerField(label="Juiste omvang", min_value=1, required=False, help_text="Alleen bij een correctie.")
    einddatum = forms.DateField(
        label="Juiste einddatum, of intrekken per",
        required=False,
        widget=kt.DateInput,
        help_text="Bij een correctie de juiste einddatum; bij een intrekking de datum waarop de toewijzing stopt (leeg: vandaag).",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        uitkomst = data.get("uitkomst")
        if uitkomst in rechtmatigheid.ONRECHTMATIG and not (data.get("bevinding") or "").strip():
            self.add_error("bevinding", "Beschrijf wat er niet rechtmatig was.")
        if uitkomst == ToetsUitkomst.GECORRIGEERD and data.get("omvang") is None and data.get("einddatum") is None:
            self.add_error("omvang", "Geef bij een correctie de juiste omvang of de juiste einddatum op.")
        return data


def _zet_fouten(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for veld, fouten in exc.message_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, exc.messages)


# ---------------------------------------------------------------------------------------------------
# The queue and the selection
# ---------------------------------------------------------------------------------------------------


def _lijst(request: HttpRequest, gemeente: Gemeente, form: SelectieForm | None, status: int = 200) -> HttpResponse:
    open_qs = (
        Rechtmatigheidstoets.objects.filter(voorziening__gemeente=gemeente, uitkomst=ToetsUitkomst.OPEN)
        .select_related("voorziening__product", "voorziening__aanbieder")
        .order_by("geselecteerd_op", "voorziening__toewijzingnummer")
    )
    pagina = Paginator(open_qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    afgerond = (
        Rechtmatigheidstoets.objects.filter(voorziening__gemeente=gemeente)
        .exclude(uitkomst=ToetsUitkomst.OPEN)
        .select_related("voorziening__product", "getoetst_door")
        .order_by("-getoetst_op", "-id")[:20]
    )
    context = {
        "gemeente": gemeente,
        "pagina": pagina,
        "afgerond": afgerond,
        "form": form,
        "mag_toetsen": request.user.rol == Rol.BACKOFFICE,
    }
    return render(request, "besluiten/rechtmatigheid_lijst.html", context, status=status)


def vorig_kwartaal(vandaag: date) -> tuple[date, date]:
    """The calendar quarter before today's: the usual period to review."""
    eind = date(vandaag.year, 3 * ((vandaag.month - 1) // 3) + 1, 1) - timedelta(days=1)
    return date(eind.year, eind.month - 2, 1), eind


def _standaard_procent(gemeente: Gemeente) -> int:
    return int(geldende_waarde(Sleutel.RECHTMATIGHEID_STEEKPROEF, gemeente, services.vandaag()))


@require_GET
def rechtmatigheid_lijst(request: HttpRequest) -> HttpResponse:
    gemeente = _werkgemeente(request)
    form = None
    if request.user.rol == Rol.BACKOFFICE:
        van, tot = vorig_kwartaal(services.vandaag())
        form = SelectieForm(initial={"van": van, "tot": tot}, standaard_procent=_standaard_procent(gemeente))
    return _lijst(request, gemeente, form)


@require_POST
def rechtmatigheid_selecteren(request: HttpRequest) -> HttpResponse:
    gemeente = _werkgemeente(request, schrijven=True)
    form = SelectieForm(request.POST, standaard_procent=_standaard_procent(gemeente))
    if form.is_valid():
        d = form.cleaned_data
        try:
            if d["soort"] == ToetsSelectie.VOLLEDIG:
                toetsen = rechtmatigheid.selecteer_volledig(request.user, gemeente, d["van"], d["tot"], request=request)
            else:
                toetsen = rechtmatigheid.selecteer_steekproef(
                    request.user, gemeente, d["van"], d["tot"], procent=d["procent"], seed=d["seed"] or None, request=request
                )
        except ValidationError as exc:
            _zet_fouten(form, exc)
        else:
            periode = f"{d['van']:%d-%m-%Y} tot en met {d['tot']:%d-%m-%Y}"
            if toetsen:
                messages.success(request, f"{len(toetsen)} toekenning(en) uit {periode} staan klaar om te toetsen.")
            else:
                messages.info(request, f"Er zijn geen toekenningen uit {periode} die nog niet getoetst zijn.")
            return redirect("besluiten:rechtmatigheid")
    return _lijst(request, gemeente, form, status=400)


# ---------------------------------------------------------------------------------------------------
# One toets
# ---------------------------------------------------------------------------------------------------


def _gegevens(v: ToegewezenVoorziening) -> list[tuple[str, str]]:
    """The grant as label/value rows, money as euros."""
    periode = f"{v.begindatum:%d-%m-%Y} tot en met {v.einddatum:%d-%m-%Y}" if v.einddatum else f"vanaf {v.begindatum:%d-%m-%Y}, doorlopend"
    if v.grondslag == "beschikking" and v.beschikking_id:
        b = v.beschikking
        grondslag = f"{v.get_grondslag_display()} {b.kenmerk} van {b.datum_afgifte:%d-%m-%Y} ({b.grondslag})"
    elif v.grondslag == "verwijzing" and v.verwijzing_id:
        grondslag = f"{v.get_grondslag_display()} {v.verwijzing.kenmerk}"
    else:
        grondslag = f"{v.get_grondslag_display()}{f' ({v.indicatiebron})' if v.indicatiebron else ''}"
    rijen = [
        ("Toewijzingnummer", str(v.toewijzingnummer)),
        ("Inwoner", v.persoon.naam),
        ("Product", f"{v.product} ({v.product.get_wet_display()})"),
        ("Leveringsvorm", v.get_leveringsvorm_display()),
    ]
    if v.aanbieder_id:
        rijen.append(("Aanbieder", f"{v.aanbieder} (AGB {v.aanbieder.agb_code})"))
    if v.contract_id:
        rijen.append(("Contract", str(v.contract)))
    rijen += [
        ("Omvang", f"{v.omvang} × {v.get_eenheid_display().lower()} {v.get_frequentie_display().lower()}"),
        ("Tarief per eenheid", euro(v.tarief_cent)),
        ("Periode", periode),
        ("Status", v.get_status_display() + (f" (reden {v.reden_beeindiging or v.reden_wijziging})" if v.status != "actief" else "")),
        ("Grondslag", grondslag),
        ("Toegekend", f"op {v.toegekend_op:%d-%m-%Y} door {v.toegekend_door}"),
    ]
    return rijen


def _pgb_gegevens(v: ToegewezenVoorziening) -> list[tuple[str, str]]:
    p = getattr(v, "pgb", None) if v.leveringsvorm == Leveringsvorm.PGB else None
    if p is None:
        return []
    netwerk = "Nee"
    if p.sociaal_netwerk_betaald:
        netwerk = f"Ja: {p.uitzondering_sociaal_netwerk or 'zonder uitzondering (het beleid staat het toe)'}"
    return [
        ("Persoonlijk plan", p.persoonlijk_plan),
        ("Waarom geen zorg in natura", p.motivering_geen_zin),
        ("Budgetvaardig", "Ja" if p.budgetvaardig else f"Nee; budgetbeheerder: {p.budgetbeheerder or 'geen'}"),
        ("Pgb-tarief", f"{euro(p.pgb_tarief_cent)} (maximum {euro(p.maximum_tarief_cent)})"),
        ("Budget", euro(p.budget_cent)),
        ("Sociaal netwerk betaald", netwerk),
    ]


def _pvb_gegevens(v: ToegewezenVoorziening) -> list[tuple[str, str]]:
    p = getattr(v, "pvb", None) if v.leveringsvorm == Leveringsvorm.PVB else None
    if p is None:
        return []
    if p.regievaardig:
        regie = "De inwoner voert zelf de regie"
    else:
        regie = f"Vertegenwoordiger {p.vertegenwoordiger or 'onbekend'}{' (een organisatie)' if p.vertegenwoordiger_is_organisatie else ''}"
    return [("Regie", regie)] + ([("Motivering", p.motivering)] if p.motivering else [])


@require_http_methods(["GET", "POST"])
def rechtmatigheid_toets(request: HttpRequest, pk: int) -> HttpResponse:
    gemeente = _werkgemeente(request, schrijven=request.method == "POST")
    toets = get_object_or_404(
        Rechtmatigheidstoets.objects.select_related(
            "voorziening__persoon", "voorziening__huishouden", "voorziening__product", "voorziening__aanbieder", "voorziening__contract",
            "voorziening__beschikking", "voorziening__verwijzing", "voorziening__toegekend_door", "getoetst_door",
        ),
        pk=pk,
    )
    v = toets.voorziening
    if v.gemeente_id != gemeente.pk:
        raise PermissionDenied("Deze toets hoort bij een andere gemeente.")
    # The grant's household, or (an imported grant without one) the person's current household: the dossier gate.
    huishouden = v.huishouden or huidig_huishouden(v.persoon, services.vandaag())
    if request.method == "POST":
        eis_persoon_wijziging(request, v.persoon, huishouden)
        return _beoordeel(request, toets)
    omschrijving = f"Rechtmatigheidstoets toewijzing {v.toewijzingnummer} ({v.product.naam}) van {v.persoon.naam} geopend"
    if weiger := open_persoon(request, v.persoon, huishouden, omschrijving):
        return weiger
    form = None
    if toets.uitkomst == ToetsUitkomst.OPEN and request.user.rol == Rol.BACKOFFICE:
        form = BeoordelingForm(initial={"version": v.version, "reden_wijziging": RedenWijziging.CORRECTIE})
    return _toets_pagina(request, toets, form)


def _toets_pagina(request: HttpRequest, toets: Rechtmatigheidstoets, form: BeoordelingForm | None, status: int = 200) -> HttpResponse:
    v = toets.voorziening
    context = {
        "toets": toets,
        "v": v,
        "gegevens": _gegevens(v),
        "pgb_gegevens": _pgb_gegevens(v),
        "pvb_gegevens": _pvb_gegevens(v),
        "mutaties": v.mutaties.select_related("door").order_by("tijdstip", "id"),
        "form": form,
    }
    return render(request, "besluiten/rechtmatigheid_toets.html", context, status=status)


def _beoordeel(request: HttpRequest, toets: Rechtmatigheidstoets) -> HttpResponse:
    if toets.uitkomst != ToetsUitkomst.OPEN:
        messages.warning(request, "Deze toets is al beoordeeld.")
        return redirect("besluiten:rechtmatigheid_toets", pk=toets.pk)
    form = BeoordelingForm(request.POST)
    if not form.is_valid():
        return _toets_pagina(request, toets, form, status=400)
    d = form.cleaned_data
    try:
        rechtmatigheid.beoordeel(
            request.user, toets, uitkomst=d["uitkomst"], bevinding=d["bevinding"], reden_wijziging=d["reden_wijziging"] or "",
            omvang=d["omvang"], einddatum=d["einddatum"], versie=d["version"], request=request,
        )
    except GelijktijdigGewijzigd as exc:
        toets.voorziening.refresh_from_db()
        data = request.POST.copy()
        data["version"] = str(toets.voorziening.version)
        form = BeoordelingForm(data)
        form.is_valid()
        form.add_error(None, str(exc))
        return _toets_pagina(request, toets, form, status=409)
    except ValidationError as exc:
        _zet_fouten(form, exc)
        return _toets_pagina(request, toets, form, status=400)
    nummer, uitkomst = toets.voorziening.toewijzingnummer, toets.get_uitkomst_display().lower()
    messages.success(request, f"De toets van toewijzing {nummer} is afgerond: {uitkomst}.")
    return redirect("besluiten:rechtmatigheid")
