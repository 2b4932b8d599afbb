"""Participatiewet operations: the only place that changes this app's state.

Each state change is one `@transaction.atomic` call that writes its audit record. Records edited
through forms are guarded by their `version` (optimistic locking, as in plannen/besluiten).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Model, Q, QuerySet
from django.utils import timezone

from keukentafel.accounts import audit
from keukentafel.accounts.access import Toegang, heeft_dossierrol, toegang_tot, zichtbare_huishoudens
from keukentafel.accounts.models import AuditActie, Medewerker, Noodtoegang
from keukentafel.beleid.models import Leefgebied, Sleutel
from keukentafel.beleid.services import geldende_waarde
from keukentafel.financien.models import Begrotingspost
from keukentafel.inwoners.models import Huishouden, Persoon
from keukentafel.inwoners.services import GelijktijdigGewijzigd, huidig_huishouden
from keukentafel.plannen import services as plannen
from keukentafel.plannen.models import Actie, ActieWet, Ondersteuningsplan, Trede

from .models import (
    FASE_VOLGORDE,
    Afsluitreden,
    Competentie,
    Fase,
    Instrument,
    Kandidaatcompetentie,
    Ladderscore,
    Laddertrede,
    Plaatsing,
    SoortInstrument,
    Spoor,
    Tegenprestatie,
    Traject,
    Trajectstap,
    Uitkering,
    Uitkomst,
    Vacature,
    Werkgever,
    Werkgeverscontact,
)

#: Leefgebied of the plan goal that holds the re-integratie actions (beleid.services.LEEFGEBIEDEN).
LEEFGEBIED_WERK = "werk-opleiding"
#: A re-integratie instrument is maatwerk under the Participatiewet; plan actions carry that law (no catalogue product).
TREDE_INSTRUMENT = Trede.MAATWERK

NIET_AFSCHRIJVEN = (
    "Een traject wordt niet afgesloten omdat iemand 'niet bemiddelbaar' zou zijn: we schrijven niemand af. "
    "Kies een reden als werk gevonden, verhuisd, overleden of uitkering beëindigd; blijft het traject lopen, "
    "leg dan een herbeoordeling vast (eventueel met een ander spoor)."
)


def _raak_aan(obj: Model, verwachte_versie: int, **velden: Any) -> None:
    """Bump `version` if nobody changed the record since it was read; else refuse."""
    n = type(obj).objects.filter(pk=obj.pk, version=verwachte_versie).update(version=F("version") + 1, **velden)
    if not n:
        raise GelijktijdigGewijzigd(f"Dit {type(obj)._meta.verbose_name}")
    for k, v in velden.items():
        setattr(obj, k, v)
    obj.version = verwachte_versie + 1


def _gemeente_id(persoon: Persoon, op: date) -> int | None:
    huishouden = huidig_huishouden(persoon, op)
    return persoon.gemeente_id or (huishouden.gemeente_id if huishouden else None)


def _eis_open(traject: Traject) -> None:
    if not traject.is_open:
        raise ValidationError("Dit traject is afgesloten en kan niet meer worden gewijzigd.")


# --- Spoor en traject ------------------------------------------------------------------------------


def bepaal_spoor(verdiencapaciteit_procent: int, gemeente_id: int | None, op: date) -> Spoor:
    """Werkspoor above the policy threshold (seed: "meer dan 40%"), else Participatiespoor."""
    grens = int(geldende_waarde(Sleutel.WERKSPOOR_GRENS_PROCENT, gemeente_id, op))
    return Spoor.WERKSPOOR if verdiencapaciteit_procent > grens else Spoor.PARTICIPATIESPOOR


def standaard_herbeoordeling(gemeente_id: int | None, vanaf: date) -> date:
    maanden = int(geldende_waarde(Sleutel.TRAJECT_HERBEOORDELING_MAANDEN, gemeente_id, vanaf))
    return plannen.plus_maanden(vanaf, maanden)


def _controleer_capaciteit(procent: Any) -> dict[str, str]:
    if procent is None or not isinstance(procent, int) or not 0 <= procent <= 100:
        return {"verdiencapaciteit_procent": "Geef de verdiencapaciteit als percentage van het minimumloon (0 tot en met 100)."}
    return {}


def _klantmanagerfouten(door: Medewerker, klantmanager: Medewerker, persoon: Persoon, gemeente_id: int, op: date) -> dict[str, str]:
    """The klantmanager gets dossier access to the household for as long as the traject runs
    (`access._klantmanager_van`), so only a dossier worker of the traject's gemeente may be named, and
    only by someone whose own access is not a break-the-glass reason (that would make it permanent)."""
    fouten: dict[str, str] = {}
    if not heeft_dossierrol(klantmanager) or not klantmanager.is_active:
        fouten["klantmanager"] = "Kies als klantmanager een medewerker met een rol die dossiers van inwoners behandelt."
    elif klantmanager.werkgemeente is None or klantmanager.werkgemeente.pk != gemeente_id:
        fouten["klantmanager"] = "Kies als klantmanager een medewerker van de gemeente van deze inwoner."
    huishouden = huidig_huishouden(persoon, op) or huidig_huishouden(persoon)
    if huishouden is not None and toegang_tot(door, huishouden) != Toegang.EIGEN:
        fouten["__all__"] = (
            "U hebt alleen tijdelijke toegang met een reden tot dit dossier. Een traject start de klantmanager "
            "of een medewerker van het gebied: zo wordt tijdelijke toegang geen blijvende toegang."
        )
    return fouten


@transaction.atomic
def start_traject(
    door: Medewerker,
    persoon: Persoon,
    *,
    klantmanager: Medewerker,
    verdiencapaciteit_procent: int,
    startdatum: date,
    uitkering: str = Uitkering.BIJSTAND,
    uitkering_sinds: date | None = None,
    toelichting: str = "",
    request=None,
) -> Traject:
    """Start the traject on the track its recorded earning capacity gives, with its first review date."""
    fouten = _controleer_capaciteit(verdiencapaciteit_procent)
    if uitkering not in Uitkering.values:
        fouten["uitkering"] = "Kies de grondslag van de uitkering."
    gemeente_id = _gemeente_id(persoon, startdatum)
    if gemeente_id is None:
        fouten["__all__"] = "Van deze persoon is geen gemeente bekend; leg eerst het adres of het huishouden vast."
    if Traject.objects.open().filter(persoon=persoon).exists():
        fouten["__all__"] = f"{persoon.naam} heeft al een lopend traject. Leg daar een herbeoordeling vast."
    if gemeente_id is not None:
        fouten.update(_klantmanagerfouten(door, klantmanager, persoon, gemeente_id, startdatum))
    if fouten:
        raise ValidationError(fouten)
    spoor = bepaal_spoor(verdiencapaciteit_procent, gemeente_id, startdatum)
    fase = Fase.DIAGNOSE if spoor == Spoor.WERKSPOOR else ""
    try:
        with transaction.atomic():
            traject = Traject.objects.create(
                persoon=persoon,
                gemeente_id=gemeente_id,
                uitkering=uitkering,
                uitkering_sinds=uitkering_sinds,
                klantmanager=klantmanager,
                verdiencapaciteit_procent=verdiencapaciteit_procent,
                spoor=spoor,
                fase=fase,
                startdatum=startdatum,
                herbeoordeling_op=standaard_herbeoordeling(gemeente_id, startdatum),
                toelichting=toelichting.strip(),
            )
    except IntegrityError as exc:  # a concurrent request started one first
        raise ValidationError(f"{persoon.naam} heeft al een lopend traject.") from exc
    Trajectstap.objects.create(
        traject=traject,
        datum=startdatum,
        soort=Trajectstap.Soort.START,
        spoor=spoor,
        fase=fase,
        verdiencapaciteit_procent=verdiencapaciteit_procent,
        volgende_herbeoordeling=traject.herbeoordeling_op,
        door=door,
    )
    audit.log(
        door,
        AuditActie.AANMAKEN,
        traject,
        omschrijving=f"Traject {traject.get_spoor_display()} gestart voor {persoon.naam}, klantmanager {klantmanager}",
        huishouden_id=_huishouden_id(persoon, startdatum),
        request=request,
    )
    return traject


def _huishouden_id(persoon: Persoon, op: date) -> int | None:
    huishouden = huidig_huishouden(persoon, op)
    return huishouden.pk if huishouden else None


@transaction.atomic
def volgende_fase(
    door: Medewerker, traject: Traject, verwachte_versie: int, *, datum: date, toelichting: str = "", request=None
) -> Traject:
    """Werkspoor only, one step at a time: Diagnose → Ontwikkeling → Matching."""
    _eis_open(traject)
    if traject.spoor != Spoor.WERKSPOOR:
        raise ValidationError("Alleen een traject in het Werkspoor kent de fasen diagnose, ontwikkeling en matching.")
    index = FASE_VOLGORDE.index(traject.fase)
    if index + 1 >= len(FASE_VOLGORDE):
        raise ValidationError("Matching is de laatste fase van het Werkspoor.")
    laatste = traject.stappen.order_by("-datum").values_list("datum", flat=True).first()
    if laatste and datum < laatste:
        raise ValidationError({"datum": f"De datum ligt vóór de vorige stap ({laatste:%d-%m-%Y})."})
    naar = FASE_VOLGORDE[index + 1]
    _raak_aan(traject, verwachte_versie, fase=naar)
    Trajectstap.objects.create(
        traject=traject, datum=datum, soort=Trajectstap.Soort.FASE, spoor=traject.spoor, fase=naar, uitkomst=toelichting.strip(), door=door
    )
    audit.log(
        door,
        AuditActie.WIJZIGEN,
        traject,
        omschrijving=f"Werkspoor {traject.persoon.naam}: fase {Fase(naar).label}",
        huishouden_id=_huishouden_id(traject.persoon, datum),
        request=request,
    )
    return traject


@transaction.atomic
def herbeoordeel(
    door: Medewerker,
    traject: Traject,
    verwachte_versie: int,
    *,
    datum: date,
    verdiencapaciteit_procent: int,
    uitkomst: str,
    volgende_herbeoordeling: date | None = None,
    request=None,
) -> Trajectstap:
    """Record a periodic review; the track follows the newly recorded capacity (a switch either way is
    allowed) and there is always a next review: "we schrijven niemand af"."""
    _eis_open(traject)
    fouten = _controleer_capaciteit(verdiencapaciteit_procent)
    if not uitkomst.strip():
        fouten["uitkomst"] = "Beschrijf de uitkomst van de herbeoordeling."
    if volgende_herbeoordeling is not None and volgende_herbeoordeling <= datum:
        fouten["volgende_herbeoordeling"] = "De volgende herbeoordeling ligt na de datum van deze herbeoordeling."
    elif volgende_herbeoordeling is not None:
        uiterlijk = standaard_herbeoordeling(traject.gemeente_id, datum)
        if volgende_herbeoordeling > uiterlijk:
            fouten["volgende_herbeoordeling"] = (
                f"De volgende herbeoordeling is uiterlijk {uiterlijk:%d-%m-%Y} (de termijn uit het beleid): "
                "een traject wordt niet geparkeerd, we schrijven niemand af."
            )
    if fouten:
        raise ValidationError(fouten)
    spoor = bepaal_spoor(verdiencapaciteit_procent, traject.gemeente_id, datum)
    if spoor == traject.spoor:
        fase = traject.fase
    else:
        fase = Fase.DIAGNOSE if spoor == Spoor.WERKSPOOR else ""
    volgende = volgende_herbeoordeling or standaard_herbeoordeling(traject.gemeente_id, datum)
    oud = traject.get_spoor_display()
    _raak_aan(
        traject, verwachte_versie, spoor=spoor, fase=fase, verdiencapaciteit_procent=verdiencapaciteit_procent, herbeoordeling_op=volgende
    )
    stap = Trajectstap.objects.create(
        traject=traject,
        datum=datum,
        soort=Trajectstap.Soort.HERBEOORDELING,
        spoor=spoor,
        fase=fase,
        verdiencapaciteit_procent=verdiencapaciteit_procent,
        uitkomst=uitkomst.strip(),
        volgende_herbeoordeling=volgende,
        door=door,
    )
    wissel = f", spoor van {oud} naar {traject.get_spoor_display()}" if oud != traject.get_spoor_display() else ""
    audit.log(
        door,
        AuditActie.WIJZIGEN,
        traject,
        omschrijving=f"Herbeoordeling traject {traject.persoon.naam}{wissel}",
        huishouden_id=_huishouden_id(traject.persoon, datum),
        request=request,
    )
    return stap


@transaction.atomic
def sluit_traject(
    door: Medewerker, traject: Traject, verwachte_versie: int, *, datum: date, reden: str, toelichting: str = "", request=None
) -> Traject:
    """Close for a factual reason only; "niet bemiddelbaar" is no reason (seed 001: niemand afschrijven)."""
    _eis_open(traject)
    if reden not in Afsluitreden.values:
        raise ValidationError({"reden": NIET_AFSCHRIJVEN})
    if datum < traject.startdatum:
        raise ValidationError({"datum": "De datum ligt vóór de start van het traject."})
    _raak_aan(traject, verwachte_versie, afgesloten_op=datum, afsluitreden=reden)
    Trajectstap.objects.create(
        traject=traject,
        datum=datum,
        soort=Trajectstap.Soort.AFSLUITING,
        spoor=traject.spoor,
        fase=traject.fase,
        uitkomst=f"{Afsluitreden(reden).label}. {toelichting.strip()}".strip(),
        door=door,
    )
    audit.log(
        door,
        AuditActie.WIJZIGEN,
        traject,
        omschrijving=f"Traject {traject.persoon.naam} afgesloten: {Afsluitreden(reden).label}",
        huishouden_id=_huishouden_id(traject.persoon, datum),
        request=request,
    )
    return traject


def zichtbare_trajecten(medewerker: Medewerker, qs: QuerySet, op: date) -> QuerySet:
    """Trajecten of persons whose current household the user may open without a reason."""
    huishoudens = zichtbare_huishoudens(medewerker, Huishouden.objects.all()).values("pk")
    leden = Q(persoon__lidmaatschappen__huishouden__in=huishoudens, persoon__lidmaatschappen__begindatum__lte=op) & (
        Q(persoon__lidmaatschappen__einddatum__isnull=True) | Q(persoon__lidmaatschappen__einddatum__gt=op)
    )
    return qs.filter(leden).distinct()


def te_herbeoordelen(medewerker: Medewerker, op: date) -> QuerySet:
    """Worklist: open trajecten due for review, only of households the user may see."""
    qs = Traject.objects.te_herbeoordelen(op).select_related("persoon", "klantmanager")
    return zichtbare_trajecten(medewerker, qs, op).order_by("herbeoordeling_op", "pk")


# --- Participatieladder ----------------------------------------------------------------------------


@transaction.atomic
def leg_ladderscore_vast(
    door: Medewerker, persoon: Persoon, *, datum: date, trede: int, toelichting: str = "", request=None
) -> Ladderscore:
    if trede not in Laddertrede.values:
        raise ValidationError({"trede": "Kies een trede van 1 tot en met 6."})
    score = Ladderscore.objects.create(persoon=persoon, datum=datum, trede=trede, toelichting=toelichting.strip(), door=door)
    audit.log(
        door,
        AuditActie.AANMAKEN,
        score,
        omschrijving=f"Participatieladder {persoon.naam}: trede {trede} per {datum:%d-%m-%Y}",
        huishouden_id=_huishouden_id(persoon, datum),
        request=request,
    )
    return score


def huidige_treden(persoon_ids: list[int], op: date) -> dict[int, Ladderscore]:
    """The current ladder step of several persons in one query (the household page)."""
    treden: dict[int, Ladderscore] = {}
    for score in Ladderscore.objects.filter(persoon_id__in=persoon_ids, datum__lte=op).order_by("persoon_id", "-datum", "-id"):
        treden.setdefault(score.persoon_id, score)
    return treden


def huidige_trede(persoon: Persoon, op: date | None = None) -> Ladderscore | None:
    qs = Ladderscore.objects.filter(persoon=persoon)
    if op is not None:
        qs = qs.filter(datum__lte=op)
    return qs.order_by("-datum", "-id").first()


# --- Loonkostensubsidie ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Loonkostensubsidie:
    """Participatiewet art. 10d, per month.

    WML per month = WML per hour × contracted hours per week × 52 / 12 (pro rata for part-time).
    Subsidie = WML per month × (100 − loonwaarde)% , at most the policy maximum (70%) of the WML per month.
    Werkgeverslasten = the forfaitaire tegemoetkoming (23%) over that subsidie.
    Rounding: every amount is computed exactly; the subsidie is rounded DOWN to whole cents, the
    werkgeverslasten are computed from that rounded subsidie and rounded DOWN; the total is their sum.
    """

    wml_uur_cent: int
    uren_per_week: str
    loonwaarde_procent: int
    max_procent_wml: int
    werkgeverslasten_procent: int
    wml_maand_cent: int
    maximum_cent: int
    begrensd: bool
    subsidie_cent: int
    werkgeverslasten_cent: int
    totaal_per_maand_cent: int

    def als_dict(self) -> dict[str, Any]:
        return asdict(self)


def bereken_loonkostensubsidie(
    loonwaarde_procent: int, uren_per_week: Decimal | int, gemeente_id: int | None, op: date
) -> Loonkostensubsidie:
    if not 0 <= int(loonwaarde_procent) <= 100:
        raise ValidationError({"loonwaarde_procent": "De loonwaarde is een percentage van 0 tot en met 100."})
    uren = Fraction(Decimal(str(uren_per_week)))
    if uren <= 0 or uren > 40:
        raise ValidationError({"uren_per_week": "Geef de contracturen per week (meer dan 0, ten hoogste 40)."})
    wml_uur = int(geldende_waarde(Sleutel.WETTELIJK_MINIMUMLOON, gemeente_id, op))
    regel = geldende_waarde(Sleutel.LOONKOSTENSUBSIDIE, gemeente_id, op)
    max_procent, lasten_procent = int(regel["max_procent_wml"]), int(regel["werkgeverslasten_procent"])
    wml_maand = wml_uur * uren * 52 / 12
    verschil = wml_maand * (100 - int(loonwaarde_procent)) / 100
    maximum = wml_maand * max_procent / 100
    subsidie = math.floor(min(verschil, maximum))
    lasten = math.floor(Fraction(subsidie * lasten_procent, 100))
    return Loonkostensubsidie(
        wml_uur_cent=wml_uur,
        uren_per_week=str(Decimal(str(uren_per_week))),
        loonwaarde_procent=int(loonwaarde_procent),
        max_procent_wml=max_procent,
        werkgeverslasten_procent=lasten_procent,
        wml_maand_cent=math.floor(wml_maand),
        maximum_cent=math.floor(maximum),
        begrensd=verschil > maximum,
        subsidie_cent=subsidie,
        werkgeverslasten_cent=lasten,
        totaal_per_maand_cent=subsidie + lasten,
    )


#: Below this age the Wet minimumloon gives a minimumjeugdloon (a percentage of the adult WML). Whether art. 10d's
#: "wettelijk minimumloon" then means the youth wage could not be confirmed from the sources at hand, so the
#: subsidy is computed on the adult WML and the screen asks staff to check it for a younger worker ("te controleren").
MINIMUMJEUGDLOON_TOT = 21


@dataclass(frozen=True)
class LopendeLoonkostensubsidie:
    op: date
    berekening: Loonkostensubsidie
    gewijzigd: bool  # differs from the amount stored when the loonwaarde was fixed
    jeugdloon_controleren: bool


def loonkostensubsidie_op(instrument: Instrument, op: date) -> LopendeLoonkostensubsidie | None:
    """The monthly subsidy that applies on `op`: the WML changes on 1 January and 1 July, so the stored loonwaarde
    and hours are recomputed with the WML of that date. The stored first computation stays as it was recorded."""
    if instrument.loonwaarde_procent is None or instrument.uren_per_week is None:
        return None
    berekening = bereken_loonkostensubsidie(instrument.loonwaarde_procent, instrument.uren_per_week, instrument.traject.gemeente_id, op)
    return LopendeLoonkostensubsidie(
        op=op,
        berekening=berekening,
        gewijzigd=berekening.totaal_per_maand_cent != instrument.lks_per_maand_cent,
        jeugdloon_controleren=instrument.traject.persoon.leeftijd(op) < MINIMUMJEUGDLOON_TOT,
    )


# --- Re-integratie-instrumenten --------------------------------------------------------------------


def _werkdoel(door: Medewerker, plan: Ondersteuningsplan, persoon: Persoon, request=None):
    """The person's goal on leefgebied werk & opleiding in the plan; created when missing."""
    doel = plan.doelen.filter(persoon=persoon, leefgebied__code=LEEFGEBIED_WERK).order_by("volgorde", "id").first()
    if doel is not None:
        doel.plan = plan
        return doel
    return plannen.voeg_doel_toe(
        door,
        plan,
        plan.version,
        leefgebied=Leefgebied.objects.get(code=LEEFGEBIED_WERK),
        omschrijving=f"{persoon.naam} werkt toe naar (betaald) werk of meer meedoen",
        persoon=persoon,
        request=request,
    )


