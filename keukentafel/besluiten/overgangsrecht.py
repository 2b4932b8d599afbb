"""Overgangsrecht: existing indications (CIZ, oude Wmo, BJZ, pgb) become grants, with a dry run first.

The file is a CSV (UTF-8, with or without BOM, `;` or `,`) or an Excel workbook (.xlsx, first sheet)
with a header row; headers are case-insensitive. One row is one indication:

    kolom             verplicht     inhoud
    bsn               ja            9 cijfers, elfproef
    wet               nee           wmo (standaard) of jeugdwet
    productcategorie  ja            WMO020 / JZ020, bijvoorbeeld 02
    productcode       ja            zoals in de contracten, bijvoorbeeld 02A01
    omvang            ja            geheel getal groter dan 0 (ook: volume)
    eenheid           ja            WJ756, bijvoorbeeld 04 (uur)
    frequentie        ja            WMO757: 1 per dag, 2 per week, 4 per maand, 6 totaal
    begindatum        nee           standaard de importdatum
    einddatum         ja            niet in het verleden
    bron              ja            CIZ, oude Wmo, BJZ of pgb
    leveringsvorm     nee           zin, pgb of pvb; standaard pgb als de bron pgb is, anders zin
    aanbieder_agb     bij zin/pvb   AGB-code van de aanbieder (8 cijfers)
    pgb_tarief        nee           euro per eenheid, bijvoorbeeld 54,00; standaard het maximale pgb-tarief

Dates as dd-mm-jjjj or jjjj-mm-dd. `controleer_bestand` checks every row against every grant rule
(`regels.controleer`) and writes nothing; `importeer` does the same and then, only if no row has an
error, creates all grants in one transaction through `services.ken_toe`, each with a Herbeoordeling.
The file's sha256 is kept, so the same file is never imported twice. Error texts name the row
(header = row 1), the column and at most a masked BSN; logs hold counts only.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import math
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from keukentafel.aanbod.models import Aanbieder, Product
from keukentafel.aanbod.services import Contracttarief, goedkoopste_zin_tarief
from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gemeente, Medewerker
from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import BeleidOntbreekt, geldende_waarde
from keukentafel.codelijsten import Eenheid, Frequentie, Wet
from keukentafel.inwoners.models import Huishouden, Huishoudlid, Persoon
from keukentafel.inwoners.validators import validate_bsn
from keukentafel.logging import mask_bsn

from .models import Grondslag, Herbeoordeling, Indicatieimport, Leveringsvorm
from .regels import JAARFACTOR, Pgbgegevens, Pvbgegevens, Regelovertreding, Toekenningsverzoek, controleer, euro, getal, jaarverplichting
from .services import ken_toe, reserveer_nummers

logger = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
MAX_RIJEN = 200_000
#: Rows read at most, empty ones included (a stray cell far below the data would otherwise make us read a million rows).
MAX_FYSIEKE_RIJEN = 2 * MAX_RIJEN
MAX_KOLOMMEN = 40
#: An .xlsx is a zip: refuse one that unpacks to more than this (zip bomb).
MAX_UITGEPAKT = 250 * 1024 * 1024
#: Row errors kept for the report; beyond this only the count goes up.
MAX_FOUTEN = 10_000
#: Lookups of persons and households per query.
BLOK = 2_000

VERPLICHTE_KOLOMMEN = ("bsn", "productcategorie", "productcode", "omvang", "eenheid", "frequentie", "einddatum", "bron")
OPTIONELE_KOLOMMEN = ("wet", "begindatum", "leveringsvorm", "aanbieder_agb", "pgb_tarief")
ALIASSEN = {"volume": "omvang", "agb": "aanbieder_agb", "agb_code": "aanbieder_agb", "aanbieder": "aanbieder_agb"}

#: Accepted spellings of the source of the old indication → how it is stored (ToegewezenVoorziening.indicatiebron).
BRONNEN = {"ciz": "CIZ", "oude wmo": "oude Wmo", "oudewmo": "oude Wmo", "oude_wmo": "oude Wmo", "wmo": "oude Wmo",
           "bjz": "BJZ", "bureau jeugdzorg": "BJZ", "pgb": "pgb"}
WETTEN = {"wmo": Wet.WMO, "wmo 2015": Wet.WMO, "wmo2015": Wet.WMO, "jeugdwet": Wet.JEUGDWET, "jeugd": Wet.JEUGDWET, "jw": Wet.JEUGDWET}

#: Which column a rule refusal is about (rule code from regels.controleer → column).
KOLOM_VAN_REGEL = {
    "product_inactief": "productcode", "leveringsvorm": "leveringsvorm", "omvang": "omvang", "maximale_omvang": "omvang",
    "eenheid": "eenheid", "frequentie": "frequentie", "periode": "einddatum", "einddatum_verplicht": "einddatum", "overlap": "productcode",
    "aanbieder_verplicht": "aanbieder_agb", "aanbieder_inactief": "aanbieder_agb", "kwaliteitsbewijs_verlopen": "aanbieder_agb",
    "geen_contract": "aanbieder_agb", "pgb_zonder_aanbieder": "aanbieder_agb", "pvb_regie": "leveringsvorm",
    "pgb_niet_voor_product": "leveringsvorm", "pgb_jeugdmaatregel": "leveringsvorm", "pgb_geen_zin_tarief": "pgb_tarief",
    "pgb_tarief": "pgb_tarief", "pgb_boven_maximum": "pgb_tarief", "volumeplafond": "aanbieder_agb", "budgetplafond": "aanbieder_agb",
}

PGB_PLAN = "Overgangsrecht: voortzetting van het bestaande pgb (bron {bron}) tot de herbeoordeling."
PGB_MOTIVERING = (
    "Overgangsrecht: de inwoner had op grond van de bestaande indicatie al een pgb; "
    "de keuze tussen zorg in natura en pgb komt terug in de herbeoordeling."
)
PVB_MOTIVERING = "Overgangsrecht: de bestaande keuze voor deze aanbieder loopt door tot de herbeoordeling."

Voortgang = Callable[[str, int, int], None]
Bestand = str | Path | bytes | IO[bytes]


class Bestandsfout(Exception):
    """The file as a whole cannot be read; the message is Dutch and meant for the user."""


@dataclass(frozen=True)
class Rijfout:
    rij: int
    kolom: str
    reden: str


@dataclass
class Importrapport:
    """What a dry run or import found; `ok` only when there is at least one row and no error at all."""

    bestandsnaam: str
    sha256: str = ""
    droog: bool = True
    aantal_rijen: int = 0
    bestandsfout: str = ""
    waarschuwingen: list[str] = field(default_factory=list)
    fouten: list[Rijfout] = field(default_factory=list)
    aantal_fouten: int = 0
    foutieve_rijen: set[int] = field(default_factory=set)
    per_leveringsvorm: dict[str, int] = field(default_factory=dict)
    cohorten: dict[str, int] = field(default_factory=dict)
    geimporteerd: int = 0
    indicatieimport: Indicatieimport | None = None

    @property
    def ok(self) -> bool:
        return not self.bestandsfout and not self.aantal_fouten and self.aantal_rijen > 0

    @property
    def rijen_zonder_fout(self) -> int:
        return self.aantal_rijen - len(self.foutieve_rijen)

    @property
    def fouten_weggelaten(self) -> int:
        return self.aantal_fouten - len(self.fouten)

    def fout(self, rij: int, kolom: str, reden: str) -> None:
        self.aantal_fouten += 1
        self.foutieve_rijen.add(rij)
        if len(self.fouten) < MAX_FOUTEN:
            self.fouten.append(Rijfout(rij, kolom, reden))

    def regelfouten(self, rij: int, overtreding: ValidationError) -> None:
        for e in overtreding.error_list:
            self.fout(rij, KOLOM_VAN_REGEL.get(e.code or "", ""), str(e.message))


@dataclass
class _Rij:
    """One row after parsing its fields (person still to be looked up)."""

    nummer: int
    bsn: str
    product: Product
    omvang: int
    eenheid: str
    frequentie: str
    begindatum: date
    einddatum: date
    bron: str
    leveringsvorm: str
    aanbieder: Aanbieder | None
    pgb_tarief_cent: int | None


@dataclass
class _Toekenning:
    """A row that passed every check: what `importeer` hands to `ken_toe`."""

    nummer: int
    verzoek: Toekenningsverzoek
    huishouden: Huishouden | None
    bron: str


def cohort(einddatum: date) -> str:
    """The quarter of the end date, e.g. 2027-K1: re-assessments are planned per quarter."""
    return f"{einddatum.year}-K{(einddatum.month - 1) // 3 + 1}"


def gemaskeerd(bsn: str) -> str:
    """A BSN as a report may show it (the last four digits), the same way `Persoon.bsn_gemaskeerd` does."""
    return Persoon(bsn=bsn).bsn_gemaskeerd


def sha256_van(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------------------------------------------
# Reading the file: bytes → header + rows of raw cell values, refusing anything hostile or broken
# ---------------------------------------------------------------------------------------------------


def lees_inhoud(bestand: Bestand, bestandsnaam: str = "") -> tuple[str, bytes]:
    """(name, bytes) of a path, bytes or an uploaded file, refusing more than MAX_BYTES without reading it all."""
    te_groot = Bestandsfout(f"Het bestand is groter dan {MAX_BYTES // (1024 * 1024)} MB. Splits het in kleinere bestanden.")
    if isinstance(bestand, str | Path):
        pad = Path(bestand)
        if pad.stat().st_size > MAX_BYTES:
            raise te_groot
        return bestandsnaam or pad.name, pad.read_bytes()
    if isinstance(bestand, bytes | bytearray):
        data = bytes(bestand)
    else:
        if (getattr(bestand, "size", None) or 0) > MAX_BYTES:
            raise te_groot
        if hasattr(bestand, "seek"):
            bestand.seek(0)
        data = bestand.read(MAX_BYTES + 1)
        bestandsnaam = bestandsnaam or Path(getattr(bestand, "name", "") or "").name
    if len(data) > MAX_BYTES:
        raise te_groot
    return bestandsnaam or "bestand", data


def _rijen_uit_bestand(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    if not data.strip():
        raise Bestandsfout("Het bestand is leeg.")
    if data[:4] == b"PK\x03\x04":
        return _xlsx_rijen(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise Bestandsfout(
            "Oude Excel-bestanden (.xls) worden niet ondersteund. Sla het bestand op als Excel-werkmap (.xlsx) of als CSV (UTF-8)."
        )
    return _csv_rijen(data)


def _xlsx_rijen(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    import openpyxl

    onleesbaar = "Het bestand kon niet worden gelezen als Excel-werkmap (.xlsx). Controleer het bestand of sla het op als CSV (UTF-8)."
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if sum(i.file_size for i in z.infolist()) > MAX_UITGEPAKT:
                raise Bestandsfout("Het Excel-bestand is uitgepakt te groot om in te lezen. Splits het in kleinere bestanden.")
        werkmap = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Bestandsfout:
        raise
    except Exception as e:  # hostile input: any parser error means "not a readable workbook"
        raise Bestandsfout(onleesbaar) from e
    try:
        if not werkmap.worksheets:
            raise Bestandsfout("De Excel-werkmap heeft geen werkblad.")
        for nummer, rij in enumerate(werkmap.worksheets[0].iter_rows(max_col=MAX_KOLOMMEN, values_only=True), start=1):
            yield nummer, list(rij)
    except Bestandsfout:
        raise
    except Exception as e:
        raise Bestandsfout(onleesbaar) from e
    finally:
        werkmap.close()


_BINAIR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _csv_rijen(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    try:
        tekst = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise Bestandsfout(
            "Dit is geen CSV-bestand in UTF-8 en ook geen Excel-werkmap (.xlsx). "
            "Sla het bestand op als 'CSV UTF-8 (door lijstscheidingsteken gescheiden)' of als .xlsx."
        ) from e
    if _BINAIR.search(tekst):
        raise Bestandsfout("Het bestand bevat binaire gegevens en is geen CSV-bestand. Gebruik CSV (UTF-8) of een Excel-werkmap (.xlsx).")
    kop = tekst.lstrip("\r\n").split("\n", 1)[0]
    scheiding = ";" if kop.count(";") >= kop.count(",") and ";" in kop else ","
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding, strict=True)
    nummer = 0
    try:
        for nummer, rij in enumerate(lezer, start=1):
            yield nummer, rij
    except csv.Error as e:
        raise Bestandsfout(f"Rij {nummer + 1} is geen geldige CSV-regel (bijvoorbeeld een aanhalingsteken dat niet wordt gesloten).") from e


def _kopnaam(waarde: Any) -> str:
    tekst = str(waarde or "").strip().lstrip("\ufeff").lower()
    tekst = re.sub(r"[\s\-]+", "_", tekst)
    return ALIASSEN.get(tekst, tekst)


def _leeg(rij: list[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in rij)


def _lees_tabel(data: bytes, rapport: Importrapport) -> list[tuple[int, dict[str, Any]]]:
    """Header and data rows as {kolom: raw value}; empty rows are skipped but keep their row number."""
    rijen = _rijen_uit_bestand(data)
    kolommen: dict[str, int] | None = None
    uitkomst: list[tuple[int, dict[str, Any]]] = []
    te_veel = Bestandsfout(f"Het bestand heeft meer dan {MAX_RIJEN:,} rijen. Splits het in kleinere bestanden.".replace(",", "."))
    for nummer, rij in rijen:
        if nummer > MAX_FYSIEKE_RIJEN:
            raise te_veel
        if _leeg(rij):
            continue
        if kolommen is None:
            kolommen = _kolommen(rij, rapport)
            continue
        if len(uitkomst) >= MAX_RIJEN:
            raise te_veel
        uitkomst.append((nummer, {k: (rij[i] if i < len(rij) else None) for k, i in kolommen.items()}))
    if kolommen is None or not uitkomst:
        raise Bestandsfout("Het bestand bevat geen rijen met indicaties onder de kopregel.")
    return uitkomst


def _kolommen(kop: list[Any], rapport: Importrapport) -> dict[str, int]:
    bekend = set(VERPLICHTE_KOLOMMEN) | set(OPTIONELE_KOLOMMEN)
    kolommen: dict[str, int] = {}
    for i, waarde in enumerate(kop):
        naam = _kopnaam(waarde)
        if not naam:
            continue
        if naam in kolommen:
            raise Bestandsfout(f"De kolom '{naam}' staat twee keer in de kopregel.")
        if naam not in bekend:
            # Name the column by position only: in a file without a header row, row 1 holds data such as a BSN.
            rapport.waarschuwingen.append(f"Kolom {i + 1} van de kopregel is geen bekende kolomnaam en wordt niet gebruikt.")
            continue
        kolommen[naam] = i
    ontbreekt = [k for k in VERPLICHTE_KOLOMMEN if k not in kolommen]
    if ontbreekt:
        raise Bestandsfout(
            f"De kopregel (rij 1) mist de verplichte kolom{'men' if len(ontbreekt) > 1 else ''} {', '.join(ontbreekt)}. "
            f"Verwachte kolommen: {', '.join(VERPLICHTE_KOLOMMEN + OPTIONELE_KOLOMMEN)}."
        )
    return kolommen


# ---------------------------------------------------------------------------------------------------
# Parsing the fields of one row
# ---------------------------------------------------------------------------------------------------


class _Veldfout(ValueError):
    pass


def _tekst(waarde: Any) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde).strip()


def _code(waarde: Any, lengte: int) -> str:
    """A code cell; Excel turns 04 into 4, so short numeric codes get their leading zeros back."""
    tekst = _tekst(waarde)
    return tekst.zfill(lengte) if tekst.isdigit() and len(tekst) < lengte else tekst


_DATUM_NL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_DATUM_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")


def _datum(waarde: Any) -> date:
    if isinstance(waarde, datetime):
        return waarde.date()
    if isinstance(waarde, date):
        return waarde
    tekst = _tekst(waarde)
    try:
        if m := _DATUM_NL.match(tekst):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if m := _DATUM_ISO.match(tekst):
            return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as e:
        raise _Veldfout(f"'{tekst[:20]}' is geen bestaande datum.") from e
    raise _Veldfout("Vul een datum in als dd-mm-jjjj, bijvoorbeeld 31-12-2027.")


def _bedrag_cent(waarde: Any) -> int:
    if isinstance(waarde, int | float) and not isinstance(waarde, bool):
        bedrag = Decimal(str(waarde))
    else:
        tekst = _tekst(waarde).replace("€", "").replace(" ", "")
        if "," in tekst:
            tekst = tekst.replace(".", "").replace(",", ".")
        try:
            bedrag = Decimal(tekst)
        except InvalidOperation as e:
            raise _Veldfout("Vul het pgb-tarief in euro's in, bijvoorbeeld 54,00.") from e
    if not bedrag.is_finite() or bedrag <= 0 or bedrag > 100_000:
        raise _Veldfout("Het pgb-tarief moet een bedrag groter dan € 0 zijn.")
    if bedrag != bedrag.quantize(Decimal("0.01")):
        raise _Veldfout("Een bedrag heeft ten hoogste twee cijfers achter de komma.")
    return int((bedrag * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


@dataclass
class _Catalogus:
    """Products and providers read once per file (a few hundred rows) instead of once per row."""

    producten: dict[tuple[str, str, str], Product]
    aanbieders: dict[str, Aanbieder]

    @classmethod
    def laad(cls) -> _Catalogus:
        return cls(
            {(p.wet, p.productcategorie, p.productcode): p for p in Product.objects.all()},
            {a.agb_code: a for a in Aanbieder.objects.all()},
        )


def _lees_rij(nummer: int, waarden: dict[str, Any], catalogus: _Catalogus, op: date, rapport: Importrapport) -> _Rij | None:
    """Parse and check the fields of one row; report each problem with its column; None when any field is wrong."""
    fouten_voor = rapport.aantal_fouten
    gelezen: dict[str, Any] = {}

    def veld(kolom: str, lees: Callable[[Any], Any], verplicht: bool = True, standaard: Any = None) -> None:
        waarde = waarden.get(kolom)
        if isinstance(waarde, str) and waarde.lstrip().startswith("="):
            rapport.fout(nummer, kolom, "Formules zijn niet toegestaan: zet de waarde zelf in de cel.")
            return
        if _tekst(waarde) == "" and not isinstance(waarde, date):
            if verplicht:
                rapport.fout(nummer, kolom, f"Vul de kolom {kolom} in.")
            else:
                gelezen[kolom] = standaard
            return
        try:
            gelezen[kolom] = lees(waarde)
        except _Veldfout as e:
            rapport.fout(nummer, kolom, str(e))

    veld("bsn", _lees_bsn)
    veld("wet", _lees_wet, verplicht=False, standaard=Wet.WMO)
    veld("productcategorie", lambda w: _code(w, 2))
    veld("productcode", _tekst)
    veld("omvang", _lees_omvang)
    veld("eenheid", _lees_eenheid)
    veld("frequentie", _lees_frequentie)
    veld("begindatum", _datum, verplicht=False, standaard=op)
    veld("einddatum", _datum)
    veld("bron", _lees_bron)
    veld("leveringsvorm", _lees_leveringsvorm, verplicht=False)
    veld("aanbieder_agb", lambda w: _lees_aanbieder(w, catalogus), verplicht=False)
    veld("pgb_tarief", _bedrag_cent, verplicht=False)

    product = None
    if {"wet", "productcategorie", "productcode"} <= gelezen.keys():
        sleutel = (gelezen["wet"], gelezen["productcategorie"], gelezen["productcode"])
        product = catalogus.producten.get(sleutel) or catalogus.producten.get((*sleutel[:2], _code(sleutel[2], 5)))
        if product is None:
            wet = Wet(sleutel[0]).label
            rapport.fout(nummer, "productcode", f"Onbekend product {sleutel[1]}{sleutel[2]} ({wet}) in de productcatalogus.")
    if (eind := gelezen.get("einddatum")) is not None and eind < op:
        rapport.fout(nummer, "einddatum", f"De einddatum {eind:%d-%m-%Y} ligt in het verleden: deze indicatie is al afgelopen.")
    if rapport.aantal_fouten > fouten_voor or product is None:
        return None
    vorm = gelezen["leveringsvorm"] or (Leveringsvorm.PGB if gelezen["bron"] == "pgb" else Leveringsvorm.ZIN)
    return _Rij(
        nummer=nummer, bsn=gelezen["bsn"], product=product, omvang=gelezen["omvang"], eenheid=gelezen["eenheid"],
        frequentie=gelezen["frequentie"], begindatum=gelezen["begindatum"], einddatum=gelezen["einddatum"], bron=gelezen["bron"],
        leveringsvorm=vorm, aanbieder=gelezen["aanbieder_agb"], pgb_tarief_cent=gelezen["pgb_tarief"],
    )


def _lees_bsn(waarde: Any) -> str:
    tekst = _tekst(waarde).replace(" ", "").replace(".", "")
    if isinstance(waarde, int | float) and tekst.isdigit():
        tekst = tekst.zfill(9)  # Excel drops the leading zero of a BSN stored as a number
    try:
        validate_bsn(tekst)
    except ValidationError as e:
        raise _Veldfout(e.messages[0]) from e
    return tekst


def _lees_wet(waarde: Any) -> str:
    wet = WETTEN.get(_tekst(waarde).lower())
    if wet is None:
        raise _Veldfout("Kies als wet wmo of jeugdwet.")
    return wet


def _lees_omvang(waarde: Any) -> int:
    tekst = _tekst(waarde)
    if not tekst.isdigit() or int(tekst) <= 0:
        raise _Veldfout("De omvang is een geheel getal groter dan 0.")
    if int(tekst) > 1_000_000:
        raise _Veldfout("De omvang is onwaarschijnlijk groot.")
    return int(tekst)


def _lees_eenheid(waarde: Any) -> str:
    code = _code(waarde, 2)
    if code not in Eenheid.values:
        raise _Veldfout(f"Onbekende eenheid; gebruik een code uit WJ756 ({', '.join(Eenheid.values)}).")
    return code


def _lees_frequentie(waarde: Any) -> str:
    code = _tekst(waarde)
    if code not in Frequentie.values:
        raise _Veldfout(f"Onbekende frequentie; gebruik een code uit WMO757 ({', '.join(Frequentie.values)}).")
    return code


def _lees_bron(waarde: Any) -> str:
    bron = BRONNEN.get(re.sub(r"\s+", " ", _tekst(waarde).lower()))
    if bron is None:
        raise _Veldfout("Onbekende bron; kies CIZ, oude Wmo, BJZ of pgb.")
    return bron


def _lees_leveringsvorm(waarde: Any) -> str:
    vorm = _tekst(waarde).lower()
    if vorm not in Leveringsvorm.values:
        raise _Veldfout("Kies als leveringsvorm zin, pgb of pvb.")
    return vorm


def _lees_aanbieder(waarde: Any, catalogus: _Catalogus) -> Aanbieder:
    agb = _code(waarde, 8)
    if not re.fullmatch(r"\d{8}", agb):
        raise _Veldfout("Een AGB-code bestaat uit precies 8 cijfers.")
    aanbieder = catalogus.aanbieders.get(agb)
    if aanbieder is None:
        raise _Veldfout(f"Er is geen aanbieder met AGB-code {agb}.")
    return aanbieder


# ---------------------------------------------------------------------------------------------------
# The checks of a whole file (the dry run)
# ---------------------------------------------------------------------------------------------------


def _in_blokken(waarden: list, grootte: int = BLOK) -> Iterable[list]:
    for i in range(0, len(waarden), grootte):
        yield waarden[i : i + grootte]


def _personen(bsns: set[str]) -> dict[str, Persoon]:
    uitkomst: dict[str, Persoon] = {}
    for blok in _in_blokken(sorted(bsns)):
        uitkomst.update({p.bsn: p for p in Persoon.objects.filter(bsn__in=blok)})
    return uitkomst


def _huishoudens(persoon_ids: list[int], op: date) -> dict[int, Huishouden]:
    """Each person's current household (the latest membership running on `op`)."""
    uitkomst: dict[int, Huishouden] = {}
    for blok in _in_blokken(persoon_ids):
        leden = Huishoudlid.objects.actief_op(op).filter(persoon_id__in=blok).select_related("huishouden").order_by("begindatum", "id")
        uitkomst.update({lid.persoon_id: lid.huishouden for lid in leden})
    return uitkomst


