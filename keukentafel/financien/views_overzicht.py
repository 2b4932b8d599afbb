"""The finance overview: budget vs commitment vs realisation vs forecast, with charts, drill-down and XLSX export.

Thin views: the figures come from `prognose`; access from `rechten.werkgemeente` (financiën and beleid).
Every link of the drill-down carries `jaar` and `peildatum`, and every level counts realisation up to that peildatum,
so the rows of a drill-down add up to the figure clicked. The grant list shows toewijzingnummer, product, aanbieder
and gebied only, and reading it is audited; so is every download (without personal data).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import BigIntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from keukentafel.aanbod.models import Aanbieder
from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gebied, Gemeente
from keukentafel.berichten.models import Prestatie

from .bedragen import afronden
from .gebiedsbudget import dekking_filter
from .models import Begroting, Begrotingspost, Pgbuitgave, Verdeelsleutel
from .prognose import (
    NIET_TOEGEREKEND,
    Benutting,
    Prognose,
    Regel,
    alle_toegerekende,
    categorieen_van,
    prognose,
    standaard_peildatum,
    uitsplitsing,
)
from .rechten import werkgemeente
from .svg import staafgrafiek
from .verplichting import bedrag_expressie, voorzieningen
from .xlsx import werkmap_response, xlsx_response

REEKSEN = ("Begroot", "Verplicht", "Gerealiseerd", "Prognose")
KOLOMMEN = [(k, "geld") for k in (*REEKSEN, "Verschil")]
GEEN_AANBIEDER = "Pgb (geen aanbieder)"


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
    # the same bounds as `standaard_peildatum`: the day before the year (nothing elapsed) up to 31 December
    return min(max(d, date(jaar, 1, 1) - timedelta(days=1)), date(jaar, 12, 31))


def _xlsx(request: HttpRequest) -> bool:
    return request.GET.get("formaat") == "xlsx"


def _cijfers(r: Regel) -> list[int]:
    return [r.begroot, r.verplicht, r.gerealiseerd, r.prognose, r.verschil]


def _grafiek(titel: str, regels: list[Regel], tabel_id: str):  # noqa: ANN202
    return staafgrafiek(titel, REEKSEN, [(r.naam, _cijfers(r)[:4]) for r in regels], tabel_id=tabel_id)


def _peil(jaar: int, peildatum: date, **extra: object) -> str:
    """The query string that carries jaar and peildatum (and `extra`) to the next level of the drill-down."""
    return urlencode({"jaar": jaar, "peildatum": peildatum.isoformat(), **{k: v for k, v in extra.items() if v not in ("", None)}})


def _graad(b: Benutting) -> Decimal:
    """The utilisation ratio in percent with one decimal, rounded half away from zero (exact, no float)."""
    return Decimal(afronden(b.gedeclareerd * 1000, b.verplicht)).scaleb(-1)


def _export_log(request: HttpRequest, obj: object, omschrijving: str) -> None:
    audit.log(request.user, AuditActie.EXPORT, obj, request=request, omschrijving=omschrijving)


def _overzicht_xlsx(request: HttpRequest, p: Prognose) -> HttpResponse:
    jaar = p.jaar
    rijen = [[r.domein, r.naam, *_cijfers(r), "ja" if r.waarschuwing else ""] for r in p.posten]
    rijen.append(["", p.niet_toegerekend.naam, *_cijfers(p.niet_toegerekend), ""])
    rijen += [["Totaal " + d.naam, "", *_cijfers(d), ""] for d in p.domeinen]
    rijen.append(["Totaal", "", *_cijfers(p.totaal), ""])
    benutting = [[cat, None if b.bron == "100%" else b.gedeclareerd, None if b.bron == "100%" else b.verplicht, _graad(b),
                  {"venster": "dit jaar", "vorig jaar": "vorig jaar"}.get(b.bron, "geen historie (100%)")]
                 for cat, b in sorted(p.benutting.items())]
    bladen = [
        (f"Prognose {jaar}", ["Domein", "Post", *KOLOMMEN, "Waarschuwing"], rijen),
        ("Benuttingsgraad", ["Categorie", ("Gedeclareerd", "geld"), ("Verplicht", "geld"), "Graad (%)", "Bron"], benutting),
    ]
    baten = getattr(p, "baten", None)
    if baten:
        bkol = [(k, "geld") for k in ("Begroot", "Gerealiseerd", "Prognose", "Verschil")]
        brijen = [[r.domein, r.naam, r.begroot, r.gerealiseerd, r.prognose, r.verschil] for r in baten]
        brijen += [["Totaal " + d.naam, "", d.begroot, d.gerealiseerd, d.prognose, d.verschil] for d in p.baten_domeinen]
        t = p.baten_totaal
        brijen.append(["Totaal", "", t.begroot, t.gerealiseerd, t.prognose, t.verschil])
        bladen.insert(1, (f"Baten {jaar}", ["Domein", "Post", *bkol], brijen))
    _export_log(request, p.begroting, f"Financieel overzicht {jaar} (peildatum {p.peildatum:%d-%m-%Y}) als XLSX gedownload")
    return werkmap_response(f"prognose-{jaar}", bladen)


def overzicht(request: HttpRequest) -> HttpResponse:
    """Per domain and line: begroot, verplicht, gerealiseerd, prognose and verschil; warnings highlighted."""
    gemeente = werkgemeente(request)
    jaar = _jaar(request)
    p = prognose(gemeente, jaar, _peildatum(request, jaar))
    if _xlsx(request):
        return _overzicht_xlsx(request, p)
    jaren = sorted({jaar, timezone.localdate().year, *Begroting.objects.filter(gemeente=gemeente).values_list("jaar", flat=True)})
    return render(request, "financien/overzicht_index.html", {
        "p": p, "jaar": jaar, "jaren": jaren, "gemeente": gemeente, "peil": _peil(jaar, p.peildatum),
        "grafiek_domeinen": _grafiek(f"Begroting en prognose {jaar} per domein", [*p.domeinen, p.niet_toegerekend], "tabel-domeinen"),
        "grafiek": _grafiek(f"Begroting en prognose {jaar} per post", [r for r in p.posten if r.gedekt] + [p.niet_toegerekend],
                            "tabel-posten"),
        "benutting": sorted(p.benutting.items()),
        "baten": getattr(p, "baten", []), "niet_in_domeinen": bool(getattr(p, "niet_toegerekend_per_domein", None)),
    })


def _post(request: HttpRequest, gemeente: Gemeente, post_id: int) -> Begrotingspost:
    return get_object_or_404(Begrotingspost, pk=post_id, begroting__gemeente=gemeente, soort="lasten")


def _per_aanbieder(request: HttpRequest, gemeente: Gemeente, post: Begrotingspost | None, jaar: int) -> HttpResponse:
    """A line (None: the niet toegerekende categories) split per aanbieder; a pgb has none: "Pgb (geen aanbieder)"."""
    peildatum = _peildatum(request, jaar)
    rijen = uitsplitsing(gemeente, jaar, post, "aanbieder", peildatum)
    namen = dict(Aanbieder.objects.filter(pk__in=[r.sleutel for r in rijen if r.sleutel]).values_list("pk", "naam"))
    for r in rijen:
        r.naam = namen.get(r.sleutel, GEEN_AANBIEDER)
    totaal = Regel(naam="Totaal")
    for r in rijen:
        totaal.verplicht += r.verplicht
        totaal.gerealiseerd += r.gerealiseerd
        totaal.prognose += r.prognose
    naam, code = (post.naam, post.code) if post else (NIET_TOEGEREKEND, "niet-toegerekend")
    kolommen = [("Verplicht", "geld"), ("Gerealiseerd", "geld"), ("Prognose", "geld")]
    if _xlsx(request):
        _export_log(request, post, f"{naam} {jaar} per aanbieder (peildatum {peildatum:%d-%m-%Y}) als XLSX gedownload")
        return xlsx_response(f"prognose-{jaar}-{code}-aanbieders", f"{naam} {jaar}", ["Aanbieder", *kolommen],
                             [[r.naam, r.verplicht, r.gerealiseerd, r.prognose] for r in [*rijen, totaal]])
    if post:
        categorieen, lijst_url = post.dekking, reverse("financien:overzicht_voorzieningen", args=[post.pk])
    else:
        toegerekend = set(alle_toegerekende(gemeente, jaar))
        categorieen = sorted({f"{w}:{c}" for w, c in voorzieningen(gemeente, date(jaar, 1, 1), date(jaar, 12, 31))
                              .values_list("product__wet", "product__productcategorie").distinct()} - toegerekend)
        lijst_url = reverse("financien:overzicht_niet_toegerekend_voorzieningen")
    return render(request, "financien/overzicht_post.html", {
        "post": post, "naam": naam, "categorieen": categorieen, "jaar": jaar, "peildatum": peildatum, "rijen": rijen,
        "totaal": totaal, "lijst_url": lijst_url, "peil": _peil(jaar, peildatum),
        "grafiek": staafgrafiek(f"{naam} {jaar} per aanbieder", REEKSEN[1:],
                                [(r.naam, [r.verplicht, r.gerealiseerd, r.prognose]) for r in rijen[:25]], tabel_id="tabel-aanbieders"),
    })


def overzicht_post(request: HttpRequest, post_id: int) -> HttpResponse:
    """One line split per aanbieder."""
    gemeente = werkgemeente(request)
    post = _post(request, gemeente, post_id)
    return _per_aanbieder(request, gemeente, post, post.begroting.jaar)


def overzicht_niet_toegerekend(request: HttpRequest) -> HttpResponse:
    """The "Niet toegerekend" row (categories on no budget line) split per aanbieder."""
    gemeente = werkgemeente(request)
    return _per_aanbieder(request, gemeente, None, _jaar(request))


def _sleutel_tekst(r: Regel) -> str:
    post = getattr(r, "post", None)
    if post is None:
        return "niet verdeeld: geen begrotingspost"
    if post.verdeelsleutel:
        return post.get_verdeelsleutel_display().lower()
    return f"{Verdeelsleutel.INWONERS.label.lower()} (de post heeft geen eigen verdeelsleutel)"


def overzicht_gebieden(request: HttpRequest) -> HttpResponse:
    """Every covered line per gebied, with the area budget (the line's budget split by its verdeelsleutel)."""
    gemeente = werkgemeente(request)
    jaar = _jaar(request)
    p = prognose(gemeente, jaar, _peildatum(request, jaar))
    posten = [r for r in p.posten if r.gedekt] + ([p.niet_toegerekend] if p.niet_toegerekend.gebieden else [])
    if _xlsx(request):
        rijen = [[r.naam, g.naam, *_cijfers(g), "ja" if g.waarschuwing else ""] for r in posten for g in r.gebieden]
        _export_log(request, p.begroting, f"Financieel overzicht {jaar} per gebied (peildatum {p.peildatum:%d-%m-%Y}) als XLSX gedownload")
        return xlsx_response(f"prognose-{jaar}-gebieden", f"Gebieden {jaar}", ["Post", "Gebied", *KOLOMMEN, "Waarschuwing"], rijen)
    secties = [{"r": r, "sleutel": _sleutel_tekst(r), "tabel_id": f"tabel-gebieden-{i}",
                "grafiek": _grafiek(f"{r.naam} {jaar} per gebied", r.gebieden, f"tabel-gebieden-{i}")}
               for i, r in enumerate(posten, start=1)]
    return render(request, "financien/overzicht_gebieden.html", {"p": p, "jaar": jaar, "secties": secties,
                                                                 "peil": _peil(jaar, p.peildatum)})


def _voorzieningen(gemeente: Gemeente, post: Begrotingspost | None, jaar: int, peildatum: date, aanbieder: str,
                   gebied: str) -> QuerySet:
    """The grants behind a figure: of `post`'s categories (None: the categories on no line), in force in `jaar`, with
    their commitment over the year and their realisation from 1 January up to `peildatum` — as the overview counts."""
    jan1, dec31 = date(jaar, 1, 1), date(jaar, 12, 31)
    qs = voorzieningen(gemeente, jan1, dec31)
    if post is not None:
        qs = qs.filter(dekking_filter(categorieen_van(gemeente, jaar, post) or []))
    else:
        toegerekend = alle_toegerekende(gemeente, jaar)
        if toegerekend:
            qs = qs.exclude(dekking_filter(toegerekend))
    if aanbieder.isdigit():
        qs = qs.filter(aanbieder_id=int(aanbieder))
    elif aanbieder == "pgb":
        qs = qs.filter(aanbieder__isnull=True)
    if gebied.isdigit():
        qs = qs.filter(persoon__gebied_id=int(gebied))
    elif gebied == "onbekend":
        qs = qs.filter(persoon__gebied__isnull=True)
    big = BigIntegerField()
    tot = min(peildatum, dec31)  # before 1 January: nothing realised yet
    gedeclareerd = (Prestatie.objects.filter(voorziening=OuterRef("pk"), goedgekeurd=True, begindatum__gte=jan1, begindatum__lte=tot)
                    .order_by().values("voorziening").annotate(s=Sum("toegekend_cent")).values("s"))
    pgb = (Pgbuitgave.objects.filter(voorziening=OuterRef("pk"), periode_begin__gte=jan1, periode_begin__lte=tot)
           .order_by().values("voorziening").annotate(s=Sum("bedrag_cent")).values("s"))
    return (qs.select_related("product", "aanbieder", "persoon__gebied")
            .only("toewijzingnummer", "leveringsvorm", "omvang", "eenheid", "frequentie", "begindatum", "einddatum",
                  "tarief_cent", "product__naam", "product__productcode", "aanbieder__naam", "persoon__gebied__naam")
            .annotate(verplichting=bedrag_expressie(jan1, dec31),
                      gerealiseerd=Coalesce(Subquery(gedeclareerd, output_field=big), Value(0), output_field=big)
                      + Coalesce(Subquery(pgb, output_field=big), Value(0), output_field=big))
            .order_by("toewijzingnummer"))


def _voorzieningen_scherm(request: HttpRequest, gemeente: Gemeente, post: Begrotingspost | None, jaar: int) -> HttpResponse:
    peildatum = _peildatum(request, jaar)
    aanbieder, gebied = request.GET.get("aanbieder", ""), request.GET.get("gebied", "")
    aanbieder = aanbieder if aanbieder.isdigit() or aanbieder == "pgb" else ""
    gebied = gebied if gebied.isdigit() or gebied == "onbekend" else ""
    qs = _voorzieningen(gemeente, post, jaar, peildatum, aanbieder, gebied)
    naam, code = (post.naam, post.code) if post else (NIET_TOEGEREKEND, "niet-toegerekend")
    filters = ", ".join(f for f in (f"aanbieder {aanbieder}" if aanbieder else "", f"gebied {gebied}" if gebied else "") if f)
    wat = f"begrotingspost {post.code}" if post else "niet toegerekend"
    omschrijving = f"Voorzieningen achter {wat} ({jaar}, peildatum {peildatum:%d-%m-%Y}) ingezien{' (' + filters + ')' if filters else ''}"
    if _xlsx(request):
        _export_log(request, post, omschrijving.replace("ingezien", "gedownload"))
        rijen = [[v.toewijzingnummer, f"{v.product.productcode} {v.product.naam}", v.aanbieder.naam if v.aanbieder else "",
                  v.persoon.gebied.naam if v.persoon.gebied else "", v.get_leveringsvorm_display(), v.begindatum,
                  v.einddatum, f"{v.omvang} {v.get_eenheid_display()} {v.get_frequentie_display().lower()}",
                  v.verplichting, v.gerealiseerd] for v in qs.iterator(chunk_size=2000)]
        return xlsx_response(f"voorzieningen-{code}-{jaar}", f"{naam} {jaar}", [
            "Toewijzingnummer", "Product", "Aanbieder", "Gebied", "Leveringsvorm", "Begindatum", "Einddatum",
            "Omvang", ("Verplichting", "geld"), (f"Gerealiseerd t/m {peildatum:%d-%m-%Y}", "geld")], rijen)
    audit.log(request.user, AuditActie.LEZEN, post, omschrijving=omschrijving, request=request)
    pagina = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    peil = _peil(jaar, peildatum)
    terug = reverse("financien:overzicht_post", args=[post.pk]) if post else reverse("financien:overzicht_niet_toegerekend")
    return render(request, "financien/overzicht_voorzieningen.html", {
        "post": post, "naam": naam, "jaar": jaar, "peildatum": peildatum, "pagina": pagina, "peil": peil,
        "querystring": _peil(jaar, peildatum, aanbieder=aanbieder, gebied=gebied), "terug_url": f"{terug}?{peil}",
        "aanbieder": Aanbieder.objects.filter(pk=aanbieder).first() if aanbieder.isdigit() else None,
        "pgb": aanbieder == "pgb", "gebied_onbekend": gebied == "onbekend",
        "gebied": Gebied.objects.filter(pk=gebied, gemeente=gemeente).first() if gebied.isdigit() else None,
    })


def overzicht_voorzieningen(request: HttpRequest, post_id: int) -> HttpResponse:
    """The grants behind a line's figure (optionally one aanbieder or gebied); never a name or BSN; audited."""
    gemeente = werkgemeente(request)
    post = _post(request, gemeente, post_id)
    return _voorzieningen_scherm(request, gemeente, post, post.begroting.jaar)


def overzicht_niet_toegerekend_voorzieningen(request: HttpRequest) -> HttpResponse:
    """The grants behind the "Niet toegerekend" figure (categories on no line); never a name or BSN; audited."""
    gemeente = werkgemeente(request)
    return _voorzieningen_scherm(request, gemeente, None, _jaar(request))


__all__ = [
    "overzicht", "overzicht_gebieden", "overzicht_niet_toegerekend", "overzicht_niet_toegerekend_voorzieningen", "overzicht_post",
    "overzicht_voorzieningen",
]
