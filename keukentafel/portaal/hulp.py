"""The hulpknop as domain operations: a resident's question becomes a melding in the access flow.

A melding from the website (kanaal WEB) with the resident as melder (INWONER) goes to the gebiedsteam of the gebied
its postcode falls in (accounts.Postcodegebied), where it shows on the team's worklist as a new, unassigned
melding (toegang.werkvoorraad: team = the generalist's team, not assigned, status nieuw). Without a (known)
postcode it goes to the first team of the gemeente (the central access point), so no question is left without a
team. An anonymous question (ANONIEM) carries no personal data; it shows in the gemeente's list of anonymous
signals and, when a wijk was chosen, on that gebiedsteam's worklist.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gebied, Gemeente, Postcodegebied, Team
from keukentafel.beleid.models import Leefgebied
from keukentafel.toegang.models import Kanaal, MelderType, Melding
from keukentafel.toegang.services import registreer_melding

from .models import BesteTijd, Contactvoorkeur, Hulpvraag, Hulpvraagsoort

TOESTEMMINGSTEKST = (
    "Ik geef de gemeente toestemming om mijn gegevens te gebruiken om contact met mij op te nemen over deze vraag "
    "en om mij te helpen. De gemeente bewaart mijn gegevens volgens de privacyregels en deelt ze niet met anderen "
    "zonder mijn toestemming."
)

_POSTCODE = re.compile(r"^\s*([1-9]\d{3})\s*([A-Za-z]{2})?\s*$")


def normaliseer_postcode(postcode: str) -> str:
    """'1234ab' → '1234 AB', '1234' → '1234'; raises ValidationError for anything else."""
    m = _POSTCODE.match(postcode or "")
    if not m:
        raise ValidationError("Vul een postcode in als 1234 AB, of alleen de vier cijfers.")
    return f"{m.group(1)} {m.group(2).upper()}" if m.group(2) else m.group(1)


def gebied_bij_postcode(postcode: str) -> Gebied | None:
    """The gebied of a (normalised) postcode via its four digits, or None if unknown."""
    if not postcode:
        return None
    pg = Postcodegebied.objects.select_related("gebied__gemeente").filter(pc4=postcode[:4]).first()
    return pg.gebied if pg else None


def team_voor_gebied(gemeente: Gemeente, gebied: Gebied | None) -> Team | None:
    """The gebiedsteam; without a gebied (or a gebied without team) the gemeente's first team (central access)."""
    if gebied is not None:
        team = Team.objects.filter(gebied=gebied).order_by("id").first()
        if team is not None:
            return team
    return Team.objects.filter(gebied__gemeente=gemeente).order_by("gebied__naam", "id").first()


def contactregel(*, telefoon: str = "", email: str = "", adres: str = "", postcode: str = "") -> str:
    """The resident's contact details in one line for Melding.melder_contact (max. 200 characters)."""
    delen = []
    if telefoon:
        delen.append(f"tel. {telefoon}")
    if email:
        delen.append(f"e-mail {email}")
    if adres:
        delen.append(f"adres {adres}" + (f", {postcode}" if postcode else ""))
    elif postcode:
        delen.append(f"postcode {postcode}")
    return " · ".join(delen)[:200]


def _vraagtekst(vraag: str, contactvoorkeur: str, beste_tijd: str) -> str:
    voorkeur = Contactvoorkeur(contactvoorkeur).label.lower()
    tijd = BesteTijd(beste_tijd).label.lower()
    return f"{vraag.strip()}\n\n[Via de hulpknop op de website. Contactvoorkeur: {voorkeur}; beste tijd: {tijd}.]"


def _log_route(melding: Melding, gebied: Gebied | None, request: HttpRequest | None) -> None:
    """Audit why the melding went to this team (the postcode's gebied or the gemeente's central access)."""
    if not melding.team_id:
        return
    team = melding.team
    hoe = f"postcode in gebied {gebied.naam}" if gebied is not None and team.gebied_id == gebied.pk else "centrale toegang van de gemeente"
    audit.log(None, AuditActie.WIJZIGEN, melding, omschrijving=f"Hulpknop: melding doorgezet naar {team} ({hoe})", request=request)


@transaction.atomic
def dien_hulpvraag_in(
    *,
    gemeente: Gemeente,
    naam: str,
    contactvoorkeur: str,
    beste_tijd: str,
    vraag: str,
    telefoon: str = "",
    email: str = "",
    adres: str = "",
    postcode: str = "",
    leefgebied: Leefgebied | None = None,
    toestemming: bool,
    request: HttpRequest | None = None,
) -> Melding:
    """A resident's question with contact details: one melding (web, inwoner) for the right gebiedsteam."""
    if not toestemming:
        raise ValidationError({"toestemming": "Zonder uw toestemming kunnen we geen contact met u opnemen."})
    if not naam.strip():
        raise ValidationError({"naam": "Vul uw naam in."})
    postcode = normaliseer_postcode(postcode) if postcode else ""
    gebied = gebied_bij_postcode(postcode)
    if gebied is not None and gebied.gemeente_id != gemeente.pk:
        raise ValidationError({"postcode": f"Deze postcode hoort bij de gemeente {gebied.gemeente}, niet bij {gemeente}."})
    melding = registreer_melding(
        None,
        gemeente=gemeente,
        vraag=_vraagtekst(vraag, contactvoorkeur, beste_tijd),
        kanaal=Kanaal.WEB,
        melder_type=MelderType.INWONER,
        leefgebieden=[leefgebied] if leefgebied else [],
        melder_naam=naam.strip()[:200],
        melder_contact=contactregel(telefoon=telefoon, email=email, adres=adres, postcode=postcode),
        client_op_de_hoogte=True,
        team=team_voor_gebied(gemeente, gebied),
        request=request,
    )
    _log_route(melding, gebied, request)
    Hulpvraag.objects.create(
        melding=melding,
        soort=Hulpvraagsoort.MELDING,
        contactvoorkeur=contactvoorkeur,
        beste_tijd=beste_tijd,
        gebied=gebied,
        toestemming_op=timezone.now(),
        toestemmingstekst=TOESTEMMINGSTEKST,
    )
    return melding


@transaction.atomic
def stel_anonieme_vraag(
    *,
    gemeente: Gemeente,
    vraag: str,
    gebied: Gebied | None = None,
    leefgebied: Leefgebied | None = None,
    request: HttpRequest | None = None,
) -> Melding:
    """An anonymous question: a signal without any personal data; a chosen wijk routes it to that gebiedsteam.

    `request` is accepted for symmetry but not passed on: the audit trail keeps no IP address of an anonymous asker.
    """
    if gebied is not None and gebied.gemeente_id != gemeente.pk:
        raise ValidationError({"gebied": f"{gebied.naam} hoort niet bij de gemeente {gemeente}."})
    melding = registreer_melding(
        None,
        gemeente=gemeente,
        vraag=f"{vraag.strip()}\n\n[Anonieme vraag via de website; er zijn geen contactgegevens.]",
        kanaal=Kanaal.WEB,
        melder_type=MelderType.ANONIEM,
        leefgebieden=[leefgebied] if leefgebied else [],
        team=Team.objects.filter(gebied=gebied).order_by("id").first() if gebied is not None else None,
        request=None,  # no IP address in the audit trail of an anonymous question
    )
    if gebied is not None:
        _log_route(melding, gebied, None)
    Hulpvraag.objects.create(melding=melding, soort=Hulpvraagsoort.ANONIEM, gebied=gebied)
    return melding
