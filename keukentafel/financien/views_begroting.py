"""Begroting screens: list, detail per year (versions side by side), area budgets per line, XLSX export, and for
financiën the XLSX import and the wijziging form. Every view asks `rechten.werkgemeente` first; every download is
audited (without personal data); the list and the area budgets also download as XLSX (`?formaat=xlsx`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gemeente, Rol

from . import xlsx_begroting
from .begroting import Versieregel, bedragen_op, totalen, versies_naast_elkaar, voeg_wijziging_toe
from .forms_begroting import BegrotingImportForm, WijzigingForm
from .gebiedsbudget import gebiedsbudgetten
from .models import Begroting, Begrotingsbedrag, Begrotingspost, Domein, Postsoort, Verdeelsleutel
from .prognose import standaard_peildatum
from .rechten import werkgemeente
from .uploads import te_groot
from .xlsx import bestand_response, xlsx_response


@dataclass
class _Deel:
    soort: str
    regels: list[Versieregel] = field(default_factory=list)
    totaal_per_versie: list[int] = field(default_factory=list)
    totaal_cent: int = 0


@dataclass
class _Blok:
    domein: str
    onderdeel: str
    delen: list[_Deel] = field(default_factory=list)


def _blokken(aantal_versies: int, regels: list[Versieregel]) -> list[_Blok]:
    """Lines grouped per onderdeel (in budget order) and soort (lasten first), with totals per version."""
    blokken: dict[tuple[str, str], _Blok] = {}
    for r in regels:
        p = r.post
        blok = blokken.setdefault((p.domein, p.onderdeel), _Blok(p.get_domein_display(), p.onderdeel))
        deel = next((d for d in blok.delen if d.soort == p.soort), None)
        if deel is None:
            deel = _Deel(p.soort, totaal_per_versie=[0] * aantal_versies)
            blok.delen.append(deel)
            blok.delen.sort(key=lambda d: d.soort != Postsoort.LASTEN)
        deel.regels.append(r)
        deel.totaal_per_versie = [t + (b or 0) for t, b in zip(deel.totaal_per_versie, r.per_versie, strict=True)]
        deel.totaal_cent += r.totaal_cent
    return list(blokken.values())


def _begroting(gemeente: Gemeente, jaar: int) -> Begroting:
    return get_object_or_404(Begroting, gemeente=gemeente, jaar=jaar)


def _mag_wijzigen(request: HttpRequest) -> bool:
    return request.user.rol == Rol.FINANCIEN


def _xlsx(request: HttpRequest) -> bool:
    return request.GET.get("formaat") == "xlsx"


def lijsttotalen(begrotingen: list[Begroting]) -> dict[int, dict[str, int]]:
    """Lasten and baten in force (all versions) per budget id, as `begroting.totalen` gives them, in two queries for
    any number of budgets: the typed amounts per (budget, onderdeel, soort), and the onderdelen with a saldopost. A
    saldopost is the baten of its onderdeel minus the other lasten, so that onderdeel's lasten total its baten."""
    ids = [b.id for b in begrotingen]
    som: dict[tuple[int, str, str], int] = defaultdict(int)
    for b_id, onderdeel, soort, s in (Begrotingsbedrag.objects.filter(post__begroting_id__in=ids, post__saldopost=False)
                                      .values("post__begroting_id", "post__onderdeel", "post__soort").annotate(s=Sum("bedrag_cent"))
                                      .order_by().values_list("post__begroting_id", "post__onderdeel", "post__soort", "s")):
        som[(b_id, onderdeel, soort)] += s or 0
    saldo = set(Begrotingspost.objects.filter(begroting_id__in=ids, saldopost=True).values_list("begroting_id", "onderdeel"))
    uit = {i: {Postsoort.LASTEN: 0, Postsoort.BATEN: 0} for i in ids}
    for (b_id, onderdeel, soort), s in som.items():
        if soort == Postsoort.BATEN:
            uit[b_id][Postsoort.BATEN] += s
            if (b_id, onderdeel) in saldo:
                uit[b_id][Postsoort.LASTEN] += s
        elif (b_id, onderdeel) not in saldo:
            uit[b_id][Postsoort.LASTEN] += s
    return uit


