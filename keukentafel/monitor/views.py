"""Monitor pages: figures with their definitions and data date; CSV and XLSX with the same small-cell rule."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie
from keukentafel.financien.xlsx import xlsx_response

from . import jeugd_participatie
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