@transaction.atomic
def voeg_instrument_toe(
    door: Medewerker,
    traject: Traject,
    *,
    soort: str,
    omschrijving: str,
    uitvoerder: str,
    startdatum: date,
    einddatum: date | None = None,
    kosten_cent: int = 0,
    werkgever: Werkgever | None = None,
    loonwaarde_procent: int | None = None,
    uren_per_week: Decimal | None = None,
    begrotingspost: Begrotingspost | None = None,
    request=None,
) -> Instrument:
    """Add an instrument to the re-integratieplan; a loonwaardebepaling fixes its loonkostensubsidie.

    When the household has an open ondersteuningsplan, the instrument is also an action there (on the
    person's werk & opleiding goal, created if missing), under the Participatiewet and on `begrotingspost`:
    one household, one plan, split correctly by finance and monitor.
    """
    _eis_open(traject)
    fouten: dict[str, str] = {}
    if soort not in SoortInstrument.values:
        fouten["soort"] = "Kies het soort instrument."
    if not omschrijving.strip():
        fouten["omschrijving"] = "Beschrijf het instrument."
    if not uitvoerder.strip() and werkgever is None:
        fouten["uitvoerder"] = "Vul de aanbieder of werkgever in."
    if einddatum and einddatum < startdatum:
        fouten["einddatum"] = "De einddatum ligt vóór de begindatum."
    if kosten_cent is None or kosten_cent < 0:
        fouten["kosten_cent"] = "De kosten kunnen niet negatief zijn."
    if soort == SoortInstrument.LOONWAARDEBEPALING:
        if loonwaarde_procent is None:
            fouten["loonwaarde_procent"] = "Vul de vastgestelde loonwaarde in (percentage)."
        if uren_per_week is None:
            fouten["uren_per_week"] = "Vul de contracturen per week in."
    if fouten:
        raise ValidationError(fouten)
    lks = None
    if soort == SoortInstrument.LOONWAARDEBEPALING:
        lks = bereken_loonkostensubsidie(loonwaarde_procent, uren_per_week, traject.gemeente_id, startdatum)
    instrument = Instrument.objects.create(
        traject=traject,
        soort=soort,
        omschrijving=omschrijving.strip(),
        uitvoerder=(uitvoerder.strip() or str(werkgever))[:200],
        werkgever=werkgever,
        startdatum=startdatum,
        einddatum=einddatum,
        kosten_cent=kosten_cent,
        loonwaarde_procent=loonwaarde_procent if lks else None,
        uren_per_week=uren_per_week if lks else None,
        lks_per_maand_cent=lks.totaal_per_maand_cent if lks else None,
        lks_berekening=lks.als_dict() if lks else None,
        vastgelegd_door=door,
    )
    persoon = traject.persoon
    huishouden = huidig_huishouden(persoon, startdatum) or huidig_huishouden(persoon)
    plan = Ondersteuningsplan.objects.open().filter(huishouden=huishouden).first() if huishouden else None
    if plan is not None:
        doel = _werkdoel(door, plan, persoon, request=request)
        actie = plannen.voeg_actie_toe(
            door,
            doel,
            plan.version,
            trede=TREDE_INSTRUMENT,
            omschrijving=f"{instrument.get_soort_display()}: {instrument.omschrijving}",
            uitvoerder=instrument.uitvoerder,
            van=startdatum,
            tot=einddatum,
            voorziening=instrument.get_soort_display(),
            wet=ActieWet.PARTICIPATIEWET,
            begrotingspost=begrotingspost,
            request=request,
        )
        instrument.actie = actie
        instrument.save(update_fields=["actie"])
    audit.log(
        door,
        AuditActie.AANMAKEN,
        instrument,
        omschrijving=f"Re-integratie-instrument {instrument.get_soort_display()} voor {persoon.naam}"
        + (" (ook in het ondersteuningsplan)" if plan else ""),
        huishouden_id=huishouden.pk if huishouden else None,
        request=request,
    )
    return instrument