@require_GET
def lijst(request: HttpRequest) -> HttpResponse:
    gemeente = werkgemeente(request)
    begrotingen = list(Begroting.objects.filter(gemeente=gemeente).annotate(aantal_versies=Count("versies")).order_by("-jaar"))
    per = lijsttotalen(begrotingen)
    rijen = [{"begroting": b, "lasten": per[b.id][Postsoort.LASTEN], "baten": per[b.id][Postsoort.BATEN], "versies": b.aantal_versies}
             for b in begrotingen]
    if _xlsx(request):
        audit.log(request.user, AuditActie.EXPORT, None, request=request,
                  omschrijving=f"Lijst van begrotingen van {gemeente} als XLSX gedownload")
        return xlsx_response(f"begrotingen-{gemeente.gemeentecode}", "Begrotingen",
                             ["Jaar", "Naam", "Bron", "Versies", ("Lasten", "geld"), ("Baten", "geld")],
                             [(r["begroting"].jaar, r["begroting"].naam, r["begroting"].bron, r["versies"], r["lasten"], r["baten"])
                              for r in rijen])
    return render(request, "financien/begroting_lijst.html", {"gemeente": gemeente, "rijen": rijen, "mag_wijzigen": _mag_wijzigen(request)})


@require_GET
def detail(request: HttpRequest, jaar: int) -> HttpResponse:
    gemeente = werkgemeente(request)
    begroting = _begroting(gemeente, jaar)
    versies, regels = versies_naast_elkaar(begroting)
    t = totalen(begroting)
    per_domein = [
        {"domein": label, "lasten": t.per_domein.get((waarde, Postsoort.LASTEN), 0),
         "baten": t.per_domein.get((waarde, Postsoort.BATEN), 0)}
        for waarde, label in Domein.choices
        if (waarde, Postsoort.LASTEN) in t.per_domein or (waarde, Postsoort.BATEN) in t.per_domein
    ]
    context = {
        "gemeente": gemeente, "begroting": begroting, "versies": versies, "blokken": _blokken(len(versies), regels),
        "totalen": t, "per_domein": per_domein, "mag_wijzigen": _mag_wijzigen(request),
        "lasten": t.per_soort.get(Postsoort.LASTEN, 0), "baten": t.per_soort.get(Postsoort.BATEN, 0),
    }
    return render(request, "financien/begroting_detail.html", context)


def gebiedsdatum(jaar: int, vandaag: date | None = None) -> date:
    """The date whose amounts the area budgets use: as the forecast, today within the year, 31 December of a past
    year (and 1 January of a future one)."""
    return standaard_peildatum(jaar, vandaag)


@require_GET
def gebieden(request: HttpRequest, jaar: int, code: str) -> HttpResponse:
    """A lasten line split over the gebieden as the forecast splits it: by its verdeelsleutel, by inhabitants when it
    has none, with the amounts in force on `gebiedsdatum`."""
    gemeente = werkgemeente(request)
    begroting = _begroting(gemeente, jaar)
    post = get_object_or_404(Begrotingspost, begroting=begroting, code=code)
    datum = gebiedsdatum(jaar)
    sleutel = post.verdeelsleutel or Verdeelsleutel.INWONERS
    budgetten = gebiedsbudgetten(post, datum, sleutel=sleutel) if post.soort == Postsoort.LASTEN else []
    bedrag = bedragen_op(begroting, datum)[post.id]
    gewicht_geld = sleutel == Verdeelsleutel.GEBRUIK
    gewicht_kop = {Verdeelsleutel.GEBRUIK: "Verplichting vorig jaar", Verdeelsleutel.JEUGDIGEN: "Jeugdigen"}.get(sleutel, "Inwoners")
    if _xlsx(request):
        audit.log(request.user, AuditActie.EXPORT, post, request=request,
                  omschrijving=f"Gebiedsbudgetten van post {post.code} ({jaar}) als XLSX gedownload")
        rijen = [(b.gebied.naam, b.gewicht, b.bedrag_cent) for b in budgetten]
        rijen.append(("Totaal", sum(b.gewicht for b in budgetten), bedrag))
        return xlsx_response(f"gebiedsbudgetten-{post.code}-{jaar}", f"{post.naam} {jaar}",
                             ["Gebied", (gewicht_kop, "geld") if gewicht_geld else gewicht_kop, ("Budget", "geld")], rijen)
    context = {
        "gemeente": gemeente, "begroting": begroting, "post": post, "budgetten": budgetten, "bedrag": bedrag, "datum": datum,
        "sleutel": sleutel, "sleutel_label": Verdeelsleutel(sleutel).label, "standaardsleutel": not post.verdeelsleutel,
        "gewicht_kop": gewicht_kop, "gewicht_geld": gewicht_geld, "totaal_gewicht": sum(b.gewicht for b in budgetten),
    }
    return render(request, "financien/begroting_gebieden.html", context)


