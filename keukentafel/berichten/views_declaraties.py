"""The declaration review screen: declarations per provider with their totals, and one declaration line by line.

Backoffice and financiën of the declaration's gemeente only; every other role gets 403. The list shows amounts
and counts, no personal data. The detail shows each prestatie with the client's name (never a BSN in a URL or
a log line) and is a read of personal data, so it is written to the audit trail.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from keukentafel.aanbod.models import Aanbieder
from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gemeente, Rol

from .codes import RETOURCODES
from .models import Declaratie, Richting

ROLLEN = {Rol.BACKOFFICE, Rol.FINANCIEN}
GEEN_TOEGANG = "Declaraties zijn alleen in te zien door de backoffice en financiën van de gemeente."
PER_PAGINA = 50
REGELS_PER_PAGINA = 100


def _werkgemeente(request: HttpRequest) -> Gemeente:
    if request.user.rol not in ROLLEN:
        raise PermissionDenied(GEEN_TOEGANG)
    gemeente = request.user.werkgemeente
    if gemeente is None:
        raise PermissionDenied("U werkt niet voor een gemeente; een declaratie hoort bij een gemeente.")
    return gemeente


@require_GET
def declaratie_lijst(request: HttpRequest) -> HttpResponse:
    gemeente = _werkgemeente(request)
    qs = Declaratie.objects.filter(gemeente=gemeente).select_related("aanbieder").order_by("-periode_begin", "-id")
    aanbieder_id = request.GET.get("aanbieder", "")
    if aanbieder_id.isdigit():
        qs = qs.filter(aanbieder_id=int(aanbieder_id))
    if request.GET.get("afgewezen") == "1":
        qs = qs.filter(aantal_afgewezen__gt=0)
    aanbieders = (
        Aanbieder.objects.filter(declaraties__gemeente=gemeente)
        .annotate(aantal=Count("declaraties", filter=Q(declaraties__gemeente=gemeente))).order_by("naam")
    )
    pagina = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    querystring = "&".join(f"{k}={v}" for k, v in (("aanbieder", aanbieder_id), ("afgewezen", request.GET.get("afgewezen", "")))
                           if v and (k != "aanbieder" or v.isdigit()))
    return render(request, "berichten/declaratie_lijst.html", {
        "gemeente": gemeente, "pagina": pagina, "aanbieders": aanbieders, "aanbieder_id": aanbieder_id,
        "alleen_afgewezen": request.GET.get("afgewezen") == "1", "querystring": querystring,
    })


@require_GET
def declaratie_detail(request: HttpRequest, pk: int) -> HttpResponse:
    gemeente = _werkgemeente(request)
    declaratie = get_object_or_404(Declaratie.objects.select_related("aanbieder", "bericht"), pk=pk)
    if declaratie.gemeente_id != gemeente.pk:
        raise PermissionDenied("Deze declaratie is van een andere gemeente.")
    alleen_afgewezen = request.GET.get("afgewezen") == "1"
    regels = declaratie.prestaties.select_related("persoon").order_by("id")
    if alleen_afgewezen:
        regels = regels.filter(goedgekeurd=False)
    pagina = Paginator(regels, REGELS_PER_PAGINA).get_page(request.GET.get("pagina"))
    for p in pagina.object_list:
        p.codes = [(c, RETOURCODES[c].tekst if c in RETOURCODES else "") for c in p.retourcodes.split(",") if c]
    opgeslagen = declaratie.prestaties.count()
    antwoord = declaratie.antwoord or declaratie.bericht.antwoorden.filter(richting=Richting.UIT).order_by("pk").first()
    audit.log(
        request.user, AuditActie.LEZEN, declaratie, request=request,
        omschrijving=f"Declaratie {declaratie.declaratienummer} van {declaratie.aanbieder} ingezien"
                     f"{' (afgewezen regels)' if alleen_afgewezen else ''}, pagina {pagina.number}",
    )
    return render(request, "berichten/declaratie_detail.html", {
        "declaratie": declaratie, "pagina": pagina, "alleen_afgewezen": alleen_afgewezen, "antwoord": antwoord,
        "niet_opgeslagen": declaratie.aantal_prestaties - opgeslagen, "querystring": "afgewezen=1" if alleen_afgewezen else "",
        "goedgekeurd": declaratie.aantal_prestaties - declaratie.aantal_afgewezen,
    })
