"""Ouderbijdrage jeugdhulp as a dated policy setting (OUDERBIJDRAGE_JEUGDHULP).

The seed's rule is kept as options — only when the child lives outside the home, never for adoption, loss of custody
or an emergency placement — and is off from 1 January 2016: the Besluit Jeugdwet set the amounts to nil from that
date, and the Wet van 21 december 2016 (Stb. 2017, 64) removed the ouderbijdrage from the Jeugdwet with retroactive
effect to 1 January 2016.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import geldende_instelling
from keukentafel.inwoners.models import Jeugdmaatregel, Persoon, SoortMaatregel

from .models import Machtiging, SoortMachtiging
from .regels import VERBLIJF_CATEGORIEEN

#: JZ020 "46" Jeugdhulp crisis counts as an emergency placement.
CRISIS_CATEGORIEEN = {"46"}

ADOPTIE, GEZAGSVERLIES, SPOEDPLAATSING = "adoptie", "gezagsverlies", "spoedplaatsing"

#: The law itself ended the ouderbijdrage jeugdhulp: Wet van 21 december 2016 tot wijziging van de Jeugdwet
#: (Stb. 2017, 64), with retroactive effect to 1 January 2016. A gemeente setting cannot override the law, so from
#: this date none is due whatever OUDERBIJDRAGE_JEUGDHULP says.
AFSCHAFFING_OUDERBIJDRAGE = date(2016, 1, 1)
BRON_AFSCHAFFING = "Wet van 21 december 2016, Stb. 2017, 64, met terugwerkende kracht tot 1 januari 2016"


@dataclass(frozen=True)
class Ouderbijdrage:
    verschuldigd: bool
    reden: str
    bedrag_cent: int | None = None
    per: str = ""


def _gezagsverlies(persoon: Persoon, op: date) -> bool:
    """Voogdij by a GI: the parents no longer hold custody."""
    return Jeugdmaatregel.objects.filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=op), persoon=persoon, soort=SoortMaatregel.VOOGDIJ, begindatum__lte=op
    ).exists()


def _spoedplaatsing(persoon: Persoon, toewijzing, op: date) -> bool:
    if toewijzing.product.productcategorie in CRISIS_CATEGORIEEN:
        return True
    return Machtiging.objects.filter(
        persoon=persoon, soort=SoortMachtiging.SPOEDMACHTIGING, ingangsdatum__lte=op, einddatum__gte=op
    ).exists()


def ouderbijdrage(persoon: Persoon, toewijzing, op: date, *, adoptie: bool = False) -> Ouderbijdrage:
    """Whether parents owe a contribution for this youth grant on `op`, and why (a Dutch sentence for the letter)."""
    if op >= AFSCHAFFING_OUDERBIJDRAGE:
        return Ouderbijdrage(False, f"Er wordt op {op:%d-%m-%Y} geen ouderbijdrage geheven: de ouderbijdrage jeugdhulp is "
                                    f"afgeschaft per {AFSCHAFFING_OUDERBIJDRAGE:%d-%m-%Y} ({BRON_AFSCHAFFING}).")
    gemeente = toewijzing.gemeente if getattr(toewijzing, "gemeente_id", None) else persoon.gemeente
    instelling = geldende_instelling(Sleutel.OUDERBIJDRAGE_JEUGDHULP, gemeente, op)
    regel = instelling.waarde or {}
    if not regel.get("geheven"):
        return Ouderbijdrage(False, f"Er wordt op {op:%d-%m-%Y} geen ouderbijdrage geheven ({instelling.bron}).")
    buiten_huis = toewijzing.product.productcategorie in VERBLIJF_CATEGORIEEN | CRISIS_CATEGORIEEN  # crisis: a placement
    if regel.get("alleen_bij_verblijf_buiten_huis", True) and not buiten_huis:
        return Ouderbijdrage(False, "Geen ouderbijdrage: de jeugdige woont niet buiten het eigen gezin (jeugdhulp zonder verblijf).")
    vrij = set(regel.get("vrijstellingen", []))
    if ADOPTIE in vrij and adoptie:
        return Ouderbijdrage(False, "Geen ouderbijdrage: de jeugdige is geplaatst met het oog op adoptie.")
    if GEZAGSVERLIES in vrij and _gezagsverlies(persoon, op):
        return Ouderbijdrage(False, "Geen ouderbijdrage: de ouders hebben het gezag niet meer (voogdij bij een GI).")
    if SPOEDPLAATSING in vrij and _spoedplaatsing(persoon, toewijzing, op):
        return Ouderbijdrage(False, "Geen ouderbijdrage: het gaat om een spoedplaatsing (crisis of spoedmachtiging).")
    bedrag, per = regel.get("bedrag_cent"), regel.get("per", "maand")
    tekst = f"€ {bedrag / 100:.2f}".replace(".", ",") + f" per {per}" if bedrag is not None else "het bedrag dat het CAK vaststelt"
    return Ouderbijdrage(True, f"Ouderbijdrage verschuldigd: jeugdhulp met verblijf buiten het gezin; {tekst} ({instelling.bron}).",
                         bedrag, per)