class _Bestandsoverlap:
    """Grants of earlier rows of the same file, per person and product, to find overlaps before the database can."""

    def __init__(self) -> None:
        self._periodes: dict[tuple[int, int], list[tuple[date, date, int]]] = defaultdict(list)

    def controleer(self, persoon: Persoon, rij: _Rij) -> int | None:
        """Row number of an earlier row this one overlaps with, else None (and the row is remembered)."""
        periodes = self._periodes[(persoon.pk, rij.product.pk)]
        for begin, eind, nummer in periodes:
            if rij.begindatum <= eind and begin <= rij.einddatum:
                return nummer
        periodes.append((rij.begindatum, rij.einddatum, rij.nummer))
        return None


class _Bestandsplafonds:
    """Yearly commitment that earlier rows of the file add under each capped contract (the database only knows its own grants)."""

    def __init__(self) -> None:
        self._bestaand: dict[int, tuple[int, int]] = {}
        self._erbij: dict[int, tuple[int, int]] = defaultdict(lambda: (0, 0))

    def voeg_toe(self, verzoek: Toekenningsverzoek, ct: Contracttarief) -> str | None:
        """A refusal when this row together with the earlier ones exceeds a ceiling, else None (and the row counts)."""
        contract = ct.contract
        if contract.volumeplafond is None and contract.budgetplafond_cent is None:
            return None
        if contract.pk not in self._bestaand:
            self._bestaand[contract.pk] = jaarverplichting(contract)
        eenheden = verzoek.omvang * JAARFACTOR[verzoek.frequentie]
        (bestaand_e, bestaand_k), (eerder_e, eerder_k) = self._bestaand[contract.pk], self._erbij[contract.pk]
        totaal_e, totaal_k = bestaand_e + eerder_e + eenheden, bestaand_k + eerder_k + eenheden * ct.tarief_cent
        if contract.volumeplafond is not None and totaal_e > contract.volumeplafond:
            return (
                f"Samen met de eerdere rijen van dit bestand komt contract {contract.kenmerk} op {getal(totaal_e)} eenheden per jaar, "
                f"boven het volumeplafond van {getal(contract.volumeplafond)}."
            )
        if contract.budgetplafond_cent is not None and totaal_k > contract.budgetplafond_cent:
            return (
                f"Samen met de eerdere rijen van dit bestand komt contract {contract.kenmerk} op {euro(totaal_k)} per jaar, "
                f"boven het budgetplafond van {euro(contract.budgetplafond_cent)}."
            )
        self._erbij[contract.pk] = (eerder_e + eenheden, eerder_k + eenheden * ct.tarief_cent)
        return None


