"""Participatiewet staff pages: a person's traject page, the review worklist, werkgevers and vacatures.

A person's pages go through the person's current household (`open_persoon` on GET: need-to-know
check and audit of the read; `eis_persoon_wijziging` on POST). Every change is one service call,
which writes the audit record. Werkgevers and vacatures hold no resident data; the candidate list of
a vacancy shows only households the user may see and is audited as a search.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from keukentafel import forms as kt
from keukentafel.accounts import audit
from keukentafel.accounts.access import eis_dossierrol
from keukentafel.accounts.dossier import open_dossier
from keukentafel.accounts.models import AuditActie
from keukentafel.beleid.services import BeleidOntbreekt
from keukentafel.inwoners.models import Huishouden, Persoon
from keukentafel.inwoners.persoontoegang import eis_persoon_wijziging, open_persoon
from keukentafel.inwoners.services import GelijktijdigGewijzigd, huidig_huishouden

from . import services
from .forms import (
    AfsluitForm,
    CompetentiesForm,
    ContactForm,
    FaseForm,
    HerbeoordelingForm,
    InstrumentForm,
    LadderForm,
    PlaatsingForm,
    PlaatsingsresultaatForm,
    TegenprestatieForm,
    TrajectStartForm,
    UitkomstForm,
    VacatureForm,
    WerkgeverForm,
)
from .models import Competentie, Instrument, Plaatsing, SoortInstrument, Traject, Vacature, Werkgever


def _persoon(pk: int) -> tuple[Persoon, Huishouden | None]:
    persoon = get_object_or_404(Persoon.objects.select_related("gemeente"), pk=pk)
    return persoon, huidig_huishouden(persoon, timezone.localdate())


def _traject(pk: int) -> tuple[Traject, Huishouden | None]:
    traject = get_object_or_404(Traject.objects.select_related("persoon", "klantmanager", "gemeente"), pk=pk)
    return traject, huidig_huishouden(traject.persoon, timezone.localdate())


def _terug(persoon: Persoon) -> HttpResponse:
    return redirect("participatie:persoon", persoon_pk=persoon.pk)


# --- Persoon en huishouden -------------------------------------------------------------------------


@require_http_methods(["GET"])
def huishouden(request: HttpRequest, pk: int) -> HttpResponse:
    """Work and participation of every member of the household, linked from the household dossier."""
    hh = get_object_or_404(Huishouden.objects.select_related("gemeente", "gebied"), pk=pk)
    if antwoord := open_dossier(request, hh, f"Werk en participatie van {hh.naam} ingezien"):
        return antwoord
    vandaag = timezone.localdate()
    leden = list(hh.leden_op(vandaag))
    ids = [lid.persoon_id for lid in leden]
    trajecten = {t.persoon_id: t for t in Traject.objects.open().filter(persoon_id__in=ids)}
    treden = services.huidige_treden(ids, vandaag)
    rijen = [{"lid": lid, "traject": trajecten.get(lid.persoon_id), "trede": treden.get(lid.persoon_id)} for lid in leden]
    return render(request, "participatie/huishouden.html", {"huishouden": hh, "rijen": rijen})


def _met_lopende_lks(traject: Traject, op) -> list[Instrument]:
    """The instruments, each loonwaardebepaling with the subsidy per month that applies today (`lopende_lks`)."""
    instrumenten = list(traject.instrumenten.select_related("actie__doel", "traject__persoon"))
    for i in instrumenten:
        try:
            i.lopende_lks = services.loonkostensubsidie_op(i, op) if i.einddatum is None or i.einddatum >= op else None
        except BeleidOntbreekt:
            i.lopende_lks = None
    return instrumenten


@require_http_methods(["GET"])
def persoon(request: HttpRequest, persoon_pk: int) -> HttpResponse:
    p, hh = _persoon(persoon_pk)
    if antwoord := open_persoon(request, p, hh, f"Werk en participatie van {p.naam} ingezien"):
        return antwoord
    traject = Traject.objects.open().filter(persoon=p).select_related("klantmanager").first()
    vandaag = timezone.localdate()
    context = {
        "persoon": p,
        "huishouden": hh,
        "traject": traject,
        "eerdere": Traject.objects.filter(persoon=p, afgesloten_op__isnull=False),
        "stappen": traject.stappen.select_related("door") if traject else [],
        "instrumenten": _met_lopende_lks(traject, vandaag) if traject else [],
        "tegenprestaties": traject.tegenprestaties.all() if traject else [],
        "plaatsingen": [
            (
                pl,
                PlaatsingsresultaatForm(
                    prefix=f"plaatsing{pl.pk}", initial={"version": pl.version, "resultaat": pl.resultaat, "einddatum": pl.einddatum}
                ),
            )
            for pl in traject.plaatsingen.select_related("vacature__werkgever", "loonkostensubsidie")
        ]
        if traject
        else [],
        "ladder": p.ladderscores.select_related("door"),
        "competenties": Competentie.objects.filter(pk__in=p.competenties.values("competentie_id")),
        "vacatures": services.vacatures_voor(traject, vandaag)[:10] if traject else [],
        "faseform": FaseForm(initial={"version": traject.version, "datum": vandaag}) if traject else None,
    }
    return render(request, "participatie/persoon.html", context)


@require_http_methods(["GET", "POST"])
def traject_nieuw(request: HttpRequest, persoon_pk: int) -> HttpResponse:
    p, hh = _persoon(persoon_pk)
    gemeente = p.gemeente or (hh.gemeente if hh else None)
    if request.method == "POST":
        eis_persoon_wijziging(request, p, hh)
        form = TrajectStartForm(request.POST, gemeente=gemeente)
        if form.is_valid():
            try:
                services.start_traject(request.user, p, request=request, **form.cleaned_data)
            except (ValidationError, BeleidOntbreekt) as exc:
                kt.zet_fouten(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)), {"kosten_cent": "kosten"})
            else:
                messages.success(request, f"Het traject van {p.naam} is gestart.")
                return _terug(p)
        return render(request, "participatie/traject_nieuw.html", {"persoon": p, "form": form}, status=400)
    if antwoord := open_persoon(request, p, hh, f"Traject starten voor {p.naam} geopend"):
        return antwoord
    form = TrajectStartForm(gemeente=gemeente, initial={"klantmanager": request.user.pk})
    return render(request, "participatie/traject_nieuw.html", {"persoon": p, "form": form})


@require_POST
def traject_fase(request: HttpRequest, pk: int) -> HttpResponse:
    traject, hh = _traject(pk)
    eis_persoon_wijziging(request, traject.persoon, hh)
    form = FaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Vul een geldige datum in.")
        return _terug(traject.persoon)
    try:
        services.volgende_fase(
            request.user,
            traject,
            form.cleaned_data["version"],
            datum=form.cleaned_data["datum"],
            toelichting=form.cleaned_data["toelichting"],
            request=request,
        )
    except (ValidationError, GelijktijdigGewijzigd) as exc:
        messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, f"Het Werkspoor is in de fase {traject.get_fase_display().lower()}.")
    return _terug(traject.persoon)


def _opnieuw(form_cls, request: HttpRequest, versie: int, exc: Exception):
    """After a concurrent change: the user's input again, on the current version, with the conflict on top."""
    data = request.POST.copy()
    data["version"] = versie
    form = form_cls(data)
    form.is_valid()
    form.add_error(None, str(exc))
    return form


