"""Staff pages of the access flow. Thin: check access, validate a form, call one service, redirect.

Every page about a household goes through `open_dossier` (GET) or `eis_dossier_wijziging` (POST);
anonymous signals (no household) are open to the dossier roles of the signal's gemeente only.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from keukentafel.accounts import audit
from keukentafel.accounts.access import Toegang, eis_dossierrol, heeft_dossierrol, toegang_tot
from keukentafel.accounts.dossier import eis_dossier_wijziging, open_dossier
from keukentafel.accounts.models import AuditActie
from keukentafel.beleid.models import Leefgebied
from keukentafel.inwoners.models import Huishouden
from keukentafel.inwoners.services import GelijktijdigGewijzigd
from keukentafel.pdf import pdf_response
from keukentafel.plannen.models import Ondersteuningsplan

from . import services
from .forms import (
    AfrondenForm,
    GesprekPlannenForm,
    GesprekVastleggenForm,
    MeldingForm,
    OnderzoekStartenForm,
    OpmerkingInwonerForm,
    OpschortenForm,
    OpschortingEindeForm,
    ToewijzenForm,
    TriageForm,
    VerwerkenForm,
)
from .models import Gesprek, MelderType, Melding, MeldingStatus, Onderzoek, OnderzoekStatus, Zelfredzaamheidsscore
from .werkvoorraad import werkvoorraad_voor


def _toegang_melding(request: HttpRequest, melding: Melding, omschrijving: str) -> HttpResponse | None:
    """The dossier gate for a melding; a melding without household (anonymous signal) stays within its gemeente."""
    if melding.huishouden_id:
        if request.method == "POST":
            eis_dossier_wijziging(request, melding.huishouden)
            return None
        return open_dossier(request, melding.huishouden, omschrijving)
    gemeente = request.user.werkgemeente if heeft_dossierrol(request.user) else None
    if gemeente is None or gemeente.pk != melding.gemeente_id:
        audit.log(
            request.user,
            AuditActie.GEWEIGERD,
            melding,
            omschrijving="Signaal zonder huishouden niet geopend: andere gemeente of rol",
            request=request,
        )
        raise PermissionDenied("Dit signaal hoort niet bij uw gemeente of uw rol geeft geen toegang tot signalen.")
    if request.method == "GET":
        audit.log(request.user, AuditActie.LEZEN, melding, omschrijving=omschrijving, request=request)
    return None


def _toegang_huishouden(request: HttpRequest, huishouden, omschrijving: str) -> HttpResponse | None:
    if request.method == "POST":
        eis_dossier_wijziging(request, huishouden)
        return None
    return open_dossier(request, huishouden, omschrijving)


def _met_versie(form_cls, request: HttpRequest, actuele_versie: int, **kwargs):
    """Re-bind the user's input with the current version, so saving again after a conflict is possible."""
    prefix = kwargs.get("prefix")
    data = request.POST.copy()
    data[f"{prefix}-version" if prefix else "version"] = str(actuele_versie)
    form = form_cls(data, **kwargs)
    form.is_valid()
    return form


def koppeltekst(melding: Melding) -> str:
    """Who was told about a melding that joined a running case (shown after saving and on the melding page)."""
    plan = Ondersteuningsplan.objects.open().filter(huishouden_id=melding.huishouden_id).select_related("regisseur").first()
    if melding.toegewezen_aan_id:
        rol = "regisseur" if plan and plan.regisseur_id == melding.toegewezen_aan_id else "behandelaar"
        wie = f"{rol} {melding.toegewezen_aan}"
    elif melding.team_id:
        wie = f"gebiedsteam {melding.team}"
    else:
        wie = "het gebiedsteam"
    return f"Deze melding is gekoppeld aan de lopende casus van dit huishouden; {wie} is op de hoogte gebracht via de werkvoorraad."


# ---------------------------------------------------------------------------------------------------
# Werkvoorraad and anonymous signals
# ---------------------------------------------------------------------------------------------------


