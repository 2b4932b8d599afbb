"""Retours providers send on our messages: the 302 on a 301 and the 320 on a 319.

A retour is not answered. It tells us whether the provider accepted what we sent: the outbound message
becomes GEACCEPTEERD (every code 0200) or RETOUR_FOUT, and the provider's codes are kept on it for the UI.
"""

from __future__ import annotations

from lxml import etree

from .codes import GOED, RETOURCODES, berichtnaam
from .models import Bericht, Berichtstatus, Richting
from .opbouw import BERICHTKLASSEN
from .verwerking import Context, Resultaat, verwerker
from .xsd import Fout

#: Retour → the message it answers.
HEEN_VAN = {"302": "301", "320": "319"}


def _codes(e: etree._Element, ctx: Context) -> list[str]:
    rc = e.find(ctx.q("RetourCodes"))
    return [c.text.strip() for c in rc.iterchildren(ctx.q("RetourCode")) if c.text] if rc is not None else []


def _omschrijving(e: etree._Element, ctx: Context) -> str:
    """Where in the message: the berichtklasse and its key (ToewijzingNummer, ReferentieAanbieder), never the BSN."""
    naam = etree.QName(e).localname
    for sleutel in ("ToewijzingNummer", "ReferentieAanbieder", "Nummer", "Soort"):
        waarde = e.findtext(ctx.q(sleutel))
        if waarde:
            return f"{naam} {sleutel} {waarde.strip()}"
    return naam


@verwerker("302", "320")
def verwerk_retour(ctx: Context) -> Resultaat:
    soort_heen = HEEN_VAN[ctx.kop.soort]
    naam_heen = berichtnaam(ctx.wet, soort_heen)
    heen = (
        Bericht.objects.select_for_update()
        .filter(richting=Richting.UIT, soort=soort_heen, wet=ctx.wet, gemeente=ctx.gemeente, aanbieder=ctx.aanbieder,
                identificatie=ctx.kop.heen_identificatie)
        .order_by("-pk")
        .first()
    )
    header = ctx.root.find(ctx.q("Header"))
    bevindingen: list[dict] = []
    headercodes = _codes(header, ctx)
    for code in headercodes:
        if code != GOED:
            bevindingen.append(_bevinding(code, "Header", header.sourceline))
    regels = afgekeurd = 0
    for e in ctx.root.iter():
        if not isinstance(e.tag, str) or e is header or etree.QName(e).namespace != ctx.ns:
            continue
        if etree.QName(e).localname not in BERICHTKLASSEN:
            continue
        codes = _codes(e, ctx)
        if etree.QName(e).localname in ("ToegewezenProduct", "Antwoord"):
            regels += 1
            afgekeurd += any(c != GOED for c in codes)
        for code in codes:
            if code != GOED:
                bevindingen.append(_bevinding(code, _omschrijving(e, ctx), e.sourceline))

    if heen is None:
        ctx.bericht.fouten.append(Fout(
            melding=f"Geen verzonden {naam_heen} met BerichtIdentificatie {ctx.kop.heen_identificatie} aan deze aanbieder gevonden; "
                    "de retour is bewaard maar aan geen bericht gekoppeld.",
            element="BerichtIdentificatie", code="", regelcode="",
        ).als_dict())
        ctx.bericht.fouten.extend(bevindingen)
        return Resultaat(geen_retour=True, aantal_regels=regels, aantal_afgekeurd=afgekeurd)

    heen.status = Berichtstatus.RETOUR_FOUT if bevindingen else Berichtstatus.GEACCEPTEERD
    heen.retourcodes = headercodes or [GOED]
    heen.fouten = [*heen.fouten, *bevindingen][:1000]
    heen.save(update_fields=["status", "retourcodes", "fouten"])
    ctx.bericht.heenbericht = heen
    ctx.bericht.save(update_fields=["heenbericht"])
    return Resultaat(geen_retour=True, aantal_regels=regels, aantal_afgekeurd=afgekeurd, persoon_id=heen.persoon_id)


def _bevinding(code: str, waar: str, regel: int | None) -> dict:
    bekend = RETOURCODES.get(code)
    tekst = bekend.tekst if bekend else f"Retourcode {code}"
    return Fout(melding=f"Aanbieder meldt bij {waar}: {code} {tekst}", regel=regel, element=waar.split(" ")[0], code=code,
                regelcode=bekend.regel if bekend else "").als_dict()
