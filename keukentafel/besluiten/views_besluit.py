"""The generalist's pages from a plan action to a grant: route, aanvraag, besluit, verwijzing, the grant's
lifecycle, the letters, and legal protection.

Thin, as the plan pages: load, pass the dossier gate (`open_dossier` for reads, `eis_dossier_wijziging` for
POSTs), validate a form, make one service call, redirect (POST-redirect-GET). A refusal comes back on the
form with the user's input intact; a concurrent change (`GelijktijdigGewijzigd`) comes back with HTTP 409,
the message and the new version, so a second click saves after reading what changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from keukentafel.aanbod.models import Aanbieder
from keukentafel.accounts import audit
from keukentafel.accounts.dossier import eis_dossier_wijziging, open_dossier
from keukentafel.accounts.models import AuditActie
from keukentafel.codelijsten import Eenheid, Frequentie, RedenWijziging, redenen_beeindiging
from keukentafel.inwoners.models import Huishouden, Persoon
from keukentafel.inwoners.persoontoegang import eis_persoon_wijziging, open_persoon
from keukentafel.inwoners.services import GelijktijdigGewijzigd, huidig_huishouden
from keukentafel.pdf import pdf_response
from keukentafel.plannen.models import Actie, PlanStatus, Trede

from . import besluitvorming, brieven, overzicht, rechtsbescherming, services
from .forms import (
    AanvraagForm,
    AanvraagIntrekkenForm,
    BeeindigForm,
    BesluitForm,
    BezwaarAfrondenForm,
    BezwaarForm,
    IntrekForm,
    KlachtAfhandelenForm,
    KlachtForm,
    OndertekeningForm,
    SecondOpinionAfrondenForm,
    SecondOpinionForm,
    VerwijzingForm,
    VerwijzingIntrekkenForm,
    WijzigForm,
    zet_fouten,
)
from .models import (
    Aanvraag,
    AanvraagStatus,
    Beschikking,
    Bezwaar,
    BezwaarUitkomst,
    Klacht,
    MutatieSoort,
    Pgbtoekenning,
    Pvbkeuze,
    SecondOpinion,
    ToegewezenVoorziening,
    Verwijzing,
    VoorzieningStatus,
)

ONBEKEND_FORMULIER = "Dit formulier hoort niet (meer) bij deze pagina: laad de pagina opnieuw."


# ---------------------------------------------------------------------------------------------
# helpers


def _poort(request: HttpRequest, huishouden: Huishouden, omschrijving: str) -> HttpResponse | None:
    """The dossier gate: a POST needs change access (403 otherwise), a GET is checked and logged as a read."""
    if request.method == "POST":
        eis_dossier_wijziging(request, huishouden)
        return None
    return open_dossier(request, huishouden, omschrijving)


def _lees_opnieuw(request: HttpRequest, huishouden: Huishouden | None, persoon: Persoon | None, omschrijving: str) -> None:
    """A page shown again after a refused POST shows the dossier: that is a read as well."""
    if request.method == "POST":
        obj = huishouden if huishouden is not None else persoon
        audit.log(request.user, AuditActie.LEZEN, obj, omschrijving=omschrijving, request=request)


def _met_nieuwe_versie(maak: Callable[..., Form], request: HttpRequest, prefix: str, versie: int, melding: str) -> Form:
    """The same form with the user's input, carrying the record's current version, plus the conflict message."""
    data = request.POST.copy()
    data[f"{prefix}-version"] = str(versie)
    form = maak(data)
    form.is_valid()
    form.add_error(None, melding)
    return form


# ---------------------------------------------------------------------------------------------
# 1. actie_besluit: from a maatwerk action to a verwijzing or an aanvraag


def _belemmering(actie: Actie, huishouden: Huishouden) -> str:
    """Why no verwijzing or aanvraag can start from this action now (empty: it can)."""
    if actie.doel.plan.status == PlanStatus.AFGESLOTEN:
        return "Dit plan is afgesloten: een aanvraag of verwijzing hoort bij een lopend plan."
    if actie.trede != Trede.MAATWERK:
        if actie.trede == Trede.ALGEMENE_VOORZIENING:
            return besluitvorming.GEEN_MAATWERK_ALGEMEEN
        return f"Deze actie staat op de trede '{actie.get_trede_display().lower()}': daarvoor is geen maatwerkvoorziening nodig."
    if actie.product_id is None:
        return "Bij deze actie is nog geen maatwerkproduct gekozen. Kies eerst het product bij de actie in het plan."
    if huishouden.gemeente_id is None:
        return "Van dit huishouden is de gemeente niet bekend; leg eerst het adres vast."
    return ""


@require_http_methods(["GET", "POST"])
def actie_besluit(request: HttpRequest, pk: int) -> HttpResponse:
    actie = get_object_or_404(Actie.objects.select_related("doel__plan__huishouden__gemeente", "doel__persoon", "product"), pk=pk)
    plan = actie.doel.plan
    huishouden = plan.huishouden
    if antwoord := _poort(request, huishouden, f"Aanvragen of verwijzen vanuit het plan van {huishouden.naam} geopend"):
        return antwoord
    op = services.vandaag()
    belemmering = _belemmering(actie, huishouden)
    route, tarieven = None, {}
    if not belemmering:
        route = besluitvorming.route_voor(actie.product, huishouden.gemeente, op)
        tarieven = overzicht.gecontracteerde_aanbieders(actie.product, huishouden.gemeente, op)

    def maak_verwijzing(data=None):
        return VerwijzingForm(data, actie=actie, huishouden=huishouden, tarieven=tarieven, op=op, prefix="verwijzing")

    def maak_aanvraag(data=None):
        return AanvraagForm(data, actie=actie, huishouden=huishouden, op=op, prefix="aanvraag")

    formulieren: dict[str, Form] = {}
    fout, status = "", 200
    if request.method == "POST":
        soort = request.POST.get("formulier", "")
        if belemmering:
            fout, status = belemmering, 409
        elif soort == "verwijzing" and route == besluitvorming.ROUTE_VERWIJZING:
            form = formulieren["verwijzing"] = maak_verwijzing(request.POST)
            if form.is_valid():
                d = form.cleaned_data
                try:
                    verwijzing = besluitvorming.maak_verwijzing(
                        request.user,
                        plan=plan,
                        actie=actie,
                        persoon=d["persoon"],
                        product=actie.product,
                        aanbieder=d["aanbieder"],
                        omvang=d["omvang"],
                        eenheid=d["eenheid"],
                        frequentie=d["frequentie"],
                        begindatum=d["begindatum"],
                        einddatum=d["einddatum"],
                        hulpvraag=d["hulpvraag"],
                        request=request,
                    )
                except ValidationError as exc:
                    zet_fouten(form, exc)
                else:
                    messages.success(
                        request, f"Verwijzing {verwijzing.kenmerk} is opgesteld. Laat de inwoner, uzelf en de aanbieder tekenen."
                    )
                    return redirect("besluiten:verwijzing", pk=verwijzing.pk)
        elif soort == "aanvraag":
            form = formulieren["aanvraag"] = maak_aanvraag(request.POST)
            if form.is_valid():
                d = form.cleaned_data
                try:
                    aanvraag = besluitvorming.maak_aanvraag(
                        request.user,
                        persoon=d["persoon"],
                        product=actie.product,
                        leveringsvorm=d["leveringsvorm"],
                        omvang=d["omvang"],
                        eenheid=actie.product.eenheid,
                        frequentie=d["frequentie"],
                        ontvangen_op=d["ontvangen_op"],
                        huishouden=huishouden,
                        plan=plan,
                        actie=actie,
                        toelichting=d["toelichting"],
                        op_verzoek_bij_verschil_van_mening=d["op_verzoek_bij_verschil_van_mening"],
                        request=request,
                    )
                except ValidationError as exc:
                    zet_fouten(form, exc)
                else:
                    messages.success(
                        request, f"De aanvraag is geregistreerd. Beslis uiterlijk op {aanvraag.uiterste_beslisdatum:%d-%m-%Y}."
                    )
                    return redirect("besluiten:aanvraag", pk=aanvraag.pk)
        else:
            fout, status = ONBEKEND_FORMULIER, 400
        _lees_opnieuw(request, huishouden, None, f"Aanvragen of verwijzen vanuit het plan van {huishouden.naam} geopend")

    context = {
        "actie": actie,
        "plan": plan,
        "huishouden": huishouden,
        "product": actie.product,
        "belemmering": belemmering,
        "route": route,
        "via_verwijzing": route == besluitvorming.ROUTE_VERWIJZING,
        "tarieven": sorted(tarieven.items(), key=lambda t: t[0].naam),
        "aanvragen": actie.aanvragen.select_related("persoon").order_by("-ontvangen_op", "-id"),
        "verwijzingen": actie.verwijzingen.select_related("aanbieder", "persoon").order_by("-opgesteld_op", "-id"),
        "fout": fout,
    }
    if not belemmering:
        context["verwijzing_form"] = formulieren.get("verwijzing") or (maak_verwijzing() if context["via_verwijzing"] else None)
        context["aanvraag_form"] = formulieren.get("aanvraag") or maak_aanvraag()
        context["aanvraag_open"] = "aanvraag" in formulieren or not context["via_verwijzing"]
    return render(request, "besluiten/actie_besluit.html", context, status=status)


# ---------------------------------------------------------------------------------------------
# 2. aanvraag: deadline, besluit, beschikking, bezwaar


@require_http_methods(["GET", "POST"])
def aanvraag_detail(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = get_object_or_404(
        Aanvraag.objects.select_related("persoon", "huishouden", "gemeente", "product", "plan", "actie", "behandelaar"), pk=pk
    )
    huishouden = aanvraag.huishouden
    omschrijving = f"Aanvraag {aanvraag.product.naam} van {aanvraag.persoon.naam} bekeken"
    if antwoord := _poort(request, huishouden, omschrijving):
        return antwoord
    op = services.vandaag()
    beschikking = Beschikking.objects.filter(aanvraag=aanvraag).select_related("afgegeven_door").first()
    is_open = aanvraag.status == AanvraagStatus.OPEN
    tarieven = overzicht.gecontracteerde_aanbieders(aanvraag.product, aanvraag.gemeente, op) if is_open else {}
    standaard_grondslag = besluitvorming.STANDAARD_GRONDSLAG.get(aanvraag.product.wet, "")

    def maak_besluit(data=None):
        return BesluitForm(data, aanvraag=aanvraag, tarieven=tarieven, op=op, standaard_grondslag=standaard_grondslag, prefix="besluit")

    def maak_intrekken(data=None):
        return AanvraagIntrekkenForm(data, initial={"version": aanvraag.version}, prefix="intrekken")

    def maak_bezwaar(data=None):
        return BezwaarForm(data, initial={"ontvangen_op": op}, prefix="bezwaar")

    formulieren: dict[str, Form] = {}
    fout, status = "", 200
    terug = reverse("besluiten:aanvraag", args=[aanvraag.pk])
    if request.method == "POST":
        soort = request.POST.get("formulier", "")
        if soort == "besluit" and is_open:
            form = formulieren["besluit"] = maak_besluit(request.POST)
            if form.is_valid():
                d = form.cleaned_data
                try:
                    beschikking = besluitvorming.beslis(
                        request.user,
                        aanvraag,
                        d["version"],
                        besluit=d["besluit"],
                        motivering=d["motivering"],
                        grondslag=d["grondslag"],
                        verzoek=form.verzoek(),
                        request=request,
                    )
                except GelijktijdigGewijzigd as exc:
                    aanvraag.refresh_from_db()
                    formulieren["besluit"] = _met_nieuwe_versie(maak_besluit, request, "besluit", aanvraag.version, str(exc))
                    fout, status = "Niet opgeslagen: iemand anders heeft de aanvraag intussen gewijzigd.", 409
                except ValidationError as exc:
                    zet_fouten(form, exc)
                else:
                    messages.success(
                        request,
                        f"Het besluit is vastgelegd in beschikking {beschikking.kenmerk}. "
                        "Download de brief en verstuur die aan de inwoner.",
                    )
                    return redirect(f"{terug}#beschikking")
        elif soort == "intrekken" and is_open:
            form = formulieren["intrekken"] = maak_intrekken(request.POST)
            if form.is_valid():
                try:
                    besluitvorming.trek_aanvraag_in(
                        request.user, aanvraag, form.cleaned_data["version"], reden=form.cleaned_data["reden"], request=request
                    )
                except GelijktijdigGewijzigd as exc:
                    aanvraag.refresh_from_db()
                    formulieren["intrekken"] = _met_nieuwe_versie(maak_intrekken, request, "intrekken", aanvraag.version, str(exc))
                    fout, status = "Niet opgeslagen: iemand anders heeft de aanvraag intussen gewijzigd.", 409
                except ValidationError as exc:
                    zet_fouten(form, exc)
                else:
                    messages.success(request, "De aanvraag is ingetrokken.")
                    return redirect(terug)
        elif soort == "bezwaar" and beschikking is not None:
            form = formulieren["bezwaar"] = maak_bezwaar(request.POST)
            if form.is_valid():
                d = form.cleaned_data
                try:
                    bezwaar = rechtsbescherming.registreer_bezwaar(
                        request.user,
                        beschikking,
                        ontvangen_op=d["ontvangen_op"],
                        gronden=d["gronden"],
                        route=d["route"],
                        verschoonbaar=d["verschoonbaar"],
                        request=request,
                    )
                except ValidationError as exc:
                    zet_fouten(form, exc)
                else:
                    termijn = "binnen de termijn" if bezwaar.tijdig else "na de termijn"
                    messages.success(request, f"Het bezwaar is geregistreerd ({termijn}).")
                    return redirect(f"{terug}#bezwaren")
        elif soort in ("besluit", "intrekken"):
            fout, status = f"Niet opgeslagen: deze aanvraag is al {aanvraag.get_status_display().lower()}.", 409
        else:
            fout, status = ONBEKEND_FORMULIER, 409
        _lees_opnieuw(request, huishouden, None, omschrijving)

    is_open = aanvraag.status == AanvraagStatus.OPEN
    context = {
        "aanvraag": aanvraag,
        "huishouden": huishouden,
        "termijn": overzicht.beslistermijn(aanvraag, op) if is_open else None,
        "is_open": is_open,
        "beschikking": beschikking,
        "voorzieningen": list(beschikking.voorzieningen.select_related("aanbieder", "product")) if beschikking else [],
        "bezwaren": list(beschikking.bezwaren.all()) if beschikking else [],
        "besluit_form": (formulieren.get("besluit") or maak_besluit()) if is_open else None,
        "intrekken_form": (formulieren.get("intrekken") or maak_intrekken()) if is_open else None,
        "intrekken_open": "intrekken" in formulieren,
        "bezwaar_form": (formulieren.get("bezwaar") or maak_bezwaar()) if beschikking else None,
        "pgb_maximum": overzicht.pgb_maximum(aanvraag.product, aanvraag.gemeente, op) if is_open else None,
        "eenheid": aanvraag.get_eenheid_display().lower(),
        "fout": fout,
    }
    return render(request, "besluiten/aanvraag_detail.html", context, status=status)


# ---------------------------------------------------------------------------------------------
# 3. beschikking as a letter


_adres = brieven.adres


@require_GET
def beschikking_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    beschikking = get_object_or_404(Beschikking.objects.select_related(*brieven.BESCHIKKING_RELATIES), pk=pk)
    aanvraag = beschikking.aanvraag
    huishouden = aanvraag.huishouden
    if antwoord := open_dossier(request, huishouden, f"Beschikking {beschikking.kenmerk} geopend voor PDF"):
        return antwoord
    audit.log(
        request.user,
        AuditActie.EXPORT,
        beschikking,
        huishouden_id=huishouden.pk,
        request=request,
        omschrijving=f"Beschikking {beschikking.kenmerk} ({aanvraag.product.naam}) als PDF gedownload",
    )
    context = brieven.beschikking_context(beschikking)
    return pdf_response("besluiten/pdf/beschikking.html", context, brieven.beschikking_bestandsnaam(beschikking))


# ---------------------------------------------------------------------------------------------
# 4. verwijzing: signatures, letter


@require_http_methods(["GET", "POST"])
def verwijzing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    verwijzing = get_object_or_404(
        Verwijzing.objects.select_related("persoon", "huishouden", "product", "aanbieder", "plan", "actie", "opgesteld_door"), pk=pk
    )
    huishouden = verwijzing.huishouden
    omschrijving = f"Verwijzing {verwijzing.kenmerk} van {verwijzing.persoon.naam} bekeken"
    if antwoord := _poort(request, huishouden, omschrijving):
        return antwoord
    voorziening = verwijzing.voorzieningen.order_by("pk").first()
    form = intrekken = None
    fout, status = "", 200
    if request.method == "POST":
        open_verwijzing = voorziening is None and verwijzing.ingetrokken_op is None
        if request.POST.get("formulier") == "intrekken" and open_verwijzing:
            intrekken = VerwijzingIntrekkenForm(request.POST, prefix="intrekken")
            if intrekken.is_valid():
                try:
                    besluitvorming.trek_verwijzing_in(request.user, verwijzing, reden=intrekken.cleaned_data["reden"], request=request)
                except ValidationError as exc:
                    zet_fouten(intrekken, exc)
                else:
                    messages.success(request, "De verwijzing is ingetrokken.")
                    return redirect("besluiten:verwijzing", pk=verwijzing.pk)
        elif request.POST.get("formulier") == "ondertekenen" and open_verwijzing:
            form = OndertekeningForm(request.POST, verwijzing=verwijzing, prefix="teken")
            if form.is_valid():
                try:
                    voorziening = besluitvorming.onderteken_verwijzing(request.user, verwijzing, **form.service_velden(), request=request)
                except ValidationError as exc:
                    verwijzing.refresh_from_db()  # the service may have set signatures on the object before it rolled back
                    zet_fouten(form, exc)
                else:
                    if voorziening is not None:
                        messages.success(
                            request,
                            f"Alle drie hebben getekend: {verwijzing.product.naam} is toegewezen "
                            f"(toewijzingnummer {voorziening.toewijzingnummer}).",
                        )
                    else:
                        messages.success(request, "De ondertekening is vastgelegd. De verwijzing wacht nog op de andere handtekeningen.")
                    return redirect("besluiten:verwijzing", pk=verwijzing.pk)
        else:
            fout, status = ONBEKEND_FORMULIER, 409
        _lees_opnieuw(request, huishouden, None, omschrijving)
    if voorziening is None and verwijzing.ingetrokken_op is None:
        form = form or OndertekeningForm(verwijzing=verwijzing, prefix="teken")
        intrekken = intrekken or VerwijzingIntrekkenForm(prefix="intrekken")
    else:
        form = intrekken = None
    return render(
        request,
        "besluiten/verwijzing_detail.html",
        {
            "verwijzing": verwijzing,
            "huishouden": huishouden,
            "voorziening": voorziening,
            "form": form,
            "intrekken": intrekken,
            "fout": fout,
        },
        status=status,
    )


@require_GET
def verwijzing_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    verwijzing = get_object_or_404(
        Verwijzing.objects.select_related("persoon", "huishouden", "gemeente", "product", "aanbieder", "opgesteld_door"), pk=pk
    )
    huishouden = verwijzing.huishouden
    if antwoord := open_dossier(request, huishouden, f"Verwijzing {verwijzing.kenmerk} geopend voor PDF"):
        return antwoord
    audit.log(
        request.user,
        AuditActie.EXPORT,
        verwijzing,
        huishouden_id=huishouden.pk,
        request=request,
        omschrijving=f"Verwijsbrief {verwijzing.kenmerk} ({verwijzing.product.naam}) als PDF gedownload",
    )
    context = {
        "verwijzing": verwijzing,
        "persoon": verwijzing.persoon,
        "adres": _adres(verwijzing.persoon, huishouden),
        "gemeente": verwijzing.gemeente,
    }
    return pdf_response("besluiten/pdf/verwijsbrief.html", context, f"verwijsbrief-{verwijzing.kenmerk}.pdf")


# ---------------------------------------------------------------------------------------------
# 5. voorziening: history and lifecycle

VELDLABELS = {
    "omvang": "Omvang",
    "eenheid": "Eenheid",
    "frequentie": "Frequentie",
    "begindatum": "Begindatum",
    "einddatum": "Einddatum",
    "status": "Status",
    "reden_wijziging": "Reden wijziging",
    "reden_beeindiging": "Reden beëindiging",
}
_ISO_DATUM = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _waarde(veld: str, waarde: str | None, wet: str) -> str:
    """A stored before/after value as the page shows it (dates d-m-Y, codes with their label)."""
    if waarde in (None, ""):
        return "–"
    if m := _ISO_DATUM.match(waarde):
        return f"{m[3]}-{m[2]}-{m[1]}"
    keuzes = {
        "eenheid": Eenheid.choices,
        "frequentie": Frequentie.choices,
        "status": VoorzieningStatus.choices,
        "reden_wijziging": RedenWijziging.choices,
        "reden_beeindiging": redenen_beeindiging(wet).choices,
    }.get(veld)
    return dict(keuzes).get(waarde, waarde) if keuzes else waarde


def _historie(v: ToegewezenVoorziening) -> list[dict]:
    rijen = []
    for m in v.mutaties.select_related("door"):
        if m.soort == MutatieSoort.BEEINDIGING:
            reden = dict(redenen_beeindiging(v.product.wet).choices).get(m.reden_code, m.reden_code)
        else:
            reden = dict(RedenWijziging.choices).get(m.reden_code, m.reden_code)
        wijzigingen = [
            (VELDLABELS.get(k, k), _waarde(k, m.oud.get(k), v.product.wet), _waarde(k, nieuw, v.product.wet))
            for k, nieuw in m.nieuw.items()
            if m.oud and m.oud.get(k) != nieuw
        ]
        rijen.append({"mutatie": m, "reden": f"{m.reden_code} {reden}" if m.reden_code else "", "wijzigingen": wijzigingen})
    return rijen


@require_http_methods(["GET", "POST"])
def voorziening_detail(request: HttpRequest, pk: int) -> HttpResponse:
    v = get_object_or_404(
        ToegewezenVoorziening.objects.select_related(
            "persoon", "huishouden", "product", "aanbieder", "contract", "beschikking__aanvraag", "verwijzing", "toegekend_door"
        ),
        pk=pk,
    )
    huishouden = v.huishouden or huidig_huishouden(v.persoon, services.vandaag())
    omschrijving = f"Toewijzing {v.toewijzingnummer} ({v.product.naam}) van {v.persoon.naam} bekeken"
    if huishouden is None:
        # No household to check need-to-know against: at least the grant's own gemeente must be the user's.
        werkgemeente = getattr(request.user, "werkgemeente", None)
        if werkgemeente is None or werkgemeente.pk != v.gemeente_id:
            audit.log(request.user, AuditActie.GEWEIGERD, v, omschrijving=f"Toewijzing {v.toewijzingnummer} niet geopend", request=request)
            raise PermissionDenied("Deze toewijzing hoort bij een andere gemeente.")
    if request.method == "POST":
        eis_persoon_wijziging(request, v.persoon, huishouden)
    elif antwoord := open_persoon(request, v.persoon, huishouden, omschrijving):
        return antwoord
    op = services.vandaag()

    def maak(soort: str, data=None) -> Form:
        initial = {"version": v.version}
        if soort == "wijzigen":
            return WijzigForm(data, initial={**initial, "omvang": v.omvang, "einddatum": v.einddatum}, prefix="wijzigen")
        if soort == "intrekken":
            return IntrekForm(data, initial={**initial, "per": op}, prefix="intrekken")
        return BeeindigForm(data, wet=v.product.wet, initial={**initial, "per": op}, prefix="beeindigen")

    formulieren: dict[str, Form] = {}
    fout, status = "", 200
    if request.method == "POST":
        soort = request.POST.get("formulier", "")
        if soort in ("wijzigen", "intrekken", "beeindigen") and v.status == VoorzieningStatus.ACTIEF:
            form = formulieren[soort] = maak(soort, request.POST)
            if form.is_valid():
                d = form.cleaned_data
                try:
                    if soort == "wijzigen":
                        services.wijzig(
                            request.user,
                            v,
                            d["version"],
                            reden_wijziging=d["reden_wijziging"],
                            toelichting=d["toelichting"],
                            omvang=d["omvang"],
                            einddatum=d["einddatum"],
                            request=request,
                        )
                        tekst = "De toewijzing is gewijzigd."
                    elif soort == "intrekken":
                        services.trek_in(
                            request.user,
                            v,
                            d["version"],
                            reden_wijziging=d["reden_wijziging"],
                            toelichting=d["toelichting"],
                            per=d["per"],
                            request=request,
                        )
                        tekst = f"De toewijzing is ingetrokken per {v.einddatum:%d-%m-%Y}."
                    else:
                        services.beeindig(
                            request.user,
                            v,
                            d["version"],
                            reden_beeindiging=d["reden_beeindiging"],
                            per=d["per"],
                            toelichting=d["toelichting"],
                            request=request,
                        )
                        tekst = f"De toewijzing is beëindigd per {v.einddatum:%d-%m-%Y}."
                except GelijktijdigGewijzigd as exc:
                    v.refresh_from_db()
                    formulieren[soort] = _met_nieuwe_versie(lambda data: maak(soort, data), request, soort, v.version, str(exc))
                    fout, status = (
                        "Niet opgeslagen: iemand anders heeft de toewijzing intussen gewijzigd. Uw invoer staat nog in het formulier.",
                        409,
                    )
                except ValidationError as exc:
                    v.refresh_from_db()
                    zet_fouten(form, exc)
                else:
                    messages.success(request, tekst)
                    return redirect("besluiten:voorziening", pk=v.pk)
        elif soort in ("wijzigen", "intrekken", "beeindigen"):
            fout, status = f"Niet opgeslagen: deze toewijzing is al {v.get_status_display().lower()}.", 409
        else:
            fout, status = ONBEKEND_FORMULIER, 409
        _lees_opnieuw(request, huishouden, v.persoon, omschrijving)

    actief = v.status == VoorzieningStatus.ACTIEF
    context = {
        "v": v,
        "huishouden": huishouden,
        "pgb": Pgbtoekenning.objects.filter(voorziening=v).first(),
        "pvb": Pvbkeuze.objects.filter(voorziening=v).first(),
        "historie": _historie(v),
        "actief": actief,
        "fout": fout,
        "open_formulier": next(iter(formulieren), ""),
    }
    if actief:
        context.update({f"{s}_form": formulieren.get(s) or maak(s) for s in ("wijzigen", "intrekken", "beeindigen")})
    return render(request, "besluiten/voorziening_detail.html", context, status=status)


# ---------------------------------------------------------------------------------------------
# 6. rechtsbescherming: bezwaar, klacht, second opinion of a household


@require_http_methods(["GET", "POST"])
def rechtsbescherming_overzicht(request: HttpRequest, huishouden_pk: int) -> HttpResponse:
    huishouden = get_object_or_404(Huishouden.objects.select_related("gemeente"), pk=huishouden_pk)
    omschrijving = f"Bezwaren, klachten en second opinions van {huishouden.naam} bekeken"
    if antwoord := _poort(request, huishouden, omschrijving):
        return antwoord
    op = services.vandaag()
    personen = Persoon.objects.filter(lidmaatschappen__huishouden=huishouden).distinct().order_by("geboortedatum")
    beschikkingen = Beschikking.objects.filter(aanvraag__huishouden=huishouden).select_related("aanvraag__product")
    aanbieders = Aanbieder.objects.filter(actief=True).order_by("naam")

    def maak(soort: str, data=None, obj=None) -> Form:
        if soort == "bezwaar":
            return BezwaarForm(data, beschikkingen=beschikkingen, initial={"ontvangen_op": op}, prefix="bezwaar")
        if soort == "klacht":
            return KlachtForm(data, personen=personen, aanbieders=aanbieders, initial={"ontvangen_op": op}, prefix="klacht")
        if soort == "second_opinion":
            return SecondOpinionForm(data, personen=personen, beschikkingen=beschikkingen, initial={"aangevraagd_op": op}, prefix="so")
        if soort == "bezwaar_afronden":
            initial = {"version": obj.version, "beslist_op": op, "route": obj.route}
            return BezwaarAfrondenForm(data, initial=initial, prefix=f"bezwaar-{obj.pk}")
        if soort == "klacht_afhandelen":
            return KlachtAfhandelenForm(data, initial={"afgehandeld_op": op}, prefix=f"klacht-{obj.pk}")
        return SecondOpinionAfrondenForm(data, initial={"afgerond_op": op}, prefix=f"so-{obj.pk}")

    formulieren: dict[str, Form] = {}
    fout, status = "", 200
    terug = reverse("besluiten:rechtsbescherming", args=[huishouden.pk])
    if request.method == "POST":
        soort = request.POST.get("formulier", "")
        obj = None
        if soort in ("bezwaar_afronden", "klacht_afhandelen", "so_afronden"):
            item_pk = request.POST.get("pk", "")
            model, filter_ = {
                "bezwaar_afronden": (Bezwaar, {"beschikking__aanvraag__huishouden": huishouden}),
                "klacht_afhandelen": (Klacht, {"huishouden": huishouden}),
                "so_afronden": (SecondOpinion, {"huishouden": huishouden}),
            }[soort]
            obj = get_object_or_404(model, pk=int(item_pk) if item_pk.isdigit() else 0, **filter_)
        if soort in ("bezwaar", "klacht", "second_opinion", "bezwaar_afronden", "klacht_afhandelen", "so_afronden"):
            sleutel = f"{soort}-{obj.pk}" if obj is not None else soort
            form = formulieren[sleutel] = maak(soort, request.POST, obj)
            if form.is_valid():
                d = form.cleaned_data
                try:
                    tekst, anker = _rechtsbescherming_actie(request, soort, d, huishouden, obj)
                except GelijktijdigGewijzigd as exc:
                    obj.refresh_from_db()
                    formulieren[sleutel] = _met_nieuwe_versie(
                        lambda data: maak(soort, data, obj), request, form.prefix, obj.version, str(exc)
                    )
                    fout, status = "Niet opgeslagen: iemand anders heeft het bezwaar intussen gewijzigd.", 409
                except ValidationError as exc:
                    zet_fouten(form, exc)
                else:
                    messages.success(request, tekst)
                    return redirect(f"{terug}#{anker}")
        else:
            fout, status = ONBEKEND_FORMULIER, 400
        _lees_opnieuw(request, huishouden, None, omschrijving)

    bezwaren = list(
        Bezwaar.objects.filter(beschikking__aanvraag__huishouden=huishouden).select_related(
            "beschikking__aanvraag__product", "beschikking__aanvraag__persoon"
        )
    )
    klachten = list(huishouden.klachten.select_related("persoon", "aanbieder"))
    second_opinions = list(huishouden.second_opinions.select_related("persoon", "beschikking"))
    for b in bezwaren:
        b.form = (
            (formulieren.get(f"bezwaar_afronden-{b.pk}") or maak("bezwaar_afronden", None, b))
            if b.uitkomst == BezwaarUitkomst.OPEN
            else None
        )
        b.form_open = f"bezwaar_afronden-{b.pk}" in formulieren
    for k in klachten:
        k.form = (formulieren.get(f"klacht_afhandelen-{k.pk}") or maak("klacht_afhandelen", None, k)) if k.afgehandeld_op is None else None
        k.form_open = f"klacht_afhandelen-{k.pk}" in formulieren
    for s in second_opinions:
        s.form = (formulieren.get(f"so_afronden-{s.pk}") or maak("so_afronden", None, s)) if s.afgerond_op is None else None
        s.form_open = f"so_afronden-{s.pk}" in formulieren
    context = {
        "huishouden": huishouden,
        "bezwaren": bezwaren,
        "klachten": klachten,
        "second_opinions": second_opinions,
        "heeft_beschikkingen": beschikkingen.exists(),
        "bezwaar_form": formulieren.get("bezwaar") or maak("bezwaar"),
        "klacht_form": formulieren.get("klacht") or maak("klacht"),
        "so_form": formulieren.get("second_opinion") or maak("second_opinion"),
        "open_formulier": next(iter(formulieren), ""),
        "fout": fout,
    }
    return render(request, "besluiten/rechtsbescherming.html", context, status=status)


def _rechtsbescherming_actie(request: HttpRequest, soort: str, d: dict, huishouden: Huishouden, obj) -> tuple[str, str]:
    """One service call per form; returns the success message and the anchor to return to."""
    door = request.user
    if soort == "bezwaar":
        b = rechtsbescherming.registreer_bezwaar(
            door,
            d["beschikking"],
            ontvangen_op=d["ontvangen_op"],
            gronden=d["gronden"],
            route=d["route"],
            verschoonbaar=d["verschoonbaar"],
            request=request,
        )
        return f"Het bezwaar tegen {b.beschikking.kenmerk} is geregistreerd ({'tijdig' if b.tijdig else 'na de termijn'}).", "bezwaren"
    if soort == "bezwaar_afronden":
        rechtsbescherming.rond_bezwaar_af(
            door,
            obj,
            d["version"],
            uitkomst=d["uitkomst"],
            beslist_op=d["beslist_op"],
            toelichting=d["toelichting"],
            route=d["route"],
            request=request,
        )
        return f"Het bezwaar is afgerond: {obj.get_uitkomst_display().lower()}.", "bezwaren"
    if soort == "klacht":
        rechtsbescherming.registreer_klacht(
            door,
            persoon=d["persoon"],
            huishouden=huishouden,
            over=d["over"],
            aanbieder=d["aanbieder"],
            ontvangen_op=d["ontvangen_op"],
            omschrijving=d["omschrijving"],
            request=request,
        )
        return "De klacht is geregistreerd.", "klachten"
    if soort == "klacht_afhandelen":
        rechtsbescherming.handel_klacht_af(door, obj, afgehandeld_op=d["afgehandeld_op"], afhandeling=d["afhandeling"], request=request)
        return "De klacht is afgehandeld.", "klachten"
    if soort == "second_opinion":
        rechtsbescherming.vraag_second_opinion(
            door,
            persoon=d["persoon"],
            huishouden=huishouden,
            beschikking=d["beschikking"],
            aangevraagd_op=d["aangevraagd_op"],
            vraag=d["vraag"],
            uitgevoerd_door=d["uitgevoerd_door"],
            request=request,
        )
        return "De second opinion is vastgelegd.", "second-opinions"
    rechtsbescherming.rond_second_opinion_af(door, obj, afgerond_op=d["afgerond_op"], uitkomst=d["uitkomst"], request=request)
    return "De second opinion is afgerond.", "second-opinions"
