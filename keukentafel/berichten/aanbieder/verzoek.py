"""What a provider sends to ask for care: the 315 verzoek om toewijzing and the 317 verzoek om wijziging.

Built through `Opbouw` (so they validate) and read back by the same dataclasses; the gemeente's handlers in
`berichten/verzoeken.py` use the readers to store what was asked.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from lxml import etree

from keukentafel.codelijsten import Wet

from ..opbouw import Opbouw
from .levering import Clientgegevens, Lezer, client_element, product_element

#: COD327 verwijzer types that carry a ZorgverlenerCode (AGB) or, without it, a name (CD066/CD067/CD068).
VERWIJZERS_MET_ZORGVERLENER = {"02", "03", "04", "05"}


class _AlsDict:
    """JSON-ready dict of a dataclass line (dates as ISO text), for storing what a verzoek asked."""

    def als_dict(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(self).items()}


@dataclass
class Aanvraagregel(_AlsDict):
    """One AangevraagdProduct of a 315; each has its own ReferentieAanbieder (TR347, TR379)."""

    referentie_aanbieder: str
    productcategorie: str
    productcode: str
    toewijzing_ingangsdatum: date
    toewijzing_einddatum: date | None = None
    volume: int | None = None
    eenheid: str = ""
    frequentie: str = ""
    verwijzer_type: str = "06"
    verwijzer_naam: str = ""
    verwijzer_agb: str = ""
    budget: int | None = None
    beschikkingnummer: int | None = None
    beschikking_ingangsdatum: date | None = None
    raamcontract: str = ""
    commentaar: str = ""


@dataclass
class TeWijzigenregel(_AlsDict):
    """One TeWijzigenProduct of a 317: the grant by number and what should change from `gewenste_ingangsdatum`."""

    toewijzingnummer: int
    gewenste_ingangsdatum: date
    einddatum: date | None = None
    volume: int | None = None
    eenheid: str = ""
    frequentie: str = ""
    budget: int | None = None


@dataclass
class Nieuwregel(_AlsDict):
    """One NieuwProduct of a 317."""

    productcategorie: str
    productcode: str
    gewenste_ingangsdatum: date
    einddatum: date | None = None
    volume: int | None = None
    eenheid: str = ""
    frequentie: str = ""
    budget: int | None = None


def _header(wet: str, soort: str, agb: str, gemeentecode: str, identificatie: str, dagtekening: date) -> Opbouw:
    o = Opbouw(wet, soort)
    o.header(afzender=agb, ontvanger=gemeentecode, identificatie=identificatie, dagtekening=dagtekening)
    return o


def _omvang(o: Opbouw, ouder: etree._Element, volume: int | None, eenheid: str, frequentie: str) -> None:
    if volume is None:
        return
    om = o.el(ouder, "Omvang")
    o.basis(om, "Volume", volume)
    o.basis(om, "Eenheid", eenheid)
    o.basis(om, "Frequentie", frequentie)


def verzoek_om_toewijzing(wet: str, *, agb: str, gemeentecode: str, identificatie: str, dagtekening: date,
                          client: Clientgegevens, producten: list[Aanvraagregel], commentaar: str = "",
                          gezagsdrager_bekend: str = "") -> Opbouw:
    """A 315 for one client. `gezagsdrager_bekend` (COD260: 1 ja, 2 nee) exists in the Jeugdwet message only."""
    o = _header(wet, "315", agb, gemeentecode, identificatie, dagtekening)
    c = client_element(o, o.root, client)
    if gezagsdrager_bekend and wet == Wet.JEUGDWET:
        o.el(c, "GezagsdragerBekend", gezagsdrager_bekend)
    o.opt(c, "Commentaar", commentaar)
    lijst = o.el(c, "AangevraagdeProducten")
    for p in producten:
        ap = o.el(lijst, "AangevraagdProduct")
        o.el(ap, "ReferentieAanbieder", p.referentie_aanbieder)
        if p.beschikkingnummer is not None:
            o.el(ap, "BeschikkingNummer", p.beschikkingnummer)
        product_element(o, ap, p.productcategorie, p.productcode)
        o.opt(ap, "BeschikkingIngangsdatum", p.beschikking_ingangsdatum)
        o.el(ap, "ToewijzingIngangsdatum", p.toewijzing_ingangsdatum)
        o.opt(ap, "ToewijzingEinddatum", p.toewijzing_einddatum)
        _omvang(o, ap, p.volume, p.eenheid, p.frequentie)
        o.opt(ap, "Budget", p.budget)
        v = o.el(ap, "Verwijzer")
        o.basis(v, "Type", p.verwijzer_type)
        if p.verwijzer_naam:
            o.basis(v, "Naam", p.verwijzer_naam)
        if p.verwijzer_agb:
            o.basis(v, "ZorgverlenerCode", p.verwijzer_agb)
        o.opt(ap, "Raamcontract", p.raamcontract)
        o.opt(ap, "Commentaar", p.commentaar)
    return o


def verzoek_om_wijziging(wet: str, *, agb: str, gemeentecode: str, identificatie: str, dagtekening: date, bsn: str,
                         referentie_aanbieder: str, reden_verzoek: str, ongewijzigd: list[int],
                         te_wijzigen: list[TeWijzigenregel], nieuw: list[Nieuwregel]) -> Opbouw:
    """A 317: every current grant of the client at this provider goes in `ongewijzigd` or `te_wijzigen` (TR349)."""
    o = _header(wet, "317", agb, gemeentecode, identificatie, dagtekening)
    c = o.el(o.root, "Client")
    o.el(c, "Bsn", bsn)
    v = o.el(c, "Verzoek")
    o.el(v, "ReferentieAanbieder", referentie_aanbieder)
    o.el(v, "RedenVerzoek", reden_verzoek)
    if ongewijzigd:
        lijst = o.el(v, "OngewijzigdeProducten")
        for nr in ongewijzigd:
            o.el(o.el(lijst, "OngewijzigdProduct"), "ToewijzingNummer", nr)
    if te_wijzigen:
        lijst = o.el(v, "TeWijzigenProducten")
        for t in te_wijzigen:
            tw = o.el(lijst, "TeWijzigenProduct")
            o.el(tw, "ToewijzingNummer", t.toewijzingnummer)
            o.el(tw, "GewensteIngangsdatum", t.gewenste_ingangsdatum)
            o.opt(tw, "Einddatum", t.einddatum)
            _omvang(o, tw, t.volume, t.eenheid, t.frequentie)
            o.opt(tw, "Budget", t.budget)
    if nieuw:
        lijst = o.el(v, "NieuweProducten")
        for n in nieuw:
            np_ = o.el(lijst, "NieuwProduct")
            product_element(o, np_, n.productcategorie, n.productcode)
            o.el(np_, "GewensteIngangsdatum", n.gewenste_ingangsdatum)
            o.opt(np_, "Einddatum", n.einddatum)
            _omvang(o, np_, n.volume, n.eenheid, n.frequentie)
            o.opt(np_, "Budget", n.budget)
    return o


# ---------------------------------------------------------------------------------------------------
# Reading (one berichtklasse at a time, so a handler can put its retourcodes on that element)
# ---------------------------------------------------------------------------------------------------


def lees_aanvraagregel(lz: Lezer, ap: etree._Element) -> Aanvraagregel:
    return Aanvraagregel(
        referentie_aanbieder=lz.tekst(ap, "m:ReferentieAanbieder"),
        productcategorie=lz.tekst(ap, "m:Product/b:Categorie"), productcode=lz.tekst(ap, "m:Product/b:Code"),
        toewijzing_ingangsdatum=lz.datum(ap, "m:ToewijzingIngangsdatum") or date.min,
        toewijzing_einddatum=lz.datum(ap, "m:ToewijzingEinddatum"),
        volume=lz.getal(ap, "m:Omvang/b:Volume"), eenheid=lz.tekst(ap, "m:Omvang/b:Eenheid"),
        frequentie=lz.tekst(ap, "m:Omvang/b:Frequentie"),
        verwijzer_type=lz.tekst(ap, "m:Verwijzer/b:Type"), verwijzer_naam=lz.tekst(ap, "m:Verwijzer/b:Naam"),
        verwijzer_agb=lz.tekst(ap, "m:Verwijzer/b:ZorgverlenerCode"), budget=lz.getal(ap, "m:Budget"),
        beschikkingnummer=lz.getal(ap, "m:BeschikkingNummer"),
        beschikking_ingangsdatum=lz.datum(ap, "m:BeschikkingIngangsdatum"),
        raamcontract=lz.tekst(ap, "m:Raamcontract"), commentaar=lz.tekst(ap, "m:Commentaar"),
    )


def lees_tewijzigen(lz: Lezer, tw: etree._Element) -> TeWijzigenregel:
    return TeWijzigenregel(
        toewijzingnummer=lz.getal(tw, "m:ToewijzingNummer") or 0,
        gewenste_ingangsdatum=lz.datum(tw, "m:GewensteIngangsdatum") or date.min, einddatum=lz.datum(tw, "m:Einddatum"),
        volume=lz.getal(tw, "m:Omvang/b:Volume"), eenheid=lz.tekst(tw, "m:Omvang/b:Eenheid"),
        frequentie=lz.tekst(tw, "m:Omvang/b:Frequentie"), budget=lz.getal(tw, "m:Budget"),
    )


def lees_nieuw(lz: Lezer, np_: etree._Element) -> Nieuwregel:
    return Nieuwregel(
        productcategorie=lz.tekst(np_, "m:Product/b:Categorie"), productcode=lz.tekst(np_, "m:Product/b:Code"),
        gewenste_ingangsdatum=lz.datum(np_, "m:GewensteIngangsdatum") or date.min, einddatum=lz.datum(np_, "m:Einddatum"),
        volume=lz.getal(np_, "m:Omvang/b:Volume"), eenheid=lz.tekst(np_, "m:Omvang/b:Eenheid"),
        frequentie=lz.tekst(np_, "m:Omvang/b:Frequentie"), budget=lz.getal(np_, "m:Budget"),
    )


@dataclass
class Wijzigingsverzoek:
    """A parsed 317 (for the simulator and tests)."""

    bsn: str
    referentie_aanbieder: str
    reden_verzoek: str
    ongewijzigd: list[int] = field(default_factory=list)
    te_wijzigen: list[TeWijzigenregel] = field(default_factory=list)
    nieuw: list[Nieuwregel] = field(default_factory=list)