def _versieformulier(request, pk, form_cls, template, uitvoeren, gelukt, initial=None):
    """GET/POST for a form on a traject that carries its version; 409 with the user's input on a concurrent change."""
    traject, hh = _traject(pk)
    status = 200
    if request.method == "POST":
        eis_persoon_wijziging(request, traject.persoon, hh)
        form = form_cls(request.POST)
        if form.is_valid():
            try:
                uitvoeren(traject, form.cleaned_data)
            except GelijktijdigGewijzigd as exc:
                traject.refresh_from_db()
                form, status = _opnieuw(form_cls, request, traject.version, exc), 409
            except ValidationError as exc:
                kt.zet_fouten(form, exc, {"kosten_cent": "kosten"})
                status = 400
            else:
                messages.success(request, gelukt)
                return _terug(traject.persoon)
        else:
            status = 400
    else:
        if antwoord := open_persoon(request, traject.persoon, hh, f"Traject van {traject.persoon.naam} geopend"):
            return antwoord
        form = form_cls(initial={"version": traject.version, **(initial or {})})
    return render(request, template, {"traject": traject, "persoon": traject.persoon, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
def herbeoordeling(request: HttpRequest, pk: int) -> HttpResponse:
    def uitvoeren(traject, d):
        services.herbeoordeel(request.user, traject, d.pop("version"), request=request, **d)

    traject = get_object_or_404(Traject, pk=pk)
    return _versieformulier(
        request,
        pk,
        HerbeoordelingForm,
        "participatie/herbeoordeling.html",
        uitvoeren,
        "De herbeoordeling is vastgelegd.",
        {"verdiencapaciteit_procent": traject.verdiencapaciteit_procent},
    )


@require_http_methods(["GET", "POST"])
def traject_afsluiten(request: HttpRequest, pk: int) -> HttpResponse:
    def uitvoeren(traject, d):
        services.sluit_traject(request.user, traject, d.pop("version"), request=request, **d)

    return _versieformulier(request, pk, AfsluitForm, "participatie/traject_afsluiten.html", uitvoeren, "Het traject is afgesloten.")


# --- Instrumenten en tegenprestatie ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def instrument_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    traject, hh = _traject(pk)
    if request.method == "POST":
        eis_persoon_wijziging(request, traject.persoon, hh)
        form = InstrumentForm(request.POST, gemeente_id=traject.gemeente_id)
        if form.is_valid():
            d = form.cleaned_data
            try:
                instrument = services.voeg_instrument_toe(
                    request.user,
                    traject,
                    soort=d["soort"],
                    omschrijving=d["omschrijving"],
                    uitvoerder=d["uitvoerder"],
                    werkgever=d["werkgever"],
                    startdatum=d["startdatum"],
                    einddatum=d["einddatum"],
                    kosten_cent=d["kosten"] or 0,
                    loonwaarde_procent=d["loonwaarde_procent"] if d["soort"] == SoortInstrument.LOONWAARDEBEPALING else None,
                    uren_per_week=d["uren_per_week"] if d["soort"] == SoortInstrument.LOONWAARDEBEPALING else None,
                    begrotingspost=d["begrotingspost"],
                    request=request,
                )
            except (ValidationError, BeleidOntbreekt) as exc:
                kt.zet_fouten(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)), {"kosten_cent": "kosten"})
            else:
                tekst = f"{instrument.get_soort_display()} is toegevoegd aan het re-integratieplan"
                messages.success(request, tekst + (" en aan het ondersteuningsplan." if instrument.actie_id else "."))
                return _terug(traject.persoon)
        return render(
            request, "participatie/instrument_nieuw.html", {"traject": traject, "persoon": traject.persoon, "form": form}, status=400
        )
    if antwoord := open_persoon(request, traject.persoon, hh, f"Re-integratieplan van {traject.persoon.naam} geopend"):
        return antwoord
    form = InstrumentForm(gemeente_id=traject.gemeente_id)
    return render(request, "participatie/instrument_nieuw.html", {"traject": traject, "persoon": traject.persoon, "form": form})


