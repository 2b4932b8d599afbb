"""Building iWmo/iJw XML: headers, elements in the right namespace, and the generic retour message.

Elements declared in a message XSD live in the message namespace; the parts of a CDT_ type from the
Basisschema (Datum, Identificatie, Categorie, …) live in the basisschema namespace. `Opbouw` knows both.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from lxml import etree

from .codes import (
    BERICHTCODES,
    BERICHTSUBVERSIE,
    BERICHTVERSIE,
    GOED,
    RETOUR_VAN,
    XSD_VERSIE,
    basis_namespace,
    bericht_namespace,
    prefix,
)

#: Elements that are a berichtklasse in a retour message: each gets its own RetourCodes (last child).
BERICHTKLASSEN = {
    "Client", "Relatie", "Contact", "ToegewezenProduct", "StartProduct", "StopProduct", "AangevraagdProduct", "Verzoek",
    "OngewijzigdProduct", "TeWijzigenProduct", "NieuwProduct", "Antwoord", "Woonplaatsbeginsel", "Prestatie",
}


def tekst(waarde: object) -> str:
    if isinstance(waarde, datetime):
        return waarde.strftime("%H:%M:%S")
    if isinstance(waarde, date):
        return waarde.isoformat()
    return str(waarde)


class Opbouw:
    """One message under construction: `el` adds a message-namespace element, `basis` a Basisschema one."""

    def __init__(self, wet: str, soort: str):
        self.wet, self.soort = wet, soort
        self.ns = bericht_namespace(wet, soort)
        self.ns_basis = basis_namespace(wet)
        basisprefix = "iwmo" if self.ns_basis.split("/")[3] == "iwmo" else "ijw"
        self.root = etree.Element(f"{{{self.ns}}}Bericht", nsmap={f"{prefix(wet)}{soort}": self.ns, basisprefix: self.ns_basis})

    def el(self, ouder: etree._Element, naam: str, waarde: object | None = None) -> etree._Element:
        e = etree.SubElement(ouder, f"{{{self.ns}}}{naam}")
        if waarde is not None:
            e.text = tekst(waarde)
        return e

    def basis(self, ouder: etree._Element, naam: str, waarde: object | None = None) -> etree._Element:
        e = etree.SubElement(ouder, f"{{{self.ns_basis}}}{naam}")
        if waarde is not None:
            e.text = tekst(waarde)
        return e

    def opt(self, ouder: etree._Element, naam: str, waarde: object | None) -> None:
        """An optional element: left out when empty (the XSDs refuse empty strings)."""
        if waarde not in (None, ""):
            self.el(ouder, naam, waarde)

    def header(self, afzender: str, ontvanger: str, identificatie: str, dagtekening: date) -> etree._Element:
        h = self.el(self.root, "Header")
        self.el(h, "BerichtCode", BERICHTCODES[self.wet][self.soort])
        self.el(h, "BerichtVersie", BERICHTVERSIE)
        self.el(h, "BerichtSubversie", BERICHTSUBVERSIE)
        self.el(h, "Afzender", afzender)
        self.el(h, "Ontvanger", ontvanger)
        bid = self.el(h, "BerichtIdentificatie")
        self.basis(bid, "Identificatie", identificatie)
        self.basis(bid, "Dagtekening", dagtekening)
        self.xsd_versie(h, "XsdVersie")
        return h

    def xsd_versie(self, ouder: etree._Element, naam: str, bron: etree._Element | None = None) -> None:
        v = self.el(ouder, naam)
        if bron is not None and len(bron) >= 2:
            self.basis(v, "BasisschemaXsdVersie", bron[0].text)
            self.basis(v, "BerichtXsdVersie", bron[1].text)
        else:
            self.basis(v, "BasisschemaXsdVersie", XSD_VERSIE)
            self.basis(v, "BerichtXsdVersie", XSD_VERSIE)

    def retourcodes(self, ouder: etree._Element, codes: Iterable[str]) -> None:
        rc = self.el(ouder, "RetourCodes")
        for code in list(dict.fromkeys(codes))[:3] or [GOED]:  # the XSD allows at most three codes
            self.el(rc, "RetourCode", code)

    def bytes(self) -> bytes:
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _lokaal(e: etree._Element) -> str:
    return etree.QName(e).localname


def retourbericht(
    heen: etree._Element,
    wet: str,
    soort_heen: str,
    *,
    identificatie_retour: str,
    dagtekening_retour: date,
    headercodes: Iterable[str] = (GOED,),
    codes: dict[etree._Element, list[str]] | None = None,
) -> Opbouw:
    """The retour (302, 306, 308, 316, 318, 320) of a received message.

    `codes` maps elements of the received message (a berichtklasse) to their retourcodes. Following OP065,
    only clients with at least one code are returned, each with all its berichtklassen (0200 where fine).
    Without `codes` entries the retour carries the header only: the whole message is accepted (or, with
    0001 in `headercodes`, refused).
    """
    soort = RETOUR_VAN[soort_heen]
    o = Opbouw(wet, soort)
    hh = heen.find(f"{{{bericht_namespace(wet, soort_heen)}}}Header")
    h = o.el(o.root, "Header")
    o.el(h, "BerichtCode", BERICHTCODES[wet][soort])
    for naam in ("BerichtVersie", "BerichtSubversie", "Afzender", "Ontvanger"):
        o.el(h, naam, hh.find(f"{{{bericht_namespace(wet, soort_heen)}}}{naam}").text)
    bid = o.el(h, "BerichtIdentificatie")
    bron = hh.find(f"{{{bericht_namespace(wet, soort_heen)}}}BerichtIdentificatie")
    o.basis(bid, "Identificatie", bron[0].text)
    o.basis(bid, "Dagtekening", bron[1].text)
    o.xsd_versie(h, "XsdVersie", hh.find(f"{{{bericht_namespace(wet, soort_heen)}}}XsdVersie"))
    o.el(h, "IdentificatieRetour", identificatie_retour)
    o.el(h, "DagtekeningRetour", dagtekening_retour)
    o.xsd_versie(h, "XsdVersieRetour")
    o.retourcodes(h, headercodes)
    codes = codes or {}
    if not codes:
        return o
    ns_heen = bericht_namespace(wet, soort_heen)
    for klant in heen.iterchildren(f"{{{ns_heen}}}Client", f"{{{ns_heen}}}Antwoord"):
        if not any(e in codes for e in klant.iter()):
            continue
        o.root.append(_kopie_met_codes(klant, ns_heen, o, codes))
    return o


def _kopie_met_codes(e: etree._Element, ns_heen: str, o: Opbouw, codes: dict) -> etree._Element:
    if etree.QName(e).namespace == ns_heen:
        kopie = etree.Element(f"{{{o.ns}}}{_lokaal(e)}")
    else:
        kopie = etree.Element(e.tag)
    kopie.text = e.text if len(e) == 0 else None
    for kind in e:
        if isinstance(kind.tag, str):
            kopie.append(_kopie_met_codes(kind, ns_heen, o, codes))
    if etree.QName(e).namespace == ns_heen and _lokaal(e) in BERICHTKLASSEN:
        o.retourcodes(kopie, codes.get(e, [GOED]))
    return kopie