@require_GET
def werkvoorraad(request: HttpRequest) -> HttpResponse:
    return render(request, "toegang/werkvoorraad.html", {"wv": werkvoorraad_voor(request.user)})


@require_GET
def anonieme_signalen(request: HttpRequest) -> HttpResponse:
    eis_dossierrol(request)
    gemeente = request.user.werkgemeente
    if gemeente is None:
        raise PermissionDenied("U werkt niet voor een gemeente; anonieme signalen horen bij een gemeente.")
    qs = Melding.objects.filter(anoniem=True, gemeente=gemeente).select_related("toegewezen_aan", "team")
    if request.GET.get("alle") != "1":
        qs = qs.exclude(status=MeldingStatus.AFGESLOTEN)
    pagina = Paginator(qs.order_by("-ontvangen_op", "-id"), 50).get_page(request.GET.get("pagina"))
    audit.log(request.user, AuditActie.LEZEN, None, omschrijving=f"Lijst anonieme signalen {gemeente} bekeken", request=request)
    return render(
        request,
        "toegang/anonieme_signalen.html",
        {"pagina": pagina, "gemeente": gemeente, "alle": request.GET.get("alle") == "1"},
    )


# ---------------------------------------------------------------------------------------------------
# Nieuwe melding
# ---------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def melding_nieuw(request: HttpRequest) -> HttpResponse:
    eis_dossierrol(request)
    if request.method == "POST":
        form = MeldingForm(request.POST)
        if form.is_valid():
            try:
                melding = services.registreer_melding_met_inwoner(
                    request.user, werkgemeente=request.user.werkgemeente, request=request, **form.service_kwargs()
                )
            except ValidationError as exc:
                form.zet_fouten(exc)
            except IntegrityError:
                form.add_error(None, "Deze persoon is zojuist door iemand anders geregistreerd. Verstuur het formulier opnieuw.")
            else:
                return _na_registratie(request, form, melding)
        return render(request, "toegang/melding_nieuw.html", {"form": form}, status=400)
    initial = {"ontvangen_op": timezone.localtime().replace(second=0, microsecond=0)}
    if request.GET.get("anoniem") == "1":
        initial["melder_type"] = MelderType.ANONIEM
    huishouden = None
    if request.GET.get("huishouden", "").isdigit():
        # From the dossier: the aanvrager's BSN goes into the form body (never into a URL).
        huishouden = get_object_or_404(Huishouden, pk=int(request.GET["huishouden"]))
        if weiger := open_dossier(request, huishouden, f"Nieuwe melding voor {huishouden.naam} geopend"):
            return weiger
        lid = huishouden.leden_op().order_by("rol", "begindatum").first()
        if lid:
            initial["bsn"] = lid.persoon.bsn
    context = {"form": MeldingForm(initial=initial), "voor_huishouden": huishouden}
    return render(request, "toegang/melding_nieuw.html", context)


def _na_registratie(request: HttpRequest, form: MeldingForm, melding: Melding) -> HttpResponse:
    if melding.anoniem:
        messages.success(request, "Het anonieme signaal is vastgelegd.")
        return redirect("toegang:melding_detail", pk=melding.pk)
    if form.bestaande_persoon is not None:
        tekst = "Dit BSN was al bekend: de melding is gekoppeld aan die persoon en het huishouden."
        if form.persoonsgegevens_ingevuld():
            tekst += " De ingevulde persoonsgegevens zijn niet overgenomen; wijzig die zo nodig bij de persoon."
        messages.info(request, tekst)
    if melding.status == MeldingStatus.GEKOPPELD:
        messages.warning(request, koppeltekst(melding))
    if toegang_tot(request.user, melding.huishouden) in (Toegang.EIGEN, Toegang.MET_REDEN):
        messages.success(request, "De melding is geregistreerd.")
        return redirect("toegang:melding_detail", pk=melding.pk)
    team = f" en doorgezet naar {melding.team}" if melding.team_id else ""
    messages.success(request, f"De melding is geregistreerd{team}. Het dossier hoort niet bij uw gebied.")
    return redirect("toegang:werkvoorraad")


