"""Volunteer work as domain operations: sign-up, matching and linking (for the servicepunt vrijwilligerswerk).

Matching score (higher is better), within one gemeente and for active volunteers and open vacancies only:
- same gebied: 3 (a vacancy for the whole gemeente counts as 1 for every volunteer of that gemeente);
- each shared interest (leefgebied): 2;
- each shared dagdeel (ochtend, middag, avond, weekend): 1; a vacancy without dagdelen fits any availability (1).
A pair needs a gebied match (or a gemeente-wide vacancy); without one it is not a match at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gemeente, Medewerker, Rol
from keukentafel.plannen.models import Actie, Ondersteuningsplan, Trede

from .models import Dagdeel, Vrijwilliger, Vrijwilligerskoppeling, Vrijwilligersvacature

TOESTEMMINGSTEKST_VRIJWILLIGER = (
    "Ik geef de gemeente en het servicepunt vrijwilligerswerk toestemming om mijn gegevens te gebruiken om mij "
    "passend vrijwilligerswerk voor te stellen en contact met mij op te nemen. Ik kan mij altijd weer afmelden."
)

#: Roles that may work as servicepunt vrijwilligerswerk: the dossier roles that make plans, within their gemeente.
SERVICEPUNT_ROLLEN = {Rol.GENERALIST, Rol.TEAMLEIDER}


@dataclass
class Match:
    vrijwilliger: Vrijwilliger
    vacature: Vrijwilligersvacature
    score: int
    redenen: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Vraag:
    """What a vacancy or a plan action asks of a volunteer: where, on which leefgebieden, in which dagdelen."""

    gebied_id: int | None
    gebied_naam: str
    leefgebieden: frozenset[int]
    dagdelen: tuple[str, ...] = ()

    @classmethod
    def van_vacature(cls, vac: Vrijwilligersvacature, leefgebieden: set[int]) -> Vraag:
        return cls(vac.gebied_id, vac.gebied.naam if vac.gebied_id else "", frozenset(leefgebieden), tuple(vac.dagdelen or ()))

    @classmethod
    def van_actie(cls, actie: Actie) -> Vraag:
        """A plan action of trede vrijwilliger asks for help in the household's gebied on the goal's leefgebied."""
        huishouden = actie.doel.plan.huishouden
        return cls(huishouden.gebied_id, huishouden.gebied.naam if huishouden.gebied_id else "",
                   frozenset({actie.doel.leefgebied_id}))


def _score(v: Vrijwilliger, vraag: Vraag, gebieden: set[int], interesses: set[int]) -> tuple[int, list[str]] | None:
    """Same gebied 3 points, gemeente-wide 1, each shared interest 2, each shared dagdeel 1 (none asked: 1).
    A volunteer outside the asked gebied is no match."""
    redenen = []
    if vraag.gebied_id is None:
        score = 1
        redenen.append("in de hele gemeente")
    elif vraag.gebied_id in gebieden:
        score = 3
        redenen.append(f"zelfde gebied ({vraag.gebied_naam})")
    else:
        return None
    gedeeld = interesses & vraag.leefgebieden
    if gedeeld:
        score += 2 * len(gedeeld)
        redenen.append(f"{len(gedeeld)} gedeelde interesse{'s' if len(gedeeld) > 1 else ''}")
    if vraag.dagdelen:
        dagdelen = set(v.beschikbaarheid) & set(vraag.dagdelen)
        if dagdelen:
            score += len(dagdelen)
            redenen.append("beschikbaar: " + ", ".join(Dagdeel(d).label.lower() for d in Dagdeel.values if d in dagdelen))
    else:
        score += 1
    return score, redenen


def _match(v: Vrijwilliger, vac: Vrijwilligersvacature, vraag: Vraag, gebieden: set[int], interesses: set[int]) -> Match | None:
    uitkomst = _score(v, vraag, gebieden, interesses)
    return Match(v, vac, *uitkomst) if uitkomst else None


def _sorteer(matches: list[Match], naam) -> list[Match]:
    return sorted(matches, key=lambda m: (-m.score, naam(m)))


def vrijwilligers_voor(vacature: Vrijwilligersvacature) -> list[Match]:
    """Active volunteers of the vacancy's gemeente, best match first."""
    vraag = Vraag.van_vacature(vacature, {lg.pk for lg in vacature.leefgebieden.all()})
    kandidaten = Vrijwilliger.objects.filter(gemeente_id=vacature.gemeente_id, actief=True).prefetch_related("gebieden", "interesses")
    matches = []
    for v in kandidaten:
        m = _match(v, vacature, vraag, {g.pk for g in v.gebieden.all()}, {lg.pk for lg in v.interesses.all()})
        if m:
            matches.append(m)
    return _sorteer(matches, lambda m: m.vrijwilliger.naam)