@transaction.atomic
def leg_uitkomst_vast(
    door: Medewerker,
    instrument: Instrument,
    verwachte_versie: int,
    *,
    uitkomst: str,
    einddatum: date | None = None,
    toelichting: str = "",
    request=None,
) -> Instrument:
    if uitkomst not in Uitkomst.values:
        raise ValidationError({"uitkomst": "Kies een uitkomst."})
    einde = einddatum or instrument.einddatum
    if einde and einde < instrument.startdatum:
        raise ValidationError({"einddatum": "De einddatum ligt vóór de begindatum."})
    if uitkomst != Uitkomst.LOPEND and einde is None:
        raise ValidationError({"einddatum": "Vul de einddatum in van een afgerond instrument."})
    _raak_aan(instrument, verwachte_versie, uitkomst=uitkomst, einddatum=einde, uitkomst_toelichting=toelichting.strip())
    huishouden_id = _huishouden_id(instrument.traject.persoon, instrument.startdatum)
    audit.log(
        door,
        AuditActie.WIJZIGEN,
        instrument,
        omschrijving=f"Uitkomst {instrument.get_soort_display()}: {Uitkomst(uitkomst).label}",
        huishouden_id=huishouden_id,
        request=request,
    )
    _volg_actie(door, instrument, huishouden_id, request=request)
    return instrument


