"""What a provider sends as a 323 declaratie: prestaties grouped per client, with the signed total.

Built with lxml directly (no per-element validation) because the benchmark generates 100,000 prestaties; the
result validates against the official XSD as long as the values are within their types.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lxml import etree

from ..opbouw import Opbouw


@dataclass
class Prestatieregel:
    """One prestatie as the provider declares it. `bedrag_cent` is signed: negative is a credit."""

    bsn: str
    referentienummer: str
    toewijzingnummer: int
    productcategorie: str
    productcode: str
    begindatum: date
    einddatum: date
    volume: int
    eenheid: str
    tarief_cent: int | None
    bedrag_cent: int
    vorig_referentienummer: str = ""


def _dc(bedrag: int) -> tuple[str, str]:
    return str(abs(bedrag)), "C" if bedrag < 0 else "D"


def declaratie(
    wet: str,
    *,
    agb: str,
    gemeentecode: str,
    identificatie: str,
    dagtekening: date,
    declaratienummer: str,
    periode_begin: date,
    periode_eind: date,
    prestaties: list[Prestatieregel],
) -> Opbouw:
    """A 323 with the prestaties grouped per client (first appearance order) and TotaalIngediendBedrag with DebetCredit."""
    o = Opbouw(wet, "323")
    o.header(agb, gemeentecode, identificatie, dagtekening)
    d = o.el(o.root, "Declaratie")
    o.el(d, "DeclaratieNummer", declaratienummer)
    per = o.el(d, "DeclaratiePeriode")
    o.basis(per, "Begindatum", periode_begin)
    o.basis(per, "Einddatum", periode_eind)
    o.el(d, "DeclaratieDagtekening", dagtekening)
    totaal = o.el(d, "TotaalIngediendBedrag")
    som = sum(p.bedrag_cent for p in prestaties)
    bedrag, dc = _dc(som)
    o.basis(totaal, "TotaalBedrag", bedrag)
    o.basis(totaal, "DebetCredit", dc)
    clienten = o.el(d, "Clienten")

    m = {n: f"{{{o.ns}}}{n}" for n in (
        "Client", "Bsn", "Prestaties", "Prestatie", "ProductReferentie", "ToewijzingNummer", "ProductCategorie", "ProductCode",
        "ProductPeriode", "GeleverdVolume", "Eenheid", "ProductTarief", "IngediendBedrag",
    )}
    b = {n: f"{{{o.ns_basis}}}{n}" for n in (
        "ReferentieNummer", "VorigReferentieNummer", "Begindatum", "Einddatum", "Bedrag", "DebetCredit",
    )}
    sub = etree.SubElement
    per_client: dict[str, etree._Element] = {}
    datums: dict[date, str] = {}

    def datum(x: date) -> str:
        s = datums.get(x)
        if s is None:
            s = datums[x] = x.isoformat()
        return s

    def el(ouder: etree._Element, tag: str, tekst: str) -> None:
        sub(ouder, tag).text = tekst

    for p in prestaties:
        lijst = per_client.get(p.bsn)
        if lijst is None:
            c = sub(clienten, m["Client"])
            el(c, m["Bsn"], p.bsn)
            lijst = per_client[p.bsn] = sub(c, m["Prestaties"])
        pr = sub(lijst, m["Prestatie"])
        ref = sub(pr, m["ProductReferentie"])
        el(ref, b["ReferentieNummer"], p.referentienummer)
        if p.vorig_referentienummer:
            el(ref, b["VorigReferentieNummer"], p.vorig_referentienummer)
        el(pr, m["ToewijzingNummer"], str(p.toewijzingnummer))
        el(pr, m["ProductCategorie"], p.productcategorie)
        el(pr, m["ProductCode"], p.productcode)
        pp = sub(pr, m["ProductPeriode"])
        el(pp, b["Begindatum"], datum(p.begindatum))
        el(pp, b["Einddatum"], datum(p.einddatum))
        el(pr, m["GeleverdVolume"], str(p.volume))
        el(pr, m["Eenheid"], p.eenheid)
        if p.tarief_cent is not None:
            el(pr, m["ProductTarief"], str(p.tarief_cent))
        ib = sub(pr, m["IngediendBedrag"])
        bedrag, dc = _dc(p.bedrag_cent)
        el(ib, b["Bedrag"], bedrag)
        el(ib, b["DebetCredit"], dc)
    return o


__all__ = ["Prestatieregel", "declaratie"]