def vacatures_voor(vrijwilliger: Vrijwilliger, op=None) -> list[Match]:
    """Open vacancies of the volunteer's gemeente, best match first."""
    op = op or timezone.localdate()
    gebieden = {g.pk for g in vrijwilliger.gebieden.all()}
    interesses = {lg.pk for lg in vrijwilliger.interesses.all()}
    vacatures = (
        Vrijwilligersvacature.objects.open_op(op)
        .filter(gemeente_id=vrijwilliger.gemeente_id)
        .select_related("gebied")
        .prefetch_related("leefgebieden")
    )
    matches = []
    for vac in vacatures:
        m = _match(vrijwilliger, vac, Vraag.van_vacature(vac, {lg.pk for lg in vac.leefgebieden.all()}), gebieden, interesses)
        if m:
            matches.append(m)
    return _sorteer(matches, lambda m: m.vacature.titel)


@dataclass
class Actiematch:
    vrijwilliger: Vrijwilliger
    score: int
    redenen: list[str] = field(default_factory=list)


def vrijwilligers_voor_actie(actie: Actie, kandidaten: list[Vrijwilliger]) -> list[Actiematch]:
    """The given active volunteers (prefetched gebieden and interesses) ranked for a plan action, best first."""
    vraag = Vraag.van_actie(actie)
    matches = []
    for v in kandidaten:
        uitkomst = _score(v, vraag, {g.pk for g in v.gebieden.all()}, {lg.pk for lg in v.interesses.all()})
        if uitkomst:
            matches.append(Actiematch(v, *uitkomst))
    return sorted(matches, key=lambda m: (-m.score, m.vrijwilliger.naam))


# ---------------------------------------------------------------------------------------------------
# Sign-up
# ---------------------------------------------------------------------------------------------------


@transaction.atomic
def meld_vrijwilliger_aan(
    *,
    gemeente: Gemeente,
    naam: str,
    email: str,
    telefoon: str,
    gebieden,
    interesses,
    beschikbaarheid,
    toelichting: str = "",
    toestemming: bool,
) -> Vrijwilliger:
    if not toestemming:
        raise ValidationError({"toestemming": "Zonder uw toestemming kunnen we u geen vrijwilligerswerk voorstellen."})
    if not (email or telefoon):
        raise ValidationError("Vul een e-mailadres of telefoonnummer in, zodat het servicepunt u kan bereiken.")
    gebieden = list(gebieden)
    if not gebieden or any(g.gemeente_id != gemeente.pk for g in gebieden):
        raise ValidationError({"gebieden": "Kies een of meer wijken van uw gemeente."})
    onbekend = set(beschikbaarheid) - set(Dagdeel.values)
    if onbekend or not beschikbaarheid:
        raise ValidationError({"beschikbaarheid": "Kies wanneer u beschikbaar bent."})
    v = Vrijwilliger.objects.create(
        gemeente=gemeente,
        naam=naam.strip(),
        email=email.strip(),
        telefoon=telefoon.strip(),
        beschikbaarheid=[d for d in Dagdeel.values if d in beschikbaarheid],
        toelichting=toelichting.strip(),
        toestemming_op=timezone.now(),
        toestemmingstekst=TOESTEMMINGSTEKST_VRIJWILLIGER,
    )
    v.gebieden.set(gebieden)
    v.interesses.set(interesses)
    audit.log(None, AuditActie.AANMAKEN, v, omschrijving="Vrijwilliger aangemeld via het portaal", kanaal="ui")
    return v


