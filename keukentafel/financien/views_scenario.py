"""Scenario screens: list and compare, compute and save, the result per year and line, XLSX export.

Financiën and beleid of the gemeente may build scenarios (they change no book); the result holds aggregates only.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie
from keukentafel.besluiten.regels import euro

from .forms_scenario import MAX_RIJEN, MEER_RIJEN, PREFIX, Foutoverzicht, ScenarioForm, initieel, maatregel_formset, rijen_uit
from .models import Scenario
from .rechten import werkgemeente
from .scenario import SOORTEN, OngeldigScenario, bewaar, lastenposten
from .svg import staafgrafiek
from .xlsx import xlsx_response


def _postkeuzes(gemeente, jaar: int) -> list[tuple[str, str]]:
    """The lines a korting can take: those of the budget the computation uses for a scenario from `jaar`."""
    return [(p.code, f"{p.onderdeel}: {p.naam}{'' if p.dekking else ' (zonder voorzieningen)'}") for p in lastenposten(gemeente, jaar)]


def _geheel(data, sleutel: str, standaard: int, laagste: int, hoogste: int) -> tuple[int, bool]:
    try:
        waarde = int(data.get(sleutel, ""))
    except (TypeError, ValueError):
        return standaard, False
    return (waarde, True) if laagste <= waarde <= hoogste else (standaard, False)


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
        rijen.append({"code": p["code"], "naam": p["naam"], "domein": p["domein"], "gedekt": p.get("gedekt", True), "cellen": cellen})
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
        if m.get("categorie", "wmo:01") != "wmo:01":
            tekst += f" ({m['categorie']})"
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
    """New or changed scenario; saving computes it on today's book. "Meer rijen toevoegen" only re-renders."""
    gemeente = werkgemeente(request)
    bestaand = _scenario(request, pk) if pk else None
    vandaag = timezone.localdate()
    standaard = bestaand.jaar if bestaand else vandaag.year + 1
    version = bestaand.version if bestaand else None
    if request.method == "POST":
        jaar, jaar_geldig = _geheel(request.POST, "jaar", standaard, 2015, 2100)
        jaren, jaren_geldig = _geheel(request.POST, "jaren", 4, 1, 10)
        posten = _postkeuzes(gemeente, jaar)
        reeks = range(jaar, jaar + jaren) if jaar_geldig and jaren_geldig else None
        if bestaand:
            version, _ = _geheel(request.POST, "version", 0, 0, 2**31)
        if "meer_rijen" in request.POST:
            form = ScenarioForm(initial={k: request.POST.get(k, "") for k in ScenarioForm.base_fields})
            rijen = rijen_uit(request.POST)
            aantal = max(_geheel(request.POST, f"{PREFIX}-TOTAL_FORMS", 0, 0, MAX_RIJEN)[0], len(rijen))
            formset = maatregel_formset(posten=posten, jaren=reeks, initial=rijen, extra=aantal - len(rijen) + MEER_RIJEN)
        else:
            form = ScenarioForm(request.POST)
            formset = maatregel_formset(request.POST, posten=posten, jaren=reeks)
            if all([form.is_valid(), formset.is_valid()]):
                try:
                    s = bewaar(
                        gemeente, request.user, naam=form.cleaned_data["naam"], omschrijving=form.cleaned_data["omschrijving"],
                        jaar=form.cleaned_data["jaar"], jaren=form.cleaned_data["jaren"],
                        maatregelen=formset.maatregelen(form.cleaned_data["jaar"]),
                        scenario=bestaand, version=version, peildatum=vandaag, request=request,
                    )
                except OngeldigScenario as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(request, f"Scenario '{s.naam}' is doorgerekend op het boek van vandaag "
                                              f"({date_format(vandaag, 'j F Y')}) en bewaard.")
                    return redirect("financien:scenario_detail", s.pk)
    else:
        posten = _postkeuzes(gemeente, standaard)
        if bestaand:
            init, rijen = initieel(bestaand)
            form = ScenarioForm(initial=init)
            reeks = range(bestaand.jaar, bestaand.jaar + bestaand.jaren)
            formset = maatregel_formset(posten=posten, jaren=reeks, initial=rijen, extra=MEER_RIJEN)
        else:
            form = ScenarioForm(initial={"jaar": standaard, "jaren": 4})
            formset = maatregel_formset(posten=posten)
    fouten = Foutoverzicht.van(form, formset) if form.is_bound else None
    return render(request, "financien/scenario_form.html", {
        "form": form, "formset": formset, "fouten": fouten, "scenario": bestaand, "version": version, "gemeente": gemeente,
        "vandaag": vandaag, "zonder_begroting": not posten, "soorten": SOORTEN,
    })