def _max_pgb_tarief(product: Product, gemeente: Gemeente, datum: date, cache: dict) -> int:
    """The highest pgb tariff allowed (cheapest ZIN tariff × policy percentage): the default for a pgb row without one."""
    sleutel = ("overgangsrecht_pgb_max", product.pk, datum)
    if sleutel not in cache:
        goedkoopste = goedkoopste_zin_tarief(product, gemeente, datum)
        procent = geldende_waarde(Sleutel.PGB_TARIEF_PERCENTAGE, gemeente, datum)
        cache[sleutel] = 0 if goedkoopste is None else math.floor(goedkoopste * float(procent) / 100)
    return cache[sleutel]


def _verzoek(rij: _Rij, persoon: Persoon, gemeente: Gemeente, cache: dict) -> Toekenningsverzoek:
    verzoek = Toekenningsverzoek(
        persoon=persoon, product=rij.product, leveringsvorm=rij.leveringsvorm, omvang=rij.omvang, eenheid=rij.eenheid,
        frequentie=rij.frequentie, begindatum=rij.begindatum, einddatum=rij.einddatum, aanbieder=rij.aanbieder,
    )
    if rij.leveringsvorm == Leveringsvorm.PGB:
        tarief = rij.pgb_tarief_cent or _max_pgb_tarief(rij.product, gemeente, rij.begindatum, cache)
        verzoek.pgb = Pgbgegevens(
            persoonlijk_plan=PGB_PLAN.format(bron=rij.bron), motivering_geen_zin=PGB_MOTIVERING, budgetvaardig=True, pgb_tarief_cent=tarief
        )
    elif rij.leveringsvorm == Leveringsvorm.PVB:
        verzoek.pvb = Pvbgegevens(regievaardig=True, motivering=PVB_MOTIVERING)
    return verzoek


