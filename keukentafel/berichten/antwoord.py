"""The 319 antwoordbericht: the gemeente's answer to a verzoek (315/317) that is not (yet) a toewijzing.

"2 Aanvraag in onderzoek" may be sent once; the final answer is a 301 or a 319 "1 Verzoek afgewezen"
(TR359, TR360, TR365). The verzoek's status is the verzoeken module's business, not this one's.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone

from .codes import bericht_namespace
from .models import Bericht, Richting, Toewijzingsregel, Verzoek
from .opbouw import Opbouw
from .uitgaand import verzend, volgende_identificatie
from .veilig import parse

AFGEWEZEN = "1"
IN_ONDERZOEK = "2"
#: WJ760 VerzoekAntwoord.
VERZOEK_ANTWOORDEN = {AFGEWEZEN: "Verzoek afgewezen", IN_ONDERZOEK: "Aanvraag in onderzoek"}
#: WJ759 RedenAfwijzingVerzoek.
REDENEN_AFWIJZING = {
    "1": "Geen wijziging, maar nieuwe aanvraag",
    "2": "Past niet binnen budget",
    "3": "Geen contract",
    "4": "Past niet binnen contract",
    "5": "Andere gemeente",
    "6": "Stapeling",
    "7": "Zorginhoudelijke afkeur",
    "8": "Woonplaatsbeginsel",
    "9": "Leeftijdsgrens is bereikt",
}


def eerdere_antwoorden(verzoek: Verzoek) -> list[str]:
    """VerzoekAntwoord of every 319 already sent for this verzoek's ReferentieAanbieder, oldest first."""
    antwoorden = []
    kandidaten = Bericht.objects.filter(
        richting=Richting.UIT, soort="319", wet=verzoek.wet, aanbieder=verzoek.aanbieder, persoon=verzoek.persoon,
    ).order_by("pk")
    ns = bericht_namespace(verzoek.wet, "319")
    for b in kandidaten:
        a = parse(b.xml_bytes).getroot().find(f"{{{ns}}}Antwoord")
        if a is not None and a.findtext(f"{{{ns}}}ReferentieAanbieder") == verzoek.referentie_aanbieder:
            antwoorden.append(a.findtext(f"{{{ns}}}VerzoekAntwoord"))
    return antwoorden


def controleer_antwoord(verzoek: Verzoek, verzoek_antwoord: str, reden_afwijzing: str = "") -> None:
    """The rules a 319 must meet before it is built; ValidationError (Dutch) when one is broken."""
    if verzoek_antwoord not in VERZOEK_ANTWOORDEN:
        raise ValidationError({"verzoek_antwoord": "Kies 1 (Verzoek afgewezen) of 2 (Aanvraag in onderzoek) (WJ760)."})
    if verzoek_antwoord == AFGEWEZEN and reden_afwijzing not in REDENEN_AFWIJZING:
        raise ValidationError({"reden_afwijzing": "Bij een afwijzing is de reden van afwijzing verplicht (WJ759, CD085)."})
    if verzoek_antwoord == IN_ONDERZOEK and reden_afwijzing:
        raise ValidationError({"reden_afwijzing": "Bij 'Aanvraag in onderzoek' blijft de reden van afwijzing leeg (CD086)."})
    ref = verzoek.referentie_aanbieder
    if Toewijzingsregel.objects.filter(
        referentie_aanbieder=ref, bericht__aanbieder=verzoek.aanbieder, bericht__wet=verzoek.wet,
    ).exists():
        raise ValidationError(
            f"Verzoek {ref} is al gehonoreerd met een toewijzingsbericht; een antwoordbericht kan dan niet meer (TR359).",
            code="TR359",
        )
    eerder = eerdere_antwoorden(verzoek)
    if any(a != IN_ONDERZOEK for a in eerder):
        raise ValidationError(
            f"Op verzoek {ref} is al een definitief antwoord (afwijzing) gestuurd; een nieuw antwoordbericht kan niet (TR365).",
            code="TR365",
        )
    if verzoek_antwoord == IN_ONDERZOEK and eerder:
        raise ValidationError(
            f"Voor verzoek {ref} is al gemeld dat de aanvraag in onderzoek is; dat kan maar één keer. Stuur nu een "
            "toewijzing of een afwijzing (TR360).",
            code="TR360",
        )


def bouw_antwoord(verzoek: Verzoek, *, verzoek_antwoord: str, reden_afwijzing: str = "", identificatie: str) -> Opbouw:
    o = Opbouw(verzoek.wet, "319")
    o.header(verzoek.gemeente.gemeentecode, verzoek.aanbieder.agb_code, identificatie, timezone.localdate())
    a = o.el(o.root, "Antwoord")
    o.el(a, "ReferentieAanbieder", verzoek.referentie_aanbieder)
    o.el(a, "VerzoekAntwoord", verzoek_antwoord)
    if verzoek_antwoord == AFGEWEZEN:
        o.el(a, "RedenAfwijzingVerzoek", reden_afwijzing)
    return o


def stuur_antwoord(verzoek: Verzoek, *, verzoek_antwoord: str, reden_afwijzing: str = "") -> Bericht:
    """Check the 319 rules, build and send the answer; linked to the verzoek's message as its answer.

    No audit record here: the 319 is part of a decision on the verzoek, and the decision (`verzoeken.wijs_af`,
    `zet_in_onderzoek`) writes the one record, naming this message.
    """
    controleer_antwoord(verzoek, verzoek_antwoord, reden_afwijzing)
    o = bouw_antwoord(verzoek, verzoek_antwoord=verzoek_antwoord, reden_afwijzing=reden_afwijzing,
                      identificatie=volgende_identificatie(verzoek.gemeente))
    return verzend(o, gemeente=verzoek.gemeente, aanbieder=verzoek.aanbieder, persoon=verzoek.persoon, heenbericht=verzoek.bericht)
