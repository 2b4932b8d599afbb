"""Mijn Keukentafel: the signed-in resident (or their representative) and their own household.

Every query goes through `request.inwoner.huishoudens` (the session's person → their current household, or
the household they represent); an id of another household gives 404. Every view of dossier data writes an
audit record with kanaal "portaal", no medewerker, and who looked (with "namens" for a representative).
"""

from __future__ import annotations

import logging
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from keukentafel.accounts import audit
from keukentafel.accounts.dossier import eis_dossier_wijziging, open_dossier
from keukentafel.accounts.models import AuditActie
from keukentafel.besluiten import brieven
from keukentafel.besluiten.models import Beschikking, ToegewezenVoorziening
from keukentafel.financien.models import Bijdrageberekening
from keukentafel.financien.uploads import te_groot
from keukentafel.inwoners.models import Huishouden, Huishoudlid
from keukentafel.inwoners.services import GelijktijdigGewijzigd
from keukentafel.pdf import pdf_response
from keukentafel.plannen import services as plannen
from keukentafel.plannen.models import Actie, Doel, Ondersteuningsplan, OndertekenaarRol, Ondertekenmethode, PlanStatus
from keukentafel.toegang import services as toegang_services
from keukentafel.toegang.models import Gesprek

from . import aanmelden
from .aanmelden import inwoner_vereist
from .forms_mijn import BerichtForm, CodeForm, DocumentForm, DoelvoorstelForm, EmailForm, NamensForm, OndertekenForm, OpmerkingForm
from .models import Portaalbericht, Portaaldocument

logger = logging.getLogger(__name__)

KANAAL = "portaal"


def _audit(request: HttpRequest, actie: str, obj, omschrijving: str, huishouden_id: int | None = None) -> None:
    audit.log(
        None,
        actie,
        obj,
        omschrijving=f"Mijn Keukentafel: {omschrijving} door {request.inwoner.wie}",
        huishouden_id=huishouden_id,
        request=request,
        kanaal=KANAAL,
    )


# ---------------------------------------------------------------------------------------------------
# sign-in


@require_http_methods(["GET", "POST"])
def aanmelden_view(request: HttpRequest) -> HttpResponse:
    if aanmelden.huidige_sessie(request) is not None:
        return redirect("portaal:mijn")
    form = EmailForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = aanmelden.normaliseer_email(form.cleaned_data["email"])
        if not aanmelden.mag_code_aanvragen(request, email):
            form.add_error(None, aanmelden.TE_VAAK)
            status = 429
        else:
            aanmelden.vraag_code_aan(email)
            request.session[aanmelden.SESSIE_EMAIL_IN_AANMELDING] = email
            messages.info(request, aanmelden.NEUTRALE_MELDING)
            return redirect("portaal:mijn_code")
    providers = [p for p in aanmelden.actieve_providers() if p.code != "email"]
    return render(request, "portaal/mijn_aanmelden.html", {"form": form, "andere_providers": providers}, status=status)


@require_http_methods(["GET", "POST"])
def code_view(request: HttpRequest) -> HttpResponse:
    email = request.session.get(aanmelden.SESSIE_EMAIL_IN_AANMELDING)
    if not email:
        return redirect("portaal:mijn_aanmelden")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not aanmelden.mag_code_controleren(request):
            form.add_error(None, aanmelden.TE_VAAK)
            status = 429
        else:
            uitkomst = aanmelden.controleer_code(email, form.cleaned_data["code"])
            if not uitkomst.ok:
                form.add_error("code", uitkomst.fout)
                status = 400
            else:
                personen = list(aanmelden.personen_met_email(email)[:2])
                if not personen:  # the address was changed since the code was sent
                    request.session.pop(aanmelden.SESSIE_EMAIL_IN_AANMELDING, None)
                    messages.error(request, aanmelden.CODE_ONJUIST)
                    return redirect("portaal:mijn_aanmelden")
                if len(personen) > 1:
                    request.session.pop(aanmelden.SESSIE_EMAIL_IN_AANMELDING, None)
                    messages.error(
                        request,
                        "Dit e-mailadres hoort bij meer dan één persoon. Neem contact op met het sociaal team om in te loggen.",
                    )
                    return redirect("portaal:mijn_aanmelden")
                aanmelden.meld_aan(request, personen[0])
                if aanmelden.vertegenwoordigingen(personen[0]).exists():
                    return redirect("portaal:mijn_namens")
                return redirect("portaal:mijn")
    return render(request, "portaal/mijn_code.html", {"form": form}, status=status)