# ---------------------------------------------------------------------------------------------------
# Melding detail: triage, toewijzen, onderzoek starten, verwerken in casus
# ---------------------------------------------------------------------------------------------------

MELDING_ACTIES = {
    "trieer": (TriageForm, "triage"),
    "toewijzen": (ToewijzenForm, "toewijzen"),
    "onderzoek": (OnderzoekStartenForm, "onderzoek"),
    "verwerken": (VerwerkenForm, "verwerken"),
}


def _melding(pk: int) -> Melding:
    return get_object_or_404(
        Melding.objects.select_related(
            "gemeente", "persoon", "huishouden", "team", "toegewezen_aan", "getrieerd_door", "geregistreerd_door", "gekoppeld_aan"
        ),
        pk=pk,
    )


@require_http_methods(["GET", "POST"])
def melding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    melding = _melding(pk)
    weigering = _toegang_melding(request, melding, f"Melding {melding.pk} geopend")
    if weigering:
        return weigering
    forms: dict = {}
    status = 200
    if request.method == "POST":
        actie = request.POST.get("actie", "")
        if actie not in MELDING_ACTIES:
            return redirect("toegang:melding_detail", pk=melding.pk)
        form_cls, prefix = MELDING_ACTIES[actie]
        form = form_cls(request.POST, melding=melding, prefix=prefix)
        if form.is_valid():
            try:
                uitkomst = _voer_melding_actie_uit(request, melding, actie, form.cleaned_data)
            except GelijktijdigGewijzigd as exc:
                melding = _melding(pk)
                form = _met_versie(form_cls, request, melding.version, melding=melding, prefix=prefix)
                form.add_error(None, str(exc))
                status = 409
            except ValidationError as exc:
                form.zet_fouten(exc)
                status = 400
            else:
                messages.success(request, uitkomst[0])
                return redirect(uitkomst[1])
        else:
            status = 400
        forms[prefix] = form
    return render(request, "toegang/melding_detail.html", _melding_context(melding, forms), status=status)


def _voer_melding_actie_uit(request: HttpRequest, melding: Melding, actie: str, d: dict) -> tuple[str, str]:
    """Run the chosen service; return the success message and where to go next."""
    terug = reverse("toegang:melding_detail", args=[melding.pk])
    if actie == "trieer":
        services.trieer(
            request.user,
            melding,
            uitkomst=d["uitkomst"],
            verwachte_versie=d["version"],
            vraagtype=d.get("vraagtype") or "",
            toelichting=d.get("toelichting") or "",
            toewijzen_aan=d.get("toewijzen_aan"),
            voorliggend=d.get("voorliggend") or "",
            doorverwezen_naar=d.get("doorverwezen_naar") or "",
            request=request,
        )
        if melding.status == MeldingStatus.AFGESLOTEN:
            return f"Triage vastgelegd: {melding.get_triage_uitkomst_display()}. De melding is afgesloten.", terug
        return f"Triage vastgelegd: {melding.get_triage_uitkomst_display()}.", terug
    if actie == "toewijzen":
        services.wijs_toe(request.user, melding, d["medewerker"], d["version"], request=request)
        return f"De melding is toegewezen aan {d['medewerker']}.", terug
    if actie == "onderzoek":
        onderzoek = services.start_onderzoek(request.user, melding, behandelaar=d.get("behandelaar"), request=request)
        return f"Het onderzoek is gestart; uiterlijk {onderzoek.uiterste_datum():%d-%m-%Y} afronden.", reverse(
            "toegang:onderzoek_detail", args=[onderzoek.pk]
        )
    services.verwerk_in_casus(request.user, melding, verwachte_versie=d["version"], toelichting=d.get("toelichting") or "", request=request)
    return "De melding is verwerkt in de lopende casus en afgesloten.", terug


