"""Periodic export in the shape of the Gemeentelijke Monitor Sociaal Domein (GMSD, CBS): distinct clients per
gemeente, period (half year or year) and type of voorziening — aggregated counts only, never a person.

Wmo: the CBS grouping of "Wmo-cliënten; type maatwerkvoorziening (detail), regio" (StatLine 84839NED, GMSD): every
WMO020 productcategorie is a detail row under one of five groups — Hulp bij het huishouden, Ondersteuning thuis,
Hulpmiddelen en diensten, Verblijf en opvang, Overig — with "Totaal" and "Totaal exclusief verblijf en opvang".
Jeugd: jeugdhulp zonder verblijf / met verblijf (the split of CBS Beleidsinformatie Jeugd), jeugdbescherming and
jeugdreclassering, from the JZ020 productcategorie of the grants and, for the two measures, also from the
Jeugdmaatregelen on file.

Definition: a client is a distinct person with at least one grant (ToegewezenVoorziening, not revoked as
‘verwijderd’) of that type that applied on some day of the period, granted by the gemeente (GMSD counts per
gemeente that is responsible; here: the gemeente that granted). Group and total rows count a person once, however
many detail types they have, so detail rows do not add up to their group. A Jeugdmaatregel counts for the gemeente
of the youth's address. The small-cell rule of `drempel` applies: 1 up to the gemeente's threshold shows as "< 5".

Queries: one aggregate query per wet (a conditional COUNT(DISTINCT persoon) per row), plus two for the measures.
"""

from __future__ import annotations

import calendar
import csv
from dataclasses import dataclass
from datetime import date
from typing import TextIO

from django.db.models import Count, Q

from keukentafel.accounts.models import Gemeente
from keukentafel.codelijsten import ProductcategorieJeugd, ProductcategorieWmo, Wet
from keukentafel.inwoners.models import Jeugdmaatregel, Persoon, SoortMaatregel

from .drempel import Cel, aantal, verhouding
from .periode import Periode
from .selectie import Selectie

W = ProductcategorieWmo
J = ProductcategorieJeugd

BRON_WMO = (
    "CBS StatLine 84839NED ‘Wmo-cliënten; type maatwerkvoorziening (detail), regio’ (Gemeentelijke Monitor Sociaal "
    "Domein), indeling naar WMO020 productcategorie. CBS stopte deze tabel in december 2024 voor een verbeterde methode: "
    "indeling bij een nieuwe uitvraag te controleren."
)
BRON_JEUGD = (
    "CBS Beleidsinformatie Jeugd (jeugdhulp zonder/met verblijf, jeugdbescherming, jeugdreclassering); indeling van "
    "JZ020 productcategorieën naar zonder/met verblijf door Keukentafel: te controleren."
)


@dataclass(frozen=True)
class Soort:
    """One row of the export: a type of voorziening and the productcategorieën it covers."""

    wet: str
    niveau: str  # "totaal", "groep" or "detail"
    code: str
    naam: str
    categorieen: tuple[str, ...]


def _detail(c: ProductcategorieWmo) -> Soort:
    return Soort(Wet.WMO, "detail", f"wmo-{c.value}", c.label, (c.value,))


HBH = (W.HULP_BIJ_HET_HUISHOUDEN,)
ONDERSTEUNING_THUIS = (W.BEGELEIDING, W.PERSOONLIJKE_VERZORGING, W.KORTDUREND_VERBLIJF, W.OVERIGE_INDIVIDUEEL,
                       W.DAGBESTEDING, W.OVERIGE_GROEPSGERICHT)
HULPMIDDELEN_DIENSTEN = (W.WOONDIENSTEN, W.VERVOERDIENSTEN, W.ROLSTOELEN, W.VERVOERVOORZIENINGEN, W.WOONVOORZIENINGEN,
                         W.OVERIGE_HULPMIDDELEN)
VERBLIJF_OPVANG = (W.BESCHERMD_WONEN, W.OPVANG, W.SPOEDOPVANG, W.OVERIGE_BW_OPVANG)
OVERIG = (W.OVERIGE_MAATWERK,)
ALLE_WMO = HBH + ONDERSTEUNING_THUIS + HULPMIDDELEN_DIENSTEN + VERBLIJF_OPVANG + OVERIG


def _v(cs: tuple) -> tuple[str, ...]:
    return tuple(str(c.value) for c in cs)


