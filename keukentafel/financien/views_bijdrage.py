"""Eigen-bijdrage screens: rules per year (new and changed), the period run, the calculated households, the explanation
per household, the CAK export, the beschikking and XLSX exports of every table.

Financiën may run and change and sees figures per household. Beleid sees the rules and the totals per period only —
never a page or export with households (income-dependent figures per household are need-to-know for finance).
Others get 403 (`werkgemeente`)."""

from __future__ import annotations

import io
from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gemeente, Rol
from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import geldende_waarde
from keukentafel.besluiten.overzicht import termijn_in_woorden
from keukentafel.besluiten.regels import euro
from keukentafel.inwoners.models import Huishoudlid, LidRol
from keukentafel.pdf import pdf_response

from . import cak
from .bijdrageregels import HUISHOUDSLEUTEL_LABELS, beschrijf_verschillen, regel_velden, verschillen
from .eigen_bijdrage import bereken_periode
from .forms_bijdrage import BijdrageregelingForm, PeriodeForm, cent_naar_euro
from .models import Bijdrageberekening, Bijdrageregeling
from .rechten import werkgemeente
from .xlsx import xlsx_response

PER_HUISHOUDEN = "Bijdragen per huishouden zijn alleen voor financiën; beleid ziet de regelingen en de totalen per periode."


def _financien(request: HttpRequest) -> Gemeente:
    """The gemeente, for a page with figures per household: financiën only (beleid gets 403)."""
    gemeente = werkgemeente(request)
    if request.user.rol != Rol.FINANCIEN:
        raise PermissionDenied(PER_HUISHOUDEN)
    return gemeente


def _xlsx(request: HttpRequest) -> bool:
    return request.GET.get("formaat") == "xlsx"


def _export_gelogd(request: HttpRequest, omschrijving: str, obj: object | None = None, huishouden_id: int | None = None) -> None:
    audit.log(request.user, AuditActie.EXPORT, obj, huishouden_id=huishouden_id, request=request, omschrijving=omschrijving)


def _datum(tekst: str) -> date:
    try:
        return date.fromisoformat(tekst)
    except ValueError as e:
        raise Http404("Geen geldige periode.") from e


@require_GET
def regels(request: HttpRequest) -> HttpResponse:
    gemeente = werkgemeente(request)
    regelingen = Bijdrageregeling.objects.filter(gemeente=gemeente).order_by("geldig_vanaf")
    perioden = (
        Bijdrageberekening.objects.filter(regeling__gemeente=gemeente)
        .values("periode_begin", "periode_eind")
        .annotate(aantal=Count("id"), bedrag=Sum("bedrag_cent"), kostprijs=Sum("kostprijs_cent"))
        .order_by("-periode_begin")
    )
    if _xlsx(request) and request.GET.get("tabel") == "perioden":
        _export_gelogd(request, f"Berekende perioden eigen bijdrage van {gemeente} als XLSX gedownload")
        return xlsx_response(
            f"eigen-bijdrage-perioden-{gemeente.gemeentecode}",
            "Berekende perioden",
            ["Periode begin", "Periode eind", "Huishoudens", ("Eigen bijdrage", "geld"), ("Kostprijs", "geld")],
            [[p["periode_begin"], p["periode_eind"], p["aantal"], p["bedrag"], p["kostprijs"]] for p in perioden],
        )
    if _xlsx(request):
        _export_gelogd(request, f"Eigen-bijdrageregelingen van {gemeente} als XLSX gedownload")
        return xlsx_response(f"eigen-bijdrageregelingen-{gemeente.gemeentecode}", "Regelingen", REGEL_KOLOMMEN, map(_regel_rij, regelingen))
    perioden = perioden[:26]
    regelingen = list(regelingen)
    for r in regelingen:  # Dutch notation on screen: 12,5 %
        r.procent = str(r.parameters["percentage"]).replace(".", ",") if r.parameters.get("percentage") is not None else ""
    return render(
        request,
        "financien/bijdrage_regels.html",
        {
            "gemeente": gemeente,
            "regelingen": regelingen,
            "perioden": perioden,
            "mag_beheren": request.user.rol == Rol.FINANCIEN,
        },
    )