def _woongemeente_id(persoon: Persoon, huishouden: Huishouden | None) -> int | None:
    """The gemeente the grant would belong to, as `services.ken_toe` derives it."""
    return (huishouden.gemeente_id if huishouden and huishouden.gemeente_id else None) or persoon.gemeente_id


def _voorbereiden(
    bestand: Bestand, gemeente: Gemeente, *, bestandsnaam: str, op: date, cache: dict, droog: bool
) -> tuple[Importrapport, list[_Toekenning]]:
    """Read the file and check everything but the grant rules: fields, persons, household, gemeente, overlap within the file."""
    try:
        naam, data = lees_inhoud(bestand, bestandsnaam)
    except Bestandsfout as e:
        return Importrapport(bestandsnaam=mask_bsn(bestandsnaam or "bestand")[:200], droog=droog, bestandsfout=str(e)), []
    rapport = Importrapport(bestandsnaam=mask_bsn(naam)[:200], sha256=sha256_van(data), droog=droog)
    eerder = Indicatieimport.objects.filter(sha256=rapport.sha256).select_related("geimporteerd_door").first()
    if eerder is not None:
        rapport.bestandsfout = (
            f"Dit bestand is al geïmporteerd op {timezone.localtime(eerder.geimporteerd_op):%d-%m-%Y %H:%M} "
            f"door {eerder.geimporteerd_door} ({eerder.aantal_rijen} indicaties). Hetzelfde bestand wordt niet twee keer ingelezen."
        )
        return rapport, []
    try:
        tabel = _lees_tabel(data, rapport)
        rapport.aantal_rijen = len(tabel)
        return rapport, _voorbereide_rijen(tabel, gemeente, op, cache, rapport)
    except Bestandsfout as e:
        rapport.bestandsfout = str(e)
    except BeleidOntbreekt as e:
        rapport.bestandsfout = _beleid_ontbreekt(gemeente, e)
    return rapport, []


