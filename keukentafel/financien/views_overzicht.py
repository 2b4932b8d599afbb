"""The finance overview: budget vs commitment vs realisation vs forecast, with drill-down and XLSX export.

Thin views: the figures come from `prognose`; access from `rechten.werkgemeente` (financiën and beleid).
The grant list shows toewijzingnummer, product, aanbieder and gebied only, and reading it is audited.
"""

from __future__ import annotations

from datetime import date

from django.core.paginator import Paginator
from django.db.models import BigIntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from keukentafel.aanbod.models import Aanbieder
from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gebied, Gemeente
from keukentafel.berichten.models import Prestatie

from .models import Begroting, Begrotingspost, Pgbuitgave
from .prognose import Regel, categorieen_van, prognose, standaard_peildatum, uitsplitsing
from .rechten import werkgemeente
from .svg import staafgrafiek
from .verplichting import bedrag_expressie, voorzieningen
from .xlsx import xlsx_response

REEKSEN = ("Begroot", "Verplicht", "Gerealiseerd", "Prognose")
KOLOMMEN = [(k, "geld") for k in (*REEKSEN, "Verschil")]


def _jaar(request: HttpRequest, standaard: int | None = None) -> int:
    try:
        jaar = int(request.GET.get("jaar", ""))
    except ValueError:
        return standaard or timezone.localdate().year
    return jaar if 2000 <= jaar <= 2100 else (standaard or timezone.localdate().year)


def _peildatum(request: HttpRequest, jaar: int) -> date:
    try:
        d = date.fromisoformat(request.GET.get("peildatum", ""))
    except ValueError:
        return standaard_peildatum(jaar)
    return min(max(d, date(jaar, 1, 1)), date(jaar, 12, 31))


def _xlsx(request: HttpRequest) -> bool:
    return request.GET.get("formaat") == "xlsx"


def _cijfers(r: Regel) -> list[int]:
    return [r.begroot, r.verplicht, r.gerealiseerd, r.prognose, r.verschil]


def _grafiek(titel: str, regels: list[Regel], tabel_id: str):  # noqa: ANN202
    return staafgrafiek(titel, REEKSEN, [(r.naam, _cijfers(r)[:4]) for r in regels], tabel_id=tabel_id)


def overzicht(request: HttpRequest) -> HttpResponse:
    """Per domain and line: begroot, verplicht, gerealiseerd, prognose and verschil; warnings highlighted."""
    gemeente = werkgemeente(request)
    jaar = _jaar(request)
    p = prognose(gemeente, jaar, _peildatum(request, jaar))
    if _xlsx(request):
        rijen = [[r.domein, r.naam, *_cijfers(r), "ja" if r.waarschuwing else ""] for r in p.posten]
        rijen.append(["", p.niet_toegerekend.naam, *_cijfers(p.niet_toegerekend), ""])
        rijen += [["Totaal " + d.naam, "", *_cijfers(d), ""] for d in p.domeinen]
        return xlsx_response(f"prognose-{jaar}", f"Prognose {jaar}", ["Domein", "Post", *KOLOMMEN, "Waarschuwing"], rijen)
    jaren = sorted({jaar, timezone.localdate().year, *Begroting.objects.filter(gemeente=gemeente).values_list("jaar", flat=True)})
    return render(request, "financien/overzicht_index.html", {
        "p": p, "jaar": jaar, "jaren": jaren, "gemeente": gemeente,
        "grafiek": _grafiek(f"Begroting en prognose {jaar} per post", [r for r in p.posten if r.gedekt] + [p.niet_toegerekend],
                            "tabel-posten"),
        "benutting": sorted(p.benutting.items()),
    })


def _post(request: HttpRequest, gemeente: Gemeente, post_id: int) -> Begrotingspost:
    return get_object_or_404(Begrotingspost, pk=post_id, begroting__gemeente=gemeente, soort="lasten")


def overzicht_post(request: HttpRequest, post_id: int) -> HttpResponse:
    """One line split per aanbieder (a pgb has none: "Pgb (geen aanbieder)")."""
    gemeente = werkgemeente(request)
    post = _post(request, gemeente, post_id)
    jaar = post.begroting.jaar
    peildatum = _peildatum(request, jaar)
    rijen = uitsplitsing(gemeente, jaar, post, "aanbieder", peildatum)
    namen = dict(Aanbieder.objects.filter(pk__in=[r.sleutel for r in rijen if r.sleutel]).values_list("pk", "naam"))
    for r in rijen:
        r.naam = namen.get(r.sleutel, "Pgb (geen aanbieder)")
    kolommen = [("Verplicht", "geld"), ("Gerealiseerd", "geld"), ("Prognose", "geld")]
    if _xlsx(request):
        return xlsx_response(f"prognose-{jaar}-{post.code}-aanbieders", f"{post.naam} {jaar}", ["Aanbieder", *kolommen],
                             [[r.naam, r.verplicht, r.gerealiseerd, r.prognose] for r in rijen])
    return render(request, "financien/overzicht_post.html", {
        "post": post, "jaar": jaar, "peildatum": peildatum, "rijen": rijen,
        "grafiek": staafgrafiek(f"{post.naam} {jaar} per aanbieder", REEKSEN[1:],
                                [(r.naam, [r.verplicht, r.gerealiseerd, r.prognose]) for r in rijen[:25]], tabel_id="tabel-aanbieders"),
    })