def _volg_actie(door: Medewerker, instrument: Instrument, huishouden_id: int | None, request=None) -> None:
    """The instrument's plan action ends when the instrument ends: one plan, one period. The plan changes,
    so its version goes up (open forms on the plan then see the change) and the change is audited."""
    if instrument.actie_id is None:
        return
    actie = Actie.objects.select_related("doel").get(pk=instrument.actie_id)
    if actie.tot == instrument.einddatum:
        return
    Actie.objects.filter(pk=actie.pk).update(tot=instrument.einddatum)
    Ondersteuningsplan.objects.filter(pk=actie.doel.plan_id).update(version=F("version") + 1)
    einde = f"{instrument.einddatum:%d-%m-%Y}" if instrument.einddatum else "open"
    audit.log(
        door,
        AuditActie.WIJZIGEN,
        actie,
        omschrijving=f"Einddatum actie {instrument.get_soort_display()} gelijk aan het instrument: {einde}",
        huishouden_id=huishouden_id,
        request=request,
    )


# --- Tegenprestatie --------------------------------------------------------------------------------

VOORWAARDE_NAAR_VERMOGEN = "Bevestig dat de tegenprestatie naar vermogen is: passend bij wat deze inwoner kan (Participatiewet art. 9)."
VOORWAARDE_GEEN_VERDRINGING = (
    "Bevestig dat de tegenprestatie geen betaald werk verdringt: het werk wordt niet ook door betaalde krachten gedaan."
)
VOORWAARDE_BEPERKT = "Bevestig dat de tegenprestatie beperkt is in tijd en omvang."


