"""What a provider sends about delivery: the 305 start zorg and the 307 stop zorg, built and read back.

The builders go through `Opbouw`, so what they produce validates against the XSD. `lees_start_stop` reads a
305/307 into the same dataclasses, so an example message can be parsed, rebuilt and validated again (the
round trip the issue asks for) and the simulator can answer with realistic traffic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from lxml import etree

from ..codes import basis_namespace, bericht_namespace, herken_namespace
from ..opbouw import Opbouw


@dataclass
class Clientgegevens:
    """The Client block of a 305/307/315 (CDT_VerkorteNaam: no full first names needed)."""

    bsn: str
    geboortedatum: date
    geslacht: str
    achternaam: str
    voorvoegsel: str = ""
    voorletters: str = ""
    voornamen: str = ""
    datum_gebruik: str = ""


def client_van(persoon) -> Clientgegevens:
    """The Client block for a `Persoon` as a provider would fill it from the 301."""
    voorletters = "".join(d[0] for d in persoon.voornamen.split() if d[:1].isalpha())[:6]
    return Clientgegevens(
        bsn=persoon.bsn, geboortedatum=persoon.geboortedatum, geslacht=persoon.geslacht or "0",
        achternaam=persoon.geslachtsnaam, voorvoegsel=persoon.voorvoegsel, voorletters=voorletters,
    )


@dataclass
class Startregel:
    """One StartProduct. `productcategorie` empty: a generic grant (no Product element)."""

    toewijzingnummer: int | None
    productcategorie: str
    productcode: str
    toewijzing_ingangsdatum: date | None
    begindatum: date
    status_aanlevering: str = "1"


@dataclass
class Stopregel:
    """One StopProduct: the key of the start (Bsn, ToewijzingNummer, Begindatum) plus reason and end (TR382)."""

    toewijzingnummer: int | None
    productcategorie: str
    productcode: str
    toewijzing_ingangsdatum: date | None
    begindatum: date
    reden_beeindiging: str
    einddatum: date
    status_aanlevering: str = "1"


@dataclass
class StartStopbericht:
    """A parsed 305 or 307."""

    wet: str
    soort: str
    agb: str
    gemeentecode: str
    identificatie: str
    dagtekening: date
    client: Clientgegevens
    regels: list[Startregel | Stopregel] = field(default_factory=list)

    def opbouw(self) -> Opbouw:
        bouw = start_zorg if self.soort == "305" else stop_zorg
        return bouw(self.wet, agb=self.agb, gemeentecode=self.gemeentecode, identificatie=self.identificatie,
                    dagtekening=self.dagtekening, client=self.client, regels=self.regels)


def client_element(o: Opbouw, ouder: etree._Element, client: Clientgegevens) -> etree._Element:
    """Bsn, Geboortedatum, Geslacht and Naam: the part every provider message with a Client starts with."""
    c = o.el(ouder, "Client")
    o.el(c, "Bsn", client.bsn)
    g = o.el(c, "Geboortedatum")
    o.basis(g, "Datum", client.geboortedatum)
    if client.datum_gebruik:
        o.basis(g, "DatumGebruik", client.datum_gebruik)
    o.el(c, "Geslacht", client.geslacht)
    naam = o.el(c, "Naam")
    gn = o.basis(naam, "Geslachtsnaam")
    o.basis(gn, "Achternaam", client.achternaam)
    if client.voorvoegsel:
        o.basis(gn, "Voorvoegsel", client.voorvoegsel)
    if client.voornamen:
        o.basis(naam, "Voornamen", client.voornamen)
    if client.voorletters:
        o.basis(naam, "Voorletters", client.voorletters)
    return c


def product_element(o: Opbouw, ouder: etree._Element, categorie: str, code: str, naam: str = "Product") -> None:
    """CDT_Product, left out for a generic grant (no category)."""
    if not categorie:
        return
    p = o.el(ouder, naam)
    o.basis(p, "Categorie", categorie)
    if code:
        o.basis(p, "Code", code)


def _bericht(wet: str, soort: str, agb: str, gemeentecode: str, identificatie: str, dagtekening: date) -> Opbouw:
    o = Opbouw(wet, soort)
    o.header(afzender=agb, ontvanger=gemeentecode, identificatie=identificatie, dagtekening=dagtekening)
    return o


def _product_kop(o: Opbouw, lijst: etree._Element, naam: str, r: Startregel | Stopregel) -> etree._Element:
    """The elements a StartProduct and a StopProduct open with, in XSD order, up to Begindatum."""
    sp = o.el(lijst, naam)
    if r.toewijzingnummer is not None:
        o.el(sp, "ToewijzingNummer", r.toewijzingnummer)
    product_element(o, sp, r.productcategorie, r.productcode)
    if r.toewijzing_ingangsdatum:
        o.el(sp, "ToewijzingIngangsdatum", r.toewijzing_ingangsdatum)
    o.el(sp, "Begindatum", r.begindatum)
    return sp


def start_zorg(wet: str, *, agb: str, gemeentecode: str, identificatie: str, dagtekening: date,
               client: Clientgegevens, regels: list[Startregel]) -> Opbouw:
    """A 305 for one client."""
    o = _bericht(wet, "305", agb, gemeentecode, identificatie, dagtekening)
    c = client_element(o, o.root, client)
    lijst = o.el(c, "StartProducten")
    for r in regels:
        sp = _product_kop(o, lijst, "StartProduct", r)
        o.el(sp, "StatusAanlevering", r.status_aanlevering)
    return o


def stop_zorg(wet: str, *, agb: str, gemeentecode: str, identificatie: str, dagtekening: date,
              client: Clientgegevens, regels: list[Stopregel]) -> Opbouw:
    """A 307 for one client."""
    o = _bericht(wet, "307", agb, gemeentecode, identificatie, dagtekening)
    c = client_element(o, o.root, client)
    lijst = o.el(c, "StopProducten")
    for r in regels:
        sp = _product_kop(o, lijst, "StopProduct", r)
        o.el(sp, "RedenBeeindiging", r.reden_beeindiging)
        o.el(sp, "Einddatum", r.einddatum)
        o.el(sp, "StatusAanlevering", r.status_aanlevering)
    return o


# ---------------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------------


class Lezer:
    """Text of message-namespace (`m`) and basisschema (`b`) children, for any iWmo/iJw message."""

    def __init__(self, wet: str, soort: str):
        self.ns, self.nb = bericht_namespace(wet, soort), basis_namespace(wet)

    def vind(self, e: etree._Element | None, pad: str) -> etree._Element | None:
        if e is None:
            return None
        return e.find(pad.replace("m:", f"{{{self.ns}}}").replace("b:", f"{{{self.nb}}}"))

    def alle(self, e: etree._Element | None, pad: str) -> list[etree._Element]:
        if e is None:
            return []
        return e.findall(pad.replace("m:", f"{{{self.ns}}}").replace("b:", f"{{{self.nb}}}"))

    def tekst(self, e: etree._Element | None, pad: str) -> str:
        x = self.vind(e, pad)
        return (x.text or "").strip() if x is not None and x.text else ""

    def datum(self, e: etree._Element | None, pad: str) -> date | None:
        t = self.tekst(e, pad)
        try:
            return date.fromisoformat(t) if t else None
        except ValueError:
            return None

    def getal(self, e: etree._Element | None, pad: str) -> int | None:
        t = self.tekst(e, pad)
        return int(t) if t.lstrip("-").isdigit() else None

    def client(self, c: etree._Element | None) -> Clientgegevens:
        return Clientgegevens(
            bsn=self.tekst(c, "m:Bsn"),
            geboortedatum=self.datum(c, "m:Geboortedatum/b:Datum") or date.min,
            geslacht=self.tekst(c, "m:Geslacht") or "0",
            achternaam=self.tekst(c, "m:Naam/b:Geslachtsnaam/b:Achternaam"),
            voorvoegsel=self.tekst(c, "m:Naam/b:Geslachtsnaam/b:Voorvoegsel"),
            voorletters=self.tekst(c, "m:Naam/b:Voorletters"),
            voornamen=self.tekst(c, "m:Naam/b:Voornamen"),
            datum_gebruik=self.tekst(c, "m:Geboortedatum/b:DatumGebruik"),
        )


def herken(root: etree._Element) -> tuple[str, str]:
    herkend = herken_namespace(etree.QName(root).namespace or "")
    if herkend is None:
        raise ValueError("Geen iWmo- of iJw-bericht.")
    return herkend


def startregel(lz: Lezer, sp: etree._Element) -> Startregel:
    return Startregel(
        toewijzingnummer=lz.getal(sp, "m:ToewijzingNummer"), productcategorie=lz.tekst(sp, "m:Product/b:Categorie"),
        productcode=lz.tekst(sp, "m:Product/b:Code"), toewijzing_ingangsdatum=lz.datum(sp, "m:ToewijzingIngangsdatum"),
        begindatum=lz.datum(sp, "m:Begindatum") or date.min, status_aanlevering=lz.tekst(sp, "m:StatusAanlevering"),
    )


def stopregel(lz: Lezer, sp: etree._Element) -> Stopregel:
    return Stopregel(
        toewijzingnummer=lz.getal(sp, "m:ToewijzingNummer"), productcategorie=lz.tekst(sp, "m:Product/b:Categorie"),
        productcode=lz.tekst(sp, "m:Product/b:Code"), toewijzing_ingangsdatum=lz.datum(sp, "m:ToewijzingIngangsdatum"),
        begindatum=lz.datum(sp, "m:Begindatum") or date.min, reden_beeindiging=lz.tekst(sp, "m:RedenBeeindiging"),
        einddatum=lz.datum(sp, "m:Einddatum") or date.min, status_aanlevering=lz.tekst(sp, "m:StatusAanlevering"),
    )


def lees_start_stop(root: etree._Element) -> StartStopbericht:
    """A 305 or 307 (Wmo or Jeugdwet) into dataclasses; `.opbouw()` serialises it again."""
    wet, soort = herken(root)
    if soort not in ("305", "307"):
        raise ValueError(f"Dit is geen start- of stopbericht maar een {soort}.")
    lz = Lezer(wet, soort)
    c = lz.vind(root, "m:Client")
    if soort == "305":
        regels: list = [startregel(lz, sp) for sp in lz.alle(c, "m:StartProducten/m:StartProduct")]
    else:
        regels = [stopregel(lz, sp) for sp in lz.alle(c, "m:StopProducten/m:StopProduct")]
    return StartStopbericht(
        wet=wet, soort=soort, agb=lz.tekst(root, "m:Header/m:Afzender"), gemeentecode=lz.tekst(root, "m:Header/m:Ontvanger"),
        identificatie=lz.tekst(root, "m:Header/m:BerichtIdentificatie/b:Identificatie"),
        dagtekening=lz.datum(root, "m:Header/m:BerichtIdentificatie/b:Dagtekening") or date.min,
        client=lz.client(c), regels=regels,
    )
