"""A budget as an Excel workbook (.xlsx): export, and import of a whole budget or of one wijziging.

Budget file (what `exporteer` writes and `importeer_begroting` reads):

* sheet "Begroting", header in row 1, one line per row:
  ``domein`` (wmo, jeugd, participatie) · ``onderdeel`` · ``code`` (letters, digits, - and _; unique) · ``naam`` ·
  ``soort`` (lasten, baten) · ``afgeleid`` (ja/nee: a saldopost, baten minus the other lasten of its onderdeel) ·
  ``dekking`` (product categories separated by spaces or commas, e.g. "wmo:02 wmo:03") · ``verdeelsleutel``
  (leeg, inwoners, jeugdigen, gebruik) · ``waarschuwing_procent`` · ``toelichting`` · one column ``versie N`` per
  version (euros with at most 2 decimals; version 0 is the primitieve begroting and needs an amount on every typed
  line, a wijziging column holds the mutation or stays empty) · ``in werking`` (computed; ignored on import).
  An afgeleid line's cells are computed: on import they must be empty or equal the computed figure.
* sheet "Versies": ``volgnummer`` · ``soort`` (primitief, wijziging) · ``omschrijving`` · ``vastgesteld_op``
  (dd-mm-jjjj or a date cell) · ``bron``.
* sheet "Gegevens": two columns (gegeven, waarde) with rows ``jaar``, ``naam``, ``bron`` (``gemeente`` is shown but
  the budget is always imported for the user's own gemeente).

Wijziging file (`importeer_wijziging`): first sheet, header ``code`` · ``mutatie`` (euros, + or −) and optionally
``naam`` / ``toelichting`` (ignored); omschrijving, date and bron come from the form.

Amounts may be numbers or Dutch text ("1.234,56", "€ 4.240.000", "p.m." = 0). Every row is checked before anything
is written; then everything is written in one transaction. Errors name the sheet, row (header = row 1) and column.
A file whose sha256 was imported before for the gemeente is refused. Files over MAX_BYTES are refused (the upload
handler in keukentafel/uploads.py already drops bigger uploads while they arrive).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gemeente, Medewerker

from .begroting import Postinvoer, bedragen_op, maak_begroting, postfouten, versies_naast_elkaar, voeg_wijziging_toe
from .models import Begroting, Begrotingsversie, Postsoort, Versiesoort

logger = logging.getLogger(__name__)

MAX_BYTES = 5 * 2**20
MAX_UITGEPAKT = 50 * 2**20
MAX_RIJEN = 5_000
MAX_KOLOMMEN = 60
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

VASTE_KOLOMMEN = ("domein", "onderdeel", "code", "naam", "soort", "afgeleid", "dekking", "verdeelsleutel",
                  "waarschuwing_procent", "toelichting")
VERPLICHT = ("domein", "onderdeel", "code", "naam", "soort")
_VERSIE = re.compile(r"^versie\s*(\d+)$")
_EURO_TEKST = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_JA = {"ja", "j", "yes", "y", "1", "true", "waar", "x"}
_NEE = {"", "nee", "n", "no", "0", "false", "onwaar"}


class Bestandsfout(Exception):
    """The file as a whole cannot be used; the message is Dutch and meant for the user."""


@dataclass(frozen=True)
class Rijfout:
    blad: str
    rij: int
    kolom: str
    reden: str

    def __str__(self) -> str:
        plaats = f"blad {self.blad}, rij {self.rij}" + (f", kolom {self.kolom}" if self.kolom else "")
        return f"{plaats}: {self.reden}"


@dataclass
class Importrapport:
    bestandsnaam: str
    sha256: str = ""
    bestandsfout: str = ""
    fouten: list[Rijfout] = field(default_factory=list)
    aantal_rijen: int = 0
    begroting: Begroting | None = None
    versies: list[Begrotingsversie] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.bestandsfout and not self.fouten and bool(self.versies)

    def fout(self, blad: str, rij: int, kolom: str, reden: str) -> None:
        self.fouten.append(Rijfout(blad, rij, kolom, reden))


# ---------------------------------------------------------------------------------------------------
# Amounts
# ---------------------------------------------------------------------------------------------------


def euro_naar_cent(waarde: Any) -> int | None:
    """A cell as cents: None for an empty cell; numbers or Dutch text with at most 2 decimals; "p.m." is 0.

    Raises ValueError with a Dutch message."""
    if waarde is None:
        return None
    if isinstance(waarde, bool):
        raise ValueError("geen bedrag")
    if isinstance(waarde, int):
        d = Decimal(waarde)
    elif isinstance(waarde, float):
        d = Decimal(repr(waarde))
    else:
        tekst = str(waarde).strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
        if not tekst:
            return None
        if tekst.lower() in {"p.m.", "pm", "p.m"}:
            return 0
        if "," in tekst:
            tekst = tekst.replace(".", "").replace(",", ".")
        elif _EURO_TEKST.match(tekst):
            tekst = tekst.replace(".", "")
        try:
            d = Decimal(tekst)
        except InvalidOperation:
            raise ValueError(f"'{waarde}' is geen bedrag in euro's") from None
    if not d.is_finite():
        raise ValueError(f"'{waarde}' is geen bedrag in euro's")
    cent = d * 100
    if cent != cent.to_integral_value():
        raise ValueError(f"'{waarde}' heeft meer dan twee decimalen")
    if abs(cent) >= 10**15:
        raise ValueError(f"'{waarde}' is te groot")
    return int(cent)


def cent_naar_euro(cent: int) -> Decimal:
    return Decimal(cent) / 100


# ---------------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------------


def exporteer(begroting: Begroting, *, door: Medewerker | None = None, request: HttpRequest | None = None) -> bytes:
    """The budget as .xlsx bytes in the format above (amounts in euros, 2 decimals; afgeleid lines marked)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    versies, regels = versies_naast_elkaar(begroting)
    wb = Workbook()
    ws = wb.active
    ws.title = "Begroting"
    ws.append([*VASTE_KOLOMMEN, *(f"versie {v.volgnummer}" for v in versies), "in werking"])
    for cel in ws[1]:
        cel.font = Font(bold=True)
    for r in regels:
        p = r.post
        ws.append([
            p.domein, p.onderdeel, p.code, p.naam, p.soort, "ja" if p.saldopost else "nee", " ".join(p.dekking), p.verdeelsleutel,
            p.waarschuwing_procent, p.toelichting,
            *(None if b is None else cent_naar_euro(b) for b in r.per_versie), cent_naar_euro(r.totaal_cent),
        ])
        if p.saldopost:
            for cel in ws[ws.max_row]:
                cel.font = Font(italic=True)
    for rij in ws.iter_rows(min_row=2, min_col=len(VASTE_KOLOMMEN) + 1):
        for cel in rij:
            cel.number_format = "#,##0.00"
    ws.freeze_panes = "A2"
    vs = wb.create_sheet("Versies")
    vs.append(["volgnummer", "soort", "omschrijving", "vastgesteld_op", "bron"])
    for v in versies:
        vs.append([v.volgnummer, v.soort, v.omschrijving, v.vastgesteld_op, v.bron])
        vs.cell(vs.max_row, 4).number_format = "DD-MM-YYYY"
    gs = wb.create_sheet("Gegevens")
    gs.append(["gegeven", "waarde"])
    for k, w in (("gemeente", begroting.gemeente.naam), ("jaar", begroting.jaar), ("naam", begroting.naam), ("bron", begroting.bron)):
        gs.append([k, w])
    uit = io.BytesIO()
    wb.save(uit)
    audit.log(door, AuditActie.EXPORT, begroting, request=request, omschrijving=f"Begroting {begroting.jaar} geëxporteerd naar XLSX")
    return uit.getvalue()