def _beleid_ontbreekt(gemeente: Gemeente, e: Exception) -> str:
    return f"De beleidsinstellingen van {gemeente} zijn niet compleet ({e}). Vraag functioneel beheer ze aan te vullen."


def _voorbereide_rijen(
    tabel: list[tuple[int, dict[str, Any]]], gemeente: Gemeente, op: date, cache: dict, rapport: Importrapport
) -> list[_Toekenning]:
    catalogus = _Catalogus.laad()
    rijen = [r for nummer, waarden in tabel if (r := _lees_rij(nummer, waarden, catalogus, op, rapport)) is not None]
    personen = _personen({r.bsn for r in rijen})
    huishoudens = _huishoudens([p.pk for p in personen.values()], op)
    overlap = _Bestandsoverlap()
    toekenningen: list[_Toekenning] = []
    for rij in rijen:
        persoon = personen.get(rij.bsn)
        huishouden = huishoudens.get(persoon.pk) if persoon else None
        if persoon is None or _woongemeente_id(persoon, huishouden) != gemeente.pk:
            # One message for "unknown" and "lives elsewhere": the import must not reveal residents of other gemeenten.
            rapport.fout(
                rij.nummer, "bsn", f"Er is geen inwoner van {gemeente} met BSN {gemaskeerd(rij.bsn)} bekend. Registreer de inwoner eerst."
            )
            continue
        # Share one Gemeente object so neither the checks nor ken_toe fetch it again per row.
        if huishouden is not None and huishouden.gemeente_id == gemeente.pk:
            huishouden.gemeente = gemeente
        if persoon.gemeente_id == gemeente.pk:
            persoon.gemeente = gemeente
        if (eerdere := overlap.controleer(persoon, rij)) is not None:
            rapport.fout(
                rij.nummer, "productcode",
                f"Deze rij overlapt met rij {eerdere} van dit bestand: dezelfde inwoner en hetzelfde product in dezelfde periode.",
            )
            continue
        toekenningen.append(_Toekenning(rij.nummer, _verzoek(rij, persoon, gemeente, cache), huishouden, rij.bron))
    return toekenningen