def _grafiek_detail(s: Scenario, totalen: list[dict]):  # noqa: ANN202
    return staafgrafiek(f"Scenario '{s.naam}': begroot, basis en scenario per jaar", ["Begroot", "Basis", "Scenario"],
                        [(t["jaar"], [t["begroot"], t["basis"], t["scenario"]]) for t in totalen], tabel_id="tabel-totalen")


@require_GET
def scenario_detail(request: HttpRequest, pk: int) -> HttpResponse:
    s = _scenario(request, pk)
    t = tabel(s)
    return render(request, "financien/scenario_detail.html", {"scenario": s, "grafiek": _grafiek_detail(s, t["totalen"]), **t})


def _xlsx_rijen(s: Scenario) -> tuple[list, list[list]]:
    t = tabel(s)
    kolommen = ["Post", "Naam"] + [(f"{k} {j}", "geld") for j in t["jaren"] for k in ("Begroot", "Basis", "Scenario", "Effect")]
    rijen = [[r["code"], r["naam"]] + [c[k] for c in r["cellen"] for k in ("begroot", "basis", "scenario", "effect")]
             for r in t["rijen"]]
    rijen.append(["", "Totaal"] + [c[k] for c in t["totalen"] for k in ("begroot", "basis", "scenario", "effect")])
    for m in t["maatregelen"]:
        rijen.append(["maatregel", m["omschrijving"]] + [v for e in m["effect"] for v in (None, None, None, e)])
    peildatum = ["peildatum", f"Boek van {s.peildatum:%d-%m-%Y}" if s.peildatum else "Boek van: onbekend"]
    rijen.append(peildatum + [None] * (len(kolommen) - len(peildatum)))
    return kolommen, rijen


@require_GET
def scenario_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    s = _scenario(request, pk)
    kolommen, rijen = _xlsx_rijen(s)
    audit.log(request.user, AuditActie.EXPORT, s, request=request, omschrijving=f"Scenario '{s.naam}' als XLSX gedownload")
    return xlsx_response(f"scenario-{s.pk}.xlsx", f"Scenario {s.naam}", kolommen, rijen)


#: Legend text per scenario in the comparison chart is cut to this many characters.
LEGENDA_TEKENS = 24


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
        kolommen = ["Scenario", "Boek van"] + [(f"{k} {j}", "geld") for j in jaren for k in ("Basis", "Scenario", "Effect")]
        data = [[r["scenario"].naam, r["scenario"].peildatum]
                + [(c[k] if c else None) for c in r["cellen"] for k in ("basis", "scenario", "effect")] for r in rijen]
        audit.log(request.user, AuditActie.EXPORT, None, request=request,
                  omschrijving=f"Vergelijking van scenario's {', '.join(repr(s.naam) for s in scenarios)} als XLSX gedownload")
        return xlsx_response("scenarios-vergeleken.xlsx", "Vergelijking scenario's", kolommen, data)
    namen = [s.naam if len(s.naam) <= LEGENDA_TEKENS else s.naam[:LEGENDA_TEKENS - 1] + "…" for s in scenarios]
    grafiek = staafgrafiek(
        "Totale kosten per jaar per scenario", namen,
        [(j, [(r["cellen"][i] or {}).get("scenario") for r in rijen]) for i, j in enumerate(jaren)],
        tabel_id="tabel-vergelijking", breedte=max(720, 240 + sum(30 + 7 * len(n) for n in namen)),
    )
    return render(request, "financien/scenario_vergelijk.html", {"rijen": rijen, "jaren": jaren, "ids": ids, "grafiek": grafiek})
