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
from collections.abc import Callable
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
from django.db.models import QuerySet  # noqa: E402

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


# --- Generation shared with benchmarks/monitor.py -----------------------------------------------------------------------
# Catalogue, grants and approved/rejected prestaties for persons that already exist. The defaults reproduce this
# script's own data set (same random sequence); the monitor benchmark passes hooks for age-fitting products, skewed
# providers and months within the grant's period.


def maak_catalogus(producten: list[tuple] = PRODUCTEN, aanbieders: int = 75) -> tuple[list[Aanbieder], list[tuple[Product, int]]]:
    """Providers and products (wet, categorie, code, eenheid, frequentie, tarief in cent); returns the providers and
    (product, tarief) pairs in the order given."""
    a = Aanbieder.objects.bulk_create([Aanbieder(naam=f"Aanbieder {i}", agb_code=f"{98000000 + i:08d}") for i in range(aanbieders)])
    p = Product.objects.bulk_create([
        Product(wet=w, productcategorie=c, productcode=code, naam=f"Product {code}", eenheid=e, frequentie=f)
        for w, c, code, e, f, _ in producten])
    return a, list(zip(p, [t for *_, t in producten], strict=True))


def maak_voorzieningen(
    aantal: int, rng: random.Random, *, producten: list[tuple[Product, int]], aanbieders: list[Aanbieder], door: Medewerker,
    client: Callable[[int, str, random.Random], tuple[int, int, int | None]], begin_van: date, begin_dagen: int,
    kies_product: Callable[[random.Random], int] | None = None,
    kies_aanbieder: Callable[[int, random.Random], Aanbieder] | None = None,
) -> None:
    """`aantal` grants (bulk_create in blocks of 10,000): ~80 % ZIN, 10 % pvb, 10 % pgb (no provider); begin within
    `begin_dagen` days from `begin_van`, a quarter open-ended, the rest 30–730 days long; volume 1–7.
    `client(n, wet, rng)` gives (persoon_id, gemeente_id, huishouden_id) for the n-th grant of a product of that wet;
    toewijzingnummer n + 1 (unique in every gemeente)."""
    grants = []
    for n in range(aantal):
        k = kies_product(rng) if kies_product else rng.randrange(len(producten))
        product, tarief = producten[k]
        lv = rng.choices(["zin", "pvb", "pgb"], [8, 1, 1])[0]
        begin = begin_van + timedelta(days=rng.randrange(0, begin_dagen))
        eind = None if rng.random() < 0.25 else begin + timedelta(days=rng.randrange(30, 730))
        omvang = rng.randrange(1, 8)
        persoon_id, gemeente_id, huishouden_id = client(n, product.wet, rng)
        aanbieder = None if lv == "pgb" else (kies_aanbieder(n, rng) if kies_aanbieder else aanbieders[n % len(aanbieders)])
        grants.append(ToegewezenVoorziening(
            gemeente_id=gemeente_id, toewijzingnummer=n + 1, persoon_id=persoon_id, huishouden_id=huishouden_id, product=product,
            grondslag="beschikking", leveringsvorm=lv, aanbieder=aanbieder, tarief_cent=tarief, omvang=omvang,
            eenheid=product.eenheid, frequentie=product.frequentie, begindatum=begin, einddatum=eind, toegekend_door=door,
            toegekend_op=begin))
        if len(grants) == 10_000:
            ToegewezenVoorziening.objects.bulk_create(grants, batch_size=5000)
            grants = []
    ToegewezenVoorziening.objects.bulk_create(grants, batch_size=5000)