def _toets_regels(
    toekenningen: list[_Toekenning], gemeente: Gemeente, op: date, cache: dict, rapport: Importrapport, voortgang: Voortgang | None
) -> None:
    """Every grant rule for every row, without writing; ceilings count the earlier rows of the file too."""
    plafonds = _Bestandsplafonds()
    for i, t in enumerate(toekenningen, start=1):
        if voortgang and i % 1000 == 0:
            voortgang("controleren", i, len(toekenningen))
        try:
            uitkomst = controleer(t.verzoek, gemeente, op, cache=cache)
        except Regelovertreding as e:
            rapport.regelfouten(t.nummer, e)
            continue
        if uitkomst.contract is not None and (tekst := plafonds.voeg_toe(t.verzoek, uitkomst.contract)):
            rapport.fout(t.nummer, "aanbieder_agb", tekst)


def _tel(rapport: Importrapport, toekenningen: list[_Toekenning]) -> None:
    for t in toekenningen:
        if t.nummer in rapport.foutieve_rijen:
            continue
        vorm, c = t.verzoek.leveringsvorm, cohort(t.verzoek.einddatum)
        rapport.per_leveringsvorm[vorm] = rapport.per_leveringsvorm.get(vorm, 0) + 1
        rapport.cohorten[c] = rapport.cohorten.get(c, 0) + 1
    rapport.cohorten = dict(sorted(rapport.cohorten.items()))