def tegenprestatie_grenzen(gemeente_id: int | None, op: date) -> dict[str, Any]:
    return dict(geldende_waarde(Sleutel.TEGENPRESTATIE_GRENZEN, gemeente_id, op))


#: Participatiewet art. 9 lid 1: the obligations (the tegenprestatie among them) apply "van 18 jaar of ouder doch jonger dan
#: de pensioengerechtigde leeftijd". The AOW age is at least 67 from 2024 on (AOW art. 7a; 67 jaar en 3 maanden from 2028),
#: so from 67 no tegenprestatie is asked: this errs on the side of not imposing an obligation in the months in between.
TEGENPRESTATIE_MINIMUMLEEFTIJD = 18
TEGENPRESTATIE_LEEFTIJD_TOT = 67


def _wie_fouten(traject: Traject, op: date) -> dict[str, str]:
    """Only a client on algemene bijstand (art. 9 lid 1 onder c), aged 18 up to the AOW age."""
    fouten: dict[str, str] = {}
    if traject.uitkering != Uitkering.BIJSTAND:
        fouten["__all__"] = (
            "Een tegenprestatie kan alleen worden gevraagd van wie algemene bijstand ontvangt (Participatiewet art. 9 lid 1 "
            f"onder c); de grondslag van dit traject is: {traject.get_uitkering_display()}."
        )
    leeftijd = traject.persoon.leeftijd(op)
    if not TEGENPRESTATIE_MINIMUMLEEFTIJD <= leeftijd < TEGENPRESTATIE_LEEFTIJD_TOT:
        fouten["startdatum"] = (
            f"Een tegenprestatie geldt voor wie {TEGENPRESTATIE_MINIMUMLEEFTIJD} jaar of ouder is en de AOW-leeftijd nog niet "
            f"heeft bereikt (Participatiewet art. 9 lid 1); op deze datum is de inwoner {leeftijd} jaar."
        )
    return fouten


