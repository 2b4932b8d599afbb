#!/usr/bin/env python
"""Fill a benchmark database with a realistic region: persons, households, plans, meldingen, audit.

    DATABASE_URL=postgres://keukentafel:keukentafel@127.0.0.1:5432/keukentafel_bench \\
        .venv/bin/python benchmarks/generate.py --personen 1000000 --huishoudens 400000 --plannen 50000

Runs `migrate` first, then replaces every dossier table's content (organisation, staff, persons,
households, network, meldingen/onderzoeken, plans, audit trail) in ONE transaction; the policy
tables (beleid) keep what the migrations put there. On PostgreSQL the big tables are written with
COPY (psycopg 3) after their secondary indexes and foreign keys are dropped; both are rebuilt at
the end, followed by VACUUM ANALYZE. On SQLite (small sizes only, e.g. the CI smoke run) rows
are inserted with executemany.

Everything is deterministic for a given --seed (only dates move with today's date). BSNs pass the
elfproef and come from the prefix range 30,000,000+ (tests use 10,000,000+). A row in the table
`benchmark_meta` records what was generated; a second run with the same sizes skips the
generation (use --opnieuw to force it) and only rewrites the targets file.

The targets file (default benchmarks/results/targets.json, git-ignored) lists per generalist the
household ids to open and the search terms (names, BSNs, addresses) the load test uses, so no
search term ever has to appear in a URL or a log line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from bisect import bisect_right
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from gemeen import bsns, getal, log  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keukentafel.settings")

import django  # noqa: E402

django.setup()

import namen  # noqa: E402
from django.apps import apps  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402

GENERATOR_VERSIE = 2
STANDAARD_WACHTWOORD = "Benchmark-Keukentafel-2026"  # only for the benchmark database
BSN_START = 30_000_000
TERMIJN_BRON = "Wmo 2015 art. 2.3.2 lid 1: onderzoek binnen zes weken na de melding"

# Five fictional gemeenten, 15 gebieden: (gemeente, CBS-code, PC4 base, [(gebied, woonplaats, weight)])
GEMEENTEN = [
    ("Dijkerveen", "9901", 5200, [("Centrum", "Dijkerveen", 1.3), ("Noord", "Dijkerveen", 1.1),
                                   ("Zuid-Oost", "Dijkerveen", 1.0), ("Oude Haven", "Dijkerveen", 0.8)]),
    ("Lindewaard", "9902", 5400, [("Dorp", "Lindewaard", 0.9), ("Hofstede", "Hofstede", 0.6),
                                   ("Buitengebied", "Lindehoeve", 0.4)]),
    ("Rietmond", "9903", 5600, [("West", "Rietmond", 1.0), ("Oost", "Rietmond", 0.9),
                                 ("Molenkwartier", "Rietmond", 0.7)]),
    ("Zandhove", "9904", 5800, [("Zandhove", "Zandhove", 0.8), ("Heidelo", "Heidelo", 0.5)]),
    ("Bergerhout", "9905", 6000, [("Centrum", "Bergerhout", 0.9), ("De Akkers", "Bergerhout", 0.7),
                                   ("Veenwijk", "Veenwijk", 0.6)]),
]

# Household size distribution (mean ≈ 2.5, adjusted to hit --personen exactly).
GROOTTES = [1, 2, 3, 4, 5, 6]
GROOTTE_GEWICHT = [30, 28, 15, 17, 7, 3]






def verdeel(totaal: int, gewichten: list[float], minimum: int = 0) -> list[int]:
    """Split `totaal` over the weights (largest remainder), each part at least `minimum`."""
    rest = totaal - minimum * len(gewichten)
    if rest < 0:
        raise SystemExit(f"Kan {totaal} niet verdelen over {len(gewichten)} delen met minimum {minimum}")
    som = sum(gewichten)
    exact = [rest * g / som for g in gewichten]
    delen = [int(x) for x in exact]
    over = rest - sum(delen)
    for i in sorted(range(len(exact)), key=lambda i: exact[i] - delen[i], reverse=True)[:over]:
        delen[i] += 1
    return [d + minimum for d in delen]


def bsn_uit_prefix(prefix: int) -> str | None:
    cijfers = f"{prefix:08d}"
    controle = sum(int(c) * w for c, w in zip(cijfers, range(9, 1, -1), strict=True)) % 11
    return None if controle == 10 else cijfers + str(controle)




def pc6_letters() -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [a + b for a in letters for b in letters if a + b not in ("SA", "SD", "SS")]


def quote(naam: str) -> str:
    return f'"{naam}"'


class Gewogen:
    """Fast weighted choice from a fixed population."""

    def __init__(self, items: list, gewichten: list[float]):
        self.items = items
        self.cum = list(accumulate(gewichten))
        self.totaal = self.cum[-1]

    def kies(self, rng: random.Random):
        return self.items[bisect_right(self.cum, rng.random() * self.totaal)]


# --------------------------------------------------------------------------------------------------
# Writing rows: COPY on PostgreSQL, executemany elsewhere; missing columns get their model default.
# --------------------------------------------------------------------------------------------------


class Schrijver:
    def __init__(self):
        self.pg = connection.vendor == "postgresql"
        self.tellingen: dict[str, int] = {}
        self.tijden: dict[str, float] = {}
        self.nu = datetime.now(UTC)

    def ts(self, dt: datetime) -> str:
        return dt.strftime("%Y-%m-%d %H:%M:%S") + ("+00" if self.pg else "")

    def _aanvulling(self, model: type[models.Model], kolommen: list[str]) -> tuple[list[str], tuple]:
        """Columns the generator does not set itself: fill with the model default (or '' / NULL)."""
        extra_kol, extra_waarden = [], []
        for f in model._meta.concrete_fields:
            if f.attname in kolommen or f.primary_key:
                continue
            if f.has_default():
                waarde = f.get_default()
                if isinstance(f, models.JSONField):
                    waarde = json.dumps(waarde)
            elif f.null:
                waarde = None
            elif isinstance(f, models.CharField | models.TextField) and f.blank:
                waarde = ""
            elif isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
                waarde = self.ts(self.nu)
            else:
                raise SystemExit(
                    f"benchmarks/generate.py kent het verplichte veld {model.__name__}.{f.name} nog niet: vul het aan in de generator."
                )
            extra_kol.append(f.column)
            extra_waarden.append(waarde)
        return extra_kol, tuple(extra_waarden)

    def schrijf(self, model: type[models.Model], kolommen: list[str], rijen, label: str | None = None) -> int:
        """Write rows (tuples in `kolommen` order, attnames; include the pk as 'id')."""
        tabel = model._meta.db_table
        label = label or model.__name__
        velden = {f.attname: f.column for f in model._meta.concrete_fields}
        db_kolommen = [velden[k] for k in kolommen]
        extra_kol, extra = self._aanvulling(model, kolommen)
        alle = db_kolommen + extra_kol
        t0 = time.monotonic()
        n = 0
        with connection.cursor() as cur:
            if self.pg:
                sql = f'COPY "{tabel}" ({", ".join(map(quote, alle))}) FROM STDIN (FREEZE)'
                with cur.cursor.copy(sql) as cp:
                    if extra:
                        for r in rijen:
                            cp.write_row(r + extra)
                            n += 1
                    else:
                        for r in rijen:
                            cp.write_row(r)
                            n += 1
            else:
                plaats = ", ".join(["%s"] * len(alle))
                sql = f'INSERT INTO "{tabel}" ({", ".join(map(quote, alle))}) VALUES ({plaats})'
                batch = []
                for r in rijen:
                    batch.append(r + extra)
                    if len(batch) >= 5000:
                        cur.executemany(sql, batch)
                        n += len(batch)
                        batch = []
                if batch:
                    cur.executemany(sql, batch)
                    n += len(batch)
        dt = time.monotonic() - t0
        self.tellingen[label] = self.tellingen.get(label, 0) + n
        self.tijden[label] = self.tijden.get(label, 0) + dt
        log(f"  {label:<24} {getal(n):>10} rijen in {dt:6.1f} s ({getal(n / dt if dt else 0)}/s)")
        return n


# --------------------------------------------------------------------------------------------------
# Index handling (PostgreSQL): drop secondary indexes and constraints, load, rebuild.
# --------------------------------------------------------------------------------------------------


def verwijder_indexen(cur, tabellen: list[str]) -> tuple[list[str], list[str]]:
    """Drop FKs, unique constraints and non-PK indexes of `tabellen`; return (indexes, FKs) to recreate."""
    indexen, fks = [], []
    for t in tabellen:
        cur.execute(
            "SELECT conname, pg_get_constraintdef(oid), contype FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY contype",
            [t],
        )
        for naam, definitie, soort in cur.fetchall():
            cur.execute(f'ALTER TABLE "{t}" DROP CONSTRAINT "{naam}"')
            (fks if soort == "f" else indexen).append(f'ALTER TABLE "{t}" ADD CONSTRAINT "{naam}" {definitie}')
        cur.execute(
            "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid)",
            [t],
        )
        for naam, definitie in cur.fetchall():
            cur.execute(f'DROP INDEX "{naam}"')
            indexen.append(definitie)
    return indexen, fks


# --------------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------------


class Generator:
    def __init__(self, args):
        self.a = args
        self.s = Schrijver()
        self.vandaag = date.today()
        self.nu = self.s.nu
        self.M = {label: apps.get_model(label) for label in (
            "accounts.Regio", "accounts.Gemeente", "accounts.Gebied", "accounts.Postcodegebied", "accounts.Team",
            "accounts.Medewerker", "accounts.AuditRecord", "inwoners.Persoon", "inwoners.Huishouden",
            "inwoners.Huishoudlid", "inwoners.Netwerklid", "toegang.Melding", "toegang.Onderzoek",
            "toegang.Opschorting", "toegang.Gesprek", "toegang.Verslagonderdeel", "toegang.Zelfredzaamheidsscore",
            "plannen.Ondersteuningsplan", "plannen.Doel", "plannen.Actie", "plannen.Planversie",
            "plannen.Ondertekening", "plannen.Evaluatie", "beleid.Leefgebied",
        )}
        self.M["toegang.Melding_leefgebieden"] = self.M["toegang.Melding"].leefgebieden.through

    def rng(self, stap: str) -> random.Random:
        return random.Random(f"{self.a.seed}:{stap}")

    # Dates --------------------------------------------------------------------------------------
    def dag(self, d: date) -> str:
        return d.isoformat()

    def dagen_terug(self, n: int) -> date:
        return self.vandaag - timedelta(days=n)

    def moment(self, d: date, rng: random.Random) -> str:
        dt = datetime(d.year, d.month, d.day, 7, 0, tzinfo=UTC) + timedelta(minutes=rng.randrange(0, 600))
        return self.s.ts(min(dt, self.nu))

    # Step 0: empty ----------------------------------------------------------------------------
    def leegmaken_groot(self):
        groot = [self.M[k]._meta.db_table for k in (
            "accounts.AuditRecord", "inwoners.Persoon", "inwoners.Huishouden", "inwoners.Huishoudlid",
            "inwoners.Netwerklid", "toegang.Melding", "toegang.Melding_leefgebieden", "toegang.Onderzoek",
            "toegang.Opschorting", "toegang.Gesprek", "toegang.Verslagonderdeel", "toegang.Zelfredzaamheidsscore",
            "plannen.Ondersteuningsplan", "plannen.Doel", "plannen.Actie", "plannen.Planversie",
            "plannen.Ondertekening", "plannen.Evaluatie",
        )]
        self.grote_tabellen = groot
        extra = [m._meta.db_table for m in apps.get_models() if m._meta.app_label in ("axes", "sessions", "authtoken", "admin")]
        with connection.cursor() as cur:
            if self.s.pg:
                namen_sql = ", ".join(f'"{t}"' for t in groot + extra)
                cur.execute(f"TRUNCATE {namen_sql} RESTART IDENTITY CASCADE")
            else:
                # SQLite checks the (deferred) foreign keys at commit, so the order does not matter.
                dossier = {m._meta.db_table for m in apps.get_models(include_auto_created=True)
                           if m._meta.app_label in ("plannen", "toegang", "inwoners")}
                for t in sorted(set(groot + extra) | dossier | {self.M["accounts.AuditRecord"]._meta.db_table, "accounts_noodtoegang"}):
                    cur.execute(f'DELETE FROM "{t}"')

    def leegmaken_klein(self):
        klein = ["accounts.Medewerker", "accounts.Team", "accounts.Postcodegebied", "accounts.Gebied", "accounts.Gemeente",
                 "accounts.Regio"]
        with connection.cursor() as cur:
            for k in ("accounts.Medewerker",):
                through = [self.M[k].groups.through, self.M[k].user_permissions.through]
                for m in through:
                    cur.execute(f'DELETE FROM "{m._meta.db_table}"')
            for k in klein:
                cur.execute(f'DELETE FROM "{self.M[k]._meta.db_table}"')

    # Step 1: organisation and staff --------------------------------------------------------------
    def organisatie(self):
        M = self.M
        rng = self.rng("organisatie")
        H = self.a.huishoudens
        regio = M["accounts.Regio"].objects.create(naam="Benchmarkregio Rivierenland")
        self.gebieden = []  # dicts: id, gemeente_id, naam, woonplaats, gewicht, pc4s, team_id
        for gnaam, code, base, gebieden in GEMEENTEN:
            gem = M["accounts.Gemeente"].objects.create(regio=regio, naam=gnaam, gemeentecode=code, inwoners=0)
            for i, (naam, woonplaats, gewicht) in enumerate(gebieden):
                geb = M["accounts.Gebied"].objects.create(gemeente=gem, naam=naam, inwoners=0)
                self.gebieden.append({"id": geb.pk, "gemeente_id": gem.pk, "naam": naam, "gemeente": gnaam,
                                      "woonplaats": woonplaats, "gewicht": gewicht, "base": base + 30 * i})
        hh_per = verdeel(H, [g["gewicht"] for g in self.gebieden], minimum=1)
        pcs = []
        for g, n in zip(self.gebieden, hh_per, strict=True):
            g["huishoudens"] = n
            aantal = max(1, min(25, round(n / 4500)))
            g["pc4s"] = [str(g["base"] + j) for j in range(aantal)]
            for pc4 in g["pc4s"]:
                pcs.append(M["accounts.Postcodegebied"](pc4=pc4, gebied_id=g["id"], woonplaats=g["woonplaats"]))
            team = M["accounts.Team"].objects.create(gebied_id=g["id"], naam=f"Gebiedsteam {g['naam']} ({g['gemeente']})")
            g["team_id"] = team.pk
        M["accounts.Postcodegebied"].objects.bulk_create(pcs)

        # Staff: generalists in proportion to the area's households, one teamleider per team,
        # one backoffice medewerker per gemeente, one beleidsmedewerker.
        wachtwoord = make_password(self.a.wachtwoord)
        gen_per = verdeel(self.a.generalisten, [g["huishoudens"] for g in self.gebieden], minimum=1)
        Medewerker = M["accounts.Medewerker"]
        mw = []
        vn = namen.VOORNAMEN_MAN + namen.VOORNAMEN_VROUW
        an = [a for a in namen.ACHTERNAMEN]

        def persoon_naam():
            vv, naam, _ = rng.choice(an)
            return rng.choice(vn), (vv + " " + naam).strip()

        nr = 0
        for g, n in zip(self.gebieden, gen_per, strict=True):
            for _ in range(n):
                nr += 1
                voornaam, achternaam = persoon_naam()
                mw.append(Medewerker(username=f"bench.gen{nr:03d}", password=wachtwoord, first_name=voornaam, last_name=achternaam,
                                     email=f"bench.gen{nr:03d}@bench.example", rol="generalist", team_id=g["team_id"]))
            voornaam, achternaam = persoon_naam()
            mw.append(Medewerker(username=f"bench.tl{g['id']:02d}", password=wachtwoord, first_name=voornaam, last_name=achternaam,
                                 rol="teamleider", team_id=g["team_id"]))
        for gem in M["accounts.Gemeente"].objects.all():
            voornaam, achternaam = persoon_naam()
            mw.append(Medewerker(username=f"bench.bo{gem.gemeentecode}", password=wachtwoord, first_name=voornaam,
                                 last_name=achternaam, rol="backoffice", gemeente=gem))
        mw.append(Medewerker(username="bench.beleid", password=wachtwoord, first_name="Beleid", last_name="Medewerker", rol="beleid",
                             gemeente=M["accounts.Gemeente"].objects.first()))
        Medewerker.objects.bulk_create(mw)
        self.generalisten = defaultdict(list)  # gebied index -> [medewerker ids]
        per_team = {g["team_id"]: i for i, g in enumerate(self.gebieden)}
        for m in Medewerker.objects.filter(rol="generalist", username__startswith="bench.").order_by("username"):
            self.generalisten[per_team[m.team_id]].append(m.pk)
        self.alle_generalisten = [m for i in range(len(self.gebieden)) for m in self.generalisten[i]]
        self.leefgebieden = {lg.code: lg.pk for lg in M["beleid.Leefgebied"].objects.all()}
        if not self.leefgebieden:
            raise SystemExit("Geen leefgebieden: draai eerst de migraties (beleid 0002).")
        log(f"  organisatie: {len(self.gebieden)} gebieden, {len(pcs)} PC4's, {len(mw)} medewerkers "
            f"({len(self.alle_generalisten)} generalisten)")

    # Step 2: households and persons ------------------------------------------------------------
    def huishoudens_en_personen(self):
        rng = self.rng("huishoudens")
        H, P = self.a.huishoudens, self.a.personen
        # Sizes
        groottes = rng.choices(GROOTTES, weights=GROOTTE_GEWICHT, k=H)
        verschil = P - sum(groottes)
        while verschil != 0:
            i = rng.randrange(H)
            if verschil > 0 and groottes[i] < 8:
                groottes[i] += 1
                verschil -= 1
            elif verschil < 0 and groottes[i] > 1:
                groottes[i] -= 1
                verschil += 1
        # Addresses per gebied, then the households are shuffled so ids do not cluster by area.
        letters = pc6_letters()
        adressen = []  # (gebied index, straat, huisnummer, huisletter, toevoeging, postcode, woonplaats)
        for gi, g in enumerate(self.gebieden):
            n = g["huishoudens"]
            per_pc4 = verdeel(n, [1.0] * len(g["pc4s"]))
            for pc4, m in zip(g["pc4s"], per_pc4, strict=True):
                straten = rng.sample(namen.STRATEN, k=min(len(namen.STRATEN), max(3, m // 350)))
                si, nummer, li = 0, 1, 0
                gemaakt = 0
                while gemaakt < m:
                    in_pc6 = min(m - gemaakt, rng.randint(8, 30))
                    if li >= len(letters):
                        raise SystemExit(f"PC4 {pc4} heeft te veel adressen")
                    pc6 = pc4 + letters[li]
                    li += 1
                    for _ in range(in_pc6):
                        letter = rng.choice("ABC") if rng.random() < 0.03 else ""
                        toev = rng.choice(["1", "2", "3", "hs", "bis"]) if rng.random() < 0.03 else ""
                        adressen.append((gi, straten[si], nummer, letter, toev, pc6, g["woonplaats"]))
                        nummer += rng.choice((1, 1, 2))
                        gemaakt += 1
                    if rng.random() < 0.3:
                        si = (si + 1) % len(straten)
                        nummer = rng.randint(1, 9)
        rng.shuffle(adressen)

        an = {}
        for vv, naam, w in namen.ACHTERNAMEN + namen.staart_namen(self.a.zeldzame_namen, self.rng("staart")):
            an[(vv, naam)] = an.get((vv, naam), 0) + w
        # The common names keep their Dutch share (weight in thousands of 17.9 million people, ~17% together);
        # the synthetic tail carries the rest.
        gewoon = {k: w for k, w in an.items() if k in {(v, n) for v, n, _ in namen.ACHTERNAMEN}}
        staart = {k: w for k, w in an.items() if k not in gewoon}
        aandeel = sum(gewoon.values()) / 17_900
        fg, ft = aandeel / sum(gewoon.values()), (1 - aandeel) / max(1e-9, sum(staart.values()))
        achternamen = Gewogen(list(gewoon) + list(staart), [w * fg for w in gewoon.values()] + [w * ft for w in staart.values()])
        man = Gewogen(namen.VOORNAMEN_MAN, [1 / (i + 3) for i in range(len(namen.VOORNAMEN_MAN))])
        vrouw = Gewogen(namen.VOORNAMEN_VROUW, [1 / (i + 3) for i in range(len(namen.VOORNAMEN_VROUW))])

        self.hh_gebied = [0] * (H + 1)
        self.hh_eerste = [0] * (H + 1)  # first person id (the aanvrager)
        self.hh_grootte = [0] * (H + 1)
        self.hh_naam = [""] * (H + 1)
        self.hh_adres = [None] * (H + 1)
        self.hh_start = [None] * (H + 1)
        self.per_gebied = defaultdict(list)
        leden = []  # Huishoudlid rows
        bsn = bsns(BSN_START)
        vandaag = self.vandaag
        s = self.s
        nu_ts = s.ts(self.nu)

        def geboren(leeftijd_min: int, leeftijd_max: int) -> date:
            jaren = rng.randint(leeftijd_min, leeftijd_max)
            return vandaag - timedelta(days=jaren * 365 + rng.randrange(365))

        def voornamen(geslacht: str) -> str:
            bron = man if geslacht == "1" else vrouw
            if rng.random() < 0.45:
                a, b = bron.kies(rng), bron.kies(rng)
                return a if a == b else f"{a} {b}"
            return bron.kies(rng)

        huishouden_rijen = []
        lid_id = 0

        def personen():
            nonlocal lid_id
            pid = 0
            for hid in range(1, H + 1):
                gi, straat, nummer, letter, toev, pc6, wpl = adressen[hid - 1]
                g = self.gebieden[gi]
                grootte = groottes[hid - 1]
                # Composition
                if grootte == 1:
                    volwassenen, soort = 1, "alleen"
                elif grootte == 2:
                    r = rng.random()
                    volwassenen, soort = (2, "paar") if r < 0.65 else ((1, "ouder") if r < 0.9 else (2, "overig"))
                else:
                    volwassenen, soort = (2, "paar") if rng.random() < 0.75 else (1, "ouder")
                naam1 = achternamen.kies(rng)
                if soort == "alleen":
                    gb1 = geboren(18, 96) if rng.random() < 0.5 else geboren(65, 96)
                elif soort == "ouder" or grootte > 2:
                    gb1 = geboren(max(24, 18 + grootte), 56)
                else:
                    gb1 = geboren(22, 90)
                leeftijd1 = (vandaag - gb1).days // 365
                start = vandaag - timedelta(days=rng.randrange(0, max(1, min(leeftijd1 - 18, 35)) * 365 + 1))
                self.hh_gebied[hid] = gi
                self.hh_eerste[hid] = pid + 1
                self.hh_grootte[hid] = grootte
                self.hh_adres[hid] = (pc6, nummer, letter, toev)
                self.hh_start[hid] = start
                self.per_gebied[gi].append(hid)
                adres = (straat, nummer, letter, toev, pc6, wpl, g["gemeente_id"], g["id"])
                leden_hh = []
                for k in range(grootte):
                    pid += 1
                    if k == 0:
                        geslacht = "1" if rng.random() < 0.48 else "2"
                        vv, an_ = naam1
                        gb, rol, begin = gb1, "aanvrager", start
                    elif k == 1 and volwassenen == 2:
                        geslacht = "2" if geslacht == "1" else ("1" if rng.random() < 0.95 else "2")
                        vv, an_ = achternamen.kies(rng)
                        if soort == "overig":
                            gb, rol = geboren(18, 30), "overig"
                            vv, an_ = naam1
                        else:
                            gb, rol = geboren(max(18, leeftijd1 - 8), min(96, leeftijd1 + 8)), "partner"
                        begin = start
                    else:
                        geslacht = "1" if rng.random() < 0.51 else "2"
                        vv, an_ = naam1 if rng.random() < 0.8 or volwassenen == 1 else (vv, an_)
                        maxleeftijd = max(0, min(25, leeftijd1 - 18))
                        gb, rol = geboren(0, maxleeftijd), "kind"
                        begin = max(start, gb)
                    volw = (vandaag - gb).days >= 18 * 365
                    vn = voornamen(geslacht)
                    tel = f"06{rng.randrange(10_000_000, 99_999_999)}" if volw and rng.random() < 0.7 else ""
                    mail = ""
                    if volw and rng.random() < 0.35:
                        mail = f"{vn.split()[0].lower()}.{an_.lower().replace(' ', '')}{rng.randrange(100)}@voorbeeld.nl"
                    yield (pid, *adres, next(bsn), vn, vv, an_, gb.isoformat(), geslacht, tel, mail, 1)
                    if k == 0:
                        self.hh_naam[hid] = (vn.split()[0], vv, an_)
                    lid_id += 1
                    leden_hh.append((lid_id, hid, pid, rol, begin.isoformat(), None))
                    # Some adults lived in another household before (history in the dossier).
                    if volw and rng.random() < 0.04 and hid > 1 and begin > gb + timedelta(days=19 * 365):
                        ander = rng.randrange(1, hid)
                        eerder = begin - timedelta(days=rng.randint(200, 3000))
                        if eerder < begin:
                            lid_id += 1
                            leden_hh.append((lid_id, ander, pid, "partner" if rol == "aanvrager" else "overig",
                                             max(eerder, gb).isoformat(), begin.isoformat()))
                leden.extend(leden_hh)
                vv1, an1 = naam1
                huishouden_rijen.append((hid, *adres, f"Huishouden {(vv1 + ' ') if vv1 else ''}{an1}"[:200], 1,
                                         self.moment(start, rng) if start > date(2000, 1, 1) else nu_ts))

        kol_adres = ["straat", "huisnummer", "huisletter", "toevoeging", "postcode", "woonplaats", "gemeente_id", "gebied_id"]
        # Households first (persons do not reference them), but they are built while the persons are written.
        personen_rijen = personen()
        # The persons generator fills huishouden_rijen/leden as a side effect; materialise persons lazily.
        kolommen = ["id", *kol_adres, "bsn", "voornamen", "voorvoegsel", "geslachtsnaam", "geboortedatum", "geslacht", "telefoon",
                    "email", "version"]
        extra_kolommen, rijen = self.met_afgeleiden(kolommen, personen_rijen)
        self.s.schrijf(self.M["inwoners.Persoon"], kolommen + extra_kolommen, rijen, label="Persoon")
        self.s.schrijf(self.M["inwoners.Huishouden"], ["id", *kol_adres, "naam", "version", "aangemaakt_op"], huishouden_rijen,
                       label="Huishouden")
        self.s.schrijf(self.M["inwoners.Huishoudlid"], ["id", "huishouden_id", "persoon_id", "rol", "begindatum", "einddatum"],
                       leden, label="Huishoudlid")

    def met_afgeleiden(self, kolommen: list[str], rijen):
        """Derived Persoon columns, computed the way the model computes them on save().

        `zoeknaam` (normalised surname for prefix search) is set by `Persoon.bepaal_zoeknaam()`; COPY
        bypasses save(), so the generator calls that method itself, once per distinct name.
        """
        Persoon = self.M["inwoners.Persoon"]
        velden = {f.attname for f in Persoon._meta.concrete_fields}
        if "zoeknaam" not in velden:
            return [], rijen
        if not hasattr(Persoon, "bepaal_zoeknaam"):
            raise SystemExit("Persoon.zoeknaam bestaat maar Persoon.bepaal_zoeknaam() niet: pas benchmarks/generate.py aan.")
        i_vv, i_naam, i_vn = kolommen.index("voorvoegsel"), kolommen.index("geslachtsnaam"), kolommen.index("voornamen")
        cache: dict[tuple[str, str], str] = {}

        def zoeknaam(rij) -> str:
            sleutel = (rij[i_vv], rij[i_naam])
            if sleutel not in cache:
                p = Persoon(voornamen=rij[i_vn], voorvoegsel=rij[i_vv], geslachtsnaam=rij[i_naam])
                p.bepaal_zoeknaam()
                cache[sleutel] = p.zoeknaam
            return cache[sleutel]

        return ["zoeknaam"], ((*r, zoeknaam(r)) for r in rijen)

    # Step 3: cases ------------------------------------------------------------------------------
    def casussen(self):
        rng = self.rng("casussen")
        H, PL = self.a.huishoudens, self.a.plannen
        lg_codes = list(self.leefgebieden)
        vandaag = self.vandaag
        dag = self.dag

        alle = list(range(1, H + 1))
        rng.shuffle(alle)
        open_plan = alle[:PL]
        n_afgesloten = int(PL * self.a.afgesloten_fractie)
        n_onderzoek = max(1, round(PL * 0.05))
        n_melding = max(1, round(PL * 0.06))
        n_direct = round(PL * 0.6)
        rest = alle[PL:] or alle
        lopend_onderzoek = rest[:n_onderzoek]
        open_melding = rest[n_onderzoek:n_onderzoek + n_melding] or rest[:n_melding]
        afgesloten_plan = [rng.choice(alle) for _ in range(n_afgesloten)]
        direct = [rng.choice(alle) for _ in range(n_direct)]

        meldingen, mld_lg, onderzoeken, opschortingen, gesprekken, onderdelen, scores = [], [], [], [], [], [], []
        plannen, doelen, acties, versies, tekeningen, evaluaties, netwerk = [], [], [], [], [], [], []
        ids = defaultdict(int)

        def nieuw(soort: str) -> int:
            ids[soort] += 1
            return ids[soort]

        def generalist_voor(hid: int, teller: dict = {}) -> int:  # noqa: B006 - round robin state
            gi = self.hh_gebied[hid]
            lijst = self.generalisten[gi]
            i = teller.get(gi, 0)
            teller[gi] = i + 1
            return lijst[i % len(lijst)]

        kanalen = Gewogen(["telefoon", "balie", "web", "email", "vindplaats"], [35, 10, 25, 10, 20])
        vindplaatsen = ["huisarts", "school", "consultatiebureau", "wijkverpleegkundige", "politie", "woningcorporatie", "welzijn"]
        tredes = Gewogen(["eigen_kracht", "sociaal_netwerk", "vrijwilliger", "algemene_voorziening", "maatwerk"], [25, 25, 10, 25, 15])
        netwerkrollen = Gewogen(["mantelzorger", "familie", "buren", "vrijwilliger", "clientondersteuner", "bewindvoerder", "mentor"],
                                [35, 25, 15, 8, 7, 8, 2])
        netwerk_van = defaultdict(list)

        def netwerkleden(hid: int, aantal: int):
            for _ in range(aantal):
                nid = nieuw("netwerk")
                rol = netwerkrollen.kies(rng)
                vn = rng.choice(namen.VOORNAMEN_VROUW + namen.VOORNAMEN_MAN)
                vv, an_, _ = rng.choice(namen.ACHTERNAMEN)
                naam = f"{vn} {(vv + ' ') if vv else ''}{an_}"
                uren = f"{rng.choice([2, 4, 6, 8, 12, 16, 20])}.0" if rol == "mantelzorger" else None
                netwerk.append((nid, hid, self.hh_eerste[hid] if rng.random() < 0.5 else None, naam, rol,
                                rng.choice(namen.RELATIES[rol]), "Helpt bij boodschappen, administratie en vervoer" if rol in
                                ("mantelzorger", "familie") else "", uren, rol == "mantelzorger" and rng.random() < 0.12,
                                f"06{rng.randrange(10_000_000, 99_999_999)}" if rng.random() < 0.8 else "", "", True))
                netwerk_van[hid].append((nid, naam))

        def melding(hid: int, ontvangen: date, status: str, team_id, toegewezen, triage: str = "gebiedsteam", afgesloten=None) -> int:
            mid = nieuw("melding")
            g = self.gebieden[self.hh_gebied[hid]]
            kanaal = kanalen.kies(rng)
            anoniem = kanaal == "vindplaats" and rng.random() < 0.05
            melder_type = "anoniem" if anoniem else ("professional" if kanaal == "vindplaats" else rng.choice(
                ["inwoner", "inwoner", "vertegenwoordiger"]))
            vp = rng.choice(vindplaatsen) if melder_type == "professional" else ""
            getrieerd = status != "nieuw"
            meldingen.append((
                mid, g["gemeente_id"], self.moment(ontvangen, rng), kanaal, melder_type, vp,
                "" if anoniem else ("" if melder_type == "inwoner" else rng.choice(["J. de Vries", "M. Bakker", "huisartsenpraktijk"])),
                "Huisartsenpraktijk De Linde" if vp == "huisarts" else "", "", None if anoniem else True, anoniem,
                self.hh_eerste[hid], hid, rng.choice(namen.VRAGEN), "hoog" if rng.random() < 0.08 else "normaal",
                rng.choice(["enkelvoudig", "meervoudig", "complex"]) if getrieerd else "", status,
                triage if getrieerd else "", "", "", "",
                self.moment(ontvangen + timedelta(days=rng.randint(0, 3)), rng) if getrieerd else None,
                toegewezen if getrieerd else None, team_id, toegewezen,
                self.moment(afgesloten, rng) if afgesloten else None, toegewezen, 1,
            ))
            for lg in rng.sample(lg_codes, k=rng.randint(1, 3)):
                mld_lg.append((nieuw("mld_lg"), mid, self.leefgebieden[lg]))
            return mid

        def onderzoek(mid: int, hid: int, behandelaar: int, start: date, status: str, afgerond=None) -> int:
            oid = nieuw("onderzoek")
            onderzoeken.append((oid, mid, hid, behandelaar, dag(start), 42, TERMIJN_BRON, status,
                                dag(afgerond) if afgerond else None, "Ondersteuningsplan opgesteld." if afgerond else "", 1))
            return oid

        def gesprek(oid: int, hid: int, door: int, gepland: date, gehouden: bool, lgs: list[str]) -> int:
            gid = nieuw("gesprek")
            gesprekken.append((gid, oid, self.moment(gepland, rng), self.moment(gepland, rng) if gehouden else None,
                               rng.choice(["thuis", "thuis", "thuis", "wijkcentrum", "telefonisch"]), "",
                               "Inwoner, partner en generalist", rng.random() < 0.15, rng.random() < 0.03, True,
                               "Keukentafelgesprek gevoerd; vraag verhelderd per leefgebied." if gehouden else "", "", None, door, 1))
            if gehouden:
                for lg in lgs:
                    score = rng.randint(1, 4)
                    onderdelen.append((nieuw("onderdeel"), gid, self.leefgebieden[lg], None, "Zie verslag.", score))
                    scores.append((nieuw("score"), hid, self.hh_eerste[hid], self.leefgebieden[lg], score, dag(gepland), "gesprek",
                                   gid, None, door))
            return gid

        def plan(hid: int, status: str, regisseur: int, aangemaakt: date, oid: int, n_doelen: int):
            pl = nieuw("plan")
            vastgesteld = None
            evaluatie = None
            afgesloten = None
            if status in ("actief", "afgesloten"):
                vastgesteld = min(vandaag, aangemaakt + timedelta(days=rng.randint(7, 42)))
                evaluatie = vastgesteld + timedelta(days=365)
            if status == "afgesloten":
                afgesloten = min(vandaag, vastgesteld + timedelta(days=rng.randint(60, 700)))
                evaluatie = None
            lgs = rng.sample(lg_codes, k=n_doelen)
            doel_ids = []
            for i, lg in enumerate(lgs):
                did = nieuw("doel")
                doel_ids.append(did)
                tekst, resultaat = namen.DOEL_TEKSTEN.get(lg, ("Doel op dit leefgebied", "Resultaat"))
                doelen.append((did, pl, self.leefgebieden[lg], self.hh_eerste[hid] if rng.random() < 0.5 else None, tekst, resultaat, i))
                for _ in range(rng.randint(1, 3) if status != "afgesloten" else 1):
                    trede = tredes.kies(rng)
                    oms, uitvoerder = rng.choice(namen.ACTIE_TEKSTEN[trede])
                    nl = None
                    if trede == "sociaal_netwerk":
                        if netwerk_van[hid]:
                            nl, uitvoerder = rng.choice(netwerk_van[hid])
                        else:
                            uitvoerder = "Familie"
                    van = aangemaakt + timedelta(days=rng.randint(0, 30))
                    acties.append((nieuw("actie"), did, trede, oms, uitvoerder or "Inwoner zelf", nl,
                                   uitvoerder if trede in ("algemene_voorziening", "maatwerk") else "", dag(van),
                                   dag(van + timedelta(days=365)) if rng.random() < 0.5 else None,
                                   dag(van + timedelta(days=180)) if rng.random() < 0.3 else None))
            if status == "concept" and rng.random() < 0.5:
                # Put to the resident, not yet signed: listed under "ter ondertekening" in the worklist.
                versies.append((nieuw("versie"), pl, 1, json.dumps({"status": status, "doelen": [{"leefgebied": lg} for lg in lgs]}),
                                "", regisseur, self.moment(min(vandaag, aangemaakt + timedelta(days=rng.randint(0, 14))), rng)))
            if status == "actief":
                n_versies = 2 if rng.random() < 0.2 else 1
                for nummer in range(1, n_versies + 1):
                    vid = nieuw("versie")
                    inhoud = json.dumps({"status": status, "doelen": [{"leefgebied": lg} for lg in lgs]})
                    gemaakt = vastgesteld - timedelta(days=2) if nummer == 1 else vastgesteld
                    versies.append((vid, pl, nummer, inhoud, "" if nummer == 1 else "Acties bijgesteld", regisseur,
                                    self.moment(gemaakt, rng)))
                    if nummer == n_versies:
                        vn, vv, an_ = self.hh_naam[hid]
                        tekeningen.append((nieuw("teken"), vid, "inwoner", f"{vn} {(vv + ' ') if vv else ''}{an_}", self.hh_eerste[hid],
                                           None, None, dag(vastgesteld), rng.choice(["digitaal", "papier", "mondeling"]), regisseur,
                                           self.moment(vastgesteld, rng)))
                        tekeningen.append((nieuw("teken"), vid, "professional", "Regisseur", None, None, regisseur, dag(vastgesteld),
                                           "digitaal", regisseur, self.moment(vastgesteld, rng)))
                if (vandaag - vastgesteld).days > 365 and rng.random() < 0.7:
                    datum = evaluatie - timedelta(days=rng.randint(0, 20))
                    volgende = datum + timedelta(days=365)
                    evaluaties.append((nieuw("evaluatie"), pl, dag(datum), rng.choice(["voortzetten", "bijstellen"]),
                                       "Doelen deels bereikt; afspraken voortgezet.", dag(volgende), regisseur))
                    evaluatie = volgende
            plannen.append((pl, hid, oid, regisseur, status, self.moment(aangemaakt, rng), dag(vastgesteld) if vastgesteld else None,
                            dag(evaluatie) if evaluatie else None, dag(afgesloten) if afgesloten else None,
                            "Doelen bereikt" if afgesloten else "", "Afspraken uit het keukentafelgesprek.", 1))
            return lgs

        def traject(hid: int, status: str, regisseur: int):
            """Melding → onderzoek → gesprek → plan with the matching dates."""
            g = self.gebieden[self.hh_gebied[hid]]
            if status == "concept":
                aangemaakt = self.dagen_terug(rng.randint(1, 60))
            elif status == "actief":
                aangemaakt = self.dagen_terug(rng.randint(60, 900))
            else:
                aangemaakt = self.dagen_terug(rng.randint(400, 2500))
            ontvangen = aangemaakt - timedelta(days=rng.randint(14, 50))
            mid = melding(hid, ontvangen, "afgesloten", g["team_id"], regisseur, afgesloten=aangemaakt)
            oid = onderzoek(mid, hid, regisseur, ontvangen, "afgerond", afgerond=aangemaakt)
            n_doelen = rng.randint(2, 3) if status != "afgesloten" else rng.randint(1, 2)
            if status != "afgesloten" or not netwerk_van[hid]:
                netwerkleden(hid, rng.randint(1, 3) if status != "afgesloten" else 1)
            lgs = plan(hid, status, regisseur, aangemaakt, oid, n_doelen)
            gesprek(oid, hid, regisseur, ontvangen + timedelta(days=rng.randint(3, 12)), True,
                    list(dict.fromkeys(lgs + rng.sample(lg_codes, k=2))))

        for hid in afgesloten_plan:
            traject(hid, "afgesloten", generalist_voor(hid))
        for hid in open_plan:
            traject(hid, "concept" if rng.random() < 0.3 else "actief", generalist_voor(hid))
        for hid in lopend_onderzoek:
            g = self.gebieden[self.hh_gebied[hid]]
            behandelaar = generalist_voor(hid)
            start = self.dagen_terug(rng.randint(0, 56))
            mid = melding(hid, start, "in_behandeling", g["team_id"], behandelaar)
            oid = onderzoek(mid, hid, behandelaar, start, "lopend")
            if rng.random() < 0.1:
                van = start + timedelta(days=rng.randint(1, 10))
                tot = van + timedelta(days=rng.randint(3, 14)) if rng.random() < 0.5 else None
                if van <= vandaag:
                    opschortingen.append((nieuw("opschorting"), oid, "Wacht op gegevens van de inwoner", dag(van),
                                          dag(tot) if tot and tot <= vandaag else None, behandelaar))
            if rng.random() < 0.6:
                gepland = start + timedelta(days=rng.randint(3, 20))
                gesprek(oid, hid, behandelaar, gepland, gepland < vandaag, rng.sample(lg_codes, k=3))
        for hid in open_melding:
            g = self.gebieden[self.hh_gebied[hid]]
            if rng.random() < 0.35:
                melding(hid, self.dagen_terug(rng.randint(0, 10)), "nieuw", g["team_id"], None)
            else:
                melding(hid, self.dagen_terug(rng.randint(0, 42)), "in_behandeling", g["team_id"], generalist_voor(hid))
        for hid in direct:
            g = self.gebieden[self.hh_gebied[hid]]
            d = self.dagen_terug(rng.randint(1, 1500))
            melding(hid, d, "afgesloten", g["team_id"], generalist_voor(hid), triage="direct", afgesloten=d)
        # Network for a share of the other households.
        for hid in alle[PL:]:
            if rng.random() < 0.06 and not netwerk_van[hid]:
                netwerkleden(hid, 1)

        M, w = self.M, self.s.schrijf
        w(M["inwoners.Netwerklid"], ["id", "huishouden_id", "voor_persoon_id", "naam", "rol", "relatie", "taken", "uren_per_week",
                                     "overbelast", "telefoon", "email", "actief"], netwerk)
        w(M["toegang.Melding"], ["id", "gemeente_id", "ontvangen_op", "kanaal", "melder_type", "vindplaats", "melder_naam",
                                 "melder_organisatie", "melder_contact", "client_op_de_hoogte", "anoniem", "persoon_id", "huishouden_id",
                                 "vraag", "urgentie", "vraagtype", "status", "triage_uitkomst", "triage_toelichting", "voorliggend",
                                 "doorverwezen_naar", "getrieerd_op", "getrieerd_door_id", "team_id", "toegewezen_aan_id",
                                 "afgesloten_op", "geregistreerd_door_id", "version"], meldingen)
        w(M["toegang.Melding_leefgebieden"], ["id", "melding_id", "leefgebied_id"], mld_lg, label="Melding.leefgebieden")
        w(M["toegang.Onderzoek"], ["id", "melding_id", "huishouden_id", "behandelaar_id", "startdatum", "termijn_dagen", "termijn_bron",
                                   "status", "afgerond_op", "conclusie", "version"], onderzoeken)
        w(M["toegang.Opschorting"], ["id", "onderzoek_id", "reden", "van", "tot", "vastgelegd_door_id"], opschortingen)
        w(M["toegang.Gesprek"], ["id", "onderzoek_id", "gepland_op", "gehouden_op", "plaats", "plaats_toelichting", "deelnemers",
                                 "clientondersteuner_aanwezig", "tolk_aanwezig", "gewezen_op_clientondersteuning", "samenvatting",
                                 "opmerkingen_inwoner", "opmerkingen_inwoner_op", "gevoerd_door_id", "version"], gesprekken)
        w(M["toegang.Verslagonderdeel"], ["id", "gesprek_id", "leefgebied_id", "persoon_id", "bevindingen", "score"], onderdelen)
        w(M["plannen.Ondersteuningsplan"], ["id", "huishouden_id", "onderzoek_id", "regisseur_id", "status", "aangemaakt_op",
                                            "vastgesteld_op", "evaluatiedatum", "afgesloten_op", "afsluitreden", "toelichting", "version"],
          plannen)
        w(M["plannen.Doel"], ["id", "plan_id", "leefgebied_id", "persoon_id", "omschrijving", "beoogd_resultaat", "volgorde"], doelen)
        w(M["plannen.Actie"], ["id", "doel_id", "trede", "omschrijving", "uitvoerder", "netwerklid_id", "voorziening", "van", "tot",
                               "evaluatiedatum"], acties)
        w(M["plannen.Planversie"], ["id", "plan_id", "nummer", "inhoud", "toelichting", "gemaakt_door_id", "gemaakt_op"], versies)
        w(M["plannen.Ondertekening"], ["id", "versie_id", "rol", "naam", "persoon_id", "netwerklid_id", "medewerker_id", "datum",
                                       "methode", "vastgelegd_door_id", "vastgelegd_op"], tekeningen)
        w(M["plannen.Evaluatie"], ["id", "plan_id", "datum", "besluit", "toelichting", "volgende_evaluatie", "uitgevoerd_door_id"],
          evaluaties)
        w(M["toegang.Zelfredzaamheidsscore"], ["id", "huishouden_id", "persoon_id", "leefgebied_id", "score", "datum", "bron",
                                               "gesprek_id", "evaluatie_id", "vastgelegd_door_id"], scores)

    # Step 4: audit trail history ------------------------------------------------------------------
    def audit(self):
        rng = self.rng("audit")
        n = self.a.audit
        gebieden = [gi for gi in range(len(self.gebieden)) if self.generalisten[gi] and self.per_gebied[gi]]
        s = self.s
        nu = self.nu

        def rijen():
            for i in range(1, n + 1):
                gi = rng.choice(gebieden)
                mw = rng.choice(self.generalisten[gi])
                hid = rng.choice(self.per_gebied[gi])
                tijd = s.ts(nu - timedelta(seconds=rng.randrange(365 * 86400)))
                r = rng.random()
                if r < 0.85:
                    actie, oms = "lezen", f"Dossier {hid} geopend"
                elif r < 0.95:
                    actie, oms = "zoeken", "Gezocht op naam"
                else:
                    actie, oms = "wijzigen", "Ondersteuningsplan gewijzigd"
                yield (i, tijd, mw, actie, "Huishouden", str(hid), hid, oms, "", "ui", None)

        s.schrijf(self.M["accounts.AuditRecord"], ["id", "tijdstip", "medewerker_id", "actie", "object_type", "object_id", "huishouden_id",
                                                   "omschrijving", "reden", "kanaal", "ip_adres"], rijen(), label="AuditRecord")

    def tellingen_bijwerken(self):
        with connection.cursor() as cur:
            P = self.M["inwoners.Persoon"]._meta.db_table
            for g in self.gebieden:
                cur.execute(f'SELECT count(*) FROM "{P}" WHERE gebied_id = %s', [g["id"]])
                self.M["accounts.Gebied"].objects.filter(pk=g["id"]).update(inwoners=cur.fetchone()[0])
            for gem in self.M["accounts.Gemeente"].objects.all():
                totaal = sum(g.inwoners for g in gem.gebieden.all())
                self.M["accounts.Gemeente"].objects.filter(pk=gem.pk).update(inwoners=totaal)

    def sequences(self):
        if not self.s.pg:
            return
        with connection.cursor() as cur:
            for t in self.grote_tabellen:
                cur.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE((SELECT max(id) FROM {quote(t)}), 0) + 1, false)",
                            [quote(t)])

    def run(self):
        t_start = time.monotonic()
        with transaction.atomic():
            t0 = time.monotonic()
            self.leegmaken_groot()
            indexen, fks = [], []
            if self.s.pg:
                with connection.cursor() as cur:
                    cur.execute("SET LOCAL maintenance_work_mem = '1GB'")
                    cur.execute("SET LOCAL max_parallel_maintenance_workers = 2")
                    indexen, fks = verwijder_indexen(cur, self.grote_tabellen)
            self.leegmaken_klein()
            log(f"leeggemaakt in {time.monotonic() - t0:.1f} s ({len(indexen)} indexen en {len(fks)} foreign keys tijdelijk weg)")
            t0 = time.monotonic()
            self.organisatie()
            log(f"organisatie in {time.monotonic() - t0:.1f} s")
            t0 = time.monotonic()
            log("huishoudens en personen …")
            self.huishoudens_en_personen()
            log(f"huishoudens en personen in {time.monotonic() - t0:.1f} s")
            t0 = time.monotonic()
            log("meldingen, onderzoeken, plannen …")
            self.casussen()
            log(f"casussen in {time.monotonic() - t0:.1f} s")
            t0 = time.monotonic()
            if self.a.audit:
                self.audit()
            if self.s.pg:
                log(f"indexen opbouwen ({len(indexen)}) …")
                t0 = time.monotonic()
                with connection.cursor() as cur:
                    for sql in indexen:
                        t1 = time.monotonic()
                        cur.execute(sql)
                        if time.monotonic() - t1 > 2:
                            log(f"  {time.monotonic() - t1:5.1f} s  {sql[:110]}")
                    log(f"indexen in {time.monotonic() - t0:.1f} s; foreign keys controleren ({len(fks)}) …")
                    t0 = time.monotonic()
                    for sql in fks:
                        cur.execute(sql)
                log(f"foreign keys in {time.monotonic() - t0:.1f} s")
            self.sequences()
            self.tellingen_bijwerken()
            schrijf_meta(self.a, self.s.tellingen, time.monotonic() - t_start)
        opdracht = "VACUUM ANALYZE" if self.s.pg else "ANALYZE"
        t0 = time.monotonic()
        with connection.cursor() as cur:
            cur.execute(opdracht)
        log(f"{opdracht} in {time.monotonic() - t0:.1f} s")
        duur = time.monotonic() - t_start
        schrijf_meta(self.a, self.s.tellingen, duur)  # again, now including VACUUM ANALYZE
        return duur


# --------------------------------------------------------------------------------------------------
# Meta and targets
# --------------------------------------------------------------------------------------------------

META_TABEL = "benchmark_meta"


def parameters(a) -> dict:
    return {"personen": a.personen, "huishoudens": a.huishoudens, "plannen": a.plannen, "generalisten": a.generalisten,
            "audit": a.audit, "seed": a.seed, "versie": GENERATOR_VERSIE}


def lees_meta() -> dict | None:
    if META_TABEL not in connection.introspection.table_names():
        return None
    with connection.cursor() as cur:
        cur.execute(f"SELECT gegevens FROM {META_TABEL} ORDER BY id DESC LIMIT 1")
        rij = cur.fetchone()
    return json.loads(rij[0]) if rij else None


def schrijf_meta(a, tellingen: dict, duur: float) -> None:
    with connection.cursor() as cur:
        if META_TABEL not in connection.introspection.table_names():
            cur.execute(f"CREATE TABLE {META_TABEL} (id integer PRIMARY KEY, gegevens text NOT NULL)")
        cur.execute(f"DELETE FROM {META_TABEL}")
        gegevens = {"parameters": parameters(a), "tellingen": tellingen, "duur_s": round(duur, 1),
                    "op": datetime.now(UTC).isoformat(timespec="seconds")}
        cur.execute(f"INSERT INTO {META_TABEL} (id, gegevens) VALUES (1, %s)", [json.dumps(gegevens)])


def schrijf_targets(pad: Path, wachtwoord: str, per_soort: int = 30) -> dict:
    """Per generalist: households to open (own plans and others in the own gebied) and search terms."""
    Medewerker = apps.get_model("accounts.Medewerker")
    P = apps.get_model("inwoners.Persoon")._meta.db_table
    H = apps.get_model("inwoners.Huishouden")._meta.db_table
    PL = apps.get_model("plannen.Ondersteuningsplan")._meta.db_table
    meng = "(id * 2654435761) %% 1000003"  # deterministic, portable pseudo-random order
    generalisten = list(Medewerker.objects.filter(rol="generalist", username__startswith="bench.").select_related("team__gebied")
                        .order_by("username"))
    per_gebied = defaultdict(list)
    for m in generalisten:
        per_gebied[m.team.gebied_id].append(m)
    uit = []
    with connection.cursor() as cur:
        for gebied_id, mensen in per_gebied.items():
            k = len(mensen) * per_soort
            cur.execute(f'SELECT id FROM "{H}" WHERE gebied_id = %s ORDER BY {meng} LIMIT %s', [gebied_id, k])
            huishoudens = [r[0] for r in cur.fetchall()]
            cur.execute(f'SELECT postcode, huisnummer, huisletter, toevoeging FROM "{H}" WHERE gebied_id = %s '
                        f'ORDER BY ({meng} + 7) %% 1000003 LIMIT %s', [gebied_id, k])
            adressen = [{"postcode": r[0], "huisnummer": r[1], "huisletter": r[2], "toevoeging": r[3]} for r in cur.fetchall()]
            cur.execute(f'SELECT bsn, voornamen, voorvoegsel, geslachtsnaam, geboortedatum FROM "{P}" WHERE gebied_id = %s '
                        f'ORDER BY {meng} LIMIT %s', [gebied_id, 2 * k])
            personen = cur.fetchall()
            def deel(lijst: list, i: int, n: int) -> list:
                """The i-th block of n; wraps around when a small area has fewer rows than its staff needs."""
                return [lijst[(i * n + j) % len(lijst)] for j in range(min(n, len(lijst)))] if lijst else []

            for i, m in enumerate(mensen):
                cur.execute(f'SELECT huishouden_id FROM "{PL}" WHERE regisseur_id = %s AND status IN (%s, %s) ORDER BY {meng} LIMIT %s',
                            [m.pk, "concept", "actief", per_soort])
                eigen = [r[0] for r in cur.fetchall()]
                pers = deel(personen, i, 2 * per_soort)
                uit.append({
                    "gebruikersnaam": m.username,
                    "gebied_id": gebied_id,
                    "dossiers": eigen + deel(huishoudens, i, per_soort),
                    "namen": [{"voornamen": p[1], "voorvoegsel": p[2], "geslachtsnaam": p[3], "geboortedatum": str(p[4])}
                              for p in pers[::2]],
                    "bsns": [p[0] for p in pers[1::2]],
                    "adressen": deel(adressen, i, per_soort),
                })
                if not (uit[-1]["dossiers"] and uit[-1]["namen"] and uit[-1]["bsns"] and uit[-1]["adressen"]):
                    raise SystemExit(f"Te weinig gegevens in gebied {gebied_id} voor {m.username}: genereer meer huishoudens.")
    gegevens = {"database": connection.settings_dict["NAME"], "meta": lees_meta(), "wachtwoord": wachtwoord, "medewerkers": uit}
    pad.parent.mkdir(parents=True, exist_ok=True)
    tmp = pad.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(gegevens, ensure_ascii=False, indent=1))
    tmp.replace(pad)
    return gegevens


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--personen", type=int, default=1_000_000)
    p.add_argument("--huishoudens", type=int, default=400_000)
    p.add_argument("--plannen", type=int, default=50_000, help="open plans (concept/actief)")
    p.add_argument("--generalisten", type=int, default=80)
    p.add_argument("--audit", type=int, default=None, help="audit-trail history rows (default: as many as --personen)")
    p.add_argument("--afgesloten-fractie", type=float, default=0.4, help="closed plans (history) as a fraction of --plannen")
    p.add_argument("--zeldzame-namen", type=int, default=None, help="synthetic rare surnames (default scales with --personen)")
    p.add_argument("--seed", type=int, default=20261123)
    p.add_argument("--wachtwoord", default=os.environ.get("KT_BENCH_WACHTWOORD", STANDAARD_WACHTWOORD))
    p.add_argument("--targets", type=Path, default=Path(__file__).resolve().parent / "results" / "targets.json")
    p.add_argument("--opnieuw", action="store_true", help="generate even if this size is already there")
    p.add_argument("--geen-migrate", action="store_true")
    a = p.parse_args(argv)
    if a.audit is None:
        a.audit = a.personen
    if a.zeldzame_namen is None:
        a.zeldzame_namen = max(200, min(40_000, a.personen // 30))
    if not (a.plannen <= a.huishoudens <= a.personen):
        p.error("verwacht plannen ≤ huishoudens ≤ personen")
    if a.generalisten < 1:
        p.error("minstens één generalist")

    db = connection.settings_dict
    log(f"database: {connection.vendor} {db['NAME']}")
    if connection.vendor == "sqlite" and a.personen > 100_000:
        log("let op: SQLite is alleen bedoeld voor kleine aantallen; gebruik PostgreSQL (DATABASE_URL) voor de echte benchmark")
    if not a.geen_migrate:
        t0 = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        log(f"migrate in {time.monotonic() - t0:.1f} s")

    meta = lees_meta()
    if meta and meta.get("parameters") == parameters(a) and not a.opnieuw:
        log(f"al gegenereerd op {meta['op']} met deze aantallen ({meta['duur_s']} s); --opnieuw om opnieuw te genereren")
    else:
        log(f"genereren: {getal(a.personen)} personen, {getal(a.huishoudens)} huishoudens, {getal(a.plannen)} open plannen, "
            f"{a.generalisten} generalisten, {getal(a.audit)} auditregels")
        duur = Generator(a).run()
        log(f"KLAAR: gegenereerd in {duur:.1f} s")
    t0 = time.monotonic()
    gegevens = schrijf_targets(a.targets, a.wachtwoord)
    log(f"doelen voor de loadtest: {a.targets} ({len(gegevens['medewerkers'])} generalisten, {time.monotonic() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