@require_http_methods(["GET", "POST"])
def instrument_uitkomst(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_object_or_404(Instrument.objects.select_related("traject__persoon"), pk=pk)
    p = instrument.traject.persoon
    hh = huidig_huishouden(p, timezone.localdate())
    status = 200
    if request.method == "POST":
        eis_persoon_wijziging(request, p, hh)
        form = UitkomstForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.leg_uitkomst_vast(request.user, instrument, d.pop("version"), request=request, **d)
            except GelijktijdigGewijzigd as exc:
                instrument.refresh_from_db()
                form, status = _opnieuw(UitkomstForm, request, instrument.version, exc), 409
            except ValidationError as exc:
                kt.zet_fouten(form, exc, {"kosten_cent": "kosten"})
                status = 400
            else:
                messages.success(request, "De uitkomst is vastgelegd.")
                return _terug(p)
        else:
            status = 400
    else:
        if antwoord := open_persoon(request, p, hh, f"Re-integratie-instrument van {p.naam} geopend"):
            return antwoord
        form = UitkomstForm(
            initial={
                "version": instrument.version,
                "uitkomst": instrument.uitkomst,
                "einddatum": instrument.einddatum,
                "toelichting": instrument.uitkomst_toelichting,
            }
        )
    context = {"instrument": instrument, "persoon": p, "form": form}
    return render(request, "participatie/instrument_uitkomst.html", context, status=status)


@require_http_methods(["GET", "POST"])
def tegenprestatie_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    traject, hh = _traject(pk)
    vandaag = timezone.localdate()
    try:
        grenzen = services.tegenprestatie_grenzen(traject.gemeente_id, vandaag)
    except BeleidOntbreekt:
        grenzen = None
    if request.method == "POST":
        eis_persoon_wijziging(request, traject.persoon, hh)
        form = TegenprestatieForm(request.POST)
        if form.is_valid():
            try:
                services.leg_tegenprestatie_vast(request.user, traject, request=request, **form.cleaned_data)
            except (ValidationError, BeleidOntbreekt) as exc:
                kt.zet_fouten(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)), {"kosten_cent": "kosten"})
            else:
                messages.success(request, "De tegenprestatie is vastgelegd.")
                return _terug(traject.persoon)
        context = {"traject": traject, "persoon": traject.persoon, "form": form, "grenzen": grenzen}
        return render(request, "participatie/tegenprestatie_nieuw.html", context, status=400)
    if antwoord := open_persoon(request, traject.persoon, hh, f"Tegenprestatie van {traject.persoon.naam} geopend"):
        return antwoord
    context = {"traject": traject, "persoon": traject.persoon, "form": TegenprestatieForm(), "grenzen": grenzen}
    return render(request, "participatie/tegenprestatie_nieuw.html", context)


