"""The shared XLSX writer of every finance download: one or more sheets, each a bold header row and then rows.

Money columns are declared as (header, "geld"): their cents are written as Decimal euros (never a float) with the
format 0.00. Text is always text: a string that a spreadsheet would run as a formula (starting with = + - @, a tab
or a carriage return — formula injection through a name, code or error message) is stored as a string cell with
the quote prefix, its value unchanged.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

#: A column: its header, or (header, "geld") for an amount in cents written as euros.
Kolom = str | tuple[str, str]
#: A sheet: (title, columns, rows).
Blad = tuple[str, Sequence[Kolom], Iterable[Sequence]]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Text starting with one of these would be a formula in a spreadsheet.
FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")
GELDFORMAAT = "#,##0.00"


def euro(cent: int | None) -> Decimal | None:
    """Cents as Decimal euros (exact; 1234 → Decimal("12.34"))."""
    return None if cent is None else Decimal(int(cent)).scaleb(-2)


def _waarde(waarde, geld: bool):  # noqa: ANN001, ANN202
    if geld and waarde is not None:
        return euro(waarde)
    if isinstance(waarde, datetime) and timezone.is_aware(waarde):  # openpyxl refuses aware datetimes
        return timezone.localtime(waarde).replace(tzinfo=None)
    return waarde


def is_formule(waarde: object) -> bool:
    return isinstance(waarde, str) and waarde.startswith(FORMULE_TEKENS)


def _naam(k: Kolom) -> str:
    return k if isinstance(k, str) else k[0]


def _geld(k: Kolom) -> bool:
    return not isinstance(k, str) and k[1] == "geld"


def _bladnaam(titel: str, gebruikt: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\ and at most 31 characters."""
    basis = ("".join(c for c in titel if c not in "[]:*?/\\").strip() or "Tabel")[:31]
    naam, n = basis, 2
    while naam.lower() in gebruikt:
        naam = f"{basis[:31 - len(str(n)) - 1]} {n}"
        n += 1
    gebruikt.add(naam.lower())
    return naam


def _schrijf(ws, kolommen: Sequence[Kolom], rijen: Iterable[Sequence]) -> None:  # noqa: ANN001
    ws.append([_naam(k) for k in kolommen])
    for cel in ws[1]:
        cel.font = Font(bold=True)
        if is_formule(cel.value):
            cel.data_type, cel.quotePrefix = "s", True
    ws.freeze_panes = "A2"
    geld = [_geld(k) for k in kolommen]
    for rij in rijen:
        waarden = [_waarde(w, g) for w, g in zip(rij, geld, strict=True)]
        ws.append(waarden)
        r = ws.max_row
        for i, w in enumerate(waarden, start=1):
            if geld[i - 1] and w is not None:
                ws.cell(row=r, column=i).number_format = GELDFORMAAT
            elif is_formule(w):
                cel = ws.cell(row=r, column=i)
                cel.data_type, cel.quotePrefix = "s", True
    for i, k in enumerate(kolommen, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = max(12, len(_naam(k)) + 2)


def werkmap_xlsx(bladen: Iterable[Blad]) -> bytes:
    """A workbook with one sheet per (title, columns, rows), in order (at least one sheet)."""
    wb = Workbook()
    wb.remove(wb.active)
    gebruikt: set[str] = set()
    for titel, kolommen, rijen in bladen:
        _schrijf(wb.create_sheet(_bladnaam(titel, gebruikt)), kolommen, rijen)
    if not wb.worksheets:
        wb.create_sheet("Tabel")
    uit = io.BytesIO()
    wb.save(uit)
    return uit.getvalue()


def tabel_xlsx(titel: str, kolommen: Sequence[Kolom], rijen: Iterable[Sequence]) -> bytes:
    """One sheet named after `titel` (see `werkmap_xlsx`)."""
    return werkmap_xlsx([(titel, kolommen, rijen)])


def bestand_response(bestandsnaam: str, data: bytes) -> HttpResponse:
    """`data` as a download named `bestandsnaam` (.xlsx added when missing), never cached."""
    if not bestandsnaam.endswith(".xlsx"):
        bestandsnaam += ".xlsx"
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    response["Cache-Control"] = "no-store"
    return response


def werkmap_response(bestandsnaam: str, bladen: Iterable[Blad]) -> HttpResponse:
    """A download of `werkmap_xlsx(bladen)`."""
    return bestand_response(bestandsnaam, werkmap_xlsx(bladen))


def xlsx_response(bestandsnaam: str, titel: str, kolommen: Sequence[Kolom], rijen: Iterable[Sequence]) -> HttpResponse:
    """A download of `tabel_xlsx`."""
    return bestand_response(bestandsnaam, tabel_xlsx(titel, kolommen, rijen))


__all__ = [
    "FORMULE_TEKENS", "XLSX_TYPE", "Blad", "Kolom", "bestand_response", "euro", "is_formule", "tabel_xlsx", "werkmap_response",
    "werkmap_xlsx", "xlsx_response",
]