SOORTEN_WMO: tuple[Soort, ...] = (
    Soort(Wet.WMO, "totaal", "wmo-totaal", "Totaal", _v(ALLE_WMO)),
    Soort(Wet.WMO, "totaal", "wmo-totaal-excl-verblijf", "Totaal exclusief verblijf en opvang",
          _v(HBH + ONDERSTEUNING_THUIS + HULPMIDDELEN_DIENSTEN + OVERIG)),
    Soort(Wet.WMO, "groep", "wmo-hbh", "Hulp bij het huishouden", _v(HBH)),
    Soort(Wet.WMO, "groep", "wmo-ondersteuning-thuis", "Ondersteuning thuis, totaal", _v(ONDERSTEUNING_THUIS)),
    *(_detail(c) for c in ONDERSTEUNING_THUIS),
    Soort(Wet.WMO, "groep", "wmo-hulpmiddelen-diensten", "Hulpmiddelen en diensten, totaal", _v(HULPMIDDELEN_DIENSTEN)),
    *(_detail(c) for c in HULPMIDDELEN_DIENSTEN),
    Soort(Wet.WMO, "groep", "wmo-verblijf-opvang", "Verblijf en opvang, totaal", _v(VERBLIJF_OPVANG)),
    *(_detail(c) for c in VERBLIJF_OPVANG),
    Soort(Wet.WMO, "groep", "wmo-overig", "Overig, totaal", _v(OVERIG)),
    *(_detail(c) for c in OVERIG),
)

#: JZ020 without stay: the 2015 ‘zonder verblijf’ codes, ambulant, dagbehandeling, ggz, personal care, transport and
#: crisis (46 is not necessarily a placement; as in jeugd_participatie). With stay: 2015 ‘met verblijf’ codes and
#: jeugdhulp verblijf (43, 44). 50 (maatwerkarrangementen), 55 (landelijk ingekocht) and 49 (preventief justitieel)
#: cannot be placed by category alone: they count in ‘Jeugdhulp, totaal’ only (50, 55) or not at all (49).
ZONDER_VERBLIJF = (J.WIJKTEAM_2015, J.AMBULANT_AANBIEDER_2015, J.DAGHULP_2015, J.NETWERK_2015, J.PERSOONLIJKE_VERZORGING,
                   J.DAGBEHANDELING, J.VERVOERDIENSTEN, J.AMBULANT, J.CRISIS, J.GENERALISTISCHE_BASIS_GGZ,
                   J.SPECIALISTISCHE_GGZ, J.KINDERGENEESKUNDE, J.JEUGD_GGZ)
MET_VERBLIJF = (J.PLEEGZORG_2015, J.GEZINSGERICHT_2015, J.GESLOTEN_2015, J.RESIDENTIEEL_2015, J.VERBLIJF_MET_BEHANDELING,
                J.VERBLIJF_ZONDER_BEHANDELING)
JEUGDHULP = ZONDER_VERBLIJF + MET_VERBLIJF + (J.MAATWERK, J.LANDELIJK)

SOORTEN_JEUGD: tuple[Soort, ...] = (
    Soort(Wet.JEUGDWET, "totaal", "jeugd-jeugdhulp", "Jeugdhulp, totaal", _v(JEUGDHULP)),
    Soort(Wet.JEUGDWET, "groep", "jeugd-zonder-verblijf", "Jeugdhulp zonder verblijf", _v(ZONDER_VERBLIJF)),
    Soort(Wet.JEUGDWET, "groep", "jeugd-met-verblijf", "Jeugdhulp met verblijf", _v(MET_VERBLIJF)),
    Soort(Wet.JEUGDWET, "groep", "jeugd-jeugdbescherming", "Jeugdbescherming", (J.JEUGDBESCHERMING.value,)),
    Soort(Wet.JEUGDWET, "groep", "jeugd-jeugdreclassering", "Jeugdreclassering", (J.JEUGDRECLASSERING.value,)),
)
#: The Jeugdmaatregel kinds behind the two measure rows.
MAATREGELEN = {
    "jeugd-jeugdbescherming": [SoortMaatregel.ONDERTOEZICHTSTELLING, SoortMaatregel.VOOGDIJ],
    "jeugd-jeugdreclassering": [SoortMaatregel.JEUGDRECLASSERING],
}

KOLOMMEN = [
    "gemeentecode", "gemeentenaam", "periode", "periode_van", "periode_tot", "wet", "niveau", "code",
    "soort_voorziening", "productcategorieen", "aantal_clienten", "per_1000_inwoners", "afgeschermd",
]


