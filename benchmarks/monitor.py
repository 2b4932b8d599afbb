#!/usr/bin/env python
"""Monitor benchmark on PostgreSQL (issue 4 §4): every dashboard page with a municipality-sized regio, p95 < 500 ms.

    DATABASE_URL=postgres://keukentafel:keukentafel@127.0.0.1:5432/keukentafel_bench_monitor \\
        .venv/bin/python benchmarks/monitor.py --aantal 200000 --personen 1000000 --huishoudens 400000 --plannen 50000

Needs an empty database (`benchmarks/run.sh monitor` drops and creates one). Generates, then measures:

1. the regio of `generate.py` (its `main`: migrate, 5 gemeenten, 15 gebieden with a team each, persons,
   households, meldingen, plans, audit trail, staff with bench.beleid and a teamleider per team);
2. --aantal grants for persons of those households (`financien_prognose.maak_voorzieningen`): Wmo products for
   adults (more for the elderly), Jeugdwet products for persons under 18, 16 products in 16 categories, ZIN/pvb/pgb,
   75 providers with a skewed share, begin dates from 1 January two years ago until today (a quarter open-ended);
3. 10 × --aantal declaration lines (`financien_prognose.maak_prestaties`) on the ZIN/pvb grants that ran this year, in
   a month within the grant's period from January through last month, one declaratie per gemeente, provider, wet and
   month; 2 % credits, 3 % rejected;
4. `manage.py monitor_verversen` (the declaration pre-aggregate) when the command exists;
5. with Django's test client in-process (as `profiel.py`), logged in as bench.beleid: `/monitor/`, every section of
   `keukentafel.monitor.secties.SECTIES` at run time (`/monitor/onderdeel/<code>/`) under eight filters (whole regio,
   one gemeente, one gebied, one team, a quarter, one gemeente and a quarter, wet=jeugdwet, one category),
   `/monitor/startfoto/` (today, and 31 December last year) and `/monitor/jeugd-participatie/` (year, quarter); as a
   teamleider the drill-down list of every section that has one (the first row with a link). Per page and filter: one
   warm-up request and 5 timed requests, then (second pass) up to --herhaal (20) within --budget seconds per page and
   filter and --meetminuten overall; each request in a transaction that is rolled back (the pages write audit records).

Reports p50/p95/max (nearest rank) per page and filter, PASS/FAIL against 500 ms, the number of queries and SQL time,
and for the slowest pages (the worst filter of each failing page) the slowest statements (literals replaced, as
`profiel.py`) with an EXPLAIN ANALYZE of the most expensive one. Writes `benchmarks/results/monitor.json`
(`monitor_smoke.json` with --smoke) and `monitor_tabel.md`.
Exit code: 0 fine; 1 a page did not answer 200; 3 a p95 at or above 500 ms (not judged with --smoke).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from urllib.parse import urlencode

HIER = Path(__file__).resolve().parent
ROOT = HIER.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HIER))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keukentafel.settings")
os.environ.setdefault("KT_DEBUG", "0")

import django  # noqa: E402

django.setup()

import financien_prognose as fp  # noqa: E402
import generate  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command, get_commands  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from gemeen import getal, log, pg_cpu  # noqa: E402
from profiel import sql_sjabloon  # noqa: E402

from keukentafel.accounts.models import Gebied, Gemeente, Medewerker, Team  # noqa: E402
from keukentafel.berichten.models import Declaratie, Prestatie  # noqa: E402
from keukentafel.besluiten.models import ToegewezenVoorziening  # noqa: E402
from keukentafel.inwoners.models import Huishoudlid, Persoon  # noqa: E402

DOEL_MS = 500
RESULTATEN = HIER / "results"
# financien_prognose's 12 products plus dagbesteding, beschermd wonen, jeugdhulp verblijf zonder behandeling and crisis.
PRODUCTEN = [*fp.PRODUCTEN, ("wmo", "07", "07A01", "16", "2", 5400), ("wmo", "15", "15A01", "14", "1", 12500),
             ("jeugdwet", "44", "44A01", "14", "1", 16000), ("jeugdwet", "46", "46A01", "14", "1", 30000)]
# Relative frequency per product (same order): Wmo 70 %, Jeugdwet 30 %.
GEWICHTEN = {"01A01": 20, "01A02": 6, "02A01": 12, "02A02": 4, "03A01": 4, "04A01": 2, "05A01": 2, "08A01": 6, "07A01": 10,
             "15A01": 4, "45A01": 14, "41A01": 3, "43A01": 3, "54001": 6, "44A01": 2, "46A01": 2}
GRANTS_PER_CLIENT = 1.6
AFGEKEURD = 0.03


# --- Generation -------------------------------------------------------------------------------------------------------

def clientpools(aantal: int, rng: random.Random, vandaag: date) -> dict[str, list[tuple[int, int, int | None]]]:
    """Clients (persoon, gemeente, current household) for Wmo (adults, weighted to the elderly) and Jeugdwet (under 18),
    from a deterministic sample of the generated persons (never all million into Python)."""
    P, HL = Persoon._meta.db_table, Huishoudlid._meta.db_table
    nodig = max(50, int(aantal / GRANTS_PER_CLIENT))
    totaal = Persoon.objects.count()
    k = min(1_000_003, int(1_000_003 * 3 * nodig / max(totaal, 1)) + 1)
    with connection.cursor() as cur:
        cur.execute(f'SELECT p.id, p.gemeente_id, p.geboortedatum, hl.huishouden_id FROM "{P}" p '
                    f'LEFT JOIN "{HL}" hl ON hl.persoon_id = p.id AND hl.einddatum IS NULL '
                    f'WHERE (p.id * 2654435761) %% 1000003 < %s ORDER BY p.id', [k])
        rijen = cur.fetchall()
    grens_18 = vandaag.replace(year=vandaag.year - 18)
    grens_65 = vandaag.replace(year=vandaag.year - 65)
    grens_75 = vandaag.replace(year=vandaag.year - 75)
    jeugd = [(i, g, h) for i, g, geboren, h in rijen if geboren > grens_18]
    volwassen = [((i, g, h), 4.0 if geboren <= grens_75 else 2.5 if geboren <= grens_65 else 1.0)
                 for i, g, geboren, h in rijen if geboren <= grens_18]
    jeugd_aandeel = sum(w for c, w in GEWICHTEN.items() if c[:2] in ("45", "41", "43", "54", "44", "46")) / sum(GEWICHTEN.values())
    n_jeugd = min(len(jeugd), max(1, int(nodig * jeugd_aandeel)))
    n_wmo = min(len(volwassen), max(1, nodig - n_jeugd))
    # weighted sample without replacement (Efraimidis–Spirakis): the n largest random ** (1 / weight)
    wmo = [c for _, c in sorted(((rng.random() ** (1 / w), c) for c, w in volwassen), reverse=True)[:n_wmo]]
    pools = {"jeugdwet": rng.sample(jeugd, n_jeugd), "wmo": wmo}
    if not pools["jeugdwet"]:
        pools["jeugdwet"] = pools["wmo"]
    return pools


def genereer(a: argparse.Namespace) -> dict[str, float]:
    """generate.py's regio, then grants and declaration lines; returns seconds per step."""
    duur: dict[str, float] = {}
    t0 = time.monotonic()
    rc = generate.main(["--personen", str(a.personen), "--huishoudens", str(a.huishoudens), "--plannen", str(a.plannen),
                        "--seed", str(a.seed), "--targets", str(RESULTATEN / f"targets_monitor{'_smoke' if a.smoke else ''}.json")])
    if rc:
        raise SystemExit(f"generate.py eindigde met code {rc}")
    duur["regio (generate.py, incl. migrate)"] = time.monotonic() - t0

    vandaag = date.today()
    rng = random.Random(f"{a.seed}:monitor")
    t0 = time.monotonic()
    with transaction.atomic():
        door = Medewerker.objects.get(username="bench.beleid")
        aanbieders, producten = fp.maak_catalogus(PRODUCTEN)
        pools = clientpools(a.aantal, rng, vandaag)
        gewichten = list(accumulate(GEWICHTEN[p.productcode] for p, _ in producten))
        indices = list(range(len(producten)))
        aanbieder_gewichten = list(accumulate(1 / (i + 1) ** 0.8 for i in range(len(aanbieders))))

        def client(n: int, wet: str, r: random.Random) -> tuple[int, int, int | None]:
            pool = pools[wet]
            return pool[r.randrange(len(pool))]

        begin_van = date(vandaag.year - 2, 1, 1)
        fp.maak_voorzieningen(
            a.aantal, rng, producten=producten, aanbieders=aanbieders, door=door, client=client, begin_van=begin_van,
            begin_dagen=(vandaag - begin_van).days + 1,
            kies_product=lambda r: r.choices(indices, cum_weights=gewichten)[0],
            kies_aanbieder=lambda n, r: r.choices(aanbieders, cum_weights=aanbieder_gewichten)[0],
        )
    duur["voorzieningen"] = time.monotonic() - t0
    log(f"  {getal(a.aantal)} voorzieningen voor {getal(len(pools['wmo']))} + {getal(len(pools['jeugdwet']))} cliënten "
        f"in {duur['voorzieningen']:.1f} s")

    # Declarations: January through last month (in January: the whole of last year).
    jaar, maanden = (vandaag.year, vandaag.month - 1) if vandaag.month > 1 else (vandaag.year - 1, 12)
    eerste, laatste = date(jaar, 1, 1), (date(jaar, maanden + 1, 1) if maanden < 12 else date(jaar + 1, 1, 1)) - timedelta(days=1)

    def kies_maand(n: int, rij: tuple, aantal_maanden: int, r: random.Random) -> int | None:
        begin, eind = rij[10], rij[11]
        van = 1 if begin < eerste else begin.month
        tot = aantal_maanden if eind is None or eind > laatste else eind.month
        return r.randint(van, tot) if begin <= laatste and (eind is None or eind >= eerste) and van <= tot else None

    t0 = time.monotonic()
    with transaction.atomic():
        n = fp.maak_prestaties(
            10 * a.aantal, rng, voorzieningen=ToegewezenVoorziening.objects.overlappend(eerste, laatste), aanbieders=aanbieders,
            jaar=jaar, maanden=maanden, kies_maand=kies_maand, afgekeurd=AFGEKEURD)
    duur["prestaties"] = time.monotonic() - t0
    log(f"  {getal(n)} prestaties ({eerste:%d-%m-%Y} t/m {laatste:%d-%m-%Y}) in {duur['prestaties']:.1f} s")
    t0 = time.monotonic()
    with connection.cursor() as cur:
        for model in (ToegewezenVoorziening, Prestatie, Declaratie):
            cur.execute(f'VACUUM ANALYZE "{model._meta.db_table}"')
    duur["VACUUM ANALYZE"] = time.monotonic() - t0
    return duur