def controleer_bestand(
    door: Medewerker, bestand: Bestand, gemeente: Gemeente, *, bestandsnaam: str = "", op: date | None = None,
    voortgang: Voortgang | None = None,
) -> Importrapport:
    """Dry run: read and check every row against every grant rule; writes nothing."""
    op = op or timezone.localdate()
    cache: dict = {}
    rapport, toekenningen = _voorbereiden(bestand, gemeente, bestandsnaam=bestandsnaam, op=op, cache=cache, droog=True)
    if voortgang:
        voortgang("voorbereiden", rapport.aantal_rijen, rapport.aantal_rijen)
    if not rapport.bestandsfout:
        try:
            _toets_regels(toekenningen, gemeente, op, cache, rapport, voortgang)
        except BeleidOntbreekt as e:
            rapport.bestandsfout = _beleid_ontbreekt(gemeente, e)
        _tel(rapport, toekenningen)
    _log(rapport, gemeente)
    audit.log(
        door, AuditActie.LEZEN, None, kanaal=None,
        omschrijving=f"Proefimport overgangsrecht {gemeente}: {rapport.aantal_rijen} rijen gecontroleerd",
    )
    return rapport


def importeer(
    door: Medewerker, bestand: Bestand, gemeente: Gemeente, *, bestandsnaam: str = "", request=None, op: date | None = None,
    voortgang: Voortgang | None = None,
) -> Importrapport:
    """The dry run's checks, then — only if every row passes — all grants with their re-assessments in one transaction.

    Each row's grant rules run once: `ken_toe` applies them inside the transaction (the earlier rows of the file
    then count for overlap and contract ceilings as the database sees them). After the first refusal the remaining
    rows are only checked, so the report is as complete as the dry run's, and everything is rolled back.
    Toewijzingnummers are reserved in one block before the transaction, so other staff can keep granting during
    a long import; a refused import leaves a gap in the numbers, never a duplicate.
    """
    op = op or timezone.localdate()
    cache: dict = {}
    rapport, toekenningen = _voorbereiden(bestand, gemeente, bestandsnaam=bestandsnaam, op=op, cache=cache, droog=False)
    if voortgang:
        voortgang("voorbereiden", rapport.aantal_rijen, rapport.aantal_rijen)
    try:
        if rapport.aantal_fouten:
            _toets_regels(toekenningen, gemeente, op, cache, rapport, voortgang)
        elif not rapport.bestandsfout:
            voorloop = int(geldende_waarde(Sleutel.HERBEOORDELING_VOORLOOP_DAGEN, gemeente, op))
            nummers = reserveer_nummers(gemeente, "toewijzing", len(toekenningen))
            _schrijf(door, gemeente, rapport, toekenningen, nummers, voorloop, op=op, cache=cache, request=request, voortgang=voortgang)
    except BeleidOntbreekt as e:
        rapport.bestandsfout = _beleid_ontbreekt(gemeente, e)
    _tel(rapport, toekenningen)
    _log(rapport, gemeente)
    return rapport


