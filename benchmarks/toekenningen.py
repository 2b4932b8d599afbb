#!/usr/bin/env python
"""Granting throughput through the service layer on PostgreSQL, with every rule check on.

    DATABASE_URL=postgres://keukentafel:keukentafel@127.0.0.1:5432/keukentafel_bench_toekenningen \\
        .venv/bin/python benchmarks/toekenningen.py --aantal 20000

Target (issue 3): at least 200 grants per second for bulk transitions such as the overgangsrecht import.
Needs an empty database (`benchmarks/run.sh toekenningen` drops and creates one); runs `migrate`, then
creates a gemeente with a team and a backoffice user, 75 providers with valid quality evidence and a
regional contract each (20 % of them with a volume ceiling) with tariffs for 8 of 20 Wmo/Jeugdwet
products, and persons in households. Then it measures, each on its own:

1. `overgangsrecht.controleer_bestand` (the dry run) on a file of --aantal rows (~79 % ZIN, ~21 % pgb);
2. `overgangsrecht.importeer` of that file: reading and checking it, then every grant through `services.ken_toe`
   (which applies every rule) in one transaction (grants/s = rows / total time; the granting phase alone is shown too);
3. `services.ken_toe` called directly in a loop, one transaction per grant as a user's request would,
   without and with a shared policy cache (--los grants each, other persons).

Every number is wall-clock time on this machine; the result is also written to
benchmarks/results/toekenningen[_smoke].json. Exit code 3 when the import is below --doel grants/s
(not with --smoke, which only proves the harness works).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import math
import os
import platform
import pstats
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import gemeen  # noqa: E402
from gemeen import bsns, getal, log  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keukentafel.settings")
os.environ.setdefault("KT_DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from keukentafel.aanbod.models import Aanbieder, Contract, Kwaliteitsbewijs, Product, Tarief  # noqa: E402
from keukentafel.accounts.models import Gebied, Gemeente, Medewerker, Postcodegebied, Regio, Rol, Team  # noqa: E402
from keukentafel.besluiten import overgangsrecht, services  # noqa: E402
from keukentafel.besluiten.models import Grondslag, Herbeoordeling, ToegewezenVoorziening  # noqa: E402
from keukentafel.besluiten.regels import Pgbgegevens, Toekenningsverzoek  # noqa: E402
from keukentafel.inwoners.models import Huishouden, Huishoudlid, LidRol, Persoon  # noqa: E402
from keukentafel.jeugd.regels import verjaardag  # noqa: E402

BSN_START = 40_000_000  # generate.py uses 30,000,000+, the tests 10,000,000+
AANBIEDERS = 75
PRODUCTEN_PER_AANBIEDER = 8
AANDEEL_PGB = 0.21
RIJEN_PER_PERSOON = 1.25

PROEF = "proefimport (controleer_bestand)"
IMPORT = "import (importeer: controleren + ken_toe per rij)"
LOS = "ken_toe, een transactie per toekenning"
LOS_CACHE = "ken_toe, een transactie per toekenning, gedeelde cache"

# (wet, categorie, code, naam, eenheid, frequentie, tarief in cent, omvang min-max, pgb mogelijk, bron bij ZIN)
PRODUCTEN = [
    ("wmo", "01", "01A01", "Hulp bij het huishouden", "04", "2", 3150, (2, 4), True, "oude Wmo"),
    ("wmo", "01", "01A02", "Hulp bij het huishouden plus", "04", "2", 3600, (2, 5), True, "oude Wmo"),
    ("wmo", "02", "02A01", "Begeleiding individueel", "04", "2", 6200, (1, 6), True, "CIZ"),
    ("wmo", "02", "02A02", "Begeleiding individueel specialistisch", "04", "2", 7900, (1, 4), True, "CIZ"),
    ("wmo", "03", "03A01", "Persoonlijke verzorging", "04", "2", 5600, (1, 7), True, "CIZ"),
    ("wmo", "04", "04A01", "Kortdurend verblijf", "14", "2", 13500, (1, 3), True, "CIZ"),
    ("wmo", "07", "07A01", "Dagbesteding basis", "16", "2", 3900, (1, 6), True, "CIZ"),
    ("wmo", "07", "07A02", "Dagbesteding specialistisch", "16", "2", 5800, (1, 5), True, "CIZ"),
    ("wmo", "08", "08A01", "Vervoer naar dagbesteding", "82", "2", 1450, (2, 10), False, "CIZ"),
    ("wmo", "06", "06A01", "Ondersteuning thuis groep", "04", "4", 4100, (4, 16), True, "oude Wmo"),
    ("wmo", "10", "10A01", "Maatwerkarrangement Wmo", "83", "4", 100, (200, 900), False, "oude Wmo"),
    ("wmo", "15", "15A01", "Beschermd wonen ambulant", "04", "2", 7000, (2, 6), True, "CIZ"),
    ("jeugdwet", "45", "45A01", "Jeugdhulp ambulant", "04", "4", 8200, (4, 16), True, "BJZ"),
    ("jeugdwet", "45", "45A02", "Jeugdhulp ambulant specialistisch", "04", "4", 10500, (2, 10), True, "BJZ"),
    ("jeugdwet", "41", "41A01", "Dagbehandeling jeugd", "16", "2", 9800, (1, 5), True, "BJZ"),
    ("jeugdwet", "40", "40A01", "Persoonlijke verzorging jeugd", "04", "2", 5600, (1, 5), True, "BJZ"),
    ("jeugdwet", "54", "54A01", "Jeugd-ggz behandeling", "04", "4", 11000, (2, 8), True, "BJZ"),
    ("jeugdwet", "44", "44A01", "Verblijf zonder behandeling", "14", "2", 14500, (1, 7), False, "BJZ"),
    ("jeugdwet", "42", "42A01", "Vervoer jeugd", "82", "2", 1600, (2, 10), False, "BJZ"),
    ("jeugdwet", "50", "50A01", "Maatwerkarrangement jeugd", "83", "4", 100, (300, 1200), True, "BJZ"),
]








class Opzet:
    """The data the measurements need; everything deterministic for a seed."""

    def __init__(self, aantal_personen: int, seed: int):
        self.rng = random.Random(seed)
        self.vandaag = timezone.localdate()
        regio = Regio.objects.create(naam="Benchmarkregio Toekennen")
        self.gemeente = Gemeente.objects.create(regio=regio, naam="Toekenstad", gemeentecode="9950", inwoners=aantal_personen * 10)
        self.gebied = Gebied.objects.create(gemeente=self.gemeente, naam="Centrum")
        Postcodegebied.objects.create(pc4="7001", gebied=self.gebied, woonplaats="Toekenstad")
        team = Team.objects.create(gebied=self.gebied, naam="Gebiedsteam Toekenstad")
        self.door = Medewerker(username="bench.backoffice", rol=Rol.BACKOFFICE, gemeente=self.gemeente, last_name="Backoffice")
        self.door.set_unusable_password()
        self.door.save()
        self.generalist = Medewerker.objects.create(username="bench.generalist", rol=Rol.GENERALIST, team=team)
        self.catalogus(regio)
        self.personen = self.inwoners(aantal_personen)

    def catalogus(self, regio: Regio) -> None:
        t0 = time.monotonic()
        self.producten = [
            Product.objects.create(wet=w, productcategorie=c, productcode=code, naam=n, eenheid=e, frequentie=f, pgb_mogelijk=pgb)
            for w, c, code, n, e, f, _, _, pgb, _ in PRODUCTEN
        ]
        self.spec = {p.pk: s for p, s in zip(self.producten, PRODUCTEN, strict=True)}
        aanbieders = Aanbieder.objects.bulk_create(
            Aanbieder(naam=f"Zorgaanbieder {i:02d}", agb_code=f"{75000000 + i:08d}", kvk_nummer=f"{60000000 + i:08d}", plaats="Toekenstad")
            for i in range(1, AANBIEDERS + 1)
        )
        Kwaliteitsbewijs.objects.bulk_create(
            Kwaliteitsbewijs(aanbieder=a, soort=s, geldig_vanaf=date(2015, 1, 1))
            for a in aanbieders for s in ("vog_beleid", "meldcode", "klachtenregeling", "verzekering")
        )
        self.aanbieders_per_product: dict[int, list[Aanbieder]] = {p.pk: [] for p in self.producten}
        tarieven = []
        for i, a in enumerate(aanbieders):
            contract = Contract.objects.create(
                kenmerk=f"TK-2025-{i:03d}", naam=f"Raamovereenkomst sociaal domein {a.naam}", soort="raamovereenkomst", aanbieder=a,
                regio=regio, niveau="regionaal", begindatum=date(2025, 1, 1),
                volumeplafond=5_000_000 if i % 5 == 0 else None,  # a fifth of the contracts has a (generous) ceiling
            )
            for j in range(PRODUCTEN_PER_AANBIEDER):
                product = self.producten[(i * 3 + j) % len(self.producten)]
                basis = self.spec[product.pk][6]
                tarieven.append(Tarief(contract=contract, product=product, tarief_cent=round(basis * self.rng.uniform(0.95, 1.10)),
                                       geldig_vanaf=date(2025, 1, 1)))
                self.aanbieders_per_product[product.pk].append(a)
        Tarief.objects.bulk_create(tarieven)
        duur = time.monotonic() - t0
        log(f"catalogus: {len(self.producten)} producten, {AANBIEDERS} aanbieders, {len(tarieven)} tarieven ({duur:.1f} s)")

    def inwoners(self, aantal: int) -> list[Persoon]:
        """Persons in households of one or two (every 6th household is a child with a parent, for the jeugdwet rows)."""
        t0 = time.monotonic()
        bsn = bsns(BSN_START)
        personen, huishoudens, leden = [], [], []
        while len(personen) < aantal:
            kind = len(huishoudens) % 6 == 0
            h = Huishouden(naam=f"Huishouden {len(huishoudens)}", gemeente=self.gemeente, gebied=self.gebied, straat="Dorpsstraat",
                           huisnummer=len(huishoudens) + 1, postcode="7001AB", woonplaats="Toekenstad")
            huishoudens.append(h)
            leeftijden = [self.rng.randint(30, 55), self.rng.randint(4, 16)] if kind else [self.rng.randint(19, 95)]
            for rol, leeftijd in zip((LidRol.AANVRAGER, LidRol.KIND), leeftijden, strict=False):
                p = Persoon(bsn=next(bsn), voornamen="Anne", geslachtsnaam=f"Bench{len(personen)}", straat="Dorpsstraat",
                            geboortedatum=self.vandaag - timedelta(days=leeftijd * 365 + self.rng.randint(0, 364)),
                            huisnummer=h.huisnummer, postcode="7001AB", woonplaats="Toekenstad", gemeente=self.gemeente, gebied=self.gebied)
                personen.append(p)
                leden.append((h, p, rol))
        Huishouden.objects.bulk_create(huishoudens, batch_size=5000)
        Persoon.objects.bulk_create(personen, batch_size=5000)
        Huishoudlid.objects.bulk_create(
            (Huishoudlid(huishouden=h, persoon=p, rol=rol, begindatum=date(2020, 1, 1)) for h, p, rol in leden), batch_size=5000
        )
        log(f"inwoners: {len(personen)} personen in {len(huishoudens)} huishoudens ({time.monotonic() - t0:.1f} s)")
        return personen

    def is_kind(self, p: Persoon) -> bool:
        """Young enough for a jeugdwet grant of at least a month before the 18th birthday (jeugd.regels)."""
        return verjaardag(p, 18) > self.vandaag + timedelta(days=31)

    def einde(self, p: Persoon) -> date:
        """A random end date; jeugdhulp ends before the 18th birthday (no verlengde jeugdhulp in this file)."""
        eind = self.vandaag + timedelta(days=self.rng.randint(30, 730))
        return min(eind, verjaardag(p, 18) - timedelta(days=1)) if self.is_kind(p) else eind

    def product_voor(self, persoon: Persoon, volgnummer: int) -> Product:
        jeugd = self.is_kind(persoon)
        kandidaten = [p for p in self.producten if (p.wet == "jeugdwet") == jeugd]
        return kandidaten[(persoon.pk * 7 + volgnummer * 5) % len(kandidaten)]

    def bestand(self, personen: list[Persoon], aantal: int) -> tuple[bytes, dict]:
        """A semicolon CSV with BOM, as Excel writes it: several indications per person, different products."""
        kop = ["bsn", "wet", "productcategorie", "productcode", "omvang", "eenheid", "frequentie", "einddatum", "bron",
               "leveringsvorm", "aanbieder_agb", "pgb_tarief"]
        regels, telling = [";".join(kop)], {"zin": 0, "pgb": 0}
        for i in range(aantal):
            persoon = personen[i % len(personen)]
            product = self.product_voor(persoon, i // len(personen))
            wet, cat, code, _, eenheid, freq, _, (lo, hi), pgb_mogelijk, bron = self.spec[product.pk]
            pgb = pgb_mogelijk and self.rng.random() < AANDEEL_PGB / 0.8  # ~80 % of the rows can be pgb
            eind = self.einde(persoon)
            rij = [persoon.bsn, wet, cat, code, str(self.rng.randint(lo, hi)), eenheid, freq, f"{eind:%d-%m-%Y}"]
            if pgb:
                tarief = "" if i % 2 else f"{min(a.tarief_cent for a in self.tarieven(product)) * 0.9 / 100:.2f}".replace(".", ",")
                rij += ["pgb", "pgb", "", tarief]
            else:
                aanbieder = self.aanbieders_per_product[product.pk][i % len(self.aanbieders_per_product[product.pk])]
                rij += [bron, "zin", aanbieder.agb_code, ""]
            telling["pgb" if pgb else "zin"] += 1
            regels.append(";".join(rij))
        return ("\ufeff" + "\r\n".join(regels) + "\r\n").encode("utf-8"), telling

    def tarieven(self, product: Product) -> list[Tarief]:
        if not hasattr(self, "_tarieven"):
            self._tarieven: dict[int, list[Tarief]] = {}
            for t in Tarief.objects.all():
                self._tarieven.setdefault(t.product_id, []).append(t)
        return self._tarieven[product.pk]

    def verzoek(self, persoon: Persoon, i: int) -> Toekenningsverzoek:
        product = self.product_voor(persoon, 0)
        _, _, _, _, eenheid, freq, _, (lo, hi), pgb_mogelijk, _ = self.spec[product.pk]
        v = Toekenningsverzoek(
            persoon=persoon, product=product, leveringsvorm="zin", omvang=self.rng.randint(lo, hi), eenheid=eenheid, frequentie=freq,
            begindatum=self.vandaag, einddatum=self.einde(persoon),
        )
        if pgb_mogelijk and i % 5 == 0:
            v.leveringsvorm = "pgb"
            v.pgb = Pgbgegevens(persoonlijk_plan="Eigen zorgverlener.", motivering_geen_zin="Vaste hulp.", budgetvaardig=True,
                                pgb_tarief_cent=min(t.tarief_cent for t in self.tarieven(product)))
        else:
            v.aanbieder = self.aanbieders_per_product[product.pk][i % len(self.aanbieders_per_product[product.pk])]
        return v


def machine() -> dict:
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg = cur.fetchone()[0]
        cur.execute("SHOW shared_buffers")
        buffers = cur.fetchone()[0]
    geheugen = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cores": os.cpu_count(), "geheugen_gb": round(geheugen), "postgresql": pg, "shared_buffers": buffers,
        "python": platform.python_version(), "django": django.get_version(), "load_vooraf": os.getloadavg(),
        "database": connection.vendor,
    }


def pg_cpu() -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL backend (same machine only), from /proc."""
    return gemeen.pg_cpu(connection)


