"""Staff pages for persons, households, their network, search and break-the-glass.

Every page about a household passes `open_dossier` (GET) or `eis_dossier_wijziging` (POST); a
person's page goes through the person's current household (`persoontoegang`). Changes are one
service call each, which also writes the audit record. A BSN is only ever posted, never put in a URL.
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from keukentafel.accounts import audit
from keukentafel.accounts.access import GEEN_DOSSIERROL, Toegang, eis_dossierrol, registreer_noodtoegang, toegang_tot
from keukentafel.accounts.dossier import eis_dossier_wijziging, open_dossier
from keukentafel.accounts.models import AuditActie
from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import BeleidOntbreekt, geldende_waarde

from . import services, trajecten
from .dossieroverzicht import dossier
from .forms import (
    BSN_DUBBEL,
    LidBeeindigenForm,
    LidToevoegenForm,
    NetwerklidForm,
    NieuwHuishoudenForm,
    NieuwLidForm,
    NoodtoegangForm,
    PersoonForm,
    PersoonWijzigForm,
    ZoekForm,
)
from .models import Huishouden, Huishoudlid, Netwerklid, Persoon
from .persoontoegang import eis_persoon_wijziging, open_persoon
from .zoeken import zoek_personen


def _zet_fouten(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where the form has that field."""
    if not hasattr(exc, "error_dict"):
        for fout in exc.error_list:
            form.add_error(None, fout)
        return
    for veld, fouten in exc.error_dict.items():
        for fout in fouten:
            if veld == "bsn" and fout.code == "unique":
                fout = ValidationError(BSN_DUBBEL, code="unique")
            form.add_error(veld if veld in form.fields else None, fout)


# --- Zoeken ----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def zoeken(request: HttpRequest) -> HttpResponse:
    eis_dossierrol(request)
    uitkomst = None
    form = ZoekForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        wijze = d["zoekwijze"]
        uitkomst = zoek_personen(
            request.user,
            bsn=d["bsn"] if wijze == ZoekForm.BSN else "",
            geslachtsnaam=d["geslachtsnaam"] if wijze == ZoekForm.NAAM else "",
            voornaam=d["voornaam"] if wijze == ZoekForm.NAAM else "",
            geboortedatum=d["geboortedatum"] if wijze == ZoekForm.NAAM else None,
            postcode=d["postcode"] if wijze == ZoekForm.POSTCODE else "",
            huisnummer=d["huisnummer"] if wijze == ZoekForm.POSTCODE else None,
            request=request,
        )
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return render(request, "inwoners/zoeken.html", {"form": form, "uitkomst": uitkomst}, status=status)


# --- Persoon ---------------------------------------------------------------------------------------


def _huishouden_uit_parameter(request: HttpRequest) -> Huishouden | None:
    waarde = request.GET.get("huishouden", "")
    if not waarde:
        return None
    if not waarde.isdigit():
        raise PermissionDenied("Ongeldig huishouden.")
    huishouden = get_object_or_404(Huishouden, pk=int(waarde))
    eis_dossier_wijziging(request, huishouden)
    return huishouden


@require_http_methods(["GET", "POST"])
def persoon_nieuw(request: HttpRequest) -> HttpResponse:
    """Register a person; with ?huishouden=<pk> the person joins that household at once."""
    eis_dossierrol(request)
    huishouden = _huishouden_uit_parameter(request)
    data = request.POST if request.method == "POST" else None
    form = PersoonForm(data)
    lidform = NieuwLidForm(data, prefix="lid", initial={"begindatum": timezone.localdate()}) if huishouden else None
    if request.method == "POST" and form.is_valid() and (lidform is None or lidform.is_valid()):
        try:
            with transaction.atomic():
                persoon = services.registreer_persoon(request.user, request=request, **form.service_velden())
                if huishouden is not None:
                    services.voeg_lid_toe(
                        request.user,
                        huishouden,
                        persoon,
                        lidform.cleaned_data["rol"],
                        lidform.cleaned_data["begindatum"],
                        request=request,
                    )
        except ValidationError as exc:
            _zet_fouten(form, exc)
        except IntegrityError:  # someone registered the same BSN in the meantime
            form.add_error("bsn", BSN_DUBBEL)
        else:
            if huishouden is not None:
                messages.success(request, f"{persoon.naam} is geregistreerd en toegevoegd aan {huishouden.naam}.")
                return redirect("inwoners:huishouden_detail", pk=huishouden.pk)
            messages.success(request, f"{persoon.naam} is geregistreerd.")
            return redirect("inwoners:persoon_detail", pk=persoon.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "inwoners/persoon_nieuw.html", {"form": form, "lidform": lidform, "huishouden": huishouden}, status=status)


