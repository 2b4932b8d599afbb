"""The access flow as domain operations. One call = one transaction + its audit record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Medewerker, Rol, Team
from keukentafel.beleid.models import Leefgebied, Sleutel
from keukentafel.beleid.services import geldende_instelling
from keukentafel.inwoners.models import Huishouden, Persoon
from keukentafel.inwoners.services import GelijktijdigGewijzigd, huidig_huishouden, maak_huishouden, registreer_persoon

from .models import (
    Gesprek,
    Kanaal,
    MelderType,
    Melding,
    MeldingStatus,
    Onderzoek,
    OnderzoekStatus,
    Opschorting,
    ScoreBron,
    TriageUitkomst,
    Urgentie,
    Verslagonderdeel,
    Zelfredzaamheidsscore,
)


@dataclass
class LopendeCasus:
    """The case a new melding about the same household must join, and who runs it."""

    melding: Melding | None
    behandelaar: Medewerker | None
    team: Team | None
    wat: str


def lopende_casus(huishouden: Huishouden) -> LopendeCasus | None:
    """An open plan, running onderzoek or open melding of this household, in that order."""
    from keukentafel.plannen.models import Ondersteuningsplan

    plan = Ondersteuningsplan.objects.open().filter(huishouden=huishouden).select_related("regisseur__team").first()
    onderzoek = Onderzoek.objects.lopend().filter(huishouden=huishouden).select_related("melding", "behandelaar__team").first()
    melding = (
        Melding.objects.open()
        .filter(huishouden=huishouden, gekoppeld_aan__isnull=True)
        .select_related("toegewezen_aan", "team")
        .order_by("ontvangen_op")
        .first()
    )
    hoofd = onderzoek.melding if onderzoek else melding
    if plan and hoofd is None:
        # The plan's own melding is closed once its onderzoek ended; the new melding still joins that case.
        hoofd = (
            plan.onderzoek.melding
            if plan.onderzoek_id
            else Melding.objects.filter(huishouden=huishouden, gekoppeld_aan__isnull=True).order_by("-ontvangen_op").first()
        )
    if plan:
        return LopendeCasus(hoofd, plan.regisseur, plan.regisseur.team, "ondersteuningsplan")
    if onderzoek:
        return LopendeCasus(onderzoek.melding, onderzoek.behandelaar, onderzoek.behandelaar.team, "onderzoek")
    if melding:
        return LopendeCasus(melding, melding.toegewezen_aan, melding.team, "melding")
    return None


def team_voor(huishouden: Huishouden | None) -> Team | None:
    if huishouden is None or huishouden.gebied_id is None:
        return None
    return Team.objects.filter(gebied_id=huishouden.gebied_id).order_by("id").first()


@transaction.atomic
def registreer_melding(
    door: Medewerker | None,
    *,
    gemeente=None,
    gemeente_id: int | None = None,
    vraag: str,
    kanaal: str,
    melder_type: str,
    ontvangen_op: datetime | None = None,
    persoon: Persoon | None = None,
    huishouden: Huishouden | None = None,
    leefgebieden: Iterable[Leefgebied] = (),
    request=None,
    **velden,
) -> Melding:
    """Register a melding. If the household already has a running case, link to it (Jordi case)."""
    if not (vraag or "").strip():
        raise ValidationError({"vraag": "Beschrijf de vraag of het signaal."})
    anoniem = melder_type == MelderType.ANONIEM
    if anoniem and (persoon or huishouden):
        raise ValidationError("Een anoniem signaal wordt niet aan een persoon of huishouden gekoppeld.")
    if persoon and huishouden is None:
        huishouden = huidig_huishouden(persoon)
    if gemeente is None and gemeente_id is None:
        raise ValidationError("Een melding hoort bij een gemeente.")
    melding = Melding(
        gemeente_id=gemeente.pk if gemeente is not None else gemeente_id,
        vraag=vraag.strip(),
        kanaal=kanaal,
        melder_type=melder_type,
        anoniem=anoniem,
        ontvangen_op=ontvangen_op or timezone.now(),
        persoon=persoon,
        huishouden=huishouden,
        geregistreerd_door=door if door and door.is_authenticated else None,
        **velden,
    )
    if kanaal == Kanaal.VINDPLAATS and not melding.vindplaats:
        raise ValidationError({"vindplaats": "Kies de vindplaats waar het signaal vandaan komt."})
    casus = lopende_casus(huishouden) if huishouden else None
    if casus:
        melding.gekoppeld_aan = casus.melding
        melding.status = MeldingStatus.GEKOPPELD
        melding.toegewezen_aan = casus.behandelaar
        melding.team = casus.team
    else:
        # The household's team; a melding without one (e.g. from the portal) keeps the team its caller routed it to.
        melding.team = team_voor(huishouden) or melding.team
    melding.full_clean(exclude=["leefgebieden"])
    melding.save()
    melding.leefgebieden.set(leefgebieden)
    omschrijving = f"Melding via {melding.get_kanaal_display().lower()} geregistreerd"
    if casus:
        omschrijving += f", gekoppeld aan lopend(e) {casus.wat}"
    audit.log(door, AuditActie.AANMAKEN, melding, omschrijving=omschrijving, request=request)
    return melding


@transaction.atomic
def registreer_melding_met_inwoner(
    door: Medewerker,
    *,
    persoon: Persoon | None = None,
    nieuwe_persoon: dict | None = None,
    werkgemeente=None,
    request=None,
    **melding,
) -> Melding:
    """Register a melding for a known person, or for a new person (with a new household), in one transaction.

    A new person is registered first (`nieuwe_persoon`: the Persoon fields incl. bsn), a person without a
    current household gets one; the gemeente follows the address (postcode → gebied → gemeente), else the
    registering user's werkgemeente. Any failure rolls back person, household and melding together.
    """
    if persoon is not None and nieuwe_persoon is not None:
        raise ValueError("Geef een bestaande persoon of de gegevens van een nieuwe persoon, niet allebei.")
    if nieuwe_persoon is not None:
        persoon = registreer_persoon(door, **nieuwe_persoon)
    huishouden = None
    if persoon is not None:
        huishouden = huidig_huishouden(persoon) or maak_huishouden(door, persoon, timezone.localdate())
    gemeente_id = (huishouden.gemeente_id if huishouden else None) or (persoon.gemeente_id if persoon else None)
    gemeente_id = gemeente_id or (werkgemeente.pk if werkgemeente is not None else None)
    if gemeente_id is None:
        raise ValidationError(
            "De gemeente kan niet worden bepaald: het adres valt in geen bekend gebied en u werkt niet voor een gemeente."
        )
    return registreer_melding(door, gemeente_id=gemeente_id, persoon=persoon, huishouden=huishouden, request=request, **melding)


@transaction.atomic
def verwerk_in_casus(door: Medewerker, melding: Melding, *, verwachte_versie: int, toelichting: str, request=None) -> Melding:
    """The case owner has taken a melding that was linked to their running case into that case: it closes."""
    if melding.status != MeldingStatus.GEKOPPELD:
        raise ValidationError("Alleen een melding die aan een lopende casus is gekoppeld, kan in die casus worden verwerkt.")
    if not toelichting.strip():
        raise ValidationError({"toelichting": "Leg vast wat er met deze melding in de lopende casus gebeurt."})
    _bump(
        Melding,
        melding,
        verwachte_versie,
        status=MeldingStatus.AFGESLOTEN,
        afgesloten_op=timezone.now(),
        triage_toelichting=toelichting.strip(),
    )
    audit.log(door, AuditActie.WIJZIGEN, melding, omschrijving="Gekoppelde melding verwerkt in de lopende casus", request=request)
    return melding


def _bump(model, obj, verwachte_versie: int, **velden) -> None:
    """Save `velden` only if nobody else changed the row since `verwachte_versie` was read."""
    n = model.objects.filter(pk=obj.pk, version=verwachte_versie).update(version=verwachte_versie + 1, **velden)
    if not n:
        raise GelijktijdigGewijzigd(f"{model._meta.verbose_name.capitalize()}")
    for k, v in velden.items():
        setattr(obj, k, v)
    obj.version = verwachte_versie + 1


@transaction.atomic
def trieer(
    door: Medewerker,
    melding: Melding,
    *,
    uitkomst: str,
    verwachte_versie: int,
    vraagtype: str = "",
    toelichting: str = "",
    toewijzen_aan: Medewerker | None = None,
    voorliggend: str = "",
    doorverwezen_naar: str = "",
    request=None,
) -> Melding:
    """Decide where the question goes. Acute: escalation and immediate assignment."""
    if melding.status in (MeldingStatus.AFGESLOTEN, MeldingStatus.GEKOPPELD):
        raise ValidationError("Deze melding is al afgehandeld of hoort bij een lopende casus.")
    velden: dict = {
        "triage_uitkomst": uitkomst,
        "vraagtype": vraagtype,
        "triage_toelichting": toelichting,
        "getrieerd_op": timezone.now(),
        "getrieerd_door": door,
    }
    if uitkomst == TriageUitkomst.DIRECT:
        if not toelichting.strip():
            raise ValidationError({"toelichting": "Leg vast welk advies of welke voorziening is gegeven."})
        velden |= {"status": MeldingStatus.AFGESLOTEN, "afgesloten_op": timezone.now(), "doorverwezen_naar": doorverwezen_naar}
    elif uitkomst == TriageUitkomst.VOORLIGGEND:
        if not voorliggend or not doorverwezen_naar.strip():
            raise ValidationError({"doorverwezen_naar": "Kies de voorliggende voorziening en naar wie is doorverwezen."})
        velden |= {
            "status": MeldingStatus.AFGESLOTEN,
            "afgesloten_op": timezone.now(),
            "voorliggend": voorliggend,
            "doorverwezen_naar": doorverwezen_naar,
        }
    elif uitkomst in (TriageUitkomst.GEBIEDSTEAM, TriageUitkomst.ACUUT):
        if melding.huishouden_id is None:
            raise ValidationError("Koppel de melding eerst aan een inwoner of huishouden.")
        if uitkomst == TriageUitkomst.ACUUT:
            if toewijzen_aan is None:
                raise ValidationError({"toewijzen_aan": "Bij acute situaties wordt direct een generalist toegewezen."})
            velden["urgentie"] = Urgentie.ACUUT
        if toewijzen_aan is not None and toewijzen_aan.rol not in (Rol.GENERALIST, Rol.TEAMLEIDER):
            raise ValidationError({"toewijzen_aan": "Alleen een generalist of teamleider kan een melding behandelen."})
        velden |= {
            "status": MeldingStatus.IN_BEHANDELING if toewijzen_aan else MeldingStatus.NIEUW,
            "toegewezen_aan": toewijzen_aan,
            "team": toewijzen_aan.team if toewijzen_aan and toewijzen_aan.team else melding.team or team_voor(melding.huishouden),
        }
    else:
        raise ValidationError({"uitkomst": "Kies een uitkomst van de triage."})
    _bump(Melding, melding, verwachte_versie, **velden)
    audit.log(door, AuditActie.WIJZIGEN, melding, omschrijving=f"Triage: {melding.get_triage_uitkomst_display()}", request=request)
    return melding


@transaction.atomic
def wijs_toe(door: Medewerker, melding: Melding, medewerker: Medewerker, verwachte_versie: int, request=None) -> Melding:
    """(Re-)assign; a closed melding stays closed and a linked one stays part of its case."""
    if melding.status == MeldingStatus.AFGESLOTEN:
        raise ValidationError("Een afgesloten melding kan niet meer worden toegewezen.")
    if medewerker.rol not in (Rol.GENERALIST, Rol.TEAMLEIDER) or not medewerker.is_active:
        raise ValidationError({"medewerker": "Alleen een generalist of teamleider kan een melding behandelen."})
    status = MeldingStatus.GEKOPPELD if melding.status == MeldingStatus.GEKOPPELD else MeldingStatus.IN_BEHANDELING
    _bump(
        Melding,
        melding,
        verwachte_versie,
        toegewezen_aan=medewerker,
        team=medewerker.team or melding.team,
        status=status,
    )
    audit.log(door, AuditActie.WIJZIGEN, melding, omschrijving=f"Melding toegewezen aan {medewerker}", request=request)
    return melding


@transaction.atomic
def start_onderzoek(door: Medewerker, melding: Melding, behandelaar: Medewerker | None = None, request=None) -> Onderzoek:
    """Open the statutory onderzoek; its term comes from `beleid` as it applied on the melding date."""
    if melding.huishouden_id is None:
        raise ValidationError("Een onderzoek hoort bij een huishouden: koppel de melding eerst.")
    if melding.status == MeldingStatus.AFGESLOTEN:
        raise ValidationError("Deze melding is afgesloten; registreer een nieuwe melding om een onderzoek te starten.")
    if Onderzoek.objects.lopend().filter(huishouden_id=melding.huishouden_id).exists():
        raise ValidationError("Dit huishouden heeft al een lopend onderzoek.")
    if hasattr(melding, "onderzoek"):
        raise ValidationError("Voor deze melding is al een onderzoek gestart.")
    meldingsdatum = timezone.localtime(melding.ontvangen_op).date()
    termijn = geldende_instelling(Sleutel.ONDERZOEK_TERMIJN_DAGEN, melding.gemeente_id, meldingsdatum)
    behandelaar = behandelaar or melding.toegewezen_aan or door
    onderzoek = Onderzoek.objects.create(
        melding=melding,
        huishouden_id=melding.huishouden_id,
        behandelaar=behandelaar,
        startdatum=meldingsdatum,
        termijn_dagen=int(termijn.waarde),
        termijn_bron=termijn.bron,
    )
    Melding.objects.filter(pk=melding.pk).update(
        status=MeldingStatus.IN_BEHANDELING, toegewezen_aan=behandelaar, version=melding.version + 1
    )
    uiterlijk = onderzoek.uiterste_datum()
    audit.log(door, AuditActie.AANMAKEN, onderzoek, omschrijving=f"Onderzoek gestart, uiterlijk {uiterlijk:%d-%m-%Y}", request=request)
    return onderzoek


@transaction.atomic
def schort_op(door: Medewerker, onderzoek: Onderzoek, reden: str, van: date, request=None) -> Opschorting:
    if onderzoek.status != OnderzoekStatus.LOPEND:
        raise ValidationError("Alleen een lopend onderzoek kan worden opgeschort.")
    if onderzoek.is_opgeschort:
        raise ValidationError("Het onderzoek is al opgeschort; beëindig eerst die opschorting.")
    if not reden.strip():
        raise ValidationError({"reden": "Geef de reden van de opschorting."})
    if van < onderzoek.startdatum:
        raise ValidationError({"van": "Een opschorting kan niet vóór de meldingsdatum beginnen."})
    o = Opschorting.objects.create(onderzoek=onderzoek, reden=reden.strip(), van=van, vastgelegd_door=door)
    audit.log(door, AuditActie.WIJZIGEN, onderzoek, omschrijving=f"Termijn opgeschort vanaf {van:%d-%m-%Y}", reden=reden, request=request)
    return o


@transaction.atomic
def beeindig_opschorting(door: Medewerker, opschorting: Opschorting, tot: date, request=None) -> Opschorting:
    if opschorting.tot is not None:
        raise ValidationError("Deze opschorting is al beëindigd.")
    if tot < opschorting.van:
        raise ValidationError({"tot": "De einddatum ligt vóór de begindatum van de opschorting."})
    opschorting.tot = tot
    opschorting.save(update_fields=["tot"])
    audit.log(door, AuditActie.WIJZIGEN, opschorting.onderzoek, omschrijving=f"Opschorting beëindigd per {tot:%d-%m-%Y}", request=request)
    return opschorting


@dataclass
class Termijnstatus:
    uiterste_datum: date
    dagen_over: int
    waarschuwing: bool
    verlopen: bool
    opgeschort: bool

    @property
    def dagen_te_laat(self) -> int:
        return max(0, -self.dagen_over)


def waarschuwingsmarge(gemeente_id: int | None, op: date) -> int:
    """Days before a deadline that the worklist starts warning (policy of the gemeente on `op`)."""
    return int(geldende_instelling(Sleutel.TERMIJN_WAARSCHUWING_DAGEN, gemeente_id, op).waarde)


def termijnstatus(onderzoek: Onderzoek, op: date | None = None, marge: int | None = None) -> Termijnstatus:
    """Deadline, days left and flags. Pass `marge` (see `waarschuwingsmarge`) to avoid a query per row."""
    op = op or timezone.localdate()
    uiterst = onderzoek.uiterste_datum(op)
    if marge is None:
        marge = waarschuwingsmarge(onderzoek.huishouden.gemeente_id, op)
    over = (uiterst - op).days
    lopend = onderzoek.status == OnderzoekStatus.LOPEND
    return Termijnstatus(uiterst, over, lopend and 0 <= over <= marge, lopend and over < 0, onderzoek.is_opgeschort)


@transaction.atomic
def plan_gesprek(door: Medewerker, onderzoek: Onderzoek, gepland_op: datetime, request=None, **velden) -> Gesprek:
    if onderzoek.status != OnderzoekStatus.LOPEND:
        raise ValidationError("Het onderzoek is niet meer lopend.")
    gesprek = Gesprek(onderzoek=onderzoek, gepland_op=gepland_op, gevoerd_door=door, **velden)
    gesprek.full_clean()
    gesprek.save()
    audit.log(
        door,
        AuditActie.AANMAKEN,
        gesprek,
        huishouden_id=onderzoek.huishouden_id,
        omschrijving=f"Gesprek gepland op {timezone.localtime(gepland_op):%d-%m-%Y %H:%M}",
        request=request,
    )
    return gesprek


@dataclass
class Bevinding:
    leefgebied: Leefgebied
    bevindingen: str = ""
    score: int | None = None
    persoon: Persoon | None = None


@transaction.atomic
def leg_gesprek_vast(
    door: Medewerker,
    gesprek: Gesprek,
    *,
    verwachte_versie: int,
    gehouden_op: datetime,
    bevindingen: list[Bevinding],
    request=None,
    **velden,
) -> Gesprek:
    """Record the held conversation: verslag per leefgebied and scores into the score history."""
    if gehouden_op > timezone.now():
        raise ValidationError({"gehouden_op": "Een gesprek kan niet in de toekomst gehouden zijn."})
    if not velden.get("gewezen_op_clientondersteuning", gesprek.gewezen_op_clientondersteuning):
        raise ValidationError(
            {"gewezen_op_clientondersteuning": "Leg vast dat de inwoner is gewezen op gratis onafhankelijke cliëntondersteuning."}
        )
    for b in bevindingen:
        if b.score is not None and not 1 <= int(b.score) <= 5:
            raise ValidationError(f"Score voor {b.leefgebied} moet tussen 1 en 5 liggen.")
    _bump(Gesprek, gesprek, verwachte_versie, gehouden_op=gehouden_op, **velden)
    datum = timezone.localtime(gehouden_op).date()
    huishouden_id = gesprek.onderzoek.huishouden_id
    gesprek.scores.all().delete()
    for b in bevindingen:
        if not b.bevindingen.strip() and b.score is None:
            Verslagonderdeel.objects.filter(gesprek=gesprek, leefgebied=b.leefgebied, persoon=b.persoon).delete()
            continue
        Verslagonderdeel.objects.update_or_create(
            gesprek=gesprek,
            leefgebied=b.leefgebied,
            persoon=b.persoon,
            defaults={"bevindingen": b.bevindingen.strip(), "score": b.score},
        )
        if b.score is not None:
            Zelfredzaamheidsscore.objects.create(
                huishouden_id=huishouden_id,
                persoon=b.persoon,
                leefgebied=b.leefgebied,
                score=b.score,
                datum=datum,
                bron=ScoreBron.GESPREK,
                gesprek=gesprek,
                vastgelegd_door=door,
            )
    audit.log(
        door,
        AuditActie.WIJZIGEN,
        gesprek,
        huishouden_id=huishouden_id,
        omschrijving=f"Verslag keukentafelgesprek vastgelegd ({len(bevindingen)} leefgebieden)",
        request=request,
    )
    return gesprek


@transaction.atomic
def voeg_opmerking_inwoner_toe(door: Medewerker, gesprek: Gesprek, opmerkingen: str, request=None) -> Gesprek:
    """The resident's own remarks on the verslag; kept verbatim, never overwritten by staff text."""
    if not opmerkingen.strip():
        raise ValidationError({"opmerkingen": "Vul de opmerkingen van de inwoner in."})
    gesprek.opmerkingen_inwoner = (gesprek.opmerkingen_inwoner + "\n\n" if gesprek.opmerkingen_inwoner else "") + opmerkingen.strip()
    gesprek.opmerkingen_inwoner_op = timezone.now()
    gesprek.save(update_fields=["opmerkingen_inwoner", "opmerkingen_inwoner_op"])
    audit.log(
        door,
        AuditActie.WIJZIGEN,
        gesprek,
        huishouden_id=gesprek.onderzoek.huishouden_id,
        omschrijving="Opmerkingen van de inwoner bij het verslag toegevoegd",
        request=request,
    )
    return gesprek