# ---------------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------------


def _open(data: bytes):
    import openpyxl

    if len(data) > MAX_BYTES:
        raise Bestandsfout(f"Het bestand is groter dan {MAX_BYTES // 2**20} MB.")
    if not data.startswith(b"PK\x03\x04"):
        raise Bestandsfout("Het bestand is geen Excel-werkmap (.xlsx). Sla het op als .xlsx en probeer het opnieuw.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if sum(i.file_size for i in z.infolist()) > MAX_UITGEPAKT:
                raise Bestandsfout("Het Excel-bestand is uitgepakt te groot om in te lezen.")
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Bestandsfout:
        raise
    except Exception:  # openpyxl raises many kinds on a broken file
        logger.info("xlsx_begroting: onleesbaar bestand (%d bytes)", len(data))
        raise Bestandsfout("Het bestand kon niet worden gelezen als Excel-werkmap (.xlsx).") from None


def _rijen(ws) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """(lowercased header, [(row number, cells)]) of a sheet; empty rows skipped."""
    kop: list[str] = []
    rijen: list[tuple[int, list[Any]]] = []
    for nummer, rij in enumerate(ws.iter_rows(values_only=True, max_col=MAX_KOLOMMEN), start=1):
        cellen = list(rij)
        if nummer == 1:
            kop = [str(c or "").strip().lower() for c in cellen]
            continue
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cellen):
            continue
        if len(rijen) >= MAX_RIJEN:
            raise Bestandsfout(f"Het blad {ws.title} heeft meer dan {MAX_RIJEN} regels.")
        rijen.append((nummer, cellen))
    while kop and not kop[-1]:
        kop.pop()
    return kop, rijen