@require_POST
def afmelden_view(request: HttpRequest) -> HttpResponse:
    aanmelden.meld_af(request)
    messages.success(request, "U bent uitgelogd.")
    return redirect("portaal:mijn_aanmelden")


@inwoner_vereist
@require_http_methods(["GET", "POST"])
def namens_view(request: HttpRequest) -> HttpResponse:
    """ "Ik handel namens …": a representative chooses to act for the person they represent, or for themselves."""
    persoon = request.inwoner.persoon
    rollen = list(aanmelden.vertegenwoordigingen(persoon))
    keuzes = [("zelf", f"Voor mijzelf ({persoon.naam})")]
    for nl in rollen:
        voor = nl.voor_persoon.naam if nl.voor_persoon else nl.huishouden.naam
        keuzes.append((f"nl-{nl.pk}", f"Ik handel namens {voor} (als {nl.get_rol_display().lower()})"))
    huidig = f"nl-{request.inwoner.namens.pk}" if request.inwoner.namens else "zelf"
    form = NamensForm(request.POST or None, keuzes=keuzes, initial={"namens": huidig})
    if request.method == "POST" and form.is_valid():
        keuze = form.cleaned_data["namens"]
        if keuze == "zelf":
            request.session.pop(aanmelden.SESSIE_NAMENS, None)
            messages.success(request, "U bekijkt nu uw eigen gegevens.")
        else:
            nl = next(n for n in rollen if f"nl-{n.pk}" == keuze)
            request.session[aanmelden.SESSIE_NAMENS] = nl.pk
            request.inwoner = aanmelden.huidige_sessie(request)
            _audit(request, AuditActie.LEZEN, nl.huishouden, "vertegenwoordiging gekozen", huishouden_id=nl.huishouden_id)
            messages.success(request, f"U handelt nu namens {nl.voor_persoon.naam if nl.voor_persoon else nl.huishouden.naam}.")
        return redirect("portaal:mijn")
    return render(request, "portaal/mijn_namens.html", {"form": form})


# ---------------------------------------------------------------------------------------------------
# the household's dossier


def _huishoudens(request: HttpRequest):
    return request.inwoner.huishoudens


@inwoner_vereist
def overzicht_view(request: HttpRequest) -> HttpResponse:
    vandaag = date.today()
    huishoudens = list(
        _huishoudens(request).prefetch_related(
            Prefetch("leden", queryset=Huishoudlid.objects.actief_op(vandaag).select_related("persoon"), to_attr="huidige_leden")
        )
    )
    ids = [h.pk for h in huishoudens]
    leden = [lid.persoon_id for h in huishoudens for lid in h.huidige_leden]
    plannen_qs = Ondersteuningsplan.objects.filter(huishouden__in=ids).select_related("regisseur").order_by("-aangemaakt_op")
    gesprekken = Gesprek.objects.filter(onderzoek__huishouden__in=ids, gehouden_op__isnull=False).order_by("-gehouden_op")
    beschikkingen = Beschikking.objects.filter(aanvraag__huishouden__in=ids).select_related("aanvraag__product").order_by("-datum_afgifte")
    voorzieningen = (
        ToegewezenVoorziening.objects.filter(Q(huishouden__in=ids) | Q(huishouden__isnull=True, persoon__in=leden))
        .select_related("product", "aanbieder", "persoon")
        .order_by("-begindatum")
    )
    bijdragen = Bijdrageberekening.objects.filter(huishouden__in=ids).order_by("-periode_begin")[:3]
    ongelezen = Portaalbericht.objects.filter(huishouden__in=ids, van_inwoner=False, gelezen=False).count()
    for h in huishoudens:
        _audit(request, AuditActie.LEZEN, h, "overzicht van het huishouden bekeken")
    context = {
        "huishoudens": huishoudens,
        "plannen": plannen_qs,
        "gesprekken": gesprekken,
        "beschikkingen": beschikkingen,
        "voorzieningen": voorzieningen,
        "bijdragen": bijdragen,
        "ongelezen": ongelezen,
    }
    return render(request, "portaal/mijn_overzicht.html", context)