@transaction.atomic
def rond_onderzoek_af(
    door: Medewerker,
    onderzoek: Onderzoek,
    conclusie: str,
    op: date | None = None,
    request=None,
    verwachte_versie: int | None = None,
) -> Onderzoek:
    """Close the onderzoek with its conclusion; its melding is then handled too (it no longer links new ones)."""
    if onderzoek.status != OnderzoekStatus.LOPEND:
        raise ValidationError("Dit onderzoek is al afgerond.")
    if not conclusie.strip():
        raise ValidationError({"conclusie": "Leg de conclusie van het onderzoek vast."})
    if not onderzoek.gesprekken.filter(gehouden_op__isnull=False).exists():
        raise ValidationError("Rond het onderzoek pas af na een gehouden gesprek met verslag.")
    _bump(
        Onderzoek,
        onderzoek,
        onderzoek.version if verwachte_versie is None else verwachte_versie,
        status=OnderzoekStatus.AFGEROND,
        afgerond_op=op or timezone.localdate(),
        conclusie=conclusie.strip(),
    )
    Melding.objects.filter(pk=onderzoek.melding_id).exclude(status=MeldingStatus.AFGESLOTEN).update(
        status=MeldingStatus.AFGESLOTEN, afgesloten_op=timezone.now(), version=models.F("version") + 1
    )
    audit.log(door, AuditActie.WIJZIGEN, onderzoek, omschrijving="Onderzoek afgerond", request=request)
    return onderzoek
