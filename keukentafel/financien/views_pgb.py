"""PGB screens: overview with signals, budget per grant, spending import and its history, XLSX export.

Financiën and beleid read; only financiën imports (`werkgemeente(beheer=True)`). Lists of grants show
toewijzingnummer, product and period — never a name or BSN.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Rol
from keukentafel.besluiten.models import Leveringsvorm, ToegewezenVoorziening

from . import pgb, pgb_import
from .forms_pgb import JaarForm, PgbImportForm
from .models import Pgbimport
from .rechten import werkgemeente

PER_PAGINA = 50
#: A cell starting with one of these would be a formula in a spreadsheet (CSV/formula injection).
_FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def _jaar(request: HttpRequest) -> int:
    form = JaarForm(request.GET)
    return (form.is_valid() and form.cleaned_data["jaar"]) or timezone.localdate().year


def xlsx_bestand(bladen: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """A workbook with one sheet per (title, header, rows). Text is always written as text: a value such as
    "=cmd|..." never becomes a formula."""
    import openpyxl
    from openpyxl.styles import Font

    werkmap = openpyxl.Workbook()
    werkmap.remove(werkmap.active)
    for titel, kop, rijen in bladen:
        blad = werkmap.create_sheet(titel[:31])
        blad.append(list(kop))
        for cel in blad[1]:
            cel.font = Font(bold=True)
        for rij in rijen:
            blad.append([None if v is None else v for v in rij])
            for cel in blad[blad.max_row]:
                if isinstance(cel.value, str) and cel.value.startswith(_FORMULE_TEKENS):
                    cel.data_type = "s"
                    cel.quotePrefix = True
        blad.freeze_panes = "A2"
    uit = io.BytesIO()
    werkmap.save(uit)
    return uit.getvalue()


@require_GET
def overzicht(request: HttpRequest) -> HttpResponse:
    gemeente = werkgemeente(request)
    jaar = _jaar(request)
    o = pgb.overzicht(gemeente, jaar)
    alle = request.GET.get("alle") == "1"
    lijst = o.budgetten if alle else o.signalen
    pagina = Paginator(lijst, PER_PAGINA).get_page(request.GET.get("pagina"))
    context = {
        "gemeente": gemeente, "o": o, "jaar": jaar, "alle": alle, "pagina": pagina,
        "jaren": range(jaar - 3, jaar + 2), "mag_importeren": request.user.rol == Rol.FINANCIEN,
    }
    return render(request, "financien/pgb_overzicht.html", context)


def _cent(c: int | None) -> float | None:
    return None if c is None else c / 100


@require_GET
def overzicht_xlsx(request: HttpRequest) -> HttpResponse:
    gemeente = werkgemeente(request)
    jaar = _jaar(request)
    o = pgb.overzicht(gemeente, jaar)
    totalen = [(c.naam, c.aantal, _cent(c.budget_cent), _cent(c.uitgegeven_cent), _cent(c.resterend_cent), c.signalen)
               for c in [*o.categorieen, o.totaal]]
    budgetten = [
        (b.toewijzingnummer, b.product, categorie, b.begindatum, b.einddatum, _cent(b.budget_cent), _cent(b.uitgegeven_cent),
         _cent(b.resterend_cent), round(b.verstreken_procent, 1), None if b.besteed_procent is None else round(b.besteed_procent, 1),
         b.signaal_label)
        for b in o.budgetten for categorie in [pgb.categorienaam(b.wet, b.productcategorie)]
    ]
    data = xlsx_bestand([
        (f"Pgb {jaar}", ["Productcategorie", "Budgetten", "Budget (€)", "Besteed (€)", "Resterend (€)", "Signalen"], totalen),
        ("Budgetten", ["Toewijzingnummer", "Product", "Productcategorie", "Begindatum", "Einddatum", "Budget (€)", "Besteed (€)",
                       "Resterend (€)", "Verstreken (%)", "Besteed (%)", "Signaal"], budgetten),
    ])
    audit.log(request.user, AuditActie.EXPORT, None, request=request, omschrijving=f"Pgb-overzicht {jaar} van {gemeente} als XLSX")
    antwoord = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    antwoord["Content-Disposition"] = f'attachment; filename="pgb-budgetten-{jaar}.xlsx"'
    return antwoord


@require_GET
def budget(request: HttpRequest, pk: int) -> HttpResponse:
    gemeente = werkgemeente(request)
    v = get_object_or_404(ToegewezenVoorziening.objects.select_related("product", "pgb", "gemeente"),
                          pk=pk, gemeente=gemeente, leveringsvorm=Leveringsvorm.PGB)
    jaar = _jaar(request)
    detail = pgb.budgetdetail(v, jaar)
    uitgaven = v.pgb_uitgaven.filter(periode_begin__year=jaar).select_related("pgbimport").order_by("periode_begin", "kenmerk")
    audit.log(request.user, AuditActie.LEZEN, v, request=request,
              omschrijving=f"Pgb-budget {jaar} van toewijzing {v.toewijzingnummer} ingezien")
    context = {"gemeente": gemeente, "d": detail, "v": v, "jaar": jaar, "uitgaven": uitgaven,
               "jaren": range(v.begindatum.year, (v.einddatum or timezone.localdate()).year + 1)}
    return render(request, "financien/pgb_budget.html", context)


@require_http_methods(["GET", "POST"])
def importeren(request: HttpRequest) -> HttpResponse:
    gemeente = werkgemeente(request, beheer=True)
    resultaat, status = None, 200
    if request.method == "POST":
        form = PgbImportForm(request.POST, request.FILES)
        if getattr(request, "upload_te_groot", False):
            form = PgbImportForm()
            form.errors["bestand"] = form.error_class(
                [f"Het bestand is groter dan {settings.MAX_UPLOAD_BYTES // 2**20} MB. Splits het in kleinere bestanden."])
            status = 400
        elif form.is_valid():
            bestand = form.cleaned_data["bestand"]
            data = bestand.read(settings.MAX_UPLOAD_BYTES + 1)
            resultaat = pgb_import.importeer(gemeente, data, bestand.name, door=request.user,
                                             alles_of_niets=form.cleaned_data["alles_of_niets"], request=request)
            status = 200 if not resultaat.geweigerd else 422
            form = PgbImportForm()
        else:
            status = 400
    else:
        form = PgbImportForm()
    recent = Pgbimport.objects.filter(gemeente=gemeente).select_related("ingelezen_door")[:5]
    return render(request, "financien/pgb_import.html", {"gemeente": gemeente, "form": form, "resultaat": resultaat, "recent": recent},
                  status=status)


@require_GET
def imports(request: HttpRequest) -> HttpResponse:
    gemeente = werkgemeente(request)
    pagina = Paginator(Pgbimport.objects.filter(gemeente=gemeente).select_related("ingelezen_door"), PER_PAGINA).get_page(
        request.GET.get("pagina"))
    return render(request, "financien/pgb_imports.html", {"gemeente": gemeente, "pagina": pagina,
                                                          "mag_importeren": request.user.rol == Rol.FINANCIEN})


@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    gemeente = werkgemeente(request)
    imp = get_object_or_404(Pgbimport.objects.select_related("ingelezen_door"), pk=pk, gemeente=gemeente)
    return render(request, "financien/pgb_import_detail.html", {"gemeente": gemeente, "imp": imp,
                                                                "ingelezen": imp.aantal_regels - imp.aantal_afgewezen})
