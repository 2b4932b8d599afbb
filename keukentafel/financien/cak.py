"""The export file for the CAK: per calculated household and period, every counting grant with what the CAK needs
to levy the eigen bijdrage (who, which provision, how much, the cost price and our calculated amount).

CSV, semicolon-separated, UTF-8, one header line (`KOLOMMEN`), one line per counting grant; a household with several
grants has several lines with the same household figures (anti-cumulation: the CAK levies ONE contribution).
Amounts in whole cents, dates as YYYY-MM-DD. The BSN is in the file because the CAK identifies people by it; the file
is only downloaded by financiën, audited, and the BSN never appears in a URL or log line.
"""

from __future__ import annotations

import csv
from datetime import date
from typing import TextIO

from keukentafel.accounts.models import Gemeente
from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.inwoners.models import Huishoudlid, LidRol

from .blokken import blokken
from .models import Bijdrageberekening

#: (column, meaning) — the README section "Eigen bijdrage Wmo" lists the same.
KOLOMMEN: list[tuple[str, str]] = [
    ("gemeentecode", "CBS-gemeentecode (4 cijfers)"),
    ("periode_begin", "eerste dag van de bijdrageperiode"),
    ("periode_eind", "laatste dag van de bijdrageperiode"),
    ("periodelengte", "4w (vier weken) of maand"),
    ("huishouden_id", "nummer van het huishouden in Keukentafel"),
    ("bsn_aanvrager", "BSN van de aanvrager/hoofdbewoner: aan wie het CAK de bijdrage oplegt"),
    ("bsn_client", "BSN van de cliënt met deze voorziening"),
    ("toewijzingnummer", "toewijzingnummer (LDT_Nummer in de 301)"),
    ("wet", "wmo"),
    ("productcategorie", "WMO020"),
    ("productcode", "productcode"),
    ("leveringsvorm", "zin, pgb of pvb"),
    ("begindatum", "begindatum van de toewijzing"),
    ("einddatum", "einddatum van de toewijzing (leeg = open)"),
    ("omvang", "omvang per frequentie"),
    ("eenheid", "WJ756"),
    ("frequentie", "WMO757"),
    ("tarief_cent", "tarief per eenheid in cent"),
    ("kostprijs_voorziening_cent", "kostprijs van deze voorziening in de periode"),
    ("kostprijs_huishouden_cent", "kostprijs van alle meetellende voorzieningen van het huishouden in de periode (plafond)"),
    ("bijdrage_huishouden_cent", "berekende eigen bijdrage van het huishouden voor de periode"),
    ("regeling", "naam van de toegepaste regeling"),
]
def schrijf_export(gemeente: Gemeente, periode_begin: date, uit: TextIO) -> int:
    """Write the export of `gemeente`'s calculations for the period starting `periode_begin`; returns the data lines."""
    berekeningen = list(
        Bijdrageberekening.objects.filter(regeling__gemeente=gemeente, periode_begin=periode_begin)
        .select_related("regeling")
        .order_by("huishouden_id")
    )
    per_vz: dict[int, tuple[Bijdrageberekening, int]] = {}
    for b in berekeningen:
        for r in b.regels:
            if r.get("telt") and r.get("voorziening_id"):
                per_vz[r["voorziening_id"]] = (b, r["bedrag_cent"])
    vz: dict[int, dict] = {}
    for blok in blokken(sorted(per_vz)):
        for v in ToegewezenVoorziening.objects.filter(pk__in=blok).values(
            "id",
            "persoon_id",
            "persoon__bsn",
            "toewijzingnummer",
            "leveringsvorm",
            "begindatum",
            "einddatum",
            "omvang",
            "eenheid",
            "frequentie",
            "tarief_cent",
            "product__wet",
            "product__productcategorie",
            "product__productcode",
        ):
            vz[v["id"]] = v
    aanvrager: dict[int, str] = {}
    for blok in blokken([b.huishouden_id for b in berekeningen]):
        for hh, bsn in (
            Huishoudlid.objects.actief_op(periode_begin)
            .filter(huishouden_id__in=blok, rol=LidRol.AANVRAGER)
            .order_by("-begindatum")
            .values_list("huishouden_id", "persoon__bsn")
        ):
            aanvrager.setdefault(hh, bsn)
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([k for k, _ in KOLOMMEN])
    regels = 0
    for b in berekeningen:
        eigen = sorted(
            (v for r in b.regels if r.get("telt") and (v := vz.get(r.get("voorziening_id"))) is not None),
            key=lambda v: v["toewijzingnummer"],
        )
        for v in eigen:
            schrijver.writerow(
                [
                    gemeente.gemeentecode,
                    b.periode_begin.isoformat(),
                    b.periode_eind.isoformat(),
                    b.regeling.periodelengte,
                    b.huishouden_id,
                    aanvrager.get(b.huishouden_id, eigen[0]["persoon__bsn"]),
                    v["persoon__bsn"],
                    v["toewijzingnummer"],
                    v["product__wet"],
                    v["product__productcategorie"],
                    v["product__productcode"],
                    v["leveringsvorm"],
                    v["begindatum"].isoformat(),
                    v["einddatum"].isoformat() if v["einddatum"] else "",
                    v["omvang"],
                    v["eenheid"],
                    v["frequentie"],
                    v["tarief_cent"],
                    per_vz[v["id"]][1],
                    b.kostprijs_cent,
                    b.bedrag_cent,
                    b.regeling.naam,
                ]
            )
            regels += 1
    return regels


__all__ = ["KOLOMMEN", "schrijf_export"]
