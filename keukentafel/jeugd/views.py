"""Jeugdwet screens on the youth's dossier. Thin: access check + audit of the read, a form, one service call.

Dossier pages go through `inwoners.persoontoegang` (need-to-know on the household); meldcode and Verwijsindex go
through the stricter `jeugd.toegang` on top (no break-the-glass).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from keukentafel import forms as kt
from keukentafel.accounts.access import eis_dossierrol
from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import geldende_waarde
from keukentafel.inwoners.models import Jeugdmaatregel, Persoon
from keukentafel.inwoners.persoontoegang import eis_persoon_wijziging, open_persoon
from keukentafel.inwoners.services import GelijktijdigGewijzigd, huidig_huishouden

from . import forms, services
from .models import Machtiging, Meldcodetraject, Overgang18, Verwijsindexsignaal, WettelijkeVerwijzing
from .ouderbijdrage import ouderbijdrage
from .regels import verjaardag
from .toegang import eis_veiligheidstoegang, zichtbaar


def _persoon(request: HttpRequest, pk: int, omschrijving: str):
    """The person and household after the dossier check; a POST needs change access (no reason prompt mid-form)."""
    eis_dossierrol(request)
    persoon = get_object_or_404(Persoon, pk=pk)
    huishouden = huidig_huishouden(persoon)
    if request.method == "POST":
        eis_persoon_wijziging(request, persoon, huishouden)
        return persoon, huishouden, None
    return persoon, huishouden, open_persoon(request, persoon, huishouden, omschrijving.format(naam=persoon.naam))


def _formulier(
    request: HttpRequest, pk: int, form_cls, *, titel: str, uitleg: str, uitvoeren: Callable, gelukt: str, initial=None,
    terug: str = "jeugd:persoon",
) -> HttpResponse:
    persoon, huishouden, antwoord = _persoon(request, pk, f"Jeugd: {titel.lower()} van {{naam}} geopend")
    if antwoord:
        return antwoord
    form = form_cls(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                uitvoeren(persoon, form.cleaned_data)
            except GelijktijdigGewijzigd as exc:
                form.add_error(None, str(exc))
                status = 409
            except ValidationError as exc:
                kt.zet_fouten(form, exc)
                status = 400
            else:
                messages.success(request, gelukt)
                return redirect(terug, pk=persoon.pk)
        else:
            status = 400
    context = {"persoon": persoon, "huishouden": huishouden, "form": form, "titel": titel, "uitleg": uitleg}
    return render(request, "jeugd/formulier.html", context, status=status)


# --- the youth's Jeugdwet page ----------------------------------------------------------------------


@require_http_methods(["GET"])
def persoon(request: HttpRequest, pk: int) -> HttpResponse:
    p, huishouden, antwoord = _persoon(request, pk, "Jeugdwetgegevens van {naam} ingezien")
    if antwoord:
        return antwoord
    vandaag = timezone.localdate()
    from keukentafel.besluiten.models import ToegewezenVoorziening

    grens = int(geldende_waarde(Sleutel.JEUGD_LEEFTIJDSGRENS, p.gemeente_id, vandaag))

    voorzieningen = list(
        ToegewezenVoorziening.objects.filter(persoon=p, product__wet="jeugdwet").select_related("product", "aanbieder")
        .order_by("-begindatum")[:20]
    )
    context = {
        "persoon": p,
        "huishouden": huishouden,
        "grens": grens,
        "achttien": verjaardag(p, grens),
        "maatregelen": Jeugdmaatregel.objects.filter(persoon=p).select_related("regie").order_by("-begindatum"),
        "lopende_maatregelen": list(services.lopende_maatregelen(p, vandaag)),
        "machtigingen": Machtiging.objects.filter(persoon=p),
        "verwijzingen": WettelijkeVerwijzing.objects.filter(persoon=p).prefetch_related("voorzieningen__product"),
        "overgang": Overgang18.objects.filter(persoon=p).first(),
        "voorzieningen": [(v, ouderbijdrage(p, v, vandaag)) for v in voorzieningen],
    }
    return render(request, "jeugd/persoon.html", context)


@require_http_methods(["GET", "POST"])
def verwijzing_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    def uitvoeren(persoon, d):
        services.registreer_verwijzing(request.user, persoon, request=request, **d)

    return _formulier(
        request, pk, forms.VerwijzingForm, titel="Wettelijke verwijzing vastleggen", gelukt="De verwijzing is gevolgd en toegewezen.",
        uitleg="Een verwijzing door huisarts, jeugdarts, medisch specialist, gecertificeerde instelling of rechter volgt de gemeente "
        "zonder eigen onderzoek (Jeugdwet art. 2.6). Het product wordt direct toegewezen; de aanbieder krijgt een JW301 en de "
        "regisseur (of het gebiedsteam) een melding.",
        uitvoeren=uitvoeren, initial={"datum": timezone.localdate()},
    )


@require_http_methods(["GET", "POST"])
def machtiging_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    def uitvoeren(persoon, d):
        services.leg_machtiging_vast(request.user, persoon, request=request, **d)

    return _formulier(
        request, pk, forms.MachtigingForm, titel="Machtiging gesloten jeugdhulp vastleggen", gelukt="De machtiging is vastgelegd.",
        uitleg="Gesloten jeugdhulp kan alleen worden toegewezen voor een periode die een machtiging van de kinderrechter dekt.",
        uitvoeren=uitvoeren,
    )


@require_http_methods(["GET", "POST"])
def maatregel_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    def uitvoeren(persoon, d):
        services.leg_maatregel_vast(request.user, persoon, request=request, **d)

    return _formulier(
        request, pk, forms.MaatregelForm, titel="Maatregel vastleggen", gelukt="De maatregel is vastgelegd.",
        uitleg="Bij een ondertoezichtstelling, voogdij of jeugdreclassering is de gecertificeerde instelling regisseur voor dat "
        "deel van het plan. Zolang de maatregel loopt, is geen pgb mogelijk.",
        uitvoeren=uitvoeren,
    )


@require_http_methods(["GET", "POST"])
def maatregel_beeindigen(request: HttpRequest, pk: int) -> HttpResponse:
    maatregel = get_object_or_404(Jeugdmaatregel, pk=pk)

    def uitvoeren(persoon, d):
        services.beeindig_maatregel(request.user, maatregel, request=request, **d)

    return _formulier(
        request, maatregel.persoon_id, forms.MaatregelEindeForm, titel=f"{maatregel.get_soort_display()} beëindigen",
        gelukt="De maatregel is beëindigd.", uitleg=f"Uitgevoerd door {maatregel.gecertificeerde_instelling}, "
        f"sinds {maatregel.begindatum:%d-%m-%Y}.", uitvoeren=uitvoeren, initial={"einddatum": timezone.localdate()},
    )


@require_http_methods(["GET", "POST"])
def overgang(request: HttpRequest, pk: int) -> HttpResponse:
    bestaand = Overgang18.objects.filter(persoon_id=pk).first()
    initial = {"uitkomst": bestaand.uitkomst, "grond_verlenging": bestaand.grond_verlenging, "verlengd_tot": bestaand.verlengd_tot,
               "motivering": bestaand.motivering, "version": bestaand.version} if bestaand else None

    def uitvoeren(persoon, d):
        services.leg_overgang_vast(request.user, persoon, d.pop("version"), request=request, **d)

    return _formulier(
        request, pk, forms.OvergangForm, titel="Overgang 18-/18+ vastleggen", gelukt="De overgang is vastgelegd.",
        uitleg="Jeugdhulp eindigt op de 18e verjaardag. Leg vast wat daarna geregeld is. Verlengde jeugdhulp tot 23 jaar kan "
        "alleen bij voortzetting van jeugdhulp die vóór 18 begon, bij hervatting binnen een half jaar, of bij jeugdreclassering.",
        uitvoeren=uitvoeren, initial=initial,
    )


@require_http_methods(["GET"])
def overgangslijst(request: HttpRequest) -> HttpResponse:
    """The team's 18-/18+ worklist: only households the user may see; the list itself is audited as a search."""
    from keukentafel.accounts import audit
    from keukentafel.accounts.models import AuditActie

    eis_dossierrol(request)
    rijen = services.overgangslijst(request.user)
    audit.log(request.user, AuditActie.ZOEKEN, None, request=request,
              omschrijving=f"Overgangslijst 18-/18+ ingezien ({len(rijen)} jeugdigen)")
    return render(request, "jeugd/overgangslijst.html", {"rijen": rijen})


