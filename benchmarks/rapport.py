#!/usr/bin/env python
"""Judge a locust run against the targets: p50/p95/p99 per request type with PASS/FAIL.

    python benchmarks/rapport.py benchmarks/results/volledig_stats.csv [--targets results/targets.json] [--smoke]

Prints a table (and writes it as Markdown next to the CSV, `<name>_tabel.md`). Exit code:
0 all fine; 1 harness problem or failed requests (a request type that never ran, any failure);
3 (full mode only) a latency target was missed. In --smoke mode latency is reported, not judged.
Standard library only, so it runs without Django or locust.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

#: Request name → p95 target in ms (issue: worklist/dossier < 150 ms, searches < 100 ms).
DOELEN = {"worklist": 150, "dossier": 150, "zoek_naam": 100, "zoek_bsn": 100, "zoek_postcode": 100}


def getal(n: float) -> str:
    return f"{n:,.0f}".replace(",", ".")


def lees(pad: Path) -> dict[str, dict]:
    with pad.open(newline="", encoding="utf-8") as f:
        return {r["Name"]: r for r in csv.DictReader(f)}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("stats", type=Path)
    p.add_argument("--targets", type=Path, default=None)
    p.add_argument("--smoke", action="store_true")
    a = p.parse_args(argv)
    if not a.stats.exists():
        print(f"FOUT: {a.stats} bestaat niet: locust heeft geen statistieken geschreven", file=sys.stderr)
        return 1
    rijen = lees(a.stats)
    regels = [
        "| verzoek | aantal | fouten | req/s | p50 ms | p95 ms | p99 ms | max ms | doel p95 | oordeel |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    harnas_fout = False
    gemist = []
    for naam, doel in DOELEN.items():
        r = rijen.get(naam)
        if r is None or int(r["Request Count"]) == 0:
            regels.append(f"| {naam} | 0 | – | – | – | – | – | – | < {doel} | GEEN VERZOEKEN |")
            harnas_fout = True
            continue
        aantal, fouten = int(r["Request Count"]), int(r["Failure Count"])
        p50, p95, p99 = (float(r[k]) for k in ("50%", "95%", "99%"))
        ok = p95 < doel
        if fouten:
            oordeel = "FOUTEN"
        elif a.smoke:
            oordeel = "(smoke: " + ("PASS" if ok else "FAIL") + ")"
        else:
            oordeel = "PASS" if ok else "FAIL"
        if not ok:
            gemist.append(naam)
        regels.append(
            f"| {naam} | {getal(aantal)} | {fouten} | {float(r['Requests/s']):.1f} | {p50:.0f} | {p95:.0f} | {p99:.0f} "
            f"| {float(r['Max Response Time']):.0f} | < {doel} | {oordeel} |"
        )
    totaal = rijen.get("Aggregated")
    alle_fouten = int(totaal["Failure Count"]) if totaal else 0
    if totaal:
        regels.append(
            f"| **alle** | {getal(int(totaal['Request Count']))} | {alle_fouten} | {float(totaal['Requests/s']):.1f} "
            f"| {float(totaal['50%']):.0f} | {float(totaal['95%']):.0f} | {float(totaal['99%']):.0f} "
            f"| {float(totaal['Max Response Time']):.0f} | | |"
        )
    tabel = "\n".join(regels)
    print(tabel)
    a.stats.with_name(a.stats.name.replace("_stats.csv", "") + "_tabel.md").write_text(tabel + "\n", encoding="utf-8")

    if a.targets and a.targets.exists():
        meta = (json.loads(a.targets.read_text(encoding="utf-8")).get("meta") or {})
        t, par = meta.get("tellingen", {}), meta.get("parameters", {})
        if t:
            print(
                f"\nData: {getal(t.get('Persoon', 0))} personen, {getal(t.get('Huishouden', 0))} huishoudens, "
                f"{getal(par.get('plannen', 0))} open plannen ({getal(t.get('Ondersteuningsplan', 0))} in totaal), "
                f"{getal(t.get('Melding', 0))} meldingen, {getal(t.get('AuditRecord', 0))} auditregels; "
                f"gegenereerd in {meta.get('duur_s')} s op {meta.get('op')}"
            )

    fouten_pad = a.stats.with_name(a.stats.name.replace("_stats.csv", "_failures.csv"))
    if alle_fouten and fouten_pad.exists():
        print("\nFouten:")
        with fouten_pad.open(newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                print(f"  {r['Name']}: {r['Error']} ({r['Occurrences']}x)")
    uitzonderingen = a.stats.with_name(a.stats.name.replace("_stats.csv", "_exceptions.csv"))
    if uitzonderingen.exists():
        with uitzonderingen.open(newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                harnas_fout = True
                print(f"\nFout in het loadscript ({r['Count']}x): {r['Message']}\n{r['Traceback'][-600:]}")
    if harnas_fout or alle_fouten:
        print("\nRESULTAAT: FOUT (harnas of mislukte verzoeken)")
        return 1
    if gemist and not a.smoke:
        print(f"\nRESULTAAT: doel gemist voor {', '.join(gemist)}")
        return 3
    print("\nRESULTAAT: " + ("smoke-run geslaagd" if a.smoke else "alle doelen gehaald"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