def _tekst(waarde: Any) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde).strip()


def _datum(waarde: Any) -> date:
    if isinstance(waarde, datetime):
        return waarde.date()
    if isinstance(waarde, date):
        return waarde
    tekst = _tekst(waarde)
    for fmt in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(tekst, fmt).date()
        except ValueError:
            pass
    raise ValueError(f"'{tekst}' is geen datum (dd-mm-jjjj)")


def sha256_van(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _al_ingelezen(gemeente: Gemeente, sha: str) -> str:
    v = Begrotingsversie.objects.filter(begroting__gemeente=gemeente, bestand_sha256=sha).select_related("begroting").first()
    if v is None:
        return ""
    return (f"Dit bestand is al ingelezen ({v.get_soort_display().lower()} {v.volgnummer} van de begroting {v.begroting.jaar}); "
            "hetzelfde bestand wordt niet twee keer ingelezen.")


@dataclass
class _Versie:
    volgnummer: int
    soort: str
    omschrijving: str
    vastgesteld_op: date
    bron: str
    rij: int


def _lees_versies(wb, rapport: Importrapport) -> list[_Versie]:
    if "Versies" not in wb.sheetnames:
        rapport.bestandsfout = "Het blad 'Versies' ontbreekt."
        return []
    kop, rijen = _rijen(wb["Versies"])
    ontbreekt = [k for k in ("volgnummer", "soort", "omschrijving", "vastgesteld_op", "bron") if k not in kop]
    if ontbreekt:
        rapport.bestandsfout = f"Het blad 'Versies' mist de kolom(men) {', '.join(ontbreekt)}."
        return []
    uit = []
    for nummer, cellen in rijen:
        w = dict(zip(kop, cellen, strict=False))
        try:
            volgnummer = int(_tekst(w["volgnummer"]))
        except ValueError:
            rapport.fout("Versies", nummer, "volgnummer", "geen geheel getal")
            continue
        soort = _tekst(w["soort"]).lower()
        verwacht = Versiesoort.PRIMITIEF if volgnummer == 0 else Versiesoort.WIJZIGING
        if soort != verwacht:
            rapport.fout("Versies", nummer, "soort", f"versie {volgnummer} moet soort '{verwacht}' hebben")
        try:
            datum = _datum(w["vastgesteld_op"])
        except ValueError as e:
            rapport.fout("Versies", nummer, "vastgesteld_op", str(e))
            continue
        if not _tekst(w["omschrijving"]):
            rapport.fout("Versies", nummer, "omschrijving", "de omschrijving ontbreekt")
        if not _tekst(w["bron"]):
            rapport.fout("Versies", nummer, "bron", "de bron (raadsbesluit of nota) ontbreekt")
        uit.append(_Versie(volgnummer, verwacht, _tekst(w["omschrijving"]), datum, _tekst(w["bron"]), nummer))
    if [v.volgnummer for v in uit] != list(range(len(uit))) and not rapport.fouten:
        rapport.bestandsfout = "De versies moeten oplopend genummerd zijn vanaf 0 (de primitieve begroting)."
    for v in uit[1:]:
        if v.vastgesteld_op < uit[0].vastgesteld_op:
            rapport.fout("Versies", v.rij, "vastgesteld_op", "een wijziging kan niet eerder zijn dan de primitieve begroting")
    return uit


def _lees_gegevens(wb, rapport: Importrapport) -> dict[str, str]:
    if "Gegevens" not in wb.sheetnames:
        rapport.bestandsfout = "Het blad 'Gegevens' ontbreekt."
        return {}
    gegevens: dict[str, str] = {}
    regel: dict[str, int] = {}
    for nummer, rij in enumerate(wb["Gegevens"].iter_rows(values_only=True, max_col=2, max_row=50), start=1):
        if rij and rij[0] is not None:
            gegevens[_tekst(rij[0]).lower()] = _tekst(rij[1] if len(rij) > 1 else None)
            regel[_tekst(rij[0]).lower()] = nummer
    for k in ("jaar", "naam", "bron"):
        if not gegevens.get(k):
            rapport.fout("Gegevens", regel.get(k, 0), "waarde", f"'{k}' ontbreekt")
    if gegevens.get("jaar") and not re.fullmatch(r"\d{4}", gegevens["jaar"]):
        rapport.fout("Gegevens", regel["jaar"], "waarde", f"jaar '{gegevens['jaar']}' is geen jaartal")
    return gegevens


def _lees_posten(wb, versies: list[_Versie], rapport: Importrapport) -> tuple[list[Postinvoer], list[int], list[dict[int, int]]]:
    """Lines (with the primitieve amount), their row numbers, and per wijziging {line index: mutation}."""
    blad = "Begroting"
    if blad not in wb.sheetnames:
        rapport.bestandsfout = "Het blad 'Begroting' ontbreekt."
        return [], [], []
    kop, rijen = _rijen(wb[blad])
    ontbreekt = [k for k in VERPLICHT if k not in kop]
    versiekolommen = {int(m.group(1)): i for i, k in enumerate(kop) if (m := _VERSIE.match(k))}
    if ontbreekt:
        rapport.bestandsfout = f"Het blad 'Begroting' mist de kolom(men) {', '.join(ontbreekt)}."
        return [], [], []
    if sorted(versiekolommen) != [v.volgnummer for v in versies]:
        rapport.bestandsfout = "De kolommen 'versie N' op het blad 'Begroting' komen niet overeen met het blad 'Versies'."
        return [], [], []
    rapport.aantal_rijen = len(rijen)
    posten: list[Postinvoer] = []
    nummers: list[int] = []
    per_versie: list[dict[int, int | None]] = [{} for _ in versies]
    for nummer, cellen in rijen:
        w = dict(zip(kop, cellen, strict=False))
        afgeleid_tekst = _tekst(w.get("afgeleid")).lower()
        if afgeleid_tekst not in _JA | _NEE:
            rapport.fout(blad, nummer, "afgeleid", "vul ja of nee in")
        try:
            procent = int(_tekst(w.get("waarschuwing_procent")) or 5)
        except ValueError:
            rapport.fout(blad, nummer, "waarschuwing_procent", "geen geheel getal")
            procent = 5
        p = Postinvoer(
            domein=_tekst(w["domein"]).lower(), onderdeel=_tekst(w["onderdeel"]), code=_tekst(w["code"]), naam=_tekst(w["naam"]),
            soort=_tekst(w["soort"]).lower(), saldopost=afgeleid_tekst in _JA,
            dekking=[d for d in re.split(r"[\s,;]+", _tekst(w.get("dekking")).lower()) if d],
            verdeelsleutel=_tekst(w.get("verdeelsleutel")).lower(), waarschuwing_procent=procent,
            toelichting=_tekst(w.get("toelichting"))[:300],
        )
        for i, v in enumerate(versies):
            kolom = f"versie {v.volgnummer}"
            try:
                per_versie[i][len(posten)] = euro_naar_cent(cellen[versiekolommen[v.volgnummer]]
                                                            if versiekolommen[v.volgnummer] < len(cellen) else None)
            except ValueError as e:
                rapport.fout(blad, nummer, kolom, str(e))
                per_versie[i][len(posten)] = 0
        if not p.saldopost:
            p.bedrag_cent = per_versie[0].get(len(posten))
        posten.append(p)
        nummers.append(nummer)
    for i, melding in postfouten(posten):
        rapport.fout(blad, nummers[i], "", melding)
    # afgeleid cells: empty or exactly the computed balance of that version
    for vi, v in enumerate(versies):
        saldo: dict[str, int] = defaultdict(int)
        for i, p in enumerate(posten):
            if not p.saldopost:
                b = per_versie[vi].get(i) or 0
                saldo[p.onderdeel] += b if p.soort == Postsoort.BATEN else -b
        for i, p in enumerate(posten):
            ingevuld = per_versie[vi].get(i)
            if p.saldopost and ingevuld is not None and ingevuld != saldo[p.onderdeel]:
                rapport.fout(blad, nummers[i], f"versie {v.volgnummer}",
                             f"post '{p.naam}' is afgeleid: het bedrag wordt berekend ({cent_naar_euro(saldo[p.onderdeel])}) "
                             f"en kan niet {cent_naar_euro(ingevuld)} zijn; laat de cel leeg")
    mutaties = [{i: b for i, b in per_versie[vi].items() if b and not posten[i].saldopost} for vi in range(1, len(versies))]
    return posten, nummers, mutaties


# ---------------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------------


def importeer_begroting(
    door: Medewerker | None, gemeente: Gemeente, data: bytes, *, bestandsnaam: str = "begroting.xlsx", request: HttpRequest | None = None
) -> Importrapport:
    """Read a budget file completely; when nothing is wrong create the budget, its primitieve begroting and its
    wijzigingen in one transaction. Never writes anything when the report has an error."""
    rapport = Importrapport(bestandsnaam=bestandsnaam, sha256=sha256_van(data))
    try:
        wb = _open(data)
    except Bestandsfout as e:
        rapport.bestandsfout = str(e)
        return rapport
    rapport.bestandsfout = _al_ingelezen(gemeente, rapport.sha256)
    if rapport.bestandsfout:
        return rapport
    gegevens = _lees_gegevens(wb, rapport)
    versies = _lees_versies(wb, rapport) if not rapport.bestandsfout else []
    if rapport.bestandsfout:
        return rapport
    if not versies:
        rapport.bestandsfout = "Het blad 'Versies' heeft geen versies; versie 0 (de primitieve begroting) is nodig."
        return rapport
    posten, _, mutaties = _lees_posten(wb, versies, rapport)
    if rapport.bestandsfout:
        return rapport
    if not posten:
        rapport.bestandsfout = "Het blad 'Begroting' heeft geen posten."
        return rapport
    jaar = int(gegevens["jaar"]) if re.fullmatch(r"\d{4}", gegevens.get("jaar", "")) else 0
    if jaar and Begroting.objects.filter(gemeente=gemeente, jaar=jaar).exists():
        rapport.fout("Gegevens", 0, "jaar", f"{gemeente} heeft al een begroting voor {jaar}; lees een wijziging in")
    for i, mut in enumerate(mutaties, start=1):
        if not mut:
            rapport.fout("Begroting", 1, f"versie {i}", "deze wijziging verandert geen enkel bedrag")
    if rapport.fouten:
        logger.info("xlsx_begroting: begroting geweigerd, %d fouten", len(rapport.fouten))
        return rapport
    try:
        with transaction.atomic():
            begroting = maak_begroting(
                gemeente, jaar, posten, naam=gegevens["naam"], bron=gegevens["bron"], vastgesteld_op=versies[0].vastgesteld_op,
                door=door, omschrijving=versies[0].omschrijving, versiebron=versies[0].bron, bestand_sha256=rapport.sha256,
                request=request,
            )
            rapport.versies.append(begroting.versies.get(volgnummer=0))
            for v, mut in zip(versies[1:], mutaties, strict=True):
                rapport.versies.append(voeg_wijziging_toe(
                    begroting, {posten[i].code: b for i, b in mut.items()}, omschrijving=v.omschrijving, vastgesteld_op=v.vastgesteld_op,
                    bron=v.bron, door=door, request=request,
                ))
    except ValidationError as e:  # the checks above should have caught it; nothing is written
        rapport.versies = []
        for m in e.messages:
            rapport.fout("Begroting", 0, "", m)
        return rapport
    rapport.begroting = begroting
    audit.log(door, AuditActie.AANMAKEN, begroting, request=request,
              omschrijving=f"Begroting {jaar} ingelezen uit XLSX ({len(posten)} posten, {len(versies)} versies)")
    logger.info("xlsx_begroting: begroting %s ingelezen, %d posten", jaar, len(posten))
    return rapport


def importeer_wijziging(
    door: Medewerker | None,
    begroting: Begroting,
    data: bytes,
    *,
    omschrijving: str,
    vastgesteld_op: date,
    bron: str,
    bestandsnaam: str = "wijziging.xlsx",
    request: HttpRequest | None = None,
) -> Importrapport:
    """Read a wijziging file (code, mutatie) completely, then add the wijziging in one transaction."""
    rapport = Importrapport(bestandsnaam=bestandsnaam, sha256=sha256_van(data))
    try:
        wb = _open(data)
    except Bestandsfout as e:
        rapport.bestandsfout = str(e)
        return rapport
    rapport.bestandsfout = _al_ingelezen(begroting.gemeente, rapport.sha256)
    if rapport.bestandsfout:
        return rapport
    ws = wb.worksheets[0]
    kop, rijen = _rijen(ws)
    ontbreekt = [k for k in ("code", "mutatie") if k not in kop]
    if ontbreekt:
        rapport.bestandsfout = f"Het eerste blad mist de kolom(men) {', '.join(ontbreekt)}."
        return rapport
    rapport.aantal_rijen = len(rijen)
    posten = {p.code.lower(): p for p in begroting.posten.all()}
    mutaties: dict[str, int] = {}
    eerder: dict[str, int] = {}
    for nummer, cellen in rijen:
        w = dict(zip(kop, cellen, strict=False))
        code = _tekst(w["code"])
        post = posten.get(code.lower())
        if post is None:
            rapport.fout(ws.title, nummer, "code", f"post '{code}' bestaat niet in de begroting {begroting.jaar}")
        elif post.saldopost:
            rapport.fout(ws.title, nummer, "code", f"post '{post.naam}' is afgeleid en kan niet worden gewijzigd")
        elif code.lower() in eerder:
            rapport.fout(ws.title, nummer, "code", f"post '{code}' staat ook op rij {eerder[code.lower()]}")
        try:
            bedrag = euro_naar_cent(w["mutatie"])
        except ValueError as e:
            rapport.fout(ws.title, nummer, "mutatie", str(e))
            continue
        if bedrag is None:
            rapport.fout(ws.title, nummer, "mutatie", "het bedrag ontbreekt")
            continue
        eerder.setdefault(code.lower(), nummer)
        if post is not None:
            mutaties[post.code] = bedrag
    if not rijen:
        rapport.bestandsfout = "Het bestand bevat geen regels."
    if rapport.fouten or rapport.bestandsfout:
        return rapport
    try:
        versie = voeg_wijziging_toe(begroting, mutaties, omschrijving=omschrijving, vastgesteld_op=vastgesteld_op, bron=bron, door=door,
                                    bestand_sha256=rapport.sha256, request=request)
    except ValidationError as e:
        for m in e.messages:
            rapport.fout(ws.title, 0, "", m)
        return rapport
    rapport.begroting, rapport.versies = begroting, [versie]
    logger.info("xlsx_begroting: wijziging %d op begroting %s ingelezen, %d regels", versie.volgnummer, begroting.jaar, len(mutaties))
    return rapport


def wijziging_sjabloon(begroting: Begroting) -> bytes:
    """An empty wijziging file with every changeable line (code, naam, current amount, mutatie)."""
    from openpyxl import Workbook

    bedragen = bedragen_op(begroting)
    wb = Workbook()
    ws = wb.active
    ws.title = "Wijziging"
    ws.append(["code", "naam", "huidig bedrag", "mutatie"])
    for p in begroting.posten.filter(saldopost=False):
        ws.append([p.code, p.naam, cent_naar_euro(bedragen[p.id]), None])
        ws.cell(ws.max_row, 3).number_format = "#,##0.00"
    uit = io.BytesIO()
    wb.save(uit)
    return uit.getvalue()


__all__ = [
    "MAX_BYTES", "XLSX_MIME", "Bestandsfout", "Importrapport", "Rijfout", "cent_naar_euro", "euro_naar_cent", "exporteer",
    "importeer_begroting", "importeer_wijziging", "sha256_van", "wijziging_sjabloon",
]
