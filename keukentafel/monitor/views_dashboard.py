"""The dashboard (issue 4 §3): filters, sections of tables with charts and definitions, CSV/XLSX of every table, and
the drill-down from a figure to the list behind it — only for users who may see those dossiers."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from keukentafel.accounts import audit
from keukentafel.accounts.access import heeft_dossierrol, zichtbare_huishoudens
from keukentafel.accounts.models import AuditActie
from keukentafel.financien.svg import staafgrafiek
from keukentafel.financien.xlsx import werkmap_response
from keukentafel.inwoners.models import Huishouden

from . import secties
from .forms import SelectieForm
from .rechten import monitorgemeente
from .secties import Sectie
from .selectie import Selectie
from .tabel import Tabel, csv_response

FILTERVELDEN = ("gemeente", "gebied", "team", "jaar", "kwartaal", "wet", "categorie")
GEEN_PERSONEN = (
    "Achter dit cijfer staan dossiers van inwoners. Beleid en financiën zien in de monitor alleen totalen, nooit personen; "
    "een teamleider of medewerker met toegang tot die dossiers kan de lijst openen."
)
LIJST_MAX = 200


def _formulier(request: HttpRequest) -> tuple[SelectieForm, Selectie]:
    """The filters from the query string; missing or invalid ones fall back to the user's gemeente and this year."""
    gemeente = monitorgemeente(request)
    standaard = {"gemeente": gemeente.pk, "jaar": timezone.localdate().year}
    data = {k: request.GET[k] for k in FILTERVELDEN if k in request.GET} or standaard
    data.setdefault("jaar", standaard["jaar"])
    form = SelectieForm(data, regio=gemeente.regio)
    if form.is_valid():
        return form, form.selectie()
    terugval = SelectieForm(standaard, regio=gemeente.regio)
    terugval.is_valid()
    return form, terugval.selectie()


def _query(request: HttpRequest, **extra: str) -> str:
    delen = {k: request.GET[k] for k in FILTERVELDEN if request.GET.get(k)}
    delen.update({k: v for k, v in extra.items() if v})
    return urlencode(delen)


def _grafiek(t: Tabel):
    """A bar chart of a table's first column when it holds numbers; hidden cells draw no bar (the table says "< 5")."""
    waarden = []
    for label, cellen in t.rijen[:25]:
        c = cellen[0] if cellen else None
        if c is None or not isinstance(c.waarde, int | float) or isinstance(c.waarde, bool):
            return None
        waarden.append((label, [None if c.afgeschermd else int(round(c.waarde))]))
    if not waarden:
        return None
    return staafgrafiek(t.titel, [t.kolommen[1] if len(t.kolommen) > 1 else t.titel], waarden, tabel_id=f"tabel-{t.code}")


def dashboard(request: HttpRequest) -> HttpResponse:
    form, selectie = _formulier(request)
    return render(request, "monitor/dashboard.html", {
        "form": form, "selectie": selectie, "secties": secties.SECTIES, "query": _query(request), "stand": timezone.localtime(),
    })


def _sectie(code: str) -> Sectie:
    gevonden = secties.sectie(code)
    if gevonden is None:
        raise Http404("Dit onderdeel van de monitor bestaat niet.")
    return gevonden