def _mag_tekenen(plan: Ondersteuningsplan, versie) -> bool:
    if versie is None or plan.status == PlanStatus.AFGESLOTEN:
        return False
    rollen = set(versie.ondertekeningen.values_list("rol", flat=True))
    return not rollen & {OndertekenaarRol.INWONER, OndertekenaarRol.VERTEGENWOORDIGER}


@inwoner_vereist
@require_http_methods(["GET", "POST"])
def plan_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(
        Ondersteuningsplan.objects.filter(huishouden__in=_huishoudens(request)).select_related("regisseur", "huishouden"), pk=pk
    )
    versie = plan.huidige_versie
    mag_tekenen = _mag_tekenen(plan, versie)
    doel_post = request.method == "POST" and request.POST.get("formulier") == "doel"
    form = OndertekenForm(None if doel_post else (request.POST or None), initial={"versie": versie.pk if versie else None})
    doel_form = DoelvoorstelForm(request.POST if doel_post else None, prefix="doel")
    status = 200
    if doel_post:
        if plan.status == PlanStatus.AFGESLOTEN:
            messages.error(request, "Dit plan is afgesloten. Stuur uw regisseur een bericht als u iets wilt vragen.")
            return redirect("portaal:mijn_plan", pk=plan.pk)
        if doel_form.is_valid():
            sessie = request.inwoner
            d = doel_form.cleaned_data
            try:
                plannen.voeg_doel_van_inwoner_toe(
                    plan,
                    leefgebied=d["leefgebied"],
                    omschrijving=d["omschrijving"],
                    toelichting=d["toelichting"],
                    persoon=None if sessie.namens else sessie.persoon,
                    netwerklid=sessie.namens,
                    kanaal=KANAAL,
                    request=request,
                )
            except ValidationError as fout:
                if hasattr(fout, "error_dict"):
                    for veld, fouten in fout.message_dict.items():
                        doel_form.add_error(veld if veld in doel_form.fields else None, fouten)
                else:
                    doel_form.add_error(None, fout.messages)
            else:
                messages.success(request, "Uw doel is naar uw regisseur gestuurd. Die bespreekt het met u en neemt het op in het plan.")
                return redirect("portaal:mijn_plan", pk=plan.pk)
        status = 400
    elif request.method == "POST":
        if not mag_tekenen:
            messages.error(request, "Deze versie van het plan kunt u niet (meer) ondertekenen.")
            return redirect("portaal:mijn_plan", pk=plan.pk)
        if form.is_valid():
            if form.cleaned_data["versie"] != versie.pk:
                form.add_error(None, "Het plan is intussen gewijzigd. Lees de nieuwe versie en teken opnieuw.")
            else:
                sessie = request.inwoner
                try:
                    # door=None: the resident (or representative) signs themselves; the service records method
                    # PORTAAL, no vastgelegd_door, and writes the audit record naming the signer (kanaal portaal).
                    plannen.onderteken(
                        None,
                        versie,
                        rol=OndertekenaarRol.VERTEGENWOORDIGER if sessie.namens else OndertekenaarRol.INWONER,
                        methode=Ondertekenmethode.PORTAAL,
                        persoon=None if sessie.namens else sessie.persoon,
                        netwerklid=sessie.namens,
                        kanaal=KANAAL,
                        request=request,
                    )
                except (ValidationError, GelijktijdigGewijzigd) as fout:
                    form.add_error(None, " ".join(getattr(fout, "messages", [str(fout)])))
                else:
                    messages.success(request, f"U heeft versie {versie.nummer} van het plan ondertekend. Dank u wel.")
                    return redirect("portaal:mijn_plan", pk=plan.pk)
        status = 400
    doelen = plan.doelen.select_related("leefgebied", "persoon").prefetch_related(
        Prefetch("acties", queryset=Actie.objects.order_by("van", "pk"))
    )
    ondertekeningen = list(versie.ondertekeningen.all()) if versie else []
    if request.method == "GET":
        _audit(request, AuditActie.LEZEN, plan, "ondersteuningsplan bekeken")
    context = {
        "doel_form": doel_form,
        "voorstellen": plan.doelvoorstellen.select_related("leefgebied").order_by("-ingediend_op", "-pk"),
        "plan": plan,
        "versie": versie,
        "inhoud": versie.inhoud if versie else None,
        "doelen": doelen if versie is None else Doel.objects.none(),
        "ondertekeningen": ondertekeningen,
        "mag_tekenen": mag_tekenen,
        "form": form,
    }
    return render(request, "portaal/mijn_plan.html", context, status=status)