def _melding_context(melding: Melding, forms: dict) -> dict:
    onderzoek = Onderzoek.objects.filter(melding=melding).first()
    open_status = melding.status in (MeldingStatus.NIEUW, MeldingStatus.IN_BEHANDELING)
    kan = {
        "triage": open_status and onderzoek is None,
        "toewijzen": open_status or melding.status == MeldingStatus.GEKOPPELD,
        "onderzoek": open_status and onderzoek is None and melding.huishouden_id is not None,
        "verwerken": melding.status == MeldingStatus.GEKOPPELD,
    }
    for actie, (form_cls, prefix) in MELDING_ACTIES.items():
        if prefix not in forms and kan[prefix]:
            initial = {"version": melding.version}
            if actie == "toewijzen" and melding.toegewezen_aan_id:
                initial["medewerker"] = melding.toegewezen_aan_id
            forms[prefix] = form_cls(melding=melding, prefix=prefix, initial=initial)
    gekoppelde = list(melding.gekoppelde_meldingen.select_related("toegewezen_aan").order_by("ontvangen_op"))
    plan = None
    if melding.huishouden_id:
        plan = Ondersteuningsplan.objects.open().filter(huishouden_id=melding.huishouden_id).first()
    return {
        "melding": melding,
        "onderzoek": onderzoek,
        "gekoppelde": gekoppelde,
        "plan": plan,
        "koppeltekst": koppeltekst(melding) if melding.status == MeldingStatus.GEKOPPELD else "",
        "leefgebieden": list(melding.leefgebieden.all()),
        "forms": forms,
    }


# ---------------------------------------------------------------------------------------------------
# Onderzoek
# ---------------------------------------------------------------------------------------------------

ONDERZOEK_ACTIES = {
    "opschorten": OpschortenForm,
    "opschorting_einde": OpschortingEindeForm,
    "gesprek": GesprekPlannenForm,
    "afronden": AfrondenForm,
}


def _onderzoek(pk: int) -> Onderzoek:
    return get_object_or_404(
        Onderzoek.objects.select_related("huishouden", "behandelaar", "melding").prefetch_related("opschortingen"), pk=pk
    )


def _onderzoek_form(actie: str, onderzoek: Onderzoek, data=None, initial=None):
    kwargs = {"prefix": actie, "initial": initial or {}}
    if actie == "gesprek":
        kwargs["huishouden"] = onderzoek.huishouden
    return ONDERZOEK_ACTIES[actie](data, **kwargs)


@require_http_methods(["GET", "POST"])
def onderzoek_detail(request: HttpRequest, pk: int) -> HttpResponse:
    onderzoek = _onderzoek(pk)
    weigering = _toegang_huishouden(request, onderzoek.huishouden, f"Onderzoek {onderzoek.pk} geopend")
    if weigering:
        return weigering
    forms: dict = {}
    status = 200
    if request.method == "POST":
        actie = request.POST.get("actie", "")
        if actie not in ONDERZOEK_ACTIES:
            return redirect("toegang:onderzoek_detail", pk=onderzoek.pk)
        form = _onderzoek_form(actie, onderzoek, request.POST)
        if form.is_valid():
            try:
                tekst, naar = _voer_onderzoek_actie_uit(request, onderzoek, actie, form)
            except GelijktijdigGewijzigd as exc:
                onderzoek = _onderzoek(pk)
                form = _met_versie(ONDERZOEK_ACTIES[actie], request, onderzoek.version, prefix=actie)
                form.add_error(None, str(exc))
                status = 409
            except ValidationError as exc:
                form.zet_fouten(exc)
                status = 400
            else:
                messages.success(request, tekst)
                return redirect(naar)
        else:
            status = 400
        forms[actie] = form
    return render(request, "toegang/onderzoek_detail.html", _onderzoek_context(onderzoek, forms), status=status)


