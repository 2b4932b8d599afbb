#!/usr/bin/env python
"""Per page: server time and SQL of the benchmark's requests, without HTTP or load — to find why a page is slow.

    DATABASE_URL=postgres://…/keukentafel_bench .venv/bin/python benchmarks/profiel.py [--herhaal 20] [--sql]

Uses Django's test client in-process against the benchmark database (targets.json from
generate.py), logged in as the first generalists. For each request type it prints the median and
p95 of the wall time, the number of queries and the time spent in SQL; --sql also lists the
slowest distinct statements (parameters replaced, so no BSN or name is printed).
Writes happen as in production (audit records), inside a transaction that is rolled back.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keukentafel.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

_LITERAL = re.compile(r"'[^']*'|\b\d+\b")


def sql_sjabloon(sql: str, lengte: int = 300) -> str:
    """The statement with its literals replaced by ?, so statements group by shape and no value is printed."""
    return _LITERAL.sub("?", sql)[:lengte]


def verzoeken(m: dict, rng: random.Random):
    p = rng.choice(m["namen"])
    a = rng.choice(m["adressen"])
    return [
        ("worklist", "get", "/", None),
        ("dossier", "get", f"/inwoners/huishoudens/{rng.choice(m['dossiers'])}/", None),
        ("zoek_naam", "post", "/inwoners/zoeken/", {"geslachtsnaam": f"{p['voorvoegsel']} {p['geslachtsnaam']}".strip()}),
        ("zoek_naam_prefix", "post", "/inwoners/zoeken/", {"geslachtsnaam": p["geslachtsnaam"][:3]}),
        ("zoek_bsn", "post", "/inwoners/zoeken/", {"bsn": rng.choice(m["bsns"])}),
        ("zoek_postcode", "post", "/inwoners/zoeken/", {"postcode": a["postcode"], "huisnummer": a["huisnummer"]}),
    ]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--targets", type=Path, default=Path(__file__).resolve().parent / "results" / "targets.json")
    ap.add_argument("--herhaal", type=int, default=20)
    ap.add_argument("--medewerkers", type=int, default=8)
    ap.add_argument("--sql", action="store_true")
    a = ap.parse_args(argv)
    settings.ALLOWED_HOSTS = ["*"]
    doelen = json.loads(a.targets.read_text(encoding="utf-8"))
    from django.contrib.auth import get_user_model

    tijden = defaultdict(list)
    aantallen = defaultdict(list)
    sqltijd = defaultdict(list)
    per_statement = defaultdict(lambda: [0, 0.0])
    rng = random.Random(1)
    for m in doelen["medewerkers"][: a.medewerkers]:
        client = Client()
        client.force_login(get_user_model().objects.get(username=m["gebruikersnaam"]))
        for ronde in range(a.herhaal):
            for naam, methode, url, data in verzoeken(m, rng):
                with transaction.atomic():
                    with CaptureQueriesContext(connection) as ctx:
                        t0 = time.perf_counter()
                        r = getattr(client, methode)(url, data or {})
                        dt = (time.perf_counter() - t0) * 1000
                    transaction.set_rollback(True)
                if r.status_code != 200:
                    print(f"{naam}: status {r.status_code}", file=sys.stderr)
                if ronde == 0:
                    continue  # warm-up
                tijden[naam].append(dt)
                aantallen[naam].append(len(ctx.captured_queries))
                sqltijd[naam].append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
                for q in ctx.captured_queries:
                    sleutel = (naam, sql_sjabloon(q["sql"]))
                    per_statement[sleutel][0] += 1
                    per_statement[sleutel][1] += float(q["time"]) * 1000
    print(f"{'verzoek':<18} {'n':>4} {'p50 ms':>7} {'p95 ms':>7} {'queries':>8} {'SQL ms p50':>10}")
    for naam, lijst in tijden.items():
        lijst.sort()
        p95 = lijst[min(len(lijst) - 1, int(0.95 * len(lijst)))]
        print(f"{naam:<18} {len(lijst):>4} {statistics.median(lijst):7.1f} {p95:7.1f} {statistics.median(aantallen[naam]):8.0f} "
              f"{statistics.median(sqltijd[naam]):10.1f}")
    if a.sql:
        print("\nTraagste statements (totale tijd):")
        for (naam, sql), (n, ms) in sorted(per_statement.items(), key=lambda kv: -kv[1][1])[:15]:
            print(f"\n[{naam}] {n}x, {ms / n:.2f} ms gemiddeld\n  {sql}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