def _persoon(pk: int) -> tuple[Persoon, Huishouden | None]:
    persoon = get_object_or_404(Persoon.objects.select_related("gebied", "gemeente"), pk=pk)
    return persoon, services.huidig_huishouden(persoon, timezone.localdate())


@require_http_methods(["GET"])
def persoon_detail(request: HttpRequest, pk: int) -> HttpResponse:
    persoon, huishouden = _persoon(pk)
    if antwoord := open_persoon(request, persoon, huishouden, f"Persoonsgegevens van {persoon.naam} ingezien"):
        return antwoord
    context = {
        "persoon": persoon,
        "huishouden": huishouden,
        "lidmaatschappen": persoon.lidmaatschappen.select_related("huishouden").order_by("-begindatum", "-id"),
        "netwerk": persoon.netwerk.select_related("huishouden").order_by("-actief", "rol", "naam"),
        "huishoudenform": NieuwHuishoudenForm(initial={"begindatum": timezone.localdate()}) if huishouden is None else None,
    }
    return render(request, "inwoners/persoon_detail.html", context)


@require_http_methods(["GET", "POST"])
def persoon_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    persoon, huishouden = _persoon(pk)
    status = 200
    actueel = None
    if request.method == "POST":
        eis_persoon_wijziging(request, persoon, huishouden)
        form = PersoonWijzigForm(request.POST, instance=copy.copy(persoon))
        if form.is_valid():
            try:
                services.wijzig_persoon(request.user, persoon, form.cleaned_data["version"], request=request, **form.service_velden())
            except services.GelijktijdigGewijzigd as exc:
                # Keep everything the user typed; carry the new version so a second save goes through.
                actueel = Persoon.objects.select_related("gebied").get(pk=pk)
                data = request.POST.copy()
                data["version"] = actueel.version
                form = PersoonWijzigForm(data, instance=copy.copy(actueel))
                form.is_valid()
                form.add_error(None, str(exc))
                status = 409
            except ValidationError as exc:
                _zet_fouten(form, exc)
                status = 400
            else:
                messages.success(request, f"De gegevens van {persoon.naam} zijn opgeslagen.")
                return redirect("inwoners:persoon_detail", pk=persoon.pk)
        else:
            status = 400
    else:
        if antwoord := open_persoon(request, persoon, huishouden, f"Gegevens van {persoon.naam} geopend om te wijzigen"):
            return antwoord
        form = PersoonWijzigForm(instance=persoon, initial={"version": persoon.version})
    return render(request, "inwoners/persoon_wijzigen.html", {"persoon": persoon, "form": form, "actueel": actueel}, status=status)