@require_GET
def export(request: HttpRequest, jaar: int) -> HttpResponse:
    gemeente = werkgemeente(request)
    begroting = _begroting(gemeente, jaar)
    data = xlsx_begroting.exporteer(begroting, door=request.user, request=request)  # audited there
    return bestand_response(f"begroting-{gemeente.gemeentecode}-{jaar}", data)


@require_GET
def wijziging_sjabloon(request: HttpRequest, jaar: int) -> HttpResponse:
    gemeente = werkgemeente(request, beheer=True)
    begroting = _begroting(gemeente, jaar)
    data = xlsx_begroting.wijziging_sjabloon(begroting)
    audit.log(request.user, AuditActie.EXPORT, begroting, request=request,
              omschrijving=f"Wijzigingssjabloon van de begroting {jaar} als XLSX gedownload")
    return bestand_response(f"wijziging-{gemeente.gemeentecode}-{jaar}", data)


@require_http_methods(["GET", "POST"])
def importeren(request: HttpRequest) -> HttpResponse:
    gemeente = werkgemeente(request, beheer=True)
    form = BegrotingImportForm(request.POST or None, request.FILES or None)
    rapport = None
    if request.method == "POST":
        if te_groot(request, form) or not form.is_valid():
            return render(request, "financien/begroting_import.html", {"gemeente": gemeente, "form": form}, status=400)
        bestand = form.cleaned_data["bestand"]
        rapport = xlsx_begroting.importeer_begroting(
            request.user, gemeente, bestand.read(xlsx_begroting.MAX_BYTES + 1), bestandsnaam=bestand.name, request=request
        )
        if rapport.ok:
            messages.success(request, f"De begroting {rapport.begroting.jaar} is ingelezen ({len(rapport.versies)} versies).")
            return redirect("financien:begroting_detail", jaar=rapport.begroting.jaar)
    status = 400 if rapport is not None else 200
    return render(request, "financien/begroting_import.html", {"gemeente": gemeente, "form": form, "rapport": rapport}, status=status)


@require_http_methods(["GET", "POST"])
def wijziging(request: HttpRequest, jaar: int) -> HttpResponse:
    gemeente = werkgemeente(request, beheer=True)
    begroting = _begroting(gemeente, jaar)
    form = WijzigingForm(request.POST or None, request.FILES or None, begroting=begroting)
    context = {"gemeente": gemeente, "begroting": begroting, "form": form, "bedragen": bedragen_op(begroting)}
    if request.method == "GET":
        return render(request, "financien/begroting_wijziging.html", context)
    if te_groot(request, form) or not form.is_valid():
        return render(request, "financien/begroting_wijziging.html", context, status=400)
    d = form.cleaned_data
    kw = {"omschrijving": d["omschrijving"], "vastgesteld_op": d["vastgesteld_op"], "bron": d["bron"], "request": request}
    if d.get("bestand"):
        rapport = xlsx_begroting.importeer_wijziging(
            request.user, begroting, d["bestand"].read(xlsx_begroting.MAX_BYTES + 1), bestandsnaam=d["bestand"].name, **kw
        )
        if not rapport.ok:
            context["rapport"] = rapport
            return render(request, "financien/begroting_wijziging.html", context, status=400)
        versie = rapport.versies[0]
    else:
        try:
            versie = voeg_wijziging_toe(begroting, d["mutaties"], door=request.user, **kw)
        except ValidationError as e:
            for m in e.messages:
                form.add_error(None, m)
            return render(request, "financien/begroting_wijziging.html", context, status=400)
    messages.success(request, f"Begrotingswijziging {versie.volgnummer} is vastgelegd.")
    return redirect("financien:begroting_detail", jaar=jaar)