# ---------------------------------------------------------------------------------------------------
# Servicepunt: access, open plan actions, linking
# ---------------------------------------------------------------------------------------------------


def servicepunt_gemeente(medewerker: Medewerker) -> Gemeente:
    """The gemeente this staff member may run the servicepunt for; PermissionDenied for other roles."""
    if not medewerker.is_authenticated or medewerker.rol not in SERVICEPUNT_ROLLEN or medewerker.werkgemeente is None:
        raise PermissionDenied("Alleen generalisten en teamleiders van een gemeente werken met het servicepunt vrijwilligerswerk.")
    return medewerker.werkgemeente


def open_vrijwilligersacties(medewerker: Medewerker):
    """Actions of trede 'vrijwilliger' in open plans of the staff member's own gebied (dossier data stays in the gebied)."""
    gebied_id = medewerker.werkgebied_id
    if gebied_id is None:
        return Actie.objects.none()
    plannen = Ondersteuningsplan.objects.open().filter(huishouden__gebied_id=gebied_id)
    vandaag = timezone.localdate()
    return (
        Actie.objects.filter(trede=Trede.VRIJWILLIGER, doel__plan__in=plannen)
        .exclude(tot__lt=vandaag)
        .select_related("doel__leefgebied", "doel__plan__huishouden")
        .order_by("van", "id")
    )


def _controleer(medewerker: Medewerker, vrijwilliger: Vrijwilliger) -> Gemeente:
    gemeente = servicepunt_gemeente(medewerker)
    if vrijwilliger.gemeente_id != gemeente.pk:
        raise PermissionDenied("Deze vrijwilliger hoort niet bij uw gemeente.")
    return gemeente


def koppel_aan_vacature(
    medewerker: Medewerker,
    vrijwilliger: Vrijwilliger,
    vacature: Vrijwilligersvacature,
    *,
    toelichting: str = "",
    request: HttpRequest | None = None,
) -> Vrijwilligerskoppeling:
    gemeente = _controleer(medewerker, vrijwilliger)
    if vacature.gemeente_id != gemeente.pk:
        raise PermissionDenied("Deze vacature hoort niet bij uw gemeente.")
    try:
        with transaction.atomic():
            k = Vrijwilligerskoppeling.objects.create(
                vrijwilliger=vrijwilliger, vacature=vacature, toelichting=toelichting, gekoppeld_door=medewerker
            )
            audit.log(
                medewerker,
                AuditActie.AANMAKEN,
                k,
                omschrijving=f"Vrijwilliger {vrijwilliger.pk} gekoppeld aan vacature {vacature.pk}",
                request=request,
            )
    except IntegrityError:
        raise ValidationError("Deze vrijwilliger is al aan deze vacature gekoppeld.") from None
    return k


def koppel_aan_actie(
    medewerker: Medewerker, vrijwilliger: Vrijwilliger, actie: Actie, *, toelichting: str = "", request: HttpRequest | None = None
) -> Vrijwilligerskoppeling:
    _controleer(medewerker, vrijwilliger)
    if not open_vrijwilligersacties(medewerker).filter(pk=actie.pk).exists():
        raise PermissionDenied("Deze actie is geen open vrijwilligersactie in uw gebied.")
    huishouden_id = actie.doel.plan.huishouden_id
    try:
        with transaction.atomic():
            k = Vrijwilligerskoppeling.objects.create(
                vrijwilliger=vrijwilliger, actie=actie, toelichting=toelichting, gekoppeld_door=medewerker
            )
            audit.log(
                medewerker,
                AuditActie.WIJZIGEN,
                k,
                huishouden_id=huishouden_id,
                omschrijving=f"Vrijwilliger {vrijwilliger.pk} gekoppeld aan planactie {actie.pk}",
                request=request,
            )
    except IntegrityError:
        raise ValidationError("Deze vrijwilliger is al aan deze actie gekoppeld.") from None
    return k


# ---------------------------------------------------------------------------------------------------
# Servicepunt: vacancies of the own gemeente
# ---------------------------------------------------------------------------------------------------