def sectie_pagina(request: HttpRequest, code: str) -> HttpResponse:
    s = _sectie(code)
    form, selectie = _formulier(request)
    tabellen = s.tabellen(selectie)
    formaat = request.GET.get("formaat")
    if formaat in ("csv", "xlsx"):
        audit.log(request.user, AuditActie.LEZEN, selectie.gemeente or selectie.regio,
                  omschrijving=f"Monitor {s.titel} ({selectie.omschrijving()}) als {formaat} gedownload", request=request)
        naam = f"monitor-{s.code}-{slugify(selectie.omschrijving())}"[:120]
        if formaat == "xlsx":
            return werkmap_response(naam, [t.blad() for t in tabellen])
        return csv_response(naam, tabellen)
    lijst_ok = heeft_dossierrol(request.user)
    query = _query(request)
    weergave = [{
        "t": t, "grafiek": _grafiek(t),
        # Everyone sees where a figure leads; the list itself checks who may see the dossiers behind it.
        "rijen": [(label, cellen, f"?{query}&{t.links[label].lstrip('?')}" if label in t.links else "") for label, cellen in t.rijen],
    } for t in tabellen]
    return render(request, "monitor/sectie.html", {
        "form": form, "selectie": selectie, "sectie": s, "secties": secties.SECTIES, "tabellen": weergave, "query": query,
        "stand": timezone.localtime(), "lijst_ok": lijst_ok,
    })


def _relaties(model) -> list[str]:
    namen = {f.name for f in model._meta.get_fields()}
    return [n for n in ("persoon", "product", "aanbieder", "huishouden", "regisseur", "behandelaar") if n in namen]


def _regel(obj) -> dict:
    """One line of a drill-down list, whatever lies behind the figure (grant, melding, onderzoek, aanvraag, plan)."""
    persoon = getattr(obj, "persoon", None)
    begin = next((getattr(obj, n) for n in ("begindatum", "ontvangen_op", "startdatum") if getattr(obj, n, None)), None)
    if begin is None and getattr(obj, "aangemaakt_op", None):
        begin = timezone.localtime(obj.aangemaakt_op).date()
    eind = next((getattr(obj, n) for n in ("einddatum", "afgesloten_op", "afgerond_op") if getattr(obj, n, None)), None)
    aanbieder = getattr(obj, "aanbieder", None)
    return {
        "wat": str(obj), "nummer": getattr(obj, "toewijzingnummer", obj.pk), "huishouden_id": obj.huishouden_id,
        "naam": persoon.naam if persoon else str(obj.huishouden), "aanbieder": aanbieder.naam if aanbieder else "",
        "begin": begin, "eind": eind,
    }


def sectie_lijst(request: HttpRequest, code: str) -> HttpResponse:
    """The grants behind one figure, limited to the dossiers the user may open; the rest is only counted."""
    s = _sectie(code)
    form, selectie = _formulier(request)
    tabel, sleutel = request.GET.get("lijst", ""), request.GET.get("sleutel", "")
    if not heeft_dossierrol(request.user):
        audit.log(request.user, AuditActie.GEWEIGERD, selectie.gemeente or selectie.regio,
                  omschrijving=f"Lijst achter monitorcijfer {s.titel}/{tabel} geweigerd: geen dossierrol", request=request)
        raise PermissionDenied(GEEN_PERSONEN)
    qs = s.lijst(selectie, tabel, sleutel)
    if qs is None:
        raise Http404("Achter dit cijfer staat geen lijst.")
    zichtbaar = qs.filter(huishouden__in=zichtbare_huishoudens(request.user, Huishouden.objects.all()))
    totaal, aantal_zichtbaar = qs.count(), zichtbaar.count()
    rijen = [_regel(obj) for obj in zichtbaar.select_related(*_relaties(qs.model)).order_by("pk")[:LIJST_MAX]]
    soort = qs.model._meta.verbose_name_plural
    audit.log(request.user, AuditActie.LEZEN, selectie.gemeente or selectie.regio,
              omschrijving=f"Lijst achter monitorcijfer {s.titel}/{tabel} ({selectie.omschrijving()}): {aantal_zichtbaar} van {totaal} "
                           f"{soort} getoond", request=request)
    return render(request, "monitor/lijst.html", {
        "form": form, "selectie": selectie, "sectie": s, "rijen": rijen, "totaal": totaal, "zichtbaar": aantal_zichtbaar,
        "niet_zichtbaar": totaal - aantal_zichtbaar, "afgekapt": aantal_zichtbaar > LIJST_MAX, "query": _query(request),
        "max": LIJST_MAX, "tabel": tabel, "soort": soort,
    })