@inwoner_vereist
@require_http_methods(["GET", "POST"])
def gesprek_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The verslag of a held gesprek; the resident may add their own remarks (toegang.services keeps them verbatim)."""
    gesprek = get_object_or_404(
        Gesprek.objects.filter(onderzoek__huishouden__in=_huishoudens(request), gehouden_op__isnull=False).select_related(
            "onderzoek", "gevoerd_door"
        ),
        pk=pk,
    )
    huishouden_id = gesprek.onderzoek.huishouden_id
    form = OpmerkingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        tekst = form.cleaned_data["opmerkingen"]
        if request.inwoner.namens is not None:
            tekst = f"({request.inwoner.wie}) {tekst}"
        # door=None: the service only passes it to the audit trail; our own record below names the resident.
        toegang_services.voeg_opmerking_inwoner_toe(None, gesprek, tekst)
        _audit(request, AuditActie.WIJZIGEN, gesprek, "opmerkingen bij het gespreksverslag toegevoegd", huishouden_id=huishouden_id)
        messages.success(request, "Uw opmerkingen staan bij het verslag. Uw regisseur leest ze.")
        return redirect("portaal:mijn_gesprek", pk=gesprek.pk)
    onderdelen = gesprek.onderdelen.select_related("leefgebied", "persoon")
    if request.method == "GET":
        _audit(request, AuditActie.LEZEN, gesprek, "gespreksverslag bekeken", huishouden_id=huishouden_id)
    context = {"gesprek": gesprek, "onderdelen": onderdelen, "form": form}
    return render(request, "portaal/mijn_gesprek.html", context, status=400 if form.errors else 200)


@inwoner_vereist
def beschikking_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The same letter as the staff side: same template, context from besluiten.brieven.beschikking_context."""
    beschikking = get_object_or_404(
        Beschikking.objects.filter(aanvraag__huishouden__in=_huishoudens(request)).select_related(*brieven.BESCHIKKING_RELATIES),
        pk=pk,
    )
    aanvraag = beschikking.aanvraag
    _audit(
        request,
        AuditActie.EXPORT,
        beschikking,
        f"beschikking {beschikking.kenmerk} ({aanvraag.product.naam}) als PDF gedownload",
        huishouden_id=aanvraag.huishouden_id,
    )
    context = brieven.beschikking_context(beschikking)
    return pdf_response("besluiten/pdf/beschikking.html", context, brieven.beschikking_bestandsnaam(beschikking))


@inwoner_vereist
def bijdrage_view(request: HttpRequest) -> HttpResponse:
    huishoudens = list(_huishoudens(request))
    berekeningen = (
        Bijdrageberekening.objects.filter(huishouden__in=huishoudens).select_related("huishouden").order_by("-periode_begin")[:24]
    )
    for h in huishoudens:
        _audit(request, AuditActie.LEZEN, h, "overzicht eigen bijdrage bekeken")
    return render(request, "portaal/mijn_bijdrage.html", {"berekeningen": berekeningen})