@dataclass
class Meting:
    aantal: int
    duur: float  # wall clock
    cpu_python: float
    cpu_pg: float | None

    @property
    def per_s(self) -> float:
        return self.aantal / self.duur

    @property
    def per_cpu_s(self) -> float | None:
        """Grants per second of CPU (Python + PostgreSQL): what an otherwise idle machine would reach, one after the other."""
        return None if self.cpu_pg is None else self.aantal / (self.cpu_python + self.cpu_pg)


METINGEN: dict[str, Meting] = {}


def meet(label: str, aantal: int, functie):
    pg0, py0, t0 = pg_cpu(), time.process_time(), time.perf_counter()
    uitkomst = functie()
    duur, py = time.perf_counter() - t0, time.process_time() - py0
    pg1 = pg_cpu()
    m = METINGEN[label] = Meting(aantal, duur, py, None if pg0 is None or pg1 is None else pg1 - pg0)
    cpu = f"; CPU Python {py:.1f} s + PostgreSQL {m.cpu_pg:.1f} s = {getal(m.per_cpu_s)}/s CPU" if m.cpu_pg is not None else ""
    log(f"{label}: {getal(aantal)} in {duur:.2f} s = {getal(m.per_s)}/s{cpu}")
    return uitkomst, duur


def ken_toe_los(opzet: Opzet, personen: list[Persoon], gedeelde_cache: bool) -> int:
    """ken_toe per person in its own transaction (autocommit), as the UI does; optionally with one shared cache."""
    cache: dict | None = {} if gedeelde_cache else None
    for i, p in enumerate(personen):
        services.ken_toe(opzet.door, opzet.verzoek(p, i), grondslag=Grondslag.OVERGANGSRECHT, indicatiebron="CIZ", cache=cache)
    return len(personen)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aantal", type=int, default=20_000, help="rijen in het overgangsrechtbestand (standaard 20.000)")
    parser.add_argument("--los", type=int, default=None, help="toekenningen per lusmeting met ken_toe (standaard min(aantal/4, 5.000))")
    parser.add_argument("--doel", type=float, default=200.0, help="grens in toekenningen per seconde (standaard 200)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--smoke", action="store_true", help="alleen bewijzen dat het werkt; geen oordeel over de snelheid")
    parser.add_argument("--profiel", action="store_true", help="cProfile van de import: de 30 duurste functies")
    parser.add_argument("--uitvoer", default=None, help="JSON met de uitkomst (standaard benchmarks/results/toekenningen[_smoke].json)")
    a = parser.parse_args(argv)
    if connection.vendor != "postgresql" and not a.smoke:
        print("Deze meting is voor PostgreSQL: zet DATABASE_URL (benchmarks/run.sh toekenningen doet dat).", file=sys.stderr)
        return 1
    if settings.DEBUG:
        print("KT_DEBUG staat aan: Django bewaart dan elke query in het geheugen. Zet KT_DEBUG=0.", file=sys.stderr)
        return 1
    los = a.los if a.los is not None else max(1, min(a.aantal // 4, 5_000))

    call_command("migrate", verbosity=0)
    if Gemeente.objects.filter(gemeentecode="9950").exists():
        print("De database bevat al een meting; gebruik een lege database (benchmarks/run.sh toekenningen maakt die).", file=sys.stderr)
        return 1
    feiten = machine()
    log(f"machine: {feiten['cores']} cores, {feiten['geheugen_gb']} GB; PostgreSQL {feiten['postgresql']} "
        f"(shared_buffers {feiten['shared_buffers']}); Python {feiten['python']}, Django {feiten['django']}; load {feiten['load_vooraf']}")

    personen_import = math.ceil(a.aantal / RIJEN_PER_PERSOON)
    opzet = Opzet(personen_import + 2 * los, a.seed)
    data, telling = opzet.bestand(opzet.personen[:personen_import], a.aantal)
    mb = len(data) / 2**20
    log(f"bestand: {a.aantal} rijen ({telling['zin']} zin, {telling['pgb']} pgb) voor {personen_import} personen, {mb:.1f} MB")
    with connection.cursor() as cur:
        cur.execute("ANALYZE")

    droog, _ = meet(
        PROEF, a.aantal, lambda: overgangsrecht.controleer_bestand(opzet.door, data, opzet.gemeente)
    )
    if not droog.ok:
        print(f"De proefimport vond fouten: {droog.bestandsfout or droog.fouten[:5]}", file=sys.stderr)
        return 1

    fasen: dict[str, float] = {}

    def voortgang(fase: str, gedaan: int, totaal: int) -> None:
        if gedaan == totaal:
            fasen[fase] = time.perf_counter()

    profiel = cProfile.Profile(time.process_time) if a.profiel else None  # CPU time: meaningful on a busy machine too
    start = time.perf_counter()
    if profiel:
        profiel.enable()
    rapport, t_import = meet(
        IMPORT, a.aantal,
        lambda: overgangsrecht.importeer(opzet.door, data, opzet.gemeente, voortgang=voortgang),
    )
    if profiel:
        profiel.disable()
        uit = io.StringIO()
        pstats.Stats(profiel, stream=uit).sort_stats("cumulative").print_stats("keukentafel|django/db/models/query.py", 45)
        print(uit.getvalue())
    if not rapport.ok or rapport.geimporteerd != a.aantal:
        print(f"De import is mislukt: {rapport.bestandsfout or rapport.fouten[:5]}", file=sys.stderr)
        return 1
    t_schrijven = time.perf_counter() - fasen.get("voorbereiden", start)
    log(f"  waarvan ken_toe × {a.aantal} en de herbeoordelingen: {t_schrijven:.2f} s = {getal(a.aantal / t_schrijven)}/s")

    rest = opzet.personen[personen_import:]
    meet(LOS, los, lambda: ken_toe_los(opzet, rest[:los], False))
    meet(LOS_CACHE, los, lambda: ken_toe_los(opzet, rest[los : 2 * los], True))

    assert ToegewezenVoorziening.objects.count() == a.aantal + 2 * los and Herbeoordeling.objects.count() == a.aantal
    feiten["load_na"] = os.getloadavg()
    uitkomst = {
        "datum": date.today().isoformat(), "machine": feiten, "aantal": a.aantal, "zin": telling["zin"], "pgb": telling["pgb"],
        "doel_per_s": a.doel, "import_schrijffase_s": round(t_schrijven, 2),
        "metingen": {label: {"aantal": m.aantal, "seconden": round(m.duur, 2), "per_s": round(m.per_s),
                             "cpu_python_s": round(m.cpu_python, 2), "cpu_postgresql_s": None if m.cpu_pg is None else round(m.cpu_pg, 2),
                             "per_cpu_s": None if m.per_cpu_s is None else round(m.per_cpu_s)}
                     for label, m in METINGEN.items()},
    }
    pad = Path(a.uitvoer or ROOT / "benchmarks" / "results" / f"toekenningen{'_smoke' if a.smoke else ''}.json")
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(json.dumps(uitkomst, indent=2) + "\n")
    print()
    print("| meting | toekenningen | seconden | per seconde | CPU Python s | CPU PostgreSQL s | per CPU-seconde |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, m in METINGEN.items():
        pg = "–" if m.cpu_pg is None else f"{m.cpu_pg:.1f}"
        per_cpu = "–" if m.per_cpu_s is None else getal(m.per_cpu_s)
        print(f"| {label} | {getal(m.aantal)} | {m.duur:.1f} | {getal(m.per_s)} | {m.cpu_python:.1f} | {pg} | {per_cpu} |")
    print()
    per_s = METINGEN[IMPORT].per_s
    if a.smoke:
        print(f"smoke: harnas werkt (import {getal(per_s)}/s; niet beoordeeld). Uitkomst in {pad}")
        return 0
    oordeel = "PASS" if per_s >= a.doel else "FAIL"
    print(f"{oordeel}: import {getal(per_s)} toekenningen/s, doel ≥ {a.doel:.0f}/s. Uitkomst in {pad}")
    return 0 if oordeel == "PASS" else 3


if __name__ == "__main__":
    sys.exit(main())
