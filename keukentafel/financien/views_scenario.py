"""Scenario screens: list and compare, compute and save, the result per year and line, XLSX export.

Financiën and beleid of the gemeente may build scenarios (they change no book); the result holds aggregates only.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie
from keukentafel.besluiten.regels import euro

from .forms_scenario import ScenarioForm
from .models import Begroting, Postsoort, Scenario
from .rechten import werkgemeente
from .scenario import SOORTEN, OngeldigScenario, bewaar
from .xlsx import xlsx_response


def _posten(gemeente) -> list[tuple[str, str]]:
    b = Begroting.objects.filter(gemeente=gemeente, jaar__lte=date.today().year).order_by("-jaar").first() or \
        Begroting.objects.filter(gemeente=gemeente).order_by("jaar").first()
    if b is None:
        return []
    return [(p.code, f"{p.onderdeel}: {p.naam}") for p in b.posten.filter(soort=Postsoort.LASTEN, saldopost=False).exclude(dekking=[])]


def _scenario(request: HttpRequest, pk: int) -> Scenario:
    gemeente = werkgemeente(request)
    s = get_object_or_404(Scenario, pk=pk)
    if s.gemeente_id != gemeente.pk:
        raise PermissionDenied("Dit scenario is van een andere gemeente.")
    return s


def tabel(s: Scenario) -> dict:
    """Rows per line with baseline, scenario and effect per year, plus totals, from the saved result."""
    r = s.resultaat or {}
    jaren = [str(j) for j in r.get("jaren", [])]
    rijen = []
    totaal = {k: {j: 0 for j in jaren} for k in ("begroot", "basis", "scenario")}
    for p in r.get("posten", []):
        cellen = []
        for j in jaren:
            b, sc, bg = p["basis"].get(j, 0), p["scenario"].get(j, 0), p["begroot"].get(j, 0)
            cellen.append({"jaar": j, "begroot": bg, "basis": b, "scenario": sc, "effect": sc - b})
            totaal["begroot"][j] += bg
            totaal["basis"][j] += b
            totaal["scenario"][j] += sc
        rijen.append({"code": p["code"], "naam": p["naam"], "domein": p["domein"], "cellen": cellen})
    totalen = [{"jaar": j, "begroot": totaal["begroot"][j], "basis": totaal["basis"][j], "scenario": totaal["scenario"][j],
                "effect": totaal["scenario"][j] - totaal["basis"][j]} for j in jaren]
    maatregelen = []
    for m, effect in zip(s.maatregelen, r.get("effect_per_maatregel", []), strict=False):
        maatregelen.append({"omschrijving": beschrijf(m), "effect": [effect.get(j, 0) for j in jaren]})
    return {"jaren": jaren, "rijen": rijen, "totalen": totalen, "maatregelen": maatregelen}


def beschrijf(m: dict) -> str:
    """A measure in one Dutch sentence."""
    pct = lambda bp: f"{bp / 100:.2f}".rstrip("0").rstrip(".").replace(".", ",")  # noqa: E731
    s = m["soort"]
    if s == "korting":
        tekst = f"{pct(m['procent_bp'])} % korting op post {m['post']}"
    elif s == "verschuiving":
        tekst = (f"{pct(m['aandeel_bp'])} % van de cliënten in {m['categorie']} naar een algemene voorziening à "
                 f"{euro(m['kosten_per_deelnemer_cent'])} per deelnemer per jaar")
    elif s == "frequentie":
        tekst = "Hulp bij het huishouden eens per twee weken in plaats van wekelijks"
    elif s == "tarief":
        tekst = f"Tarieven {m['categorie'] or 'alle categorieën'} {'+' if m['procent_bp'] >= 0 else ''}{pct(m['procent_bp'])} %"
    else:
        tekst = f"Instroom {m['categorie'] or 'alle categorieën'} {'+' if m['procent_bp'] >= 0 else ''}{pct(m['procent_bp'])} %"
    return f"{tekst}, vanaf {m['vanaf']}"


@require_GET
def scenario_lijst(request: HttpRequest) -> HttpResponse:
    gemeente = werkgemeente(request)
    scenarios = Scenario.objects.filter(gemeente=gemeente).select_related("aangemaakt_door")
    return render(request, "financien/scenario_lijst.html", {"gemeente": gemeente, "scenarios": scenarios, "soorten": SOORTEN})


@require_http_methods(["GET", "POST"])
def scenario_nieuw(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    gemeente = werkgemeente(request)
    bestaand = _scenario(request, pk) if pk else None
    posten = _posten(gemeente)
    if request.method == "POST":
        form = ScenarioForm(request.POST, posten=posten)
        if form.is_valid():
            try:
                s = bewaar(
                    gemeente, request.user, naam=form.cleaned_data["naam"], omschrijving=form.cleaned_data["omschrijving"],
                    jaar=form.cleaned_data["jaar"], jaren=form.cleaned_data["jaren"], maatregelen=form.maatregelen(),
                    scenario=bestaand, version=int(request.POST.get("version") or 0) if bestaand else None,
                )
            except OngeldigScenario as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Scenario '{s.naam}' is doorgerekend en bewaard.")
                return redirect("financien:scenario_detail", s.pk)
    else:
        form = ScenarioForm(initial=ScenarioForm.initieel(bestaand) if bestaand else {"jaar": date.today().year + 1, "jaren": 4},
                            posten=posten)
    return render(request, "financien/scenario_form.html", {"form": form, "scenario": bestaand, "gemeente": gemeente,
                                                            "zonder_begroting": not posten})


@require_GET
def scenario_detail(request: HttpRequest, pk: int) -> HttpResponse:
    s = _scenario(request, pk)
    return render(request, "financien/scenario_detail.html", {"scenario": s, **tabel(s)})


def _xlsx_rijen(s: Scenario) -> tuple[list, list[list]]:
    t = tabel(s)
    kolommen = ["Post", "Naam"] + [(f"{k} {j}", "geld") for j in t["jaren"] for k in ("Begroot", "Basis", "Scenario", "Effect")]
    rijen = [[r["code"], r["naam"]] + [c[k] for c in r["cellen"] for k in ("begroot", "basis", "scenario", "effect")]
             for r in t["rijen"]]
    rijen.append(["", "Totaal"] + [c[k] for c in t["totalen"] for k in ("begroot", "basis", "scenario", "effect")])
    for m in t["maatregelen"]:
        rijen.append(["maatregel", m["omschrijving"]] + [v for e in m["effect"] for v in (None, None, None, e)])
    return kolommen, rijen


@require_GET
def scenario_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    s = _scenario(request, pk)
    kolommen, rijen = _xlsx_rijen(s)
    audit.log(request.user, AuditActie.EXPORT, s, request=request, omschrijving=f"Scenario '{s.naam}' als XLSX gedownload")
    return xlsx_response(f"scenario-{s.pk}.xlsx", f"Scenario {s.naam}", kolommen, rijen)


@require_GET
def scenario_vergelijk(request: HttpRequest) -> HttpResponse:
    gemeente = werkgemeente(request)
    ids = [int(i) for i in request.GET.getlist("id") if i.isdigit()][:6]
    scenarios = list(Scenario.objects.filter(gemeente=gemeente, pk__in=ids).order_by("naam"))
    if len(scenarios) < 2:
        messages.error(request, "Kies ten minste twee scenario's om te vergelijken.")
        return redirect("financien:scenario_lijst")
    jaren = sorted({str(j) for s in scenarios for j in s.resultaat.get("jaren", [])})
    rijen = []
    for s in scenarios:
        t = tabel(s)
        per_jaar = {c["jaar"]: c for c in t["totalen"]}
        rijen.append({"scenario": s, "cellen": [per_jaar.get(j) for j in jaren]})
    if request.GET.get("formaat") == "xlsx":
        kolommen = ["Scenario"] + [(f"{k} {j}", "geld") for j in jaren for k in ("Basis", "Scenario", "Effect")]
        data = [[r["scenario"].naam] + [(c[k] if c else None) for c in r["cellen"] for k in ("basis", "scenario", "effect")]
                for r in rijen]
        return xlsx_response("scenarios-vergeleken.xlsx", "Vergelijking scenario's", kolommen, data)
    return render(request, "financien/scenario_vergelijk.html", {"rijen": rijen, "jaren": jaren, "ids": ids})
