"""A small shared XLSX table writer: a header row, then rows; money columns as numbers in euros with 2 decimals."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

#: A column: its header, or (header, "geld") for an amount in cents written as euros.
Kolom = str | tuple[str, str]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Text a spreadsheet would run as a formula gets a leading apostrophe (formula injection via names or codes).
FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def _cel(waarde, geld: bool):
    if geld and waarde is not None:
        return Decimal(waarde) / 100
    if isinstance(waarde, str) and waarde.startswith(FORMULE_TEKENS):
        return "'" + waarde
    return waarde


def _naam(k: Kolom) -> str:
    return k if isinstance(k, str) else k[0]


def _geld(k: Kolom) -> bool:
    return not isinstance(k, str) and k[1] == "geld"


def tabel_xlsx(titel: str, kolommen: Sequence[Kolom], rijen: Iterable[Sequence]) -> bytes:
    """One sheet named after `titel`: bold header row, frozen; cents in money columns become euros (Decimal, 0.00)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "".join(c for c in titel if c not in "[]:*?/\\")[:31] or "Tabel"
    ws.append([_naam(k) for k in kolommen])
    for cel in ws[1]:
        cel.font = Font(bold=True)
    ws.freeze_panes = "A2"
    geld = [_geld(k) for k in kolommen]
    for rij in rijen:
        ws.append([_cel(w, g) for w, g in zip(rij, geld, strict=True)])
    for i, g in enumerate(geld, start=1):
        if g:
            for (cel,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cel.number_format = "#,##0.00"
    for i, k in enumerate(kolommen, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = max(12, len(_naam(k)) + 2)
    uit = io.BytesIO()
    wb.save(uit)
    return uit.getvalue()


def xlsx_response(bestandsnaam: str, titel: str, kolommen: Sequence[Kolom], rijen: Iterable[Sequence]) -> HttpResponse:
    """A download of `tabel_xlsx` as `bestandsnaam` (.xlsx added when missing)."""
    if not bestandsnaam.endswith(".xlsx"):
        bestandsnaam += ".xlsx"
    response = HttpResponse(tabel_xlsx(titel, kolommen, rijen), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    response["Cache-Control"] = "no-store"
    return response


__all__ = ["XLSX_TYPE", "Kolom", "tabel_xlsx", "xlsx_response"]