def verversen() -> tuple[float | None, str]:
    """`manage.py monitor_verversen` (the monitor's pre-aggregates) when it exists."""
    if "monitor_verversen" not in get_commands():
        return None, "manage.py monitor_verversen bestaat (nog) niet: overgeslagen"
    t0 = time.monotonic()
    call_command("monitor_verversen")
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return time.monotonic() - t0, "manage.py monitor_verversen + ANALYZE"


def tellingen() -> dict[str, int]:
    uit = {
        "personen": Persoon.objects.count(),
        "huishoudens": Huishoudlid.objects.filter(einddatum__isnull=True).values("huishouden").distinct().count(),
        "voorzieningen": ToegewezenVoorziening.objects.count(),
        "voorzieningen_jeugdwet": ToegewezenVoorziening.objects.filter(product__wet="jeugdwet").count(),
        "clienten": ToegewezenVoorziening.objects.values("persoon").distinct().count(),
        "declaraties": Declaratie.objects.count(),
        "prestaties": Prestatie.objects.count(),
        "prestaties_afgekeurd": Prestatie.objects.filter(goedgekeurd=False).count(),
    }
    from django.apps import apps
    for model in apps.get_app_config("monitor").get_models():
        if "aggregaat" in model.__name__.lower():
            uit[f"monitor.{model.__name__}"] = model.objects.count()
    return uit