def _traject_grenzen(
    traject: Traject, uren: Decimal, start: date, eind: date, max_uren: Decimal, max_maanden: int
) -> dict[str, str]:
    """The limits hold for the traject as a whole, not per record: overlapping tegenprestaties add up their
    hours per week, and all of them together (overlaps counted once) last at most `max_maanden`, counted
    from the first start — so neither stacking nor chaining records gets round "beperkt in tijd en omvang"."""
    fouten: dict[str, str] = {}
    bestaand = list(traject.tegenprestaties.values_list("startdatum", "einddatum", "uren_per_week"))
    # The peak of overlapping periods falls on one of their start dates.
    momenten = {start} | {b for b, e, _ in bestaand if start <= b <= eind}
    piek = max(uren + sum((u for b, e, u in bestaand if b <= m <= e), Decimal(0)) for m in momenten)
    if piek > max_uren:
        fouten["uren_per_week"] = (
            f"Een tegenprestatie is beperkt in omvang: samen met de andere tegenprestaties in deze periode wordt het "
            f"{piek:g} uur per week, ten hoogste {max_uren:g} uur per week."
        )
    perioden = sorted([(b, e) for b, e, _ in bestaand] + [(start, eind)])
    dagen, tot = 0, None
    for b, e in perioden:  # days covered, overlaps once
        if tot is not None and b <= tot:
            if e > tot:
                dagen += (e - tot).days
                tot = e
        else:
            dagen += (e - b).days + 1
            tot = e
    eerste = perioden[0][0]
    toegestaan = (plannen.plus_maanden(eerste, max_maanden) - eerste).days + 1
    if dagen > toegestaan:
        fouten["einddatum"] = (
            f"Een tegenprestatie is beperkt in tijd: binnen dit traject samen ten hoogste {max_maanden} maanden "
            f"({toegestaan} dagen); met deze erbij wordt het {dagen} dagen."
        )
    return fouten


@transaction.atomic
def leg_tegenprestatie_vast(
    door: Medewerker,
    traject: Traject,
    *,
    inhoud: str,
    uren_per_week: Decimal,
    startdatum: date,
    einddatum: date | None,
    naar_vermogen: bool,
    geen_verdringing: bool,
    beperkt_in_tijd_en_omvang: bool,
    organisatie: str = "",
    naar_vermogen_toelichting: str = "",
    geen_verdringing_toelichting: str = "",
    request=None,
) -> Tegenprestatie:
    """Agree a tegenprestatie only with every legal condition confirmed and within the policy limits."""
    _eis_open(traject)
    Traject.objects.select_for_update().filter(pk=traject.pk).first()  # one agreement at a time per traject (the sums below)
    grenzen = tegenprestatie_grenzen(traject.gemeente_id, startdatum)
    max_uren, max_maanden = Decimal(str(grenzen["max_uren_per_week"])), int(grenzen["max_maanden"])
    fouten: dict[str, str] = {}
    if not inhoud.strip():
        fouten["inhoud"] = "Beschrijf wat de inwoner doet."
    if not naar_vermogen:
        fouten["naar_vermogen"] = VOORWAARDE_NAAR_VERMOGEN
    if not geen_verdringing:
        fouten["geen_verdringing"] = VOORWAARDE_GEEN_VERDRINGING
    if not beperkt_in_tijd_en_omvang:
        fouten["beperkt_in_tijd_en_omvang"] = VOORWAARDE_BEPERKT
    if uren_per_week is None or uren_per_week <= 0:
        fouten["uren_per_week"] = "Vul het aantal uren per week in."
    elif uren_per_week > max_uren:
        fouten["uren_per_week"] = f"Een tegenprestatie is beperkt in omvang: ten hoogste {max_uren:g} uur per week."
    if einddatum is None:
        fouten["einddatum"] = "Een tegenprestatie is beperkt in tijd: vul de einddatum in."
    elif einddatum < startdatum:
        fouten["einddatum"] = "De einddatum ligt vóór de begindatum."
    elif einddatum > plannen.plus_maanden(startdatum, max_maanden):
        fouten["einddatum"] = f"Een tegenprestatie is beperkt in tijd: ten hoogste {max_maanden} maanden."
    fouten.update(_wie_fouten(traject, startdatum))
    if not fouten:
        fouten.update(_traject_grenzen(traject, uren_per_week, startdatum, einddatum, max_uren, max_maanden))
    if fouten:
        raise ValidationError(fouten)
    tp = Tegenprestatie.objects.create(
        traject=traject,
        inhoud=inhoud.strip(),
        organisatie=organisatie.strip(),
        uren_per_week=uren_per_week,
        startdatum=startdatum,
        einddatum=einddatum,
        naar_vermogen=True,
        naar_vermogen_toelichting=naar_vermogen_toelichting.strip(),
        geen_verdringing=True,
        geen_verdringing_toelichting=geen_verdringing_toelichting.strip(),
        beperkt_in_tijd_en_omvang=True,
        grenzen=grenzen,
        vastgelegd_door=door,
    )
    audit.log(
        door,
        AuditActie.AANMAKEN,
        tp,
        omschrijving=f"Tegenprestatie vastgelegd voor {traject.persoon.naam}: {uren_per_week:g} uur per week",
        huishouden_id=_huishouden_id(traject.persoon, startdatum),
        request=request,
    )
    return tp


