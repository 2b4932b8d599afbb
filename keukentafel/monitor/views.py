"""Monitor pages: figures with their definitions and data date; CSV and XLSX with the same small-cell rule."""

from __future__ import annotations

import csv
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie
from keukentafel.financien.xlsx import werkmap_response, xlsx_response

from . import jeugd_participatie
from . import startfoto as startfoto_module
from .forms import StartfotoForm
from .periode import Periode, periode
from .rechten import monitorgemeente

KOLOMMEN = ["Indicator", "Waarde", "Teller", "Noemer", "Definitie"]


def _periode(request: HttpRequest) -> tuple[Periode, int, int | None]:
    vandaag = timezone.localdate()
    try:
        jaar = int(request.GET.get("jaar") or vandaag.year)
        kwartaal = int(request.GET["kwartaal"]) if request.GET.get("kwartaal") else None
        return periode(jaar, kwartaal), jaar, kwartaal
    except (TypeError, ValueError):
        return periode(vandaag.year), vandaag.year, None


def _rijen(lijst: list[jeugd_participatie.Indicator]) -> list[list]:
    return [
        [i.naam, i.waarde.export, i.teller.export if i.teller else None, i.noemer.export if i.noemer else None, i.definitie]
        for i in lijst
    ]


def jeugd_en_participatie(request: HttpRequest) -> HttpResponse:
    gemeente = monitorgemeente(request)
    p, jaar, kwartaal = _periode(request)
    lijst = jeugd_participatie.indicatoren(gemeente, p)
    formaat = request.GET.get("formaat")
    naam = f"monitor-jeugd-participatie-{gemeente.gemeentecode}-{p.van:%Y%m%d}-{p.tot:%Y%m%d}"
    if formaat in ("csv", "xlsx"):
        audit.log(request.user, AuditActie.LEZEN, gemeente, omschrijving=f"Monitor jeugd en participatie {p.naam} als {formaat} gedownload",
                  request=request)
        if formaat == "xlsx":
            return xlsx_response(naam, f"Jeugd en participatie {p.naam}", KOLOMMEN, _rijen(lijst))
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{naam}.csv"'
        schrijver = csv.writer(response, delimiter=";")
        schrijver.writerow(KOLOMMEN)
        schrijver.writerows(_rijen(lijst))
        return response
    return render(request, "monitor/jeugd_participatie.html", {
        "gemeente": gemeente, "periode": p, "jaar": jaar, "kwartaal": kwartaal, "indicatoren": lijst,
        "jaren": range(timezone.localdate().year - 4, timezone.localdate().year + 1), "stand": timezone.localtime(),
    })


def _startfoto_rijen(tabel: startfoto_module.Tabel) -> list[list]:
    return [[r.naam, *(c.export for c in r.cellen)] for r in tabel.rijen]


def _startfoto_bladen(foto: startfoto_module.Startfoto) -> list:
    kolommen = foto.kolommen
    leeg = [None] * len(kolommen)
    toelichting = [
        ["Regio", foto.regio.naam], ["Peildatum", foto.peildatum], ["Kostenperiode van", foto.kosten_van],
        ["Kostenperiode tot en met", foto.kosten_tot], ["Stand van de gegevens", timezone.localtime()],
        ["Afscherming", f"Aantallen van 1 tot {foto.drempels[-1]} (en wat daaruit berekend is) tonen als '< {foto.drempels[-1]}'."],
    ]
    indeling = [[r["productgroep"], r["categorieen"], r["seed"], r["clientgroep"], r["bron"]] for r in startfoto_module.indeling()]
    bladen = [("Toelichting", ["Gegeven", "Waarde"], toelichting),
              ("Indeling productgroepen", ["Productgroep", "WMO020", "Seed", "Cliëntgroep", "Bron"], indeling)]
    for t in foto.tabellen:
        rijen = [*_startfoto_rijen(t), [None, *leeg], ["Definitie", t.definitie, *leeg[1:]]]
        bladen.append((t.titel, [t.kop, *kolommen], rijen))
    return bladen


def startfoto(request: HttpRequest) -> HttpResponse:
    """The Startfoto of a regio on a peildatum; aggregated figures only, reading and downloads audited."""
    gemeente = monitorgemeente(request)
    form = StartfotoForm(request.GET or None, initial={"regio": gemeente.regio_id, "peildatum": timezone.localdate()})
    gekozen: dict = {}
    if form.is_bound:
        form.is_valid()  # cleaned_data then holds the valid fields; an invalid or missing one falls back to its default
        gekozen = form.cleaned_data
    regio = gekozen.get("regio") or gemeente.regio
    peildatum = gekozen.get("peildatum") or timezone.localdate()
    foto = startfoto_module.startfoto(regio, peildatum)
    naam = f"startfoto-{slugify(regio.naam)}-{peildatum:%Y%m%d}"
    formaat = request.GET.get("formaat")
    if formaat == "xlsx":
        audit.log(request.user, AuditActie.EXPORT, regio,
                  omschrijving=f"Startfoto {regio} peildatum {peildatum:%d-%m-%Y} als xlsx gedownload", request=request)
        return werkmap_response(naam, _startfoto_bladen(foto))
    if formaat == "csv":
        tabel = next((t for t in foto.tabellen if t.code == request.GET.get("tabel")), None)
        if tabel is None:
            raise Http404("Onbekende tabel.")
        audit.log(request.user, AuditActie.EXPORT, regio,
                  omschrijving=f"Startfoto {regio} peildatum {peildatum:%d-%m-%Y}, tabel {tabel.code} als csv gedownload", request=request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{naam}-{tabel.code}.csv"'
        schrijver = csv.writer(response, delimiter=";")
        schrijver.writerow([tabel.kop, *foto.kolommen])
        schrijver.writerows(_startfoto_rijen(tabel))
        schrijver.writerow([])
        schrijver.writerow(["Definitie", tabel.definitie])
        return response
    audit.log(request.user, AuditActie.LEZEN, regio, omschrijving=f"Startfoto {regio} peildatum {peildatum:%d-%m-%Y} ingezien",
              request=request)
    return render(request, "monitor/startfoto.html", {
        "form": form, "foto": foto, "indeling": startfoto_module.indeling(), "stand": timezone.localtime(),
        "query": urlencode({"regio": regio.pk, "peildatum": peildatum.isoformat()}),
    })