# --- Measuring --------------------------------------------------------------------------------------------------------

def nearest_rank(gesorteerd: list[float], p: float) -> float:
    return gesorteerd[max(0, math.ceil(p * len(gesorteerd)) - 1)]


class Meting:
    """Timed requests of one page under one filter, with the statements they ran."""

    def __init__(self, pagina: str, filter_: str, url: str, gebruiker: str):
        self.pagina, self.filter, self.url, self.gebruiker = pagina, filter_, url, gebruiker
        self.ms: list[float] = []
        self.queries: list[int] = []
        self.sql_ms: list[float] = []
        self.cpu_ms: list[float] = []  # Python process + PostgreSQL backend: the request's cost on an idle machine
        self.besteed_s = 0.0
        self.status: list[int] = []
        self.statements: dict[str, list] = defaultdict(lambda: [0, 0.0, 0.0, ""])  # n, total ms, max ms, raw sql of max

    def verzoek(self, client: Client, tellen: bool) -> float:
        reset_queries()  # the log keeps 9,000 statements; a full log would capture none
        with transaction.atomic():
            with CaptureQueriesContext(connection) as ctx:
                pg0, py0, t0 = pg_cpu(connection), time.process_time(), time.perf_counter()
                r = client.get(self.url)
                dt = (time.perf_counter() - t0) * 1000
                py, pg1 = time.process_time() - py0, pg_cpu(connection)
            transaction.set_rollback(True)
        self.status.append(r.status_code)
        if tellen:
            self.ms.append(dt)
            self.queries.append(len(ctx.captured_queries))
            self.sql_ms.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
            if pg0 is not None and pg1 is not None:
                self.cpu_ms.append((py + pg1 - pg0) * 1000)
            for q in ctx.captured_queries:
                s = self.statements[sql_sjabloon(q["sql"], 3000)]
                ms = float(q["time"]) * 1000
                s[0] += 1
                s[1] += ms
                if ms >= s[2]:
                    s[2], s[3] = ms, q["sql"]
        return dt

    @property
    def ok(self) -> bool:
        return bool(self.status) and all(s == 200 for s in self.status)

    def samenvatting(self) -> dict:
        t = sorted(self.ms)
        if not t:
            return {"pagina": self.pagina, "filter": self.filter, "url": self.url, "gebruiker": self.gebruiker, "n": 0,
                    "status": sorted(set(self.status))}
        return {
            "pagina": self.pagina, "filter": self.filter, "url": self.url, "gebruiker": self.gebruiker, "n": len(t),
            "p50_ms": round(statistics.median(t), 1), "p95_ms": round(nearest_rank(t, 0.95), 1), "max_ms": round(t[-1], 1),
            "queries": round(statistics.median(self.queries)), "sql_ms_p50": round(statistics.median(self.sql_ms), 1),
            "cpu_ms_p50": round(statistics.median(self.cpu_ms)) if self.cpu_ms else None,
            "status": sorted(set(self.status)), "resultaat": "PASS" if self.ok and nearest_rank(t, 0.95) < DOEL_MS else "FAIL",
        }

    def traagste(self, n: int = 5) -> list[dict]:
        k = max(1, len(self.ms))
        rijen = sorted(self.statements.items(), key=lambda kv: -kv[1][1])[:n]
        return [{"sql": sql, "per_verzoek": round(v[0] / k, 1), "ms_per_verzoek": round(v[1] / k, 1), "max_ms": round(v[2], 1)}
                for sql, v in rijen]

    def explain(self) -> list[str]:
        """EXPLAIN ANALYZE of the statement that costs the most time per request, its slowest instance (the literals in the
        plan are ids, codes and dates, never a person)."""
        if not self.statements:
            return []
        raw = max(self.statements.values(), key=lambda v: v[1])[3]
        if not raw.lstrip().upper().startswith(("SELECT", "WITH")):
            return []
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + raw)
            regels = [r[0] for r in cur.fetchall()]
            transaction.set_rollback(True)
        return regels


