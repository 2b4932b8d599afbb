"""Import of a PGB spending file (SVB-style, as CSV) into Pgbuitgave rows.

Columns (header row required, names case-insensitive, in any order; `zorgverlener` optional):
kenmerk; toewijzingnummer; periode_begin; periode_eind; betaaldatum; bedrag; zorgverlener.

Behaviour (the README repeats it):

* The whole file is read and every row checked before anything is written.
* Default ("gedeeltelijk"): the valid rows are stored in ONE transaction together with the Pgbimport that names
  the refused rows and why; the refused rows are not stored. A corrected row can come in a next file (its
  kenmerk is new to the database). With `alles_of_niets=True` a single refused row refuses the whole file.
* A file that cannot be read at all (too big, binary, no header, missing column) is refused as a whole.
* Nothing is recorded for a refused file (no Pgbimport, so the corrected file can be offered again); the attempt
  goes to the audit trail.
* The same file (sha256 of its bytes) is refused the second time; a kenmerk already in the database or twice
  in the file is refused per row.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gemeente, Medewerker
from keukentafel.besluiten.models import Leveringsvorm, RedenWijziging, ToegewezenVoorziening, VoorzieningStatus

from .blokken import blokken
from .models import Pgbimport, Pgbuitgave

VERPLICHTE_KOLOMMEN = ["kenmerk", "toewijzingnummer", "periode_begin", "periode_eind", "betaaldatum", "bedrag"]
OPTIONELE_KOLOMMEN = ["zorgverlener"]
ALIASSEN = {"declaratienummer": "kenmerk", "toewijzing": "toewijzingnummer", "begindatum": "periode_begin",
            "einddatum": "periode_eind", "bedrag_euro": "bedrag", "datum_betaling": "betaaldatum"}
MAX_RIJEN = 100_000
#: Errors kept with the import and shown; more are counted only.
MAX_FOUTEN = 1_000
MAX_BEDRAG_CENT = 100_000_000  # € 1.000.000 per payment: beyond this a row is a mistake
_KENMERK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")
_BINAIR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATUM_NL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_DATUM_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_BEDRAG = re.compile(r"^(-?)(\d[\d.,]{0,20})$")


class Bestandsfout(ValueError):
    """The file as a whole cannot be imported; the message is Dutch and meant for the user."""


@dataclass
class Importresultaat:
    bestandsnaam: str
    sha256: str = ""
    aantal_regels: int = 0
    aantal_ingelezen: int = 0
    totaal_cent: int = 0
    fouten: list[dict[str, Any]] = field(default_factory=list)
    fouten_totaal: int = 0
    bestandsfout: str = ""
    pgbimport: Pgbimport | None = None

    @property
    def aantal_afgewezen(self) -> int:
        return self.fouten_totaal  # one error entry per refused row

    @property
    def geweigerd(self) -> bool:
        """Nothing was stored."""
        return self.pgbimport is None

    def fout(self, rij: int, melding: str) -> None:
        self.fouten_totaal += 1
        if len(self.fouten) < MAX_FOUTEN:
            self.fouten.append({"rij": rij, "melding": melding})


@dataclass
class _Regel:
    rij: int
    kenmerk: str
    voorziening_id: int
    periode_begin: date
    periode_eind: date
    betaaldatum: date
    bedrag_cent: int
    zorgverlener: str


class _Veldfout(ValueError):
    pass


# ---------------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------------


def sha256_van(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tabel(data: bytes) -> list[tuple[int, dict[str, str]]]:
    """The data rows as {kolom: text} with their row number in the file (the header is row 1)."""
    if len(data) > settings.MAX_UPLOAD_BYTES:
        raise Bestandsfout(f"Het bestand is groter dan {settings.MAX_UPLOAD_BYTES // 2**20} MB. Splits het in kleinere bestanden.")
    if not data.strip():
        raise Bestandsfout("Het bestand is leeg.")
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise Bestandsfout("Dit is een Excel-bestand. Sla het op als 'CSV UTF-8 (door lijstscheidingsteken gescheiden)'.")
    try:
        tekst = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise Bestandsfout("Het bestand is geen tekstbestand in UTF-8. Sla het op als 'CSV UTF-8'.") from e
    if _BINAIR.search(tekst):
        raise Bestandsfout("Het bestand bevat binaire gegevens en is geen CSV-bestand.")
    kop = tekst.lstrip("\r\n").split("\n", 1)[0]
    scheiding = ";" if kop.count(";") >= kop.count(",") and ";" in kop else ","
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding, strict=True)
    kolommen: dict[str, int] | None = None
    rijen: list[tuple[int, dict[str, str]]] = []
    nummer = 0
    try:
        for nummer, rij in enumerate(lezer, start=1):
            if not any(c.strip() for c in rij):
                continue
            if kolommen is None:
                kolommen = _kolommen(rij)
                continue
            if len(rijen) >= MAX_RIJEN:
                raise Bestandsfout(f"Het bestand heeft meer dan {MAX_RIJEN:_} regels. Splits het in kleinere bestanden.".replace("_", "."))
            rijen.append((nummer, {k: (rij[i].strip() if i < len(rij) else "") for k, i in kolommen.items()}))
    except csv.Error as e:
        raise Bestandsfout(f"Rij {nummer + 1} is geen geldige CSV-regel (bijvoorbeeld een aanhalingsteken dat niet wordt gesloten).") from e
    if not rijen:
        raise Bestandsfout("Het bestand bevat geen uitgaven onder de kopregel.")
    return rijen


def _kolommen(kop: list[str]) -> dict[str, int]:
    kolommen: dict[str, int] = {}
    for i, waarde in enumerate(kop):
        naam = re.sub(r"[\s\-]+", "_", waarde.strip().lstrip("\ufeff").lower())
        naam = ALIASSEN.get(naam, naam)
        if naam in kolommen:
            raise Bestandsfout(f"De kolom '{naam[:40]}' staat twee keer in de kopregel.")
        if naam in VERPLICHTE_KOLOMMEN or naam in OPTIONELE_KOLOMMEN:
            kolommen[naam] = i
    ontbreekt = [k for k in VERPLICHTE_KOLOMMEN if k not in kolommen]
    if ontbreekt:
        raise Bestandsfout(
            f"De kopregel (rij 1) mist {'de kolommen' if len(ontbreekt) > 1 else 'de kolom'} {', '.join(ontbreekt)}. "
            f"Verwachte kolommen: {';'.join(VERPLICHTE_KOLOMMEN + OPTIONELE_KOLOMMEN)}."
        )
    return kolommen


def lees_datum(tekst: str) -> date:
    try:
        if m := _DATUM_NL.match(tekst):
            d = date(int(m[3]), int(m[2]), int(m[1]))
        elif m := _DATUM_ISO.match(tekst):
            d = date(int(m[1]), int(m[2]), int(m[3]))
        else:
            raise _Veldfout("vul een datum in als dd-mm-jjjj of jjjj-mm-dd")
    except ValueError as e:
        if isinstance(e, _Veldfout):
            raise
        raise _Veldfout(f"'{tekst[:20]}' is geen bestaande datum") from e
    if not 2000 <= d.year <= 2100:
        raise _Veldfout(f"{d:%d-%m-%Y} ligt niet tussen 2000 en 2100")
    return d


def lees_bedrag(tekst: str) -> int:
    """Euros with a decimal comma or point (thousands separators allowed) → cents; negative for a correction.

    With both separators the last one is the decimal one. A single separator followed by exactly three digits
    ("1.234") is ambiguous and refused rather than guessed.
    """
    schoon = tekst.replace("€", "").replace(" ", "").replace("\u00a0", "")
    fout = _Veldfout("vul het bedrag in euro's in, bijvoorbeeld 123,45 of -12,50 bij een correctie")
    m = _BEDRAG.match(schoon)
    if not m:
        raise fout
    teken, getal = m[1], m[2]
    seps = [c for c in getal if c in ",."]
    if seps:
        decimaal = seps[-1]
        heel, _, fractie = getal.rpartition(decimaal)
        if len(set(seps)) == 1 and len(seps) == 1 and len(fractie) == 3:
            raise _Veldfout(f"'{tekst[:20]}' is dubbelzinnig; schrijf het bedrag met twee decimalen, bijvoorbeeld 1234,00")
        if len(fractie) > 2 or decimaal in heel:
            raise fout
        duizend = heel.replace("," if decimaal == "." else ".", "_")
        if "_" in duizend and not re.fullmatch(r"\d{1,3}(_\d{3})+", duizend):
            raise fout
        getal = duizend.replace("_", "") + "." + fractie
    cent = int((Decimal(getal) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    if teken == "-":
        cent = -cent
    if cent == 0:
        raise _Veldfout("een bedrag van € 0 is geen uitgave")
    if abs(cent) > MAX_BEDRAG_CENT:
        raise _Veldfout("het bedrag is groter dan € 1.000.000")
    return cent


# ---------------------------------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------------------------------


def _controleer(gemeente: Gemeente, rijen: list[tuple[int, dict[str, str]]], resultaat: Importresultaat) -> list[_Regel]:
    """Every row checked against the file and the database (three queries for the whole file)."""
    nummers = {int(w["toewijzingnummer"]) for _, w in rijen if w["toewijzingnummer"].isdigit() and len(w["toewijzingnummer"]) <= 9}
    voorzieningen = {
        v["toewijzingnummer"]: v for blok in blokken(sorted(nummers))
        for v in ToegewezenVoorziening.objects.filter(gemeente=gemeente, toewijzingnummer__in=blok)
        .values("pk", "toewijzingnummer", "leveringsvorm", "begindatum", "einddatum", "status", "reden_wijziging")
    }
    kenmerken = Counter(w["kenmerk"] for _, w in rijen)
    bestaand = {
        k for blok in blokken(sorted(kenmerken))
        for k in Pgbuitgave.objects.filter(gemeente=gemeente, kenmerk__in=blok).values_list("kenmerk", flat=True)
    }
    dubbel_rijen: dict[str, list[int]] = {}
    for nummer, w in rijen:
        if kenmerken[w["kenmerk"]] > 1:
            dubbel_rijen.setdefault(w["kenmerk"], []).append(nummer)

    goed: list[_Regel] = []
    for nummer, w in rijen:
        fouten: list[str] = []

        def veld(kolom: str, lees, w=w, fouten=fouten):
            try:
                return lees(w[kolom])
            except _Veldfout as e:
                fouten.append(f"{kolom}: {e}")
                return None

        kenmerk = w["kenmerk"]
        if not kenmerk:
            fouten.append("kenmerk: ontbreekt")
        elif not _KENMERK.match(kenmerk):
            fouten.append("kenmerk: alleen letters, cijfers en . _ / -, ten hoogste 40 tekens")
        elif kenmerk in bestaand:
            fouten.append(f"kenmerk {kenmerk} is al eerder ingelezen")
        elif kenmerken[kenmerk] > 1:
            fouten.append(f"kenmerk {kenmerk} staat meer dan eens in het bestand (rijen {', '.join(map(str, dubbel_rijen[kenmerk]))})")
        begin = veld("periode_begin", lees_datum)
        eind = veld("periode_eind", lees_datum)
        betaald = veld("betaaldatum", lees_datum)
        bedrag = veld("bedrag", lees_bedrag)
        zorgverlener = w.get("zorgverlener", "")
        if len(zorgverlener) > 200:
            fouten.append("zorgverlener: ten hoogste 200 tekens")
        if begin and eind and eind < begin:
            fouten.append("periode_eind ligt vóór periode_begin")
        t = w["toewijzingnummer"]
        v = voorzieningen.get(int(t)) if t.isdigit() and len(t) <= 9 else None
        if not t:
            fouten.append("toewijzingnummer: ontbreekt")
        elif v is None:
            fouten.append(f"toewijzingnummer {t[:20]} is geen toewijzing van {gemeente}")
        elif v["leveringsvorm"] != Leveringsvorm.PGB:
            fouten.append(f"toewijzing {t} is geen pgb maar {Leveringsvorm(v['leveringsvorm']).label.lower()}")
        elif v["status"] == VoorzieningStatus.INGETROKKEN and v["reden_wijziging"] == RedenWijziging.VERWIJDERD:
            fouten.append(f"toewijzing {t} is verwijderd en heeft nooit gegolden")
        elif begin and eind and (begin < v["begindatum"] or (v["einddatum"] and eind > v["einddatum"])):
            looptijd = f"{v['begindatum']:%d-%m-%Y} – {v['einddatum']:%d-%m-%Y}" if v["einddatum"] else f"vanaf {v['begindatum']:%d-%m-%Y}"
            fouten.append(f"de periode {begin:%d-%m-%Y} – {eind:%d-%m-%Y} valt buiten de looptijd van toewijzing {t} ({looptijd})")
        if fouten:
            resultaat.fout(nummer, "; ".join(fouten) + ".")
            continue
        goed.append(_Regel(nummer, kenmerk, v["pk"], begin, eind, betaald, bedrag, zorgverlener))
    return goed


# ---------------------------------------------------------------------------------------------------
# Importing
# ---------------------------------------------------------------------------------------------------


def importeer(
    gemeente: Gemeente,
    data: bytes,
    bestandsnaam: str,
    *,
    door: Medewerker | None = None,
    alles_of_niets: bool = False,
    request: HttpRequest | None = None,
) -> Importresultaat:
    """Check the whole file, then store the valid rows and the Pgbimport in one transaction (or nothing)."""
    bestandsnaam = (bestandsnaam or "bestand.csv").replace("\\", "/").rsplit("/", 1)[-1][:200]
    resultaat = Importresultaat(bestandsnaam, sha256_van(data))
    try:
        if Pgbimport.objects.filter(gemeente=gemeente, sha256=resultaat.sha256).exists():
            eerder = Pgbimport.objects.filter(gemeente=gemeente, sha256=resultaat.sha256).first()
            raise Bestandsfout(
                f"Dit bestand is al ingelezen op {eerder.ingelezen_op:%d-%m-%Y} als '{eerder.bestandsnaam}'. "
                "Een bestand wordt maar één keer ingelezen."
            )
        rijen = _tabel(data)
        resultaat.aantal_regels = len(rijen)
        goed = _controleer(gemeente, rijen, resultaat)
        if resultaat.fouten_totaal and alles_of_niets:
            raise Bestandsfout(f"Er is niets ingelezen: {resultaat.aantal_afgewezen} van de {len(rijen)} regels zijn afgewezen.")
        if not goed:
            raise Bestandsfout("Er is niets ingelezen: geen enkele regel is goedgekeurd.")
        try:
            with transaction.atomic():
                resultaat.pgbimport = _bewaar(gemeente, resultaat, goed, door, request)
        except IntegrityError as e:
            resultaat.pgbimport = None
            raise Bestandsfout(
                "Tegelijk is een ander bestand met dezelfde kenmerken ingelezen. Er is niets ingelezen; probeer het opnieuw."
            ) from e
    except Bestandsfout as e:
        resultaat.bestandsfout = str(e)
        audit.log(door, AuditActie.GEWEIGERD, None, request=request,
                  omschrijving=f"Pgb-uitgavenbestand {bestandsnaam} van {gemeente} geweigerd: {e}"[:300])
    return resultaat


def _bewaar(
    gemeente: Gemeente, resultaat: Importresultaat, goed: list[_Regel], door: Medewerker | None, request: HttpRequest | None
) -> Pgbimport:
    resultaat.aantal_ingelezen = len(goed)
    resultaat.totaal_cent = sum(r.bedrag_cent for r in goed)
    imp = Pgbimport.objects.create(
        gemeente=gemeente, bestandsnaam=resultaat.bestandsnaam, sha256=resultaat.sha256,
        ingelezen_door=door if door is not None and door.is_authenticated else None,
        aantal_regels=resultaat.aantal_regels, aantal_afgewezen=resultaat.aantal_afgewezen, totaal_cent=resultaat.totaal_cent,
        fouten=resultaat.fouten,
    )
    Pgbuitgave.objects.bulk_create([
        Pgbuitgave(pgbimport=imp, gemeente=gemeente, voorziening_id=r.voorziening_id, kenmerk=r.kenmerk, periode_begin=r.periode_begin,
                   periode_eind=r.periode_eind, betaaldatum=r.betaaldatum, bedrag_cent=r.bedrag_cent, zorgverlener=r.zorgverlener)
        for r in goed
    ], batch_size=2000)
    audit.log(door, AuditActie.AANMAKEN, imp, request=request, omschrijving=(
        f"Pgb-uitgaven ingelezen uit {resultaat.bestandsnaam}: {len(goed)} van {resultaat.aantal_regels} regels, "
        f"{resultaat.aantal_afgewezen} afgewezen"
    ))
    return imp


__all__ = [
    "OPTIONELE_KOLOMMEN", "VERPLICHTE_KOLOMMEN", "Bestandsfout", "Importresultaat", "importeer", "lees_bedrag", "lees_datum",
    "sha256_van",
]