def maak_prestaties(
    aantal: int, rng: random.Random, *, voorzieningen: QuerySet[ToegewezenVoorziening], aanbieders: list[Aanbieder],
    jaar: int, maanden: int, kies_maand: Callable[[int, tuple, int, random.Random], int | None] | None = None,
    afgekeurd: float = 0.0,
) -> int:
    """`aantal` prestaties (COPY) on the ZIN/pvb grants of `voorzieningen`, round-robin, in one declaratie (with its
    Bericht) per gemeente, provider and wet that have such grants and month 1..`maanden` of `jaar`; every 50th line a credit. Default month:
    five rounds over the grants in month order, then at random; `kies_maand(n, grant, maanden, rng)` may choose
    another (None: skip this grant for line n). A fraction `afgekeurd` of the lines is rejected (not approved,
    nothing granted, retourcode 9321). The declaraties' totals are set from their lines. Returns the lines written."""
    rijen = list(voorzieningen.exclude(leveringsvorm="pgb").order_by("pk").values_list(
        "id", "aanbieder_id", "persoon_id", "toewijzingnummer", "product__wet", "product__productcategorie", "product__productcode",
        "eenheid", "tarief_cent", "gemeente_id", "begindatum", "einddatum"))
    if not rijen:
        return 0
    gemeenten = {r[9] for r in rijen}
    codes = dict(Gemeente.objects.filter(pk__in=gemeenten).values_list("pk", "gemeentecode"))
    xml = zlib.compress(b"<benchmark/>")
    per_id = {a.id: a for a in aanbieders}
    sleutels = [(g, per_id[a], wet, maand) for g, a, wet in sorted({(r[9], r[1], r[4]) for r in rijen})
                for maand in range(1, maanden + 1)]
    berichten = Bericht.objects.bulk_create([
        Bericht(richting="in", wet=wet, soort="323", berichtcode="414", gemeente_id=g, aanbieder=a, afzender=a.agb_code,
                ontvanger=codes[g], identificatie=f"{g}{a.id}{wet[0]}{maand}"[-12:], xml_z=xml, sha256="0" * 64, status="verwerkt")
        for g, a, wet, maand in sleutels], batch_size=2000)
    einde = [date(jaar, m + 1, 1) - timedelta(days=1) if m < 12 else date(jaar, 12, 31) for m in range(1, maanden + 1)]
    decl = Declaratie.objects.bulk_create([
        Declaratie(bericht=b, wet=wet, gemeente_id=g, aanbieder=a, declaratienummer=f"{wet[0]}{codes[g]}{maand:02d}",
                   periode_begin=date(jaar, maand, 1), periode_eind=einde[maand - 1],
                   dagtekening=einde[maand - 1] + timedelta(days=5), ingediend_cent=0)
        for (g, a, wet, maand), b in zip(sleutels, berichten, strict=True)], batch_size=2000)
    declaraties = {(g, a.id, wet, maand): d.id for (g, a, wet, maand), d in zip(sleutels, decl, strict=True)}
    kolommen = ["declaratie_id", "aanbieder_id", "wet", "voorziening_id", "persoon_id", "referentienummer", "vorig_referentienummer",
                "toewijzingnummer", "productcategorie", "productcode", "begindatum", "einddatum", "geleverd_volume", "eenheid",
                "ingediend_cent", "debet", "goedgekeurd", "toegekend_cent", "retourcodes", "gecrediteerd"]
    geschreven = 0
    i = 0  # the grant of the next line
    with connection.cursor() as c, c.cursor.copy(
        f"COPY {Prestatie._meta.db_table} ({', '.join(kolommen)}) FROM STDIN"
    ) as copy:
        for n in range(aantal):
            while True:
                rij = rijen[i % len(rijen)]
                i += 1
                if kies_maand is None:
                    maand = 1 + (n // len(rijen)) % maanden if n < len(rijen) * maanden else rng.randrange(1, maanden + 1)
                    break
                maand = kies_maand(n, rij, maanden, rng)
                if maand is not None:
                    break
            vid, aid, pid, nr, wet, cat, code, eenheid, tarief, gid = rij[:10]
            dag = date(jaar, maand, 1 + n % 28)
            credit = n % 50 == 49
            bedrag = tarief * rng.randrange(1, 4)
            goed = not (afgekeurd and rng.random() < afgekeurd)
            ingediend = -bedrag if credit else bedrag
            copy.write_row((declaraties[(gid, aid, wet, maand)], aid, wet, vid, pid, f"B{n}", f"B{n - 1}" if credit else "", nr, cat,
                            code, dag, dag, 1, eenheid, ingediend, not credit, goed, ingediend if goed else 0,
                            "" if goed else "9321", False))
            geschreven += 1
    with connection.cursor() as c:
        c.execute(f"""
            UPDATE {Declaratie._meta.db_table} d SET ingediend_cent = s.ingediend, toegekend_cent = s.toegekend,
                   aantal_prestaties = s.n, aantal_afgewezen = s.afgewezen
            FROM (SELECT declaratie_id, sum(ingediend_cent) AS ingediend, sum(toegekend_cent) AS toegekend, count(*) AS n,
                         count(*) FILTER (WHERE NOT goedgekeurd) AS afgewezen
                  FROM {Prestatie._meta.db_table} GROUP BY declaratie_id) s
            WHERE d.id = s.declaratie_id""")
    return geschreven


def genereer(aantal: int, rng: random.Random) -> Gemeente:
    regio = Regio.objects.create(naam="Benchmarkregio")
    g = Gemeente.objects.create(regio=regio, naam="Benchmarkgemeente", gemeentecode="9900", inwoners=100_000)
    gebieden = Gebied.objects.bulk_create([Gebied(gemeente=g, naam=f"Gebied {i}", inwoners=5000 + 1000 * i) for i in range(10)])
    m = Medewerker.objects.create(username="bench-financien", rol=Rol.FINANCIEN, gemeente=g)
    aanbieders, producten = maak_catalogus()
    n_personen = max(10, aantal // 2)
    personen = []
    for i in range(0, n_personen, 10_000):
        personen += Persoon.objects.bulk_create([
            Persoon(bsn=bsn(i + j), voornamen="Test", geslachtsnaam=f"Bench{i + j}", geboortedatum=date(1950, 1, 1),
                    gemeente=g, gebied=gebieden[(i + j) % 10]) for j in range(min(10_000, n_personen - i))], batch_size=5000)
    maak_voorzieningen(aantal, rng, producten=producten, aanbieders=aanbieders, door=m,
                       client=lambda n, wet, rng: (personen[n % n_personen].pk, g.pk, None),
                       begin_van=date(2025, 1, 1), begin_dagen=3 * 365)
    # one declaratie per provider, wet and month (January–May 2026)
    maak_prestaties(10 * aantal, rng, voorzieningen=ToegewezenVoorziening.objects.filter(gemeente=g), aanbieders=aanbieders,
                    jaar=JAAR, maanden=5)
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
