"""What a provider sends back on our 301 (the 302) or 319 (the 320): the generic retour of OP065."""

from __future__ import annotations

from django.utils import timezone

from ..codes import GOED, bericht_namespace
from ..opbouw import Opbouw, retourbericht
from ..veilig import parse
from ..verwerking import lees_kop


def retour_op(heen_xml: bytes, *, identificatie_retour: str, codes: dict[int, list[str]] | None = None) -> Opbouw:
    """The retour on `heen_xml`. For a 301, `codes` maps ToewijzingNummer → retourcodes of that ToegewezenProduct;
    without codes the whole message is accepted. For a 319 the codes (any key) go on the Antwoord."""
    root = parse(heen_xml).getroot()
    kop = lees_kop(root)
    ns = bericht_namespace(kop.wet, kop.soort)
    per_element = {}
    for sleutel, lijst in (codes or {}).items():
        if kop.soort == "301":
            for tp in root.iter(f"{{{ns}}}ToegewezenProduct"):
                if tp.findtext(f"{{{ns}}}ToewijzingNummer") == str(sleutel):
                    per_element[tp] = list(lijst) or [GOED]
        else:
            for a in root.iter(f"{{{ns}}}Antwoord"):
                per_element[a] = list(lijst) or [GOED]
    return retourbericht(
        root, kop.wet, kop.soort, identificatie_retour=identificatie_retour, dagtekening_retour=timezone.localdate(),
        codes=per_element,
    )
