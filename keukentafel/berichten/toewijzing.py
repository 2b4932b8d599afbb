"""The 301 toewijzing: what the gemeente tells a provider it may deliver to one client (iWmo 3.2 / iJw 3.2).

The message is modelled as a dataclass (`Toewijzingsinhoud`) so it can be built from the domain, read back
and written again. `stuur_toewijzing` applies OP087: one 301 per client, provider and law with every grant
valid today or later plus every grant changed since the previous 301 (withdrawals included). Each product
line is kept as a `Toewijzingsregel`, which is how "changed since the previous 301" is decided.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, time

from django.db import transaction
from django.utils import timezone
from lxml import etree

from keukentafel.aanbod.models import Aanbieder
from keukentafel.accounts.models import Gemeente
from keukentafel.besluiten.models import Leveringsvorm, ToegewezenVoorziening, VoorzieningStatus
from keukentafel.codelijsten import RedenWijziging, Wet
from keukentafel.inwoners.models import Persoon

from .codes import basis_namespace, bericht_namespace, herken_namespace
from .models import Bericht, Toewijzingsregel
from .opbouw import Opbouw
from .uitgaand import verzend, volgende_identificatie

# ---------------------------------------------------------------------------------------------------
# The message as data
# ---------------------------------------------------------------------------------------------------


@dataclass
class Naam:
    """CDT_VolledigeNaam."""

    achternaam: str
    voorvoegsel: str = ""
    partner_achternaam: str = ""
    partner_voorvoegsel: str = ""
    voornamen: str = ""
    voorletters: str = ""
    naamgebruik: str = "1"


@dataclass
class Adres:
    """CDT_Adres (with CDT_Huis flattened)."""

    huisnummer: int | None = None
    huisletter: str = ""
    toevoeging: str = ""
    aanduiding: str = ""
    postcode: str = ""
    straatnaam: str = ""
    plaatsnaam: str = ""
    landcode: str = ""


@dataclass
class Telefoon:
    nummer: str
    landnummer: str


@dataclass
class Contact:
    """Contact of a client or relation. Soort is LDT_AdresSoort (01 BRP-adres, 02 correspondentie, …)."""

    soort: str
    adres: Adres | None = None
    organisatie: str = ""
    telefoons: list[Telefoon] = field(default_factory=list)
    email: str = ""
    periode_begin: date | None = None
    periode_eind: date | None = None


@dataclass
class Relatie:
    nummer: int
    soort: str
    naam: Naam
    contact: Contact
    volgorde: int | None = None
    geboortedatum: date | None = None
    datum_gebruik: str = ""
    geslacht: str = ""


@dataclass
class ToegewezenProductregel:
    """One ToegewezenProduct."""

    toewijzingnummer: int
    toewijzingsdatum: date
    toewijzingstijd: time
    ingangsdatum: date
    einddatum: date | None = None
    reden_wijziging: str = ""
    referentie_aanbieder: str = ""
    categorie: str = ""
    code: str = ""
    volume: int | None = None
    eenheid: str = ""
    frequentie: str = ""
    budget: int | None = None
    commentaar: str = ""


@dataclass
class Toewijzingsinhoud:
    """A whole 301: header and one client with its product lines."""

    afzender: str
    ontvanger: str
    identificatie: str
    dagtekening: date
    bsn: str
    geboortedatum: date
    geslacht: str
    naam: Naam
    contacten: list[Contact]
    producten: list[ToegewezenProductregel]
    datum_gebruik: str = ""
    communicatie_vorm: str = ""
    communicatie_taal: str = ""
    juridische_status: str = ""
    wettelijke_vertegenwoordiging: str = ""
    commentaar: str = ""
    relaties: list[Relatie] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------------


class _Lezer:
    def __init__(self, wet: str):
        self.m = bericht_namespace(wet, "301")
        self.b = basis_namespace(wet)

    def kind(self, e: etree._Element | None, naam: str, basis: bool = False) -> etree._Element | None:
        if e is None:
            return None
        return e.find(f"{{{self.b if basis else self.m}}}{naam}")

    def tekst(self, e: etree._Element | None, naam: str, basis: bool = False) -> str:
        k = self.kind(e, naam, basis)
        return (k.text or "").strip() if k is not None else ""

    def datum(self, e: etree._Element | None, naam: str, basis: bool = False) -> date | None:
        t = self.tekst(e, naam, basis)
        return date.fromisoformat(t) if t else None

    def getal(self, e: etree._Element | None, naam: str, basis: bool = False) -> int | None:
        t = self.tekst(e, naam, basis)
        return int(t) if t else None

    def naam(self, e: etree._Element | None) -> Naam:
        g = self.kind(e, "Geslachtsnaam", True)
        p = self.kind(e, "Partnernaam", True)
        return Naam(
            achternaam=self.tekst(g, "Achternaam", True), voorvoegsel=self.tekst(g, "Voorvoegsel", True),
            partner_achternaam=self.tekst(p, "Achternaam", True), partner_voorvoegsel=self.tekst(p, "Voorvoegsel", True),
            voornamen=self.tekst(e, "Voornamen", True), voorletters=self.tekst(e, "Voorletters", True),
            naamgebruik=self.tekst(e, "NaamGebruik", True),
        )

    def contact(self, e: etree._Element) -> Contact:
        adres = None
        a = self.kind(e, "Adres")
        if a is not None:
            huis = self.kind(a, "Huis", True)
            adres = Adres(
                huisnummer=self.getal(huis, "Huisnummer", True), huisletter=self.tekst(huis, "Huisletter", True),
                toevoeging=self.tekst(huis, "HuisnummerToevoeging", True), aanduiding=self.tekst(huis, "AanduidingWoonadres", True),
                postcode=self.tekst(a, "Postcode", True), straatnaam=self.tekst(a, "Straatnaam", True),
                plaatsnaam=self.tekst(a, "Plaatsnaam", True), landcode=self.tekst(a, "LandCode", True),
            )
        telefoons = []
        t = self.kind(e, "Telefoon")
        for naam in ("Telefoon01", "Telefoon02"):
            tel = self.kind(t, naam, True)
            if tel is not None:
                telefoons.append(Telefoon(self.tekst(tel, "Telefoonnummer", True), self.tekst(tel, "Landnummer", True)))
        periode = self.kind(e, "Periode")
        return Contact(
            soort=self.tekst(e, "Soort"), adres=adres, organisatie=self.tekst(e, "Organisatie"), telefoons=telefoons,
            email=self.tekst(e, "Emailadres"), periode_begin=self.datum(periode, "Begindatum", True),
            periode_eind=self.datum(periode, "Einddatum", True),
        )


def lees_toewijzing(root: etree._Element) -> Toewijzingsinhoud:
    """Parse a WMO301/JW301 (already validated) into its dataclass."""
    herkend = herken_namespace(etree.QName(root).namespace or "")
    if herkend is None or herkend[1] != "301":
        raise ValueError("Dit is geen toewijzingsbericht (301).")
    wet = herkend[0]
    r = _Lezer(wet)
    h = r.kind(root, "Header")
    bid = r.kind(h, "BerichtIdentificatie")
    c = r.kind(root, "Client")
    geboorte = r.kind(c, "Geboortedatum")
    communicatie = r.kind(c, "Communicatie")
    relaties = []
    rel = r.kind(c, "Relaties")
    if rel is not None:
        for e in rel.iterchildren(f"{{{r.m}}}Relatie"):
            g = r.kind(e, "Geboortedatum")
            relaties.append(Relatie(
                nummer=r.getal(e, "Nummer") or 0, volgorde=r.getal(e, "Volgorde"), soort=r.tekst(e, "Soort"),
                geboortedatum=r.datum(g, "Datum", True), datum_gebruik=r.tekst(g, "DatumGebruik", True),
                geslacht=r.tekst(e, "Geslacht"), naam=r.naam(r.kind(e, "Naam")), contact=r.contact(r.kind(e, "Contact")),
            ))
    contacten = [r.contact(e) for e in r.kind(c, "Contactgegevens").iterchildren(f"{{{r.m}}}Contact")]
    producten = []
    for e in r.kind(c, "ToegewezenProducten").iterchildren(f"{{{r.m}}}ToegewezenProduct"):
        p = r.kind(e, "Product")
        o = r.kind(e, "Omvang")
        producten.append(ToegewezenProductregel(
            toewijzingnummer=r.getal(e, "ToewijzingNummer"), referentie_aanbieder=r.tekst(e, "ReferentieAanbieder"),
            categorie=r.tekst(p, "Categorie", True), code=r.tekst(p, "Code", True),
            toewijzingsdatum=r.datum(e, "Toewijzingsdatum"), toewijzingstijd=time.fromisoformat(r.tekst(e, "Toewijzingstijd")),
            ingangsdatum=r.datum(e, "Ingangsdatum"), einddatum=r.datum(e, "Einddatum"), reden_wijziging=r.tekst(e, "RedenWijziging"),
            volume=r.getal(o, "Volume", True), eenheid=r.tekst(o, "Eenheid", True), frequentie=r.tekst(o, "Frequentie", True),
            budget=r.getal(e, "Budget"), commentaar=r.tekst(e, "Commentaar"),
        ))
    return Toewijzingsinhoud(
        afzender=r.tekst(h, "Afzender"), ontvanger=r.tekst(h, "Ontvanger"), identificatie=r.tekst(bid, "Identificatie", True),
        dagtekening=r.datum(bid, "Dagtekening", True), bsn=r.tekst(c, "Bsn"), geboortedatum=r.datum(geboorte, "Datum", True),
        datum_gebruik=r.tekst(geboorte, "DatumGebruik", True), geslacht=r.tekst(c, "Geslacht"), naam=r.naam(r.kind(c, "Naam")),
        communicatie_vorm=r.tekst(communicatie, "Vorm", True), communicatie_taal=r.tekst(communicatie, "Taal", True),
        juridische_status=r.tekst(c, "JuridischeStatus"), wettelijke_vertegenwoordiging=r.tekst(c, "WettelijkeVertegenwoordiging"),
        commentaar=r.tekst(c, "Commentaar"), relaties=relaties, contacten=contacten, producten=producten,
    )


# ---------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------


def _schrijf_naam(o: Opbouw, ouder: etree._Element, naam: Naam) -> None:
    g = o.basis(ouder, "Geslachtsnaam")
    o.basis(g, "Achternaam", naam.achternaam)
    if naam.voorvoegsel:
        o.basis(g, "Voorvoegsel", naam.voorvoegsel)
    if naam.partner_achternaam:
        p = o.basis(ouder, "Partnernaam")
        o.basis(p, "Achternaam", naam.partner_achternaam)
        if naam.partner_voorvoegsel:
            o.basis(p, "Voorvoegsel", naam.partner_voorvoegsel)
    if naam.voornamen:
        o.basis(ouder, "Voornamen", naam.voornamen)
    if naam.voorletters:
        o.basis(ouder, "Voorletters", naam.voorletters)
    o.basis(ouder, "NaamGebruik", naam.naamgebruik or "1")


def _schrijf_geboortedatum(o: Opbouw, ouder: etree._Element, datum: date, gebruik: str) -> None:
    g = o.el(ouder, "Geboortedatum")
    o.basis(g, "Datum", datum)
    if gebruik:
        o.basis(g, "DatumGebruik", gebruik)


def _schrijf_contact(o: Opbouw, ouder: etree._Element, c: Contact) -> None:
    e = o.el(ouder, "Contact")
    o.el(e, "Soort", c.soort)
    if c.adres is not None:
        a = o.el(e, "Adres")
        if c.adres.huisnummer is not None:
            huis = o.basis(a, "Huis")
            o.basis(huis, "Huisnummer", c.adres.huisnummer)
            for naam, waarde in (("Huisletter", c.adres.huisletter), ("HuisnummerToevoeging", c.adres.toevoeging),
                                 ("AanduidingWoonadres", c.adres.aanduiding)):
                if waarde:
                    o.basis(huis, naam, waarde)
        for naam, waarde in (("Postcode", c.adres.postcode), ("Straatnaam", c.adres.straatnaam), ("Plaatsnaam", c.adres.plaatsnaam),
                             ("LandCode", c.adres.landcode)):
            if waarde:
                o.basis(a, naam, waarde)
    o.opt(e, "Organisatie", c.organisatie)
    if c.telefoons:
        t = o.el(e, "Telefoon")
        for naam, tel in zip(("Telefoon01", "Telefoon02"), c.telefoons, strict=False):
            te = o.basis(t, naam)
            o.basis(te, "Telefoonnummer", tel.nummer)
            o.basis(te, "Landnummer", tel.landnummer)
    o.opt(e, "Emailadres", c.email)
    if c.periode_begin or c.periode_eind:
        p = o.el(e, "Periode")
        if c.periode_begin:
            o.basis(p, "Begindatum", c.periode_begin)
        if c.periode_eind:
            o.basis(p, "Einddatum", c.periode_eind)


def schrijf_toewijzing(inhoud: Toewijzingsinhoud, wet: str) -> Opbouw:
    """The 301 as XML, element order as in the XSD; empty optional fields are left out."""
    o = Opbouw(wet, "301")
    o.header(inhoud.afzender, inhoud.ontvanger, inhoud.identificatie, inhoud.dagtekening)
    c = o.el(o.root, "Client")
    o.el(c, "Bsn", inhoud.bsn)
    _schrijf_geboortedatum(o, c, inhoud.geboortedatum, inhoud.datum_gebruik)
    o.el(c, "Geslacht", inhoud.geslacht)
    _schrijf_naam(o, o.el(c, "Naam"), inhoud.naam)
    if inhoud.communicatie_vorm:
        com = o.el(c, "Communicatie")
        o.basis(com, "Vorm", inhoud.communicatie_vorm)
        if inhoud.communicatie_taal:
            o.basis(com, "Taal", inhoud.communicatie_taal)
    o.opt(c, "JuridischeStatus", inhoud.juridische_status)
    o.opt(c, "WettelijkeVertegenwoordiging", inhoud.wettelijke_vertegenwoordiging)
    o.opt(c, "Commentaar", inhoud.commentaar)
    if inhoud.relaties:
        rel = o.el(c, "Relaties")
        for r in inhoud.relaties:
            e = o.el(rel, "Relatie")
            o.el(e, "Nummer", r.nummer)
            o.opt(e, "Volgorde", r.volgorde)
            o.el(e, "Soort", r.soort)
            if r.geboortedatum:
                _schrijf_geboortedatum(o, e, r.geboortedatum, r.datum_gebruik)
            o.opt(e, "Geslacht", r.geslacht)
            _schrijf_naam(o, o.el(e, "Naam"), r.naam)
            _schrijf_contact(o, e, r.contact)
    cg = o.el(c, "Contactgegevens")
    for contact in inhoud.contacten:
        _schrijf_contact(o, cg, contact)
    tp = o.el(c, "ToegewezenProducten")
    for p in inhoud.producten:
        e = o.el(tp, "ToegewezenProduct")
        o.el(e, "ToewijzingNummer", p.toewijzingnummer)
        o.opt(e, "ReferentieAanbieder", p.referentie_aanbieder)
        if p.categorie:
            pr = o.el(e, "Product")
            o.basis(pr, "Categorie", p.categorie)
            if p.code:
                o.basis(pr, "Code", p.code)
        o.el(e, "Toewijzingsdatum", p.toewijzingsdatum)
        o.el(e, "Toewijzingstijd", p.toewijzingstijd.replace(microsecond=0).isoformat())
        o.el(e, "Ingangsdatum", p.ingangsdatum)
        o.opt(e, "Einddatum", p.einddatum)
        o.opt(e, "RedenWijziging", p.reden_wijziging)
        if p.volume is not None:
            om = o.el(e, "Omvang")
            o.basis(om, "Volume", p.volume)
            o.basis(om, "Eenheid", p.eenheid)
            o.basis(om, "Frequentie", p.frequentie)
        o.opt(e, "Budget", p.budget)
        o.opt(e, "Commentaar", p.commentaar)
    return o


# ---------------------------------------------------------------------------------------------------
# From the domain
# ---------------------------------------------------------------------------------------------------

#: COD046 in the 301 knows 0/1/2 only; "9 Niet gespecificeerd" goes as 0 (onbekend).
_GESLACHT = {"1": "1", "2": "2"}
_POSTCODE_NL = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")
_LETTER = re.compile(r"[a-zA-Z\u00c0-\u1ef3]")

#: Reason of an ending (WMO588 / JZ588) → RedenWijziging (WMO002/JZ002) of the shortened toewijzing.
_REDEN_BIJ_BEEINDIGING = {
    Wet.WMO: {"02": RedenWijziging.OVERLEDEN, "31": RedenWijziging.VERHUIZING, "38": RedenWijziging.ANDERE_AANBIEDER,
              "39": RedenWijziging.ANDER_DOMEIN},
    Wet.JEUGDWET: {"02": RedenWijziging.OVERLEDEN, "38": RedenWijziging.ANDERE_AANBIEDER, "39": RedenWijziging.ANDER_DOMEIN},
}


def voorletters(voornamen: str) -> str:
    """LDT_Voorletters: the first letter of each first name, letters only, no dots, at most 6 (RS013, RS045)."""
    letters = [deel[0].upper() for deel in voornamen.split() if deel and _LETTER.fullmatch(deel[0])]
    return "".join(letters)[:6]


def _telefoon(waarde: str) -> Telefoon | None:
    """LDT_Telefoonnummer holds digits only (RS046); the country goes in Landnummer."""
    cijfers = re.sub(r"\D", "", waarde or "")
    internationaal = (waarde or "").strip().startswith("+") or cijfers.startswith("00")
    if internationaal:
        cijfers = cijfers[2:] if cijfers.startswith("00") else cijfers
        land, cijfers = cijfers[:2], cijfers[2:]
        if land == "31":
            cijfers = "0" + cijfers
        landnummer = f"00{land}"
    else:
        landnummer = "0031"
    if not 1 <= len(cijfers) <= 15:
        return None
    return Telefoon(cijfers, landnummer)


def _contacten(persoon: Persoon) -> list[Contact]:
    """At least one Contact: the BRP address (01) when known, else a correspondence contact (02) without address.

    CD034/CD025/CD005: a BRP address needs a postcode, a house (for NL) and a LandCode, so an incomplete
    address is not sent as 01.
    """
    telefoon = _telefoon(persoon.telefoon) if persoon.telefoon else None
    email = persoon.email if persoon.email and len(persoon.email) <= 80 else ""
    postcode = (persoon.postcode or "").replace(" ", "").upper()
    if _POSTCODE_NL.match(postcode) and persoon.huisnummer is not None and persoon.huisnummer <= 99999:
        adres = Adres(
            huisnummer=persoon.huisnummer, huisletter=(persoon.huisletter or "")[:1], toevoeging=(persoon.toevoeging or "")[:4],
            postcode=postcode, straatnaam=(persoon.straat or "").strip()[:24].strip(),
            plaatsnaam=(persoon.woonplaats or "").strip()[:80], landcode="NL",
        )
        return [Contact(soort="01", adres=adres, telefoons=[telefoon] if telefoon else [], email=email)]
    return [Contact(soort="02", telefoons=[telefoon] if telefoon else [], email=email)]


def clientgegevens(persoon: Persoon) -> dict:
    """The Client part of a 301 from the person record."""
    naam = Naam(
        achternaam=(persoon.geslachtsnaam or "").strip() or "Onbekend", voorvoegsel=(persoon.voorvoegsel or "").strip()[:10],
        voornamen=(persoon.voornamen or "").strip()[:200], voorletters=voorletters(persoon.voornamen or ""), naamgebruik="1",
    )
    return {
        "bsn": persoon.bsn, "geboortedatum": persoon.geboortedatum, "geslacht": _GESLACHT.get(persoon.geslacht, "0"),
        "naam": naam, "contacten": _contacten(persoon),
    }


def reden_wijziging(v: ToegewezenVoorziening) -> str:
    """RedenWijziging of the grant as it stands: the revocation or change reason, or for an ending the code that fits it."""
    if v.status == VoorzieningStatus.BEEINDIGD:
        return _REDEN_BIJ_BEEINDIGING.get(v.product.wet, {}).get(v.reden_beeindiging, RedenWijziging.VERKORTING)
    return v.reden_wijziging or ""


def _verwijderd(v: ToegewezenVoorziening) -> bool:
    return v.status == VoorzieningStatus.INGETROKKEN and v.reden_wijziging == RedenWijziging.VERWIJDERD


def _inhoud(v: ToegewezenVoorziening) -> tuple:
    return (v.begindatum, v.einddatum, reden_wijziging(v), v.omvang, v.eenheid, v.frequentie)


def _inhoud_regel(r: Toewijzingsregel) -> tuple:
    return (r.ingangsdatum, r.einddatum, r.reden_wijziging, r.omvang, r.eenheid, r.frequentie)


def _nieuwe_referentie(v: ToegewezenVoorziening, aanbieder: Aanbieder, verstuurd: set[str]) -> str:
    """TR379: the ReferentieAanbieder of the verzoek this grant honours, only the first time it goes out after that."""
    for verzoek in v.verzoeken.filter(aanbieder=aanbieder).order_by("-ontvangen_op", "-id"):
        if verzoek.referentie_aanbieder not in verstuurd:
            return verzoek.referentie_aanbieder
    return ""


@transaction.atomic
def stuur_toewijzing(
    persoon: Persoon, aanbieder: Aanbieder, gemeente: Gemeente, wet: str, *, door=None, opnieuw: bool = False,
) -> Bericht | None:
    """Build and send the 301 for this client at this provider under this law (OP087); None when there is nothing new.

    A line whose content is unchanged since the previous 301 keeps its Toewijzingsdatum/-tijd (IV013); a new or
    changed one gets now. `opnieuw` sends the current state even when nothing changed (the provider asked for it).
    """
    nu = timezone.localtime()
    vandaag = nu.date()
    tijd = nu.time().replace(microsecond=0)
    # One 301 at a time per client: "changed since the previous 301" must see the previous one.
    Persoon.objects.select_for_update().filter(pk=persoon.pk).values_list("pk", flat=True).first()
    voorzieningen = list(
        ToegewezenVoorziening.objects.filter(
            persoon=persoon, aanbieder=aanbieder, gemeente=gemeente, product__wet=wet,
            leveringsvorm__in=[Leveringsvorm.ZIN, Leveringsvorm.PVB],
        ).select_related("product").order_by("toewijzingnummer")
    )
    if not voorzieningen:
        return None
    laatste: dict[int, Toewijzingsregel] = {}
    verstuurd: dict[int, set[str]] = {}
    for r in Toewijzingsregel.objects.filter(voorziening__in=voorzieningen).order_by("-id"):
        laatste.setdefault(r.voorziening_id, r)
        if r.referentie_aanbieder:
            verstuurd.setdefault(r.voorziening_id, set()).add(r.referentie_aanbieder)

    regels: list[tuple[ToegewezenVoorziening, ToegewezenProductregel]] = []
    aanleiding = opnieuw
    for v in voorzieningen:
        vorig = laatste.get(v.pk)
        if vorig is None and _verwijderd(v):
            continue  # never sent and never valid: the provider need not hear of it
        gewijzigd = vorig is None or _inhoud_regel(vorig) != _inhoud(v)
        geldig = not _verwijderd(v) and (v.einddatum is None or v.einddatum >= vandaag)
        referentie = _nieuwe_referentie(v, aanbieder, verstuurd.get(v.pk, set()))
        if not (geldig or gewijzigd or referentie):
            continue
        aanleiding = aanleiding or gewijzigd or bool(referentie)
        regels.append((v, ToegewezenProductregel(
            toewijzingnummer=v.toewijzingnummer,
            toewijzingsdatum=vandaag if gewijzigd else vorig.toewijzingsdatum,
            toewijzingstijd=tijd if gewijzigd else vorig.toewijzingstijd,
            ingangsdatum=v.begindatum, einddatum=v.einddatum, reden_wijziging=reden_wijziging(v), referentie_aanbieder=referentie,
            categorie=v.product.productcategorie, code=v.product.productcode, volume=v.omvang, eenheid=v.eenheid,
            frequentie=v.frequentie,
        )))
    if not regels or not aanleiding:
        return None

    inhoud = Toewijzingsinhoud(
        afzender=gemeente.gemeentecode, ontvanger=aanbieder.agb_code, identificatie=volgende_identificatie(gemeente),
        dagtekening=vandaag, producten=[p for _, p in regels], **clientgegevens(persoon),
    )
    bericht = verzend(schrijf_toewijzing(inhoud, wet), gemeente=gemeente, aanbieder=aanbieder, persoon=persoon, aantal_regels=len(regels))
    Toewijzingsregel.objects.bulk_create([
        Toewijzingsregel(
            bericht=bericht, voorziening=v, toewijzingsdatum=p.toewijzingsdatum, toewijzingstijd=p.toewijzingstijd,
            ingangsdatum=p.ingangsdatum, einddatum=p.einddatum, reden_wijziging=p.reden_wijziging, omvang=p.volume,
            eenheid=p.eenheid, frequentie=p.frequentie, budget_cent=p.budget, referentie_aanbieder=p.referentie_aanbieder,
        )
        for v, p in regels
    ])
    if door is not None:
        from keukentafel.accounts import audit
        from keukentafel.accounts.models import AuditActie

        audit.log(door, AuditActie.AANMAKEN, bericht, huishouden_id=regels[0][0].huishouden_id,
                  omschrijving=f"{bericht.code} {bericht.identificatie} aan {aanbieder.naam}: {len(regels)} toegewezen product(en)")
    return bericht


# ---------------------------------------------------------------------------------------------------
# Deferred sending
# ---------------------------------------------------------------------------------------------------

_uitstel = threading.local()


def _staat() -> tuple[int, dict]:
    return getattr(_uitstel, "diepte", 0), getattr(_uitstel, "wachtend", {})


@contextmanager
def uitgesteld() -> Iterator[None]:
    """Collect 301 requests and send one per (persoon, aanbieder, gemeente, wet) when the outermost block ends.

    Lets a verzoek approval link its grants to the verzoek first (TR379), and several grants for one client
    go out as one 301 (OP087). Run it inside the caller's transaction: the 301s are part of the change.
    On an exception nothing is sent.
    """
    diepte, wachtend = _staat()
    if diepte == 0:
        wachtend = {}
        _uitstel.wachtend = wachtend
    _uitstel.diepte = diepte + 1
    try:
        yield
    except BaseException:
        _uitstel.diepte -= 1
        if _uitstel.diepte == 0:
            _uitstel.wachtend = {}
        raise
    _uitstel.diepte -= 1
    if _uitstel.diepte == 0:
        _uitstel.wachtend = {}
        for (persoon_id, aanbieder_id, gemeente_id, wet), door in wachtend.items():
            stuur_toewijzing(
                Persoon.objects.get(pk=persoon_id), Aanbieder.objects.get(pk=aanbieder_id), Gemeente.objects.get(pk=gemeente_id),
                wet, door=door,
            )


def vraag_toewijzing(persoon: Persoon, aanbieder: Aanbieder, gemeente: Gemeente, wet: str, *, door=None) -> Bericht | None:
    """Send the 301 now, or inside `uitgesteld()` when the outermost block ends."""
    diepte, wachtend = _staat()
    if diepte:
        sleutel = (persoon.pk, aanbieder.pk, gemeente.pk, wet)
        wachtend[sleutel] = wachtend.get(sleutel) or door
        return None
    return stuur_toewijzing(persoon, aanbieder, gemeente, wet, door=door)