@require_POST
def plaatsing_resultaat(request: HttpRequest, pk: int) -> HttpResponse:
    plaatsing = get_object_or_404(Plaatsing.objects.select_related("traject__persoon", "vacature"), pk=pk)
    p = plaatsing.traject.persoon
    eis_persoon_wijziging(request, p, huidig_huishouden(p, timezone.localdate()))
    prefix = f"plaatsing{plaatsing.pk}"
    form = PlaatsingsresultaatForm(request.POST, prefix=prefix)
    if not form.is_valid():
        messages.error(request, "Kies een resultaat en vul een geldige datum in.")
        return _terug(p)
    d = form.cleaned_data
    try:
        services.leg_plaatsingsresultaat_vast(request.user, plaatsing, d.pop("version"), request=request, **d)
    except GelijktijdigGewijzigd as exc:
        # The user's input again on the current version, with the conflict on top (as _opnieuw does).
        plaatsing.refresh_from_db()
        data = request.POST.copy()
        data[f"{prefix}-version"] = plaatsing.version
        form = PlaatsingsresultaatForm(data, prefix=prefix)
        form.is_valid()
        form.add_error(None, str(exc))
        context = {"plaatsing": plaatsing, "persoon": p, "form": form}
        return render(request, "participatie/plaatsing_resultaat.html", context, status=409)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Het resultaat van de plaatsing is vastgelegd.")
    return _terug(p)


# --- Ladder en competenties ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def ladder(request: HttpRequest, persoon_pk: int) -> HttpResponse:
    p, hh = _persoon(persoon_pk)
    if request.method == "POST":
        eis_persoon_wijziging(request, p, hh)
        form = LadderForm(request.POST)
        if form.is_valid():
            try:
                services.leg_ladderscore_vast(request.user, p, request=request, **form.cleaned_data)
            except ValidationError as exc:
                kt.zet_fouten(form, exc, {"kosten_cent": "kosten"})
            else:
                messages.success(request, "De trede op de participatieladder is vastgelegd.")
                return _terug(p)
        return render(request, "participatie/ladder.html", {"persoon": p, "form": form}, status=400)
    if antwoord := open_persoon(request, p, hh, f"Participatieladder van {p.naam} geopend"):
        return antwoord
    return render(request, "participatie/ladder.html", {"persoon": p, "form": LadderForm()})


