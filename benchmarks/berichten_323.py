#!/usr/bin/env python
"""Declaration throughput: a generated 323 with --aantal prestaties, raw lxml versus the full ingest.

    KT_BERICHT_MAX_BYTES=268435456 KEUKENTAFEL_ISTANDAARDEN_DIR=/work/shared/istandaarden \\
        .venv/bin/python benchmarks/berichten_323.py --aantal 100000 \\
        --pg-url postgres://keukentafel:keukentafel@127.0.0.1:5432/keukentafel_bench_323 --sqlite-pad /tmp/bench_323.sqlite3

`benchmarks/run.sh declaratie [--aantal N]` does this with a fresh PostgreSQL database. Target (issue 7): the full
ingest (`verwerking.ontvang`: safe parse, XSD, rules, persistence, the 325 built, XSD-validated and stored) at least
10,000 prestaties/s on PostgreSQL and within 5× the time of a raw lxml parse + XSD validation of the same file.

Steps, in one run:

1. Generate (deterministic for --seed) the plan: one provider of a gemeente with --aantal grants for ~--aantal/2
   clients (two Wmo products each, weekly/monthly/total frequencies, hours, dagdelen, stuks), contract tariffs for
   2025 and 2026, and a 323 for October 2026 with one prestatie per grant; ~0.5 % of the lines are a credit of a
   September prestatie plus its corrected debet, ~2 % carry a typical mistake (tariff 0611, volume 9321, unknown
   toewijzing 9338, reused reference 8021, other client's BSN 8187).
2. Raw: `lxml.etree.fromstring` + `XMLSchema.validate` of that file (best of 3; the schema is compiled beforehand).
3. Per database (a child process each: SQLite file, then PostgreSQL): migrate, bulk-load the gemeente, provider,
   persons, grants (directly, not through `ken_toe`: this measures the declaration, not granting) and the September
   declaration with its approved prestaties (the history the rules read), then time one `ontvang` of the file, with
   the phases inside it. The outcome is checked (prestaties stored, refused count equals the mistakes planted), so a
   fast but wrong ingest cannot pass.

The file is larger than OP179's 25 MB limit: the child processes run with KT_BERICHT_MAX_BYTES raised (256 MB).
Exit code 3 when a target is missed (not with --smoke).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from gemeen import bsns, log  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keukentafel.settings")
os.environ.setdefault("KT_DEBUG", "0")
os.environ.setdefault("KT_BERICHT_MAX_BYTES", str(256 * 2**20))

import django  # noqa: E402

django.setup()

from lxml import etree  # noqa: E402

BSN_START = 50_000_000  # generate.py 30,000,000+, toekenningen.py 40,000,000+, tests 10,000,000+
GEMEENTECODE = "9960"
AGB = "76000001"
PERIODE = (date(2026, 10, 1), date(2026, 10, 31))
VORIGE = (date(2026, 9, 1), date(2026, 9, 30))
DAGTEKENING = date(2026, 11, 5)
DOEL_PER_SECONDE = 10_000
DOEL_RATIO = 5.0

# (categorie, code, naam, eenheid, frequentie, tarief 2026 in cent, omvang min-max). Two pools: a client gets one of each.
POOL_A = [
    ("01", "01A01", "Hulp bij het huishouden", "04", "2", 3150, (2, 4)),
    ("03", "03A01", "Persoonlijke verzorging", "04", "2", 5600, (1, 7)),
    ("02", "02A03", "Begeleiding groep (totaal)", "04", "6", 4100, (120, 300)),
]
POOL_B = [
    ("02", "02A01", "Begeleiding individueel", "04", "2", 6200, (1, 6)),
    ("07", "07A01", "Dagbesteding", "16", "2", 3900, (1, 6)),
    ("06", "06A01", "Ondersteuning thuis", "04", "4", 4100, (4, 16)),
    ("08", "08A01", "Vervoer dagbesteding", "82", "2", 1450, (2, 10)),
]
PRODUCTEN = POOL_A + POOL_B






# ---------------------------------------------------------------------------------------------------
# The plan (no database): grants, the September history and the October 323
# ---------------------------------------------------------------------------------------------------


@dataclass
class Toewijzing:
    nummer: int
    client: int
    product: int  # index in PRODUCTEN
    omvang: int
    begin: date
    eind: date | None
    volume_sep: int = 0


def _zondagen(b: date, e: date) -> int:
    eerste = b + timedelta(days=(6 - b.weekday()) % 7)
    return 0 if eerste > e else (e - eerste).days // 7 + 1


def _geleverd(t: Toewijzing, b: date, e: date, rng: random.Random) -> int:
    """A little under what the grant allows in [b, e]; output per week (stuks) counts Sundays (IV077)."""
    _, _, _, eenheid, freq, _, _ = PRODUCTEN[t.product]
    dagen = (e - b).days + 1
    if freq == "2" and eenheid == "82":
        maximum = t.omvang * _zondagen(b, e)
    elif freq == "2":
        maximum = t.omvang * dagen / 7
    elif freq == "4":
        maximum = t.omvang
    else:
        maximum = t.omvang / 14
    return max(1, int(maximum * rng.uniform(0.75, 1.0)))


@dataclass
class Plan:
    toewijzingen: list[Toewijzing]
    clienten: int
    fouten: int
    credits: int


def maak_plan(aantal: int, seed: int) -> Plan:
    rng = random.Random(seed)
    credits = aantal // 200
    n_toew = aantal - 2 * credits
    clienten = math.ceil(n_toew / 2)
    toewijzingen = []
    for i in range(n_toew):
        c = i // 2
        pool = POOL_A if i % 2 == 0 else POOL_B
        spec = (c * 7) % len(pool)
        product = PRODUCTEN.index(pool[spec])
        lo, hi = pool[spec][6]
        begin = date(2025, 1, 1) + timedelta(days=31 * rng.randrange(0, 19))
        begin = begin.replace(day=15 if rng.random() < 0.1 else 1)
        r = rng.random()
        eind = date(2027, 12, 31) if r < 0.6 else (None if r < 0.9 else date(2026, 10, 20))
        t = Toewijzing(nummer=100_000 + i, client=c, product=product, omvang=rng.randint(lo, hi), begin=begin, eind=eind)
        t.volume_sep = _geleverd(t, *VORIGE, rng)
        toewijzingen.append(t)
    return Plan(toewijzingen, clienten, 0, credits)


def bsn_lijst(n: int) -> list[str]:
    g = bsns(BSN_START)
    return [next(g) for _ in range(n)]


def tarief(product: int, d: date) -> int:
    basis = PRODUCTEN[product][5]
    return basis if d >= date(2026, 1, 1) else round(basis * 0.97)


def maak_323(plan: Plan, aantal: int, seed: int) -> tuple[bytes, int]:
    """The October 323 and the number of lines with a planted mistake."""
    from keukentafel.berichten.aanbieder.declaratie import Prestatieregel, declaratie

    rng = random.Random(seed + 1)
    bsn = bsn_lijst(plan.clienten)
    regels: list[Prestatieregel] = []
    fouten = 0
    credit_idx = set(rng.sample(range(len(plan.toewijzingen)), plan.credits))
    for i, t in enumerate(plan.toewijzingen):
        cat, code, _, eenheid, _, _, _ = PRODUCTEN[t.product]
        if i in credit_idx:
            # September was too much: credit it and send the corrected September line.
            ts = tarief(t.product, VORIGE[0])
            regels.append(Prestatieregel(
                bsn=bsn[t.client], referentienummer=f"{t.nummer}-202609-C", vorig_referentienummer=f"{t.nummer}-202609",
                toewijzingnummer=t.nummer, productcategorie=cat, productcode=code, begindatum=VORIGE[0], einddatum=VORIGE[1],
                volume=t.volume_sep, eenheid=eenheid, tarief_cent=ts, bedrag_cent=-t.volume_sep * ts,
            ))
            v = max(1, t.volume_sep - 1)
            regels.append(Prestatieregel(
                bsn=bsn[t.client], referentienummer=f"{t.nummer}-202609-2", toewijzingnummer=t.nummer, productcategorie=cat,
                productcode=code, begindatum=VORIGE[0], einddatum=VORIGE[1], volume=v, eenheid=eenheid, tarief_cent=ts,
                bedrag_cent=v * ts,
            ))
        b, e = PERIODE[0], min(PERIODE[1], t.eind or PERIODE[1])
        ts = tarief(t.product, b)
        v = _geleverd(t, b, e, rng)
        r = Prestatieregel(
            bsn=bsn[t.client], referentienummer=f"{t.nummer}-202610", toewijzingnummer=t.nummer, productcategorie=cat,
            productcode=code, begindatum=b, einddatum=e, volume=v, eenheid=eenheid, tarief_cent=ts, bedrag_cent=v * ts,
        )
        if i not in credit_idx and rng.random() < 0.02:
            fouten += 1
            soort = rng.choice(["tarief", "volume", "toewijzing", "referentie", "bsn"])
            if soort == "tarief":
                r.tarief_cent += 100
                r.bedrag_cent = r.volume * r.tarief_cent
            elif soort == "volume":
                r.volume = t.omvang + 1 if PRODUCTEN[t.product][4] == "6" else r.volume * 8
                r.bedrag_cent = r.volume * r.tarief_cent
            elif soort == "toewijzing":
                r.toewijzingnummer = 900_000_000 + i
            elif soort == "referentie" and regels:
                r.referentienummer = regels[-1].referentienummer
            else:
                r.bsn = bsn[(t.client + 1) % plan.clienten]
        regels.append(r)
    assert len(regels) == aantal, (len(regels), aantal)
    o = declaratie("wmo", agb=AGB, gemeentecode=GEMEENTECODE, identificatie="BENCH323", dagtekening=DAGTEKENING,
                   declaratienummer="D202610", periode_begin=PERIODE[0], periode_eind=PERIODE[1], prestaties=regels)
    return etree.tostring(o.root, xml_declaration=True, encoding="UTF-8", pretty_print=True), fouten


# ---------------------------------------------------------------------------------------------------
# Raw lxml
# ---------------------------------------------------------------------------------------------------


def meet_ruw(data: bytes, istandaarden: Path, herhaal: int = 3) -> dict:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    schema = etree.XMLSchema(etree.parse(str(istandaarden / "iwmo-3.2" / "xsd" / "WMO323.xsd"), parser))
    parse, valideer = [], []
    for _ in range(herhaal):
        t0 = time.perf_counter()
        doc = etree.fromstring(data, parser)
        t1 = time.perf_counter()
        ok = schema.validate(doc)
        t2 = time.perf_counter()
        assert ok, schema.error_log.last_error
        parse.append(t1 - t0)
        valideer.append(t2 - t1)
        del doc
    totaal = [p + v for p, v in zip(parse, valideer, strict=True)]
    i = totaal.index(min(totaal))
    return {"parse_s": parse[i], "xsd_s": valideer[i], "totaal_s": totaal[i], "runs_s": totaal}


# ---------------------------------------------------------------------------------------------------
# One database (child process)
# ---------------------------------------------------------------------------------------------------


def laad(plan: Plan, seed: int) -> None:
    """Bulk-load what the declaration is judged against. Grants straight in: coherent, but without ken_toe's cost."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from keukentafel.aanbod.models import Aanbieder, Contract, Product, Tarief
    from keukentafel.accounts.models import Gebied, Gemeente, Medewerker, Regio, Rol
    from keukentafel.berichten.models import Bericht, Berichtstatus, Declaratie, Kanaal, Prestatie, Richting
    from keukentafel.besluiten.models import ToegewezenVoorziening
    from keukentafel.inwoners.models import Persoon

    call_command("migrate", verbosity=0)
    t0 = time.monotonic()
    with transaction.atomic():
        regio = Regio.objects.create(naam="Benchmarkregio Declaraties")
        gemeente = Gemeente.objects.create(regio=regio, naam="Declarstad", gemeentecode=GEMEENTECODE, inwoners=plan.clienten * 8)
        gebied = Gebied.objects.create(gemeente=gemeente, naam="Centrum")
        door = Medewerker.objects.create(username="bench.declaraties", rol=Rol.BACKOFFICE, gemeente=gemeente)
        producten = [Product.objects.create(wet="wmo", productcategorie=c, productcode=code, naam=n, eenheid=e, frequentie=f)
                     for c, code, n, e, f, _, _ in PRODUCTEN]
        aanbieders = [Aanbieder.objects.create(naam=f"Zorggroep Benchmark {i}", agb_code=f"{int(AGB) + i:08d}") for i in range(5)]
        contracten = []
        for i, a in enumerate(aanbieders):
            contract = Contract.objects.create(kenmerk=f"DK-2025-{i:03d}", naam=f"Raamovereenkomst Wmo {a.naam}", soort="raamovereenkomst",
                                               aanbieder=a, regio=regio, niveau="regionaal", begindatum=date(2025, 1, 1))
            contracten.append(contract)
            for j, p in enumerate(producten):
                Tarief.objects.create(contract=contract, product=p, tarief_cent=tarief(j, date(2025, 6, 1)), geldig_vanaf=date(2025, 1, 1),
                                      geldig_tot=date(2025, 12, 31))
                Tarief.objects.create(contract=contract, product=p, tarief_cent=tarief(j, date(2026, 6, 1)), geldig_vanaf=date(2026, 1, 1))
        aanbieder, contract = aanbieders[0], contracten[0]

        bsn = bsn_lijst(plan.clienten)
        rng = random.Random(seed + 2)
        personen = Persoon.objects.bulk_create(
            (Persoon(bsn=b, voornamen="Anne", geslachtsnaam=f"Declarant{i}", zoeknaam=f"declarant{i}",
                     geboortedatum=date(1940, 1, 1) + timedelta(days=rng.randrange(0, 20000)), straat="Dorpsstraat",
                     huisnummer=i % 300 + 1, postcode="7101AB", woonplaats="Declarstad", gemeente=gemeente, gebied=gebied)
             for i, b in enumerate(bsn)), batch_size=5000,
        )
        toew = ToegewezenVoorziening.objects.bulk_create(
            (ToegewezenVoorziening(
                gemeente=gemeente, toewijzingnummer=t.nummer, persoon_id=personen[t.client].pk, product=producten[t.product],
                grondslag="overgangsrecht", indicatiebron="CIZ", leveringsvorm="zin", aanbieder=aanbieder, contract=contract,
                tarief_cent=tarief(t.product, t.begin), omvang=t.omvang, eenheid=PRODUCTEN[t.product][3],
                frequentie=PRODUCTEN[t.product][4], begindatum=t.begin, einddatum=t.eind, toegekend_door=door, toegekend_op=t.begin,
            ) for t in plan.toewijzingen), batch_size=5000,
        )
        # September: declared and fully approved (the history TR314/TR322/TR389/TR323 read).
        b = Bericht.objects.create(richting=Richting.IN, wet="wmo", soort="323", berichtcode="484", gemeente=gemeente,
                                   aanbieder=aanbieder, afzender=AGB, ontvanger=GEMEENTECODE, identificatie="BENCH322", xml="(benchmark)",
                                   sha256="-", status=Berichtstatus.VERWERKT, kanaal=Kanaal.CLI,
                                   sleutel=Bericht.maak_sleutel("in", "wmo", "323", AGB, "BENCH322"))
        regels = []
        for t, v in zip(plan.toewijzingen, toew, strict=True):
            ts = tarief(t.product, VORIGE[0])
            regels.append((t, v, ts))
        totaal = sum(t.volume_sep * ts for t, _, ts in regels)
        d = Declaratie.objects.create(bericht=b, wet="wmo", gemeente=gemeente, aanbieder=aanbieder, declaratienummer="D202609",
                                      periode_begin=VORIGE[0], periode_eind=VORIGE[1], dagtekening=date(2026, 10, 5),
                                      ingediend_cent=totaal, toegekend_cent=totaal, aantal_prestaties=len(regels))
        Prestatie.objects.bulk_create(
            (Prestatie(declaratie=d, aanbieder=aanbieder, wet="wmo", voorziening=v, persoon_id=v.persoon_id,
                       referentienummer=f"{t.nummer}-202609", toewijzingnummer=t.nummer, productcategorie=PRODUCTEN[t.product][0],
                       productcode=PRODUCTEN[t.product][1], begindatum=VORIGE[0], einddatum=VORIGE[1], geleverd_volume=t.volume_sep,
                       eenheid=PRODUCTEN[t.product][3], product_tarief_cent=ts, ingediend_cent=t.volume_sep * ts, goedgekeurd=True,
                       toegekend_cent=t.volume_sep * ts)
             for t, v, ts in regels), batch_size=5000,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    log(f"geladen: {len(personen)} personen, {len(toew)} toewijzingen, {len(regels)} prestaties september "
        f"({time.monotonic() - t0:.1f} s)")


def meet_ingest(data: bytes, verwacht_fouten: int, aantal: int, profiel: bool) -> dict:
    from django.db import connection

    from keukentafel.berichten import veilig, verwerking, xsd
    from keukentafel.berichten.models import Declaratie, Prestatie

    verwerking._laad_verwerkers()
    xsd.schema("wmo", "323"), xsd.schema("wmo", "325")  # compiled before the clock starts, like the raw measurement
    fasen: dict[str, float] = defaultdict(float)

    def tijd(naam, fn):
        def gemeten(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                fasen[naam if naam != "xsd" else f"xsd {args[2]}"] += time.perf_counter() - t0
        return gemeten

    veilig.parse = tijd("parse (veilig.parse)", veilig.parse)
    xsd.valideer = tijd("xsd", xsd.valideer)
    verwerking.verzend = tijd("325 opslaan (verzend, incl. xsd 325)", verwerking.verzend)
    verwerking.VERWERKERS["323"] = tijd("regels + opslag + 325 opbouwen (declaraties)", verwerking.VERWERKERS["323"])
    from django.db import connections

    db = connections["default"]
    db.commit = tijd("commit", db.commit)
    from keukentafel.berichten import declaraties

    for naam in ("_lees_prestaties", "_niveau2", "_toewijzingen", "_eerdere_prestaties", "_stand", "_beoordeel", "_bewaar", "_antwoord"):
        setattr(declaraties, naam, tijd(f"  declaraties.{naam}", getattr(declaraties, naam)))
    # The same raw parse + XSD in this process, just before: the process state (heap after loading) matters.
    p = etree.XMLParser(resolve_entities=False, no_network=True)
    t = time.perf_counter()
    doc = etree.fromstring(data, p)
    t1 = time.perf_counter()
    xsd.schema("wmo", "323").validate(doc)
    ruw_hier = (t1 - t, time.perf_counter() - t1)
    del doc

    prof = None
    queries: list[tuple[float, str]] = []

    def sql_tijd(execute, sql, params, many, context):
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((time.perf_counter() - t, sql[:160].replace("\n", " ")))

    if profiel:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    t0 = time.perf_counter()
    with connection.execute_wrapper(sql_tijd):
        ontvangst = verwerking.ontvang(data, kanaal="cli", bestandsnaam="benchmark_323.xml")
    duur = time.perf_counter() - t0
    db.commit = type(db).commit.__get__(db)
    if profiel:
        print(f"{len(queries)} queries, samen {sum(q[0] for q in queries):.2f} s; de traagste:")
        for d, q in sorted(queries, reverse=True)[:12]:
            print(f"  {d:6.3f} s  {q}")
    if prof is not None:
        import io
        import pstats

        prof.disable()
        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats(os.environ.get("KT_PROFIEL_SORT", "cumulative")).print_stats(35)
        print(s.getvalue())
    assert ontvangst.http_status == 200, (ontvangst.http_status, ontvangst.melding, ontvangst.fouten[:3])
    d = Declaratie.objects.get(declaratienummer="D202610")
    opgeslagen = Prestatie.objects.filter(declaratie=d).count()
    # The INSERT of the received Bericht with its XML text (verwerking._verwerk), from the SQL timings.
    fasen["Bericht-INSERT met de XML (ontvang)"] = next(
        (d for d, q in queries if q.startswith('INSERT INTO "berichten_bericht"')), 0.0
    )
    binnen = ("parse (veilig.parse)", "xsd 323", "regels + opslag + 325 opbouwen (declaraties)", "325 opslaan (verzend, incl. xsd 325)",
              "commit", "Bericht-INSERT met de XML (ontvang)")
    fasen["overig in ontvang (sha256, decode, …)"] = duur - sum(fasen.get(k, 0.0) for k in binnen)
    uit = {
        "database": connection.vendor, "duur_s": duur, "per_seconde": aantal / duur, "fasen_s": dict(fasen),
        "aantal_prestaties": d.aantal_prestaties, "afgewezen": d.aantal_afgewezen, "opgeslagen": opgeslagen,
        "verwacht_afgewezen": verwacht_fouten, "ruw_in_dit_proces_s": ruw_hier,
        "antwoord_bytes": len(ontvangst.antwoord.xml) if ontvangst.antwoord else 0,
    }
    assert d.aantal_prestaties == aantal, uit
    assert d.aantal_afgewezen == verwacht_fouten, uit
    return uit


def kind(a) -> int:
    """Child process: one database."""
    from django.db import connection

    plan = maak_plan(a.aantal, a.seed)
    laad(plan, a.seed)
    data = Path(a.bestand).read_bytes()
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SHOW server_version")
            versie = cur.fetchone()[0]
    else:
        import sqlite3

        versie = sqlite3.sqlite_version
    uit = meet_ingest(data, a.fouten, a.aantal, a.profiel)
    uit["versie"] = versie
    Path(a.uitvoer).write_text(json.dumps(uit))
    return 0


# ---------------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------------


def nl(x: float, decimalen: int = 0) -> str:
    """Dutch number format: 12.345,6."""
    return f"{x:,.{decimalen}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def tabel(ruw: dict, metingen: list[dict], aantal: int, mb: float) -> str:
    r = ruw["totaal_s"]
    regels = [
        f"| meting ({nl(aantal)} prestaties, {nl(mb, 1)} MB) | tijd | prestaties/s | × ruwe lxml |",
        "|---|---|---|---|",
        f"| ruwe lxml: parse {nl(ruw['parse_s'], 2)} s + XSD {nl(ruw['xsd_s'], 2)} s (beste van 3) | {nl(r, 2)} s | "
        f"{nl(aantal / r)} | 1,0 |",
    ]
    for m in metingen:
        naam = "PostgreSQL" if m["database"] == "postgresql" else "SQLite"
        regels.append(f"| volledige ingest {naam} {m['versie'].split(' ')[0]} | {nl(m['duur_s'], 2)} s | {nl(m['per_seconde'])} | "
                      f"{nl(m['duur_s'] / r, 1)} |")
        xml = m["fasen_s"].get("Bericht-INSERT met de XML (ontvang)", 0.0)
        zonder = m["duur_s"] - xml
        regels.append(f"| … waarvan de Bericht-INSERT met {nl(mb)} MB XML-tekst | {nl(xml, 2)} s | | {nl(xml / r, 1)} |")
        regels.append(f"| … ingest zonder die INSERT | {nl(zonder, 2)} s | {nl(aantal / zonder)} | {nl(zonder / r, 1)} |")
    return "\n".join(regels)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aantal", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--pg-url", default=None, help="PostgreSQL-database (leeg: wordt in deze run gevuld)")
    parser.add_argument("--sqlite-pad", default=None, help="SQLite-bestand (standaard een tijdelijk bestand)")
    parser.add_argument("--alleen", choices=["sqlite", "postgresql"], default=None)
    parser.add_argument("--smoke", action="store_true", help="alleen bewijzen dat het werkt; geen oordeel over de snelheid")
    parser.add_argument("--profiel", action="store_true", help="cProfile van de ingest (35 duurste functies, cumulatief)")
    parser.add_argument("--uitvoer", default=None)
    # child process
    parser.add_argument("--kind", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--bestand", help=argparse.SUPPRESS)
    parser.add_argument("--fouten", type=int, help=argparse.SUPPRESS)
    a = parser.parse_args(argv)
    if a.kind:
        return kind(a)

    from django.conf import settings

    if settings.ISTANDAARDEN_DIR is None:
        print("Zet KEUKENTAFEL_ISTANDAARDEN_DIR: zonder XSD is er niets te vergelijken.", file=sys.stderr)
        return 1
    istandaarden = Path(settings.ISTANDAARDEN_DIR)
    resultaten = ROOT / "benchmarks" / "results"
    resultaten.mkdir(parents=True, exist_ok=True)
    naam = "berichten_323" + ("_smoke" if a.smoke else "")
    uitvoer = Path(a.uitvoer) if a.uitvoer else resultaten / f"{naam}.json"

    log(f"machine: {os.cpu_count()} cores; Python {platform.python_version()}; load {os.getloadavg()}")
    t0 = time.monotonic()
    plan = maak_plan(a.aantal, a.seed)
    data, fouten = maak_323(plan, a.aantal, a.seed)
    with tempfile.TemporaryDirectory(prefix="bench323_") as tmp:
        bestand = Path(tmp) / "WMO323_benchmark.xml"
        bestand.write_bytes(data)
        mb = len(data) / 2**20
        log(f"323: {a.aantal} prestaties voor {plan.clienten} cliënten, {plan.credits} credits + correcties, {fouten} met een fout; "
            f"{mb:.1f} MB ({time.monotonic() - t0:.1f} s)")
        ruw = meet_ruw(data, istandaarden)
        log(f"ruwe lxml: parse {ruw['parse_s']:.2f} s + XSD {ruw['xsd_s']:.2f} s = {ruw['totaal_s']:.2f} s")

        metingen = []
        databases = []
        if a.alleen in (None, "sqlite"):
            pad = a.sqlite_pad or str(Path(tmp) / "bench_323.sqlite3")
            if Path(pad).exists():
                Path(pad).unlink()
            databases.append(("SQLite", {"KT_SQLITE_PATH": pad, "DATABASE_URL": ""}))
        if a.alleen in (None, "postgresql"):
            if not a.pg_url:
                print("Geen --pg-url: PostgreSQL overgeslagen (benchmarks/run.sh declaratie maakt een database).", file=sys.stderr)
            else:
                databases.append(("PostgreSQL", {"DATABASE_URL": a.pg_url}))
        for label, env in databases:
            log(f"{label}: laden en meten (eigen proces)")
            uit_kind = Path(tmp) / f"{label}.json"
            omgeving = {**os.environ, **env, "KT_DEBUG": "0"}
            if not omgeving.get("DATABASE_URL"):
                omgeving.pop("DATABASE_URL")
            cmd = [sys.executable, __file__, "--kind", "--aantal", str(a.aantal), "--seed", str(a.seed), "--bestand", str(bestand),
                   "--fouten", str(fouten), "--uitvoer", str(uit_kind)] + (["--profiel"] if a.profiel else [])
            rc = subprocess.call(cmd, env=omgeving)
            if rc != 0:
                print(f"{label}: meting mislukt (exit {rc})", file=sys.stderr)
                return 1
            m = json.loads(uit_kind.read_text())
            metingen.append(m)
            log(f"{label}: {m['duur_s']:.2f} s = {m['per_seconde']:,.0f} prestaties/s, {m['duur_s'] / ruw['totaal_s']:.1f}× ruwe lxml; "
                f"{m['afgewezen']} afgewezen (verwacht {m['verwacht_afgewezen']})")
            for fase, s in sorted(m["fasen_s"].items(), key=lambda kv: -kv[1]):
                log(f"    {fase}: {s:.2f} s")

    print()
    print(tabel(ruw, metingen, a.aantal, mb))
    resultaat = {"aantal": a.aantal, "bestand_mb": mb, "fouten_gepland": fouten, "ruw": ruw, "metingen": metingen,
                 "load": os.getloadavg(), "doel_per_seconde": DOEL_PER_SECONDE, "doel_ratio": DOEL_RATIO}
    uitvoer.write_text(json.dumps(resultaat, indent=2, default=str))
    if a.smoke:
        return 0
    pg = [m for m in metingen if m["database"] == "postgresql"]
    if not pg:
        return 0
    m = pg[0]
    ok = m["per_seconde"] >= DOEL_PER_SECONDE and m["duur_s"] <= DOEL_RATIO * ruw["totaal_s"]
    print(f"\n{'PASS' if ok else 'FAIL'}: PostgreSQL {m['per_seconde']:,.0f} prestaties/s (doel ≥ {DOEL_PER_SECONDE:,}), "
          f"{m['duur_s'] / ruw['totaal_s']:.1f}× ruwe lxml (doel ≤ {DOEL_RATIO:.0f}×)".replace(",", "."))
    return 0 if ok else 3


if __name__ == "__main__":
    sys.exit(main())
