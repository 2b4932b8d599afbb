"""Begroting screens: list, detail per year (versions side by side), area budgets per line, XLSX export, and for
financiën the XLSX import and the wijziging form. Every view asks `rechten.werkgemeente` first."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from keukentafel.accounts.models import Gemeente, Rol

from . import xlsx_begroting
from .begroting import Versieregel, bedragen_op, totalen, versies_naast_elkaar, voeg_wijziging_toe
from .forms_begroting import TE_GROOT, BegrotingImportForm, WijzigingForm
from .gebiedsbudget import gebiedsbudgetten
from .models import Begroting, Begrotingspost, Domein, Postsoort
from .rechten import werkgemeente


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


@require_GET
def lijst(request: HttpRequest) -> HttpResponse:
    gemeente = werkgemeente(request)
    rijen = []
    for b in Begroting.objects.filter(gemeente=gemeente).order_by("-jaar"):
        t = totalen(b)
        rijen.append({"begroting": b, "lasten": t.per_soort.get(Postsoort.LASTEN, 0), "baten": t.per_soort.get(Postsoort.BATEN, 0),
                      "versies": b.versies.count()})
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


@require_GET
def gebieden(request: HttpRequest, jaar: int, code: str) -> HttpResponse:
    gemeente = werkgemeente(request)
    begroting = _begroting(gemeente, jaar)
    post = get_object_or_404(Begrotingspost, begroting=begroting, code=code)
    budgetten = gebiedsbudgetten(post) if post.verdeelsleutel else []
    context = {
        "gemeente": gemeente, "begroting": begroting, "post": post, "budgetten": budgetten,
        "bedrag": bedragen_op(begroting)[post.id], "totaal_gewicht": sum(b.gewicht for b in budgetten),
    }
    return render(request, "financien/begroting_gebieden.html", context)


@require_GET
def export(request: HttpRequest, jaar: int) -> HttpResponse:
    gemeente = werkgemeente(request)
    begroting = _begroting(gemeente, jaar)
    data = xlsx_begroting.exporteer(begroting, door=request.user, request=request)
    response = HttpResponse(data, content_type=xlsx_begroting.XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="begroting-{gemeente.gemeentecode}-{jaar}.xlsx"'
    return response


@require_GET
def wijziging_sjabloon(request: HttpRequest, jaar: int) -> HttpResponse:
    gemeente = werkgemeente(request, beheer=True)
    begroting = _begroting(gemeente, jaar)
    response = HttpResponse(xlsx_begroting.wijziging_sjabloon(begroting), content_type=xlsx_begroting.XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="wijziging-{gemeente.gemeentecode}-{jaar}.xlsx"'
    return response


def _te_groot(request: HttpRequest, form) -> bool:
    """The upload handler (keukentafel/uploads.py) dropped the file while it arrived."""
    if getattr(request, "upload_te_groot", False):
        form.errors.setdefault("bestand", form.error_class()).append(TE_GROOT)
        return True
    return False


@require_http_methods(["GET", "POST"])
def importeren(request: HttpRequest) -> HttpResponse:
    gemeente = werkgemeente(request, beheer=True)
    form = BegrotingImportForm(request.POST or None, request.FILES or None)
    rapport = None
    if request.method == "POST":
        if _te_groot(request, form) or not form.is_valid():
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
    if _te_groot(request, form) or not form.is_valid():
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
