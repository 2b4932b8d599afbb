"""Read-only catalogue pages for every staff role: sociale kaart, maatwerk products, providers, contracts.

No personal data here, so no need-to-know check and no audit record; the login middleware keeps the
pages for staff. Everything is shown "today" and, where policy differs per gemeente, for the user's
own gemeente (the national defaults when the account has none).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from keukentafel.accounts.models import Gemeente

from . import beheer, catalogus
from .forms import AanbiederFilter, ProductFilter, SocialeKaartFilter
from .models import Aanbieder, AlgemeneVoorziening, Contract, Doelgroep, Kwaliteitsbewijs, Product, Tarief, geldig_op

PER_PAGINA = 25


def _querystring(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("pagina", None)
    return params.urlencode()


def _pagina(request: HttpRequest, qs, per_pagina: int = PER_PAGINA):
    return Paginator(qs, per_pagina).get_page(request.GET.get("pagina"))


def _gemeente(request: HttpRequest) -> Gemeente | None:
    return request.user.werkgemeente


# --- sociale kaart ------------------------------------------------------------------------------


@require_GET
def sociale_kaart(request: HttpRequest) -> HttpResponse:
    basis = (
        AlgemeneVoorziening.objects.filter(actief=True)
        .select_related("gemeente")
        .prefetch_related("gebieden", "leefgebieden")
        .order_by("naam", "pk")
    )
    filterset = SocialeKaartFilter(request.GET or None, queryset=basis)
    geldig = not filterset.is_bound or filterset.is_valid()
    pagina = _pagina(request, filterset.qs if geldig else basis.none())
    doelgroepen = dict(Doelgroep.choices)
    for voorziening in pagina.object_list:
        voorziening.doelgroep_labels = [doelgroepen.get(d, d) for d in voorziening.doelgroepen]
        voorziening.kosten = catalogus.euro(voorziening.kosten_cent) if voorziening.kosten_cent else "Gratis"
    context = {"filter": filterset, "form": filterset.form, "pagina": pagina, "querystring": _querystring(request)}
    return render(request, "aanbod/sociale_kaart.html", context, status=200 if geldig else 400)


# --- maatwerk products --------------------------------------------------------------------------


@require_GET
def producten(request: HttpRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    gemeente = _gemeente(request)
    basis = Product.objects.filter(actief=True).order_by("wet", "productcategorie", "productcode")
    filterset = ProductFilter(request.GET or None, queryset=basis)
    geldig = not filterset.is_bound or filterset.is_valid()
    pagina = _pagina(request, filterset.qs if geldig else basis.none(), 50)
    sleutels = catalogus.indicatievrije_sleutels(gemeente, vandaag)
    bereik = catalogus.tariefbereiken(gemeente, vandaag)
    for product in pagina.object_list:
        product.via_verwijzing = catalogus.gaat_via_verwijzing(product, gemeente, vandaag, sleutels=sleutels)
        product.tariefbereik = bereik.get(product.pk)
    context = {
        "form": filterset.form,
        "pagina": pagina,
        "querystring": _querystring(request),
        "gemeente": gemeente,
        "vandaag": vandaag,
    }
    return render(request, "aanbod/producten.html", context, status=200 if geldig else 400)


# --- providers ----------------------------------------------------------------------------------


def _kwaliteit_samengevat(statussen: list[beheer.Kwaliteitsstatus]) -> dict:
    """One badge for a list: expired weighs heaviest, then missing."""
    verlopen = [s.label for s in statussen if s.status == beheer.Kwaliteit.VERLOPEN]
    ontbreekt = [s.label for s in statussen if s.status == beheer.Kwaliteit.ONTBREEKT]
    if verlopen:
        return {"soort": "verlopen", "tekst": "Verlopen: " + ", ".join(verlopen), "ontbreekt": ontbreekt}
    if ontbreekt:
        return {"soort": "ontbreekt", "tekst": "Ontbreekt: " + ", ".join(ontbreekt), "ontbreekt": []}
    return {"soort": "in_orde", "tekst": "In orde", "ontbreekt": []}


@require_GET
def aanbieders(request: HttpRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    gemeente = _gemeente(request)
    lopend = Q(contracten__begindatum__lte=vandaag) & (Q(contracten__einddatum__isnull=True) | Q(contracten__einddatum__gte=vandaag))
    basis = (
        Aanbieder.objects.annotate(lopende_contracten=Count("contracten", filter=lopend, distinct=True))
        .prefetch_related("kwaliteitsbewijzen")
        .order_by("naam", "pk")
    )
    filterset = AanbiederFilter(request.GET or None, queryset=basis)
    geldig = not filterset.is_bound or filterset.is_valid()
    pagina = _pagina(request, filterset.qs if geldig else basis.none())
    verplicht = beheer.verplichte_kwaliteitsbewijzen(gemeente, vandaag)
    for aanbieder in pagina.object_list:
        aanbieder.kwaliteit = _kwaliteit_samengevat(beheer.kwaliteitsstatus(aanbieder, gemeente, vandaag, verplicht=verplicht))
    context = {"form": filterset.form, "pagina": pagina, "querystring": _querystring(request), "gemeente": gemeente}
    return render(request, "aanbod/aanbieders.html", context, status=200 if geldig else 400)


def _bewijsstatus(bewijs: Kwaliteitsbewijs, op: date) -> str:
    if bewijs.geldig_vanaf > op:
        return "Nog niet geldig"
    if bewijs.geldig_tot is not None and bewijs.geldig_tot < op:
        return "Verlopen"
    return "Geldig"


@require_GET
def aanbieder(request: HttpRequest, pk: int) -> HttpResponse:
    vandaag = timezone.localdate()
    gemeente = _gemeente(request)
    obj = get_object_or_404(Aanbieder.objects.prefetch_related("kwaliteitsbewijzen__gecontroleerd_door"), pk=pk)
    bewijzen = sorted(obj.kwaliteitsbewijzen.all(), key=lambda b: (b.get_soort_display(), -b.geldig_vanaf.toordinal()))
    for bewijs in bewijzen:
        bewijs.status = _bewijsstatus(bewijs, vandaag)
    statussen = beheer.kwaliteitsstatus(obj, gemeente, vandaag)
    contracten = list(obj.contracten.select_related("regio", "gemeente").order_by("-begindatum", "kenmerk"))
    for contract in contracten:
        contract.lopend = contract.begindatum <= vandaag and (contract.einddatum is None or contract.einddatum >= vandaag)
    context = {
        "aanbieder": obj,
        "bewijzen": bewijzen,
        "statussen": statussen,
        "niet_in_orde": [s for s in statussen if not s.in_orde],
        "contracten": contracten,
        "gemeente": gemeente,
        "vandaag": vandaag,
    }
    return render(request, "aanbod/aanbieder.html", context)


# --- contracts ----------------------------------------------------------------------------------


@require_GET
def contract(request: HttpRequest, pk: int) -> HttpResponse:
    vandaag = timezone.localdate()
    obj = get_object_or_404(
        Contract.objects.select_related("aanbieder", "regio", "gemeente").prefetch_related(
            Prefetch("tarieven", queryset=Tarief.objects.select_related("product").order_by("product__naam", "-geldig_vanaf"))
        ),
        pk=pk,
    )
    huidig = set(obj.tarieven.filter(geldig_op(vandaag)).values_list("pk", flat=True))
    per_product: dict[Product, list[Tarief]] = defaultdict(list)
    for tarief in obj.tarieven.all():
        tarief.bedrag = catalogus.euro(tarief.tarief_cent)
        tarief.huidig = tarief.pk in huidig
        per_product[tarief.product].append(tarief)
    historie = [(regel, beheer.historieregels(regel)) for regel in obj.historie.select_related("door")]
    context = {
        "contract": obj,
        "lopend": obj.begindatum <= vandaag and (obj.einddatum is None or obj.einddatum >= vandaag),
        "budgetplafond": catalogus.euro(obj.budgetplafond_cent) if obj.budgetplafond_cent is not None else None,
        "tarieven": sorted(per_product.items(), key=lambda kv: (kv[0].wet, kv[0].productcategorie, kv[0].productcode)),
        "historie": historie,
    }
    return render(request, "aanbod/contract.html", context)