def overzicht_gebieden(request: HttpRequest) -> HttpResponse:
    """Every covered line per gebied, with the area budget (the line's budget split by inhabitants)."""
    gemeente = werkgemeente(request)
    jaar = _jaar(request)
    p = prognose(gemeente, jaar, _peildatum(request, jaar))
    posten = [r for r in p.posten if r.gedekt] + ([p.niet_toegerekend] if p.niet_toegerekend.gebieden else [])
    if _xlsx(request):
        rijen = [[r.naam, g.naam, *_cijfers(g), "ja" if g.waarschuwing else ""] for r in posten for g in r.gebieden]
        return xlsx_response(f"prognose-{jaar}-gebieden", f"Gebieden {jaar}", ["Post", "Gebied", *KOLOMMEN, "Waarschuwing"], rijen)
    return render(request, "financien/overzicht_gebieden.html", {"p": p, "jaar": jaar, "posten": posten})


def _voorzieningen(gemeente: Gemeente, post: Begrotingspost, jaar: int, aanbieder: str, gebied: str) -> QuerySet:
    jan1, dec31 = date(jaar, 1, 1), date(jaar, 12, 31)
    categorieen = categorieen_van(gemeente, jaar, post) or []
    q = Q(pk__in=[])
    for c in categorieen:
        wet, _, cat = c.partition(":")
        q |= Q(product__wet=wet, product__productcategorie=cat)
    qs = voorzieningen(gemeente, jan1, dec31).filter(q)
    if aanbieder.isdigit():
        qs = qs.filter(aanbieder_id=int(aanbieder))
    elif aanbieder == "pgb":
        qs = qs.filter(aanbieder__isnull=True)
    if gebied.isdigit():
        qs = qs.filter(persoon__gebied_id=int(gebied))
    big = BigIntegerField()
    gedeclareerd = (Prestatie.objects.filter(voorziening=OuterRef("pk"), goedgekeurd=True, begindatum__gte=jan1, begindatum__lte=dec31)
                    .order_by().values("voorziening").annotate(s=Sum("toegekend_cent")).values("s"))
    pgb = (Pgbuitgave.objects.filter(voorziening=OuterRef("pk"), periode_begin__gte=jan1, periode_begin__lte=dec31)
           .order_by().values("voorziening").annotate(s=Sum("bedrag_cent")).values("s"))
    return (qs.select_related("product", "aanbieder", "persoon__gebied")
            .only("toewijzingnummer", "leveringsvorm", "omvang", "eenheid", "frequentie", "begindatum", "einddatum",
                  "tarief_cent", "product__naam", "product__productcode", "aanbieder__naam", "persoon__gebied__naam")
            .annotate(verplichting=bedrag_expressie(jan1, dec31),
                      gerealiseerd=Coalesce(Subquery(gedeclareerd, output_field=big), Value(0), output_field=big)
                      + Coalesce(Subquery(pgb, output_field=big), Value(0), output_field=big))
            .order_by("toewijzingnummer"))


def overzicht_voorzieningen(request: HttpRequest, post_id: int) -> HttpResponse:
    """The grants behind a line's figure (optionally one aanbieder or gebied); never a name or BSN; audited."""
    gemeente = werkgemeente(request)
    post = _post(request, gemeente, post_id)
    jaar = post.begroting.jaar
    aanbieder, gebied = request.GET.get("aanbieder", ""), request.GET.get("gebied", "")
    aanbieder = aanbieder if aanbieder.isdigit() or aanbieder == "pgb" else ""
    gebied = gebied if gebied.isdigit() else ""
    qs = _voorzieningen(gemeente, post, jaar, aanbieder, gebied)
    filters = ", ".join(f for f in (f"aanbieder {aanbieder}" if aanbieder else "", f"gebied {gebied}" if gebied else "") if f)
    omschrijving = f"Voorzieningen achter begrotingspost {post.code} ({jaar}) ingezien{' (' + filters + ')' if filters else ''}"
    if _xlsx(request):
        audit.log(request.user, AuditActie.EXPORT, post, omschrijving=omschrijving.replace("ingezien", "gedownload"), request=request)
        rijen = [[v.toewijzingnummer, f"{v.product.productcode} {v.product.naam}", v.aanbieder.naam if v.aanbieder else "",
                  v.persoon.gebied.naam if v.persoon.gebied else "", v.get_leveringsvorm_display(), v.begindatum,
                  v.einddatum, f"{v.omvang} {v.get_eenheid_display()} {v.get_frequentie_display().lower()}",
                  v.verplichting, v.gerealiseerd] for v in qs.iterator(chunk_size=2000)]
        return xlsx_response(f"voorzieningen-{post.code}-{jaar}", f"{post.naam} {jaar}", [
            "Toewijzingnummer", "Product", "Aanbieder", "Gebied", "Leveringsvorm", "Begindatum", "Einddatum",
            "Omvang", ("Verplichting", "geld"), ("Gerealiseerd", "geld")], rijen)
    audit.log(request.user, AuditActie.LEZEN, post, omschrijving=omschrijving, request=request)
    pagina = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    querystring = "&".join(f"{k}={v}" for k, v in (("aanbieder", aanbieder), ("gebied", gebied)) if v)
    return render(request, "financien/overzicht_voorzieningen.html", {
        "post": post, "jaar": jaar, "pagina": pagina, "querystring": querystring,
        "aanbieder": Aanbieder.objects.filter(pk=aanbieder).first() if aanbieder.isdigit() else None,
        "pgb": aanbieder == "pgb",
        "gebied": Gebied.objects.filter(pk=gebied, gemeente=gemeente).first() if gebied.isdigit() else None,
    })


__all__ = ["overzicht", "overzicht_gebieden", "overzicht_post", "overzicht_voorzieningen"]
