"""PGB screens: overview with signals, budget per grant, spending import and its history, XLSX export.

Financiën and beleid read; only financiën imports (`werkgemeente(beheer=True)`). Lists of grants show
toewijzingnummer, product and period — never a name or BSN. Every table downloads as XLSX (`?formaat=xlsx`, the
shared writer `xlsx`); every download is audited without personal data.
"""

from __future__ import annotations

from decimal import Decimal

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
from .uploads import te_groot
from .xlsx import werkmap_response, xlsx_response

PER_PAGINA = 50


def _jaar(request: HttpRequest) -> int:
    form = JaarForm(request.GET)
    return (form.is_valid() and form.cleaned_data["jaar"]) or timezone.localdate().year


def _xlsx(request: HttpRequest) -> bool:
    return request.GET.get("formaat") == "xlsx"


def _procent(p: float | None) -> Decimal | None:
    return None if p is None else Decimal(str(round(p, 1)))


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


@require_GET
def overzicht_xlsx(request: HttpRequest) -> HttpResponse:
    """Two sheets: the totals per productcategorie and every budget (the overview's two tables)."""
    gemeente = werkgemeente(request)
    jaar = _jaar(request)
    o = pgb.overzicht(gemeente, jaar)
    totalen = [(c.naam, c.aantal, c.budget_cent, c.uitgegeven_cent, c.resterend_cent, c.signalen) for c in [*o.categorieen, o.totaal]]
    budgetten = [
        (b.toewijzingnummer, b.product, pgb.categorienaam(b.wet, b.productcategorie), b.begindatum, b.einddatum, b.budget_cent,
         b.uitgegeven_cent, b.resterend_cent, _procent(b.verstreken_procent), _procent(b.besteed_procent), b.signaal_label)
        for b in o.budgetten
    ]
    audit.log(request.user, AuditActie.EXPORT, None, request=request,
              omschrijving=f"Pgb-overzicht {jaar} van {gemeente} als XLSX gedownload")
    return werkmap_response(f"pgb-budgetten-{jaar}", [
        (f"Pgb {jaar}", ["Productcategorie", "Budgetten", ("Budget", "geld"), ("Besteed", "geld"), ("Resterend", "geld"), "Signalen"],
         totalen),
        ("Budgetten", ["Toewijzingnummer", "Product", "Productcategorie", "Begindatum", "Einddatum", ("Budget", "geld"),
                       ("Besteed", "geld"), ("Resterend", "geld"), "Verstreken (%)", "Besteed (%)", "Signaal"], budgetten),
    ])


@require_GET
def budget(request: HttpRequest, pk: int) -> HttpResponse:
    gemeente = werkgemeente(request)
    v = get_object_or_404(ToegewezenVoorziening.objects.select_related("product", "pgb", "gemeente"),
                          pk=pk, gemeente=gemeente, leveringsvorm=Leveringsvorm.PGB)
    jaar = _jaar(request)
    detail = pgb.budgetdetail(v, jaar)
    uitgaven = v.pgb_uitgaven.filter(periode_begin__year=jaar).select_related("pgbimport").order_by("periode_begin", "kenmerk")
    if _xlsx(request):
        audit.log(request.user, AuditActie.EXPORT, v, request=request,
                  omschrijving=f"Pgb-budget {jaar} van toewijzing {v.toewijzingnummer} als XLSX gedownload")
        return werkmap_response(f"pgb-budget-{v.toewijzingnummer}-{jaar}", [
            ("Per maand", ["Maand", ("Budget", "geld"), ("Besteed", "geld"), ("Budget cumulatief", "geld"),
                           ("Besteed cumulatief", "geld")],
             [(m.maand, m.budget_cent, m.uitgegeven_cent, m.cumulatief_budget_cent, m.cumulatief_uitgegeven_cent)
              for m in detail.maanden]),
            ("Uitgaven", ["Kenmerk", "Periode begin", "Periode eind", "Betaald op", ("Bedrag", "geld"), "Bestand"],
             [(u.kenmerk, u.periode_begin, u.periode_eind, u.betaaldatum, u.bedrag_cent, u.pgbimport.bestandsnaam) for u in uitgaven]),
        ])
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
        if te_groot(request, form):
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
    qs = Pgbimport.objects.filter(gemeente=gemeente).select_related("ingelezen_door")
    if _xlsx(request):
        audit.log(request.user, AuditActie.EXPORT, None, request=request,
                  omschrijving=f"Lijst van ingelezen pgb-uitgavenbestanden van {gemeente} als XLSX gedownload")
        return xlsx_response("pgb-uitgavenbestanden", "Uitgavenbestanden", [
            "Bestand", "Ingelezen op", "Door", "Regels", "Afgewezen", ("Totaal", "geld"), "Controlegetal (sha256)"],
            [(i.bestandsnaam, i.ingelezen_op, str(i.ingelezen_door or "systeem"), i.aantal_regels, i.aantal_afgewezen, i.totaal_cent,
              i.sha256) for i in qs])
    pagina = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(request, "financien/pgb_imports.html", {"gemeente": gemeente, "pagina": pagina,
                                                          "mag_importeren": request.user.rol == Rol.FINANCIEN})


@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    gemeente = werkgemeente(request)
    imp = get_object_or_404(Pgbimport.objects.select_related("ingelezen_door"), pk=pk, gemeente=gemeente)
    if _xlsx(request):
        audit.log(request.user, AuditActie.EXPORT, imp, request=request,
                  omschrijving=f"Afgewezen regels van pgb-uitgavenbestand {imp.pk} als XLSX gedownload")
        return xlsx_response(f"pgb-afgewezen-regels-{imp.pk}", "Afgewezen regels", ["Rij", "Reden"],
                             [(f.get("rij"), f.get("melding", "")) for f in imp.fouten or []])
    return render(request, "financien/pgb_import_detail.html", {"gemeente": gemeente, "imp": imp,
                                                                "ingelezen": imp.aantal_regels - imp.aantal_afgewezen})