def _voer_onderzoek_actie_uit(request: HttpRequest, onderzoek: Onderzoek, actie: str, form) -> tuple[str, str]:
    d = form.cleaned_data
    terug = reverse("toegang:onderzoek_detail", args=[onderzoek.pk])
    if actie == "opschorten":
        services.schort_op(request.user, onderzoek, d.get("reden") or "", d["van"], request=request)
        return "De termijn is opgeschort.", terug
    if actie == "opschorting_einde":
        lopend = next((o for o in onderzoek.opschortingen.all() if o.tot is None), None)
        if lopend is None:
            raise ValidationError("Er loopt geen opschorting.")
        services.beeindig_opschorting(request.user, lopend, d["tot"], request=request)
        return "De opschorting is beëindigd; de termijn loopt weer.", terug
    if actie == "gesprek":
        gesprek = services.plan_gesprek(request.user, onderzoek, request=request, **form.service_kwargs())
        return "Het gesprek is gepland.", reverse("toegang:gesprek_detail", args=[gesprek.pk])
    services.rond_onderzoek_af(request.user, onderzoek, d.get("conclusie") or "", verwachte_versie=d["version"], request=request)
    return "Het onderzoek is afgerond.", terug


def _onderzoek_context(onderzoek: Onderzoek, forms: dict) -> dict:
    lopend = onderzoek.status == OnderzoekStatus.LOPEND
    opgeschort = onderzoek.is_opgeschort
    vandaag = timezone.localdate()
    kan = {"opschorten": lopend and not opgeschort, "opschorting_einde": lopend and opgeschort, "gesprek": lopend, "afronden": lopend}
    initial = {
        "opschorten": {"van": vandaag},
        "opschorting_einde": {"tot": vandaag},
        "gesprek": {},
        "afronden": {"version": onderzoek.version},
    }
    for actie in ONDERZOEK_ACTIES:
        if actie not in forms and kan[actie]:
            forms[actie] = _onderzoek_form(actie, onderzoek, initial=initial[actie])
    plan = Ondersteuningsplan.objects.open().filter(huishouden_id=onderzoek.huishouden_id).first()
    return {
        "onderzoek": onderzoek,
        "termijn": services.termijnstatus(onderzoek, vandaag),
        "opschortingen": list(onderzoek.opschortingen.all()),
        "gesprekken": list(onderzoek.gesprekken.all()),
        "plan": plan,
        "forms": forms,
    }


# ---------------------------------------------------------------------------------------------------
# Gesprek: verslag per leefgebied, opmerkingen van de inwoner, PDF
# ---------------------------------------------------------------------------------------------------


def _gesprek(pk: int) -> Gesprek:
    return get_object_or_404(Gesprek.objects.select_related("onderzoek__huishouden__gemeente", "onderzoek__melding", "gevoerd_door"), pk=pk)


def _actieve_leefgebieden() -> list[Leefgebied]:
    return list(Leefgebied.objects.filter(actief=True).order_by("volgorde", "naam"))


def _vastleggen_initial(gesprek: Gesprek, leefgebieden: list[Leefgebied]) -> dict:
    nu = timezone.now()
    initial = {
        "version": gesprek.version,
        "gehouden_op": timezone.localtime(gesprek.gehouden_op or (gesprek.gepland_op if gesprek.gepland_op <= nu else nu)),
        "deelnemers": gesprek.deelnemers,
        "clientondersteuner_aanwezig": gesprek.clientondersteuner_aanwezig,
        "tolk_aanwezig": gesprek.tolk_aanwezig,
        "gewezen_op_clientondersteuning": gesprek.gewezen_op_clientondersteuning,
        "samenvatting": gesprek.samenvatting,
    }
    for o in gesprek.onderdelen.filter(persoon__isnull=True):
        initial[f"lg{o.leefgebied_id}_bevindingen"] = o.bevindingen
        initial[f"lg{o.leefgebied_id}_score"] = "" if o.score is None else str(o.score)
    return initial


