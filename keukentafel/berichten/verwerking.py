"""Receiving a message: safe parse, XSD, header checks, idempotency, then one transaction per message.

`ontvang` is the single entry for every channel (HTTP, inbox directory, CLI, simulator). Handlers per message
type register with `@verwerker("305")`; they apply the TR/OP rules, mark retourcodes on the berichtklassen
of the received XML (`ctx.afkeur`) and change the domain. The retour message is then built generically, or
by the handler itself (the 325). A failure anywhere inside rolls the whole message back.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from lxml import etree

from keukentafel.aanbod.models import Aanbieder
from keukentafel.accounts.models import Gemeente
from keukentafel.codelijsten import Wet

from . import veilig, xsd
from .codes import GOED, RETOUR_VAN, TECHNISCH_AFGEKEURD, VAN_AANBIEDER, basis_namespace, bericht_namespace, berichtnaam, herken_namespace
from .models import Bericht, Berichtstatus, Kanaal, Richting
from .opbouw import Opbouw, retourbericht
from .uitgaand import verzend, volgende_identificatie
from .xsd import Fout

logger = logging.getLogger("keukentafel.berichten")


@dataclass
class Kop:
    wet: str
    soort: str
    berichtcode: str
    afzender: str
    ontvanger: str
    identificatie: str
    dagtekening: date | None
    heen_identificatie: str = ""

    @property
    def gemeentecode(self) -> str:
        """The gemeente side of the exchange: Ontvanger of a provider's message, Afzender of a retour on ours."""
        return self.afzender if self.soort in ("302", "320") else self.ontvanger

    @property
    def agb(self) -> str:
        return self.ontvanger if self.soort in ("302", "320") else self.afzender


@dataclass
class Context:
    """What a handler gets: the stored message, the parsed XML and where to put its findings."""

    bericht: Bericht
    root: etree._Element
    kop: Kop
    gemeente: Gemeente
    aanbieder: Aanbieder
    codes: dict[etree._Element, list[str]] = field(default_factory=dict)
    headercodes: list[str] = field(default_factory=lambda: [GOED])
    voortgang: Callable[[int, int], None] | None = None

    @property
    def wet(self) -> str:
        return self.kop.wet

    @property
    def ns(self) -> str:
        return bericht_namespace(self.kop.wet, self.kop.soort)

    @property
    def ns_basis(self) -> str:
        return basis_namespace(self.kop.wet)

    def q(self, naam: str) -> str:
        return f"{{{self.ns}}}{naam}"

    def qb(self, naam: str) -> str:
        return f"{{{self.ns_basis}}}{naam}"

    def afkeur(self, element: etree._Element, code: str, melding: str = "") -> None:
        """Refuse a berichtklasse with a WJ001 retourcode; the finding is also kept on the message for the UI."""
        lijst = self.codes.setdefault(element, [])
        if code not in lijst:
            lijst.append(code)
        if len(self.bericht.fouten) < 1000:
            self.bericht.fouten.append(
                Fout(melding=melding or code, regel=element.sourceline, element=etree.QName(element).localname, code=code,
                     regelcode=_regel_van(code)).als_dict()
            )


@dataclass
class Resultaat:
    """What a handler reports back. `antwoord` replaces the generic retour (the 325 has its own shape)."""

    antwoord: Opbouw | None = None
    aantal_regels: int = 0
    aantal_afgekeurd: int = 0
    persoon_id: int | None = None
    geen_retour: bool = False


Verwerker = Callable[[Context], Resultaat]
VERWERKERS: dict[str, Verwerker] = {}


def verwerker(*soorten: str) -> Callable[[Verwerker], Verwerker]:
    def registreer(fn: Verwerker) -> Verwerker:
        for s in soorten:
            VERWERKERS[s] = fn
        return fn

    return registreer


@dataclass
class Ontvangst:
    """The outcome for the sender: HTTP status, the stored message (None when refused before storing),
    the answer message, findings and whether this was a repeat of a message already processed."""

    http_status: int
    bericht: Bericht | None = None
    antwoord: Bericht | None = None
    fouten: list[dict] = field(default_factory=list)
    herhaald: bool = False
    melding: str = ""

    @property
    def antwoord_xml(self) -> bytes | None:
        return self.antwoord.xml_bytes if self.antwoord else None