MINIMUM = 5


def meet(client: Client, m: Meting, tot: int, budget: float | None = None, deadline: float | None = None) -> None:
    """Timed requests until `m` has `tot`, or (when given) it has used `budget` seconds or the clock passed `deadline`."""
    while len(m.ms) < tot and m.ok:
        if budget is not None and m.besteed_s >= budget:
            return
        if deadline is not None and time.monotonic() >= deadline:
            return
        m.besteed_s += m.verzoek(client, tellen=True) / 1000


def filters(beleid: Medewerker, vandaag: date) -> tuple[list[tuple[str, dict]], dict]:
    regio = beleid.werkgemeente.regio
    jaar = vandaag.year
    kwartaal = max(1, (vandaag.month - 1) // 3)  # the last complete quarter (the first in January–March)
    gemeenten = list(Gemeente.objects.filter(regio=regio).order_by("-inwoners", "pk"))
    g = gemeenten[0]
    gebied = Gebied.objects.filter(gemeente=g).order_by("-inwoners", "pk").first()
    ander = gemeenten[1] if len(gemeenten) > 1 else g
    team = Team.objects.filter(gebied__gemeente=ander).order_by("-gebied__inwoners", "pk").first()
    lijst = [
        ("regio", {"jaar": jaar}),
        ("gemeente", {"jaar": jaar, "gemeente": g.pk}),
        ("gebied", {"jaar": jaar, "gemeente": g.pk, "gebied": gebied.pk}),
        ("team", {"jaar": jaar, "team": team.pk}),
        (f"kwartaal {kwartaal}", {"jaar": jaar, "kwartaal": kwartaal}),
        (f"gemeente + kwartaal {kwartaal}", {"jaar": jaar, "kwartaal": kwartaal, "gemeente": g.pk}),
        ("wet=jeugdwet", {"jaar": jaar, "wet": "jeugdwet"}),
        ("categorie wmo:02", {"jaar": jaar, "categorie": "wmo:02"}),
    ]
    info = {"regio": regio.naam, "gemeente": g.naam, "gebied": f"{gebied.naam} ({g.naam})", "team": str(team), "jaar": jaar,
            "kwartaal": kwartaal, "team_obj": team, "regio_obj": regio}
    return lijst, info


def lijst_links(teamleider: Medewerker, jaar: int) -> dict[str, str]:
    """Per section with a drill-down: the first row link of its tables for the teamleider's gemeente."""
    from keukentafel.monitor.periode import periode
    from keukentafel.monitor.secties import SECTIES
    from keukentafel.monitor.selectie import Selectie

    gemeente = teamleider.werkgemeente
    sel = Selectie(regio=gemeente.regio, periode=periode(jaar), gemeente=gemeente)
    links = {}
    for s in SECTIES:
        if not s.lijsten_pad:
            continue
        for t in s.tabellen(sel):
            if t.links:
                links[s.code] = next(iter(t.links.values())).lstrip("?")
                break
    return links


def pagina_metingen(beleid: Medewerker, vandaag: date) -> tuple[list[Meting], dict]:
    from keukentafel.monitor.secties import SECTIES

    lijst, info = filters(beleid, vandaag)
    jaar, kwartaal = info["jaar"], info["kwartaal"]
    team = info.pop("team_obj")
    regio = info.pop("regio_obj")
    teamleider = Medewerker.objects.filter(rol="teamleider", team=team).order_by("pk").first()
    metingen: list[Meting] = []
    b, tl = beleid.username, teamleider.username
    for naam, params in lijst:
        metingen.append(Meting("/monitor/", naam, f"/monitor/?{urlencode(params)}", b))
    for s in SECTIES:
        for naam, params in lijst:
            url = f"/monitor/onderdeel/{s.code}/"
            metingen.append(Meting(url, naam, f"{url}?{urlencode(params)}", b))
    metingen.append(Meting("/monitor/startfoto/", "peildatum vandaag", "/monitor/startfoto/", b))
    metingen.append(Meting("/monitor/startfoto/", f"peildatum 31-12-{jaar - 1}",
                           f"/monitor/startfoto/?{urlencode({'regio': regio.pk, 'peildatum': f'{jaar - 1}-12-31'})}", b))
    metingen.append(Meting("/monitor/jeugd-participatie/", f"jaar {jaar}", f"/monitor/jeugd-participatie/?jaar={jaar}", b))
    metingen.append(Meting("/monitor/jeugd-participatie/", f"kwartaal {kwartaal}",
                           f"/monitor/jeugd-participatie/?jaar={jaar}&kwartaal={kwartaal}", b))
    links = lijst_links(teamleider, jaar)
    eigen = {"gemeente (teamleider)": {"jaar": jaar, "gemeente": teamleider.werkgemeente.pk},
             "eigen team": {"jaar": jaar, "team": team.pk}}
    for code, link in links.items():
        for naam, params in eigen.items():
            metingen.append(Meting(f"/monitor/onderdeel/{code}/lijst/", f"{naam}, {link.split('&')[0]}",
                                   f"/monitor/onderdeel/{code}/lijst/?{urlencode(params)}&{link}", tl))
    info["beleid"], info["teamleider"] = b, tl
    info["secties"] = [s.code for s in SECTIES]
    info["secties_met_lijst"] = sorted(links)
    return metingen, info


# --- Report -----------------------------------------------------------------------------------------------------------

def per_pagina(metingen: list[Meting]) -> list[dict]:
    groepen: dict[str, list[Meting]] = defaultdict(list)
    for m in metingen:
        groepen[m.pagina].append(m)
    uit = []
    for pagina, ms in groepen.items():
        alle = sorted(t for m in ms for t in m.ms)
        cpu = [c for m in ms for c in m.cpu_ms]
        slechtste = max(ms, key=lambda m: nearest_rank(sorted(m.ms), 0.95) if m.ms else math.inf)
        p95_filters = {m.filter: (round(nearest_rank(sorted(m.ms), 0.95), 1) if m.ms else None) for m in ms}
        ok = all(m.ok for m in ms) and all(v is not None and v < DOEL_MS for v in p95_filters.values())
        uit.append({
            "pagina": pagina, "verzoeken": len(alle), "filters": len(ms),
            "p50_ms": round(statistics.median(alle), 1) if alle else None,
            "p95_ms": round(nearest_rank(alle, 0.95), 1) if alle else None, "max_ms": round(alle[-1], 1) if alle else None,
            "cpu_ms_p50": round(statistics.median(cpu)) if cpu else None,
            "slechtste_filter": slechtste.filter, "slechtste_p95_ms": p95_filters[slechtste.filter],
            "p95_per_filter": p95_filters, "resultaat": "PASS" if ok else "FAIL",
        })
    return uit


def git_code() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        vuil = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True).stdout
        return rev + (" (met lokale wijzigingen)" if vuil.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "onbekend"


def markdown(paginas: list[dict], rijen: list[dict]) -> str:
    regels = ["| page | requests | p50 ms | p95 ms | max ms | CPU ms p50 | slowest filter (its p95 ms) | result |",
              "|---|---:|---:|---:|---:|---:|---|---|"]
    for p in paginas:
        regels.append(f"| `{p['pagina']}` | {p['verzoeken']} | {p['p50_ms']} | {p['p95_ms']} | {p['max_ms']} | {p['cpu_ms_p50']} | "
                      f"{p['slechtste_filter']} ({p['slechtste_p95_ms']}) | {p['resultaat']} |")
    regels += ["", "| page | filter | n | p50 ms | p95 ms | max ms | CPU ms p50 | queries | SQL ms p50 | result |",
               "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rijen:
        if not r["n"]:
            regels.append(f"| `{r['pagina']}` | {r['filter']} | 0 | | | | | | | FAIL (status {r['status']}) |")
            continue
        regels.append(f"| `{r['pagina']}` | {r['filter']} | {r['n']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} | "
                      f"{r['cpu_ms_p50']} | {r['queries']} | {r['sql_ms_p50']} | {r['resultaat']} |")
    return "\n".join(regels) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--aantal", type=int, default=200_000, help="toegewezen voorzieningen (declaratieregels: 10×)")
    ap.add_argument("--personen", type=int, default=1_000_000)
    ap.add_argument("--huishoudens", type=int, default=400_000)
    ap.add_argument("--plannen", type=int, default=50_000)
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--herhaal", type=int, default=None, help="timed requests per page and filter (default 20; 1 with --smoke)")
    ap.add_argument("--budget", type=float, default=20.0,
                    help="seconds of timed requests per page and filter: stop earlier (after at least 5) when exceeded")
    ap.add_argument("--meetminuten", type=float, default=0,
                    help="overall limit for measuring (0: none); every page and filter still gets its 5 requests")
    ap.add_argument("--alleen-meten", action="store_true", help="the database is already generated: only measure")
    ap.add_argument("--paginas", default="", help="only pages whose path contains one of these (comma-separated)")
    ap.add_argument("--smoke", action="store_true")
    a = ap.parse_args(argv)
    herhaal = a.herhaal if a.herhaal is not None else (1 if a.smoke else 20)
    if connection.vendor != "postgresql":
        print("Deze benchmark draait op PostgreSQL (zet DATABASE_URL).", file=sys.stderr)
        return 1
    settings.ALLOWED_HOSTS = ["*"]
    RESULTATEN.mkdir(exist_ok=True)
    vandaag = date.today()
    start = time.monotonic()
    belasting_voor = os.getloadavg()
    duur: dict[str, float] = {}
    if not a.alleen_meten:
        log(f"genereren: {getal(a.personen)} personen, {getal(a.huishoudens)} huishoudens, {getal(a.aantal)} voorzieningen, "
            f"{getal(10 * a.aantal)} prestaties")
        duur = genereer(a)
        s, tekst = verversen()
        if s is None:
            log(tekst)
        else:
            duur[tekst] = s
            log(f"{tekst} in {s:.1f} s")
        aggregaat = tekst
    else:
        aggregaat = "niet opnieuw (--alleen-meten)"
    generatie_s = sum(duur.values())
    aantallen = tellingen()
    log("gegevens: " + ", ".join(f"{k} {getal(v)}" for k, v in aantallen.items())
        + (f"; gegenereerd in {generatie_s:.0f} s" if duur else ""))

    beleid = Medewerker.objects.select_related("gemeente__regio").get(username="bench.beleid")
    metingen, info = pagina_metingen(beleid, vandaag)
    if a.paginas:
        metingen = [m for m in metingen if any(d in m.pagina for d in a.paginas.split(","))]
    log(f"meten: {len(metingen)} pagina/filter-combinaties × (1 opwarm + {herhaal}); secties {', '.join(info['secties'])}; "
        f"lijsten: {', '.join(info['secties_met_lijst']) or 'geen'}")
    clients: dict[str, Client] = {}
    t_meten = time.monotonic()
    deadline = t_meten + 60 * a.meetminuten if a.meetminuten else None
    # Two passes, so that every page is measured even when time runs short: first a warm-up request and the minimum
    # (5) for every page and filter, then each one topped up to --herhaal within its --budget and the overall deadline.
    for m in metingen:
        if m.gebruiker not in clients:
            clients[m.gebruiker] = Client()
            clients[m.gebruiker].force_login(Medewerker.objects.get(username=m.gebruiker))
        m.verzoek(clients[m.gebruiker], tellen=False)  # warm-up (template compilation, caches, query plans)
        meet(clients[m.gebruiker], m, min(MINIMUM, herhaal))
        r = m.samenvatting()
        print(f"  {m.pagina:<42} {m.filter:<36} " + (f"n={r['n']} p50 {r['p50_ms']:7.1f} ms" if r["n"] else f"status {r['status']}"),
              flush=True)
    for m in metingen:
        meet(clients[m.gebruiker], m, herhaal, a.budget, deadline)
    print()
    for m in metingen:
        r = m.samenvatting()
        if r["n"]:
            print(f"  {m.pagina:<42} {m.filter:<36} n={r['n']:<3} p50 {r['p50_ms']:7.1f}  p95 {r['p95_ms']:7.1f}  "
                  f"max {r['max_ms']:7.1f} ms  CPU {r['cpu_ms_p50']!s:>5} ms  {r['queries']:>3} q  {r['resultaat']}", flush=True)
        else:
            print(f"  {m.pagina:<42} {m.filter:<36} status {r['status']}  FAIL", flush=True)
    meetduur = time.monotonic() - t_meten
    belasting_na = os.getloadavg()

    alle = metingen
    rijen = [m.samenvatting() for m in alle]
    paginas = per_pagina(alle)
    fouten = [r for r in rijen if r["status"] != [200]]
    gemist = [p for p in paginas if p["resultaat"] == "FAIL"]
    # The slowest pages: the worst filter of every page that misses the target (else the three slowest combinations).
    kandidaten = sorted((m for m in alle if m.ms), key=lambda m: -nearest_rank(sorted(m.ms), 0.95))
    traag, gezien = [], set()
    for m in kandidaten:
        if nearest_rank(sorted(m.ms), 0.95) >= DOEL_MS and m.pagina not in gezien:
            traag.append(m)
            gezien.add(m.pagina)
    traag = traag or kandidaten[:3]
    traagste = []
    for m in traag:
        item = {"pagina": m.pagina, "filter": m.filter, "p95_ms": round(nearest_rank(sorted(m.ms), 0.95), 1),
                "statements": m.traagste()}
        if not a.smoke:
            try:
                item["explain_traagste"] = m.explain()
            except Exception as e:  # noqa: BLE001 - a plan is a bonus; never fail the benchmark on it
                item["explain_traagste"] = [f"EXPLAIN mislukt: {e}"]
        traagste.append(item)

    print(f"\nload vooraf {belasting_voor[0]:.2f}, na {belasting_na[0]:.2f} ({os.cpu_count()} cores); meten {meetduur:.0f} s")
    print(f"{'pagina':<42} {'verz.':>5} {'p50':>7} {'p95':>7} {'max':>7} {'CPU':>5}  slechtste filter (p95)")
    for p in paginas:
        print(f"{p['pagina']:<42} {p['verzoeken']:>5} {p['p50_ms']!s:>7} {p['p95_ms']!s:>7} {p['max_ms']!s:>7} {p['cpu_ms_p50']!s:>5}  "
              f"{p['slechtste_filter']} ({p['slechtste_p95_ms']})  {p['resultaat']}")
    print("\nTraagste statements:")
    for t in traagste:
        print(f"\n[{t['pagina']} | {t['filter']}] p95 {t['p95_ms']} ms")
        for s in t["statements"][:3]:
            print(f"  {s['ms_per_verzoek']:8.1f} ms/verzoek ({s['per_verzoek']}×, max {s['max_ms']} ms)  {s['sql'][:220]}")
        for regel in t.get("explain_traagste", [])[:12]:
            print(f"      {regel}")

    resultaat = "FOUT" if fouten else ("FAIL" if gemist else "PASS")
    uit = RESULTATEN / f"monitor{'_smoke' if a.smoke else ''}.json"
    info.pop("secties_met_lijst", None)
    uit.write_text(json.dumps({
        "datum": vandaag.isoformat(), "code": git_code(), "doel_p95_ms": DOEL_MS, "resultaat": resultaat,
        "machine": {"cores": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "postgresql": connection.pg_version, "load_vooraf": [round(x, 2) for x in belasting_voor],
                    "load_na": [round(x, 2) for x in belasting_na]},
        "parameters": {"personen": a.personen, "huishoudens": a.huishoudens, "plannen": a.plannen, "aantal": a.aantal,
                       "prestaties": 10 * a.aantal, "seed": a.seed, "herhaal": herhaal, "budget_s": a.budget,
                       "meetminuten": a.meetminuten or None},
        "gegenereerd": {"seconden": {k: round(v, 1) for k, v in duur.items()}, "totaal_s": round(generatie_s, 1),
                        "aggregaat": aggregaat, "tellingen": aantallen},
        "selectie": info, "meetduur_s": round(meetduur, 1), "totaal_s": round(time.monotonic() - start, 1),
        "paginas": paginas, "metingen": rijen, "traagste": traagste,
    }, indent=1, ensure_ascii=False, default=str))
    (RESULTATEN / f"monitor{'_smoke' if a.smoke else ''}_tabel.md").write_text(markdown(paginas, rijen))
    print(f"\n{resultaat}: {len(paginas) - len(gemist)} van {len(paginas)} pagina's p95 < {DOEL_MS} ms"
          + (f"; gemist: {', '.join(p['pagina'] for p in gemist)}" if gemist else "")
          + (f"; {len(fouten)} pagina/filter(s) zonder status 200" if fouten else "")
          + (" — smoke: alleen de opzet, niet beoordeeld" if a.smoke else "") + f"  ({uit.relative_to(ROOT)})")
    if fouten:
        for r in fouten:
            print(f"  status {r['status']}: {r['url']}", file=sys.stderr)
        return 1
    return 3 if gemist and not a.smoke else 0


if __name__ == "__main__":
    sys.exit(main())
