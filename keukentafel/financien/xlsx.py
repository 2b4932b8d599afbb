"""XLSX tables for every finance export: a header row, amounts as numbers in euros with two decimals."""

from __future__ import annotations

from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

EURO = '#,##0.00'
#: Text that a spreadsheet would run as a formula is written with a leading apostrophe (CSV/formula injection).
FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def _veilig(waarde):
    if isinstance(waarde, str) and waarde.startswith(FORMULE_TEKENS):
        return "'" + waarde
    return waarde


def tabel_xlsx(titel: str, kolommen: list[str], rijen: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = titel[:31].replace("/", "-").replace(":", "") or "Tabel"
    ws.append(kolommen)
    for r in rijen:
        ws.append([_veilig(w) for w in r])
    for cel in ws[1]:
        cel.font = Font(bold=True)
    for rij in ws.iter_rows(min_row=2):
        for cel in rij:
            if isinstance(cel.value, float):
                cel.number_format = EURO
    for i, k in enumerate(kolommen, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, min(50, len(str(k)) + 2))
    ws.freeze_panes = "A2"
    uit = BytesIO()
    wb.save(uit)
    return uit.getvalue()


def xlsx_response(titel: str, kolommen: list[str], rijen: list[list], bestandsnaam: str) -> HttpResponse:
    r = HttpResponse(tabel_xlsx(titel, kolommen, rijen),
                     content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    r["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    r["Cache-Control"] = "no-store"
    return r