@inwoner_vereist
@require_http_methods(["GET", "POST"])
def berichten_view(request: HttpRequest) -> HttpResponse:
    huishoudens = list(_huishoudens(request))
    if not huishoudens:
        raise Http404
    huishouden: Huishouden = huishoudens[0]
    form = BerichtForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            bericht = Portaalbericht.objects.create(
                huishouden=huishouden, van_inwoner=True, afzender=request.inwoner.wie[:200], tekst=form.cleaned_data["tekst"]
            )
            _audit(request, AuditActie.AANMAKEN, bericht, "bericht aan de regisseur verstuurd", huishouden_id=huishouden.pk)
            messages.success(request, "Uw bericht is verstuurd. U krijgt hier antwoord.")
            return redirect("portaal:mijn_berichten")
    berichten = list(Portaalbericht.objects.filter(huishouden=huishouden).order_by("aangemaakt_op", "pk"))
    Portaalbericht.objects.filter(huishouden=huishouden, van_inwoner=False, gelezen=False).update(gelezen=True)
    _audit(request, AuditActie.LEZEN, huishouden, "berichten bekeken")
    return render(request, "portaal/mijn_berichten.html", {"form": form, "berichten": berichten}, status=400 if form.errors else 200)


# ---------------------------------------------------------------------------------------------------
# staff side: read the household's portal messages and answer


