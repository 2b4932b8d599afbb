#!/usr/bin/env python
"""Forecast benchmark on PostgreSQL: `prognose(...)` over 100,000 grants and 1,000,000 approved declaration lines.

    DATABASE_URL=postgres://keukentafel:keukentafel@127.0.0.1:5432/keukentafel_bench_prognose \\
        .venv/bin/python benchmarks/financien_prognose.py --aantal 100000

Target (issue 8 §7): the forecast in under 3 s, aggregated in the database. Needs an empty database
(`benchmarks/run.sh prognose` drops and creates one); runs `migrate`, then generates with bulk_create and COPY:
one gemeente with 10 gebieden, 75 providers, 12 Wmo/Jeugdwet products in 10 categories, persons, --aantal grants
(~80 % ZIN, 10 % pvb, 10 % pgb; per week, per maand, per dag and totaal; 2025–2027, a quarter open-ended),
10 × --aantal approved prestaties (one declaratie per provider, wet and month of 2026, January to May) with 2 %
credits, and a budget for 2026 whose lines cover every category except one. Then it times, each best of 3 runs:
`prognose(gemeente, 2026, 2026-06-15)`, the drill-down per aanbieder of the largest line and the first page of the
grant list. Exit code 3 when the forecast takes 3 s or more (not with --smoke).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
import zlib
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keukentafel.settings")
os.environ.setdefault("KT_DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from keukentafel.aanbod.models import Aanbieder, Product  # noqa: E402
from keukentafel.accounts.models import Gebied, Gemeente, Medewerker, Regio, Rol  # noqa: E402
from keukentafel.berichten.models import Bericht, Declaratie, Prestatie  # noqa: E402
from keukentafel.besluiten.models import ToegewezenVoorziening  # noqa: E402
from keukentafel.financien.models import Begroting, Begrotingsbedrag, Begrotingspost, Begrotingsversie  # noqa: E402
from keukentafel.inwoners.models import Persoon  # noqa: E402

DOEL_S = 3.0
JAAR = 2026
PEILDATUM = date(2026, 6, 15)
# (wet, categorie, code, eenheid, frequentie, tarief in cent)
PRODUCTEN = [
    ("wmo", "01", "01A01", "04", "2", 3150), ("wmo", "01", "01A02", "04", "2", 3600), ("wmo", "02", "02A01", "04", "2", 6200),
    ("wmo", "02", "02A02", "04", "4", 7900), ("wmo", "03", "03A01", "04", "2", 5600), ("wmo", "04", "04A01", "14", "1", 13500),
    ("wmo", "05", "05A01", "14", "1", 9800), ("wmo", "08", "08A01", "83", "6", 150000),
    ("jeugdwet", "45", "45A01", "04", "2", 8500),
    ("jeugdwet", "41", "41A01", "14", "1", 21000), ("jeugdwet", "43", "43A01", "04", "4", 9500),
    ("jeugdwet", "54", "54001", "04", "2", 11000),
]
POSTEN = [("wmo", "hbh", ["wmo:01"]), ("wmo", "begeleiding", ["wmo:02", "wmo:03"]), ("wmo", "verblijf", ["wmo:04", "wmo:05"]),
          ("jeugd", "jeugdhulp", ["jeugdwet:45", "jeugdwet:41", "jeugdwet:43"]),
          ("wmo", "gebiedsteams", [])]  # wmo:08 and jeugdwet:54 are on no line: "niet toegerekend"


def bsn(n: int) -> str:
    """A valid BSN (eleven test) from 50,000,000 upwards (other benchmarks use lower ranges)."""
    p = 50_000_000 + n * 2
    while True:
        cijfers = f"{p:08d}"
        s = sum(int(c) * w for c, w in zip(cijfers, range(9, 1, -1), strict=True)) % 11
        if s != 10:
            return cijfers + str(s)
        p += 1


def genereer(aantal: int, rng: random.Random) -> Gemeente:
    regio = Regio.objects.create(naam="Benchmarkregio")
    g = Gemeente.objects.create(regio=regio, naam="Benchmarkgemeente", gemeentecode="9900", inwoners=100_000)
    gebieden = Gebied.objects.bulk_create([Gebied(gemeente=g, naam=f"Gebied {i}", inwoners=5000 + 1000 * i) for i in range(10)])
    m = Medewerker.objects.create(username="bench-financien", rol=Rol.FINANCIEN, gemeente=g)
    aanbieders = Aanbieder.objects.bulk_create([Aanbieder(naam=f"Aanbieder {i}", agb_code=f"{98000000 + i:08d}") for i in range(75)])
    producten = Product.objects.bulk_create([
        Product(wet=w, productcategorie=c, productcode=code, naam=f"Product {code}", eenheid=e, frequentie=f)
        for w, c, code, e, f, _ in PRODUCTEN])
    tarieven = [t for *_, t in PRODUCTEN]
    n_personen = max(10, aantal // 2)
    personen = []
    for i in range(0, n_personen, 10_000):
        personen += Persoon.objects.bulk_create([
            Persoon(bsn=bsn(i + j), voornamen="Test", geslachtsnaam=f"Bench{i + j}", geboortedatum=date(1950, 1, 1),
                    gemeente=g, gebied=gebieden[(i + j) % 10]) for j in range(min(10_000, n_personen - i))], batch_size=5000)
    grants = []
    for n in range(aantal):
        k = rng.randrange(len(producten))
        lv = rng.choices(["zin", "pvb", "pgb"], [8, 1, 1])[0]
        begin = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 3 * 365))
        eind = None if rng.random() < 0.25 else begin + timedelta(days=rng.randrange(30, 730))
        grants.append(ToegewezenVoorziening(
            gemeente=g, toewijzingnummer=n + 1, persoon=personen[n % n_personen], product=producten[k], grondslag="beschikking",
            leveringsvorm=lv, aanbieder=None if lv == "pgb" else aanbieders[n % 75], tarief_cent=tarieven[k],
            omvang=rng.randrange(1, 8), eenheid=PRODUCTEN[k][3], frequentie=PRODUCTEN[k][4], begindatum=begin, einddatum=eind,
            toegekend_door=m, toegekend_op=begin))
        if len(grants) == 10_000:
            ToegewezenVoorziening.objects.bulk_create(grants, batch_size=5000)
            grants = []
    ToegewezenVoorziening.objects.bulk_create(grants, batch_size=5000)
    zin = list(ToegewezenVoorziening.objects.filter(gemeente=g).exclude(leveringsvorm="pgb")
               .values_list("id", "aanbieder_id", "persoon_id", "toewijzingnummer", "product__wet", "product__productcategorie",
                            "product__productcode", "eenheid", "tarief_cent"))
    # one declaratie per provider, wet and month (January–May 2026)
    declaraties: dict[tuple, int] = {}
    xml = zlib.compress(b"<benchmark/>")
    for a in aanbieders:
        for wet in ("wmo", "jeugdwet"):
            for maand in range(1, 6):
                b = Bericht.objects.create(richting="in", wet=wet, soort="323", berichtcode="414", gemeente=g, aanbieder=a,
                                           afzender=a.agb_code, ontvanger=g.gemeentecode, identificatie=f"{a.id}{wet[0]}{maand}",
                                           xml_z=xml, sha256="0" * 64, status="verwerkt")
                d = Declaratie.objects.create(bericht=b, wet=wet, gemeente=g, aanbieder=a, declaratienummer=f"{wet[0]}{maand}",
                                              periode_begin=date(JAAR, maand, 1), periode_eind=date(JAAR, maand, 28),
                                              dagtekening=date(JAAR, maand + 1, 5), ingediend_cent=0)
                declaraties[(a.id, wet, maand)] = d.id
    kolommen = ["declaratie_id", "aanbieder_id", "wet", "voorziening_id", "persoon_id", "referentienummer", "vorig_referentienummer",
                "toewijzingnummer", "productcategorie", "productcode", "begindatum", "einddatum", "geleverd_volume", "eenheid",
                "ingediend_cent", "debet", "goedgekeurd", "toegekend_cent", "retourcodes", "gecrediteerd"]
    with connection.cursor() as c, c.cursor.copy(
        f"COPY {Prestatie._meta.db_table} ({', '.join(kolommen)}) FROM STDIN"
    ) as copy:
        for n in range(10 * aantal):
            vid, aid, pid, nr, wet, cat, code, eenheid, tarief = zin[n % len(zin)]
            maand = 1 + (n // len(zin)) % 5 if n < len(zin) * 5 else rng.randrange(1, 6)
            dag = date(JAAR, maand, 1 + n % 28)
            credit = n % 50 == 49
            bedrag = tarief * rng.randrange(1, 4)
            copy.write_row((declaraties[(aid, wet, maand)], aid, wet, vid, pid, f"B{n}", f"B{n - 1}" if credit else "", nr, cat,
                            code, dag, dag, 1, eenheid, -bedrag if credit else bedrag, not credit, True,
                            -bedrag if credit else bedrag, "", False))
    begroting = Begroting.objects.create(gemeente=g, jaar=JAAR, naam="Benchmarkbegroting", bron="benchmark")
    versie = Begrotingsversie.objects.create(begroting=begroting, volgnummer=0, soort="primitief", omschrijving="Primitief",
                                             vastgesteld_op=date(JAAR - 1, 11, 1))
    for i, (domein, code, dekking) in enumerate(POSTEN):
        p = Begrotingspost.objects.create(begroting=begroting, domein=domein, onderdeel=code, code=code, naam=code, soort="lasten",
                                          dekking=dekking, volgorde=i)
        Begrotingsbedrag.objects.create(versie=versie, post=p, bedrag_cent=aantal * 100_000 // 4)
    return g


def meet(f, herhaal: int = 3) -> float:  # noqa: ANN001
    tijden = []
    for _ in range(herhaal):
        t = time.perf_counter()
        f()
        tijden.append(time.perf_counter() - t)
    return min(tijden)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--aantal", type=int, default=100_000, help="toegewezen voorzieningen (prestaties: 10×)")
    ap.add_argument("--smoke", action="store_true")
    args = ap.parse_args()
    if connection.vendor != "postgresql":
        print("Deze benchmark draait op PostgreSQL (zet DATABASE_URL).", file=sys.stderr)
        return 1
    call_command("migrate", verbosity=0)
    belasting = os.getloadavg()
    t0 = time.perf_counter()
    with transaction.atomic():
        g = genereer(args.aantal, random.Random(8))
    with connection.cursor() as c:
        c.execute("ANALYZE")
    genereren = time.perf_counter() - t0
    n_v = ToegewezenVoorziening.objects.filter(gemeente=g).count()
    n_p = Prestatie.objects.filter(declaratie__gemeente=g).count()
    print(f"gegenereerd: {n_v:,} voorzieningen, {n_p:,} goedgekeurde prestaties in {genereren:.1f} s")

    from django.test import Client

    from keukentafel.financien.prognose import prognose, uitsplitsing

    p = prognose(g, JAAR, PEILDATUM)
    grootste = max((r for r in p.posten if r.gedekt), key=lambda r: r.prognose)
    client = Client(HTTP_HOST="localhost")
    client.force_login(Medewerker.objects.get(username="bench-financien"))
    def scherm(url: str, **params) -> None:  # noqa: ANN003
        r = client.get(url, params)
        if r.status_code != 200:
            raise RuntimeError(f"{url}: status {r.status_code}")

    tijden = {
        "prognose (per post en gebied)": meet(lambda: prognose(g, JAAR, PEILDATUM)),
        "uitsplitsing per aanbieder (grootste post)": meet(lambda: uitsplitsing(g, JAAR, grootste.post, "aanbieder", PEILDATUM)),
        "scherm /financien/ (HTML)": meet(lambda: scherm("/financien/", jaar=JAAR, peildatum=PEILDATUM.isoformat())),
        "scherm voorzieningen, eerste pagina": meet(
            lambda: scherm(f"/financien/overzicht/post/{grootste.post.pk}/voorzieningen/")),
    }
    print(f"machine: {os.cpu_count()} cores, {platform.platform()}, load vooraf {belasting[0]:.2f} {belasting[1]:.2f}")
    for naam, s in tijden.items():
        print(f"  {naam:<45} {s:6.2f} s")
    print(f"  totaal prognose {p.totaal.prognose / 100:,.2f} euro; gerealiseerd {p.totaal.gerealiseerd / 100:,.2f}; "
          f"verplicht {p.totaal.verplicht / 100:,.2f}")
    ok = tijden["prognose (per post en gebied)"] < DOEL_S
    uit = ROOT / "benchmarks" / "results" / f"financien_prognose{'_smoke' if args.smoke else ''}.json"
    uit.parent.mkdir(exist_ok=True)
    uit.write_text(json.dumps({"datum": date.today().isoformat(), "voorzieningen": n_v, "prestaties": n_p,
                               "tijden_s": tijden, "load_vooraf": belasting, "doel_s": DOEL_S}, indent=2))
    print(("PASS" if ok else "FAIL") + f": prognose {tijden['prognose (per post en gebied)']:.2f} s (doel < {DOEL_S:.0f} s)"
          + (" — smoke: alleen de opzet" if args.smoke else ""))
    return 0 if ok or args.smoke else 3


if __name__ == "__main__":
    sys.exit(main())