def _regel_van(code: str) -> str:
    from .codes import RETOURCODES

    r = RETOURCODES.get(code)
    return r.regel if r else ""


def _laad_verwerkers() -> None:
    from . import declaraties, retouren, start_stop, verzoeken  # noqa: F401  (register themselves)


def lees_kop(root: etree._Element) -> Kop:
    """The header, or OnveiligBericht when the root is not an iWmo/iJw message at all."""
    herkend = herken_namespace(etree.QName(root).namespace or "")
    if herkend is None or etree.QName(root).localname != "Bericht":
        raise veilig.OnveiligBericht("Dit is geen iWmo- of iJw-bericht (onbekende namespace van het hoofdelement).")
    wet, soort = herkend
    ns, nb = bericht_namespace(wet, soort), basis_namespace(wet)

    def veld(pad: str) -> str:
        e = root.find(pad.replace("m:", f"{{{ns}}}").replace("b:", f"{{{nb}}}"))
        return (e.text or "").strip() if e is not None and e.text else ""

    dag = veld("m:Header/m:BerichtIdentificatie/b:Dagtekening")
    # A retour (302/320) carries our own BerichtIdentificatie; its sender's identity is IdentificatieRetour.
    retour = soort in ("302", "320")
    if retour:
        dag = veld("m:Header/m:DagtekeningRetour") or dag
    try:
        dagtekening = date.fromisoformat(dag) if dag else None
    except ValueError:
        dagtekening = None
    return Kop(
        wet=wet, soort=soort, berichtcode=veld("m:Header/m:BerichtCode"), afzender=veld("m:Header/m:Afzender")[:8],
        ontvanger=veld("m:Header/m:Ontvanger")[:8],
        identificatie=veld("m:Header/m:IdentificatieRetour" if retour else "m:Header/m:BerichtIdentificatie/b:Identificatie")[:12],
        dagtekening=dagtekening, heen_identificatie=veld("m:Header/m:BerichtIdentificatie/b:Identificatie")[:12] if retour else "",
    )


def structuurfouten(root: etree._Element, kop: Kop) -> list[Fout]:
    """The product's own header checks, which also run when XSD validation is off."""
    fouten = []
    if not kop.identificatie:
        fouten.append(Fout("BerichtIdentificatie/Identificatie ontbreekt.", element="Identificatie"))
    if kop.dagtekening is None:
        fouten.append(Fout("BerichtIdentificatie/Dagtekening ontbreekt of is geen datum (JJJJ-MM-DD).", element="Dagtekening"))
    if not kop.afzender.isdigit() or not kop.ontvanger.isdigit():
        fouten.append(Fout("Afzender en Ontvanger moeten een gemeentecode (4 cijfers) en AGB-code (8 cijfers) zijn.", element="Afzender"))
    from .codes import BERICHTCODES

    if kop.berichtcode != BERICHTCODES[kop.wet][kop.soort]:
        naam = berichtnaam(kop.wet, kop.soort)
        fouten.append(Fout(f"BerichtCode {kop.berichtcode or '(leeg)'} hoort niet bij {naam}.", element="BerichtCode"))
    return fouten