def _schrijf(
    door: Medewerker, gemeente: Gemeente, rapport: Importrapport, toekenningen: list[_Toekenning], nummers: range, voorloop: int,
    *, op: date, cache: dict, request, voortgang: Voortgang | None,
) -> None:
    with transaction.atomic():
        try:
            with transaction.atomic():
                indicatieimport = Indicatieimport.objects.create(
                    bestandsnaam=rapport.bestandsnaam, sha256=rapport.sha256, gemeente=gemeente, aantal_rijen=len(toekenningen),
                    geimporteerd_door=door,
                )
        except IntegrityError:
            rapport.bestandsfout = "Dit bestand is zojuist al geïmporteerd. Hetzelfde bestand wordt niet twee keer ingelezen."
            return
        herbeoordelingen: list[Herbeoordeling] = []
        for i, (t, nummer) in enumerate(zip(toekenningen, nummers, strict=True), start=1):
            if voortgang and i % 1000 == 0:
                voortgang("importeren", i, len(toekenningen))
            if rapport.aantal_fouten:  # refused already: only check the rest for the report, nothing will be kept
                try:
                    controleer(t.verzoek, gemeente, op, cache=cache)
                except Regelovertreding as e:
                    rapport.regelfouten(t.nummer, e)
                continue
            try:
                voorziening = ken_toe(
                    door, t.verzoek, grondslag=Grondslag.OVERGANGSRECHT, huishouden=t.huishouden, indicatiebron=t.bron, op=op,
                    toewijzingnummer=nummer, cache=cache, request=request,
                )
            except Regelovertreding as e:
                rapport.regelfouten(t.nummer, e)
                continue
            except ValidationError as e:
                for tekst in e.messages:
                    rapport.fout(t.nummer, "", tekst)
                continue
            eind = t.verzoek.einddatum
            uiterlijk = eind - timedelta(days=voorloop)
            herbeoordelingen.append(Herbeoordeling(voorziening=voorziening, cohort=cohort(eind), uiterlijk_op=uiterlijk))
        if rapport.aantal_fouten:
            transaction.set_rollback(True)
            return
        Herbeoordeling.objects.bulk_create(herbeoordelingen, batch_size=1000)
        audit.log(
            door, AuditActie.AANMAKEN, indicatieimport, request=request,
            omschrijving=f"Overgangsrecht: {len(herbeoordelingen)} indicaties geïmporteerd uit {rapport.bestandsnaam} ({gemeente})",
        )
    rapport.geimporteerd = len(herbeoordelingen)
    rapport.indicatieimport = indicatieimport
    if voortgang:
        voortgang("importeren", len(toekenningen), len(toekenningen))


def _log(rapport: Importrapport, gemeente: Gemeente) -> None:
    logger.info(
        "Overgangsrecht %s gemeente %s: %d rijen, %d zonder fout, %d fouten, %d geïmporteerd%s",
        "proefimport" if rapport.droog else "import", gemeente.gemeentecode, rapport.aantal_rijen, rapport.rijen_zonder_fout,
        rapport.aantal_fouten, rapport.geimporteerd, ", bestand geweigerd" if rapport.bestandsfout else "",
    )


# ---------------------------------------------------------------------------------------------------
# Herbeoordelingen: the worklist of imported indications to re-assess, per quarter
# ---------------------------------------------------------------------------------------------------


def herbeoordelingen_van(gemeente: Gemeente) -> QuerySet[Herbeoordeling]:
    return Herbeoordeling.objects.filter(voorziening__gemeente=gemeente)


def cohorten(gemeente: Gemeente) -> list[dict[str, Any]]:
    """Per quarter: total, still open, and the earliest open deadline."""
    return list(
        herbeoordelingen_van(gemeente)
        .values("cohort")
        .annotate(totaal=Count("id"), open=Count("id", filter=Q(afgerond_op__isnull=True)))
        .order_by("cohort")
    )


UITKOMSTEN = [
    ("voortgezet", "Voortgezet: nieuwe beschikking of verwijzing"),
    ("gewijzigd", "Gewijzigd: andere omvang, voorziening of leveringsvorm"),
    ("algemene_voorziening", "Opgelost met een algemene voorziening of het netwerk"),
    ("beeindigd", "Beëindigd: geen ondersteuning meer nodig"),
    ("anders", "Anders (zie toelichting)"),
]


@transaction.atomic
def rond_herbeoordeling_af(
    door: Medewerker, herbeoordeling: Herbeoordeling, uitkomst: str, toelichting: str = "", *, op: date | None = None, request=None
) -> Herbeoordeling:
    """Mark a re-assessment done with its outcome; a second completion is refused, not overwritten."""
    labels = dict(UITKOMSTEN)
    if uitkomst not in labels:
        raise ValidationError({"uitkomst": "Kies de uitkomst van de herbeoordeling."})
    toelichting = toelichting.strip()
    if uitkomst == "anders" and not toelichting:
        raise ValidationError({"toelichting": "Licht de uitkomst toe."})
    tekst = f"{labels[uitkomst]}{': ' + toelichting if toelichting else ''}"[:300]
    op = op or timezone.localdate()
    if not Herbeoordeling.objects.filter(pk=herbeoordeling.pk, afgerond_op__isnull=True).update(afgerond_op=op, uitkomst=tekst):
        raise ValidationError("Deze herbeoordeling is al afgerond.")
    herbeoordeling.afgerond_op, herbeoordeling.uitkomst = op, tekst
    voorziening = herbeoordeling.voorziening
    audit.log(
        door, AuditActie.WIJZIGEN, herbeoordeling, huishouden_id=voorziening.huishouden_id, request=request,
        omschrijving=f"Herbeoordeling toewijzing {voorziening.toewijzingnummer} afgerond: {labels[uitkomst]}",
    )
    return herbeoordeling