REGEL_KOLOMMEN = [
    "Regeling",
    "Geldig vanaf",
    "Geldig tot",
    "Soort",
    "Periodelengte",
    ("Abonnementstarief", "geld"),
    "Percentage boven de inkomensgrens",
    ("Minimum per periode", "geld"),
    ("Maximum per periode", "geld"),
    "Vrijgestelde productsoorten",
    "Vrijgestelde huishoudsoorten",
    "Vrijstelling minimuminkomen (jaarinkomen tot en met)",
    "Oplegging",
    "Bron",
]


def _regel_rij(r: Bijdrageregeling) -> list:
    p = r.parameters
    vrij = p.get("vrijstelling_tot_inkomen") or {}
    return [
        r.naam,
        r.geldig_vanaf,
        r.geldig_tot,
        r.get_soort_display(),
        r.get_periodelengte_display(),
        p.get("tarief_cent"),
        str(p["percentage"]).replace(".", ",") if p.get("percentage") is not None else None,
        p.get("minimum_cent"),
        p.get("maximum_cent"),
        ", ".join(r.vrijgestelde_categorieen),
        ", ".join(p.get("vrijgestelde_huishoudens") or []),
        "; ".join(f"{HUISHOUDSLEUTEL_LABELS.get(k, k)}: € {cent_naar_euro(v)}" for k, v in vrij.items()),
        "Beschikking door de gemeente" if p.get("beschikking") else "CAK",
        r.bron,
    ]


@require_http_methods(["GET", "POST"])
def regel_nieuw(request: HttpRequest) -> HttpResponse:
    gemeente = werkgemeente(request, beheer=True)
    form = BijdrageregelingForm(request.POST or None, gemeente=gemeente)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            regel = form.save()
            audit.log(
                request.user,
                AuditActie.AANMAKEN,
                regel,
                request=request,
                omschrijving=f"Eigen-bijdrageregeling '{regel.naam}' vanaf {regel.geldig_vanaf:%d-%m-%Y} toegevoegd",
            )
        messages.success(request, f"Regeling '{regel.naam}' is toegevoegd.")
        return redirect("financien:bijdrage_regels")
    return render(request, "financien/bijdrage_regel_form.html", {"gemeente": gemeente, "form": form})