# --- Werkgeversbenadering --------------------------------------------------------------------------


@transaction.atomic
def registreer_werkgever(
    door: Medewerker,
    *,
    naam: str,
    gemeente,
    kvk_nummer: str = "",
    contactpersoon: str = "",
    telefoon: str = "",
    email: str = "",
    request=None,
) -> Werkgever:
    fouten: dict[str, str] = {}
    if not naam.strip():
        fouten["naam"] = "Vul de naam van de werkgever in."
    if kvk_nummer and not (kvk_nummer.isdigit() and len(kvk_nummer) == 8):
        fouten["kvk_nummer"] = "Een KvK-nummer bestaat uit 8 cijfers."
    if fouten:
        raise ValidationError(fouten)
    werkgever = Werkgever.objects.create(
        naam=naam.strip(), gemeente=gemeente, kvk_nummer=kvk_nummer, contactpersoon=contactpersoon.strip(), telefoon=telefoon, email=email
    )
    audit.log(door, AuditActie.AANMAKEN, werkgever, omschrijving=f"Werkgever {werkgever.naam} vastgelegd", request=request)
    return werkgever


@transaction.atomic
def leg_werkgeverscontact_vast(
    door: Medewerker, werkgever: Werkgever, *, datum: date, soort: str, notities: str = "", request=None
) -> Werkgeverscontact:
    if soort not in Werkgeverscontact.Soort.values:
        raise ValidationError({"soort": "Kies het soort contact."})
    contact = Werkgeverscontact.objects.create(werkgever=werkgever, datum=datum, soort=soort, door=door, notities=notities.strip())
    audit.log(door, AuditActie.AANMAKEN, contact, omschrijving=f"Contact met {werkgever.naam} vastgelegd", request=request)
    return contact


@transaction.atomic
def maak_vacature(
    door: Medewerker,
    werkgever: Werkgever,
    *,
    titel: str,
    uren_per_week: Decimal,
    competenties: list[Competentie] | QuerySet,
    omschrijving: str = "",
    request=None,
) -> Vacature:
    fouten: dict[str, str] = {}
    if not titel.strip():
        fouten["titel"] = "Vul de functie in."
    if uren_per_week is None or uren_per_week <= 0:
        fouten["uren_per_week"] = "Vul het aantal uren per week in."
    if fouten:
        raise ValidationError(fouten)
    vacature = Vacature.objects.create(
        werkgever=werkgever, titel=titel.strip(), uren_per_week=uren_per_week, omschrijving=omschrijving.strip()
    )
    vacature.competenties.set(competenties)
    audit.log(door, AuditActie.AANMAKEN, vacature, omschrijving=f"Vacature {vacature.titel} bij {werkgever.naam}", request=request)
    return vacature


@transaction.atomic
def zet_competenties(door: Medewerker, persoon: Persoon, competenties: list[Competentie] | QuerySet, request=None) -> None:
    """Replace the candidate's competences (the shared list) in one change. Two saves at once are serialised on the
    person's row, and a pair that is already there is skipped rather than failing on the unique constraint."""
    Persoon.objects.select_for_update().filter(pk=persoon.pk).first()
    nieuw = {c.pk for c in competenties}
    Kandidaatcompetentie.objects.filter(persoon=persoon).exclude(competentie_id__in=nieuw).delete()
    bestaand = set(Kandidaatcompetentie.objects.filter(persoon=persoon).values_list("competentie_id", flat=True))
    Kandidaatcompetentie.objects.bulk_create(
        [Kandidaatcompetentie(persoon=persoon, competentie_id=pk) for pk in nieuw - bestaand], ignore_conflicts=True
    )
    audit.log(
        door,
        AuditActie.WIJZIGEN,
        persoon,
        omschrijving=f"Competenties van {persoon.naam} vastgelegd ({len(nieuw)})",
        huishouden_id=_huishouden_id(persoon, timezone.localdate()),
        request=request,
    )


@transaction.atomic
def plaats_kandidaat(
    door: Medewerker, traject: Traject, vacature: Vacature, *, startdatum: date, loonkostensubsidie: Instrument | None = None, request=None
) -> Plaatsing:
    _eis_open(traject)
    vacature = Vacature.objects.select_for_update().get(pk=vacature.pk)
    if not vacature.open:
        raise ValidationError("Deze vacature is al vervuld.")
    if loonkostensubsidie is not None and (
        loonkostensubsidie.traject_id != traject.pk or loonkostensubsidie.soort != SoortInstrument.LOONWAARDEBEPALING
    ):
        raise ValidationError({"loonkostensubsidie": "Kies een loonwaardebepaling uit het traject van deze kandidaat."})
    plaatsing = Plaatsing.objects.create(
        traject=traject, vacature=vacature, startdatum=startdatum, loonkostensubsidie=loonkostensubsidie, vastgelegd_door=door
    )
    vacature.open = False
    vacature.save(update_fields=["open"])
    audit.log(
        door,
        AuditActie.AANMAKEN,
        plaatsing,
        omschrijving=f"{traject.persoon.naam} geplaatst op {vacature.titel} bij {vacature.werkgever.naam}",
        huishouden_id=_huishouden_id(traject.persoon, startdatum),
        request=request,
    )
    return plaatsing