@require_http_methods(["GET", "POST"])
def competenties(request: HttpRequest, persoon_pk: int) -> HttpResponse:
    p, hh = _persoon(persoon_pk)
    if request.method == "POST":
        eis_persoon_wijziging(request, p, hh)
        form = CompetentiesForm(request.POST)
        if form.is_valid():
            services.zet_competenties(request.user, p, form.cleaned_data["competenties"], request=request)
            messages.success(request, "De competenties zijn vastgelegd.")
            return _terug(p)
        return render(request, "participatie/competenties.html", {"persoon": p, "form": form}, status=400)
    if antwoord := open_persoon(request, p, hh, f"Competenties van {p.naam} geopend"):
        return antwoord
    form = CompetentiesForm(initial={"competenties": list(p.competenties.values_list("competentie_id", flat=True))})
    return render(request, "participatie/competenties.html", {"persoon": p, "form": form})


# --- Werklijst -------------------------------------------------------------------------------------

#: The longest worklist shown at once; the screen says so when there are more.
WERKLIJST_LIMIET = 200
#: The most candidates shown for a vacancy (the best matches); the screen says so when there are more.
KANDIDATEN_LIMIET = 25


@require_http_methods(["GET"])
def herbeoordelingen(request: HttpRequest) -> HttpResponse:
    """Trajecten due for review (only households the user may see; a list, no dossier read)."""
    eis_dossierrol(request)
    vandaag = timezone.localdate()
    trajecten = list(services.te_herbeoordelen(request.user, vandaag)[: WERKLIJST_LIMIET + 1])
    afgekapt = len(trajecten) > WERKLIJST_LIMIET
    trajecten = trajecten[:WERKLIJST_LIMIET]
    audit.log(request.user, AuditActie.ZOEKEN, None, request=request,
              omschrijving=f"Werklijst herbeoordelingen Participatiewet ingezien ({len(trajecten)}{'+' if afgekapt else ''} trajecten)")
    context = {"trajecten": trajecten, "vandaag": vandaag, "afgekapt": afgekapt, "limiet": WERKLIJST_LIMIET}
    return render(request, "participatie/herbeoordelingen.html", context)


# --- Werkgeversbenadering --------------------------------------------------------------------------


def _werkgemeente(request: HttpRequest):
    eis_dossierrol(request)
    gemeente = request.user.werkgemeente
    if gemeente is None:
        raise PermissionDenied("U werkt niet voor een gemeente.")
    return gemeente


@require_http_methods(["GET", "POST"])
def werkgevers(request: HttpRequest) -> HttpResponse:
    gemeente = _werkgemeente(request)
    form = WerkgeverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            werkgever = services.registreer_werkgever(request.user, gemeente=gemeente, request=request, **form.cleaned_data)
        except ValidationError as exc:
            kt.zet_fouten(form, exc, {"kosten_cent": "kosten"})
        else:
            messages.success(request, f"{werkgever.naam} is vastgelegd.")
            return redirect("participatie:werkgever", pk=werkgever.pk)
    lijst = Werkgever.objects.filter(gemeente=gemeente).prefetch_related("vacatures")
    status = 400 if request.method == "POST" else 200
    return render(request, "participatie/werkgevers.html", {"werkgevers": lijst, "form": form, "gemeente": gemeente}, status=status)