@login_required
@require_http_methods(["GET", "POST"])
def team_berichten_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The regisseur (or anyone with need-to-know for the household) reads and answers the portal messages.

    /portaal/ is open in the staff login middleware, so this view requires a staff login itself; access to
    the household goes through the same gate as every dossier page (open_dossier: need-to-know + audit).
    """
    huishouden = get_object_or_404(Huishouden, pk=pk)
    form = BerichtForm(request.POST or None)
    form.fields["tekst"].label = "Antwoord"
    form.fields["tekst"].help_text = "De inwoner leest het antwoord in Mijn Keukentafel."
    if request.method == "POST":
        eis_dossier_wijziging(request, huishouden)
        if form.is_valid():
            naam = request.user.get_full_name() or request.user.get_username()
            bericht = Portaalbericht.objects.create(
                huishouden=huishouden, van_inwoner=False, afzender=naam[:200], medewerker=request.user, tekst=form.cleaned_data["tekst"]
            )
            audit.log(
                request.user,
                AuditActie.AANMAKEN,
                bericht,
                huishouden_id=huishouden.pk,
                request=request,
                omschrijving="Antwoord op portaalbericht",
            )
            messages.success(request, "Het antwoord staat voor de inwoner klaar in Mijn Keukentafel.")
            return redirect("portaal:team_berichten", pk=huishouden.pk)
    elif antwoord := open_dossier(request, huishouden, "Portaalberichten van het huishouden geopend"):
        return antwoord
    berichten = list(Portaalbericht.objects.filter(huishouden=huishouden).order_by("aangemaakt_op", "pk"))
    if request.method == "GET":
        Portaalbericht.objects.filter(huishouden=huishouden, van_inwoner=True, gelezen=False).update(gelezen=True)
    context = {"huishouden": huishouden, "berichten": berichten, "form": form}
    return render(request, "portaal/mijn_team_berichten.html", context, status=400 if form.errors else 200)


@inwoner_vereist
@require_http_methods(["GET", "POST"])
def documenten_view(request: HttpRequest) -> HttpResponse:
    """Upload a document for the household (PDF/JPG/PNG, at most 10 MB, type checked on the content)."""
    huishoudens = list(_huishoudens(request))
    if not huishoudens:
        raise Http404
    huishouden: Huishouden = huishoudens[0]
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not te_groot(request, form) and form.is_valid():
            bestand = form.cleaned_data["bestand"]
            with transaction.atomic():
                document = Portaaldocument(
                    huishouden=huishouden,
                    oorspronkelijke_naam=bestand.name[:200],
                    soort=bestand.kt_soort,
                    grootte=bestand.size,
                    omschrijving=form.cleaned_data["omschrijving"],
                    geupload_door=request.inwoner.wie[:200],
                )
                document.bestand.save(f"document.{bestand.kt_soort}", bestand, save=False)
                document.save()
                _audit(
                    request, AuditActie.AANMAKEN, document, f"document geüpload ({document.soort}, {document.grootte} bytes)", huishouden.pk
                )
            messages.success(request, "Uw document is ontvangen. Uw regisseur kan het nu bekijken.")
            return redirect("portaal:mijn_documenten")
    documenten = Portaaldocument.objects.filter(huishouden=huishouden)
    _audit(request, AuditActie.LEZEN, huishouden, "documenten bekeken")
    return render(request, "portaal/mijn_documenten.html", {"form": form, "documenten": documenten}, status=400 if form.errors else 200)


# ---------------------------------------------------------------------------------------------------
# sign-in through the municipality's OpenID Connect broker (DigiD/eHerkenning)


def _oidc_provider() -> aanmelden.OidcProvider:
    """The OIDC provider if it is configured and switched on (KT_PORTAAL_AANMELDEN), else 404."""
    provider = next((p for p in aanmelden.actieve_providers() if isinstance(p, aanmelden.OidcProvider)), None)
    if provider is None:
        raise Http404
    return provider


class OidcStartView(OIDCAuthenticationRequestView):
    """To the broker: authorization request with state, nonce and PKCE (mozilla-django-oidc), 404 when not configured."""

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the base reads the endpoints from settings here; we resolve them per request

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.provider = _oidc_provider()
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.provider.eindpunten().authorization
        except aanmelden.OidcNietBereikbaar as exc:
            logger.warning("OIDC-broker niet bereikbaar: %s", exc)
            messages.error(request, aanmelden.OIDC_STORING)
            return redirect("portaal:mijn_aanmelden")
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        return super().dispatch(request, *args, **kwargs)

    def get_settings(self, attr, *args):  # a staticmethod in the base class
        return self.provider.bibliotheek_instelling(attr, *args)


class OidcCallbackView(OIDCAuthenticationCallbackView):
    """Back from the broker: state (single use), token exchange and verification by mozilla-django-oidc's backend,
    then the BSN claim → Persoon → `meld_aan`. Failures give a neutral Dutch message; nothing with the BSN is logged."""

    def get_settings(self, attr, *args):
        return self.provider.bibliotheek_instelling(attr, *args)

    def login_failure(self, melding: str = aanmelden.OIDC_MISLUKT) -> HttpResponse:
        messages.error(self.request, melding)
        return redirect("portaal:mijn_aanmelden")

    def get(self, request: HttpRequest) -> HttpResponse:
        self.provider = _oidc_provider()
        state = request.GET.get("state", "")
        staten = request.session.get("oidc_states")
        staten = staten if isinstance(staten, dict) else {}
        gegevens = staten.pop(state, None) if state else None  # single use, also after an error
        request.session["oidc_states"] = staten
        if request.GET.get("error"):
            return self.login_failure(aanmelden.OIDC_AFGEBROKEN)
        if gegevens is None or not request.GET.get("code"):
            logger.warning("OIDC-terugkeer geweigerd: onbekende of ontbrekende state of code")
            return self.login_failure()
        try:
            backend = aanmelden.oidc_backend(self.provider)
            claims = backend.authenticate(request, nonce=gegevens.get("nonce"), code_verifier=gegevens.get("code_verifier"))
        except aanmelden.OidcNietBereikbaar as exc:
            logger.warning("OIDC-broker niet bereikbaar: %s", exc)
            return self.login_failure(aanmelden.OIDC_STORING)
        except Exception as exc:  # noqa: BLE001 — token exchange or verification failed; only the kind is logged
            logger.warning("OIDC-aanmelding geweigerd: %s", type(exc).__name__)
            return self.login_failure()
        if not claims:
            logger.warning("OIDC-aanmelding geweigerd: geen geldige claims")
            return self.login_failure()
        if self.provider.bsn_uit_claims(claims) is None:
            logger.warning("OIDC-aanmelding geweigerd: BSN-claim ontbreekt of voldoet niet aan de elfproef")
            return self.login_failure(aanmelden.OIDC_NIET_BEKEND)
        persoon = self.provider.persoon_uit_claims(claims)
        if persoon is None:
            logger.info("OIDC-aanmelding: geen persoon bij deze BSN-claim")
            return self.login_failure(aanmelden.OIDC_NIET_BEKEND)
        aanmelden.meld_aan(request, persoon)
        request.session.pop("oidc_login_next", None)
        if aanmelden.vertegenwoordigingen(persoon).exists():
            return redirect("portaal:mijn_namens")
        return redirect("portaal:mijn")


oidc_start_view = OidcStartView.as_view()
oidc_callback_view = OidcCallbackView.as_view()