@require_POST
def persoon_huishouden_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a household for a person who has none (the person becomes its aanvrager)."""
    persoon, huishouden = _persoon(pk)
    eis_persoon_wijziging(request, persoon, huishouden)
    form = NieuwHuishoudenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Vul een geldige begindatum in om een huishouden te starten.")
        return redirect("inwoners:persoon_detail", pk=persoon.pk)
    try:
        nieuw = services.maak_huishouden(request.user, persoon, form.cleaned_data["begindatum"], form.cleaned_data["naam"], request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("inwoners:persoon_detail", pk=persoon.pk)
    messages.success(request, f"{nieuw.naam} is aangemaakt.")
    return redirect("inwoners:huishouden_detail", pk=nieuw.pk)


# --- Huishouden ------------------------------------------------------------------------------------


def _huishouden(pk: int) -> Huishouden:
    return get_object_or_404(Huishouden.objects.select_related("gebied", "gemeente"), pk=pk)


@require_http_methods(["GET"])
def huishouden_detail(request: HttpRequest, pk: int) -> HttpResponse:
    huishouden = _huishouden(pk)
    if antwoord := open_dossier(request, huishouden, f"Dossier {huishouden.naam} geopend"):
        return antwoord
    # Portal messages (portaal app, reverse relation): the team answers them on portaal:team_berichten.
    ongelezen = huishouden.portaalberichten.filter(van_inwoner=True, gelezen=False).count()
    d = dossier(huishouden)
    context = {
        "huishouden": huishouden, "d": d, "portaal_ongelezen": ongelezen, "trajecten": trajecten.per_lid(huishouden, d.huidige_leden),
    }
    return render(request, "inwoners/huishouden_detail.html", context)


@require_http_methods(["GET", "POST"])
def lid_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    huishouden = _huishouden(pk)
    if request.method == "POST":
        eis_dossier_wijziging(request, huishouden)
        form = LidToevoegenForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.voeg_lid_toe(request.user, huishouden, form.persoon, d["rol"], d["begindatum"], request=request)
            except ValidationError as exc:
                _zet_fouten(form, exc)
            else:
                messages.success(request, f"{form.persoon.naam} is toegevoegd aan {huishouden.naam}.")
                return redirect("inwoners:huishouden_detail", pk=huishouden.pk)
        return render(request, "inwoners/lid_toevoegen.html", {"huishouden": huishouden, "form": form}, status=400)
    if antwoord := open_dossier(request, huishouden, f"Dossier {huishouden.naam}: lid toevoegen geopend"):
        return antwoord
    form = LidToevoegenForm(initial={"begindatum": timezone.localdate()})
    return render(request, "inwoners/lid_toevoegen.html", {"huishouden": huishouden, "form": form})


@require_http_methods(["GET", "POST"])
def lid_beeindigen(request: HttpRequest, pk: int, lid_pk: int) -> HttpResponse:
    huishouden = _huishouden(pk)
    lid = get_object_or_404(Huishoudlid.objects.select_related("persoon", "huishouden"), pk=lid_pk, huishouden=huishouden)
    if request.method == "POST":
        eis_dossier_wijziging(request, huishouden)
        form = LidBeeindigenForm(request.POST)
        if form.is_valid():
            try:
                services.beeindig_lidmaatschap(request.user, lid, form.cleaned_data["einddatum"], request=request)
            except ValidationError as exc:
                _zet_fouten(form, exc)
            else:
                messages.success(request, f"{lid.persoon.naam} hoort vanaf {lid.einddatum:%d-%m-%Y} niet meer bij {huishouden.naam}.")
                return redirect("inwoners:huishouden_detail", pk=huishouden.pk)
        return render(request, "inwoners/lid_beeindigen.html", {"huishouden": huishouden, "lid": lid, "form": form}, status=400)
    if antwoord := open_dossier(request, huishouden, f"Dossier {huishouden.naam}: lidmaatschap beëindigen geopend"):
        return antwoord
    form = LidBeeindigenForm(initial={"einddatum": timezone.localdate()})
    return render(request, "inwoners/lid_beeindigen.html", {"huishouden": huishouden, "lid": lid, "form": form})


@require_http_methods(["GET", "POST"])
def netwerklid(request: HttpRequest, pk: int, netwerklid_pk: int | None = None) -> HttpResponse:
    """Add (no netwerklid_pk) or change a member of the household's network."""
    huishouden = _huishouden(pk)
    bestaand = get_object_or_404(Netwerklid, pk=netwerklid_pk, huishouden=huishouden) if netwerklid_pk else None
    context = {"huishouden": huishouden, "netwerklid": bestaand}
    if request.method == "POST":
        eis_dossier_wijziging(request, huishouden)
        form = NetwerklidForm(request.POST, instance=copy.copy(bestaand) if bestaand else None, huishouden=huishouden)
        if form.is_valid():
            lid = form.save(commit=False)
            try:
                services.leg_netwerklid_vast(request.user, lid, form.cleaned_data.get("version"), request=request)
            except services.GelijktijdigGewijzigd as exc:
                actueel = Netwerklid.objects.get(pk=bestaand.pk)
                data = request.POST.copy()
                data["version"] = actueel.version
                form = NetwerklidForm(data, instance=copy.copy(actueel), huishouden=huishouden)
                form.is_valid()
                form.add_error(None, str(exc))
                return render(request, "inwoners/netwerklid.html", {**context, "form": form, "actueel": actueel}, status=409)
            except ValidationError as exc:
                _zet_fouten(form, exc)
            else:
                messages.success(request, f"{lid.naam} is {'bijgewerkt' if bestaand else 'toegevoegd aan het netwerk'}.")
                return redirect(reverse("inwoners:huishouden_detail", args=[huishouden.pk]) + "#netwerk")
        return render(request, "inwoners/netwerklid.html", {**context, "form": form}, status=400)
    wat = f"netwerklid {bestaand.naam} geopend" if bestaand else "netwerklid toevoegen geopend"
    if antwoord := open_dossier(request, huishouden, f"Dossier {huishouden.naam}: {wat}"):
        return antwoord
    form = NetwerklidForm(instance=bestaand, initial={"version": bestaand.version} if bestaand else None, huishouden=huishouden)
    return render(request, "inwoners/netwerklid.html", {**context, "form": form})