def ontvang(
    data: bytes,
    *,
    kanaal: str = Kanaal.HTTP,
    bestandsnaam: str = "",
    aanbieder: Aanbieder | None = None,
    verwachte_soort: str | None = None,
    verwachte_wet: str | None = None,
    voortgang: Callable[[int, int], None] | None = None,
) -> Ontvangst:
    """Receive one message from a provider. `aanbieder` is the authenticated sender (HTTP token), if any."""
    _laad_verwerkers()
    try:
        doc = veilig.parse(data)
        kop = lees_kop(doc.getroot())
    except veilig.OnveiligBericht as exc:
        logger.warning("Bericht geweigerd vóór opslag (%s, kanaal %s): %s", bestandsnaam or "-", kanaal, exc.melding)
        return Ontvangst(exc.http_status, fouten=[Fout(exc.melding, regel=exc.regel).als_dict()], melding=exc.melding)
    root = doc.getroot()
    naam = berichtnaam(kop.wet, kop.soort)
    if kop.soort not in VAN_AANBIEDER:
        melding = f"Een {naam} wordt door de gemeente verstuurd, niet ontvangen."
        logger.warning("Bericht geweigerd: %s", melding)
        return Ontvangst(400, fouten=[Fout(melding).als_dict()], melding=melding)
    if verwachte_soort and kop.soort != verwachte_soort:
        melding = f"Dit adres ontvangt {verwachte_soort}-berichten; dit is een {naam}."
        return Ontvangst(400, fouten=[Fout(melding).als_dict()], melding=melding)
    if verwachte_wet and kop.wet != verwachte_wet:
        melding = f"Dit adres ontvangt berichten van de {Wet(verwachte_wet).label}; dit is een {naam}."
        return Ontvangst(400, fouten=[Fout(melding).als_dict()], melding=melding)
    if aanbieder is not None and kop.agb != aanbieder.agb_code:
        melding = f"De afzender in de header ({kop.agb}) is niet de aanbieder van deze sleutel."
        logger.warning("Bericht geweigerd: afzender %s past niet bij sleutel van %s", kop.agb, aanbieder.agb_code)
        return Ontvangst(403, fouten=[Fout(melding, element="Afzender").als_dict()], melding=melding)

    sha = hashlib.sha256(data).hexdigest()
    sleutel = Bericht.maak_sleutel(Richting.IN, kop.wet, kop.soort, kop.agb, kop.identificatie)
    herhaling = _herhaling(sleutel, sha)
    if herhaling is not None:
        return herhaling

    basis = dict(
        richting=Richting.IN, wet=kop.wet, soort=kop.soort, berichtcode=kop.berichtcode, afzender=kop.afzender,
        ontvanger=kop.ontvanger, identificatie=kop.identificatie, dagtekening=kop.dagtekening, xml=data, sha256=sha,
        bestandsnaam=bestandsnaam[:200], kanaal=kanaal,
    )
    xsd_fouten = xsd.valideer(doc, kop.wet, kop.soort)
    fouten = xsd_fouten if xsd_fouten else structuurfouten(root, kop)
    gemeente = Gemeente.objects.filter(gemeentecode=kop.gemeentecode).first()
    afzender = Aanbieder.objects.filter(agb_code=kop.agb).first()
    if fouten:
        # Controleniveau 1/2: refused as a whole, nothing applied; the sender gets the findings, not a retour.
        b = Bericht.objects.create(**basis, gemeente=gemeente, aanbieder=afzender, status=Berichtstatus.AFGEKEURD,
                                   xsd_gevalideerd=xsd_fouten is not None, fouten=[f.als_dict() for f in fouten[:200]],
                                   retourcodes=[TECHNISCH_AFGEKEURD])
        logger.warning("%s %s afgekeurd: %d fouten (eerste: %s)", naam, b.pk, len(fouten), fouten[0].melding[:200])
        return Ontvangst(422, bericht=b, fouten=b.fouten, melding=f"{naam} afgekeurd: het voldoet niet aan de standaard.")
    headercode = None
    if gemeente is None:
        headercode, melding = "S300", f"Gemeentecode {kop.gemeentecode} is geen gemeente van deze installatie."
    elif afzender is None:
        headercode, melding = TECHNISCH_AFGEKEURD, f"AGB-code {kop.agb} is geen bekende aanbieder."
    elif kop.dagtekening and kop.dagtekening > timezone.localdate():
        headercode, melding = "8848", "De dagtekening ligt na vandaag."
    if headercode:
        return _weiger_header(basis, doc, kop, gemeente, afzender, headercode, melding, xsd_fouten is not None)
    try:
        return _verwerk(basis, doc, kop, gemeente, afzender, sleutel, xsd_fouten is not None, voortgang)
    except IntegrityError:
        # The same message arrived twice at the same moment: the other one won; answer as it did.
        herhaling = _herhaling(sleutel, sha)
        if herhaling is not None:
            return herhaling
        raise


def _herhaling(sleutel: str, sha: str) -> Ontvangst | None:
    eerder = Bericht.objects.filter(sleutel=sleutel).first()
    if eerder is None:
        return None
    if eerder.sha256 == sha:
        antwoord = eerder.antwoorden.filter(richting=Richting.UIT).order_by("pk").first()
        return Ontvangst(200, bericht=eerder, antwoord=antwoord, herhaald=True, fouten=eerder.fouten,
                         melding="Dit bericht is al verwerkt; hetzelfde antwoord volgt.")
    melding = f"BerichtIdentificatie {eerder.identificatie} is al gebruikt voor een ander bericht (TR056)."
    return Ontvangst(409, bericht=eerder, fouten=[Fout(melding, element="Identificatie", code="9056", regelcode="TR056").als_dict()],
                     melding=melding)