@require_http_methods(["GET", "POST"])
def gesprek_detail(request: HttpRequest, pk: int) -> HttpResponse:
    gesprek = _gesprek(pk)
    huishouden = gesprek.onderzoek.huishouden
    weigering = _toegang_huishouden(request, huishouden, f"Gesprek {gesprek.pk} (verslag) geopend")
    if weigering:
        return weigering
    leefgebieden = _actieve_leefgebieden()
    vastleggen = opmerking = None
    status = 200
    if request.method == "POST":
        actie = request.POST.get("actie", "")
        if actie == "vastleggen":
            vastleggen = GesprekVastleggenForm(request.POST, prefix="verslag", leefgebieden=leefgebieden)
            if vastleggen.is_valid():
                try:
                    services.leg_gesprek_vast(request.user, gesprek, request=request, **vastleggen.service_kwargs())
                except GelijktijdigGewijzigd as exc:
                    gesprek = _gesprek(pk)
                    vastleggen = _met_versie(GesprekVastleggenForm, request, gesprek.version, prefix="verslag", leefgebieden=leefgebieden)
                    vastleggen.add_error(None, str(exc))
                    status = 409
                except ValidationError as exc:
                    vastleggen.zet_fouten(exc)
                    status = 400
                else:
                    messages.success(request, "Het verslag van het gesprek is vastgelegd.")
                    return redirect("toegang:gesprek_detail", pk=gesprek.pk)
            else:
                status = 400
        elif actie == "opmerking":
            opmerking = OpmerkingInwonerForm(request.POST, prefix="opmerking")
            if opmerking.is_valid():
                try:
                    services.voeg_opmerking_inwoner_toe(
                        request.user, gesprek, opmerking.cleaned_data.get("opmerkingen") or "", request=request
                    )
                except ValidationError as exc:
                    opmerking.zet_fouten(exc)
                    status = 400
                else:
                    messages.success(request, "De opmerkingen van de inwoner zijn bij het verslag gevoegd.")
                    return redirect("toegang:gesprek_detail", pk=gesprek.pk)
            else:
                status = 400
        else:
            return redirect("toegang:gesprek_detail", pk=gesprek.pk)
    if vastleggen is None:
        vastleggen = GesprekVastleggenForm(prefix="verslag", leefgebieden=leefgebieden, initial=_vastleggen_initial(gesprek, leefgebieden))
    if opmerking is None and gesprek.gehouden_op:
        opmerking = OpmerkingInwonerForm(prefix="opmerking")
    eerdere = defaultdict(list)
    for s in (
        Zelfredzaamheidsscore.objects.filter(huishouden_id=huishouden.pk)
        .exclude(gesprek=gesprek)
        .select_related("persoon")
        .order_by("datum", "id")
    ):
        eerdere[s.leefgebied_id].append(s)
    rijen = [(lg, bev, score, eerdere.get(lg.pk, [])) for lg, bev, score in vastleggen.rijen()]
    return render(
        request,
        "toegang/gesprek_detail.html",
        {
            "gesprek": gesprek,
            "onderzoek": gesprek.onderzoek,
            "huishouden": huishouden,
            "vastleggen": vastleggen,
            "rijen": rijen,
            "opmerking": opmerking,
            "onderdelen": list(gesprek.onderdelen.select_related("leefgebied", "persoon")),
        },
        status=status,
    )


@require_GET
def verslag_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    gesprek = _gesprek(pk)
    huishouden = gesprek.onderzoek.huishouden
    weigering = open_dossier(request, huishouden, f"Verslag van gesprek {gesprek.pk} geopend voor PDF")
    if weigering:
        return weigering
    audit.log(
        request.user,
        AuditActie.EXPORT,
        gesprek,
        huishouden_id=huishouden.pk,
        omschrijving=f"Verslag keukentafelgesprek {gesprek.pk} als PDF gedownload",
        request=request,
    )
    context = {
        "gesprek": gesprek,
        "huishouden": huishouden,
        "gemeente": huishouden.gemeente,
        "leden": list(huishouden.leden_op()),
        "onderdelen": list(gesprek.onderdelen.select_related("leefgebied", "persoon")),
    }
    return pdf_response("toegang/verslag_pdf.html", context, f"verslag-keukentafelgesprek-{gesprek.pk}.pdf")
