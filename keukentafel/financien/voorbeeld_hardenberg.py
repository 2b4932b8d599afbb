"""The example budget: Hardenberg's "Overzicht van baten en lasten" 2015–2018 (seed 001_8130d38cb886e681.txt §10.4)
loaded as four yearly budgets.

The amounts below are transcribed from the seed as data; the seed's "Overgangsrecht/onvoorzien" lines and the
"Totaal" rows are NOT transcribed: Overgangsrecht/onvoorzien is a saldopost (baten minus the other lasten of the
block), computed by `begroting.bedragen_op`, and the tests check that the computed figures equal the seed's.
"p.m." in the seed (Wmo 2015, eigen bijdragen) is loaded as 0 with a note; a blank cell (Implementatie gebiedsteams
after 2015) as 0 with a note as well.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from keukentafel.accounts.models import Gemeente, Medewerker

from .begroting import Postinvoer, maak_begroting
from .models import Begroting, Domein, Postsoort, Verdeelsleutel

BRON = "seed 001_8130d38cb886e681.txt §10.4"
NAAM = "Sociaal domein (voorbeeld Hardenberg)"
JAREN = (2015, 2016, 2017, 2018)
PM = None  # "p.m." in the seed
GEEN = "leeg"  # no figure in the seed for that year
L, B = Postsoort.LASTEN, Postsoort.BATEN

#: (domein, onderdeel, [(code, naam, soort, per jaar 2015..2018 in euro | PM | GEEN | "saldo", dekking, sleutel)]).
BLOKKEN: list[tuple[str, str, list[tuple]]] = [
    (Domein.WMO, "Wmo hulp bij het huishouden", [
        ("hbh-kosten", "Kosten Hulp bij huishouden", L, (4_240_000, 2_470_000, 2_530_000, 2_590_000), ["wmo:01"],
         Verdeelsleutel.GEBRUIK),
        ("hbh-apparaatskosten", "Apparaatskosten", L, (510_000, 510_000, 510_000, 510_000), [], ""),
        ("hbh-onvoorzien", "Overgangsrecht/onvoorzien", L, "saldo", [], ""),
        ("hbh-integratie-uitkering", "Integratie-uitkering WMO", B, (4_360_000, 3_860_000, 3_860_000, 3_860_000), [], ""),
        ("hbh-eigen-bijdragen", "Eigen bijdragen", B, (840_000, 270_000, 280_000, 290_000), [], ""),
    ]),
    (Domein.WMO, "Wmo 2015", [
        ("wmo-mantelzorg", "Mantelzorgondersteuning", L, (370_000, 370_000, 370_000, 370_000), [], ""),
        ("wmo-vrijwilligers", "Vrijwilligersondersteuning", L, (210_000, 210_000, 210_000, 210_000), [], ""),
        ("wmo-chronisch-zieken", "Chronisch zieken/comp.eigen risico", L, (750_000, 750_000, 930_000, 930_000), [], ""),
        ("wmo-mee", "Ondersteuning MEE", L, (590_000, 590_000, 590_000, 590_000), [], ""),
        ("wmo-begeleiding", "Begeleiding/persoonlijke verzorging", L, (7_660_000, 7_660_000, 7_660_000, 7_660_000),
         ["wmo:02", "wmo:03", "wmo:04", "wmo:07"], Verdeelsleutel.GEBRUIK),
        ("wmo-gebiedsteams", "Gebiedsteams", L, (1_300_000, 1_300_000, 1_300_000, 1_300_000), [], Verdeelsleutel.INWONERS),
        ("wmo-onvoorzien", "Overgangsrecht/onvoorzien", L, "saldo", [], ""),
        ("wmo-sociaal-deelfonds", "WMO 2015 Sociaal Deelfonds", B, (9_290_000, 9_720_000, 9_460_000, 9_430_000), [], ""),
        ("wmo-eigen-bijdragen", "Eigen bijdragen", B, (PM, PM, PM, PM), [], ""),
        ("wmo-gemeentelijke-bijdragen", "Gemeentelijke bijdragen Mantel/vrijw.", B, (90_000, 90_000, 90_000, 90_000), [], ""),
        ("wmo-apparaatskosten-dekking", "Apparaatkst in begroting/subsidies", B, (650_000, 650_000, 650_000, 650_000), [], ""),
        ("wmo-informele-zorg", "Versterken informele zorg", B, (150_000, 150_000, 150_000, 150_000), [], ""),
        ("wmo-implementatie-gebiedsteams", "Implementatie gebiedsteams", B, (180_000, GEEN, GEEN, GEEN), [], ""),
    ]),
    (Domein.JEUGD, "Jeugdzorg", [
        ("jeugd-jgz-maatwerk", "JGZ Maatwerk", L, (880_000, 880_000, 880_000, 880_000), [], ""),
        ("jeugd-rta", "Jeugdhulp via RTA", L, (13_070_000, 12_460_000, 11_950_000, 11_950_000),
         ["jeugdwet:41", "jeugdwet:43", "jeugdwet:44", "jeugdwet:45", "jeugdwet:46"], Verdeelsleutel.JEUGDIGEN),
        ("jeugd-bijdrage-rta", "Bijdrage RTA", L, (120_000, 120_000, 120_000, 120_000), [], ""),
        ("jeugd-gebiedsteams", "Gebiedsteams", L, (1_300_000, 1_300_000, 1_300_000, 1_300_000), [], Verdeelsleutel.INWONERS),
        ("jeugd-onvoorzien", "Overgangsrecht/onvoorzien", L, "saldo", [], ""),
        ("jeugd-sociaal-deelfonds", "Jeugdzorg Sociaal Deelfonds", B, (15_370_000, 14_660_000, 14_060_000, 14_060_000), [], ""),
        ("jeugd-apparaatskosten-dekking", "Apparaatkst in begroting/subsidies", B, (650_000, 650_000, 650_000, 650_000), [], ""),
        ("jeugd-gemeentelijke-middelen-jgz", "Gemeentelijke middelen JGZ", B, (750_000, 750_000, 750_000, 750_000), [], ""),
    ]),
    (Domein.PARTICIPATIE, "Participatie", [
        ("part-wsw-oud", "WSW-oud", L, (11_370_000, 11_020_000, 10_670_000, 10_310_000), [], ""),
        ("part-directe-kosten", "Directe kosten participatie", L, (370_000, 370_000, 370_000, 370_000), [], ""),
        ("part-apparaatskosten", "Apparaatskosten", L, (1_140_000, 1_140_000, 1_140_000, 1_140_000), [], ""),
        ("part-nieuw", "Participatie nieuw", L, (40_000, 110_000, 180_000, 240_000), [], ""),
        ("part-onvoorzien", "Overgangsrecht/onvoorzien", L, "saldo", [], ""),
        ("part-sociaal-deelfonds", "Participatiewet Sociaal Deelfonds", B, (11_590_000, 10_790_000, 10_010_000, 9_320_000), [], ""),
        ("part-gemeentelijke-bijdragen", "Gemeentelijke bijdragen", B, (2_160_000, 2_160_000, 2_160_000, 2_160_000), [], ""),
    ]),
]


def posten(jaar: int) -> list[Postinvoer]:
    """The lines of the example budget for `jaar` (2015–2018), amounts in cents."""
    i = JAREN.index(jaar)
    uit = []
    for domein, onderdeel, regels in BLOKKEN:
        for code, naam, soort, bedragen, dekking, sleutel in regels:
            saldo = bedragen == "saldo"
            waarde = None if saldo else bedragen[i]
            toelichting = ""
            if not saldo and waarde is PM:
                toelichting = "p.m. in de bron: als 0 opgenomen."
            elif waarde == GEEN:
                toelichting = f"Geen bedrag voor {jaar} in de bron: als 0 opgenomen."
            elif saldo:
                toelichting = "Afgeleid: baten min de overige lasten van het onderdeel."
            bedrag = None if saldo else (waarde * 100 if isinstance(waarde, int) else 0)
            uit.append(Postinvoer(
                domein=domein, onderdeel=onderdeel, code=code, naam=naam, soort=soort, saldopost=saldo, bedrag_cent=bedrag,
                dekking=dekking, verdeelsleutel=sleutel, toelichting=toelichting,
            ))
    return uit


@transaction.atomic
def laad(gemeente: Gemeente, door: Medewerker | None = None) -> list[tuple[Begroting, bool]]:
    """Load the four yearly budgets for `gemeente`; (begroting, newly created). Idempotent: a year that already holds
    the example budget is left alone; a year with another budget is refused (ValueError), nothing is written."""
    bestaand = {b.jaar: b for b in Begroting.objects.filter(gemeente=gemeente, jaar__in=JAREN)}
    anders = sorted(j for j, b in bestaand.items() if b.bron != BRON)
    if anders:
        raise ValueError(
            f"{gemeente} heeft al een andere begroting voor {', '.join(map(str, anders))}; het voorbeeld wordt niet geladen."
        )
    uit = []
    for jaar in JAREN:
        if jaar in bestaand:
            uit.append((bestaand[jaar], False))
            continue
        begroting = maak_begroting(
            gemeente, jaar, posten(jaar), naam=NAAM, bron=BRON, vastgesteld_op=date(jaar - 1, 11, 1), door=door,
            omschrijving="Primitieve begroting (overzicht van baten en lasten per 1 januari 2015)",
        )
        uit.append((begroting, True))
    return uit


__all__ = ["BLOKKEN", "BRON", "JAREN", "NAAM", "laad", "posten"]
