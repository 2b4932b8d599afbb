"""A monitor table: rows of cells with a caption and a written definition, shown on screen and exported as is.

Every cell is a `drempel.Cel`, so the small-cell rule holds in the same way on screen, in CSV and in XLSX.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field

from django.http import HttpResponse

from keukentafel.financien.xlsx import Blad

from .drempel import Cel


@dataclass
class Tabel:
    code: str
    titel: str
    definitie: str
    kolommen: list[str]
    rijen: list[tuple[str, list[Cel]]] = field(default_factory=list)
    #: Per row label, an optional drill-down URL to the list behind the figure (only for users who may see dossiers).
    links: dict[str, str] = field(default_factory=dict)

    def export_rijen(self) -> list[list]:
        return [[label, *(c.export for c in cellen)] for label, cellen in self.rijen]

    def blad(self) -> Blad:
        """One XLSX sheet: the table, then its definition."""
        breedte = max(len(self.kolommen), 2)
        leeg, definitie = [""] * breedte, ["Definitie", self.definitie, *[""] * (breedte - 2)]
        return (self.titel[:31], [*self.kolommen, *[""] * (breedte - len(self.kolommen))], [*self.export_rijen(), leeg, definitie])


def csv_response(bestandsnaam: str, tabellen: list[Tabel]) -> HttpResponse:
    """Semicolon CSV (as Dutch spreadsheets expect): each table with its title, header, rows and definition."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.csv"'
    schrijver = csv.writer(response, delimiter=";")
    for t in tabellen:
        schrijver.writerow([t.titel])
        schrijver.writerow(t.kolommen)
        schrijver.writerows(t.export_rijen())
        schrijver.writerow(["Definitie", t.definitie])
        schrijver.writerow([])
    return response