# --- Noodtoegang (break-the-glass) -----------------------------------------------------------------


def _veilige_volgende(request: HttpRequest, volgende: str, huishouden: Huishouden) -> str:
    if volgende and url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return volgende
    return reverse("inwoners:huishouden_detail", args=[huishouden.pk])


@require_http_methods(["GET", "POST"])
def noodtoegang(request: HttpRequest, pk: int) -> HttpResponse:
    """Record why one must see a dossier outside one's own area; the reason is logged and reported."""
    huishouden = get_object_or_404(Huishouden, pk=pk)
    toegang = toegang_tot(request.user, huishouden)
    if toegang is Toegang.GEEN:
        audit.log(
            request.user,
            AuditActie.GEWEIGERD,
            huishouden,
            omschrijving=f"Toegang met reden tot {huishouden.naam} geweigerd: rol",
            request=request,
        )
        raise PermissionDenied(GEEN_DOSSIERROL)
    volgende = request.POST.get("next") if request.method == "POST" else request.GET.get("next", "")
    doel = _veilige_volgende(request, volgende or "", huishouden)
    if request.method == "GET" and toegang in (Toegang.EIGEN, Toegang.MET_REDEN):
        return redirect(doel)
    form = NoodtoegangForm(request.POST if request.method == "POST" else None, initial={"next": volgende})
    if request.method == "POST" and form.is_valid():
        try:
            registreer_noodtoegang(request.user, huishouden, form.cleaned_data["reden"], request=request)
        except ValueError as exc:
            form.add_error("reden", str(exc))
        else:
            messages.info(request, "Uw reden is vastgelegd. U heeft tijdelijk toegang tot dit dossier.")
            return redirect(doel)
    try:
        uren = geldende_waarde(Sleutel.NOODTOEGANG_UREN, huishouden.gemeente_id, timezone.localdate())
    except BeleidOntbreekt:
        uren = None
    context = {"huishouden": huishouden, "form": form, "uren": uren}
    return render(request, "inwoners/noodtoegang.html", context, status=400 if request.method == "POST" else 200)
