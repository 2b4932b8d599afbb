"""Eigen-bijdrage screens: rules per year, the period run, the calculated households, the explanation per household,
the CAK export and the beschikking. Financiën may run and change; beleid reads; others get 403 (`werkgemeente`)."""

from __future__ import annotations

import io
from datetime import date, timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Rol
from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import geldende_waarde
from keukentafel.besluiten.overzicht import termijn_in_woorden
from keukentafel.inwoners.models import Huishoudlid, LidRol
from keukentafel.pdf import pdf_response

from . import cak
from .eigen_bijdrage import bereken_periode, euro
from .forms_bijdrage import BijdrageregelingForm, PeriodeForm
from .models import Bijdrageberekening, Bijdrageregeling
from .rechten import werkgemeente


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
        .order_by("-periode_begin")[:26]
    )
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


@require_http_methods(["GET", "POST"])
def regel_nieuw(request: HttpRequest) -> HttpResponse:
    gemeente = werkgemeente(request, beheer=True)
    form = BijdrageregelingForm(request.POST or None, gemeente=gemeente)
    if request.method == "POST" and form.is_valid():
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
def berekenen(request: HttpRequest) -> HttpResponse:
    gemeente = werkgemeente(request, beheer=True)
    form = PeriodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            o = bereken_periode(gemeente, form.cleaned_data["datum"])
        except ValueError as e:
            form.add_error("datum", str(e))
        else:
            audit.log(
                request.user,
                AuditActie.WIJZIGEN,
                o.regeling,
                request=request,
                omschrijving=(
                    f"Eigen bijdrage berekend voor {o.periode_begin:%d-%m-%Y} t/m {o.periode_eind:%d-%m-%Y}: "
                    f"{o.aantal_huishoudens} huishoudens"
                ),
            )
            messages.success(
                request,
                (
                    f"Periode {o.periode_begin:%d-%m-%Y} t/m {o.periode_eind:%d-%m-%Y} berekend met '{o.regeling.naam}': "
                    f"{o.aantal_huishoudens} huishoudens ({o.aantal_met_bijdrage} met een bijdrage), samen "
                    f"{euro(o.totaal_bedrag_cent)} bij een kostprijs van {euro(o.totaal_kostprijs_cent)}; "
                    f"{o.verwijderd} vervallen berekening(en) verwijderd; {o.seconden:.1f} s."
                ),
            )
            return redirect("financien:bijdrage_periode", begin=o.periode_begin.isoformat())
    return render(request, "financien/bijdrage_berekenen.html", {"gemeente": gemeente, "form": form})


@require_GET
def periode(request: HttpRequest, begin: str) -> HttpResponse:
    gemeente = werkgemeente(request)
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


def _berekening(request: HttpRequest, pk: int, *, beheer: bool = False) -> Bijdrageberekening:
    gemeente = werkgemeente(request, beheer=beheer)
    return get_object_or_404(
        Bijdrageberekening.objects.select_related("regeling", "huishouden__gebied"), pk=pk, regeling__gemeente=gemeente
    )


@require_GET
def uitleg(request: HttpRequest, pk: int) -> HttpResponse:
    b = _berekening(request, pk)
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
    b = _berekening(request, pk, beheer=True)
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


__all__ = ["beschikking_pdf", "berekenen", "cak_export", "periode", "regel_nieuw", "regels", "uitleg"]