#: The fields of a vacancy the servicepunt fills in (the gemeente is always the staff member's own).
VACATUREVELDEN = (
    "titel",
    "omschrijving",
    "organisatie",
    "contact",
    "tijdsinvestering",
    "dagdelen",
    "leefgebieden",
    "gebied",
    "geldig_tot",
    "actief",
)
_VERPLICHT = {
    "titel": "Vul een titel in.",
    "omschrijving": "Vul een omschrijving in.",
    "organisatie": "Vul de organisatie in.",
    "contact": "Vul een contactpersoon in.",
    "tijdsinvestering": "Vul in hoeveel tijd het kost, bijvoorbeeld 2 uur per week.",
}


@transaction.atomic
def bewaar_vacature(
    medewerker: Medewerker,
    vacature: Vrijwilligersvacature | None = None,
    *,
    titel: str,
    omschrijving: str,
    organisatie: str,
    contact: str,
    tijdsinvestering: str,
    dagdelen=(),
    leefgebieden=(),
    gebied=None,
    geldig_tot=None,
    actief: bool = True,
    request: HttpRequest | None = None,
) -> Vrijwilligersvacature:
    """Create (vacature None) or change a vacancy of the staff member's own gemeente; audited without personal data.

    ValidationError (per field, in Dutch) when a field is missing or wrong; PermissionDenied for another role or
    a vacancy of another gemeente.
    """
    gemeente = servicepunt_gemeente(medewerker)
    if vacature is not None and vacature.gemeente_id != gemeente.pk:
        raise PermissionDenied("Deze vacature hoort niet bij uw gemeente.")
    nieuw = vacature is None
    waarden = {
        "titel": (titel or "").strip(),
        "omschrijving": (omschrijving or "").strip(),
        "organisatie": (organisatie or "").strip(),
        "contact": (contact or "").strip(),
        "tijdsinvestering": (tijdsinvestering or "").strip(),
    }
    fouten: dict[str, str] = {veld: melding for veld, melding in _VERPLICHT.items() if not waarden[veld]}
    dagdelen = list(dagdelen or ())
    if set(dagdelen) - set(Dagdeel.values):
        fouten["dagdelen"] = "Kies alleen ochtend, middag, avond of weekend."
    if gebied is not None and gebied.gemeente_id != gemeente.pk:
        fouten["gebied"] = f"Kies een wijk van de gemeente {gemeente.naam}, of laat dit leeg voor de hele gemeente."
    if nieuw and geldig_tot is not None and geldig_tot < timezone.localdate():
        fouten["geldig_tot"] = "Kies een datum vanaf vandaag, of laat dit leeg."
    if fouten:
        raise ValidationError(fouten)
    leefgebieden = list(leefgebieden or ())
    vac = vacature if vacature is not None else Vrijwilligersvacature(gemeente=gemeente)
    nieuwe_waarden = {
        **waarden,
        "dagdelen": [d for d in Dagdeel.values if d in dagdelen],
        "gebied_id": gebied.pk if gebied is not None else None,
        "geldig_tot": geldig_tot,
        "actief": bool(actief),
    }
    gewijzigd = [veld.removesuffix("_id") for veld, waarde in nieuwe_waarden.items() if getattr(vac, veld) != waarde]
    for veld, waarde in nieuwe_waarden.items():
        setattr(vac, veld, waarde)
    vac.full_clean(exclude=["leefgebieden"])
    vac.save()
    oude_leefgebieden = set() if nieuw else set(vac.leefgebieden.values_list("pk", flat=True))
    if oude_leefgebieden != {lg.pk for lg in leefgebieden}:
        gewijzigd.append("leefgebieden")
    vac.leefgebieden.set(leefgebieden)
    status = "actief" if vac.actief else "niet actief"
    if nieuw:
        omschrijving_log = f"Vrijwilligersvacature {vac.pk} aangemaakt op het servicepunt ({gemeente}); {status}"
    else:
        velden = ", ".join(gewijzigd) if gewijzigd else "niets"
        omschrijving_log = f"Vrijwilligersvacature {vac.pk} gewijzigd op het servicepunt ({gemeente}): {velden}; {status}"
    audit.log(medewerker, AuditActie.AANMAKEN if nieuw else AuditActie.WIJZIGEN, vac, omschrijving=omschrijving_log, request=request)
    return vac