def _weiger_header(basis, doc, kop: Kop, gemeente, afzender, code: str, melding: str, xsd_aan: bool) -> Ontvangst:
    with transaction.atomic():
        b = Bericht.objects.create(**basis, gemeente=gemeente, aanbieder=afzender, status=Berichtstatus.AFGEKEURD,
                                   xsd_gevalideerd=xsd_aan, retourcodes=[code],
                                   fouten=[Fout(melding, element="Header", code=code, regelcode=_regel_van(code)).als_dict()])
        antwoord = None
        if gemeente is not None and afzender is not None and kop.soort in RETOUR_VAN:
            opbouw = None
            if kop.soort == "323":
                from .declaraties import antwoord_alleen_header

                opbouw = antwoord_alleen_header(doc.getroot(), kop.wet, gemeente=gemeente, headercodes=[code])
            antwoord = _retour(b, doc.getroot(), kop, gemeente, afzender, headercodes=[code], codes={}, opbouw=opbouw)
    logger.warning("%s %s afgekeurd op de header: %s", berichtnaam(kop.wet, kop.soort), b.pk, code)
    return Ontvangst(422, bericht=b, antwoord=antwoord, fouten=b.fouten, melding=melding)


def _retour(b: Bericht, root, kop: Kop, gemeente, aanbieder, *, headercodes, codes, opbouw: Opbouw | None = None) -> Bericht:
    if opbouw is None:
        opbouw = retourbericht(
            root, kop.wet, kop.soort, identificatie_retour=volgende_identificatie(gemeente),
            dagtekening_retour=timezone.localdate(), headercodes=headercodes, codes=codes,
        )
    return verzend(opbouw, gemeente=gemeente, aanbieder=aanbieder, persoon=b.persoon, heenbericht=b)


def _verwerk(basis, doc, kop: Kop, gemeente, aanbieder, sleutel, xsd_aan, voortgang) -> Ontvangst:
    root = doc.getroot()
    with transaction.atomic():
        b = Bericht.objects.create(**basis, gemeente=gemeente, aanbieder=aanbieder, status=Berichtstatus.VERWERKT,
                                   sleutel=sleutel, xsd_gevalideerd=xsd_aan)
        ctx = Context(bericht=b, root=root, kop=kop, gemeente=gemeente, aanbieder=aanbieder, voortgang=voortgang)
        res = VERWERKERS[kop.soort](ctx)
        b.persoon_id = res.persoon_id
        b.aantal_regels, b.aantal_afgekeurd = res.aantal_regels, res.aantal_afgekeurd
        b.retourcodes = ctx.headercodes
        b.verwerkt_op = timezone.now()
        b.save(update_fields=["persoon", "aantal_regels", "aantal_afgekeurd", "retourcodes", "verwerkt_op", "fouten"])
        antwoord = None
        if not res.geen_retour:
            antwoord = _retour(b, root, kop, gemeente, aanbieder, headercodes=ctx.headercodes, codes=ctx.codes, opbouw=res.antwoord)
            if kop.soort == "323":
                from .models import Declaratie

                Declaratie.objects.filter(bericht=b).update(antwoord=antwoord)
    # Per message at DEBUG (a demo load or a monthly batch would flood the log); a refusal as a whole is a WARNING.
    if b.status == Berichtstatus.AFGEKEURD:
        logger.warning("%s %s als geheel afgekeurd: %s", berichtnaam(kop.wet, kop.soort), b.pk, ", ".join(b.retourcodes))
    else:
        logger.debug("%s %s verwerkt: %d regels, %d afgekeurd", berichtnaam(kop.wet, kop.soort), b.pk, b.aantal_regels,
                     b.aantal_afgekeurd)
    return Ontvangst(200, bericht=b, antwoord=antwoord, fouten=b.fouten, melding="Verwerkt.")


__all__ = ["Context", "Kop", "Ontvangst", "Resultaat", "ontvang", "verwerker", "VERWERKERS", "Wet"]