@require_http_methods(["GET", "POST"])
def werkgever(request: HttpRequest, pk: int) -> HttpResponse:
    gemeente = _werkgemeente(request)
    wg = get_object_or_404(Werkgever, pk=pk, gemeente=gemeente)
    contactform = ContactForm(prefix="contact")
    vacatureform = VacatureForm(prefix="vacature")
    status = 200
    if request.method == "POST":
        status = 400
        if "contact" in request.POST:
            contactform = ContactForm(request.POST, prefix="contact")
            if contactform.is_valid():
                try:
                    services.leg_werkgeverscontact_vast(request.user, wg, request=request, **contactform.cleaned_data)
                except ValidationError as exc:
                    kt.zet_fouten(contactform, exc, {"kosten_cent": "kosten"})
                else:
                    messages.success(request, "Het contact is vastgelegd.")
                    return redirect("participatie:werkgever", pk=wg.pk)
        else:
            vacatureform = VacatureForm(request.POST, prefix="vacature")
            if vacatureform.is_valid():
                try:
                    v = services.maak_vacature(request.user, wg, request=request, **vacatureform.cleaned_data)
                except ValidationError as exc:
                    kt.zet_fouten(vacatureform, exc, {"kosten_cent": "kosten"})
                else:
                    messages.success(request, f"De vacature {v.titel} is vastgelegd.")
                    return redirect("participatie:vacature", pk=v.pk)
    context = {
        "werkgever": wg,
        "contacten": wg.contacten.select_related("door"),
        "vacatures": wg.vacatures.prefetch_related("competenties"),
        "contactform": contactform,
        "vacatureform": vacatureform,
    }
    return render(request, "participatie/werkgever.html", context, status=status)


def _zichtbare_plaatsingen(request: HttpRequest, v: Vacature) -> list:
    """Placements on this vacancy, named only where the user may see the candidate's household."""
    plaatsingen = list(v.plaatsingen.select_related("traject__persoon"))
    ids = {p.traject_id for p in plaatsingen}
    zichtbaar = set(
        services.zichtbare_trajecten(request.user, Traject.objects.filter(pk__in=ids), timezone.localdate()).values_list("pk", flat=True)
    )
    return [p for p in plaatsingen if p.traject_id in zichtbaar]


@require_http_methods(["GET", "POST"])
def vacature(request: HttpRequest, pk: int) -> HttpResponse:
    """A vacancy with its ranked candidates (only households the user may see); placing one fills it."""
    gemeente = _werkgemeente(request)
    v = get_object_or_404(Vacature.objects.select_related("werkgever"), pk=pk, werkgever__gemeente=gemeente)
    vandaag = timezone.localdate()
    kandidaten = services.kandidaten_voor(request.user, v, vandaag) if v.open else []
    afgekapt = len(kandidaten) > KANDIDATEN_LIMIET
    kandidaten = kandidaten[:KANDIDATEN_LIMIET]
    zichtbaar = {m.traject.pk: m.traject for m in kandidaten}
    status = 200
    fout = ""
    if request.method == "POST":
        if not v.open:
            messages.error(request, "Deze vacature is al vervuld.")
            return redirect("participatie:vacature", pk=v.pk)
        form = PlaatsingForm(request.POST)
        traject = zichtbaar.get(int(request.POST.get("traject", "0") or 0)) if request.POST.get("traject", "").isdigit() else None
        if traject is None:
            raise PermissionDenied("Deze kandidaat staat niet in uw lijst.")
        eis_persoon_wijziging(request, traject.persoon, huidig_huishouden(traject.persoon, vandaag))
        form.fields["loonkostensubsidie"].queryset = traject.instrumenten.filter(soort=SoortInstrument.LOONWAARDEBEPALING)
        if form.is_valid():
            try:
                services.plaats_kandidaat(
                    request.user,
                    traject,
                    v,
                    startdatum=form.cleaned_data["startdatum"],
                    loonkostensubsidie=form.cleaned_data["loonkostensubsidie"],
                    request=request,
                )
            except ValidationError as exc:
                fout = " ".join(exc.messages)
            else:
                messages.success(request, f"{traject.persoon.naam} is geplaatst op {v.titel}.")
                return redirect("participatie:persoon", persoon_pk=traject.persoon_id)
        else:
            fout = "Vul een geldige startdatum in."
        status = 400
    audit.log(request.user, AuditActie.ZOEKEN, v, omschrijving=f"Kandidaten bij vacature {v.titel} ({len(kandidaten)})", request=request)
    context = {
        "vacature": v,
        "kandidaten": kandidaten,
        "afgekapt": afgekapt,
        "limiet": KANDIDATEN_LIMIET,
        "vandaag": vandaag,
        "fout": fout,
        "competenties": v.competenties.all(),
        "plaatsingen": _zichtbare_plaatsingen(request, v),
    }
    return render(request, "participatie/vacature.html", context, status=status)