@transaction.atomic
def leg_plaatsingsresultaat_vast(
    door: Medewerker, plaatsing: Plaatsing, verwachte_versie: int, *, resultaat: str, einddatum: date | None = None, request=None
) -> Plaatsing:
    """Record how a placement went; a placement that ended (uitgevallen) needs its end date."""
    fouten: dict[str, str] = {}
    if resultaat not in Plaatsing.Resultaat.values:
        fouten["resultaat"] = "Kies het resultaat van de plaatsing."
    if resultaat == Plaatsing.Resultaat.UITGEVALLEN and einddatum is None:
        fouten["einddatum"] = "Vul de einddatum in van een plaatsing die is gestopt."
    if einddatum and einddatum < plaatsing.startdatum:
        fouten["einddatum"] = "De einddatum ligt vóór de startdatum."
    if fouten:
        raise ValidationError(fouten)
    _raak_aan(plaatsing, verwachte_versie, resultaat=resultaat, einddatum=einddatum)
    audit.log(
        door,
        AuditActie.WIJZIGEN,
        plaatsing,
        omschrijving=f"Plaatsing {plaatsing.traject.persoon.naam} op {plaatsing.vacature.titel}: {plaatsing.get_resultaat_display()}",
        huishouden_id=_huishouden_id(plaatsing.traject.persoon, plaatsing.startdatum),
        request=request,
    )
    return plaatsing


@dataclass(frozen=True)
class Match:
    traject: Traject
    vacature: Vacature
    aandeel: Fraction  # share of the vacancy's required competences the candidate has
    trede: int  # current step on the participatieladder (0: none recorded)

    @property
    def procent(self) -> int:
        return math.floor(self.aandeel * 100)


def _aandeel(gevraagd: set[int], heeft: set[int]) -> Fraction:
    return Fraction(len(gevraagd & heeft), len(gevraagd)) if gevraagd else Fraction(0)


def _treden(persoon_ids: list[int], op: date) -> dict[int, int]:
    treden: dict[int, int] = {}
    for persoon_id, trede in (
        Ladderscore.objects.filter(persoon_id__in=persoon_ids, datum__lte=op)
        .order_by("persoon_id", "-datum", "-id")
        .values_list("persoon_id", "trede")
    ):
        treden.setdefault(persoon_id, trede)
    return treden


def _zonder_noodtoegang(medewerker: Medewerker, trajecten: list[Traject], op: date) -> list[Traject]:
    """Drop candidates whose household the user sees only through a break-the-glass reason: that reason was
    given for one urgent case, not for scouting candidates (few such households, so checked one by one)."""
    nood = set(Noodtoegang.objects.filter(medewerker=medewerker, geldig_tot__gt=timezone.now()).values_list("huishouden_id", flat=True))
    if not nood:
        return trajecten
    alleen_nood: set[int] = {
        hh.pk for hh in Huishouden.objects.filter(pk__in=nood) if toegang_tot(medewerker, hh) != Toegang.EIGEN
    }
    if not alleen_nood:
        return trajecten
    uitsluiten = set(
        Traject.objects.filter(pk__in=[t.pk for t in trajecten], persoon__lidmaatschappen__huishouden_id__in=alleen_nood)
        .filter(Q(persoon__lidmaatschappen__einddatum__isnull=True) | Q(persoon__lidmaatschappen__einddatum__gt=op))
        .values_list("pk", flat=True)
    )
    return [t for t in trajecten if t.pk not in uitsluiten]


def kandidaten_voor(medewerker: Medewerker, vacature: Vacature, op: date) -> list[Match]:
    """Rank candidates (open trajecten in the Werkspoor or Participatiespoor) of households the user may see
    without a break-the-glass reason, who have at least one of the vacancy's competences: share of the
    vacancy's competences first, then the higher ladder step, then name."""
    gevraagd = set(vacature.competenties.values_list("pk", flat=True))
    if not gevraagd:
        return []
    met_competentie = Kandidaatcompetentie.objects.filter(competentie_id__in=gevraagd).values("persoon_id")
    qs = Traject.objects.open().filter(persoon_id__in=met_competentie).select_related("persoon")
    trajecten = _zonder_noodtoegang(medewerker, list(zichtbare_trajecten(medewerker, qs, op)), op)
    heeft: dict[int, set[int]] = {}
    for persoon_id, comp in Kandidaatcompetentie.objects.filter(persoon_id__in=[t.persoon_id for t in trajecten]).values_list(
        "persoon_id", "competentie_id"
    ):
        heeft.setdefault(persoon_id, set()).add(comp)
    treden = _treden([t.persoon_id for t in trajecten], op)
    matches = [Match(t, vacature, _aandeel(gevraagd, heeft.get(t.persoon_id, set())), treden.get(t.persoon_id, 0)) for t in trajecten]
    matches = [m for m in matches if m.aandeel > 0]
    return sorted(matches, key=lambda m: (-m.aandeel, -m.trede, m.traject.persoon.geslachtsnaam, m.traject.persoon.voornamen, m.traject.pk))


def vacatures_voor(traject: Traject, op: date) -> list[Match]:
    """Rank the open vacancies of the traject's gemeente for one candidate on the share of competences."""
    heeft = set(Kandidaatcompetentie.objects.filter(persoon=traject.persoon).values_list("competentie_id", flat=True))
    trede = _treden([traject.persoon_id], op).get(traject.persoon_id, 0)
    vacatures = (
        Vacature.objects.filter(open=True, werkgever__gemeente_id=traject.gemeente_id)
        .select_related("werkgever")
        .prefetch_related("competenties")
    )
    matches = [Match(traject, v, _aandeel({c.pk for c in v.competenties.all()}, heeft), trede) for v in vacatures]
    return sorted(matches, key=lambda m: (-m.aandeel, m.vacature.titel, m.vacature.pk))