@dataclass(frozen=True)
class Rij:
    gemeente: Gemeente
    periode: Periode
    periodecode: str
    soort: Soort
    clienten: Cel
    per_1000: Cel

    def csv(self) -> list:
        return [
            self.gemeente.gemeentecode, self.gemeente.naam, self.periodecode, self.periode.van.isoformat(),
            self.periode.tot.isoformat(), self.soort.wet, self.soort.niveau, self.soort.code, self.soort.naam,
            " ".join(self.soort.categorieen), self.clienten.export, self.per_1000.export,
            "ja" if self.clienten.afgeschermd else "nee",
        ]


def gmsd_periode(jaar: int, halfjaar: int | None = None) -> tuple[Periode, str]:
    """The period and its CBS-style code: 2026JJ00 for a year, 2026HJ01 / 2026HJ02 for a half year."""
    if halfjaar is None:
        return Periode(date(jaar, 1, 1), date(jaar, 12, 31), str(jaar)), f"{jaar}JJ00"
    if halfjaar not in (1, 2):
        raise ValueError("Kies halfjaar 1 of 2.")
    eind = 6 * halfjaar
    periode = Periode(date(jaar, eind - 5, 1), date(jaar, eind, calendar.monthrange(jaar, eind)[1]), f"{halfjaar}e halfjaar {jaar}")
    return periode, f"{jaar}HJ{halfjaar:02d}"


def _tellingen(selectie: Selectie, soorten: tuple[Soort, ...]) -> dict[str, int]:
    """One query: COUNT(DISTINCT persoon) per row, each with its own category filter."""
    if not soorten:
        return {}
    qs = selectie.voorzieningen().filter(product__wet=soorten[0].wet).order_by()
    return qs.aggregate(**{
        s.code.replace("-", "_"): Count("persoon_id", distinct=True, filter=Q(product__productcategorie__in=s.categorieen))
        for s in soorten
    })


def _maatregelen(selectie: Selectie, code: str, categorieen: tuple[str, ...]) -> int:
    """Persons with a grant of the category or a measure of that kind in the period: each counted once."""
    p = selectie.periode
    grants = selectie.voorzieningen().filter(product__wet=Wet.JEUGDWET, product__productcategorie__in=categorieen)
    maatregelen = Jeugdmaatregel.objects.filter(
        soort__in=MAATREGELEN[code], begindatum__lte=p.tot, persoon__in=selectie.personen(),
    ).filter(Q(einddatum__isnull=True) | Q(einddatum__gte=p.van))
    return Persoon.objects.filter(Q(pk__in=grants.values("persoon_id")) | Q(pk__in=maatregelen.values("persoon_id"))).count()


def rijen(selectie: Selectie, periodecode: str | None = None) -> list[Rij]:
    """The export rows of a selection (per gemeente of the selection). Respects the selection's wet; a product
    category in the selection narrows every row to that category."""
    uit: list[Rij] = []
    code = periodecode or selectie.periode.naam
    soorten: list[tuple[Soort, ...]] = []
    if selectie.wet in ("", Wet.WMO):
        soorten.append(SOORTEN_WMO)
    if selectie.wet in ("", Wet.JEUGDWET):
        soorten.append(SOORTEN_JEUGD)
    for gemeente in selectie.gemeenten():
        per = Selectie(selectie.regio, selectie.periode, gemeente, selectie.gebied, selectie.team, selectie.wet, selectie.categorie)
        drempel = per.drempel()
        inwoners = per.inwoners()
        for groep in soorten:
            tellingen = _tellingen(per, groep)
            for s in groep:
                n = tellingen[s.code.replace("-", "_")]
                if s.code in MAATREGELEN:
                    n = _maatregelen(per, s.code, s.categorieen)
                uit.append(Rij(gemeente, per.periode, code, s, aantal(n, drempel), verhouding(n, inwoners, 1000, drempel)))
    return uit


def rijen_voor(gemeente: Gemeente, jaar: int, halfjaar: int | None = None) -> list[Rij]:
    periode, code = gmsd_periode(jaar, halfjaar)
    return rijen(Selectie(gemeente.regio, periode, gemeente), code)


def schrijf_csv(uit: TextIO, lijst: list[Rij]) -> None:
    """Semicolon CSV (as Dutch spreadsheets expect) with a header row of the documented column names."""
    schrijver = csv.writer(uit, delimiter=";")
    schrijver.writerow(KOLOMMEN)
    schrijver.writerows(r.csv() for r in lijst)


INDELING = [(s.code, s.naam, s.niveau, " ".join(s.categorieen)) for s in (*SOORTEN_WMO, *SOORTEN_JEUGD)]