# --- meldcode and Verwijsindex (strict access) ---------------------------------------------------


@require_http_methods(["GET", "POST"])
def veiligheid(request: HttpRequest, pk: int) -> HttpResponse:
    # The normal dossier check (need-to-know on the household, the read audited) first; the strict filter below only
    # narrows it. The audit text is the neutral one of the Jeugdwet page: it does not say a safety page was opened.
    p, _huishouden, antwoord = _persoon(request, pk, "Jeugdwetgegevens van {naam} ingezien")
    if antwoord:
        return antwoord
    start = forms.MeldcodeStartForm(prefix="mc", initial={"gestart_op": timezone.localdate()})
    signaal = forms.VerwijsindexForm(prefix="vi", initial={"datum": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if "mc-gestart_op" in request.POST:
            start = forms.MeldcodeStartForm(request.POST, prefix="mc")
            if start.is_valid():
                t = services.start_meldcode(request.user, p, request=request, **start.cleaned_data)
                return redirect("jeugd:meldcode", pk=t.pk)
        else:
            signaal = forms.VerwijsindexForm(request.POST, prefix="vi")
            if signaal.is_valid():
                try:
                    services.registreer_verwijsindexsignaal(request.user, p, request=request, **signaal.cleaned_data)
                except ValidationError as exc:
                    kt.zet_fouten(signaal, exc)
                else:
                    messages.success(request, "Het signaal in de Verwijsindex is afgegeven.")
                    return redirect("jeugd:veiligheid", pk=p.pk)
        status = 400
    trajecten = zichtbaar(request.user, Meldcodetraject.objects.filter(persoon=p))
    signalen = zichtbaar(request.user, Verwijsindexsignaal.objects.filter(persoon=p))
    for obj in [*trajecten, *signalen]:
        eis_veiligheidstoegang(request, obj)
    context = {"persoon": p, "trajecten": trajecten, "signalen": signalen, "start": start, "signaal": signaal,
               "eindeform": forms.VerwijsindexEindeForm(initial={"einddatum": timezone.localdate()})}
    return render(request, "jeugd/veiligheid.html", context, status=status)


@require_http_methods(["GET", "POST"])
def meldcode(request: HttpRequest, pk: int) -> HttpResponse:
    eis_dossierrol(request)
    t = get_object_or_404(Meldcodetraject.objects.select_related("persoon", "huishouden"), pk=pk)
    eis_veiligheidstoegang(request, t, "gewijzigd" if request.method == "POST" else "ingezien")
    stapform = forms.MeldcodeStapForm(prefix="stap", initial={"version": t.version, "datum": timezone.localdate()})
    besluitform = forms.MeldcodeBesluitForm(prefix="besluit", initial={"version": t.version, "datum": timezone.localdate()})
    status = 200
    if request.method == "POST":
        besluiten = "besluit-besluit" in request.POST
        form = (forms.MeldcodeBesluitForm(request.POST, prefix="besluit") if besluiten
                else forms.MeldcodeStapForm(request.POST, prefix="stap"))
        if form.is_valid():
            d = dict(form.cleaned_data)
            versie = d.pop("version")
            try:
                if besluiten:
                    services.rond_meldcode_af(request.user, t, versie, request=request, **d)
                else:
                    services.leg_meldcodestap_vast(request.user, t, versie, request=request, **d)
            except (ValidationError, GelijktijdigGewijzigd) as exc:
                if isinstance(exc, ValidationError):
                    kt.zet_fouten(form, exc)
                else:
                    form.add_error(None, str(exc))
            else:
                messages.success(request, "Het meldcodetraject is bijgewerkt.")
                return redirect("jeugd:meldcode", pk=t.pk)
        status = 400
        if besluiten:
            besluitform = form
        else:
            stapform = form
    context = {"traject": t, "persoon": t.persoon, "stappen": t.stappen.select_related("vastgelegd_door"), "stapform": stapform,
               "besluitform": besluitform}
    return render(request, "jeugd/meldcode.html", context, status=status)


@require_POST
def verwijsindex_beeindigen(request: HttpRequest, pk: int) -> HttpResponse:
    eis_dossierrol(request)
    s = get_object_or_404(Verwijsindexsignaal.objects.select_related("persoon", "huishouden"), pk=pk)
    eis_veiligheidstoegang(request, s, "gewijzigd")
    form = forms.VerwijsindexEindeForm(request.POST)
    if form.is_valid():
        try:
            services.beeindig_verwijsindexsignaal(request.user, s, form.cleaned_data["version"], einddatum=form.cleaned_data["einddatum"],
                                                  request=request)
        except (ValidationError, GelijktijdigGewijzigd) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, "Het signaal in de Verwijsindex is beëindigd.")
    else:
        messages.error(request, "Vul een geldige einddatum in.")
    return redirect("jeugd:veiligheid", pk=s.persoon_id)
