#!/usr/bin/env python
"""Eigen bijdrage for a whole gemeente in one period run, on PostgreSQL.

    DATABASE_URL=postgres://keukentafel:keukentafel@127.0.0.1:5432/keukentafel_bench_bijdrage \\
        .venv/bin/python benchmarks/financien_bijdrage.py --aantal 50000

Target (issue 8 §7): `eigen_bijdrage.bereken_periode` for 50,000 households in under 10 s. Needs an empty database
(`benchmarks/run.sh bijdrage` drops and creates one); runs `migrate`, loads the national rules, then generates
--aantal households (70 % single, 30 % with a partner; ages 19–95) with 1–3 Wmo maatwerk grants each (ZIN/pvb/pgb;
8 % of the households also a Jeugdwet grant, 3 % beschermd wonen which is exempt; a fifth of the partners holds a
grant of their own: anti-cumulation) and an income record for 90 % (the rest derives type and AOW from the members).

It times, each on its own: the period run under the 2025 abonnementstarief (a month), the same run again (upsert:
every row replaced), and a run under the income-dependent 2027 rule (minimum/maximum). PASS when every run stays
under --doel seconds. Result also in benchmarks/results/bijdrage[_smoke].json; exit code 3 on FAIL (not --smoke).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from gemeen import bsns, log  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keukentafel.settings")
os.environ.setdefault("KT_DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from keukentafel.aanbod.models import Aanbieder, Product  # noqa: E402
from keukentafel.accounts.models import Gebied, Gemeente, Medewerker, Regio, Rol  # noqa: E402
from keukentafel.besluiten.models import ToegewezenVoorziening  # noqa: E402
from keukentafel.financien.bijdrageregels import laad_standaardregels  # noqa: E402
from keukentafel.financien.eigen_bijdrage import bereken_periode  # noqa: E402
from keukentafel.financien.models import Bijdrageberekening, Huishoudinkomen  # noqa: E402
from keukentafel.inwoners.models import Huishouden, Huishoudlid, LidRol, Persoon  # noqa: E402

BSN_START = 50_000_000  # toekenningen.py 40,000,000+, generate.py 30,000,000+, tests 10,000,000+
# (wet, categorie, code, naam, eenheid, frequentie, tarief in cent, omvang min-max)
PRODUCTEN = [
    ("wmo", "01", "01B01", "Hulp bij het huishouden", "04", "2", 3150, (2, 4)),
    ("wmo", "02", "02B01", "Begeleiding individueel", "04", "2", 6200, (1, 6)),
    ("wmo", "03", "03B01", "Persoonlijke verzorging", "04", "2", 5600, (1, 7)),
    ("wmo", "07", "07B01", "Dagbesteding", "16", "2", 4500, (1, 5)),
    ("wmo", "11", "11B01", "Rolstoel (huur)", "83", "4", 100, (40, 120)),
    ("wmo", "15", "15B01", "Beschermd wonen", "14", "2", 11000, (7, 7)),
    ("jeugdwet", "45", "45B01", "Jeugdhulp ambulant", "04", "2", 8000, (1, 4)),
]
PERIODE_ABONNEMENT = date(2025, 3, 1)
PERIODE_INKOMEN = date(2027, 1, 1)






def genereer(aantal: int, rng: random.Random) -> Gemeente:
    t0 = time.monotonic()
    regio = Regio.objects.create(naam="Benchmarkregio Bijdrage")
    gemeente = Gemeente.objects.create(regio=regio, naam="Bijdragestad", gemeentecode="9960", inwoners=aantal * 8)
    gebied = Gebied.objects.create(gemeente=gemeente, naam="Centrum")
    door = Medewerker(username="bench.financien", rol=Rol.FINANCIEN, gemeente=gemeente, last_name="Financiën")
    door.set_unusable_password()
    door.save()
    laad_standaardregels(gemeente)
    producten = [
        Product.objects.create(wet=w, productcategorie=c, productcode=code, naam=n, eenheid=e, frequentie=f)
        for w, c, code, n, e, f, _, _ in PRODUCTEN
    ]
    spec = dict(zip((p.pk for p in producten), PRODUCTEN, strict=True))
    wmo = [p for p in producten if p.wet == "wmo" and p.productcategorie != "15"]
    bw = next(p for p in producten if p.productcategorie == "15")
    jeugd = next(p for p in producten if p.wet == "jeugdwet")
    aanbieders = Aanbieder.objects.bulk_create(
        Aanbieder(naam=f"Aanbieder {i:02d}", agb_code=f"{76000000 + i:08d}", kvk_nummer=f"{61000000 + i:08d}", plaats="Bijdragestad")
        for i in range(20)
    )
    bsn = bsns(BSN_START)
    huishoudens, personen, leden = [], [], []
    for i in range(aantal):
        h = Huishouden(
            naam=f"Huishouden {i}",
            gemeente=gemeente,
            gebied=gebied,
            straat="Dorpsstraat",
            huisnummer=i + 1,
            postcode="7001AB",
            woonplaats="Bijdragestad",
        )
        huishoudens.append(h)
        leeftijd = rng.randint(19, 95)
        rollen = [(LidRol.AANVRAGER, leeftijd)]
        if rng.random() < 0.3:
            rollen.append((LidRol.PARTNER, max(19, leeftijd + rng.randint(-6, 6))))
        for rol, lt in rollen:
            p = Persoon(
                bsn=next(bsn),
                voornamen="Anne",
                geslachtsnaam=f"Bijdrage{len(personen)}",
                straat="Dorpsstraat",
                geboortedatum=date(2025 - lt, rng.randint(1, 12), rng.randint(1, 28)),
                huisnummer=i + 1,
                postcode="7001AB",
                woonplaats="Bijdragestad",
                gemeente=gemeente,
                gebied=gebied,
            )
            personen.append(p)
            leden.append((h, p, rol))
    Huishouden.objects.bulk_create(huishoudens, batch_size=5000)
    Persoon.objects.bulk_create(personen, batch_size=5000)
    Huishoudlid.objects.bulk_create(
        (Huishoudlid(huishouden=h, persoon=p, rol=rol, begindatum=date(2015, 1, 1)) for h, p, rol in leden), batch_size=5000
    )
    per_hh: dict[int, list[Persoon]] = {}
    for h, p, _ in leden:
        per_hh.setdefault(h.pk, []).append(p)
    grants, inkomens, nummer = [], [], 0

    def grant(h: Huishouden, p: Persoon, product: Product) -> None:
        nonlocal nummer
        nummer += 1
        _, _, _, _, eenheid, freq, tarief, (lo, hi) = spec[product.pk]
        vorm = rng.choices(["zin", "pvb", "pgb"], [75, 5, 20])[0]
        grants.append(
            ToegewezenVoorziening(
                gemeente=gemeente,
                toewijzingnummer=nummer,
                persoon=p,
                huishouden=h if rng.random() < 0.9 else None,
                product=product,
                grondslag="beschikking",
                leveringsvorm=vorm,
                aanbieder=None if vorm == "pgb" else rng.choice(aanbieders),
                tarief_cent=tarief,
                omvang=rng.randint(lo, hi),
                eenheid=eenheid,
                frequentie=freq,
                begindatum=date(rng.randint(2016, 2024), rng.randint(1, 12), 1),
                einddatum=None if rng.random() < 0.8 else date(2027, rng.randint(1, 12), 28),
                toegekend_door=door,
                toegekend_op=date(2016, 1, 1),
            )
        )

    for h in huishoudens:
        leden_h = per_hh[h.pk]
        for _ in range(rng.choices([1, 2, 3], [60, 30, 10])[0]):
            grant(h, leden_h[0], rng.choice(wmo))
        if len(leden_h) > 1 and rng.random() < 0.2:
            grant(h, leden_h[1], rng.choice(wmo))
        if rng.random() < 0.08:
            grant(h, leden_h[0], jeugd)
        if rng.random() < 0.03:
            grant(h, leden_h[0], bw)
        if rng.random() < 0.9:
            soort = "meerpersoons" if len(leden_h) > 1 else "eenpersoons"
            for jaar in (PERIODE_ABONNEMENT.year, PERIODE_INKOMEN.year):
                inkomens.append(
                    Huishoudinkomen(
                        huishouden=h,
                        jaar=jaar,
                        huishoudtype=soort,
                        aow_leeftijd=all(2025 - p.geboortedatum.year >= 67 for p in leden_h),
                        toetsingsinkomen_cent=int(rng.lognormvariate(10.2, 0.45)) * 100,
                    )
                )
    ToegewezenVoorziening.objects.bulk_create(grants, batch_size=5000)
    Huishoudinkomen.objects.bulk_create(inkomens, batch_size=5000)
    with connection.cursor() as cur:
        cur.execute("ANALYZE") if connection.vendor == "postgresql" else None
    log(
        f"gegenereerd: {aantal} huishoudens, {len(personen)} personen, {len(grants)} toewijzingen, "
        f"{len(inkomens)} inkomens ({time.monotonic() - t0:.1f} s)"
    )
    return gemeente


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aantal", type=int, default=50_000)
    parser.add_argument("--doel", type=float, default=10.0, help="seconden per periode-run (issue 8: < 10 s)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args(argv)
    log(f"database: {connection.vendor} {connection.settings_dict['NAME']}; {os.cpu_count()} cores; load {os.getloadavg()}")
    call_command("migrate", verbosity=0)
    if Gemeente.objects.filter(gemeentecode="9960").exists():
        print("De database bevat al een benchmarkgemeente; gebruik een lege database (benchmarks/run.sh bijdrage).", file=sys.stderr)
        return 1
    gemeente = genereer(args.aantal, random.Random(args.seed))
    metingen = {}
    for label, dag in (
        ("abonnement 2025 (maand), eerste run", PERIODE_ABONNEMENT),
        ("abonnement 2025 (maand), herberekening (upsert)", PERIODE_ABONNEMENT),
        ("inkomensafhankelijk 2027 (min/max), eerste run", PERIODE_INKOMEN),
    ):
        t0 = time.perf_counter()
        o = bereken_periode(gemeente, dag)
        duur = time.perf_counter() - t0
        metingen[label] = {
            "seconden": round(duur, 2),
            "huishoudens": o.aantal_huishoudens,
            "met_bijdrage": o.aantal_met_bijdrage,
            "totaal_cent": o.totaal_bedrag_cent,
            "kostprijs_cent": o.totaal_kostprijs_cent,
            "per_s": round(o.aantal_huishoudens / duur),
        }
        log(
            f"{label}: {o.aantal_huishoudens} huishoudens ({o.aantal_met_bijdrage} met bijdrage, "
            f"totaal € {o.totaal_bedrag_cent / 100:,.2f}) in {duur:.2f} s = {o.aantal_huishoudens / duur:,.0f}/s"
        )
    assert (
        Bijdrageberekening.objects.filter(periode_begin=PERIODE_ABONNEMENT).count()
        == metingen["abonnement 2025 (maand), eerste run"]["huishoudens"]
    )
    langste = max(m["seconden"] for m in metingen.values())
    geslaagd = langste < args.doel
    resultaat = {
        "aantal": args.aantal,
        "doel_s": args.doel,
        "metingen": metingen,
        "geslaagd": geslaagd,
        "database": connection.vendor,
        "cores": os.cpu_count(),
    }
    uit = ROOT / "benchmarks" / "results" / f"bijdrage{'_smoke' if args.smoke else ''}.json"
    uit.parent.mkdir(parents=True, exist_ok=True)
    uit.write_text(json.dumps(resultaat, indent=2, ensure_ascii=False))
    print(
        f"{'PASS' if geslaagd else 'FAIL'}: langste periode-run {langste:.2f} s voor {args.aantal} huishoudens (doel < {args.doel:.0f} s)"
    )
    return 0 if geslaagd or args.smoke else 3


if __name__ == "__main__":
    sys.exit(main())