@require_http_methods(["GET", "POST"])
def regel_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a rule (own tariff, exemptions, own beschikking); validated as a new one; the audit record names every
    changed field with its old and new value (rules hold no personal data)."""
    gemeente = werkgemeente(request, beheer=True)
    regel = get_object_or_404(Bijdrageregeling, pk=pk, gemeente=gemeente)
    oud = regel_velden(regel)
    form = BijdrageregelingForm(request.POST or None, instance=regel, gemeente=gemeente)
    if request.method == "POST" and form.is_valid():
        regel = form.save(commit=False)
        lijst = verschillen(oud, regel_velden(regel))
        if not lijst:
            messages.info(request, f"Regeling '{regel.naam}': niets gewijzigd.")
            return redirect("financien:bijdrage_regels")
        with transaction.atomic():
            regel.save()
            audit.log(
                request.user,
                AuditActie.WIJZIGEN,
                regel,
                request=request,
                omschrijving=f"Eigen-bijdrageregeling '{regel.naam}' (vanaf {regel.geldig_vanaf:%d-%m-%Y}) gewijzigd: "
                + beschrijf_verschillen(lijst),
            )
        berekend = Bijdrageberekening.objects.filter(regeling=regel).exists()
        messages.success(
            request,
            f"Regeling '{regel.naam}' is gewijzigd ({len(lijst)} wijziging(en))."
            + (" Bereken de perioden van deze regeling opnieuw om de wijziging in de bijdragen te verwerken." if berekend else ""),
        )
        return redirect("financien:bijdrage_regels")
    return render(request, "financien/bijdrage_regel_form.html", {"gemeente": gemeente, "form": form, "regel": regel})


@require_http_methods(["GET", "POST"])
def berekenen(request: HttpRequest) -> HttpResponse:
    gemeente = werkgemeente(request, beheer=True)
    form = PeriodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            o = bereken_periode(gemeente, form.cleaned_data["datum"], medewerker=request.user, request=request)
        except ValueError as e:
            form.add_error("datum", str(e))
        else:
            messages.success(
                request,
                (
                    f"Periode {o.periode_begin:%d-%m-%Y} t/m {o.periode_eind:%d-%m-%Y} berekend met '{o.regeling.naam}': "
                    f"{o.aantal_huishoudens} huishoudens ({o.aantal_met_bijdrage} met een bijdrage), samen "
                    f"{euro(o.totaal_bedrag_cent)} bij een kostprijs van {euro(o.totaal_kostprijs_cent)}; "
                    f"{o.verwijderd} vervallen berekening(en) verwijderd; {f'{o.seconden:.1f}'.replace('.', ',')} s."
                ),
            )
            return redirect("financien:bijdrage_periode", begin=o.periode_begin.isoformat())
    return render(request, "financien/bijdrage_berekenen.html", {"gemeente": gemeente, "form": form})


@require_GET
def periode(request: HttpRequest, begin: str) -> HttpResponse:
    """The calculated households of one period (number, gebied, cost, contribution; no name or BSN): financiën."""
    gemeente = _financien(request)
    pb = _datum(begin)
    qs = Bijdrageberekening.objects.filter(regeling__gemeente=gemeente, periode_begin=pb)
    totaal = qs.aggregate(
        aantal=Count("id"), met=Count("id", filter=Q(bedrag_cent__gt=0)), bedrag=Sum("bedrag_cent"), kostprijs=Sum("kostprijs_cent")
    )
    if not totaal["aantal"]:
        raise Http404("Voor deze periode is niets berekend.")
    rijen = (
        qs.select_related("huishouden__gebied", "regeling")
        .only(
            "id",
            "huishouden_id",
            "huishouden__gebied__naam",
            "periode_eind",
            "bedrag_cent",
            "kostprijs_cent",
            "regeling__naam",
            "regeling__parameters",
        )
        .order_by("huishouden_id")
    )
    if _xlsx(request):
        _export_gelogd(request, f"Eigen bijdrage per huishouden, periode {pb:%d-%m-%Y}, als XLSX gedownload ({totaal['aantal']} rijen)")
        return xlsx_response(
            f"eigen-bijdrage-{gemeente.gemeentecode}-{pb.isoformat()}",
            f"Eigen bijdrage {pb:%d-%m-%Y}",
            ["Huishouden", "Gebied", "Periode begin", "Periode eind", ("Kostprijs", "geld"), ("Eigen bijdrage", "geld"), "Regeling"],
            (
                [b.huishouden_id, b.huishouden.gebied.naam if b.huishouden.gebied else "", pb, b.periode_eind, b.kostprijs_cent,
                 b.bedrag_cent, b.regeling.naam]
                for b in rijen.iterator(chunk_size=2000)
            ),
        )
    pagina = Paginator(rijen, 50).get_page(request.GET.get("pagina"))
    eerste = pagina.object_list[0] if pagina.object_list else None
    return render(
        request,
        "financien/bijdrage_periode.html",
        {
            "gemeente": gemeente,
            "periode_begin": pb,
            "periode_eind": eerste.periode_eind if eerste else None,
            "regeling": eerste.regeling if eerste else None,
            "totaal": totaal,
            "pagina": pagina,
            "mag_beheren": request.user.rol == Rol.FINANCIEN,
        },
    )


def _berekening(request: HttpRequest, pk: int) -> Bijdrageberekening:
    gemeente = _financien(request)
    return get_object_or_404(
        Bijdrageberekening.objects.select_related("regeling", "huishouden__gebied"), pk=pk, regeling__gemeente=gemeente
    )


@require_GET
def uitleg(request: HttpRequest, pk: int) -> HttpResponse:
    """The calculation of one household line by line (financiën only; audited as inzage, or as export for XLSX)."""
    b = _berekening(request, pk)
    if _xlsx(request):
        _export_gelogd(
            request,
            f"Berekening eigen bijdrage {b.periode_begin:%d-%m-%Y} van huishouden {b.huishouden_id} als XLSX gedownload",
            b,
            b.huishouden_id,
        )
        return xlsx_response(
            f"eigen-bijdrage-huishouden-{b.huishouden_id}-{b.periode_begin.isoformat()}",
            f"Huishouden {b.huishouden_id}",
            ["Stap", "Omschrijving", ("Bedrag", "geld")],
            [[i, r["omschrijving"], r.get("bedrag_cent")] for i, r in enumerate(b.regels, start=1)],
        )
    audit.log(
        request.user,
        AuditActie.LEZEN,
        b,
        huishouden_id=b.huishouden_id,
        request=request,
        omschrijving=f"Berekening eigen bijdrage {b.periode_begin:%d-%m-%Y} van huishouden {b.huishouden_id} ingezien",
    )
    return render(
        request,
        "financien/bijdrage_uitleg.html",
        {
            "b": b,
            "gemeente": b.regeling.gemeente,
            "mag_beheren": request.user.rol == Rol.FINANCIEN,
            "beschikking": bool(b.regeling.parameters.get("beschikking")),
        },
    )


@require_GET
def cak_export(request: HttpRequest, begin: str) -> HttpResponse:
    gemeente = werkgemeente(request, beheer=True)
    pb = _datum(begin)
    uit = io.StringIO()
    regels = cak.schrijf_export(gemeente, pb, uit)
    if not regels:
        raise Http404("Voor deze periode is niets berekend.")
    audit.log(
        request.user,
        AuditActie.EXPORT,
        request=request,
        omschrijving=f"CAK-export eigen bijdrage periode {pb:%d-%m-%Y} gedownload ({regels} regels)",
    )
    response = HttpResponse(uit.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cak-eigen-bijdrage-{gemeente.gemeentecode}-{pb.isoformat()}.csv"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def beschikking_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    b = _berekening(request, pk)
    if not b.regeling.parameters.get("beschikking"):
        raise Http404("Deze gemeente legt de eigen bijdrage niet zelf op: het CAK stuurt de cliënt de beslissing.")
    leden = list(
        Huishoudlid.objects.actief_op(b.periode_begin)
        .filter(huishouden_id=b.huishouden_id)
        .select_related("persoon")
        .order_by("begindatum", "id")
    )
    lid = next((m for m in leden if m.rol == LidRol.AANVRAGER), leden[0] if leden else None)
    if lid is None:
        raise Http404("Dit huishouden heeft in de periode geen leden.")
    vandaag = timezone.localdate()
    dagen = int(geldende_waarde(Sleutel.BEZWAARTERMIJN_DAGEN, b.regeling.gemeente, vandaag))
    audit.log(
        request.user,
        AuditActie.EXPORT,
        b,
        huishouden_id=b.huishouden_id,
        request=request,
        omschrijving=f"Beschikking eigen bijdrage {b.periode_begin:%d-%m-%Y} van huishouden {b.huishouden_id} als PDF",
    )
    persoon = lid.persoon
    return pdf_response(
        "financien/bijdrage_beschikking.html",
        {
            "b": b,
            "gemeente": b.regeling.gemeente,
            "persoon": persoon,
            "adres": persoon if persoon.straat or persoon.postcode else b.huishouden,
            "datum": vandaag,
            "bezwaartermijn": termijn_in_woorden(dagen),
            "einde_bezwaar": vandaag + timedelta(days=dagen),
            "regels": [r for r in b.regels if r.get("telt") is not False],
        },
        f"beschikking-eigen-bijdrage-{b.huishouden_id}-{b.periode_begin.isoformat()}.pdf",
    )


__all__ = ["beschikking_pdf", "berekenen", "cak_export", "periode", "regel_nieuw", "regel_wijzigen", "regels", "uitleg"]
